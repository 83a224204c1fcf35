/* scr_rate_notice: every answer of the rating flow that is not a rating, said kindly, with the
 * way on: checking a ticket (while the lookup runs), already rated, not served yet, unknown
 * ticket or officer, no central system (choose the counter instead), refused, not kept. */
#include "rate_draw.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *title, *body;
	const char *dossier_title, *dossier_body;   /* when a dossier was scanned; NULL: same */
	bool by_counter, retry, back;
	int mood;            /* a face when kind, 99 none */
} notices[] = {
	[RN_CHECKING] = { "rate_checking_title", "rate_checking_body", NULL, NULL, false, false,
			  false, 99 },
	[RN_ALREADY] = { "rate_already_title", "rate_already_body", "rate_already_dossier_title",
			 NULL, false, false, false, 2 },
	[RN_NOT_SERVED] = { "rate_not_served_title", "rate_not_served_body", NULL, NULL, false,
			    false, false, 99 },
	[RN_UNKNOWN_TICKET] = { "rate_unknown_ticket_title", "rate_unknown_ticket_body", NULL, NULL,
				true, false, false, 99 },
	[RN_UNKNOWN_DOSSIER] = { "rate_unknown_dossier_title", "rate_unknown_dossier_body", NULL,
				 NULL, true, false, false, 99 },
	[RN_UNAVAILABLE] = { "rate_unavailable_title", "rate_unavailable_body",
			     "rate_unavailable_dossier_title", "rate_unavailable_dossier_body", true,
			     false, false, 99 },
	[RN_UNKNOWN_OFFICER] = { "rate_unknown_officer_title", "rate_unknown_officer_body", NULL,
				 "rate_unknown_officer_dossier_body", true, false, false, 99 },
	[RN_REFUSED] = { "rate_refused_title", "rate_refused_body", NULL, NULL, false, false, true,
			 99 },
	[RN_NOT_KEPT] = { "rate_not_kept_title", "rate_not_kept_body", NULL, NULL, false, true,
			  false, 99 },
};

static void notice_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "by_counter") == 0) {
		rate_by_counter(a->rate);
	} else if (strcmp(e->id, "retry") == 0) {
		rate_submit(a->rate);
	} else if (strcmp(e->id, "back") == 0) {
		app_go(a, SCR_RATE);
	} else if (strcmp(e->id, "home") == 0) {
		app_go(a, SCR_HOME);
	}
}

static int notice_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	int h, n = 0;

	draw_metrics(a, &m);
	h = m.landscape ? 170 : 200;
	if (notices[rate_notice(a->rate)].by_counter && catalog_officer_count(app_cat(a)) > 0)
		n = widget_add(w, n, max, "by_counter",
			       (SDL_Rect){ m.body.x, m.body.y + m.body.h - h, m.body.w, h },
			       app_str(a, "rate_by_counter"), app_str(a, "rate_by_counter_sub"),
			       W_PRIMARY, true);
	if (notices[rate_notice(a->rate)].retry)
		n = widget_add(w, n, max, "retry",
			       (SDL_Rect){ m.body.x, m.body.y + m.body.h - h, m.body.w, h },
			       app_str(a, "rate_retry"), NULL, W_PRIMARY, true);
	return draw_chrome(a, w, n, max, notices[rate_notice(a->rate)].back, true);
}

/* Three dots that fill one by one while the ticket is checked. */
static void draw_dots(struct app *a, int cx, int cy, int r)
{
	int lit = (int)((clock_mono_ms(a->d.clock) - a->entered_ms) / 400 % 4);

	for (int i = 0; i < 3; i++)
		rate_draw_circle(a, cx + (i - 1) * r * 3, cy, r, i < lit ? COL_PRIMARY : COL_LINE);
}

/* An "i" in a circle: information, not an error of the citizen's. */
static void draw_info(struct app *a, int cx, int cy, int r)
{
	rate_draw_circle(a, cx, cy, r, COL_PRIMARY);
	rate_draw_circle(a, cx, cy - r / 2, r / 8, (SDL_Color){ 0xFF, 0xFF, 0xFF, 255 });
	draw_fill(a, (SDL_Rect){ cx - r / 9, cy - r / 4, 2 * (r / 9), r * 3 / 4 },
		  (SDL_Color){ 0xFF, 0xFF, 0xFF, 255 });
}

static void notice_tick(struct app *a)
{
	rate_tick_wait(a->rate);
}

static void notice_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	enum rate_notice k = rate_notice(a->rate);
	const char *title = notices[k].title, *body = notices[k].body;
	char text[400], max[16];
	int y, r, bottom;

	draw_metrics(a, &m);
	if (rate_via(a->rate) == RATING_VIA_DOSSIER) {
		title = notices[k].dossier_title ? notices[k].dossier_title : title;
		body = notices[k].dossier_body ? notices[k].dossier_body : body;
	}
	if (k == RN_REFUSED) {
		snprintf(text, sizeof(text), "rate_problem_%s", rating_problem_name(rate_problem(a->rate)));
		for (char *p = text; *p; p++)
			*p = *p == '-' ? '_' : *p;
		body = strcmp(app_str(a, text), text) != 0 ? text : body;
	}
	draw_frame(a, app_str(a, title));
	r = m.landscape ? 90 : 130;
	y = m.body.y + m.margin + r;
	if (k == RN_CHECKING)
		draw_dots(a, m.w / 2, y, r / 3);
	else if (notices[k].mood != 99)
		rate_draw_face(a, m.w / 2, y, r, notices[k].mood);
	else
		draw_info(a, m.w / 2, y, r);
	y += r + m.margin;
	snprintf(max, sizeof(max), "%d", a->d.cfg->rating.comment_max);
	i18n_fill(text, sizeof(text), app_str(a, body), max);
	/* the words down to the first button under them, a size smaller when long */
	bottom = m.h - m.footer_h - m.gap;
	for (int i = 0; i < n; i++)
		if (strcmp(w[i].id, "lang") != 0 && w[i].r.y > y && w[i].r.y - m.gap < bottom)
			bottom = w[i].r.y - m.gap;
	text_draw(a->text, text, m.s_title, TEXT_CENTER | TEXT_FIT, COL_INK,
		  (SDL_Rect){ m.body.x + m.margin, y, m.body.w - 2 * m.margin, bottom - y });
	draw_widgets(a, w, n);
}

const struct screen scr_rate_notice = {
	.name = "rate_notice",
	.journey = JOURNEY_RATE,
	.handle = notice_handle,
	.tick = notice_tick,
	.widgets = notice_widgets,
	.draw = notice_draw,
	.idle_s = app_rating_idle_s,
};
