/* staff: the staff's way in and their screen's actions (staff.h). */
#include "staff.h"

#include "journey_internal.h"
#include "prints.h"
#include "remote.h"

#include "firmware/err.h"
#include "firmware/events.h"
#include "firmware/log.h"
#include "firmware/queue.h"
#include "firmware/store.h"

#include <stdlib.h>
#include <string.h>

struct staff {
	struct journey_ctx *cx;
	struct prints *prints;
	struct remote *remote;
	int taps;
	int64_t first_tap_ms;
	char entry[STAFF_PIN_MAX + 1];
	int wrong;
	int64_t closed_until_ms;
	bool refused;                 /* the last PIN was wrong: say so */
	int backlog;                  /* the screen's figures (staff_refresh), -1 unknown */
	int counts[4];                /* today's tickets by status */
	bool counts_ok;
	const char *test_result;      /* i18n key, NULL none */
};

int staff_new(struct journey_ctx *cx, struct prints *p, struct remote *r, struct staff **out)
{
	struct staff *s = calloc(1, sizeof(*s));

	if (!s)
		return ERR_NOMEM;
	s->cx = cx;
	s->prints = p;
	s->remote = r;
	s->backlog = -1;
	*out = s;
	return 0;
}

void staff_free(struct staff *s)
{
	if (s)
		memset(s->entry, 0, sizeof(s->entry));
	free(s);
}

/* {"action": ...} to the outbox. */
static void report(struct staff *s, const char *action)
{
	char body[64];

	journey_event(s->cx, "staff", "kiosk.staff", events_staff(action, body, sizeof(body)),
		      body);
}

void staff_clock_tap(struct staff *s, bool between_citizens)
{
	int64_t now = journey_mono_ms(s->cx);

	if (!s->cx->d.cfg->staff_pin[0] || now < s->closed_until_ms || !between_citizens)
		return;
	if (s->taps == 0 || now - s->first_tap_ms > STAFF_TAPS_MS) {
		s->taps = 0;
		s->first_tap_ms = now;
	}
	if (++s->taps < STAFF_TAPS)
		return;
	s->taps = 0;
	s->entry[0] = '\0';
	s->refused = false;
	journey_show(s->cx, SHOW_STAFF_PIN);
}

void staff_pin_digit(struct staff *s, char digit)
{
	size_t n = strlen(s->entry);

	if (digit >= '0' && digit <= '9' && n < STAFF_PIN_MAX)
		s->entry[n] = digit;
}

void staff_pin_erase(struct staff *s)
{
	size_t n = strlen(s->entry);

	if (n > 0)
		s->entry[n - 1] = '\0';
}

void staff_pin_clear(struct staff *s)
{
	memset(s->entry, 0, sizeof(s->entry));
}

void staff_try_pin(struct staff *s)
{
	bool ok = strcmp(s->entry, s->cx->d.cfg->staff_pin) == 0;

	staff_pin_clear(s);
	if (ok) {
		s->wrong = 0;
		s->refused = false;
		log_info("staff: screen opened");
		report(s, "opened");
		journey_show(s->cx, SHOW_STAFF);
		return;
	}
	s->refused = true;
	log_warn("staff: wrong PIN (%d of %d)", s->wrong + 1, STAFF_TRIES);
	report(s, "pin_refused");
	if (++s->wrong < STAFF_TRIES)
		return;
	s->wrong = 0;
	s->closed_until_ms = journey_mono_ms(s->cx) + STAFF_CLOSED_MS;
	log_warn("staff: way in closed for %d minutes", STAFF_CLOSED_MS / 60000);
	report(s, "closed_after_tries");
	journey_show(s->cx, SHOW_HOME);
}

int staff_pin_len(const struct staff *s)
{
	return (int)strlen(s->entry);
}

bool staff_pin_refused(const struct staff *s)
{
	return s->refused;
}

void staff_pin_unrefuse(struct staff *s)
{
	s->refused = false;
}

void staff_refresh(struct staff *s)
{
	struct store *st = s->cx->d.store;
	int day;

	s->backlog = -1;
	s->counts_ok = false;
	if (!st)
		return;
	if (store_outbox_backlog(st, &s->backlog) != 0)
		s->backlog = -1;
	s->counts_ok = queue_service_day(s->cx->d.queue, journey_now_s(s->cx), &day) == 0 &&
		       store_ticket_counts(st, day, s->counts) == 0;
}

void staff_open(struct staff *s)
{
	s->test_result = NULL;
	staff_refresh(s);
}

bool staff_can_test(const struct staff *s)
{
	return !prints_staff_job(s->prints);
}

void staff_test_print(struct staff *s)
{
	int rc;

	if (!staff_can_test(s))
		return;
	rc = prints_test_page(s->prints);
	s->test_result = rc ? "staff_test_failed" : "staff_test_printing";
	if (rc)
		log_warn("staff: test print not sent: %s", err_str(rc));
	report(s, "test_print");
}

void staff_on_test(struct staff *s, const struct printq_result *res)
{
	s->test_result = res->rc ? "staff_test_failed" : "staff_test_done";
	log_info("staff: test print %s", res->rc ? err_str(res->rc) : "done");
}

void staff_unlock(struct staff *s)
{
	if (!remote_locked(s->remote))
		return;
	log_info("staff: unlocked on site");
	report(s, "unlock");
	remote_unlock(s->remote);
}

int staff_backlog(const struct staff *s)
{
	return s->backlog;
}

bool staff_counts(const struct staff *s, int counts[4])
{
	if (s->counts_ok)
		memcpy(counts, s->counts, sizeof(s->counts));
	return s->counts_ok;
}

const char *staff_test_result(const struct staff *s)
{
	return s->test_result;
}
