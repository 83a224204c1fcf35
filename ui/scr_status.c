/* scr_status: where a dossier stands. While the question is out, a calm "looking up"; then the
 * code, procedure, masked owner name, the portal's status label with what to do, the dates
 * (reception, due, the one rescheduled due date), "overdue" against the current due date with
 * the apology wording, and the counter. Ready results (status 9) take a "collect result"
 * number in one tap. A cached answer says how old it is; no answer says so plainly. The
 * screen clears itself (enquiry_tick). The dossier and its answer are the enquiry journey's
 * (firmware/journey/enquiry.h). */
#include "draw.h"

#include "firmware/log.h"

#include <stdio.h>
#include <string.h>

static const struct dossier_info *shown(const struct app *a)
{
	return enquiry_dossier(a->enquiry);
}

static const struct catalog_service *collect_service(const struct app *a)
{
	const struct dossier_info *d = shown(a);

	if (!d || d->status != DOSSIER_STATUS_READY || !d->service[0])
		return NULL;
	return catalog_service_find(app_cat(a), d->service);
}

/* A ready result's "collect result" number, in one tap: its service, no priority, a new
 * request (or why the service cannot give one now). */
static void collect(struct app *a)
{
	const struct catalog_service *s = collect_service(a);

	if (!s)
		return;
	snprintf(a->field, sizeof(a->field), "%s", s->field_id);
	snprintf(a->service, sizeof(a->service), "%s", s->prefix);
	a->priority = 0;
	take_new_request(a->take);
	app_refresh_services(a);
	for (int i = 0; i < a->nsvcs; i++) {
		if (strcmp(a->svcs[i]->prefix, s->prefix) != 0)
			continue;
		if (a->avail[i].avail != QUEUE_OPEN) {
			take_refuse(a->take, s->prefix, a->avail[i].avail == QUEUE_FULL ?
				    TAKE_NOTICE_FULL : TAKE_NOTICE_CLOSED, a->avail[i].next_open);
			return;
		}
	}
	log_info("lookup: collect-result ticket for service %s", s->prefix);
	enquiry_clear(a->enquiry);
	app_take_number(a);
}

static void status_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "collect") == 0) {
		collect(a);
	} else if (strcmp(e->id, "rate_officer") == 0 && shown(a)) {
		struct dossier_info d = *shown(a);
		enquiry_clear(a->enquiry);
		rate_from_dossier(a->rate, &d);
		memset(&d, 0, sizeof(d));
	} else if (strcmp(e->id, "again") == 0 || strcmp(e->id, "back") == 0) {
		enquiry_clear(a->enquiry);
		app_go(a, SCR_SCAN);
	} else if (strcmp(e->id, "keypad") == 0) {
		enquiry_clear(a->enquiry);
		enquiry_erase_all(a->enquiry);
		app_go(a, SCR_KEYPAD);
	} else if (strcmp(e->id, "home") == 0) {
		enquiry_clear(a->enquiry);
		app_go(a, SCR_HOME);
	}
}

static void status_tick(struct app *a)
{
	enquiry_tick(a->enquiry);
}

static int status_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	const struct dossier_info *d = shown(a);
	enum lookup_state st = enquiry_answer(a->enquiry)->state;
	int n = 0, h, nb = 0;
	const char *ids[4], *titles[4];            /* room for all four, whatever the answer */
	bool primary[4] = { false, false, false, false };

	draw_metrics(a, &m);
	if (!enquiry_waiting(a->enquiry)) {
		if (collect_service(a)) {
			primary[nb] = true;
			ids[nb] = "collect";
			titles[nb++] = app_str(a, "status_collect");
		}
		if (d && d->officer_id[0]) {
			ids[nb] = "rate_officer";
			titles[nb++] = app_str(a, "status_rate_officer");
		}
		if (st == LOOKUP_NOT_FOUND) {
			ids[nb] = "keypad";
			titles[nb++] = app_str(a, "status_type_code");
		}
		ids[nb] = "again";
		titles[nb++] = app_str(a, "status_again");
	}
	h = 150;
	for (int i = 0; i < nb; i++) {
		SDL_Rect r;
		if (m.landscape) {
			/* in the footer, left of "home": the body keeps its whole height */
			int right = m.w - m.margin - m.w / 4 - m.gap, fh = m.footer_h - m.gap;
			int bw = (right - m.margin - (nb - 1) * m.gap) / nb;
			bw = bw > m.w / 4 ? m.w / 4 : bw;
			r = (SDL_Rect){ m.margin + i * (bw + m.gap), m.h - m.footer_h, bw, fh };
		} else {
			r = (SDL_Rect){ m.body.x, m.body.y + m.body.h - (nb - i) * (h + m.gap) + m.gap,
					m.body.w, h };
		}
		n = widget_add(w, n, max, ids[i], r, titles[i], NULL, primary[i] ? W_PRIMARY : W_NORMAL,
			       true);
	}
	return draw_chrome(a, w, n, max, false, true);
}

static void fmt_date(int64_t t, char *out, size_t len)
{
	struct clock_local l;

	if (t <= 0) {
		snprintf(out, len, "—");
		return;
	}
	clock_to_local(t, &l);
	snprintf(out, len, "%02d/%02d/%04d", l.day, l.month, l.year);
}

/* The counter as the catalogue names it ("Quầy 5 – Trả kết quả"), else "Quầy 5". */
static void counter_name(const struct app *a, const char *id, char *out, size_t len)
{
	const struct catalog_counter *c = catalog_counter_find(app_cat(a), id);
	const char *name = c ? (c->name[a->lang][0] ? c->name[a->lang] : c->name[LANG_VI]) : "";

	if (name[0])
		snprintf(out, len, "%s", name);
	else
		i18n_fill(out, len, app_str(a, "counters"), id);
}

static SDL_Color status_colour(int status, int overdue, SDL_Color *ink)
{
	*ink = COL_INK;
	if (overdue || status == 3 || status == 5 || status == 6 || status == 8) {
		*ink = COL_WARN_INK;
		return COL_WARN_BG;
	}
	if (status == DOSSIER_STATUS_READY || status == 10) {
		*ink = (SDL_Color){ 0xFF, 0xFF, 0xFF, 255 };
		return COL_OK;
	}
	return COL_MUTED_BG;
}

/* The found dossier is laid out twice: measured, then drawn. When the words do not fit above
 * the buttons (a long procedure name, a cached answer, three buttons), the smaller sizes
 * are used. */
struct pen {
	struct app *a;
	bool dry;                /* measure only */
	int body, title, hint, gap;
};

/* Text wrapped to box.w: drawn, or only measured. Returns its height. */
static int put(const struct pen *p, const char *s, int size, int flags, SDL_Color c, SDL_Rect box)
{
	int w, h;

	if (!s[0])
		return 0;
	if (!p->dry) {
		/* a wrapping text flows down as far as it needs (the screen's dry run checked that
		 * the whole fits above the buttons); one that may shrink keeps its box */
		if (!(flags & TEXT_FIT) && text_size(p->a->text, s, size, flags & TEXT_BOLD, box.w, &w,
						     &h) == 0 && h > box.h)
			box.h = h;
		h = text_draw(p->a->text, s, size, flags, c, box);
		return h > 0 ? h : 0;
	}
	/* one line that may shrink to fit: at most one line at full size */
	if (text_size(p->a->text, s, size, flags & TEXT_BOLD, flags & TEXT_NOWRAP ? 0 : box.w, &w,
		      &h) != 0)
		h = size * 2;
	return h;
}

static void fill(const struct pen *p, SDL_Rect r, SDL_Color c)
{
	if (!p->dry)
		draw_fill(p->a, r, c);
}

/* A label and its value side by side; returns the height used. */
static int row(const struct pen *p, SDL_Rect box, const char *label, const char *value,
	       SDL_Color vc, int vflags)
{
	int lw = box.w * 2 / 5;
	int h1 = put(p, label, p->body, 0, COL_MUTED_INK,
		     (SDL_Rect){ box.x, box.y, lw - p->gap, p->body * 3 });
	int h2 = put(p, value, p->body, vflags, vc,
		     (SDL_Rect){ box.x + lw, box.y, box.w - lw, p->body * 3 });

	return (h1 > h2 ? h1 : h2) + p->gap / 2;
}

/* "The central system cannot be reached; this is from 09:00 today", in a band as tall as the
 * words need: the time is what the citizen must not miss. Returns its height. */
static int cached_band(const struct pen *p, SDL_Rect box)
{
	char when[96], buf[320];
	int pad = p->gap, th;

	app_fmt_when(p->a, enquiry_answer(p->a->enquiry)->fetched_s, when, sizeof(when));
	i18n_fill(buf, sizeof(buf), app_str(p->a, "status_cached"), when);
	th = put(&(struct pen){ p->a, true, p->body, p->title, p->hint, p->gap }, buf, p->body,
		 TEXT_BOLD, COL_WARN_INK, (SDL_Rect){ 0, 0, box.w - 2 * pad, 0 });
	fill(p, (SDL_Rect){ box.x, box.y, box.w, th + 2 * pad }, COL_WARN_BG);
	fill(p, (SDL_Rect){ box.x, box.y, 8, th + 2 * pad }, COL_WARN_INK);
	put(p, buf, p->body, TEXT_BOLD, COL_WARN_INK,
	    (SDL_Rect){ box.x + pad, box.y + pad, box.w - 2 * pad, th });
	return th + 2 * pad;
}

/* The smallest size TEXT_FIT takes the code to (ui/text.h: 60 %, never under the floor). */
static int code_min(const struct pen *p)
{
	int floor = text_floor(p->a->text);

	return p->title * 6 / 10 > floor ? p->title * 6 / 10 : floor;
}

static bool code_fits(const struct pen *p, const char *code, int w)
{
	int tw, th;

	return text_size(p->a->text, code, code_min(p), TEXT_BOLD, 0, &tw, &th) != 0 || tw <= w;
}

static int code_h(const struct pen *p, const char *code, int w)
{
	int one = p->title * 5 / 4;

	if (code_fits(p, code, w))
		return one;
	return draw_text_h(p->a, code, code_min(p), TEXT_BOLD, w) > one ?
	       draw_text_h(p->a, code, code_min(p), TEXT_BOLD, w) : one;
}

/* Code, procedure and the rows of dates and places; returns the bottom. */
static int details(const struct pen *p, const struct dossier_info *d, SDL_Rect box)
{
	struct app *a = p->a;
	char buf[320], date[32];
	int y = box.y;

	/* one line, smaller for a long code; a code wider than the column even at the floor
	 * size wraps (at its dots and dashes) rather than run out of it */
	y += put(p, d->code, p->title, TEXT_BOLD | TEXT_FIT | (code_fits(p, d->code, box.w) ?
							       TEXT_NOWRAP : 0), COL_PRIMARY,
		 (SDL_Rect){ box.x, y, box.w, code_h(p, d->code, box.w) }) + p->gap / 2;
	if (d->procedure[a->lang][0] || d->procedure[LANG_VI][0])
		y += put(p, d->procedure[a->lang][0] ? d->procedure[a->lang] : d->procedure[LANG_VI],
			 p->body, TEXT_BOLD, COL_INK, (SDL_Rect){ box.x, y, box.w, p->body * 4 }) + p->gap;
	box.y = y;
	if (d->owner_masked[0])
		box.y += row(p, box, app_str(a, "status_owner"), d->owner_masked, COL_INK, TEXT_BOLD);
	fmt_date(d->received_s, date, sizeof(date));
	box.y += row(p, box, app_str(a, "status_received"), date, COL_INK, TEXT_BOLD);
	fmt_date(d->due_s, date, sizeof(date));
	if (d->rescheduled_due_s > 0) {
		/* the date that no longer counts, plainly and muted; the new one below it */
		i18n_fill(buf, sizeof(buf), app_str(a, "status_due_was"), date);
		box.y += row(p, box, app_str(a, "status_due"), buf, COL_MUTED_INK, 0);
		fmt_date(d->rescheduled_due_s, date, sizeof(date));
		box.y += row(p, box, app_str(a, "status_due_new"), date, COL_INK, TEXT_BOLD);
	} else {
		box.y += row(p, box, app_str(a, "status_due"), date, COL_INK, TEXT_BOLD);
	}
	if (d->counter[0]) {
		counter_name(a, d->counter, buf, sizeof(buf));
		box.y += row(p, box, app_str(a, "status_counter"), buf, COL_INK, TEXT_BOLD);
	}
	return box.y;
}

/* The portal's label with what to do, in a box of its own, then "overdue" with what the law
 * says happens next; returns the bottom. */
static int status_box(const struct pen *p, const struct dossier_info *d, SDL_Rect box)
{
	struct app *a = p->a;
	struct pen m = *p;
	char label[200], buf[200], num[16];
	SDL_Color ink, bg;
	int overdue = dossier_days_overdue(d->status, d->due_s, d->rescheduled_due_s, app_now_s(a));
	const char *skey = dossier_status_key(d->status), *hkey = dossier_hint_key(d->status);
	const char *hint = hkey ? app_str(a, hkey) : "";
	int pad = p->gap, w = box.w - 2 * pad, th, hh, y = box.y;

	snprintf(label, sizeof(label), "%s", skey ? app_str(a, skey) : "?");
	m.dry = true;
	th = put(&m, label, p->title, TEXT_BOLD, COL_INK, (SDL_Rect){ 0, 0, w, 0 });
	hh = put(&m, hint, p->hint, 0, COL_INK, (SDL_Rect){ 0, 0, w, 0 });
	bg = status_colour(d->status, overdue, &ink);
	fill(p, (SDL_Rect){ box.x, y, box.w, th + hh + 3 * pad }, bg);
	put(p, label, p->title, TEXT_BOLD, ink, (SDL_Rect){ box.x + pad, y + pad, w, th });
	put(p, hint, p->hint, 0, ink, (SDL_Rect){ box.x + pad, y + 2 * pad + th, w, hh });
	y += th + hh + 3 * pad + p->gap;
	if (overdue <= 0)
		return y;
	snprintf(num, sizeof(num), "%d", overdue);
	i18n_fill(buf, sizeof(buf), app_str(a, "dossier_overdue"), num);
	y += put(p, buf, p->title * 5 / 6, TEXT_BOLD, COL_WARN_INK,
		 (SDL_Rect){ box.x, y, box.w, p->title * 2 }) + p->gap / 2;
	/* one new date at most (Decree 118 art. 19.6): late again, the counter answers */
	y += put(p, app_str(a, d->rescheduled_due_s > 0 ? "dossier_overdue_rescheduled"
							: "dossier_overdue_apology"),
		 p->hint, 0, COL_WARN_INK, (SDL_Rect){ box.x, y, box.w, p->hint * 4 });
	return y;
}

/* Portrait: everything in one column. Landscape: the details on the left, the cached band,
 * the status and "overdue" on the right. Returns the lowest bottom. */
static int layout_found(const struct pen *p, const struct metrics *m, const struct dossier_info *d)
{
	SDL_Rect left = { m->body.x, m->body.y + m->gap, m->body.w, 0 }, right = left;
	bool cached = enquiry_answer(p->a->enquiry)->state == LOOKUP_CACHED;
	int lb, rb;

	if (m->landscape) {
		left.w = m->body.w * 52 / 100 - m->gap;
		right.x = m->body.x + m->body.w * 52 / 100 + m->gap;
		right.w = m->body.x + m->body.w - right.x;
	}
	if (cached) {
		int h = cached_band(p, right) + m->gap;
		right.y += h;
		if (!m->landscape)
			left.y += h;
	}
	lb = details(p, d, left);
	if (!m->landscape)
		right.y = lb + m->gap / 2;
	rb = status_box(p, d, right);
	return lb > rb ? lb : rb;
}

static void draw_found(struct app *a, const struct metrics *m, const struct dossier_info *d,
		       int bottom)
{
	struct pen p = { a, true, m->s_body, m->s_title, m->s_body, m->gap };

	if (layout_found(&p, m, d) > bottom) {
		p.body = m->s_sub;
		p.hint = m->s_sub;
		p.title = m->s_btn;
		p.gap = m->gap * 3 / 4;
	}
	p.dry = false;
	layout_found(&p, m, d);
}

/* A title and a paragraph in a box as tall as they need (a long code wraps the title). */
static void draw_message(struct app *a, const struct metrics *m, const char *title,
			 const char *body, SDL_Color bg, SDL_Color ink)
{
	int w = m->body.w - 2 * m->margin, tw, th, bh;
	SDL_Rect box = { m->body.x, m->body.y + m->margin, m->body.w, 0 };

	if (text_size(a->text, title, m->s_title, TEXT_BOLD, w, &tw, &th) != 0)
		th = m->s_title * 2;
	if (text_size(a->text, body, m->s_body, 0, w, &tw, &bh) != 0)
		bh = m->s_body * 3;
	box.h = 3 * m->margin + th + bh;
	draw_fill(a, box, bg);
	text_draw(a->text, title, m->s_title, TEXT_BOLD | TEXT_CENTER, ink,
		  (SDL_Rect){ box.x + m->margin, box.y + m->margin, w, th });
	text_draw(a->text, body, m->s_body, TEXT_CENTER, ink,
		  (SDL_Rect){ box.x + m->margin, box.y + 2 * m->margin + th, w, bh });
}

static void status_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	const struct dossier_info *d = shown(a);
	char buf[320];
	int bottom;

	draw_metrics(a, &m);
	draw_frame(a, app_str(a, "status_title"));
	bottom = m.body.y + m.body.h;
	for (int i = 0; i < n; i++)
		if (strcmp(w[i].id, "lang") != 0 && strcmp(w[i].id, "home") != 0 && w[i].r.y < bottom)
			bottom = w[i].r.y - m.gap;
	if (enquiry_waiting(a->enquiry)) {
		i18n_fill(buf, sizeof(buf), app_str(a, "status_waiting"), enquiry_code(a->enquiry));
		draw_message(a, &m, buf, app_str(a, "status_waiting_sub"), COL_MUTED_BG, COL_INK);
	} else if (d) {
		draw_found(a, &m, d, bottom);
	} else if (enquiry_answer(a->enquiry)->state == LOOKUP_NOT_FOUND) {
		i18n_fill(buf, sizeof(buf), app_str(a, "status_not_found"), enquiry_code(a->enquiry));
		draw_message(a, &m, buf, app_str(a, "status_not_found_sub"), COL_WARN_BG, COL_WARN_INK);
	} else {
		draw_message(a, &m, app_str(a, "status_unavailable"), app_str(a, "status_unavailable_sub"),
			     COL_WARN_BG, COL_WARN_INK);
	}
	draw_widgets(a, w, n);
}

const struct screen scr_status = {
	.name = "status",
	.journey = JOURNEY_ENQUIRY,
	.handle = status_handle,
	.tick = status_tick,
	.widgets = status_widgets,
	.draw = status_draw,
};
