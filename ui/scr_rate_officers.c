/* scr_rate_officers: the officers of the chosen counter, with photo (or initials), name, title and
 * field, so that a citizen recognises the person who served them. */
#include "rate_draw.h"

#include <stdio.h>
#include <string.h>

#define OFFICERS_MAX 32
#define OFFICERS_PER_PAGE 4

static size_t officers(const struct app *a, const struct catalog_officer **list)
{
	size_t n = catalog_counter_officers(app_cat(a), rate_counter(a->rate), list, OFFICERS_MAX);

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
		a->rate_page = 0;
		app_go(a, SCR_COUNTERS);
	} else if (strcmp(e->id, "home") == 0) {
		app_go(a, SCR_HOME);
	} else if (strcmp(e->id, "next") == 0) {
		a->rate_page++;
	} else if (strcmp(e->id, "prev") == 0) {
		a->rate_page--;
	} else {
		for (size_t i = 0; i < n; i++) {
			char id[24];
			officer_widget_id(list[i], id, sizeof(id));
			if (strcmp(id, e->id) == 0) {
				rate_officer(a->rate, list[i]->id);
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
	first = a->rate_page * per;
	for (int i = first; i < first + per && i < total; i++) {
		char id[24];
		officer_widget_id(list[i], id, sizeof(id));
		n = widget_add(w, n, max, id, rate_draw_cell(&m, i - first, per, 0), list[i]->name,
			       NULL, W_NORMAL, true);
	}
	n = draw_pager(a, w, n, max, a->rate_page, (total + per - 1) / per);
	return draw_chrome(a, w, n, max, true, true);
}

static void officers_draw(struct app *a, const struct widget *w, int n)
{
	const struct catalog_officer *list[OFFICERS_MAX];
	struct metrics m;
	char title[300];
	int total = (int)officers(a, list), k = 0;

	draw_metrics(a, &m);
	snprintf(title, sizeof(title), "%s — %s", rate_draw_counter_name(a, rate_counter(a->rate)),
		 app_str(a, "rate_officers_title"));
	draw_frame(a, title);
	for (; k < n && strncmp(w[k].id, "officer_", 8) == 0; k++) {
		for (int i = 0; i < total; i++) {
			char id[24];
			officer_widget_id(list[i], id, sizeof(id));
			if (strcmp(id, w[k].id) == 0)
				text_owner(a->text, w[k].id), rate_draw_card(a, w[k].r, list[i]);
		}
	}
	text_owner(a->text, NULL);
	if (total == 0)
		draw_text(a, app_str(a, "rate_no_officers"), m.s_title, TEXT_CENTER, COL_MUTED_INK,
			  (SDL_Rect){ m.body.x, m.body.y + m.margin, m.body.w, m.body.h / 2 });
	draw_widgets(a, w + k, n - k);
}

const struct screen scr_rate_officers = {
	.name = "officers",
	.journey = JOURNEY_RATE,
	.handle = officers_handle,
	.widgets = officers_widgets,
	.draw = officers_draw,
	.idle_s = app_rating_idle_s,
};
