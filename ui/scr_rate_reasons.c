/* scr_rate_reasons: why the citizen is not satisfied. The reasons the unit offers are large check
 * boxes (one at least, several allowed); a comment is optional, typed on the screen's
 * keyboard. "Send" keeps the rating. */
#include "rate_draw.h"

#include <stdio.h>
#include <string.h>

static void reason_widget_id(int reason, char *id, size_t len)
{
	snprintf(id, len, "reason_%s", rating_reason_id(reason));
}

static void reasons_handle(struct app *a, const struct ev *e)
{
	const struct config_rating *cfg = &a->d.cfg->rating;

	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "back") == 0) {
		app_go(a, SCR_RATE);
	} else if (strcmp(e->id, "home") == 0) {
		app_go(a, SCR_HOME);
	} else if (strcmp(e->id, "comment") == 0) {
		rate_open_keyboard(a->rate);
	} else if (strcmp(e->id, "send") == 0) {
		if (rate_reasons(a->rate))
			rate_submit(a->rate);
	} else {
		for (int i = 0; i < cfg->nreasons; i++) {
			char id[24];
			reason_widget_id(cfg->reasons[i], id, sizeof(id));
			if (strcmp(id, e->id) == 0)
				rate_toggle_reason(a->rate, cfg->reasons[i]);
		}
	}
}

/* Portrait: rows of chips, then the comment and send buttons under them. Landscape: two
 * columns of chips on the left, the comment and send buttons in a column on the right, so
 * that the chips get the whole height and their words stay large. */
static void layout(const struct app *a, const struct metrics *m, SDL_Rect *chips, SDL_Rect *comment,
		   SDL_Rect *send, int *cols)
{
	int bottom = m->landscape ? 150 : 170, comment_h = 200;
	int top = m->body.y + m->s_body * 2, side = m->body.w / 3;

	*cols = 2;
	if (m->landscape) {
		*send = (SDL_Rect){ m->body.x + m->body.w - side, m->body.y + m->body.h - bottom, side,
				    bottom };
		*comment = (SDL_Rect){ send->x, top, side, send->y - m->gap - top };
		*chips = (SDL_Rect){ m->body.x, top, m->body.w - side - m->margin,
				     m->body.y + m->body.h - top };
	} else {
		*send = (SDL_Rect){ m->body.x, m->body.y + m->body.h - bottom, m->body.w, bottom };
		*comment = (SDL_Rect){ m->body.x, send->y - m->gap - comment_h, m->body.w, comment_h };
		*chips = (SDL_Rect){ m->body.x, top, m->body.w, comment->y - m->gap - top };
	}
	if (a->d.cfg->rating.comment_max == 0) {
		if (!m->landscape)
			chips->h = send->y - m->gap - top;
		*comment = (SDL_Rect){ 0, 0, 0, 0 };
	}
}

/* The start of the comment, cut at a letter, with "…" when there is more. */
static void preview_of(const struct telex *kb, char *out, size_t len)
{
	char full[TELEX_MAX * 4 + 1];
	size_t n;

	out[0] = '\0';
	if (kb->n == 0 || telex_utf8(kb, full, sizeof(full)) != 0)
		return;
	n = strlen(full);
	if (n < len - 4) {
		snprintf(out, len, "%s", full);
		return;
	}
	n = len - 4;
	while (n > 0 && ((unsigned char)full[n] & 0xC0) == 0x80)
		n--;
	snprintf(out, len, "%.*s…", (int)n, full);
}

static int reasons_widgets(struct app *a, struct widget *w, int max)
{
	const struct config_rating *cfg = &a->d.cfg->rating;
	struct metrics m;
	SDL_Rect chips, comment, send;
	int cols, rows, cw, ch, n = 0;
	char preview[200];

	draw_metrics(a, &m);
	layout(a, &m, &chips, &comment, &send, &cols);
	rows = (cfg->nreasons + cols - 1) / cols;
	cw = (chips.w - (cols - 1) * m.gap) / cols;
	ch = (chips.h - (rows - 1) * m.gap) / rows;
	if (ch > 240)
		ch = 240;
	for (int i = 0; i < cfg->nreasons; i++) {
		char id[24], key[48];
		SDL_Rect r = { chips.x + (i % cols) * (cw + m.gap), chips.y + (i / cols) * (ch + m.gap),
			       cw, ch };
		reason_widget_id(cfg->reasons[i], id, sizeof(id));
		snprintf(key, sizeof(key), "rate_reason_%s", rating_reason_id(cfg->reasons[i]));
		n = widget_add(w, n, max, id, r, app_str(a, key), NULL,
			       rate_reasons(a->rate) & (1u << cfg->reasons[i]) ? W_PRIMARY : W_NORMAL,
			       true);
	}
	if (comment.h) {
		preview_of(rate_comment(a->rate), preview, sizeof(preview) > 120 ? 120 : sizeof(preview));
		n = widget_add(w, n, max, "comment", comment,
			       app_str(a, rate_comment(a->rate)->n ? "rate_comment_edit" : "rate_comment"),
			       rate_comment(a->rate)->n ? preview : app_str(a, "rate_comment_sub"), W_NORMAL, true);
	}
	n = widget_add(w, n, max, "send", send, app_str(a, "rate_send"), NULL,
		       rate_reasons(a->rate) ? W_PRIMARY : W_MUTED, rate_reasons(a->rate) != 0);
	return draw_chrome(a, w, n, max, true, true);
}

/* The text box of a chip: right of its check box. */
static SDL_Rect chip_text(const struct metrics *m, const struct widget *w)
{
	int box = m->s_title;

	return (SDL_Rect){ w->r.x + 2 * m->gap + box, w->r.y + m->gap / 2,
			   w->r.w - 3 * m->gap - box, w->r.h - m->gap };
}

/* One size for every chip, the largest at which each reason fits in bold (a ticked chip is
 * bold): reasons side by side in sizes of their own would look unequal in weight. */
static int chip_size(struct app *a, const struct metrics *m, const struct widget *w, int n)
{
	int size = m->s_body;

	for (; size > m->s_body * 6 / 10; size -= 2) {
		bool fits = true;
		for (int k = 0; k < n && fits && strncmp(w[k].id, "reason_", 7) == 0; k++) {
			SDL_Rect r = chip_text(m, &w[k]);
			int tw, th;
			fits = text_size(a->text, w[k].title, size, TEXT_BOLD, r.w, &tw, &th) == 0 &&
			       th <= r.h && tw <= r.w;
		}
		if (fits)
			break;
	}
	return size;
}

/* A chip: check box on the left, the reason in words. */
static void draw_chip(struct app *a, const struct metrics *m, const struct widget *w, int size)
{
	bool on = w->style == W_PRIMARY;
	int box = m->s_title;
	SDL_Color bg = on ? (SDL_Color){ 0xE3, 0xEC, 0xFA, 255 } : (SDL_Color){ 0xFF, 0xFF, 0xFF, 255 };

	draw_fill(a, w->r, on ? COL_PRIMARY : COL_LINE);
	draw_fill(a, (SDL_Rect){ w->r.x + (on ? 6 : 3), w->r.y + (on ? 6 : 3), w->r.w - (on ? 12 : 6),
				 w->r.h - (on ? 12 : 6) }, bg);
	rate_draw_check(a, (SDL_Rect){ w->r.x + m->gap, w->r.y + (w->r.h - box) / 2, box, box }, on);
	draw_text(a, w->title, size, (on ? TEXT_BOLD : 0) | TEXT_VCENTER | TEXT_FIT, COL_INK,
		  chip_text(m, w));
}

static void reasons_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	int k = 0, size;

	draw_metrics(a, &m);
	draw_frame(a, app_str(a, "rate_reasons_title"));
	draw_text(a, app_str(a, "rate_reasons_hint"), m.s_body, TEXT_VCENTER | TEXT_FIT,
		  COL_MUTED_INK, (SDL_Rect){ m.body.x, m.body.y, m.body.w, m.s_body * 3 / 2 });
	size = chip_size(a, &m, w, n);
	for (; k < n && strncmp(w[k].id, "reason_", 7) == 0; k++)
		text_owner(a->text, w[k].id), draw_chip(a, &m, &w[k], size);
	text_owner(a->text, NULL);
	draw_widgets(a, w + k, n - k);
}

const struct screen scr_rate_reasons = {
	.name = "reasons",
	.journey = JOURNEY_RATE,
	.handle = reasons_handle,
	.widgets = reasons_widgets,
	.draw = reasons_draw,
	.idle_s = app_rating_idle_s,
};
