/* scr_officers: the officers of the chosen counter, with photo (or initials), name, title and
 * field, so that a citizen recognises the person who served them. */
#include "rate_draw.h"

#include <stdio.h>
#include <string.h>

#define OFFICERS_MAX 32
#define OFFICERS_PER_PAGE 4

static size_t officers(const struct app *a, const struct catalog_officer **list)
{
	size_t n = catalog_counter_officers(a->d.cat, a->rate.counter, list, OFFICERS_MAX);

	return n > OFFICERS_MAX ? OFFICERS_MAX : n;
}

static void officer_widget_id(const struct catalog_officer *o, char *id, size_t len)
{
	snprintf(id, len, "officer_%.15s", o->id);
}

static void officers_handle(struct app *a, const struct ev *e)
{
	const struct catalog_officer *list[OFFICERS_MAX];
	size_t n = officers(a, list);

	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "back") == 0) {
		a->rate.page = 0;
		app_go(a, SCR_COUNTERS);
	} else if (strcmp(e->id, "home") == 0) {
		app_go(a, SCR_HOME);
	} else if (strcmp(e->id, "next") == 0) {
		a->rate.page++;
	} else if (strcmp(e->id, "prev") == 0) {
		a->rate.page--;
	} else {
		for (size_t i = 0; i < n; i++) {
			char id[24];
			officer_widget_id(list[i], id, sizeof(id));
			if (strcmp(id, e->id) == 0) {
				rate_officer(a, list[i]->id);
				return;
			}
		}
	}
}

static int officers_widgets(struct app *a, struct widget *w, int max)
{
	const struct catalog_officer *list[OFFICERS_MAX];
	struct metrics m;
	int per, first, total = (int)officers(a, list), n = 0;

	draw_metrics(a, &m);
	per = OFFICERS_PER_PAGE;
	first = a->rate.page * per;
	for (int i = first; i < first + per && i < total; i++) {
		char id[24];
		officer_widget_id(list[i], id, sizeof(id));
		n = widget_add(w, n, max, id, rate_list_cell(&m, i - first, per, 0), list[i]->name,
			       NULL, W_NORMAL, true);
	}
	n = draw_pager(a, w, n, max, a->rate.page, (total + per - 1) / per);
	return draw_chrome(a, w, n, max, true, true);
}

static void officers_draw(struct app *a, const struct widget *w, int n)
{
	const struct catalog_officer *list[OFFICERS_MAX];
	struct metrics m;
	char title[300];
	int total = (int)officers(a, list), k = 0;

	draw_metrics(a, &m);
	snprintf(title, sizeof(title), "%s — %s", rate_counter_name(a, a->rate.counter),
		 app_str(a, "rate_officers_title"));
	draw_frame(a, title);
	for (; k < n && strncmp(w[k].id, "officer_", 8) == 0; k++) {
		for (int i = 0; i < total; i++) {
			char id[24];
			officer_widget_id(list[i], id, sizeof(id));
			if (strcmp(id, w[k].id) == 0)
				rate_draw_card(a, w[k].r, list[i]);
		}
	}
	if (total == 0)
		draw_text(a, app_str(a, "rate_no_officers"), m.s_title, TEXT_CENTER, COL_MUTED_INK,
			  (SDL_Rect){ m.body.x, m.body.y + m.margin, m.body.w, m.body.h / 2 });
	draw_widgets(a, w + k, n - k);
}

const struct screen scr_officers = {
	.name = "officers",
	.handle = officers_handle,
	.widgets = officers_widgets,
	.draw = officers_draw,
	.idle_s = rate_idle_s,
};
