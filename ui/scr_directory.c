/* scr_directory: every officer at the unit with name, title, field, counter and work phone,
 * as Decree 118/2025 art. 9.8 asks the unit to display, from the catalogue. Paged like the
 * service lists; nothing here is tappable but the pager. */
#include "rate_draw.h"

#include <stdio.h>
#include <string.h>

/* Officers per page: three rows in portrait, so that a title on two lines leaves the phone
 * and the other lines at full size; two rows of two in landscape. */
static int per_page(const struct metrics *m)
{
	return m->landscape ? 4 : 3;
}

static int note_h(const struct metrics *m)
{
	return m->s_sub * 3 / 2;
}

static void directory_enter(struct app *a)
{
	a->rate_page = 0;
}

static void directory_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "back") == 0 || strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
	else
		draw_page_turn(e->id, &a->rate_page);
}

static int directory_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	int per, total = (int)catalog_officer_count(app_cat(a)), n;

	draw_metrics(a, &m);
	per = per_page(&m);
	n = draw_pager(a, w, 0, max, a->rate_page, (total + per - 1) / per);
	return draw_chrome(a, w, n, max, true, true);
}

/* One officer: photo or initials, then name, title, "field · counter" and the phone, wrapped
 * and measured first: the largest of three sets of sizes at which all four fit the cell (the
 * smallest is the floor size, never less). */
static void draw_entry(struct app *a, const struct metrics *m, SDL_Rect r,
		       const struct catalog_officer *o)
{
	const SDL_Color white = { 0xFF, 0xFF, 0xFF, 255 };
	const int sizes[3][2] = { { m->s_title * 3 / 4, m->s_body }, { m->s_body, m->s_sub },
				  { m->s_sub, m->s_small } };
	char line[600], part[300], phone[200] = "";
	const char *title = o->title[a->lang];
	int side = r.h - 2 * m->gap, x, tw, inner = r.h - 2 * m->gap, k = 0, h[4], y;

	if (side > r.w / 4)
		side = r.w / 4;
	x = r.x + 2 * m->gap + side;
	tw = r.x + r.w - x - m->gap;
	i18n_fill(part, sizeof(part), app_str(a, "dir_field"), rate_draw_field_name(a, o->field_id));
	snprintf(line, sizeof(line), "%s · %s", part, rate_draw_counter_name(a, o->counter_id));
	if (o->phone[0])
		i18n_fill(phone, sizeof(phone), app_str(a, "dir_phone"), o->phone);
	for (;; k++) {
		h[0] = draw_text_h(a, o->name, sizes[k][0], TEXT_BOLD, tw);
		h[1] = draw_text_h(a, title, sizes[k][1], 0, tw);
		h[2] = draw_text_h(a, line, sizes[k][1], 0, tw);
		h[3] = draw_text_h(a, phone, sizes[k][1], TEXT_BOLD, tw);
		if (k == 2 || h[0] + h[1] + h[2] + h[3] <= inner)
			break;
	}
	y = r.y + (r.h - h[0] - h[1] - h[2] - h[3]) / 2;
	draw_fill(a, r, COL_LINE);
	draw_fill(a, (SDL_Rect){ r.x + 3, r.y + 3, r.w - 6, r.h - 6 }, white);
	rate_draw_avatar(a, (SDL_Rect){ r.x + m->gap, r.y + (r.h - side) / 2, side, side }, o, white);
	draw_text(a, o->name, sizes[k][0], TEXT_BOLD, COL_INK, (SDL_Rect){ x, y, tw, h[0] });
	y += h[0];
	draw_text(a, title, sizes[k][1], 0, COL_INK, (SDL_Rect){ x, y, tw, h[1] });
	y += h[1];
	draw_text(a, line, sizes[k][1], 0, COL_MUTED_INK, (SDL_Rect){ x, y, tw, h[2] });
	y += h[2];
	draw_text(a, phone, sizes[k][1], TEXT_BOLD, COL_PRIMARY, (SDL_Rect){ x, y, tw, h[3] });
}

static void directory_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	char title[300];
	int per, first, total = (int)catalog_officer_count(app_cat(a));

	draw_metrics(a, &m);
	snprintf(title, sizeof(title), "%s", app_str(a, "dir_title"));
	draw_frame(a, title);
	draw_text(a, app_str(a, "dir_note"), m.s_sub, TEXT_FIT | TEXT_NOWRAP, COL_MUTED_INK,
		  (SDL_Rect){ m.body.x, m.body.y - m.gap / 2, m.body.w, note_h(&m) });
	per = per_page(&m);
	first = a->rate_page * per;
	for (int i = first; i < first + per && i < total; i++)
		draw_entry(a, &m, rate_draw_cell(&m, i - first, per, note_h(&m)),
			   catalog_officer_at(app_cat(a), (size_t)i));
	if (total == 0)
		draw_text(a, app_str(a, "dir_empty"), m.s_title, TEXT_CENTER, COL_MUTED_INK,
			  (SDL_Rect){ m.body.x, m.body.y + m.margin, m.body.w, m.body.h / 2 });
	draw_widgets(a, w, n);
}

const struct screen scr_directory = {
	.name = "directory",
	.journey = JOURNEY_DIRECTORY,
	.enter = directory_enter,
	.handle = directory_handle,
	.widgets = directory_widgets,
	.draw = directory_draw,
	.idle_s = app_rating_idle_s,
};
