/* scr_directory: placeholder screen until its flow lands. */
#include "draw.h"

#include <string.h>

static void directory_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_BUTTON && strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static int directory_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, true);
}

static void directory_draw(struct app *a, const struct widget *w, int n)
{
	draw_frame(a, "directory");
	draw_widgets(a, w, n);
}

const struct screen scr_directory = {
	.name = "directory",
	.handle = directory_handle,
	.widgets = directory_widgets,
	.draw = directory_draw,
};
