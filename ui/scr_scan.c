/* scr_scan: "scan the barcode on your receipt", with a drawing of where the code is, the
 * reason the last scan was refused, and the way to type the code instead. */
#include "draw.h"

#include <string.h>

static void scan_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	a->scan.refused = NULL;
	if (strcmp(e->id, "keypad") == 0) {
		a->scan.entry[0] = '\0';
		app_go(a, SCR_KEYPAD);
	} else if (strcmp(e->id, "back") == 0 || strcmp(e->id, "home") == 0) {
		app_go(a, SCR_HOME);
	}
}

static int scan_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	int h;

	draw_metrics(a, &m);
	h = m.landscape ? 170 : 190;
	SDL_Rect r = { m.body.x, m.body.y + m.body.h - h, m.body.w, h };
	int n = widget_add(w, 0, max, "keypad", r, app_str(a, "scan_keypad"),
			   app_str(a, "scan_keypad_sub"), W_NORMAL, true);
	return draw_chrome(a, w, n, max, true, true);
}

/* A receipt with its barcode at the bottom, the part to show the scanner framed in colour. */
static void draw_receipt(struct app *a, SDL_Rect r)
{
	static const unsigned char bars[] = { 2, 1, 1, 2, 3, 1, 1, 1, 2, 2, 1, 3, 1, 1, 2, 1, 3, 2,
					      1, 1, 2, 3, 1, 2, 1, 1, 3, 1, 2, 2, 1, 1, 2, 1 };
	SDL_Rect code = { r.x + r.w / 8, r.y + r.h * 3 / 4, r.w * 3 / 4, r.h / 6 };
	int x = code.x, unit = code.w / 60 > 1 ? code.w / 60 : 1;

	draw_fill(a, (SDL_Rect){ r.x + 8, r.y + 8, r.w, r.h }, COL_LINE);
	draw_fill(a, r, (SDL_Color){ 0xFF, 0xFF, 0xFF, 255 });
	for (int i = 0; i < 6; i++)
		draw_fill(a, (SDL_Rect){ r.x + r.w / 8, r.y + r.h / 10 + i * r.h / 11,
					 i % 3 == 2 ? r.w / 2 : r.w * 3 / 4, r.h / 40 + 1 }, COL_MUTED_BG);
	for (size_t i = 0; i < sizeof(bars) && x < code.x + code.w; i++) {
		if (i % 2 == 0)
			draw_fill(a, (SDL_Rect){ x, code.y, bars[i] * unit, code.h }, COL_INK);
		x += bars[i] * unit;
	}
	for (int t = 0; t < 6; t++) {
		SDL_Rect f = { code.x - 16 - t, code.y - 16 - t, code.w + 32 + 2 * t, code.h + 32 + 2 * t };
		SDL_SetRenderDrawColor(a->d.ren, COL_OK.r, COL_OK.g, COL_OK.b, 255);
		SDL_RenderDrawRect(a->d.ren, &f);
	}
}

static void scan_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	int pic_w, pic_h, y, text_x, text_w;

	draw_metrics(a, &m);
	draw_frame(a, app_str(a, "scan_title"));
	y = m.body.y + m.gap;
	pic_h = m.landscape ? m.body.h - w[0].r.h - 3 * m.gap : m.body.h * 2 / 5;
	pic_w = pic_h * 3 / 4;
	if (m.landscape) {
		draw_receipt(a, (SDL_Rect){ m.body.x + m.margin, y, pic_w, pic_h });
		text_x = m.body.x + pic_w + 3 * m.margin;
		text_w = m.body.w - pic_w - 3 * m.margin;
	} else {
		draw_receipt(a, (SDL_Rect){ m.body.x + (m.body.w - pic_w) / 2, y, pic_w, pic_h });
		y += pic_h + m.margin;
		text_x = m.body.x;
		text_w = m.body.w;
	}
	y += text_draw(a->text, app_str(a, "scan_how"), m.s_title, TEXT_BOLD | (m.landscape ? 0 : TEXT_CENTER),
		       COL_INK, (SDL_Rect){ text_x, y, text_w, m.s_title * 4 }) + m.gap;
	y += text_draw(a->text, app_str(a, "scan_how_sub"), m.s_body, m.landscape ? 0 : TEXT_CENTER,
		       COL_MUTED_INK, (SDL_Rect){ text_x, y, text_w, m.s_body * 4 }) + m.margin;
	if (a->scan.refused) {
		SDL_Rect box = { text_x, y, text_w, m.s_body * 4 };
		draw_fill(a, box, COL_WARN_BG);
		draw_text(a, app_str(a, a->scan.refused), m.s_body, TEXT_VCENTER | TEXT_FIT | TEXT_CENTER,
			  COL_WARN_INK, (SDL_Rect){ box.x + m.gap, box.y, box.w - 2 * m.gap, box.h });
	}
	draw_widgets(a, w, n);
}

const struct screen scr_scan = {
	.name = "scan",
	.handle = scan_handle,
	.widgets = scan_widgets,
	.draw = scan_draw,
};
