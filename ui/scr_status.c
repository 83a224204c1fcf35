/* scr_status: where a dossier stands. While the question is out, a calm "looking up"; then the
 * code, procedure, masked owner name, the portal's status label with what to do, the dates
 * (reception, due, the one rescheduled due date), "overdue" against the current due date with
 * the apology wording, and the counter. Ready results (status 9) take a "collect result"
 * number in one tap. A cached answer says how old it is; no answer says so plainly. The
 * screen clears itself (scan_tick). */
#include "draw.h"

#include "firmware/log.h"

#include <stdio.h>
#include <string.h>

static const struct dossier_info *shown(const struct app *a)
{
	const struct lookup_answer *ans = &a->scan.ans;

	if (a->scan.waiting || (ans->state != LOOKUP_FOUND && ans->state != LOOKUP_CACHED))
		return NULL;
	return &ans->dossier;
}

static const struct catalog_service *collect_service(const struct app *a)
{
	const struct dossier_info *d = shown(a);

	if (!d || d->status != DOSSIER_STATUS_READY || !d->service[0])
		return NULL;
	return catalog_service_find(a->d.cat, d->service);
}

static void collect(struct app *a)
{
	const struct catalog_service *s = collect_service(a);

	if (!s)
		return;
	snprintf(a->field, sizeof(a->field), "%s", s->field_id);
	snprintf(a->service, sizeof(a->service), "%s", s->prefix);
	a->priority = 0;
	app_new_request(a);
	app_refresh_services(a);
	for (int i = 0; i < a->nsvcs; i++) {
		if (strcmp(a->svcs[i]->prefix, s->prefix) != 0)
			continue;
		if (a->avail[i].avail != QUEUE_OPEN) {
			a->notice = a->avail[i].avail == QUEUE_FULL ? NOTICE_FULL : NOTICE_CLOSED;
			a->notice_when = a->avail[i].next_open;
			app_go(a, SCR_NOTICE);
			return;
		}
	}
	log_info("lookup: collect-result ticket for service %s", s->prefix);
	scan_clear(a);
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
		scan_clear(a);
		rate_from_dossier(a, &d);
	} else if (strcmp(e->id, "again") == 0 || strcmp(e->id, "back") == 0) {
		scan_clear(a);
		app_go(a, SCR_SCAN);
	} else if (strcmp(e->id, "keypad") == 0) {
		scan_clear(a);
		a->scan.entry[0] = '\0';
		app_go(a, SCR_KEYPAD);
	} else if (strcmp(e->id, "home") == 0) {
		scan_clear(a);
		app_go(a, SCR_HOME);
	}
}

static int status_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	const struct dossier_info *d = shown(a);
	enum lookup_state st = a->scan.ans.state;
	int n = 0, h, nb = 0;
	const char *ids[3], *titles[3];
	bool primary[3] = { false, false, false };

	draw_metrics(a, &m);
	if (!a->scan.waiting) {
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
	h = m.landscape ? 130 : 150;
	for (int i = 0; i < nb; i++) {
		SDL_Rect r;
		if (m.landscape) {
			int bw = (m.body.w - (nb - 1) * m.gap) / nb;
			r = (SDL_Rect){ m.body.x + i * (bw + m.gap), m.body.y + m.body.h - h, bw, h };
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

/* A label and its value on one line; returns the height used. */
static int row(struct app *a, const struct metrics *m, SDL_Rect box, const char *label,
	       const char *value, SDL_Color vc)
{
	int lw = box.w * 9 / 20;
	int h1 = text_draw(a->text, label, m->s_body, 0, COL_MUTED_INK,
			   (SDL_Rect){ box.x, box.y, lw - m->gap, m->s_body * 3 });
	int h2 = text_draw(a->text, value, m->s_body, TEXT_BOLD, vc,
			   (SDL_Rect){ box.x + lw, box.y, box.w - lw, m->s_body * 3 });

	return (h1 > h2 ? h1 : h2) + m->gap / 2;
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

static void draw_found(struct app *a, const struct metrics *m, const struct dossier_info *d,
		       int bottom)
{
	char buf[320], date[32], num[16];
	SDL_Color ink, bg;
	int overdue = dossier_days_overdue(d->status, d->due_s, d->rescheduled_due_s, app_now_s(a));
	int y = m->body.y + m->gap, y2;
	SDL_Rect left = { m->body.x, 0, m->body.w, 0 }, right = left;
	const char *skey = dossier_status_key(d->status);

	if (m->landscape) {
		left.w = m->body.w / 2 - m->gap;
		right.x = m->body.x + m->body.w / 2 + m->gap;
		right.w = left.w;
	}
	if (a->scan.ans.state == LOOKUP_CACHED) {
		char when[96];
		app_fmt_when(a, a->scan.ans.fetched_s, when, sizeof(when));
		i18n_fill(buf, sizeof(buf), app_str(a, "status_cached"), when);
		draw_fill(a, (SDL_Rect){ m->body.x, y, m->body.w, m->s_sub * 2 }, COL_WARN_BG);
		draw_text(a, buf, m->s_sub, TEXT_CENTER | TEXT_VCENTER | TEXT_FIT, COL_WARN_INK,
			  (SDL_Rect){ m->body.x + m->gap, y, m->body.w - 2 * m->gap, m->s_sub * 2 });
		y += m->s_sub * 2 + m->gap;
	}
	y2 = y;
	left.y = y;
	y += text_draw(a->text, d->code, m->s_title, TEXT_BOLD | TEXT_FIT | TEXT_NOWRAP, COL_PRIMARY,
		       (SDL_Rect){ left.x, y, left.w, m->s_title * 2 }) + m->gap / 2;
	if (d->procedure[a->lang][0])
		y += text_draw(a->text, d->procedure[a->lang], m->s_body, TEXT_BOLD, COL_INK,
			       (SDL_Rect){ left.x, y, left.w, m->s_body * 3 }) + m->gap;
	left.y = y;
	if (d->owner_masked[0])
		left.y += row(a, m, left, app_str(a, "status_owner"), d->owner_masked, COL_INK);
	fmt_date(d->received_s, date, sizeof(date));
	left.y += row(a, m, left, app_str(a, "status_received"), date, COL_INK);
	fmt_date(d->due_s, date, sizeof(date));
	if (d->rescheduled_due_s > 0) {
		i18n_fill(buf, sizeof(buf), app_str(a, "status_due_was"), date);
		left.y += row(a, m, left, app_str(a, "status_due"), buf, COL_MUTED_INK);
		fmt_date(d->rescheduled_due_s, date, sizeof(date));
		left.y += row(a, m, left, app_str(a, "status_due_new"), date, COL_INK);
	} else {
		left.y += row(a, m, left, app_str(a, "status_due"), date, COL_INK);
	}
	if (d->counter[0]) {
		i18n_fill(buf, sizeof(buf), app_str(a, "counters"), d->counter);
		left.y += row(a, m, left, app_str(a, "status_counter"), buf, COL_INK);
	}
	/* the status, in a box of its own: portrait under the details, landscape beside them */
	right.y = m->landscape ? y2 : left.y + m->gap;
	bg = status_colour(d->status, overdue, &ink);
	snprintf(buf, sizeof(buf), "%s", skey ? app_str(a, skey) : "?");
	{
		int tw, th = m->s_title, hh = m->s_body, pad = m->gap;
		const char *hint = dossier_hint_key(d->status) ? app_str(a, dossier_hint_key(d->status)) : "";
		if (text_size(a->text, buf, m->s_title, TEXT_BOLD, right.w - 2 * pad, &tw, &th) != 0)
			th = m->s_title;
		if (text_size(a->text, hint, m->s_body, 0, right.w - 2 * pad, &tw, &hh) != 0)
			hh = m->s_body;
		draw_fill(a, (SDL_Rect){ right.x, right.y, right.w, th + hh + 3 * pad }, bg);
		text_draw(a->text, buf, m->s_title, TEXT_BOLD, ink,
			  (SDL_Rect){ right.x + pad, right.y + pad, right.w - 2 * pad, th });
		text_draw(a->text, hint, m->s_body, 0, ink,
			  (SDL_Rect){ right.x + pad, right.y + 2 * pad + th, right.w - 2 * pad, hh });
		right.y += th + hh + 3 * pad + m->gap;
	}
	if (overdue > 0 && right.y < bottom) {
		snprintf(num, sizeof(num), "%d", overdue);
		i18n_fill(buf, sizeof(buf), app_str(a, "dossier_overdue"), num);
		right.y += text_draw(a->text, buf, m->s_btn, TEXT_BOLD, COL_WARN_INK,
				     (SDL_Rect){ right.x, right.y, right.w, m->s_btn * 2 }) + m->gap / 2;
		text_draw(a->text, app_str(a, "dossier_overdue_apology"), m->s_body, 0, COL_WARN_INK,
			  (SDL_Rect){ right.x, right.y, right.w, bottom - right.y });
	}
}

static void draw_message(struct app *a, const struct metrics *m, const char *title,
			 const char *body, SDL_Color bg, SDL_Color ink)
{
	int y = m->body.y + m->margin;
	SDL_Rect box = { m->body.x, y, m->body.w, m->s_title * 7 };

	draw_fill(a, box, bg);
	y += text_draw(a->text, title, m->s_title, TEXT_BOLD | TEXT_CENTER, ink,
		       (SDL_Rect){ box.x + m->margin, y + m->margin, box.w - 2 * m->margin, m->s_title * 3 });
	text_draw(a->text, body, m->s_body, TEXT_CENTER, ink,
		  (SDL_Rect){ box.x + m->margin, y + 2 * m->margin, box.w - 2 * m->margin,
			      box.h - (y - box.y) - 2 * m->margin });
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
	if (a->scan.waiting) {
		i18n_fill(buf, sizeof(buf), app_str(a, "status_waiting"), a->scan.code);
		draw_message(a, &m, buf, app_str(a, "status_waiting_sub"), COL_MUTED_BG, COL_INK);
	} else if (d) {
		draw_found(a, &m, d, bottom);
	} else if (a->scan.ans.state == LOOKUP_NOT_FOUND) {
		i18n_fill(buf, sizeof(buf), app_str(a, "status_not_found"), a->scan.code);
		draw_message(a, &m, buf, app_str(a, "status_not_found_sub"), COL_WARN_BG, COL_WARN_INK);
	} else {
		draw_message(a, &m, app_str(a, "status_unavailable"), app_str(a, "status_unavailable_sub"),
			     COL_WARN_BG, COL_WARN_INK);
	}
	draw_widgets(a, w, n);
}

const struct screen scr_status = {
	.name = "status",
	.handle = status_handle,
	.tick = scan_tick,
	.widgets = status_widgets,
	.draw = status_draw,
};
