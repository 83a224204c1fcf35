/* scr_ticket: the number the citizen walks away with, while it prints and after; or why it
 * could not be printed, with a retry that asks for a new number (the failed one stays voided).
 * The ticket and what became of it are the take journey's (firmware/journey/take.h). */
#include "draw.h"

#include "firmware/err.h"

#include <stdio.h>
#include <string.h>

static void ticket_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "done") == 0 || strcmp(e->id, "home") == 0) {
		app_go(a, SCR_HOME);
	} else if (strcmp(e->id, "retry") == 0) {
		take_new_request(a->take);
		app_take_number(a);
	}
}

/* The phase as drawn: a number being asked for reads "printing" like one being printed. */
static enum take_phase phase(const struct app *a)
{
	enum take_phase p = take_phase(a->take);

	return p == TAKE_ASKING ? TAKE_PRINTING : p;
}

static int ticket_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	SDL_Rect full;
	int n = 0;

	draw_metrics(a, &m);
	full = (SDL_Rect){ m.margin, m.h - m.footer_h, m.w - 2 * m.margin, m.footer_h - m.gap };
	if (phase(a) == TAKE_PRINTED || phase(a) == TAKE_SHOWN)
		n = widget_add(w, n, max, "done", full, app_str(a, "ticket_done"), NULL, W_PRIMARY, true);
	if (phase(a) == TAKE_VOIDED) {
		n = widget_add(w, n, max, "retry", draw_cell(&m, 4),
			       app_str(a, "print_retry"), NULL, app_can_issue(a) ? W_PRIMARY : W_MUTED,
			       app_can_issue(a));
		return draw_chrome(a, w, n, max, false, true);
	}
	return draw_chrome(a, w, n, max, false, false);
}

/* One "label: value" line; returns the next y. */
static int detail(struct app *a, const struct metrics *m, SDL_Rect col, int y, const char *label,
		  const char *value)
{
	char line[400];
	SDL_Rect r = { col.x, y, col.w, m->s_body * 3 };

	snprintf(line, sizeof(line), "%s: %s", label, value);
	return y + text_draw(a->text, line, m->s_body, 0, COL_INK, r) + m->gap / 2;
}

/* Number, service name and priority band, from col.y down to at most col.y + col.h; the
 * name gets the room the band leaves, wrapped, shrunk (never under the floor) when long. */
static int draw_number(struct app *a, const struct metrics *m, SDL_Rect col, int name_room)
{
	const struct queue_ticket *t = take_ticket(a->take);
	const struct catalog_service *s = catalog_service_find(app_cat(a), t->prefix);
	char prio[160], key[16];
	const char *name = s ? s->name[a->lang] : "";
	int y = col.y, band_h = 0, num = m->s_huge;

	if (t->priority) {
		snprintf(key, sizeof(key), "prio_%d", t->priority);
		i18n_fill(prio, sizeof(prio), app_str(a, "ticket_priority"), app_str(a, key));
		band_h = draw_text_h(a, prio, m->s_body, TEXT_BOLD | TEXT_CENTER, col.w - 2 * m->gap) +
			 m->gap;
	}
	/* a name too long for its room even at the floor size makes the number smaller */
	if (draw_text_h(a, name, m->s_small, TEXT_BOLD | TEXT_CENTER, col.w) >
	    col.h - m->s_huge * 3 / 2 - band_h - 2 * m->gap)
		num = m->s_huge * 2 / 3;
	y += text_draw(a->text, t->number, num, TEXT_BOLD | TEXT_CENTER | TEXT_NOWRAP |
		       TEXT_FIT, COL_PRIMARY, (SDL_Rect){ col.x, y, col.w, num * 3 / 2 });
	if (name_room > col.y + col.h - y - band_h - 2 * m->gap)
		name_room = col.y + col.h - y - band_h - 2 * m->gap;
	y += text_draw(a->text, name, m->s_btn, TEXT_BOLD | TEXT_CENTER |
		       TEXT_FIT, COL_INK, (SDL_Rect){ col.x, y, col.w, name_room }) + m->gap;
	if (t->priority) {
		SDL_Rect band = { col.x, y, col.w, band_h };
		draw_fill(a, band, COL_WARN_BG);
		draw_text(a, prio, m->s_body, TEXT_BOLD | TEXT_CENTER | TEXT_VCENTER, COL_WARN_INK,
			  (SDL_Rect){ band.x + m->gap, band.y, band.w - 2 * m->gap, band.h });
		y += band.h + m->gap;
	}
	return y;
}

/* The details and what to do next, from y down to the bottom of col. */
static void draw_details(struct app *a, const struct metrics *m, SDL_Rect col, int y)
{
	const struct queue_ticket *t = take_ticket(a->take);
	const struct catalog_service *s = catalog_service_find(app_cat(a), t->prefix);
	struct clock_local l;
	char ahead[16], when[64], wday[16];

	snprintf(ahead, sizeof(ahead), "%d", t->ahead);
	clock_to_local(t->issued_at, &l);
	snprintf(wday, sizeof(wday), "wday_%d", l.wday);
	/* as the printed ticket says it: the weekday too */
	snprintf(when, sizeof(when), "%02d:%02d  %s %02d/%02d/%04d", l.hour, l.min,
		 app_str(a, wday), l.day, l.month, l.year);
	y = detail(a, m, col, y, app_str(a, "ticket_counters"), s ? s->counters : "");
	y = detail(a, m, col, y, app_str(a, t->ahead_known ? "ticket_ahead" :
					 "ticket_issued_before"), ahead);
	y = detail(a, m, col, y, app_str(a, "ticket_time"), when);
	if (t->numbering == STORE_NUM_FALLBACK) {
		/* a number from this kiosk's reserve (no central answer in time): it is called
		 * like any other, and the citizen should not wonder why it looks different */
		const char *why = app_str(a, "ticket_fallback");
		int h = draw_text_h(a, why, m->s_body, 0, col.w);

		draw_text(a, why, m->s_body, 0, COL_MUTED_INK, (SDL_Rect){ col.x, y, col.w, h });
		y += h + m->gap / 2;
	}
	y += m->gap;
	text_draw(a->text, app_str(a, "ticket_instruction"), m->s_body, TEXT_BOLD | TEXT_FIT, COL_OK,
		  (SDL_Rect){ col.x, y, col.w, col.y + col.h - y });
}

/* The picture of the printed ticket at the size it is drawn, from the last one rendered:
 * each screen pixel the share of ink under it, in grey (a 1-bit raster scaled down pixel by
 * pixel loses thin strokes: "23/11" read "23/''"). Like the text cache, the texture is a
 * cache of what the journey rendered, not state of the app. */
static void refresh_preview(struct app *a, const struct raster *r, unsigned seq, int w, int h)
{
	SDL_Surface *s;

	if (a->preview && seq == a->preview_seq && w == a->preview_w && h == a->preview_h)
		return;
	if (a->preview)
		SDL_DestroyTexture(a->preview);
	a->preview = NULL;
	if (w <= 0 || h <= 0)
		return;
	s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!s)
		return;
	for (int y = 0; y < h; y++) {
		Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
		int y0 = (int)((int64_t)y * r->height / h), y1 = (int)((int64_t)(y + 1) * r->height / h);

		y1 = y1 > y0 ? y1 : y0 + 1;
		for (int x = 0; x < w; x++) {
			int x0 = (int)((int64_t)x * r->width / w), x1 = (int)((int64_t)(x + 1) * r->width / w);
			int ink = 0;
			Uint32 g;

			x1 = x1 > x0 ? x1 : x0 + 1;
			for (int sy = y0; sy < y1 && sy < r->height; sy++)
				for (int sx = x0; sx < x1 && sx < r->width; sx++)
					ink += raster_get(r, sx, sy) ? 1 : 0;
			g = 255u - (Uint32)(255 * ink / ((x1 - x0) * (y1 - y0)));
			row[x] = 0xFF000000u | g << 16 | g << 8 | g;
		}
	}
	a->preview = SDL_CreateTextureFromSurface(a->d.ren, s);
	a->preview_w = w;
	a->preview_h = h;
	a->preview_seq = seq;
	SDL_FreeSurface(s);
}

static void draw_preview(struct app *a, const struct metrics *m, SDL_Rect box)
{
	unsigned seq;
	const struct raster *r = prints_preview(a->prints, &seq);
	SDL_Rect dst;
	int h, take_h;

	if (!r || r->width <= 0 || r->height <= 0)
		return;
	/* first what the citizen must do, large: the ticket is in the printer's slot */
	take_h = draw_text_h(a, app_str(a, "ticket_take"), m->s_body, TEXT_BOLD | TEXT_CENTER, box.w);
	draw_text(a, app_str(a, "ticket_take"), m->s_body, TEXT_BOLD | TEXT_CENTER, COL_PRIMARY,
		  (SDL_Rect){ box.x, box.y, box.w, take_h });
	box.y += take_h + m->gap;
	box.h -= take_h + m->gap;
	h = r->height * box.w / r->width;
	if (h > box.h) {
		dst.w = r->width * box.h / r->height;
		h = box.h;
	} else {
		dst.w = box.w;
	}
	dst = (SDL_Rect){ box.x + (box.w - dst.w) / 2, box.y, dst.w, h };
	refresh_preview(a, r, seq, dst.w, dst.h);
	if (!a->preview)
		return;
	draw_fill(a, (SDL_Rect){ dst.x - 3, dst.y - 3, dst.w + 6, dst.h + 6 }, COL_LINE);
	draw_image(a, a->preview, NULL, dst, &a->preview_seq, sizeof(a->preview_seq), "ticket");
}

/* Portrait: number and details in one column, the printed ticket beside them. Landscape:
 * number | details | printed ticket, so nothing runs under the footer. */
static void draw_issued(struct app *a, const struct metrics *m)
{
	bool shown = phase(a) == TAKE_SHOWN;
	int pw = shown ? 0 : (m->landscape ? 420 : 380);
	int bottom = m->h - m->footer_h - m->gap; /* the Done button's top */
	SDL_Rect col = { m->body.x, m->body.y, m->body.w - pw - (pw ? m->gap : 0),
			 bottom - m->body.y };
	SDL_Rect det;
	int y;

	if (shown) {
		SDL_Rect band = { 0, m->body.y, m->w, m->s_body * 3 };
		draw_fill(a, band, COL_WARN_BG);
		draw_text(a, app_str(a, "ticket_shown_title"), m->s_body, TEXT_BOLD | TEXT_CENTER |
			  TEXT_VCENTER | TEXT_FIT, COL_WARN_INK,
			  (SDL_Rect){ m->margin, band.y, m->w - 2 * m->margin, band.h });
		col.y += band.h + m->gap;
		col.h -= band.h + m->gap;
	}
	det = col;
	if (m->landscape) {
		col.w = (col.w - m->margin) / 2;
		det = (SDL_Rect){ col.x + col.w + m->margin, col.y, col.w, col.h };
	}
	/* portrait: the name may take a third of the column, the details need the rest */
	y = draw_number(a, m, col, m->landscape ? col.h : col.h / 3);
	if (!m->landscape) {
		det.h -= y - det.y;
		det.y = y;
	}
	draw_details(a, m, det, det.y);
	if (pw)
		draw_preview(a, m, (SDL_Rect){ m->body.x + m->body.w - pw, m->body.y, pw,
					       bottom - m->body.y });
}

static void ticket_draw(struct app *a, const struct widget *w, int n)
{
	static const char *const title[] = {
		[TAKE_IDLE] = "ticket_printing", [TAKE_ASKING] = "ticket_printing",
		[TAKE_PRINTING] = "ticket_printing", [TAKE_PRINTED] = "ticket_your_number",
		[TAKE_VOIDED] = "print_failed_title", [TAKE_SHOWN] = "ticket_your_number",
		[TAKE_REFUSED] = "ticket_printing",
	};
	struct metrics m;

	draw_metrics(a, &m);
	draw_frame(a, app_str(a, title[phase(a)]));
	if (phase(a) == TAKE_PRINTED || phase(a) == TAKE_SHOWN)
		draw_issued(a, &m);
	else if (phase(a) == TAKE_VOIDED)
		draw_text(a, app_str(a, take_print_rc(a->take) == ERR_PAPER ? "print_failed_paper" :
				     "print_failed_body"), m.s_title, 0, COL_INK,
			  (SDL_Rect){ m.body.x, m.body.y, m.body.w, draw_cell(&m, 4).y - m.body.y });
	draw_widgets(a, w, n);
}

const struct screen scr_ticket = {
	.name = "ticket",
	.journey = JOURNEY_TAKE,
	.handle = ticket_handle,
	.widgets = ticket_widgets,
	.draw = ticket_draw,
};
