/* scr_status: placeholder screen until its flow lands. */
#include "draw.h"

#include <string.h>

static void status_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_BUTTON && strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static int status_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, true);
}

static void status_draw(struct app *a, const struct widget *w, int n)
{
	draw_frame(a, "status");
	draw_widgets(a, w, n);
}

const struct screen scr_status = {
	.name = "status",
	.handle = status_handle,
	.widgets = status_widgets,
	.draw = status_draw,
};
