/* scr_rate_start: how to find the officer to rate. Scanning the ticket's QR code (or the
 * receipt's barcode) anywhere on this flow finds the officer who served it (the scan is
 * routed by firmware/journey/journeys.c); without a ticket, the citizen chooses the counter and then the officer. */
#include "rate_draw.h"

#include <string.h>

static void start_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "by_counter") == 0) {
		rate_by_counter(a->rate);
	} else if (strcmp(e->id, "back") == 0 || strcmp(e->id, "home") == 0) {
		app_go(a, SCR_HOME);
	}
}

static int start_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	int h, n = 0;
	bool any = catalog_officer_count(app_cat(a)) > 0;

	draw_metrics(a, &m);
	h = m.landscape ? 170 : 200;
	if (any)
		n = widget_add(w, n, max, "by_counter",
			       (SDL_Rect){ m.body.x, m.body.y + m.body.h - h, m.body.w, h },
			       app_str(a, "rate_by_counter"), app_str(a, "rate_by_counter_sub"),
			       W_NORMAL, true);
	return draw_chrome(a, w, n, max, true, true);
}

/* A queue ticket with its QR code framed: what to show the scanner. */
static void draw_ticket(struct app *a, SDL_Rect r)
{
	static const char *const qr[] = {
		"1111111010101111111", "1000001001001000001", "1011101011101011101",
		"1011101000101011101", "1011101010001011101", "1000001011101000001",
		"1111111010101111111", "0000000011100000000", "1101011100110110010",
		"0110100101011001101", "1011011010010110110", "0000000010101101001",
		"1111111001100110011", "1000001010111010100", "1011101001010101101",
		"1011101011001011010", "1011101000111010101", "1000001010010101011",
		"1111111011101010110",
	};
	int mod = r.w * 6 / 10 / 19, side = mod * 19;
	SDL_Rect code = { r.x + (r.w - side) / 2, r.y + r.h - side - r.h / 12, side, side };

	draw_fill(a, (SDL_Rect){ r.x + 8, r.y + 8, r.w, r.h }, COL_LINE);
	draw_fill(a, r, (SDL_Color){ 0xFF, 0xFF, 0xFF, 255 });
	draw_text(a, "A-012", r.w / 4, TEXT_BOLD | TEXT_CENTER | TEXT_NOWRAP | TEXT_FIT, COL_INK,
		  (SDL_Rect){ r.x, r.y + r.h / 14, r.w, r.h / 4 });
	for (int i = 0; i < 3; i++)
		draw_fill(a, (SDL_Rect){ r.x + r.w / 8, r.y + r.h * (6 + i) / 20, i == 2 ? r.w / 2 :
					 r.w * 3 / 4, r.h / 50 + 1 }, COL_MUTED_BG);
	for (int y = 0; y < 19; y++)
		for (int x = 0; x < 19; x++)
			if (qr[y][x] == '1')
				draw_fill(a, (SDL_Rect){ code.x + x * mod, code.y + y * mod, mod, mod },
					  COL_INK);
	for (int t = 0; t < 6; t++) {
		SDL_Rect f = { code.x - 14 - t, code.y - 14 - t, code.w + 28 + 2 * t,
			       code.h + 28 + 2 * t };
		draw_outline(a, f, COL_OK);
	}
}

/* The height of a string wrapped to w, at most `lines` lines of it. */
static int text_h(struct app *a, const char *key, int size, int flags, int w, int lines)
{
	int tw, th;

	if (text_size(a->text, app_str(a, key), size, flags, w, &tw, &th) != 0 || th > size * lines)
		th = size * lines;
	return th;
}

static int how_h(struct app *a, int how, int sub, int flags, int w, int gap)
{
	return draw_text_h(a, app_str(a, "rate_start_how"), how, TEXT_BOLD | flags, w) + gap +
	       draw_text_h(a, app_str(a, "rate_start_how_sub"), sub, flags, w);
}

static void start_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	int bottom, pic_h, pic_w, x, y, tw, flags, help_h, sub_size, how_size;
	SDL_Rect priv, help;

	draw_metrics(a, &m);
	bottom = n > 0 && strcmp(w[0].id, "by_counter") == 0 ? w[0].r.y : m.body.y + m.body.h;
	draw_frame(a, app_str(a, "rate_start_title"));
	y = m.body.y + m.gap;
	pic_h = m.landscape ? bottom - y - 2 * m.margin : (bottom - y) * 45 / 100;
	pic_w = pic_h * 3 / 4;
	if (m.landscape) {
		draw_ticket(a, (SDL_Rect){ m.body.x + m.margin, y, pic_w, pic_h });
		x = m.body.x + pic_w + 3 * m.margin;
		tw = m.body.w - pic_w - 3 * m.margin;
		flags = 0;
	} else {
		draw_ticket(a, (SDL_Rect){ m.body.x + (m.body.w - pic_w) / 2, y, pic_w, pic_h });
		y += pic_h + m.margin;
		x = m.body.x;
		tw = m.body.w;
		flags = TEXT_CENTER;
	}
	/* the promise of confidentiality sits right above the button, where help is to be had
	 * (Decree 118/2025 art. 31.3: staff help those who need it) above that; the how-to gets
	 * the rest */
	priv = (SDL_Rect){ x, bottom - m.gap - text_h(a, "rate_private", m.s_sub, 0, tw, 3), tw, 0 };
	priv.h = bottom - m.gap - priv.y;
	help_h = text_h(a, "rate_help", m.s_body, TEXT_BOLD, tw, 3);
	help = (SDL_Rect){ x, priv.y - m.gap - help_h, tw, help_h };
	/* the how-to and its sub-line smaller, step by step, when the column is short
	 * (landscape), the sub-line never under the floor */
	how_size = m.s_title;
	sub_size = m.s_body;
	while (how_h(a, how_size, sub_size, flags, tw, m.gap) > help.y - y - m.gap &&
	       sub_size > m.s_small) {
		how_size -= 6;
		sub_size = sub_size - 6 < m.s_small ? m.s_small : sub_size - 6;
	}
	y += text_draw(a->text, app_str(a, "rate_start_how"), how_size, TEXT_BOLD | flags, COL_INK,
		       (SDL_Rect){ x, y, tw, draw_text_h(a, app_str(a, "rate_start_how"), how_size,
							  TEXT_BOLD | flags, tw) }) + m.gap;
	text_draw(a->text, app_str(a, "rate_start_how_sub"), sub_size, flags, COL_MUTED_INK,
		  (SDL_Rect){ x, y, tw, help.y - y - m.gap });
	draw_text(a, app_str(a, "rate_help"), m.s_body, TEXT_BOLD | TEXT_FIT | TEXT_VCENTER | flags,
		  COL_PRIMARY, help);
	draw_text(a, app_str(a, "rate_private"), m.s_sub, TEXT_FIT | TEXT_VCENTER | flags, COL_OK, priv);
	draw_widgets(a, w, n);
}

const struct screen scr_rate_start = {
	.name = "rate_start",
	.journey = JOURNEY_RATE,
	.handle = start_handle,
	.widgets = start_widgets,
	.draw = start_draw,
	.idle_s = app_rating_idle_s,
};
