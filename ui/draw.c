/* draw: shared look of all screens. */
#include "draw.h"

#include "framesum.h"

#include <stdio.h>

const SDL_Color COL_BG = { 0xF4, 0xF6, 0xFA, 255 };
const SDL_Color COL_INK = { 0x10, 0x1A, 0x2B, 255 };
const SDL_Color COL_HEADER = { 0x0B, 0x3D, 0x91, 255 };
const SDL_Color COL_ON_HEADER = { 0xFF, 0xFF, 0xFF, 255 };
const SDL_Color COL_PRIMARY = { 0x0D, 0x47, 0xA1, 255 };
const SDL_Color COL_MUTED_BG = { 0xE3, 0xE5, 0xE8, 255 };
const SDL_Color COL_MUTED_INK = { 0x3A, 0x3F, 0x47, 255 };
const SDL_Color COL_WARN_BG = { 0xFF, 0xF1, 0xD6, 255 };
const SDL_Color COL_WARN_INK = { 0x7A, 0x34, 0x00, 255 };
const SDL_Color COL_OK = { 0x1B, 0x5E, 0x20, 255 };
const SDL_Color COL_LINE = { 0xB8, 0xC2, 0xD3, 255 };
const SDL_Color COL_WHITE = { 0xFF, 0xFF, 0xFF, 255 };

/* The unit's name never shrinks under the floor nor leaves the header: a name too long for
 * it at the floor size makes the header taller (and the body shorter) by what it lacks. */
static void grow_header(const struct app *a, struct metrics *m)
{
	int right = m->landscape ? 420 : 320, tw, th;
	int unit_w = m->w - 3 * m->margin - right - m->w / 6;

	if (!a->text || text_size(a->text, a->d.cfg->unit_name, m->s_small, TEXT_BOLD, unit_w, &tw,
				  &th) != 0 || th + m->gap <= m->header_h)
		return;
	m->body.y += th + m->gap - m->header_h;
	m->body.h -= th + m->gap - m->header_h;
	m->header_h = th + m->gap;
}

void draw_metrics(const struct app *a, struct metrics *m)
{
	layout_metrics(a->d.width, a->d.height, m);
	grow_header(a, m);
}

int draw_floor(const struct app *a)
{
	struct metrics m;

	draw_metrics(a, &m);
	return m.s_small;
}

int widget_add(struct widget *w, int n, int max, const char *id, SDL_Rect r, const char *title,
	       const char *sub, enum widget_style style, bool enabled)
{
	if (n >= max)
		return n;
	snprintf(w[n].id, sizeof(w[n].id), "%s", id);
	snprintf(w[n].title, sizeof(w[n].title), "%s", title ? title : "");
	snprintf(w[n].sub, sizeof(w[n].sub), "%s", sub ? sub : "");
	w[n].r = r;
	w[n].style = style;
	w[n].enabled = enabled;
	return n + 1;
}

/* Footer slots: portrait has back | home; landscape has back | pager | home, the pager
 * moving into the footer so that the list keeps the whole body height. */
static SDL_Rect footer_slot(const struct metrics *m, int slot)
{
	int y = m->h - m->footer_h, h = m->footer_h - m->gap;
	int side = m->landscape ? m->w / 4 : (m->w - 3 * m->margin) / 2;

	if (slot == 0)
		return (SDL_Rect){ m->margin, y, side, h };
	if (slot == 2)
		return (SDL_Rect){ m->w - m->margin - side, y, side, h };
	return (SDL_Rect){ 2 * m->margin + side, y, m->w - 4 * m->margin - 2 * side, h };
}

int draw_chrome(struct app *a, struct widget *w, int n, int max, bool back, bool home)
{
	struct metrics m;
	int bw;

	draw_metrics(a, &m);
	bw = m.landscape ? 420 : 320;
	n = widget_add(w, n, max, "lang", (SDL_Rect){ m.w - m.margin - bw, m.gap, bw,
						     m.header_h - 2 * m.gap },
		       app_str(a, "lang_toggle"), NULL, W_CHROME, true);
	if (back)
		n = widget_add(w, n, max, "back", footer_slot(&m, 0), app_str(a, "back"), NULL,
			       W_NORMAL, true);
	if (home)
		n = widget_add(w, n, max, "home", footer_slot(&m, 2), app_str(a, "home"), NULL,
			       W_NORMAL, true);
	return n;
}

/* In a dry pass: the primitive's kind, rectangle and colour into the frame's sum. */
static bool dry(struct app *a, char kind, SDL_Rect r, SDL_Color c)
{
	int what[6] = { kind, r.x, r.y, r.w, r.h, framesum_rgba(c) };

	if (a->dry)
		a->sum = framesum_ints(a->sum, what, sizeof(what) / sizeof(what[0]));
	return a->dry;
}

void draw_fill(struct app *a, SDL_Rect r, SDL_Color c)
{
	if (dry(a, 'f', r, c))
		return;
	SDL_SetRenderDrawColor(a->d.ren, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(a->d.ren, &r);
}

void draw_shade(struct app *a, SDL_Rect r, SDL_Color c)
{
	if (dry(a, 's', r, c))
		return;
	SDL_SetRenderDrawBlendMode(a->d.ren, SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(a->d.ren, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(a->d.ren, &r);
	SDL_SetRenderDrawBlendMode(a->d.ren, SDL_BLENDMODE_NONE);
}

void draw_line(struct app *a, int x0, int y0, int x1, int y1, SDL_Color c)
{
	if (dry(a, 'l', (SDL_Rect){ x0, y0, x1, y1 }, c))
		return;
	SDL_SetRenderDrawColor(a->d.ren, c.r, c.g, c.b, c.a);
	SDL_RenderDrawLine(a->d.ren, x0, y0, x1, y1);
}

void draw_outline(struct app *a, SDL_Rect r, SDL_Color c)
{
	if (dry(a, 'o', r, c))
		return;
	SDL_SetRenderDrawColor(a->d.ren, c.r, c.g, c.b, c.a);
	SDL_RenderDrawRect(a->d.ren, &r);
}

void draw_image(struct app *a, SDL_Texture *tex, const SDL_Rect *src, SDL_Rect dst,
		const void *id, size_t n, const char *what)
{
	SDL_Rect s = src ? *src : (SDL_Rect){ 0 };
	int part[4] = { s.x, s.y, s.w, s.h };

	if (dry(a, 'i', dst, (SDL_Color){ 0 })) {
		a->sum = framesum_add(framesum_ints(a->sum, part, 4), id, n);
		return;
	}
	SDL_RenderCopy(a->d.ren, tex, src, &dst);
	text_record_image(a->text, what, dst);
}

void draw_text(struct app *a, const char *s, int size, int flags, SDL_Color c, SDL_Rect box)
{
	text_draw(a->text, s, size, flags, c, box);
}

int draw_text_h(struct app *a, const char *s, int size, int flags, int w)
{
	int tw, th;

	if (!s[0])
		return 0;
	return text_size(a->text, s, size, flags, w, &tw, &th) == 0 ? th : size * 3 / 2;
}

/* The header; returns the height of the warning strip under it (0: none), which the title
 * band gives up. */
static int draw_header(struct app *a, const struct metrics *m)
{
	bool near_end = prints_status(a->prints).state == PRINTER_PAPER_NEAR_END;
	bool down = remote_link_down(a->remote);
	struct clock_local l;
	char when[64];
	int right = m->landscape ? 420 : 320;
	SDL_Rect unit = { m->margin, 0, m->w - 3 * m->margin - right - m->w / 6, m->header_h };
	SDL_Rect clk = layout_clock_rect(m);

	draw_fill(a, (SDL_Rect){ 0, 0, m->w, m->header_h }, COL_HEADER);
	draw_text(a, a->d.cfg->unit_name, m->s_sub, TEXT_BOLD | TEXT_VCENTER | TEXT_FIT,
		  COL_ON_HEADER, unit);
	clock_to_local(app_now_s(a), &l);
	snprintf(when, sizeof(when), "%02d:%02d\n%02d/%02d/%04d", l.hour, l.min, l.day, l.month, l.year);
	draw_text(a, when, m->s_small, TEXT_CENTER | TEXT_VCENTER, COL_ON_HEADER, clk);
	/* discreet: for the staff walking by, not alarming for the citizen */
	if (near_end || down) {
		SDL_Rect strip = { 0, m->header_h, m->w, 0 };
		char text[400];
		int tw, th;
		snprintf(text, sizeof(text), "%s%s%s",
			 near_end ? app_str(a, "printer_near_end") : "",
			 near_end && down ? "   ·   " : "", down ? app_str(a, "link_down") : "");
		/* wrapped at the floor size, never shrunk: as many lines as it takes */
		if (text_size(a->text, text, m->s_small, TEXT_RIGHT, m->w - 2 * m->margin, &tw, &th))
			th = m->s_small * 4 / 3;
		strip.h = th + m->gap / 2;
		draw_fill(a, strip, COL_WARN_BG);
		draw_text(a, text, m->s_small, TEXT_RIGHT | TEXT_VCENTER, COL_WARN_INK,
			  (SDL_Rect){ m->margin, strip.y, m->w - 2 * m->margin, strip.h });
		return strip.h;
	}
	return 0;
}

void draw_frame(struct app *a, const char *title)
{
	struct metrics m;
	const char *problem = app_printer_problem(a);
	SDL_Rect t;
	int strip;

	draw_metrics(a, &m);
	draw_fill(a, (SDL_Rect){ 0, 0, m.w, m.h }, COL_BG);
	strip = draw_header(a, &m);
	t = (SDL_Rect){ m.margin, m.header_h + strip, m.w - 2 * m.margin, m.title_h - strip };
	if (title)
		draw_text(a, title, m.s_title, TEXT_BOLD | TEXT_VCENTER | TEXT_FIT, COL_INK, t);
	if (problem && a->cur != SCR_TICKET && a->cur != SCR_HOME) {
		SDL_Rect band = { 0, m.h - m.footer_h - m.gap - m.s_body * 2, m.w, m.s_body * 2 };
		draw_fill(a, band, COL_WARN_BG);
		draw_text(a, problem, m.s_sub, TEXT_CENTER | TEXT_VCENTER | TEXT_FIT, COL_WARN_INK, band);
	}
}

static void style_colors(const struct widget *w, SDL_Color *bg, SDL_Color *ink)
{
	static const struct { SDL_Color bg, ink; } table[] = {
		[W_PRIMARY] = { { 0x0D, 0x47, 0xA1, 255 }, { 0xFF, 0xFF, 0xFF, 255 } },
		[W_NORMAL] = { { 0xFF, 0xFF, 0xFF, 255 }, { 0x0D, 0x2F, 0x6B, 255 } },
		[W_MUTED] = { { 0xE3, 0xE5, 0xE8, 255 }, { 0x3A, 0x3F, 0x47, 255 } },
		[W_CHROME] = { { 0x1E, 0x5B, 0xC6, 255 }, { 0xFF, 0xFF, 0xFF, 255 } },
		[W_WARN] = { { 0xFF, 0xF1, 0xD6, 255 }, { 0x7A, 0x34, 0x00, 255 } },
	};

	*bg = table[w->style].bg;
	*ink = table[w->style].ink;
}

/* Height for a button's sub-line: its wrapped height at s_sub, or at the floor when that is
 * more than max; *size says which. */
static int sub_height(struct app *a, const struct metrics *m, const char *s, int flags, int wrap,
		      int max, int *size)
{
	int w, h = m->s_sub * 3 / 2;

	*size = m->s_sub;
	if (text_size(a->text, s, m->s_sub, flags, wrap, &w, &h) == 0 && h > max) {
		*size = m->s_small;
		text_size(a->text, s, m->s_small, flags, wrap, &w, &h);
	}
	return h > max ? max : h;
}

static void draw_widget(struct app *a, const struct metrics *m, const struct widget *w)
{
	SDL_Color bg, ink;
	SDL_Rect in = { w->r.x + m->gap, w->r.y + m->gap / 2, w->r.w - 2 * m->gap, w->r.h - m->gap };
	int tsize = w->style == W_CHROME ? m->s_sub : m->s_btn;
	int centre = w->style == W_PRIMARY || w->style == W_WARN ? TEXT_CENTER : 0;
	int sub_h, sub_size;

	style_colors(w, &bg, &ink);
	draw_fill(a, w->r, w->style == W_NORMAL ? COL_LINE : bg);
	if (w->style == W_NORMAL)
		draw_fill(a, (SDL_Rect){ w->r.x + 3, w->r.y + 3, w->r.w - 6, w->r.h - 6 }, COL_WHITE);
	if (!w->sub[0]) {
		draw_text(a, w->title, tsize, TEXT_BOLD | TEXT_CENTER | TEXT_VCENTER | TEXT_FIT, ink, in);
		return;
	}
	/* the sub-line at the bottom, on as many lines as it needs (up to half the button, at
	 * the floor size if need be); the title gets the rest */
	sub_h = sub_height(a, m, w->sub, centre, in.w, (w->r.h - m->gap) / 2, &sub_size);
	in.h = w->r.h - sub_h - m->gap;
	draw_text(a, w->title, tsize, TEXT_BOLD | TEXT_VCENTER | TEXT_FIT | centre, ink, in);
	in.y += in.h;
	in.h = sub_h;
	draw_text(a, w->sub, sub_size, TEXT_VCENTER | TEXT_FIT | centre, ink, in);
}

void draw_widgets(struct app *a, const struct widget *w, int n)
{
	struct metrics m;

	draw_metrics(a, &m);
	for (int i = 0; i < n; i++) {
		text_owner(a->text, w[i].id); /* for the records of what is drawn (text.h) */
		draw_widget(a, &m, &w[i]);
	}
	text_owner(a->text, NULL);
}

#define LIST_ROWS 6

int draw_per_page(const struct metrics *m)
{
	return m->landscape ? 2 * (LIST_ROWS / 2) : LIST_ROWS;
}

/* Portrait leaves one row at the bottom of the body for the pager. */
SDL_Rect draw_cell(const struct metrics *m, int i)
{
	return draw_cell_rows(m, i, LIST_ROWS / (m->landscape ? 2 : 1));
}

SDL_Rect draw_cell_rows(const struct metrics *m, int i, int rows)
{
	int cols = m->landscape ? 2 : 1;
	int pager = m->landscape ? 0 : m->footer_h;
	int cw = (m->body.w - (cols - 1) * m->gap) / cols;
	int ch = (m->body.h - pager - (rows - 1) * m->gap) / rows;

	return (SDL_Rect){ m->body.x + (i % cols) * (cw + m->gap), m->body.y + (i / cols) * (ch + m->gap),
			   cw, ch };
}

/* Whether a button of r holds title and sub the way draw_widget lays them out, the title
 * at the floor size at worst. */
static bool cell_holds(struct app *a, const struct metrics *m, SDL_Rect r, const char *title,
		       const char *sub)
{
	int w = r.w - 2 * m->gap, size, sub_h = 0, max = (r.h - m->gap) / 2;

	if (sub && sub[0]) {
		sub_h = sub_height(a, m, sub, 0, w, max, &size);
		if (draw_text_h(a, sub, m->s_small, 0, w) > max)
			return false;
	}
	return draw_text_h(a, title, m->s_small, TEXT_BOLD, w) <= r.h - sub_h - m->gap;
}

int draw_rows_fit(struct app *a, const struct metrics *m, const char *const *titles,
		  const char *const *subs, int n)
{
	int rows = LIST_ROWS / (m->landscape ? 2 : 1);

	for (; rows > 1; rows--) {
		SDL_Rect r = draw_cell_rows(m, 0, rows);
		int i = 0;
		while (i < n && cell_holds(a, m, r, titles[i], subs ? subs[i] : NULL))
			i++;
		if (i == n)
			break;
	}
	return rows;
}

int draw_pager(struct app *a, struct widget *w, int n, int max, int page, int pages)
{
	struct metrics m;
	char label[64], num[32];
	SDL_Rect r;
	int bw;

	if (pages <= 1)
		return n;
	draw_metrics(a, &m);
	r = m.landscape ? footer_slot(&m, 1) :
	    (SDL_Rect){ m.body.x, m.body.y + m.body.h - m.footer_h + m.gap, m.body.w, m.footer_h - m.gap };
	bw = r.w / 3;
	snprintf(num, sizeof(num), "%d/%d", page + 1, pages);
	i18n_fill(label, sizeof(label), app_str(a, "services_page"), num);
	n = widget_add(w, n, max, "prev", (SDL_Rect){ r.x, r.y, bw, r.h }, app_str(a, "prev_page"),
		       NULL, page > 0 ? W_NORMAL : W_MUTED, page > 0);
	n = widget_add(w, n, max, "page", (SDL_Rect){ r.x + bw, r.y, r.w - 2 * bw, r.h }, label, NULL,
		       W_MUTED, false);
	return widget_add(w, n, max, "next", (SDL_Rect){ r.x + r.w - bw, r.y, bw, r.h },
			  app_str(a, "next_page"), NULL, page + 1 < pages ? W_NORMAL : W_MUTED,
			  page + 1 < pages);
}

bool draw_page_turn(const char *id, int *page)
{
	if (strcmp(id, "next") == 0)
		++*page;
	else if (strcmp(id, "prev") == 0)
		--*page;
	else
		return false;
	return true;
}
