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
	else if (strcmp(e->id, "next") == 0)
		a->rate_page++;
	else if (strcmp(e->id, "prev") == 0)
		a->rate_page--;
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

/* One officer: photo or initials, then name, title, "field · counter" and the phone, each
 * line sized to the cell. */
static void draw_entry(struct app *a, const struct metrics *m, SDL_Rect r,
		       const struct catalog_officer *o)
{
	const SDL_Color white = { 0xFF, 0xFF, 0xFF, 255 };
	char line[600], part[300];
	int side = r.h - 2 * m->gap, x = r.x + 2 * m->gap + side, tw = r.x + r.w - x - m->gap;
	int inner = r.h - m->gap, h1 = inner * 30 / 100, h = inner * 22 / 100, ht, y, one_w, one_h;
	bool split;

	if (side > tw / 2)
		side = tw / 2;
	h1 = h1 > m->s_title * 3 / 2 ? m->s_title * 3 / 2 : h1;
	h = h > m->s_body * 3 / 2 ? m->s_body * 3 / 2 : h;
	ht = h;
	/* a long title takes two lines rather than shrinking out of sight; the other lines
	 * shrink only when the cell cannot hold them all at full size */
	if (text_size(a->text, o->title[a->lang], h * 2 / 3, 0, 0, &one_w, &one_h) == 0 &&
	    one_w > tw) {
		if (h1 + 4 * h > inner) {
			h1 = h1 * 85 / 100;
			h = h * 82 / 100;
		}
		ht = inner - h1 - 2 * h < h * 2 ? inner - h1 - 2 * h : h * 2;
	}
	i18n_fill(part, sizeof(part), app_str(a, "dir_field"), rate_draw_field_name(a, o->field_id));
	snprintf(line, sizeof(line), "%s · %s", part, rate_draw_counter_name(a, o->counter_id));
	/* field and counter on one line, or on two when the cell has room: never shrunk small */
	split = text_size(a->text, line, h * 2 / 3, 0, 0, &one_w, &one_h) == 0 && one_w > tw &&
		h1 + ht + 3 * h <= inner;
	y = r.y + (r.h - h1 - ht - (split ? 3 : 2) * h) / 2;
	draw_fill(a, r, COL_LINE);
	draw_fill(a, (SDL_Rect){ r.x + 3, r.y + 3, r.w - 6, r.h - 6 }, white);
	rate_draw_avatar(a, (SDL_Rect){ r.x + m->gap, r.y + (r.h - side) / 2, side, side }, o, white);
	draw_text(a, o->name, h1 * 2 / 3, TEXT_BOLD | TEXT_NOWRAP | TEXT_FIT | TEXT_VCENTER, COL_INK,
		  (SDL_Rect){ x, y, tw, h1 });
	y += h1;
	draw_text(a, o->title[a->lang], ht == h ? h * 2 / 3 : h * 3 / 4, TEXT_FIT | TEXT_VCENTER,
		  COL_INK, (SDL_Rect){ x, y, tw, ht });
	y += ht;
	if (split) {
		draw_text(a, part, h * 2 / 3, TEXT_NOWRAP | TEXT_FIT | TEXT_VCENTER, COL_MUTED_INK,
			  (SDL_Rect){ x, y, tw, h });
		y += h;
		snprintf(line, sizeof(line), "%s", rate_draw_counter_name(a, o->counter_id));
	}
	draw_text(a, line, h * 2 / 3, TEXT_NOWRAP | TEXT_FIT | TEXT_VCENTER, COL_MUTED_INK,
		  (SDL_Rect){ x, y, tw, h });
	y += h;
	if (o->phone[0]) {
		i18n_fill(line, sizeof(line), app_str(a, "dir_phone"), o->phone);
		draw_text(a, line, h * 2 / 3, TEXT_BOLD | TEXT_NOWRAP | TEXT_FIT | TEXT_VCENTER,
			  COL_PRIMARY, (SDL_Rect){ x, y, tw, h });
	}
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
