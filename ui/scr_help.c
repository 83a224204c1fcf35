/* scr_help: after the call for help (firmware/journey/help.h): staff are coming, or (asked
 * too often this hour) the guidance counter is the way. Back home by the button or at idle. */
#include "draw.h"

#include <string.h>

static void help_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_BUTTON && strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static int help_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, true);
}

static void help_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	SDL_Rect box;

	draw_metrics(a, &m);
	draw_frame(a, app_str(a, "help_button"));
	box = (SDL_Rect){ m.body.x, m.body.y + m.gap, m.body.w, m.s_title * 6 };
	draw_fill(a, box, COL_WARN_BG);
	draw_text(a, app_str(a, help_message_key(help_last(a->help))), m.s_title,
		  TEXT_VCENTER | TEXT_FIT, COL_WARN_INK,
		  (SDL_Rect){ box.x + m.margin, box.y, box.w - 2 * m.margin, box.h });
	draw_widgets(a, w, n);
}

const struct screen scr_help = {
	.name = "help",
	.journey = JOURNEY_NONE,
	.handle = help_handle,
	.widgets = help_widgets,
	.draw = help_draw,
};
