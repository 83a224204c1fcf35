/* scr_thanks: placeholder screen until its flow lands. */
#include "draw.h"

#include <string.h>

static void thanks_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_BUTTON && strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static int thanks_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, true);
}

static void thanks_draw(struct app *a, const struct widget *w, int n)
{
	draw_frame(a, "thanks");
	draw_widgets(a, w, n);
}

const struct screen scr_thanks = {
	.name = "thanks",
	.handle = thanks_handle,
	.widgets = thanks_widgets,
	.draw = thanks_draw,
};
