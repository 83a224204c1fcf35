/* prints: the print jobs and the printer's state (prints.h). Start at send. */
#include "prints.h"

#include "journey_internal.h"

#include "firmware/clock.h"
#include "firmware/err.h"
#include "firmware/events.h"
#include "firmware/i18n.h"
#include "firmware/log.h"
#include "firmware/proc_words.h"
#include "firmware/store.h"
#include "firmware/sync.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Jobs whose results may still be on their way: the worker says it is free just before it
 * posts a result, so the next job can be sent before the last result is read. */
#define PRINTS_JOBS 4

struct job {
	int64_t job;
	enum print_kind kind;
	int64_t ticket_id;       /* the queue ticket (a ticket's or a copy's), 0 for a test page */
	bool out;                /* sent, its result not yet back */
};

struct prints {
	struct journey_ctx *cx;
	ticket_render_fn render;
	void *render_user;
	struct job jobs[PRINTS_JOBS];
	int64_t last_job;
	struct printer_status status;
	int reported;            /* printer state last reported as health, -1 none */
	struct raster *preview;
	unsigned preview_seq;
	checklist_render_fn render_checklist;
	void *checklist_user;
};

int prints_new(struct journey_ctx *cx, struct prints **out)
{
	struct prints *p = calloc(1, sizeof(*p));

	if (!p)
		return ERR_NOMEM;
	p->cx = cx;
	p->reported = -1;
	p->status = printq_last_status(cx->d.printq);
	*out = p;
	return 0;
}

void prints_free(struct prints *p)
{
	if (!p)
		return;
	raster_free(p->preview);
	free(p);
}

void prints_set_renderer(struct prints *p, ticket_render_fn fn, void *user)
{
	p->render = fn;
	p->render_user = user;
}

void prints_set_checklist_renderer(struct prints *p, checklist_render_fn fn, void *user)
{
	p->render_checklist = fn;
	p->checklist_user = user;
}

static const char *vi(const struct prints *p, const char *key)
{
	return i18n_get(p->cx->d.i18n, LANG_VI, key);
}

/* "07:45 Thứ Hai 23/11/2026": the weekday too, as a citizen says a day */
static void fmt_when(const struct prints *p, int64_t t, char *out, size_t len)
{
	struct clock_local l;
	char key[16];

	clock_to_local(t, &l);
	snprintf(key, sizeof(key), "wday_%d", l.wday);
	snprintf(out, len, "%02d:%02d  %s %02d/%02d/%04d", l.hour, l.min, vi(p, key), l.day,
		 l.month, l.year);
}

static int render(struct prints *p, const struct ticket_view *v, struct raster **out)
{
	*out = NULL;
	if (!p->render)
		return ERR_STATE;
	return p->render(p->render_user, v, p->cx->d.cfg->printer.paper_width_dots, out);
}

/* The printed ticket is in Vietnamese, whatever the screen's language. */
static int render_ticket(struct prints *p, const struct queue_ticket *t, bool copy,
			 struct raster **out)
{
	const struct catalog_service *s = catalog_service_find(p->cx->cat, t->prefix);
	const struct catalog_field *f = s ? catalog_field_find(p->cx->cat, s->field_id) : NULL;
	char when[64], prio[160], key[16];
	struct ticket_view v = {
		.unit_name = p->cx->d.cfg->unit_name,
		.heading = vi(p, "ticket_heading"),
		.number = t->number,
		.service = s ? s->name[LANG_VI] : t->prefix,
		.field_label = vi(p, "ticket_field"),
		.field = f ? f->name[LANG_VI] : NULL,
		.counters_label = vi(p, "ticket_counters"),
		.counters = s ? s->counters : "",
		.ahead_label = vi(p, t->ahead_known ? "ticket_ahead" : "ticket_issued_before"),
		.people_ahead = t->ahead,
		.issued_label = vi(p, "ticket_time"),
		.issued_at = when,
		.ticket_id = t->ticket_id,
		.qr_caption = vi(p, "ticket_qr_caption"),
		.numbering_note = t->numbering == STORE_NUM_FALLBACK ? vi(p, "ticket_fallback") : NULL,
		.note = p->cx->d.cfg->ticket_note,
		.copy = copy ? vi(p, "ticket_copy") : NULL,
	};

	if (t->priority) {
		snprintf(key, sizeof(key), "prio_%d", t->priority);
		i18n_fill(prio, sizeof(prio), vi(p, "ticket_priority"), vi(p, key));
		v.priority = prio;
	}
	fmt_when(p, t->issued_at, when, sizeof(when));
	return render(p, &v, out);
}

/* A slot for a new job: a free one, else the oldest (its result is long overdue). */
static struct job *slot(struct prints *p)
{
	struct job *oldest = &p->jobs[0];

	for (int i = 0; i < PRINTS_JOBS; i++) {
		if (!p->jobs[i].out)
			return &p->jobs[i];
		if (p->jobs[i].job < oldest->job)
			oldest = &p->jobs[i];
	}
	log_error("printer: no result came for job %lld; it is forgotten", (long long)oldest->job);
	return oldest;
}

/* Sends r (rendered: rc 0) as a job of kind k; the raster is the worker's once sent. */
static int send(struct prints *p, int rc, struct raster *r, enum print_kind k,
		int64_t ticket_id, const char *name)
{
	struct job *j;

	if (!rc) {
		j = slot(p);
		rc = printq_submit(p->cx->d.printq, p->last_job + 1, name, r);
		if (!rc)
			*j = (struct job){ ++p->last_job, k, ticket_id, true };
	}
	if (rc)
		raster_free(r);
	return rc;
}

static void keep_preview(struct prints *p, const struct raster *r)
{
	struct raster *c;

	assert(r && r->width > 0 && r->height > 0); /* only a rendered ticket is kept */
	c = raster_new(r->width, r->height);

	if (c)
		memcpy(c->bits, r->bits, (size_t)r->stride * (size_t)r->height);
	raster_free(p->preview);
	p->preview = c;
	p->preview_seq++;
}

int prints_ticket(struct prints *p, const struct queue_ticket *t)
{
	struct raster *r = NULL;
	int rc = render_ticket(p, t, false, &r);

	if (!rc)
		keep_preview(p, r);
	return send(p, rc, r, PRINT_TICKET, t->id, t->ticket_id);
}

int prints_copy(struct prints *p, const struct queue_ticket *t)
{
	struct raster *r = NULL;
	char name[96];
	int rc = render_ticket(p, t, true, &r);

	snprintf(name, sizeof(name), "%s-copy", t->ticket_id);
	return send(p, rc, r, PRINT_COPY, t->id, name);
}

/* A test page, never a number: headed as such, and its QR code is no ticket id. */
int prints_test_page(struct prints *p)
{
	const struct config *cfg = p->cx->d.cfg;
	struct clock_local l;
	struct raster *r = NULL;
	char when[64], id[64], name[64];
	struct ticket_view v = {
		.unit_name = cfg->unit_name,
		.number = vi(p, "staff_test_number"),
		.service = vi(p, "staff_test_service"),
		.issued_label = vi(p, "staff_test_time"),
		.issued_at = when,
		.ticket_id = id,
		.people_ahead = -1,
		.copy = vi(p, "staff_test_banner"),
	};
	int64_t now = journey_now_s(p->cx);
	int rc;

	clock_to_local(now, &l);
	fmt_when(p, now, when, sizeof(when));
	/* spaces: a scan of it is refused as "not a code", never looked up */
	snprintf(id, sizeof(id), "TEST PAGE %s %d %02d%02d%02d", cfg->kiosk_id, l.ymd, l.hour,
		 l.min, l.sec);
	snprintf(name, sizeof(name), "TEST-%s-%d-%02d%02d%02d", cfg->kiosk_id, l.ymd, l.hour,
		 l.min, l.sec);
	rc = render(p, &v, &r);
	return send(p, rc, r, PRINT_TEST, 0, name);
}

/* The checklist's texts, built for one render. */
struct slip_text {
	char code[64], printed[64], when[64], ways[256];
	char papers[PROC_MAX_PAPERS][600];
};

static void slip_fill(const struct prints *p, const struct proc *pr, struct slip_text *t,
		      struct checklist_view *v)
{
	i18n_fill(t->code, sizeof(t->code), vi(p, "slip_code"), pr->code);
	fmt_when(p, journey_now_s(p->cx), t->when, sizeof(t->when));
	i18n_fill(t->printed, sizeof(t->printed), vi(p, "slip_printed"), t->when);
	proc_words_ways(p->cx->d.i18n, LANG_VI, pr->ways, t->ways, sizeof(t->ways));
	*v = (struct checklist_view){
		.unit_name = p->cx->d.cfg->unit_name, .title = vi(p, "slip_title"),
		.procedure = pr->name[LANG_VI], .code = t->code,
		.papers_label = vi(p, "slip_papers"), .npapers = (int)pr->npapers,
		.fees_label = vi(p, "slip_fees"), .time_label = vi(p, "slip_time"),
		.time = pr->time[LANG_VI], .result_label = vi(p, "slip_result"),
		.result = pr->result[LANG_VI], .ways_label = vi(p, "slip_ways"), .ways = t->ways,
		.url = pr->url, .url_note = vi(p, "slip_qr"), .printed_at = t->printed,
		.note = vi(p, "slip_note"),
	};
	for (size_t i = 0; i < pr->npapers; i++) {
		proc_words_paper(p->cx->d.i18n, LANG_VI, &pr->papers[i], t->papers[i],
				 sizeof(t->papers[i]));
		v->papers[i] = t->papers[i];
	}
	for (size_t i = 0; i < pr->nfees; i++)
		v->fees[i] = pr->fees[i].text[LANG_VI];
	v->nfees = (int)pr->nfees;
	if (pr->free_of_charge) {
		v->fees[0] = vi(p, "slip_fee_none");
		v->nfees = 1;
	}
}

int prints_checklist(struct prints *p, const struct proc *proc)
{
	static const int refusal[] = { [PRINT_OK] = 0, [PRINT_STAFF_JOB] = ERR_BUSY,
				       [PRINT_CHECKLIST_JOB] = ERR_BUSY, [PRINT_PAPER_OUT] = ERR_PAPER,
				       [PRINT_OFFLINE] = ERR_PRINTER };
	struct slip_text *t;
	struct checklist_view v;
	struct raster *r = NULL;
	char name[64];
	int rc = refusal[prints_problem(p)];

	if (!rc && (prints_worker_busy(p) || prints_printing(p, PRINT_TICKET)))
		rc = ERR_BUSY;
	if (rc)
		return rc;
	if (!p->render_checklist)
		return ERR_STATE;
	t = calloc(1, sizeof(*t));
	if (!t)
		return ERR_NOMEM;
	slip_fill(p, proc, t, &v);
	rc = p->render_checklist(p->checklist_user, &v, p->cx->d.cfg->printer.paper_width_dots, &r);
	free(t);
	snprintf(name, sizeof(name), "checklist-%s-%lld", proc->code, (long long)p->last_job + 1);
	return send(p, rc, r, PRINT_CHECKLIST, 0, name);
}

bool prints_printing(const struct prints *p, enum print_kind k)
{
	for (int i = 0; i < PRINTS_JOBS; i++)
		if (p->jobs[i].out && p->jobs[i].kind == k)
			return true;
	return false;
}

bool prints_worker_busy(const struct prints *p)
{
	return printq_busy(p->cx->d.printq);
}

bool prints_staff_job(const struct prints *p)
{
	return prints_printing(p, PRINT_COPY) || prints_printing(p, PRINT_TEST);
}

static void set_status(struct prints *p, struct printer_status st)
{
	char body[96];

	p->status = st;
	if ((int)st.state == p->reported || !p->cx->d.store)
		return;
	if (p->cx->d.sync)
		sync_set_printer(p->cx->d.sync, printer_state_name(st.state));
	if (events_printer(printer_state_name(st.state), body, sizeof(body)) == 0 &&
	    store_event(p->cx->d.store, "health.printer", body, journey_now_s(p->cx)) == 0)
		p->reported = (int)st.state;
}

enum print_kind prints_done(struct prints *p, const struct printq_result *res,
			    int64_t *ticket_id)
{
	set_status(p, res->status);
	for (int i = 0; i < PRINTS_JOBS; i++) {
		struct job *j = &p->jobs[i];

		if (!j->out || j->job != res->job)
			continue;
		j->out = false;
		*ticket_id = j->ticket_id;
		return j->kind;
	}
	log_warn("printer: the result of job %lld came for no job waiting; dropped",
		 (long long)res->job);
	*ticket_id = 0;
	return PRINT_NONE;
}

void prints_poll(struct prints *p)
{
	set_status(p, printq_last_status(p->cx->d.printq));
}

struct printer_status prints_status(const struct prints *p)
{
	return p->status;
}

enum print_problem prints_problem(const struct prints *p)
{
	if (prints_staff_job(p))
		return PRINT_STAFF_JOB;
	if (prints_printing(p, PRINT_CHECKLIST))
		return PRINT_CHECKLIST_JOB;
	if (p->status.state == PRINTER_PAPER_OUT)
		return PRINT_PAPER_OUT;
	return p->status.state == PRINTER_OFFLINE ? PRINT_OFFLINE : PRINT_OK;
}

const struct raster *prints_preview(const struct prints *p, unsigned *seq)
{
	if (seq)
		*seq = p->preview_seq;
	return p->preview;
}
