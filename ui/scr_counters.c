/* scr_counters: placeholder screen until its flow lands. */
#include "draw.h"

#include <string.h>

static void counters_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_BUTTON && strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static int counters_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, true);
}

static void counters_draw(struct app *a, const struct widget *w, int n)
{
	draw_frame(a, "counters");
	draw_widgets(a, w, n);
}

const struct screen scr_counters = {
	.name = "counters",
	.handle = counters_handle,
	.widgets = counters_widgets,
	.draw = counters_draw,
};
