/* scr_rate: the officer, the question, and one large face with its words per level, the most
 * satisfied first. One tap chooses; a level that is not satisfied asks why. */
#include "rate_draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void rate_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "back") == 0) {
		if (rate_via(a->rate) == RATING_VIA_DIRECTORY)
			app_go(a, SCR_OFFICERS);
		else
			rate_begin(a->rate);
	} else if (strcmp(e->id, "home") == 0) {
		app_go(a, SCR_HOME);
	} else if (strncmp(e->id, "level_", 6) == 0) {
		rate_choose_level(a->rate, atoi(e->id + 6));
	}
}

/* Portrait: the officer card and the question above rows of faces. Landscape: the officer in
 * a column on the left; the question and the faces side by side on the right. */
static int head_h(const struct metrics *m)
{
	return m->landscape ? 0 : 230;
}

static const char *question(const struct app *a)
{
	const char *q = a->d.cfg->rating.question[a->lang];

	return q[0] ? q : app_str(a, "rate_question");
}

/* The question and the privacy note, as tall as they are once wrapped to width. */
static int question_h(struct app *a, const struct metrics *m, int width)
{
	return draw_text_h(a, question(a), m->s_title, TEXT_BOLD, width) + m->gap / 2 +
	       draw_text_h(a, app_str(a, "rate_private"), m->s_small, 0, width);
}

static SDL_Rect side_column(const struct metrics *m)
{
	return (SDL_Rect){ m->body.x, m->body.y, m->landscape ? m->body.w * 28 / 100 : 0, m->body.h };
}

static int rate_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	SDL_Rect side;
	int levels = a->d.cfg->rating.levels, n = 0, top, h, x0, width;

	draw_metrics(a, &m);
	side = side_column(&m);
	x0 = side.w ? side.x + side.w + m.margin : m.body.x;
	width = m.body.x + m.body.w - x0;
	top = m.body.y + head_h(&m) + question_h(a, &m, width) + m.gap;
	h = m.body.y + m.body.h - top;
	for (int i = 0; i < levels; i++) {
		int level = levels - i;   /* the most satisfied first */
		char id[24];
		SDL_Rect r;

		if (m.landscape) {
			int cw = (width - (levels - 1) * m.gap) / levels;
			r = (SDL_Rect){ x0 + i * (cw + m.gap), top, cw, h };
		} else {
			int rh = (h - (levels - 1) * m.gap) / levels;
			r = (SDL_Rect){ x0, top + i * (rh + m.gap), width, rh };
		}
		snprintf(id, sizeof(id), "level_%d", level);
		n = widget_add(w, n, max, id, r, rating_level_id(levels, level), NULL, W_NORMAL, true);
	}
	return draw_chrome(a, w, n, max, true, true);
}

/* The officer standing: photo on top, then name, title, field and counter. */
static void draw_officer_column(struct app *a, const struct metrics *m, SDL_Rect r,
				const struct catalog_officer *o)
{
	const SDL_Color white = { 0xFF, 0xFF, 0xFF, 255 };
	int tw = r.w - 2 * m->gap, side = r.w * 6 / 10, y, hn, ht, hl;
	char line[400];

	snprintf(line, sizeof(line), "%s · %s", rate_draw_field_name(a, o->field_id),
		 rate_draw_counter_name(a, o->counter_id));
	hn = draw_text_h(a, o->name, m->s_btn, TEXT_BOLD | TEXT_CENTER, tw);
	ht = draw_text_h(a, o->title[a->lang], m->s_sub, TEXT_CENTER, tw);
	hl = draw_text_h(a, line, m->s_small, TEXT_CENTER, tw);
	/* the words whole; the photo gets the height they leave */
	if (side > r.h - hn - ht - hl - 3 * m->margin - m->gap)
		side = r.h - hn - ht - hl - 3 * m->margin - m->gap;
	draw_fill(a, r, COL_LINE);
	draw_fill(a, (SDL_Rect){ r.x + 3, r.y + 3, r.w - 6, r.h - 6 }, white);
	if (side > 0)
		rate_draw_avatar(a, (SDL_Rect){ r.x + (r.w - side) / 2, r.y + m->margin, side, side }, o,
				 white);
	y = r.y + 2 * m->margin + (side > 0 ? side : 0);
	y += text_draw(a->text, o->name, m->s_btn, TEXT_BOLD | TEXT_CENTER, COL_INK,
		       (SDL_Rect){ r.x + m->gap, y, tw, hn }) + m->gap / 2;
	y += text_draw(a->text, o->title[a->lang], m->s_sub, TEXT_CENTER, COL_INK,
		       (SDL_Rect){ r.x + m->gap, y, tw, ht }) + m->gap / 2;
	text_draw(a->text, line, m->s_small, TEXT_CENTER, COL_MUTED_INK,
		  (SDL_Rect){ r.x + m->gap, y, tw, hl });
}

/* A face and its words: side by side in portrait rows, stacked in landscape columns. */
static void draw_level(struct app *a, const struct metrics *m, const struct widget *w)
{
	int levels = a->d.cfg->rating.levels, level = atoi(w->id + 6), rad;
	char key[64], own[200];
	const char *label;
	SDL_Rect words;

	snprintf(key, sizeof(key), "rate_level_%s", rating_level_id(levels, level));
	label = rating_label(a->d.cfg->rating.labels[a->lang], levels, level, own,
			     sizeof(own)) == 0 ? own : app_str(a, key);
	draw_fill(a, w->r, COL_LINE);
	draw_fill(a, (SDL_Rect){ w->r.x + 3, w->r.y + 3, w->r.w - 6, w->r.h - 6 },
		  (SDL_Color){ 0xFF, 0xFF, 0xFF, 255 });
	if (m->landscape) {
		rad = (w->r.w < w->r.h * 6 / 10 ? w->r.w : w->r.h * 6 / 10) * 4 / 10;
		rate_draw_face(a, w->r.x + w->r.w / 2, w->r.y + m->gap + rad, rad,
			       rating_level_mood(levels, level));
		words = (SDL_Rect){ w->r.x + m->gap, w->r.y + 2 * m->gap + 2 * rad,
				    w->r.w - 2 * m->gap, w->r.h - 3 * m->gap - 2 * rad };
		draw_text(a, label, m->s_btn, TEXT_BOLD | TEXT_CENTER | TEXT_VCENTER | TEXT_FIT,
			  COL_INK, words);
		return;
	}
	rad = (w->r.h - 2 * m->gap) / 2;
	if (rad > 150)
		rad = 150;
	rate_draw_face(a, w->r.x + m->margin + rad, w->r.y + w->r.h / 2, rad,
		       rating_level_mood(levels, level));
	words = (SDL_Rect){ w->r.x + 2 * m->margin + 2 * rad, w->r.y,
			    w->r.w - 3 * m->margin - 2 * rad, w->r.h };
	draw_text(a, label, m->s_title * 5 / 4, TEXT_BOLD | TEXT_VCENTER | TEXT_FIT, COL_INK, words);
}

static void rate_draw(struct app *a, const struct widget *w, int n)
{
	const struct catalog_officer *o = catalog_officer_find(app_cat(a), rate_officer_id(a->rate));
	struct metrics m;
	SDL_Rect side;
	int k = 0, y, x0, width;

	draw_metrics(a, &m);
	draw_frame(a, app_str(a, "rate_title"));
	side = side_column(&m);
	x0 = side.w ? side.x + side.w + m.margin : m.body.x;
	width = m.body.x + m.body.w - x0;
	if (o && side.w)
		draw_officer_column(a, &m, side, o);
	else if (o)
		rate_draw_card(a, (SDL_Rect){ m.body.x, m.body.y, m.body.w, head_h(&m) }, o);
	y = m.body.y + head_h(&m) + m.gap / 2;
	y += text_draw(a->text, question(a), m.s_title, TEXT_BOLD, COL_INK,
		       (SDL_Rect){ x0, y, width, draw_text_h(a, question(a), m.s_title, TEXT_BOLD,
							      width) }) + m.gap / 2;
	text_draw(a->text, app_str(a, "rate_private"), m.s_small, 0, COL_OK,
		  (SDL_Rect){ x0, y, width, draw_text_h(a, app_str(a, "rate_private"), m.s_small, 0,
							width) });
	for (; k < n && strncmp(w[k].id, "level_", 6) == 0; k++)
		text_owner(a->text, w[k].id), draw_level(a, &m, &w[k]);
	text_owner(a->text, NULL);
	draw_widgets(a, w + k, n - k);
}

const struct screen scr_rate = {
	.name = "rate",
	.journey = JOURNEY_RATE,
	.handle = rate_handle,
	.widgets = rate_widgets,
	.draw = rate_draw,
	.idle_s = app_rating_idle_s,
};
