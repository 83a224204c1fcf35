/* layout: the screen's geometry, from its size. */
#include "layout.h"

void layout_metrics(int w, int h, struct metrics *m)
{
	int unit = w < h ? w : h; /* 1080 in both layouts */

	m->w = w;
	m->h = h;
	m->landscape = m->w > m->h;
	m->margin = unit * 48 / 1080;
	m->gap = unit * 24 / 1080;
	m->header_h = unit * 150 / 1080;
	m->title_h = unit * 150 / 1080;
	m->footer_h = unit * 170 / 1080;
	m->body.x = m->margin;
	m->body.y = m->header_h + m->title_h;
	m->body.w = m->w - 2 * m->margin;
	m->body.h = m->h - m->body.y - m->footer_h - m->gap;
	m->s_huge = unit * 220 / 1080;
	m->s_title = unit * 60 / 1080;
	m->s_btn = unit * 50 / 1080;
	m->s_sub = unit * 36 / 1080;
	m->s_body = unit * 42 / 1080;
	m->s_small = unit * 30 / 1080;
}

SDL_Rect layout_clock_rect(const struct metrics *m)
{
	int right = m->landscape ? 420 : 320;
	int unit_w = m->w - 3 * m->margin - right - m->w / 6;
	int x = m->margin + unit_w + m->gap, half = (m->w / 6 + m->margin) / 2;
	int centre = x + half, lang_x = m->w - m->margin - right;

	/* centred where it always was, and narrowed so as not to reach under the language button */
	if (centre + half > lang_x)
		half = lang_x - centre;
	return (SDL_Rect){ centre - half, 0, 2 * half, m->header_h };
}
