/* scr_locked: the central system stopped this kiosk (a remote lock, firmware/journey/remote.h). Says so
 * with the unit's own message, and that the counters still serve; nothing to press but the
 * language. Leaves only on unlock. */
#include "draw.h"

static void locked_handle(struct app *a, const struct ev *e)
{
	(void)a;
	(void)e;
}

static int locked_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, false);
}

static void locked_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	int y;

	draw_metrics(a, &m);
	draw_frame(a, NULL);
	y = m.body.y + m.body.h / 8;
	y += text_draw(a->text, app_str(a, "locked_title"), m.s_huge / 2, TEXT_BOLD | TEXT_CENTER,
		       COL_INK, (SDL_Rect){ m.body.x, y, m.body.w, m.s_huge * 2 }) + m.margin;
	if (remote_lock_message(a->remote)[0]) {
		/* the unit's words, as sent (usually Vietnamese, whatever the screen's language) */
		SDL_Rect box = { m.body.x, y, m.body.w, m.s_title * 6 };
		draw_fill(a, box, COL_WARN_BG);
		draw_text(a, remote_lock_message(a->remote), m.s_title, TEXT_BOLD | TEXT_CENTER | TEXT_VCENTER | TEXT_FIT,
			  COL_WARN_INK, (SDL_Rect){ box.x + m.margin, box.y + m.gap,
						   box.w - 2 * m.margin, box.h - 2 * m.gap });
		y += box.h + m.margin;
	}
	draw_text(a, app_str(a, "locked_body"), m.s_title, TEXT_CENTER, COL_INK,
		  (SDL_Rect){ m.body.x, y, m.body.w, m.s_title * 5 });
	draw_widgets(a, w, n);
}

const struct screen scr_locked = {
	.name = "locked",
	.journey = JOURNEY_NONE,
	.handle = locked_handle,
	.widgets = locked_widgets,
	.draw = locked_draw,
};
