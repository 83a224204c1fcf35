/* scr_rate_counters: "at which counter were you served?", the first step of choosing an officer
 * without a ticket. Each counter says which fields it serves. */
#include "rate_draw.h"

#include <stdio.h>
#include <string.h>

static void counter_id(const struct catalog_counter *c, char *id, size_t len)
{
	snprintf(id, len, "counter_%.15s", c->id);
}

static void counters_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "back") == 0) {
		app_go(a, SCR_RATE_START);
	} else if (strcmp(e->id, "home") == 0) {
		app_go(a, SCR_HOME);
	} else if (strcmp(e->id, "next") == 0) {
		a->rate_page++;
	} else if (strcmp(e->id, "prev") == 0) {
		a->rate_page--;
	} else {
		for (size_t i = 0; i < catalog_counter_count(app_cat(a)); i++) {
			const struct catalog_counter *c = catalog_counter_at(app_cat(a), i);
			char id[24];
			counter_id(c, id, sizeof(id));
			if (strcmp(id, e->id) != 0)
				continue;
			rate_choose_counter(a->rate, c->id);
			return;
		}
	}
}

static void fields_line(const struct app *a, const struct catalog_counter *c, char *out,
			size_t len)
{
	size_t k = 0;

	out[0] = '\0';
	for (int i = 0; i < c->nfields && k < len; i++) {
		int w = snprintf(out + k, len - k, "%s%s", i ? ", " : "",
				 rate_draw_field_name(a, c->fields[i]));
		if (w < 0)
			break;
		k += (size_t)w;
	}
}

#define COUNTERS_MAX 64

static int counters_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	const char *names[COUNTERS_MAX], *subs[COUNTERS_MAX];
	char sub[COUNTERS_MAX][160];
	int per, rows, first, total = (int)catalog_counter_count(app_cat(a)), n = 0;

	draw_metrics(a, &m);
	total = total > COUNTERS_MAX ? COUNTERS_MAX : total;
	for (int i = 0; i < total; i++) {
		const struct catalog_counter *c = catalog_counter_at(app_cat(a), (size_t)i);
		fields_line(a, c, sub[i], sizeof(sub[i]));
		names[i] = c->name[a->lang];
		subs[i] = sub[i];
	}
	/* long counter or field names get taller cells, and the list more pages */
	rows = draw_rows_fit(a, &m, names, subs, total);
	per = rows * (m.landscape ? 2 : 1);
	first = a->rate_page * per;
	for (int i = first; i < first + per && i < total; i++) {
		char id[24];
		counter_id(catalog_counter_at(app_cat(a), (size_t)i), id, sizeof(id));
		n = widget_add(w, n, max, id, draw_cell_rows(&m, i - first, rows), names[i], sub[i],
			       W_NORMAL, true);
	}
	n = draw_pager(a, w, n, max, a->rate_page, (total + per - 1) / per);
	return draw_chrome(a, w, n, max, true, true);
}

static void counters_draw(struct app *a, const struct widget *w, int n)
{
	draw_frame(a, app_str(a, "rate_counters_title"));
	draw_widgets(a, w, n);
}

const struct screen scr_rate_counters = {
	.name = "counters",
	.journey = JOURNEY_RATE,
	.handle = counters_handle,
	.widgets = counters_widgets,
	.draw = counters_draw,
	.idle_s = app_rating_idle_s,
};
