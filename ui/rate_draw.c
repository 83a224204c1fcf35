/* rate_draw: shapes with plain SDL primitives (scan lines for discs, stamped discs for thick
 * strokes), so the faces need no image files and scale to any screen. */
#include "rate_draw.h"

#include "firmware/log.h"
#include "firmware/pngio.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const SDL_Color WHITE = { 0xFF, 0xFF, 0xFF, 255 };

void rate_draw_circle(struct app *a, int cx, int cy, int r, SDL_Color c)
{
	for (int dy = -r; dy <= r; dy++) {
		int dx = (int)lround(sqrt((double)r * r - (double)dy * dy));
		draw_line(a, cx - dx, cy + dy, cx + dx, cy + dy, c);
	}
}

/* A thick segment from (x0, y0) to (x1, y1). */
static void stroke(struct app *a, double x0, double y0, double x1, double y1, int w, SDL_Color c)
{
	int steps = (int)(hypot(x1 - x0, y1 - y0) / (w > 2 ? w / 2.0 : 1.0)) + 1;

	for (int i = 0; i <= steps; i++) {
		double t = (double)i / steps;
		rate_draw_circle(a, (int)lround(x0 + (x1 - x0) * t), (int)lround(y0 + (y1 - y0) * t),
				 w / 2, c);
	}
}

static SDL_Color mood_color(int mood)
{
	static const SDL_Color c[5] = {
		{ 0xC6, 0x28, 0x28, 255 }, { 0xE6, 0x5C, 0x00, 255 }, { 0xC7, 0x8B, 0x00, 255 },
		{ 0x55, 0x8B, 0x2F, 255 }, { 0x1B, 0x6E, 0x20, 255 },
	};

	return c[mood < -2 ? 0 : mood > 2 ? 4 : mood + 2];
}

/* Eyes, and a mouth that curves up for a smile and down for a frown; white on the colour of
 * the mood so that colour and shape both say it. */
void rate_draw_face(struct app *a, int cx, int cy, int r, int mood)
{
	SDL_Color fill = mood_color(mood), ring = { (Uint8)(fill.r * 3 / 4), (Uint8)(fill.g * 3 / 4),
						    (Uint8)(fill.b * 3 / 4), 255 };
	double mw = r * 0.46, my = cy + r * 0.30, k = r * 0.15 * mood, prev_x = 0, prev_y = 0;
	int thick = r / 9 > 3 ? r / 9 : 3;

	rate_draw_circle(a, cx, cy, r, ring);
	rate_draw_circle(a, cx, cy, r - (r / 20 > 2 ? r / 20 : 2), fill);
	rate_draw_circle(a, cx - r * 36 / 100, cy - r * 22 / 100, r / 8, WHITE);
	rate_draw_circle(a, cx + r * 36 / 100, cy - r * 22 / 100, r / 8, WHITE);
	if (mood == 0)
		my += r * 0.05;
	for (int i = 0; i <= 16; i++) {
		double t = -1.0 + i / 8.0;
		double x = cx + t * mw, y = my + k * (1.0 - t * t) - k / 2;
		if (i)
			stroke(a, prev_x, prev_y, x, y, thick, WHITE);
		prev_x = x;
		prev_y = y;
	}
}

/* ---- avatars --------------------------------------------------------------------------- */

/* The upper case of the code point at s, as UTF-8 appended to buf at *k. */
static void put_upper(const unsigned char *s, char *buf, size_t *k)
{
	uint32_t cp = s[0];

	if ((s[0] & 0xE0) == 0xC0 && s[1])
		cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	else if ((s[0] & 0xF0) == 0xE0 && s[1] && s[2])
		cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	else if (s[0] >= 0x80)
		return;
	cp = telex_upper(cp);
	if (cp < 0x80) {
		buf[(*k)++] = (char)cp;
	} else if (cp < 0x800) {
		buf[(*k)++] = (char)(0xC0 | cp >> 6);
		buf[(*k)++] = (char)(0x80 | (cp & 0x3F));
	} else {
		buf[(*k)++] = (char)(0xE0 | cp >> 12);
		buf[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[(*k)++] = (char)(0x80 | (cp & 0x3F));
	}
}

/* The first letters of the family name and of the given name: "Nguyễn Thị Lan" -> "NL". */
static void initials(const char *name, char *out, size_t len)
{
	const char *first = name + strspn(name, " "), *last = first;
	char buf[16];
	size_t k = 0;

	for (const char *p = first; *p; p++)
		if (p[0] == ' ' && p[1] && p[1] != ' ')
			last = p + 1;
	if (*first)
		put_upper((const unsigned char *)first, buf, &k);
	if (last != first)
		put_upper((const unsigned char *)last, buf, &k);
	buf[k] = '\0';
	snprintf(out, len, "%s", buf);
}

static SDL_Color id_color(const char *id)
{
	static const SDL_Color palette[] = {
		{ 0x1E, 0x5B, 0xC6, 255 }, { 0x00, 0x79, 0x6B, 255 }, { 0x6A, 0x1B, 0x9A, 255 },
		{ 0xAD, 0x14, 0x57, 255 }, { 0x45, 0x5A, 0x64, 255 }, { 0x8D, 0x4E, 0x00, 255 },
	};
	unsigned h = 5381;

	for (; *id; id++)
		h = h * 33 + (unsigned char)*id;
	return palette[h % (sizeof(palette) / sizeof(palette[0]))];
}

/* A full cache starts again. */
static void forget_photos(struct app *a)
{
	for (int i = 0; i < a->nphotos; i++)
		if (a->photos[i].tex)
			SDL_DestroyTexture(a->photos[i].tex);
	a->nphotos = 0;
}

/* The texture of a photo, loaded at first use; NULL when it cannot be read (logged once). */
static SDL_Texture *photo(struct app *a, const char *path, int *w, int *h)
{
	SDL_Surface *surf;
	uint8_t *px = NULL;
	int i;

	for (i = 0; i < a->nphotos; i++) {
		if (strcmp(a->photos[i].path, path) == 0) {
			*w = a->photos[i].w;
			*h = a->photos[i].h;
			return a->photos[i].tex;
		}
	}
	if (a->nphotos == APP_PHOTOS)
		forget_photos(a);
	i = a->nphotos++;
	snprintf(a->photos[i].path, sizeof(a->photos[i].path), "%s", path);
	a->photos[i].tex = NULL;
	if (pngio_read_rgba(path, w, h, &px) != 0) {
		log_warn("directory: an officer's photo cannot be read; showing initials");
		return NULL;
	}
	surf = SDL_CreateRGBSurfaceWithFormatFrom(px, *w, *h, 32, *w * 4, SDL_PIXELFORMAT_RGBA32);
	a->photos[i].tex = surf ? SDL_CreateTextureFromSurface(a->d.ren, surf) : NULL;
	SDL_FreeSurface(surf);
	free(px);
	a->photos[i].w = *w;
	a->photos[i].h = *h;
	return a->photos[i].tex;
}

/* Paints bg outside the circle inscribed in the square box, row by row. */
static void mask_circle(struct app *a, SDL_Rect box, SDL_Color bg)
{
	double rad = box.w / 2.0;

	for (int y = 0; y < box.h; y++) {
		double dy = y + 0.5 - rad;
		int dx = dy * dy < rad * rad ? (int)lround(sqrt(rad * rad - dy * dy)) : 0;
		int left = (int)lround(rad) - dx;

		draw_fill(a, (SDL_Rect){ box.x, box.y + y, left, 1 }, bg);
		draw_fill(a, (SDL_Rect){ box.x + box.w - left, box.y + y, left, 1 }, bg);
	}
}

void rate_draw_avatar(struct app *a, SDL_Rect box, const struct catalog_officer *o, SDL_Color bg)
{
	char ini[16];
	int w = 0, h = 0, side = box.w < box.h ? box.w : box.h;
	SDL_Texture *tex = o->photo[0] ? photo(a, o->photo, &w, &h) : NULL;

	box = (SDL_Rect){ box.x + (box.w - side) / 2, box.y + (box.h - side) / 2, side, side };
	if (tex && w > 0 && h > 0) {
		/* the centre square of the photo */
		int s = w < h ? w : h;
		SDL_Rect src = { (w - s) / 2, (h - s) / 4, s, s };
		draw_image(a, tex, &src, box, o->photo, strlen(o->photo), "photo");
		mask_circle(a, box, bg);
		return;
	}
	rate_draw_circle(a, box.x + side / 2, box.y + side / 2, side / 2, id_color(o->id));
	initials(o->name, ini, sizeof(ini));
	draw_text(a, ini, side * 36 / 100, TEXT_BOLD | TEXT_CENTER | TEXT_VCENTER | TEXT_NOWRAP |
		  TEXT_FIT, WHITE, box);
}

const char *rate_draw_counter_name(const struct app *a, const char *id)
{
	const struct catalog_counter *c = catalog_counter_find(app_cat(a), id);

	return c ? c->name[a->lang] : id;
}

const char *rate_draw_field_name(const struct app *a, const char *id)
{
	const struct catalog_field *f = catalog_field_find(app_cat(a), id);

	return f ? f->name[a->lang] : "";
}

/* Three lines sized to the card's height, so that short list cells and the tall card of the
 * rating screen both hold them. */
void rate_draw_card(struct app *a, SDL_Rect box, const struct catalog_officer *o)
{
	struct metrics m;
	char line[400];
	int pad, side, av, x, tw, h1, h2, h3, y, nsize, tsize;

	draw_metrics(a, &m);
	pad = m.gap;
	side = box.h - 2 * pad;
	snprintf(line, sizeof(line), "%s · %s", rate_draw_field_name(a, o->field_id),
		 rate_draw_counter_name(a, o->counter_id));
	/* measured, wrapped, and only then placed: a long title takes two lines, then the
	 * smaller sizes (never under the floor), then a smaller photo for wider lines, until the
	 * three fit the card */
	for (int step = 0;; step++) {
		av = side - step * side / 4;
		x = box.x + 2 * pad + av;
		tw = box.x + box.w - x - pad;
		nsize = m.s_body;
		tsize = m.s_sub;
		h1 = draw_text_h(a, o->name, nsize, TEXT_BOLD, tw);
		h2 = draw_text_h(a, o->title[a->lang], tsize, 0, tw);
		h3 = draw_text_h(a, line, m.s_small, 0, tw);
		if (h1 + h2 + h3 > side) {
			tsize = m.s_small;
			h2 = draw_text_h(a, o->title[a->lang], tsize, 0, tw);
		}
		if (h1 + h2 + h3 > side) {
			nsize = m.s_sub;
			h1 = draw_text_h(a, o->name, nsize, TEXT_BOLD, tw);
		}
		if (h1 + h2 + h3 <= side || step == 2)
			break;
	}
	draw_fill(a, box, COL_LINE);
	draw_fill(a, (SDL_Rect){ box.x + 3, box.y + 3, box.w - 6, box.h - 6 }, WHITE);
	rate_draw_avatar(a, (SDL_Rect){ box.x + pad, box.y + (box.h - av) / 2, av, av }, o, WHITE);
	y = box.y + (box.h - h1 - h2 - h3) / 2;
	y = y < box.y + 3 ? box.y + 3 : y;
	draw_text(a, o->name, nsize, TEXT_BOLD, COL_INK, (SDL_Rect){ x, y, tw, h1 });
	y += h1;
	draw_text(a, o->title[a->lang], tsize, 0, COL_INK, (SDL_Rect){ x, y, tw, h2 });
	y += h2;
	draw_text(a, line, m.s_small, 0, COL_MUTED_INK, (SDL_Rect){ x, y, tw, h3 });
}

void rate_draw_tick(struct app *a, SDL_Rect box)
{
	int t = box.w / 7 > 3 ? box.w / 7 : 3;

	stroke(a, box.x + box.w * 0.18, box.y + box.h * 0.52, box.x + box.w * 0.42,
	       box.y + box.h * 0.76, t, WHITE);
	stroke(a, box.x + box.w * 0.42, box.y + box.h * 0.76, box.x + box.w * 0.82,
	       box.y + box.h * 0.26, t, WHITE);
}

void rate_draw_check(struct app *a, SDL_Rect box, bool checked)
{
	int t = box.w / 10 > 3 ? box.w / 10 : 3;

	draw_fill(a, box, COL_PRIMARY);
	if (checked)
		rate_draw_tick(a, box);
	else
		draw_fill(a, (SDL_Rect){ box.x + t, box.y + t, box.w - 2 * t, box.h - 2 * t }, WHITE);
}

SDL_Rect rate_draw_cell(const struct metrics *m, int i, int per, int skip)
{
	int cols = m->landscape ? 2 : 1, rows = (per + cols - 1) / cols;
	int pager = m->landscape ? 0 : m->footer_h;
	int cw = (m->body.w - (cols - 1) * m->gap) / cols;
	int ch = (m->body.h - skip - pager - (rows - 1) * m->gap) / rows;

	return (SDL_Rect){ m->body.x + (i % cols) * (cw + m->gap),
			   m->body.y + skip + (i / cols) * (ch + m->gap), cw, ch };
}
