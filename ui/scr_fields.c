/* scr_fields: choose a field of procedures (linh vuc). */
#include "draw.h"

#include <stdio.h>
#include <string.h>

static void fields_enter(struct app *a)
{
	a->page = 0;
}

static int field_pages(const struct app *a, const struct metrics *m)
{
	int per = draw_per_page(m);

	return ((int)catalog_field_count(app_cat(a)) + per - 1) / per;
}

static void fields_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "back") == 0) {
		app_go(a, SCR_HOME);
	} else if (strcmp(e->id, "next") == 0) {
		a->page++;
	} else if (strcmp(e->id, "prev") == 0) {
		a->page--;
	} else if (strncmp(e->id, "field_", 6) == 0) {
		snprintf(a->field, sizeof(a->field), "%s", e->id + 6);
		app_go(a, SCR_SERVICES);
	}
}

static int fields_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	int per, first, n = 0;
	size_t count = catalog_field_count(app_cat(a));

	draw_metrics(a, &m);
	per = draw_per_page(&m);
	first = a->page * per;
	for (int i = 0; i < per && (size_t)(first + i) < count; i++) {
		const struct catalog_field *f = catalog_field_at(app_cat(a), (size_t)(first + i));
		char id[48], sub[64], num[16];

		snprintf(id, sizeof(id), "field_%s", f->id);
		snprintf(num, sizeof(num), "%zu",
			 catalog_field_services(app_cat(a), f->id, NULL, 0));
		i18n_fill(sub, sizeof(sub), app_str(a, "fields_count"), num);
		n = widget_add(w, n, max, id, draw_cell(&m, i), f->name[a->lang], sub, W_NORMAL, true);
	}
	n = draw_pager(a, w, n, max, a->page, field_pages(a, &m));
	return draw_chrome(a, w, n, max, true, false);
}

static void fields_draw(struct app *a, const struct widget *w, int n)
{
	draw_frame(a, app_str(a, "fields_title"));
	draw_widgets(a, w, n);
}

const struct screen scr_fields = {
	.name = "fields",
	.journey = JOURNEY_TAKE,
	.enter = fields_enter,
	.handle = fields_handle,
	.widgets = fields_widgets,
	.draw = fields_draw,
};
