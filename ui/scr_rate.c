/* scr_rate: placeholder screen until its flow lands. */
#include "draw.h"

#include <string.h>

static void rate_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_BUTTON && strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static int rate_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, true);
}

static void rate_draw(struct app *a, const struct widget *w, int n)
{
	draw_frame(a, "rate");
	draw_widgets(a, w, n);
}

const struct screen scr_rate = {
	.name = "rate",
	.handle = rate_handle,
	.widgets = rate_widgets,
	.draw = rate_draw,
};
