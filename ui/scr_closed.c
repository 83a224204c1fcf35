/* scr_closed: nothing is open; say when the unit opens next (from the catalogue's hours and
 * closed dates, never guessed), and come back by itself when a service opens. */
#include "draw.h"

static void closed_tick(struct app *a)
{
	if (!take_all_closed(a->take, &a->closed_next))
		app_go(a, SCR_HOME);
}

static void closed_handle(struct app *a, const struct ev *e)
{
	(void)a;
	(void)e;
}

static int closed_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, false);
}

static void closed_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	char when[96];
	int y;

	draw_metrics(a, &m);
	draw_frame(a, NULL);
	y = m.body.y + m.body.h / 6;
	y += text_draw(a->text, app_str(a, "closed_title"), m.s_huge / 2, TEXT_BOLD | TEXT_CENTER,
		       COL_INK, (SDL_Rect){ m.body.x, y, m.body.w, m.s_huge }) + m.margin;
	if (a->closed_next < 0) {
		draw_text(a, app_str(a, "closed_unknown"), m.s_title, TEXT_CENTER, COL_INK,
			  (SDL_Rect){ m.body.x, y, m.body.w, m.s_title * 4 });
	} else {
		y += text_draw(a->text, app_str(a, "closed_body"), m.s_title, TEXT_CENTER, COL_INK,
			       (SDL_Rect){ m.body.x, y, m.body.w, m.s_title * 3 }) + m.gap;
		app_fmt_when(a, a->closed_next, when, sizeof(when));
		draw_text(a, when, m.s_huge / 2, TEXT_BOLD | TEXT_CENTER, COL_PRIMARY,
			  (SDL_Rect){ m.body.x, y, m.body.w, m.s_huge });
	}
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
