/* scr_keypad: typing a dossier code by hand, for a receipt whose barcode will not scan. Only the
 * characters a code can hold are offered (digits, capital letters, '.', '-'); a physical
 * keyboard works too. The code goes through the same parser as a scan. */
#include "draw.h"


#include <stdio.h>
#include <string.h>

#define KEYPAD_COLS 10

static void keypad_handle(struct app *a, const struct ev *e)
{
	struct enquiry *q = a->enquiry;

	if (e->type == EV_TEXT) {
		for (const char *s = e->id; *s; s++)
			enquiry_type(q, *s);
		enquiry_set_refused(q, NULL);
		return;
	}
	if (e->type == EV_KEY) {
		if (e->key == KEY_BACKSPACE)
			enquiry_erase(q);
		else if (e->key == KEY_ENTER && enquiry_entry(q)[0])
			enquiry_submit_entry(q);
		return;
	}
	if (e->type != EV_BUTTON)
		return;
	enquiry_set_refused(q, NULL);
	if (strncmp(e->id, "k_", 2) == 0) {
		const char *k = e->id + 2;
		enquiry_type(q, strcmp(k, "dot") == 0 ? '.' : strcmp(k, "dash") == 0 ? '-' : k[0]);
	} else if (strcmp(e->id, "del") == 0) {
		enquiry_erase(q);
	} else if (strcmp(e->id, "clear") == 0) {
		enquiry_erase_all(q);
	} else if (strcmp(e->id, "go") == 0) {
		enquiry_submit_entry(q);
	} else if (strcmp(e->id, "back") == 0) {
		app_go(a, SCR_SCAN);
	} else if (strcmp(e->id, "home") == 0) {
		app_go(a, SCR_HOME);
	}
}

/* The entry box at the top of the body, then the key grid. */
static void layout(const struct metrics *m, SDL_Rect *entry, int *key_w, int *key_h, int *top)
{
	int rows = 5;

	*entry = (SDL_Rect){ m->body.x, m->body.y, m->body.w, m->landscape ? 110 : 150 };
	*top = entry->y + entry->h + (m->landscape ? m->gap : 2 * m->margin);
	*key_w = (m->body.w - (KEYPAD_COLS - 1) * m->gap / 2) / KEYPAD_COLS;
	*key_h = (m->body.y + m->body.h - *top - (rows - 1) * m->gap / 2) / rows;
	if (*key_h > 150)
		*key_h = 150;
}

/* Left edge of key column c (0..KEYPAD_COLS): the columns share the body's whole width. */
static int col_x(const struct metrics *m, int c)
{
	return m->body.x + c * (m->body.w + m->gap / 2) / KEYPAD_COLS;
}

static int keypad_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	SDL_Rect entry;
	int kw, kh, top, n = 0, g, i;
	const char *keys = enquiry_keypad_keys();
	size_t len = strlen(enquiry_entry(a->enquiry));

	draw_metrics(a, &m);
	layout(&m, &entry, &kw, &kh, &top);
	g = m.gap / 2;
	for (i = 0; keys[i]; i++) {
		char id[16], label[2] = { keys[i], 0 };
		int c = i % KEYPAD_COLS;
		SDL_Rect r = { col_x(&m, c), top + (i / KEYPAD_COLS) * (kh + g),
			       col_x(&m, c + 1) - col_x(&m, c) - g, kh };

		snprintf(id, sizeof(id), "k_%s", keys[i] == '.' ? "dot" : keys[i] == '-' ? "dash" : label);
		n = widget_add(w, n, max, id, r, label, NULL, W_NORMAL, len < DOSSIER_CODE_MAX);
	}
	/* the rest of the fourth row: delete one character */
	n = widget_add(w, n, max, "del",
		       (SDL_Rect){ col_x(&m, i % KEYPAD_COLS), top + 3 * (kh + g),
				   m.body.x + m.body.w - col_x(&m, i % KEYPAD_COLS), kh },
		       app_str(a, "keypad_delete"), NULL, W_NORMAL, len > 0);
	n = widget_add(w, n, max, "clear",
		       (SDL_Rect){ m.body.x, top + 4 * (kh + g), col_x(&m, 3) - m.body.x - g, kh },
		       app_str(a, "keypad_clear"), NULL, W_NORMAL, len > 0);
	n = widget_add(w, n, max, "go",
		       (SDL_Rect){ col_x(&m, 3), top + 4 * (kh + g), m.body.x + m.body.w - col_x(&m, 3), kh },
		       app_str(a, "keypad_go"), NULL, len >= 5 ? W_PRIMARY : W_MUTED, len >= 5);
	return draw_chrome(a, w, n, max, true, true);
}

/* A key of the grid: the shared button look, but the label gets the whole key, on one line
 * (a button's padding would leave too little room for a W, or for "Delete"). */
static void draw_key(struct app *a, const struct metrics *m, const struct widget *k)
{
	SDL_Rect in = { k->r.x + 6, k->r.y + 6, k->r.w - 12, k->r.h - 12 };

	draw_fill(a, k->r, COL_LINE);
	draw_fill(a, (SDL_Rect){ k->r.x + 3, k->r.y + 3, k->r.w - 6, k->r.h - 6 },
		  k->enabled ? (SDL_Color){ 0xFF, 0xFF, 0xFF, 255 } : COL_MUTED_BG);
	draw_text(a, k->title, m->s_btn, TEXT_BOLD | TEXT_CENTER | TEXT_VCENTER | TEXT_FIT | TEXT_NOWRAP,
		  k->enabled ? (SDL_Color){ 0x0D, 0x2F, 0x6B, 255 } : COL_MUTED_INK, in);
}

static void keypad_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	SDL_Rect entry, in;
	int kw, kh, top;

	draw_metrics(a, &m);
	layout(&m, &entry, &kw, &kh, &top);
	draw_frame(a, app_str(a, "keypad_title"));
	draw_fill(a, entry, COL_PRIMARY);
	draw_fill(a, (SDL_Rect){ entry.x + 4, entry.y + 4, entry.w - 8, entry.h - 8 },
		  (SDL_Color){ 0xFF, 0xFF, 0xFF, 255 });
	in = (SDL_Rect){ entry.x + m.margin, entry.y, entry.w - 2 * m.margin, entry.h };
	if (enquiry_entry(a->enquiry)[0])
		draw_text(a, enquiry_entry(a->enquiry), m.s_title, TEXT_BOLD | TEXT_VCENTER | TEXT_FIT | TEXT_NOWRAP,
			  COL_INK, in);
	else
		draw_text(a, app_str(a, "keypad_placeholder"), m.s_body, TEXT_VCENTER | TEXT_FIT,
			  COL_MUTED_INK, in);
	if (enquiry_refused(a->enquiry))
		draw_text(a, app_str(a, enquiry_refused(a->enquiry)), m.s_sub, TEXT_CENTER | TEXT_FIT, COL_WARN_INK,
			  (SDL_Rect){ m.body.x, entry.y + entry.h + 4, m.body.w, top - entry.y - entry.h });
	for (int i = 0; i < n; i++) {
		if (strncmp(w[i].id, "k_", 2) == 0 || !strcmp(w[i].id, "del") || !strcmp(w[i].id, "clear"))
			text_owner(a->text, w[i].id), draw_key(a, &m, &w[i]);
		else
			draw_widgets(a, &w[i], 1);
	}
	text_owner(a->text, NULL);
}

const struct screen scr_keypad = {
	.name = "keypad",
	.journey = JOURNEY_ENQUIRY,
	.handle = keypad_handle,
	.widgets = keypad_widgets,
	.draw = keypad_draw,
};
