/* take: the ticket transaction as the citizen sees it. A number is issued PENDING, rendered,
 * and handed to the printer worker; the worker's answer makes it PRINTED, or VOIDED (recorded,
 * never called) with an offer to try again, or SHOWN on screen where the unit allows it.
 *
 * With central numbering the number is asked for first (take_central): the ticket screen
 * says "printing" while the numbers worker asks; its answer (app_number_answer), or the lack
 * of one by the deadline plus a margin (app_number_check), settles the number: the central
 * system's, or the next of this kiosk's reserved range. Only an answer for the request being
 * waited for counts; a late one is logged and dropped. */
#include "app.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <stdio.h>
#include <string.h>

/* How long past the worker's deadline the screen waits for its answer before numbering the
 * ticket from the reserved range anyway (the worker answers by its deadline; this only
 * covers a worker that cannot). */
#define TAKE_NUMBER_MARGIN_MS 400

static void make_preview(struct app *a, const struct raster *r)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, r->width, r->height, 32,
							SDL_PIXELFORMAT_ARGB8888);

	if (a->preview)
		SDL_DestroyTexture(a->preview);
	a->preview = NULL;
	if (!s)
		return;
	for (int y = 0; y < r->height; y++) {
		Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
		for (int x = 0; x < r->width; x++)
			row[x] = raster_get(r, x, y) ? 0xFF000000u : 0xFFFFFFFFu;
	}
	a->preview = SDL_CreateTextureFromSurface(a->d.ren, s);
	a->preview_w = r->width;
	a->preview_h = r->height;
	SDL_FreeSurface(s);
}

static const char *priority_label(const struct app *a, const struct queue_ticket *t, char *buf,
				  size_t len)
{
	char key[16];

	if (!t->priority)
		return NULL;
	snprintf(key, sizeof(key), "prio_%d", t->priority);
	i18n_fill(buf, len, i18n_get(a->i18n, LANG_VI, "ticket_priority"),
		  i18n_get(a->i18n, LANG_VI, key));
	return buf;
}

/* The printed ticket is in Vietnamese, whatever the screen's language. */
int app_render_ticket(struct app *a, const struct queue_ticket *t, bool copy,
		      struct raster **out)
{
	const struct catalog_service *s = catalog_service_find(a->d.cat, t->prefix);
	struct clock_local l;
	char when[32], prio[160];
	struct ticket_view v = {
		.unit_name = a->d.cfg->unit_name,
		.number = t->number,
		.service = s ? s->name[LANG_VI] : t->prefix,
		.counters_label = i18n_get(a->i18n, LANG_VI, "ticket_counters"),
		.counters = s ? s->counters : "",
		.priority = priority_label(a, t, prio, sizeof(prio)),
		.ahead_label = i18n_get(a->i18n, LANG_VI, t->ahead_known ?
					"ticket_ahead" : "ticket_issued_before"),
		.people_ahead = t->ahead,
		.issued_label = i18n_get(a->i18n, LANG_VI, "ticket_time"),
		.issued_at = when,
		.ticket_id = t->ticket_id,
		.note = a->d.cfg->ticket_note,
		.copy = copy ? i18n_get(a->i18n, LANG_VI, "ticket_copy") : NULL,
	};

	clock_to_local(t->issued_at, &l);
	snprintf(when, sizeof(when), "%02d:%02d  %02d/%02d/%04d", l.hour, l.min, l.day, l.month,
		 l.year);
	return ticket_render(a->tr, &v, a->d.cfg->printer.paper_width_dots, out);
}

static void show_notice(struct app *a, enum notice_kind k)
{
	const struct catalog_service *s = catalog_service_find(a->d.cat, a->service);
	struct queue_avail_info info = { .next_open = -1 };

	if (s)
		queue_availability(a->d.queue, s, app_now_s(a), &info);
	a->notice = k;
	a->notice_when = info.next_open;
	app_go(a, SCR_NOTICE);
}

static void replay(struct app *a)
{
	static const enum ticket_phase phase[] = {
		[TICKET_PENDING] = TK_PRINTING, [TICKET_PRINTED] = TK_DONE,
		[TICKET_VOIDED] = TK_FAILED, [TICKET_SHOWN] = TK_SHOWN,
	};

	log_info("take: repeated request for %s, not issuing again", a->ticket.number);
	a->phase = phase[a->ticket.status];
	if (a->cur != SCR_TICKET)
		app_go(a, SCR_TICKET);
}

static void submit(struct app *a)
{
	struct raster *r = NULL;
	int rc = app_render_ticket(a, &a->ticket, false, &r);

	if (!rc) {
		make_preview(a, r);
		rc = printq_submit(a->d.printq, a->ticket.id, a->ticket.ticket_id, r);
		if (rc)
			raster_free(r);
	}
	a->phase = TK_PRINTING;
	if (a->cur != SCR_TICKET)
		app_go(a, SCR_TICKET);
	if (rc) {
		struct ev e = { .type = EV_PRINT_DONE };
		log_error("take: cannot print %s: %s", a->ticket.number, err_str(rc));
		e.print.ticket_id = a->ticket.id;
		e.print.rc = ERR_PRINTER;
		e.print.status = a->printer;
		scr_ticket.handle(a, &e);
	}
}

static void refused(struct app *a, int rc)
{
	log_warn("take: service %s: %s", a->service, err_str(rc));
	show_notice(a, rc == ERR_CLOSED ? NOTICE_CLOSED : rc == ERR_CAP ? NOTICE_FULL :
		    rc == ERR_RANGE ? NOTICE_RANGE : NOTICE_ERROR);
}

static void take_local(struct app *a)
{
	int rc = queue_issue(a->d.queue, a->service, a->priority, a->request_id, app_now_s(a),
			     &a->ticket);

	if (rc == 1) {
		replay(a);
		return;
	}
	if (rc < 0) {
		refused(a, rc);
		return;
	}
	log_info("take: issued %s (ticket %lld)", a->ticket.number, (long long)a->ticket.id);
	submit(a);
}

/* The request's number is settled: central_seq from the central system, or 0 for the next
 * of the reserved range (why says why, for the log). */
static void settle_number(struct app *a, int central_seq, const char *why)
{
	const struct config_sync *sy = &a->d.cfg->sync;
	struct queue_numbered n = {
		.prefix = a->num.req.service, .priority = a->num.req.priority,
		.request_id = a->num.req.request_id, .day = a->num.req.day,
		.central_seq = central_seq, .range_from = sy->reserved_from,
		.range_to = sy->reserved_to,
	};
	int rc;

	a->num.waiting = false;
	rc = queue_issue_numbered(a->d.queue, &n, app_now_s(a), &a->ticket);
	if (rc == 1) {
		replay(a);
		return;
	}
	if (rc < 0) {
		if (rc == ERR_RANGE)
			log_error("take: no central number (%s) and the reserved range %d..%d is used "
				  "up for %s today", why, sy->reserved_from, sy->reserved_to,
				  a->num.req.service);
		refused(a, rc);
		return;
	}
	log_info("take: issued %s (ticket %lld, %s number%s%s)", a->ticket.number,
		 (long long)a->ticket.id, store_numbering_name(a->ticket.numbering),
		 a->ticket.numbering == STORE_NUM_FALLBACK ? ": " : "",
		 a->ticket.numbering == STORE_NUM_FALLBACK ? why : "");
	submit(a);
}

static void take_central(struct app *a)
{
	struct numbers_request *q = &a->num.req;
	int rc;

	if (a->num.waiting) {   /* cannot happen from the screens: the ticket screen shows */
		log_info("take: a number is being asked for already");
		return;
	}
	memset(q, 0, sizeof(*q));
	rc = queue_check(a->d.queue, a->service, a->priority, a->request_id, app_now_s(a),
			 &a->ticket, &q->day);
	if (rc == 1) {
		replay(a);
		return;
	}
	if (rc < 0) {
		refused(a, rc);
		return;
	}
	snprintf(q->request_id, sizeof(q->request_id), "%s", a->request_id);
	snprintf(q->service, sizeof(q->service), "%s", a->service);
	q->priority = a->priority;
	memset(&a->ticket, 0, sizeof(a->ticket));
	a->num.waiting = true;
	a->num.asked_ms = clock_mono_ms(a->d.clock);
	a->phase = TK_PRINTING;
	if (a->cur != SCR_TICKET)
		app_go(a, SCR_TICKET);
	rc = numbers_submit(a->d.numbers, q);
	if (rc)
		settle_number(a, 0, "the numbering worker is not running");
}

void app_take_number(struct app *a)
{
	if (a->d.cfg->sync.numbering_central)
		take_central(a);
	else
		take_local(a);
}

void app_number_answer(struct app *a, const struct numbers_answer *ans)
{
	if (!a->num.waiting || strcmp(ans->request_id, a->num.req.request_id) != 0) {
		log_warn("take: an answer that came too late was ignored (%s %d, after %lld ms)",
			 ans->result == NUMBERS_CENTRAL ? "central number" : "fallback", ans->seq,
			 (long long)ans->elapsed_ms);
		return;
	}
	settle_number(a, ans->result == NUMBERS_CENTRAL ? ans->seq : 0, ans->reason);
}

void app_number_check(struct app *a, int64_t now_ms)
{
	if (a->num.waiting &&
	    now_ms - a->num.asked_ms > numbers_deadline_ms(a->d.numbers) + TAKE_NUMBER_MARGIN_MS)
		settle_number(a, 0, "no answer from the numbering worker");
}
