/* scr_reasons: placeholder screen until its flow lands. */
#include "draw.h"

#include <string.h>

static void reasons_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_BUTTON && strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static int reasons_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, true);
}

static void reasons_draw(struct app *a, const struct widget *w, int n)
{
	draw_frame(a, "reasons");
	draw_widgets(a, w, n);
}

const struct screen scr_reasons = {
	.name = "reasons",
	.handle = reasons_handle,
	.widgets = reasons_widgets,
	.draw = reasons_draw,
};
