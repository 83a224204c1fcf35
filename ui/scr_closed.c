/* scr_closed: no service takes numbers now; say when numbers are issued again (from the
 * catalogue's hours and closed dates, never guessed), keep what needs no ticket (dossier
 * lookup, rating, the directory, the procedures; a receipt scanned is looked up at once), and come back by
 * itself when a service opens. */
#include "draw.h"

#include <stdio.h>
#include <string.h>

static const char *const FUNCS[] = { "lookup", "rate", "directory", "procedures" };

/* The buttons shown: the procedures only where the unit has any. */
static int func_count(const struct app *a)
{
	return consult_set(a->consult) ? 4 : 3;
}

static void closed_tick(struct app *a)
{
	if (!take_all_closed(a->take, &a->closed_next))
		app_go(a, SCR_HOME);
}

static void closed_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "lookup") == 0)
		app_go(a, SCR_SCAN);
	else if (strcmp(e->id, "rate") == 0)
		rate_begin(a->rate);
	else if (strcmp(e->id, "directory") == 0)
		app_go(a, SCR_DIRECTORY);
	else if (strcmp(e->id, "procedures") == 0)
		app_go(a, SCR_PROCS);
}

/* The buttons at the bottom (no footer here): stacked in portrait (four a little lower, to
 * leave the reopening day of two lines its room), a row in landscape, whose four titles wrap
 * on two lines. */
static SDL_Rect func_rect(const struct metrics *m, int count, int i)
{
	int h = count > 3 ? (m->landscape ? 260 : 170) : 200, bottom = m->h - m->margin;
	int cw = m->landscape ? (m->body.w - (count - 1) * m->gap) / count : m->body.w;

	if (m->landscape)
		return (SDL_Rect){ m->margin + i * (cw + m->gap), bottom - h, cw, h };
	return (SDL_Rect){ m->margin, bottom - (count - i) * h - (count - 1 - i) * m->gap, cw, h };
}

static int closed_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	int n = 0, count = func_count(a);

	draw_metrics(a, &m);
	for (int i = 0; i < count; i++) {
		char title[48], sub[48];
		snprintf(title, sizeof(title), "home_%s", FUNCS[i]);
		snprintf(sub, sizeof(sub), "home_%s_sub", FUNCS[i]);
		n = widget_add(w, n, max, FUNCS[i], func_rect(&m, count, i), app_str(a, title),
			       app_str(a, sub), W_NORMAL, true);
	}
	return draw_chrome(a, w, n, max, false, false);
}

/* s centred at size, as tall as it wraps; returns the next y. */
static int line(struct app *a, const struct metrics *m, const char *s, int size, int flags,
		SDL_Color c, int y)
{
	int h = draw_text_h(a, s, size, flags | TEXT_CENTER, m->body.w);

	draw_text(a, s, size, flags | TEXT_CENTER, c, (SDL_Rect){ m->body.x, y, m->body.w, h });
	return y + h;
}

static void closed_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	char when[96];
	const char *still = app_str(a, func_count(a) > 3 ? "closed_still" : "closed_still_noprocs");
	int y, sh;

	draw_metrics(a, &m);
	draw_frame(a, NULL);
	y = m.header_h + m.margin;
	y = line(a, &m, app_str(a, "closed_title"), m.s_title * 3 / 2, TEXT_BOLD, COL_INK, y) + m.gap;
	if (a->closed_next < 0) {
		line(a, &m, app_str(a, "closed_unknown"), m.s_title, 0, COL_INK, y);
	} else {
		y = line(a, &m, app_str(a, "closed_body"), m.s_title, 0, COL_INK, y);
		app_fmt_when(a, a->closed_next, when, sizeof(when));
		line(a, &m, when, m.s_huge / 2, TEXT_BOLD, COL_PRIMARY, y);
	}
	/* what still works, right above its buttons */
	sh = draw_text_h(a, still, m.s_body, TEXT_BOLD | TEXT_CENTER, m.body.w);
	line(a, &m, still, m.s_body, TEXT_BOLD, COL_OK, func_rect(&m, func_count(a), 0).y - m.gap - sh);
	draw_widgets(a, w, n);
}

const struct screen scr_closed = {
	.name = "closed",
	.journey = JOURNEY_NONE,
	.enter = closed_tick,
	.handle = closed_handle,
	.tick = closed_tick,
	.widgets = closed_widgets,
	.draw = closed_draw,
};
