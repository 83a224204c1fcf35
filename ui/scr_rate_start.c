/* scr_rate_start: placeholder screen until its flow lands. */
#include "draw.h"

#include <string.h>

static void rate_start_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_BUTTON && strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static int rate_start_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, true);
}

static void rate_start_draw(struct app *a, const struct widget *w, int n)
{
	draw_frame(a, "rate_start");
	draw_widgets(a, w, n);
}

const struct screen scr_rate_start = {
	.name = "rate_start",
	.handle = rate_start_handle,
	.widgets = rate_start_widgets,
	.draw = rate_start_draw,
};
