/* scr_priority: the optional priority path (Decree 118 art. 13): elderly people, pregnant
 * women, people with disabilities, as enabled in config. "No" is always offered first. */
#include "draw.h"

#include <stdio.h>
#include <string.h>

static void priority_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "back") == 0) {
		app_go(a, SCR_SERVICES);
		return;
	}
	if (strcmp(e->id, "prio_0") == 0)
		a->priority = 0;
	else if (strncmp(e->id, "prio_", 5) == 0)
		a->priority = e->id[5] - '0';
	else
		return;
	app_take_number(a);
}

static int priority_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	int n, k = 1, base;

	draw_metrics(a, &m);
	base = m.landscape ? 2 : 1; /* the first row holds the hint */
	n = widget_add(w, 0, max, "prio_0", draw_cell(&m, base),
		       app_str(a, "priority_none"), NULL, W_PRIMARY, true);
	for (int g = PRIO_ELDERLY; g < PRIO_COUNT; g++) {
		char id[16];
		SDL_Rect r;

		if (!(a->d.cfg->priority_mask & (1u << g)))
			continue;
		snprintf(id, sizeof(id), "prio_%d", g);
		r = draw_cell(&m, base + k++);
		n = widget_add(w, n, max, id, r, app_str(a, id), NULL, W_NORMAL, true);
	}
	return draw_chrome(a, w, n, max, true, false);
}

static void priority_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;

	draw_metrics(a, &m);
	draw_frame(a, app_str(a, "priority_title"));
	draw_text(a, app_str(a, "priority_hint"), m.s_body, TEXT_VCENTER | TEXT_FIT, COL_INK,
		  (SDL_Rect){ m.body.x, m.body.y + m.gap, m.body.w,
			      draw_cell(&m, m.landscape ? 2 : 1).y - m.body.y - 2 * m.gap });
	draw_widgets(a, w, n);
}

const struct screen scr_priority = {
	.name = "priority",
	.journey = JOURNEY_TAKE,
	.handle = priority_handle,
	.widgets = priority_widgets,
	.draw = priority_draw,
};
