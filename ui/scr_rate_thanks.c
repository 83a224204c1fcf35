/* scr_rate_thanks: the rating is kept. Says so, and that it stays anonymous, then goes home by
 * itself after a few seconds so that the next citizen finds the welcome screen. */
#include "rate_draw.h"

#include <string.h>

#define THANKS_MS 8000

static void thanks_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_BUTTON && strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static void thanks_tick(struct app *a)
{
	if (clock_mono_ms(a->d.clock) - a->entered_ms >= THANKS_MS)
		app_go(a, SCR_HOME);
}

static int thanks_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	int n;

	draw_metrics(a, &m);
	n = widget_add(w, 0, max, "home", (SDL_Rect){ m.margin, m.h - m.footer_h, m.w - 2 * m.margin,
						     m.footer_h - m.gap },
		       app_str(a, "rate_thanks_home"), NULL, W_PRIMARY, true);
	return draw_chrome(a, w, n, max, false, false);
}

static void thanks_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	int r, y;

	draw_metrics(a, &m);
	draw_frame(a, NULL);
	r = m.landscape ? 110 : 170;
	y = m.body.y - m.title_h / 2 + m.margin + r;
	rate_draw_circle(a, m.w / 2, y, r, COL_OK);
	rate_draw_tick(a, (SDL_Rect){ m.w / 2 - r * 6 / 10, y - r * 6 / 10, r * 12 / 10, r * 12 / 10 });
	y += r + m.margin;
	y += text_draw(a->text, app_str(a, "rate_thanks_title"), m.s_huge / 2, TEXT_BOLD | TEXT_CENTER |
		       TEXT_NOWRAP | TEXT_FIT, COL_OK, (SDL_Rect){ m.body.x, y, m.body.w, m.s_huge }) +
	     m.margin;
	text_draw(a->text, app_str(a, "rate_thanks_body"), m.s_title, TEXT_CENTER, COL_INK,
		  (SDL_Rect){ m.body.x + m.margin, y, m.body.w - 2 * m.margin, m.s_title * 6 });
	draw_widgets(a, w, n);
}

const struct screen scr_rate_thanks = {
	.name = "thanks",
	.journey = JOURNEY_RATE,
	.handle = thanks_handle,
	.tick = thanks_tick,
	.widgets = thanks_widgets,
	.draw = thanks_draw,
};
