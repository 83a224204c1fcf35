/* scr_officers: placeholder screen until its flow lands. */
#include "draw.h"

#include <string.h>

static void officers_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_BUTTON && strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static int officers_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, true);
}

static void officers_draw(struct app *a, const struct widget *w, int n)
{
	draw_frame(a, "officers");
	draw_widgets(a, w, n);
}

const struct screen scr_officers = {
	.name = "officers",
	.handle = officers_handle,
	.widgets = officers_widgets,
	.draw = officers_draw,
};
