/* scr_rate_keyboard: the optional comment, typed on a QWERTY keyboard with Vietnamese composed the
 * Telex way (firmware/telex.h) and shown live in a big text box. A physical keyboard works
 * too (text, Backspace, Enter for done, Escape for back). */
#include "keyboard.h"
#include "rate_draw.h"


#include <stdio.h>
#include <string.h>

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
	struct keyboard_spec k = { .shift = true, .shift_on = rate_shift(a->rate),
				   .can_delete = rate_comment(a->rate)->n > 0,
				   .done = app_str(a, "rate_kb_done") };

	draw_metrics(a, &m);
	layout(&m, &box, &keys);
	return draw_chrome(a, w, keyboard_widgets_add(a, keys, &k, w, 0, max), max, true, true);
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

static void rate_keyboard_draw(struct app *a, const struct widget *w, int n)
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
	k = keyboard_draw(a, w, n);
	draw_widgets(a, w + k, n - k);
}

const struct screen scr_rate_keyboard = {
	.name = "keyboard",
	.journey = JOURNEY_RATE,
	.handle = keyboard_handle,
	.widgets = keyboard_widgets,
	.draw = rate_keyboard_draw,
	.idle_s = app_rating_idle_s,
};
