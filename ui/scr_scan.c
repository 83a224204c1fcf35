/* scr_scan: placeholder screen until its flow lands. */
#include "draw.h"

#include <string.h>

static void scan_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_BUTTON && strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static int scan_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, true);
}

static void scan_draw(struct app *a, const struct widget *w, int n)
{
	draw_frame(a, "scan");
	draw_widgets(a, w, n);
}

const struct screen scr_scan = {
	.name = "scan",
	.handle = scan_handle,
	.widgets = scan_widgets,
	.draw = scan_draw,
};
