/* scr_services: the services of the chosen field, paged, each saying whether it can issue now.
 * A closed or full service stays tappable and explains itself on the notice screen. */
#include "draw.h"

#include <stdio.h>
#include <string.h>

static void services_enter(struct app *a)
{
	a->page = 0;
	a->priority = 0;
	take_new_request(a->take);
	app_refresh_services(a);
}

static int find_service(const struct app *a, const char *prefix)
{
	for (int i = 0; i < a->nsvcs; i++)
		if (strcmp(a->svcs[i]->prefix, prefix) == 0)
			return i;
	return -1;
}

static void choose(struct app *a, const char *prefix)
{
	int i = find_service(a, prefix);

	if (i < 0)
		return;
	snprintf(a->service, sizeof(a->service), "%s", prefix);
	if (a->avail[i].avail != QUEUE_OPEN)
		take_refuse(a->take, prefix, a->avail[i].avail == QUEUE_FULL ? TAKE_NOTICE_FULL :
			    TAKE_NOTICE_CLOSED, a->avail[i].next_open);
	else if (a->svcs[i]->priority && (a->d.cfg->priority_mask & ~1u))
		app_go(a, SCR_PRIORITY);
	else
		app_take_number(a);
}

static void services_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (draw_page_turn(e->id, &a->page))
		return;
	if (strcmp(e->id, "back") == 0)
		app_go(a, SCR_FIELDS);
	else if (strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
	else if (strncmp(e->id, "svc_", 4) == 0)
		choose(a, e->id + 4);
}

static void service_sub(struct app *a, int i, char *sub, size_t len)
{
	char when[96];

	switch (a->avail[i].avail) {
	case QUEUE_OPEN:
		i18n_fill(sub, len, app_str(a, "service_open"), a->svcs[i]->counters);
		break;
	case QUEUE_FULL:
		snprintf(sub, len, "%s", app_str(a, "service_full"));
		break;
	case QUEUE_CLOSED:
		if (catalog_last_ticket(app_cat(a), a->svcs[i], app_now_s(a)) >= 0) {
			/* the counters still serve; numbers ended so that they close on time */
			snprintf(sub, len, "%s", app_str(a, "service_last_passed"));
			break;
		}
		if (a->avail[i].next_open < 0) {
			snprintf(sub, len, "%s", app_str(a, "service_closed_unknown"));
			break;
		}
		app_fmt_when(a, a->avail[i].next_open, when, sizeof(when));
		i18n_fill(sub, len, app_str(a, "service_closed"), when);
		break;
	}
}

static int services_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	const char *names[APP_MAX_SERVICES], *subs[APP_MAX_SERVICES];
	char sub[APP_MAX_SERVICES][160];
	int per, rows, first, n = 0;
	bool can = app_can_issue(a);

	draw_metrics(a, &m);
	for (int i = 0; i < a->nsvcs; i++) {
		service_sub(a, i, sub[i], sizeof(sub[i]));
		names[i] = a->svcs[i]->name[a->lang];
		subs[i] = sub[i];
	}
	/* long names get taller cells, and the list more pages */
	rows = draw_rows_fit(a, &m, names, subs, a->nsvcs);
	per = rows * (m.landscape ? 2 : 1);
	first = a->page * per;
	for (int i = first; i < first + per && i < a->nsvcs; i++) {
		char id[16];
		bool open = a->avail[i].avail == QUEUE_OPEN;

		snprintf(id, sizeof(id), "svc_%s", a->svcs[i]->prefix);
		n = widget_add(w, n, max, id, draw_cell_rows(&m, i - first, rows), names[i], sub[i],
			       open && can ? W_NORMAL : W_MUTED, !open || can);
	}
	n = draw_pager(a, w, n, max, a->page, (a->nsvcs + per - 1) / per);
	return draw_chrome(a, w, n, max, true, true);
}

static void services_draw(struct app *a, const struct widget *w, int n)
{
	const struct catalog_field *f = NULL;
	char title[256];

	for (size_t i = 0; i < catalog_field_count(app_cat(a)); i++)
		if (strcmp(catalog_field_at(app_cat(a), i)->id, a->field) == 0)
			f = catalog_field_at(app_cat(a), i);
	snprintf(title, sizeof(title), "%s — %s", app_str(a, "services_title"),
		 f ? f->name[a->lang] : "");
	draw_frame(a, title);
	draw_widgets(a, w, n);
}

const struct screen scr_services = {
	.name = "services",
	.journey = JOURNEY_TAKE,
	.enter = services_enter,
	.handle = services_handle,
	.tick = app_refresh_services,
	.widgets = services_widgets,
	.draw = services_draw,
};
