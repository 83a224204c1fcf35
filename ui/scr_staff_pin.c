/* scr_staff_pin: the staff's PIN, on a digit keypad; the digits show as dots. Back, home and
 * the idle timeout leave without a trace of what was typed. */
#include "draw.h"

#include <stdio.h>
#include <string.h>

static void pin_enter(struct app *a)
{
	staff_pin_clear(a->staff);
}

static void pin_handle(struct app *a, const struct ev *e)
{
	struct staff *s = a->staff;
	int n = staff_pin_len(s);

	if (e->type == EV_TEXT) {
		for (const char *c = e->id; *c; c++)
			staff_pin_digit(s, *c);
		return;
	}
	if (e->type == EV_KEY) {
		if (e->key == KEY_BACKSPACE)
			staff_pin_erase(s);
		else if (e->key == KEY_ENTER && n > 0)
			staff_try_pin(s);
		return;
	}
	if (e->type != EV_BUTTON)
		return;
	if (strncmp(e->id, "pin_", 4) == 0 && e->id[4] >= '0' && e->id[4] <= '9' && !e->id[5]) {
		staff_pin_unrefuse(s);
		staff_pin_digit(s, e->id[4]);
	} else if (strcmp(e->id, "pin_del") == 0) {
		staff_pin_erase(s);
	} else if (strcmp(e->id, "pin_ok") == 0 && n > 0) {
		staff_try_pin(s);
	} else if (strcmp(e->id, "back") == 0 || strcmp(e->id, "home") == 0) {
		staff_pin_clear(s);
		app_go(a, SCR_HOME);
	}
}

/* The dots box, then a 3 x 4 grid (1-9, delete, 0, OK) centred in the body. */
static void layout(const struct metrics *m, SDL_Rect *dots, SDL_Rect *grid)
{
	int kw = m->landscape ? 300 : 280, kh = m->landscape ? 90 : 160;
	int gw = 3 * kw + 2 * m->gap, gh = 4 * kh + 3 * m->gap;

	*dots = (SDL_Rect){ m->body.x + (m->body.w - gw) / 2, m->body.y, gw, m->landscape ? 80 : 140 };
	*grid = (SDL_Rect){ dots->x, dots->y + dots->h + (m->landscape ? m->gap : 2 * m->margin), gw, gh };
}

static int pin_widgets(struct app *a, struct widget *w, int max)
{
	static const char *const keys[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "del",
					      "0", "ok" };
	struct metrics m;
	SDL_Rect dots, grid;
	int n = 0, len = staff_pin_len(a->staff);

	draw_metrics(a, &m);
	layout(&m, &dots, &grid);
	for (int i = 0; i < 12; i++) {
		int kw = (grid.w - 2 * m.gap) / 3, kh = (grid.h - 3 * m.gap) / 4;
		SDL_Rect r = { grid.x + (i % 3) * (kw + m.gap), grid.y + (i / 3) * (kh + m.gap), kw, kh };
		char id[16];
		bool digit = keys[i][0] >= '0' && keys[i][0] <= '9';

		snprintf(id, sizeof(id), "pin_%s", keys[i]);
		n = widget_add(w, n, max, id, r,
			       digit ? keys[i] : app_str(a, i == 9 ? "staff_pin_delete" : "staff_pin_ok"),
			       NULL, i == 11 && len ? W_PRIMARY : W_NORMAL,
			       digit ? len < STAFF_PIN_MAX : len > 0);
	}
	return draw_chrome(a, w, n, max, true, false);
}

static void pin_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	SDL_Rect dots, grid;
	int len = staff_pin_len(a->staff), d;

	draw_metrics(a, &m);
	d = m.s_title / 2;
	layout(&m, &dots, &grid);
	draw_frame(a, app_str(a, "staff_pin_title"));
	draw_fill(a, dots, COL_PRIMARY);
	draw_fill(a, (SDL_Rect){ dots.x + 4, dots.y + 4, dots.w - 8, dots.h - 8 },
		  (SDL_Color){ 0xFF, 0xFF, 0xFF, 255 });
	/* one square per digit typed, never the digit */
	for (int i = 0; i < len; i++)
		draw_fill(a, (SDL_Rect){ dots.x + (dots.w - (2 * len - 1) * d) / 2 + 2 * i * d,
					 dots.y + (dots.h - d) / 2, d, d }, COL_INK);
	if (!len)
		draw_text(a, app_str(a, staff_pin_refused(a->staff) ? "staff_pin_wrong" :
				     "staff_pin_hint"), m.s_sub, TEXT_CENTER | TEXT_VCENTER | TEXT_FIT,
			  staff_pin_refused(a->staff) ? COL_WARN_INK : COL_MUTED_INK, dots);
	draw_widgets(a, w, n);
}

const struct screen scr_staff_pin = {
	.name = "staff_pin",
	.journey = JOURNEY_STAFF,
	.enter = pin_enter,
	.handle = pin_handle,
	.widgets = pin_widgets,
	.draw = pin_draw,
};
