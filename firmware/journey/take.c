/* take: issue → print → printed, voided or shown (take.h). Start at take_number. */
#include "take.h"

#include "journey_internal.h"
#include "prints.h"

#include "firmware/err.h"
#include "firmware/log.h"
#include "firmware/randid.h"
#include "firmware/storage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How long past the worker's deadline the journey waits for its answer before numbering the
 * ticket from the reserved range anyway (the worker answers by its deadline; this only
 * covers a worker that cannot). */
#define TAKE_NUMBER_MARGIN_MS 400

struct take {
	struct journey_ctx *cx;
	struct prints *prints;
	char request_id[40];
	char service[8];          /* of the current ticket or refusal */
	int priority;
	enum take_phase phase;
	struct queue_ticket ticket;
	int print_rc;
	enum take_notice notice;
	int64_t notice_when;
	struct {
		bool waiting;
		struct numbers_request req;
		int64_t asked_ms;         /* the injected monotonic clock */
	} num;
	int64_t tap_ns, tap_to_bytes_ns;
	int printed;
};

int take_new(struct journey_ctx *cx, struct prints *p, struct take **out)
{
	struct take *t = calloc(1, sizeof(*t));

	if (!t)
		return ERR_NOMEM;
	t->cx = cx;
	t->prints = p;
	take_new_request(t);
	*out = t;
	return 0;
}

void take_free(struct take *t)
{
	free(t);
}

void take_new_request(struct take *t)
{
	randid_hex(t->request_id);
}

static void notice(struct take *t, enum take_notice why, int64_t when)
{
	t->phase = TAKE_REFUSED;
	t->notice = why;
	t->notice_when = when;
	journey_show(t->cx, SHOW_NOTICE);
}

void take_refuse(struct take *t, const char *service, enum take_notice why, int64_t when)
{
	snprintf(t->service, sizeof(t->service), "%s", service);
	notice(t, why, when);
}

/* The issue refused rc: the notice, with the service's next opening. */
static void refused(struct take *t, int rc)
{
	const struct catalog_service *s = catalog_service_find(t->cx->cat, t->service);
	struct queue_avail_info info = { .next_open = -1 };

	log_warn("take: service %s: %s", t->service, err_str(rc));
	if (s)
		queue_availability(t->cx->d.queue, s, journey_now_s(t->cx), &info);
	notice(t, rc == ERR_CLOSED ? TAKE_NOTICE_CLOSED : rc == ERR_CAP ? TAKE_NOTICE_FULL :
	       rc == ERR_RANGE ? TAKE_NOTICE_RANGE : TAKE_NOTICE_ERROR, info.next_open);
}

static void replay(struct take *t)
{
	static const enum take_phase phase[] = {
		[TICKET_PENDING] = TAKE_PRINTING, [TICKET_PRINTED] = TAKE_PRINTED,
		[TICKET_VOIDED] = TAKE_VOIDED, [TICKET_SHOWN] = TAKE_SHOWN,
	};

	log_info("take: repeated request for %s, not issuing again", t->ticket.number);
	t->phase = phase[t->ticket.status];
	journey_show(t->cx, SHOW_TICKET);
}

/* The ledger has the outcome already (store_ticket_finish); a database too full to take it
 * gets the reserve, and if even that fails the record waits in the ledger for the next start
 * while tickets stay off. */
static void finish(struct take *t, int status, const char *reason)
{
	struct storage *g = t->cx->d.storage;
	int rc = queue_finish(t->cx->d.queue, t->ticket.id, status, reason, journey_now_s(t->cx));

	if ((rc == ERR_FULL || rc == ERR_IO) && g && storage_release(g) == 0)
		rc = queue_finish(t->cx->d.queue, t->ticket.id, status, reason, journey_now_s(t->cx));
	if (!rc)
		return;
	log_error("take: cannot record %s as %d: %s; the ledger keeps it for the next start",
		  t->ticket.number, status, err_str(rc));
	if (g)
		storage_hold(g, true);
}

/* The printer's verdict on the current ticket: 0 printed, else why not. */
static void printed(struct take *t, int rc, int64_t sent_ns)
{
	const char *why = rc == ERR_PAPER ? "paper out" : "printer error";

	t->print_rc = rc;
	if (rc == 0) {
		finish(t, TICKET_PRINTED, NULL);
		t->phase = TAKE_PRINTED;
		t->printed++;
		if (sent_ns && t->tap_ns)
			t->tap_to_bytes_ns = sent_ns - t->tap_ns;
		log_info("ticket: %s printed", t->ticket.number);
	} else if (t->cx->d.cfg->show_number_if_print_fails) {
		finish(t, TICKET_SHOWN, why);
		t->phase = TAKE_SHOWN;
		log_warn("ticket: %s shown on screen, print failed: %s", t->ticket.number, err_str(rc));
	} else {
		finish(t, TICKET_VOIDED, why);
		t->phase = TAKE_VOIDED;
		log_warn("ticket: %s voided, print failed: %s", t->ticket.number, err_str(rc));
	}
}

static void submit(struct take *t)
{
	int rc = prints_ticket(t->prints, &t->ticket);

	t->phase = TAKE_PRINTING;
	journey_show(t->cx, SHOW_TICKET);
	if (rc) {
		log_error("take: cannot print %s: %s", t->ticket.number, err_str(rc));
		printed(t, ERR_PRINTER, 0);
	}
}

/* A ticket issued (or replayed) by the queue: rc its result. */
static bool issued(struct take *t, int rc, bool replayed)
{
	if (!rc && replayed) {
		replay(t);
		return false;
	}
	if (rc)
		refused(t, rc);
	return rc == 0;
}

static void take_local(struct take *t)
{
	bool replayed;
	int rc = queue_issue(t->cx->d.queue, t->service, t->priority, t->request_id,
			     journey_now_s(t->cx), &t->ticket, &replayed);

	if (!issued(t, rc, replayed))
		return;
	log_info("take: issued %s (ticket %lld)", t->ticket.number, (long long)t->ticket.id);
	submit(t);
}

/* The request's number is settled: central_seq from the central system, or 0 for the next
 * of the reserved range (why says why, for the log). */
static void settle_number(struct take *t, int central_seq, const char *why)
{
	const struct config_sync *sy = &t->cx->d.cfg->sync;
	struct queue_numbered n = {
		.prefix = t->num.req.service, .priority = t->num.req.priority,
		.request_id = t->num.req.request_id, .day = t->num.req.day,
		.central_seq = central_seq, .range_from = sy->reserved_from,
		.range_to = sy->reserved_to,
	};
	bool replayed;
	int rc;

	t->num.waiting = false;
	rc = queue_issue_numbered(t->cx->d.queue, &n, journey_now_s(t->cx), &t->ticket, &replayed);
	if (rc == ERR_RANGE)
		log_error("take: no central number (%s) and the reserved range %d..%d is used up "
			  "for %s today", why, sy->reserved_from, sy->reserved_to, t->num.req.service);
	if (!issued(t, rc, replayed))
		return;
	log_info("take: issued %s (ticket %lld, %s number%s%s)", t->ticket.number,
		 (long long)t->ticket.id, store_numbering_name(t->ticket.numbering),
		 t->ticket.numbering == STORE_NUM_FALLBACK ? ": " : "",
		 t->ticket.numbering == STORE_NUM_FALLBACK ? why : "");
	submit(t);
}

static void take_central(struct take *t)
{
	struct numbers_request *q = &t->num.req;
	bool replayed;
	int rc;

	if (t->num.waiting) {   /* cannot happen from the screens: the ticket screen shows */
		log_info("take: a number is being asked for already");
		return;
	}
	memset(q, 0, sizeof(*q));
	rc = queue_check(t->cx->d.queue, t->service, t->priority, t->request_id,
			 journey_now_s(t->cx), &t->ticket, &q->day, &replayed);
	if (!issued(t, rc, replayed))
		return;
	snprintf(q->request_id, sizeof(q->request_id), "%s", t->request_id);
	snprintf(q->service, sizeof(q->service), "%s", t->service);
	q->priority = t->priority;
	memset(&t->ticket, 0, sizeof(t->ticket));
	t->num.waiting = true;
	t->num.asked_ms = journey_mono_ms(t->cx);
	t->phase = TAKE_ASKING;
	journey_show(t->cx, SHOW_TICKET);
	if (numbers_submit(t->cx->d.numbers, q) != 0)
		settle_number(t, 0, "the numbering worker is not running");
}

void take_number(struct take *t, const char *service, int priority, int64_t tap_ns)
{
	snprintf(t->service, sizeof(t->service), "%s", service);
	t->priority = priority;
	t->tap_ns = tap_ns;
	if (take_storage_full(t)) {   /* the disk filled since the home screen */
		refused(t, ERR_FULL);
		return;
	}
	if (t->cx->d.cfg->sync.numbering_central)
		take_central(t);
	else
		take_local(t);
}

void take_on_number(struct take *t, const struct numbers_answer *ans)
{
	if (!t->num.waiting || strcmp(ans->request_id, t->num.req.request_id) != 0) {
		log_warn("take: an answer that came too late was ignored (%s %d, after %lld ms)",
			 ans->result == NUMBERS_CENTRAL ? "central number" : "fallback", ans->seq,
			 (long long)ans->elapsed_ms);
		return;
	}
	settle_number(t, ans->result == NUMBERS_CENTRAL ? ans->seq : 0, ans->reason);
}

void take_check(struct take *t)
{
	if (t->num.waiting && journey_mono_ms(t->cx) - t->num.asked_ms >
	    numbers_deadline_ms(t->cx->d.numbers) + TAKE_NUMBER_MARGIN_MS)
		settle_number(t, 0, "no answer from the numbering worker");
}

void take_on_print(struct take *t, int64_t ticket_id, const struct printq_result *res)
{
	if (ticket_id != t->ticket.id || t->phase != TAKE_PRINTING) {
		log_warn("take: the print result of ticket %lld came for no ticket printing; dropped",
			 (long long)ticket_id);
		return;
	}
	printed(t, res->rc, res->sent_mono_ns);
}

int take_availability(const struct take *t, const struct catalog_service *s,
		      struct queue_avail_info *out)
{
	return queue_availability(t->cx->d.queue, s, journey_now_s(t->cx), out);
}

bool take_all_closed(const struct take *t, int64_t *next_open)
{
	return queue_all_closed(t->cx->d.queue, journey_now_s(t->cx), next_open);
}

bool take_busy(const struct take *t)
{
	return t->phase == TAKE_ASKING || t->phase == TAKE_PRINTING;
}

bool take_asking(const struct take *t)
{
	return t->num.waiting;
}

bool take_storage_full(const struct take *t)
{
	return t->cx->d.storage && !storage_ok(t->cx->d.storage);
}

bool take_can_issue(const struct take *t)
{
	enum print_problem p = prints_problem(t->prints);

	if (take_storage_full(t))
		return false;

	if (p == PRINT_STAFF_JOB || p == PRINT_CHECKLIST_JOB)
		return false; /* one job at a time: a few seconds */
	return p == PRINT_OK || t->cx->d.cfg->show_number_if_print_fails;
}

enum take_phase take_phase(const struct take *t)
{
	return t->phase;
}

const struct queue_ticket *take_ticket(const struct take *t)
{
	return &t->ticket;
}

int take_print_rc(const struct take *t)
{
	return t->print_rc;
}

enum take_notice take_notice(const struct take *t, int64_t *when, const char **service)
{
	if (when)
		*when = t->notice_when;
	if (service)
		*service = t->service;
	return t->notice;
}

int take_printed(const struct take *t)
{
	return t->printed;
}

int64_t take_tap_to_bytes_ns(const struct take *t)
{
	return t->tap_to_bytes_ns;
}
