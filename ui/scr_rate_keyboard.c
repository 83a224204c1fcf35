/* scr_rate_keyboard: the optional comment, typed on a QWERTY keyboard with Vietnamese composed the
 * Telex way (firmware/telex.h) and shown live in a big text box. A physical keyboard works
 * too (text, Backspace, Enter for done, Escape for back). */
#include "rate_draw.h"


#include <stdio.h>
#include <string.h>

static const char *const ROWS[] = { "1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm" };

static void button(struct app *a, const char *id)
{
	const char *k = id + 4;

	if (strcmp(k, "done") == 0)
		rate_comment_done(a->rate);
	else if (strcmp(k, "bksp") == 0)
		rate_backspace(a->rate);
	else if (strcmp(k, "space") == 0)
		rate_key(a->rate, ' ');
	else if (strcmp(k, "shift") == 0)
		rate_toggle_shift(a->rate);
	else if (k[0] && !k[1])
		rate_key(a->rate, (uint32_t)(unsigned char)k[0]);
}

static void keyboard_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_TEXT) {
		rate_text(a->rate, e->id);
	} else if (e->type == EV_KEY) {
		if (e->key == KEY_BACKSPACE)
			rate_backspace(a->rate);
		else if (e->key == KEY_ENTER)
			rate_comment_done(a->rate);
		else if (e->key == KEY_ESCAPE)
			app_go(a, SCR_REASONS);
	} else if (e->type == EV_BUTTON) {
		if (strncmp(e->id, "key_", 4) == 0)
			button(a, e->id);
		else if (strcmp(e->id, "back") == 0)
			app_go(a, SCR_REASONS);
		else if (strcmp(e->id, "home") == 0)
			app_go(a, SCR_HOME);
	}
}

/* The text box and the key area: stacked in portrait, side by side in landscape. */
static void layout(const struct metrics *m, SDL_Rect *box, SDL_Rect *keys)
{
	if (m->landscape) {
		*box = (SDL_Rect){ m->body.x, m->body.y, m->body.w * 32 / 100, m->body.h };
		*keys = (SDL_Rect){ box->x + box->w + m->margin, m->body.y,
				    m->body.w - box->w - m->margin, m->body.h };
	} else {
		*box = (SDL_Rect){ m->body.x, m->body.y, m->body.w, m->body.h * 36 / 100 };
		*keys = (SDL_Rect){ m->body.x, box->y + box->h + m->s_body * 5, m->body.w,
				    m->body.y + m->body.h - box->y - box->h - m->s_body * 5 };
	}
}

static int keyboard_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	SDL_Rect box, keys;
	int g, kw, kh, n = 0, y;

	draw_metrics(a, &m);
	layout(&m, &box, &keys);
	g = m.gap / 2;
	kw = (keys.w - 9 * g) / 10;
	kh = (keys.h - 4 * g) / 5;
	for (int r = 0; r < 4; r++) {
		int len = (int)strlen(ROWS[r]), x = keys.x + (r == 2 ? kw / 2 : r == 3 ? kw * 3 / 2 + g : 0);
		y = keys.y + r * (kh + g);
		for (int i = 0; i < len; i++) {
			char id[8], label[2] = { ROWS[r][i], 0 };
			if (rate_shift(a->rate) && label[0] >= 'a')
				label[0] = (char)(label[0] - 'a' + 'A');
			snprintf(id, sizeof(id), "key_%c", ROWS[r][i]);
			n = widget_add(w, n, max, id, (SDL_Rect){ x + i * (kw + g), y, kw, kh }, label, NULL,
				       W_NORMAL, true);
		}
	}
	y = keys.y + 3 * (kh + g);
	n = widget_add(w, n, max, "key_shift", (SDL_Rect){ keys.x, y, kw * 3 / 2, kh },
		       app_str(a, "rate_kb_shift"), NULL, rate_shift(a->rate) ? W_PRIMARY : W_MUTED, true);
	n = widget_add(w, n, max, "key_bksp",
		       (SDL_Rect){ keys.x + kw * 3 / 2 + 2 * g + 7 * (kw + g), y,
				   keys.x + keys.w - (keys.x + kw * 3 / 2 + 2 * g + 7 * (kw + g)), kh },
		       app_str(a, "rate_kb_delete"), NULL, W_MUTED, rate_comment(a->rate)->n > 0);
	y += kh + g;
	n = widget_add(w, n, max, "key_space", (SDL_Rect){ keys.x, y, keys.w * 65 / 100, kh },
		       app_str(a, "rate_kb_space"), NULL, W_NORMAL, true);
	n = widget_add(w, n, max, "key_done",
		       (SDL_Rect){ keys.x + keys.w * 65 / 100 + g, y, keys.w - keys.w * 65 / 100 - g, kh },
		       app_str(a, "rate_kb_done"), NULL, W_PRIMARY, true);
	return draw_chrome(a, w, n, max, true, true);
}

/* The end of the text, so that what is being typed is always in view, with a caret. */
static void draw_text_box(struct app *a, const struct metrics *m, SDL_Rect box)
{
	char full[TELEX_MAX * 4 + 1], shown[700];
	size_t len, from = 0;
	SDL_Rect in = { box.x + m->gap, box.y + m->gap, box.w - 2 * m->gap, box.h - 2 * m->gap };

	draw_fill(a, box, COL_PRIMARY);
	draw_fill(a, (SDL_Rect){ box.x + 4, box.y + 4, box.w - 8, box.h - 8 },
		  (SDL_Color){ 0xFF, 0xFF, 0xFF, 255 });
	if (rate_comment(a->rate)->n == 0 || telex_utf8(rate_comment(a->rate), full, sizeof(full)) != 0) {
		text_draw(a->text, app_str(a, "rate_kb_placeholder"), m->s_body, 0, COL_MUTED_INK, in);
		return;
	}
	len = strlen(full);
	if (len > 400) {
		from = len - 400;
		while (((unsigned char)full[from] & 0xC0) == 0x80)
			from++;
	}
	snprintf(shown, sizeof(shown), "%s%.600s|", from ? "…" : "", full + from);
	text_draw(a->text, shown, m->s_title, TEXT_FIT, COL_INK, in);
}

/* Keys are drawn here rather than as buttons: labels stay on one line with little padding
 * ("Delete" must not break into "Del/ete" on a narrow key). */
static void draw_key(struct app *a, const struct metrics *m, const struct widget *w)
{
	const SDL_Color white = { 0xFF, 0xFF, 0xFF, 255 }, navy = { 0x0D, 0x2F, 0x6B, 255 };
	SDL_Color bg = w->style == W_PRIMARY ? COL_PRIMARY : w->style == W_MUTED ? COL_MUTED_BG : white;
	SDL_Color ink = w->style == W_PRIMARY ? white : w->style == W_MUTED ? COL_MUTED_INK : navy;
	int size = w->r.w < 3 * m->s_btn && strlen(w->title) > 2 ? m->s_sub : m->s_btn;

	draw_fill(a, w->r, w->style == W_NORMAL ? COL_LINE : bg);
	if (w->style == W_NORMAL)
		draw_fill(a, (SDL_Rect){ w->r.x + 3, w->r.y + 3, w->r.w - 6, w->r.h - 6 }, white);
	/* one line, but a label of two words may take two ("Chữ / hoa" on a narrow key) */
	draw_text(a, w->title, size, TEXT_BOLD | TEXT_CENTER | TEXT_VCENTER | TEXT_FIT |
		  (strchr(w->title, ' ') ? 0 : TEXT_NOWRAP), ink,
		  (SDL_Rect){ w->r.x + 6, w->r.y, w->r.w - 12, w->r.h });
}

static void keyboard_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	SDL_Rect box, keys, line;
	char count[32], label[64];
	bool over = rate_comment(a->rate)->n > a->d.cfg->rating.comment_max;
	int k;

	draw_metrics(a, &m);
	layout(&m, &box, &keys);
	draw_frame(a, app_str(a, "rate_kb_title"));
	draw_text_box(a, &m, m.landscape ? (SDL_Rect){ box.x, box.y, box.w, box.h - m.s_body * 6 }
					 : box);
	line = m.landscape ? (SDL_Rect){ box.x, box.y + box.h - m.s_body * 6 + m.gap / 2, box.w,
					 m.s_body * 6 }
			   : (SDL_Rect){ box.x, box.y + box.h + m.gap / 2, box.w, m.s_body * 5 - m.gap };
	snprintf(count, sizeof(count), "%d/%d", rate_comment(a->rate)->n, a->d.cfg->rating.comment_max);
	i18n_fill(label, sizeof(label), app_str(a, "rate_kb_count"), count);
	draw_text(a, label, m.s_sub, TEXT_RIGHT | (m.landscape ? 0 : TEXT_NOWRAP), over ? COL_WARN_INK :
		  COL_MUTED_INK, (SDL_Rect){ line.x, line.y, line.w, m.s_sub * 3 / 2 });
	if (rate_keyboard_warning(a->rate)) {
		char msg[300];
		char max[16];
		snprintf(max, sizeof(max), "%d", a->d.cfg->rating.comment_max);
		i18n_fill(msg, sizeof(msg), app_str(a, rate_keyboard_warning(a->rate)), max);
		draw_text(a, msg, m.s_sub, TEXT_BOLD | TEXT_FIT, COL_WARN_INK,
			  (SDL_Rect){ line.x, line.y + m.s_sub * 3 / 2, line.w, line.h - m.s_sub * 3 / 2 });
	} else {
		draw_text(a, app_str(a, "rate_kb_hint"), m.s_small, TEXT_FIT, COL_MUTED_INK,
			  (SDL_Rect){ line.x, line.y + m.s_sub * 3 / 2, line.w, line.h - m.s_sub * 3 / 2 });
	}
	for (k = 0; k < n && strncmp(w[k].id, "key_", 4) == 0; k++)
		text_owner(a->text, w[k].id), draw_key(a, &m, &w[k]);
	text_owner(a->text, NULL);
	draw_widgets(a, w + k, n - k);
}

const struct screen scr_rate_keyboard = {
	.name = "keyboard",
	.journey = JOURNEY_RATE,
	.handle = keyboard_handle,
	.widgets = keyboard_widgets,
	.draw = keyboard_draw,
	.idle_s = app_rating_idle_s,
};
