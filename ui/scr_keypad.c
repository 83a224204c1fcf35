/* scr_keypad: placeholder screen until its flow lands. */
#include "draw.h"

#include <string.h>

static void keypad_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_BUTTON && strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static int keypad_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, false, true);
}

static void keypad_draw(struct app *a, const struct widget *w, int n)
{
	draw_frame(a, "keypad");
	draw_widgets(a, w, n);
}

const struct screen scr_keypad = {
	.name = "keypad",
	.handle = keypad_handle,
	.widgets = keypad_widgets,
	.draw = keypad_draw,
};
