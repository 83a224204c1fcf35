/* scr_fields: choose a field of procedures (lĩnh vực); each says how many services it has, or
 * when none of them gives a number now, why and until when. */
#include "draw.h"

#include <stdio.h>
#include <string.h>

/* A field's sub-line: how many services it has, or, when none of them gives numbers now, why
 * and until when: closed (opens again at the earliest of them), numbers ended for today, or
 * all full. Worked out on entering and once a second (the store is asked per service), not
 * per frame. */
static bool field_note(struct app *a, const struct catalog_field *f, char *out, size_t len)
{
	const struct catalog_service *s[APP_MAX_SERVICES];
	size_t n = catalog_field_services(app_cat(a), f->id, s, APP_MAX_SERVICES);
	int64_t next = -1;
	bool full = true, ended = true;
	char num[16], when[96];

	n = n > APP_MAX_SERVICES ? APP_MAX_SERVICES : n;
	for (size_t i = 0; i < n; i++) {
		struct queue_avail_info q;

		if (take_availability(a->take, s[i], &q) != 0 || q.avail == QUEUE_OPEN) {
			snprintf(num, sizeof(num), "%zu", n);
			i18n_fill(out, len, app_str(a, n == 1 ? "fields_count_one" : "fields_count"),
				  num);
			return true;
		}
		full = full && q.avail == QUEUE_FULL;
		ended = ended && q.avail == QUEUE_CLOSED &&
			catalog_last_ticket(app_cat(a), s[i], app_now_s(a)) >= 0;
		if (q.next_open >= 0 && (next < 0 || q.next_open < next))
			next = q.next_open;
	}
	if (n && (full || ended)) {
		snprintf(out, len, "%s", app_str(a, full ? "service_full" : "service_last_passed"));
	} else if (next >= 0) {
		app_fmt_when(a, next, when, sizeof(when));
		i18n_fill(out, len, app_str(a, "service_closed"), when);
	} else {
		snprintf(out, len, "%s", app_str(a, "service_closed_unknown"));
	}
	return false;
}

static void fields_refresh(struct app *a)
{
	size_t count = catalog_field_count(app_cat(a));

	for (size_t i = 0; i < count && i < APP_MAX_FIELDS; i++)
		a->field_open[i] = field_note(a, catalog_field_at(app_cat(a), i), a->field_note[i],
					      sizeof(a->field_note[i]));
	a->field_note_lang = a->lang;
}

static void fields_enter(struct app *a)
{
	a->page = 0;
	fields_refresh(a);
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
	if (draw_page_turn(e->id, &a->page))
		return;
	if (strcmp(e->id, "back") == 0) {
		app_go(a, SCR_HOME);
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

	if (a->field_note_lang != a->lang)
		fields_refresh(a);    /* the language was just changed */
	draw_metrics(a, &m);
	per = draw_per_page(&m);
	first = a->page * per;
	for (int i = 0; i < per && (size_t)(first + i) < count; i++) {
		const struct catalog_field *f = catalog_field_at(app_cat(a), (size_t)(first + i));
		char id[48];
		const char *sub = first + i < APP_MAX_FIELDS ? a->field_note[first + i] : "";

		snprintf(id, sizeof(id), "field_%s", f->id);
		bool open = first + i >= APP_MAX_FIELDS || a->field_open[first + i];

		/* a field with nothing open now still opens: its services say why */
		n = widget_add(w, n, max, id, draw_cell(&m, i), f->name[a->lang], sub,
			       open ? W_NORMAL : W_MUTED, true);
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
	.tick = fields_refresh,
	.widgets = fields_widgets,
	.draw = fields_draw,
};
