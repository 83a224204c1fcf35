/* scr_keyboard: placeholder screen until its flow lands. */
#include "draw.h"

#include <string.h>

static void keyboard_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_BUTTON && strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static int keyboard_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, true);
}

static void keyboard_draw(struct app *a, const struct widget *w, int n)
{
	draw_frame(a, "keyboard");
	draw_widgets(a, w, n);
}

const struct screen scr_keyboard = {
	.name = "keyboard",
	.handle = keyboard_handle,
	.widgets = keyboard_widgets,
	.draw = keyboard_draw,
};
