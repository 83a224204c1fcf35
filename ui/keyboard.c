/* keyboard: the shared on-screen keyboard (keyboard.h). */
#include "keyboard.h"

#include "draw.h"

#include <stdio.h>
#include <string.h>

static const char *const ROWS[] = { "1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm" };

int keyboard_widgets_add(struct app *a, SDL_Rect keys, const struct keyboard_spec *k, struct widget *w,
		     int n, int max)
{
	struct metrics m;
	int g, kw, kh, y, right;

	draw_metrics(a, &m);
	g = m.gap / 2;
	kw = (keys.w - 9 * g) / 10;
	kh = (keys.h - 4 * g) / 5;
	for (int r = 0; r < 4; r++) {
		int len = (int)strlen(ROWS[r]);
		int x = keys.x + (r == 2 ? kw / 2 : r == 3 ? kw * 3 / 2 + g : 0);

		y = keys.y + r * (kh + g);
		for (int i = 0; i < len; i++) {
			char id[8], label[2] = { ROWS[r][i], 0 };

			if (k->shift_on && label[0] >= 'a')
				label[0] = (char)(label[0] - 'a' + 'A');
			snprintf(id, sizeof(id), "key_%c", ROWS[r][i]);
			n = widget_add(w, n, max, id, (SDL_Rect){ x + i * (kw + g), y, kw, kh }, label,
				       NULL, W_NORMAL, true);
		}
	}
	y = keys.y + 3 * (kh + g);
	if (k->shift)
		n = widget_add(w, n, max, "key_shift", (SDL_Rect){ keys.x, y, kw * 3 / 2, kh },
			       app_str(a, "rate_kb_shift"), NULL, k->shift_on ? W_PRIMARY : W_MUTED,
			       true);
	else
		n = widget_add(w, n, max, "key_.", (SDL_Rect){ keys.x, y, kw * 3 / 2, kh }, ".", NULL,
			       W_NORMAL, true);
	right = keys.x + kw * 3 / 2 + 2 * g + 7 * (kw + g);
	n = widget_add(w, n, max, "key_bksp", (SDL_Rect){ right, y, keys.x + keys.w - right, kh },
		       app_str(a, "rate_kb_delete"), NULL, W_MUTED, k->can_delete);
	y += kh + g;
	n = widget_add(w, n, max, "key_space", (SDL_Rect){ keys.x, y, keys.w * 65 / 100, kh },
		       app_str(a, "rate_kb_space"), NULL, W_NORMAL, true);
	return widget_add(w, n, max, "key_done",
			  (SDL_Rect){ keys.x + keys.w * 65 / 100 + g, y,
				      keys.w - keys.w * 65 / 100 - g, kh },
			  k->done, NULL, W_PRIMARY, true);
}

static void draw_key(struct app *a, const struct metrics *m, const struct widget *w)
{
	const SDL_Color navy = { 0x0D, 0x2F, 0x6B, 255 };
	SDL_Color bg = w->style == W_PRIMARY ? COL_PRIMARY : w->style == W_MUTED ? COL_MUTED_BG :
										   COL_WHITE;
	SDL_Color ink = w->style == W_PRIMARY ? COL_WHITE : w->style == W_MUTED ? COL_MUTED_INK :
										  navy;
	int size = w->r.w < 3 * m->s_btn && strlen(w->title) > 2 ? m->s_sub : m->s_btn;

	draw_fill(a, w->r, w->style == W_NORMAL ? COL_LINE : bg);
	if (w->style == W_NORMAL)
		draw_fill(a, (SDL_Rect){ w->r.x + 3, w->r.y + 3, w->r.w - 6, w->r.h - 6 }, COL_WHITE);
	/* one line, but a label of two words may take two ("Chữ / hoa" on a narrow key) */
	draw_text(a, w->title, size, TEXT_BOLD | TEXT_CENTER | TEXT_VCENTER | TEXT_FIT |
		  (strchr(w->title, ' ') ? 0 : TEXT_NOWRAP), ink,
		  (SDL_Rect){ w->r.x + 6, w->r.y, w->r.w - 12, w->r.h });
}

int keyboard_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	int k;

	draw_metrics(a, &m);
	for (k = 0; k < n && strncmp(w[k].id, "key_", 4) == 0; k++) {
		text_owner(a->text, w[k].id);
		draw_key(a, &m, &w[k]);
	}
	text_owner(a->text, NULL);
	return k;
}
