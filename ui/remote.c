/* remote: remote commands and the central catalogue, acted on between citizens (remote.h).
 * Start at remote_poll. */
#include "remote.h"

#include "app.h"
#include "firmware/err.h"
#include "firmware/events.h"
#include "firmware/log.h"
#include "firmware/store_sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOCK_KEY "lock"

/* Nobody is in the middle of something: a command may change the screen under them. */
static bool between_citizens(const struct app *a)
{
	return a->cur == SCR_HOME || a->cur == SCR_CLOSED || a->cur == SCR_LOCKED;
}

/* An event for the central system; a failure is logged (the action itself stands). */
static void report(struct app *a, const char *kind, const char *body)
{
	int rc = a->d.store ? store_event(a->d.store, kind, body, app_now_s(a)) : 0;

	if (rc)
		log_error("remote: %s not recorded: %s", kind, err_str(rc));
	else if (a->d.sync)
		sync_kick(a->d.sync);
}

/* An event whose body could not be built is logged as not recorded. */
static void report_built(struct app *a, const char *kind, int built, const char *body)
{
	if (built)
		log_error("remote: %s not recorded: %s", kind, err_str(built));
	else
		report(a, kind, body);
}

void remote_init(struct app *a)
{
	if (!a->d.store || store_state_get(a->d.store, LOCK_KEY, a->lock_message,
					   sizeof(a->lock_message), NULL) != 0)
		return;
	a->locked = true;
	log_info("remote: locked by the central system before the restart");
}

static void lock(struct app *a, const char *message)
{
	int rc = a->d.store ? store_state_put(a->d.store, LOCK_KEY, message, app_now_s(a)) : 0;
	char body[STORE_OUTBOX_BODY_MAX];

	if (rc)
		log_error("remote: the lock is not kept across a restart: %s", err_str(rc));
	snprintf(a->lock_message, sizeof(a->lock_message), "%s", message);
	a->locked = true;
	log_info("remote: locked");
	report_built(a, "kiosk.lock", events_lock(true, message, body, sizeof(body)), body);
	app_go(a, SCR_LOCKED);
}

void remote_unlock(struct app *a)
{
	int rc = a->d.store ? store_state_delete(a->d.store, LOCK_KEY) : 0;
	char body[STORE_OUTBOX_BODY_MAX];

	if (rc)
		log_error("remote: unlock not kept: %s", err_str(rc));
	a->locked = false;
	a->lock_message[0] = '\0';
	log_info("remote: unlocked");
	report_built(a, "kiosk.lock", events_lock(false, "", body, sizeof(body)), body);
	if (a->cur == SCR_LOCKED)
		app_go(a, SCR_HOME);
}

static void reprint_failed(struct app *a, const struct queue_ticket *t, const char *why)
{
	char body[256];

	log_warn("remote: reprint not done: %s", why);
	report_built(a, "ticket.reprinted", events_reprinted(t ? t->prefix : NULL, t ? t->day : 0,
							     t ? t->seq : 0, false, why, body,
							     sizeof(body)), body);
}

/* The last ticket printed today, again, marked as a copy. Its job id is the ticket's id
 * negated, so that its result never passes for the ticket's own print. */
static void reprint(struct app *a)
{
	struct queue_ticket t;
	struct raster *r = NULL;
	char job[96];
	int rc = queue_last_printed(a->d.queue, app_now_s(a), &t);

	if (rc) {
		reprint_failed(a, NULL, rc == ERR_NOTFOUND ? "no ticket printed today" : err_str(rc));
		return;
	}
	snprintf(job, sizeof(job), "%s-copy", t.ticket_id);
	rc = app_render_ticket(a, &t, true, &r);
	if (!rc) {
		rc = printq_submit(a->d.printq, -t.id, job, r);
		if (rc)
			raster_free(r);
	}
	if (rc) {
		reprint_failed(a, &t, err_str(rc));
		return;
	}
	a->reprint = t;
	a->reprinting = true;
	log_info("remote: reprinting %s", t.number);
}

bool remote_on_print(struct app *a, const struct printq_result *res)
{
	char body[256];
	const struct queue_ticket *t = &a->reprint;

	if (res->ticket_id >= 0)
		return false;
	a->reprinting = false;
	if (res->rc) {
		reprint_failed(a, &a->reprint, err_str(res->rc));
		return true;
	}
	log_info("remote: reprinted %s", a->reprint.number);
	report_built(a, "ticket.reprinted", events_reprinted(t->prefix, t->day, t->seq, true, "", body,
							     sizeof(body)), body);
	return true;
}

static void run_command(struct app *a, const struct sync_command *c)
{
	log_info("remote: command %s", c->id);
	switch (c->kind) {
	case SYNC_CMD_LOCK:
		lock(a, c->message);
		break;
	case SYNC_CMD_UNLOCK:
		remote_unlock(a);
		break;
	case SYNC_CMD_REPRINT_LAST:
		reprint(a);
		break;
	case SYNC_CMD_RELOAD_CONFIG:
		a->reload_wanted = true;
		break;
	}
}

/* The catalogue in use becomes the central system's. Nothing points into the old one
 * between citizens (lists are rebuilt when their screens are entered). */
static void take_catalog(struct app *a)
{
	struct catalog *c = NULL;
	char *text = NULL, err[256];
	int rc;

	if (!sync_take_catalog(a->d.sync, &text))
		return;
	rc = catalog_load_string(text, "central catalogue", &c, err, sizeof(err));
	free(text);
	if (rc) {
		log_error("remote: central catalogue refused: %s", err);
		return;
	}
	catalog_adopt_photos(c, a->local_cat);
	queue_set_catalog(a->d.queue, c);
	a->d.cat = c;
	catalog_free(a->central_cat);
	a->central_cat = c;
	log_info("remote: catalogue from the central system in use (%zu services)",
		 catalog_service_count(c));
	if (a->cur == SCR_HOME || a->cur == SCR_CLOSED)
		app_go(a, SCR_HOME); /* opening hours may have changed */
}

/* Three failed exchanges in a row, over at least ten seconds of the kiosk's clock, before the
 * staff strip says so: one lost request is not an outage. */
#define LINK_DOWN_FAILURES 3
#define LINK_DOWN_MS 10000

void remote_poll(struct app *a)
{
	struct sync_command c;
	struct sync_health h;
	bool down;

	if (!a->d.sync)
		return;
	sync_status(a->d.sync, &h);
	if (h.failures == 0)
		a->link_failing_ms = 0;
	else if (!a->link_failing_ms)
		a->link_failing_ms = clock_mono_ms(a->d.clock);
	down = h.failures >= LINK_DOWN_FAILURES &&
	       clock_mono_ms(a->d.clock) - a->link_failing_ms >= LINK_DOWN_MS;
	if (a->link_down != down)
		log_info("remote: link to the central system %s", down ? "down" : "back");
	a->link_down = down;
	if (!between_citizens(a))
		return;
	take_catalog(a);
	/* one command per poll, and none while a reprint prints or a reload is pending: each
	 * runs on the state the one before left */
	if (a->reprinting || a->reload_wanted || !between_citizens(a))
		return;
	if (sync_take_command(a->d.sync, &c))
		run_command(a, &c);
}

void remote_free(struct app *a)
{
	catalog_free(a->central_cat);
	a->central_cat = NULL;
}

bool app_reload_wanted(const struct app *a)
{
	return a->reload_wanted && !a->reprinting && between_citizens(a);
}

void app_reload_done(struct app *a, bool ok, const char *reason)
{
	char body[STORE_OUTBOX_BODY_MAX];

	a->reload_wanted = false;
	if (ok)
		log_info("remote: configuration reloaded; restarting on it");
	else
		log_error("remote: new configuration refused, the running one stays: %s", reason);
	report_built(a, "kiosk.reload", events_reload(ok, ok ? "" : reason, body, sizeof(body)),
		     body);
}
