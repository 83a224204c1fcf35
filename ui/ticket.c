/* ticket: lays out a queue ticket as a column of blocks (text lines, rules, a black bar,
 * the QR code), composes them on a white ARGB surface and thresholds that to the 1-bit
 * raster the printer prints. Two passes: blocks are built (and measured) first, so the
 * canvas is exactly as tall as the content. Start reading at ticket_render.
 *
 * Sizes are designed for 576 dots (80 mm) and scaled by width / 576, so 384 dots (58 mm)
 * gets the same ticket, smaller. Text is wrapped here rather than with
 * TTF_RenderUTF8_Blended_Wrapped so that each line can be centred and the line count capped.
 * Fonts are opened once per (face, size) and cached in the renderer. Not thread-safe: one
 * renderer per thread (the UI thread). */
#include "ticket.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <qrencode.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TICKET_BASE_WIDTH 576
#define TICKET_FONT_CACHE 24
#define TICKET_MAX_BLOCKS 256   /* a checklist of 20 papers, each up to 5 lines */
#define TICKET_TEXT_MAX 1024
#define TICKET_MIN_PX 14     /* below this, thresholded strokes break up on paper */

struct font_slot {
	TTF_Font *font;
	bool bold;
	int px;
};

struct ticket_renderer {
	char *path[2];          /* [0] regular, [1] bold */
	struct font_slot cache[TICKET_FONT_CACHE];
	int next_evict;
};

enum block_kind { BLOCK_GAP, BLOCK_TEXT, BLOCK_RULE, BLOCK_QR };

struct block {
	enum block_kind kind;
	int h;
	bool inverted;          /* white on a black bar across the content width */
	SDL_Surface *text;
	QRcode *qr;
	int module;
	int left;               /* > 0: text starts this far into the content, not centred */
	int box;                /* > 0: a tick box of this side at the content's left edge */
};

/* Sizes in px at 576 dots; "sp_" are vertical spaces. */
enum {
	PX_UNIT = 28, PX_HEADING = 30, PX_NUMBER = 150, PX_SERVICE = 30, PX_PRIORITY = 28, PX_INFO = 26,
	PX_ID = 20, PX_NOTE = 22, MARGIN = 16, RULE = 2, QR_MODULE = 6, QR_QUIET = 4,
	SP_SMALL = 8, SP_BLOCK = 18, SP_TOP = 8, SP_BOTTOM = 24,
};

struct layout {
	struct ticket_renderer *tr;
	int width, margin, content_w;
	double scale;
	struct block b[TICKET_MAX_BLOCKS];
	int n;
	int rc;                 /* sticky: first error; later adds do nothing */
};

/* ---- fonts ---- */

static TTF_Font *open_font(struct ticket_renderer *tr, bool bold, int px)
{
	TTF_Font *f = TTF_OpenFont(tr->path[bold], px);

	if (!f)
		log_error("ticket: cannot open font %s at %d px: %s", tr->path[bold], px,
			  TTF_GetError());
	return f;
}

/* Cached by (face, size). When full, the oldest slot goes: fonts are only used inside one
 * add_text call, so no block ever holds a font that is evicted. */
static TTF_Font *font_get(struct ticket_renderer *tr, bool bold, int px)
{
	struct font_slot *slot;

	for (int i = 0; i < TICKET_FONT_CACHE; i++)
		if (tr->cache[i].font && tr->cache[i].bold == bold && tr->cache[i].px == px)
			return tr->cache[i].font;
	slot = &tr->cache[tr->next_evict];
	tr->next_evict = (tr->next_evict + 1) % TICKET_FONT_CACHE;
	if (slot->font)
		TTF_CloseFont(slot->font);
	slot->font = open_font(tr, bold, px);
	slot->bold = bold;
	slot->px = px;
	return slot->font;
}

int ticket_renderer_new(const char *font, const char *font_bold, struct ticket_renderer **out)
{
	struct ticket_renderer *tr;

	*out = NULL;
	if (!font || !font_bold)
		return ERR_FONT;
	tr = calloc(1, sizeof(*tr));
	if (!tr)
		return ERR_NOMEM;
	tr->path[0] = strdup(font);
	tr->path[1] = strdup(font_bold);
	if (!tr->path[0] || !tr->path[1]) {
		ticket_renderer_free(tr);
		return ERR_NOMEM;
	}
	/* open both faces now: a missing font is a configuration error, seen at start-up */
	if (!font_get(tr, false, PX_INFO) || !font_get(tr, true, PX_NUMBER)) {
		ticket_renderer_free(tr);
		return ERR_FONT;
	}
	*out = tr;
	return 0;
}

void ticket_renderer_free(struct ticket_renderer *tr)
{
	if (!tr)
		return;
	for (int i = 0; i < TICKET_FONT_CACHE; i++)
		if (tr->cache[i].font)
			TTF_CloseFont(tr->cache[i].font);
	free(tr->path[0]);
	free(tr->path[1]);
	free(tr);
}

/* ---- text measuring and wrapping ---- */

static int text_width(TTF_Font *f, const char *s, size_t len)
{
	char buf[TICKET_TEXT_MAX];
	int w = 0;

	memcpy(buf, s, len);
	buf[len] = '\0';
	if (TTF_SizeUTF8(f, buf, &w, NULL) != 0)
		return -1;
	return w;
}

static size_t utf8_next(const char *s, size_t i)
{
	i++;
	while (((unsigned char)s[i] & 0xc0) == 0x80)
		i++;
	return i;
}

/* Longest prefix of whole characters that fits; at least one character, so we always move. */
static size_t fit_chars(TTF_Font *f, const char *s, size_t len, int max_w)
{
	size_t fit = utf8_next(s, 0);

	for (size_t i = fit; i < len; i = utf8_next(s, i)) {
		size_t next = utf8_next(s, i);

		if (text_width(f, s, next) > max_w)
			break;
		fit = next;
	}
	return fit < len ? fit : len;
}

/* Length of the next line of s: up to the last space that keeps it within max_w, or a
 * forced break inside a word too long for a line of its own. Stops at '\n'. */
static size_t wrap_line(TTF_Font *f, const char *s, int max_w)
{
	size_t end = strcspn(s, "\n"), best = 0;

	if (text_width(f, s, end) <= max_w)
		return end;
	for (size_t i = 0; i < end; i++) {
		if (s[i] != ' ')
			continue;
		if (text_width(f, s, i) > max_w)
			break;
		best = i;
	}
	return best ? best : fit_chars(f, s, end, max_w);
}

/* The last allowed line when text remains: cut it until "line…" fits. */
static void ellipsize(TTF_Font *f, char *line, int max_w)
{
	size_t len = strlen(line);

	while (len > 0) {
		memcpy(line + len, "\xe2\x80\xa6", 4);
		if (text_width(f, line, len + 3) <= max_w)
			return;
		do
			len--;
		while (len > 0 && ((unsigned char)line[len] & 0xc0) == 0x80);
	}
}

/* ---- building blocks ---- */

static int scaled(const struct layout *L, int v)
{
	int s = (int)(v * L->scale + 0.5);

	return s > 0 ? s : 1;
}

static struct block *add_block(struct layout *L, enum block_kind kind, int h)
{
	struct block *b;

	if (L->rc)
		return NULL;
	if (L->n == TICKET_MAX_BLOCKS) {
		L->rc = ERR_RANGE;
		return NULL;
	}
	b = &L->b[L->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->h = h;
	return b;
}

static void add_gap(struct layout *L, int base, bool inverted)
{
	struct block *b = add_block(L, BLOCK_GAP, scaled(L, base));

	if (b)
		b->inverted = inverted;
}

static void add_rule(struct layout *L)
{
	add_gap(L, SP_BLOCK, false);
	add_block(L, BLOCK_RULE, scaled(L, RULE));
	add_gap(L, SP_BLOCK, false);
}

static void add_line(struct layout *L, TTF_Font *f, const char *line, bool inverted)
{
	SDL_Color ink = inverted ? (SDL_Color){ 255, 255, 255, 255 } : (SDL_Color){ 0, 0, 0, 255 };
	struct block *b = add_block(L, BLOCK_TEXT, TTF_FontHeight(f));

	if (!b)
		return;
	b->inverted = inverted;
	b->text = TTF_RenderUTF8_Blended(f, line[0] ? line : " ", ink);
	if (!b->text) {
		log_error("ticket: cannot render text: %s", TTF_GetError());
		L->rc = ERR_FONT;
		return;
	}
	/* marks stacked beyond the font's ascent (decomposed input) make the line taller */
	if (b->text->h > b->h)
		b->h = b->text->h;
}

/* A bounded copy cut at a character boundary, with room left for an ellipsis. */
static void copy_text(char *dst, const char *src)
{
	size_t len = strlen(src);

	if (len > TICKET_TEXT_MAX - 8) {
		len = TICKET_TEXT_MAX - 8;
		while (len > 0 && ((unsigned char)src[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

static void add_text_at(struct layout *L, bool bold, int base_px, const char *text,
			int max_lines, bool inverted, int left, int box);

/* Text wrapped to the content width, centred, at most max_lines (the last one ellipsized). */
static void add_text(struct layout *L, bool bold, int base_px, const char *text, int max_lines,
		     bool inverted)
{
	add_text_at(L, bold, base_px, text, max_lines, inverted, 0, 0);
}

/* As add_text; left > 0 aligns the lines left, that far into the content (the wrap width
 * shrinks by as much), and box > 0 draws a tick box before the first line. */
static void add_text_at(struct layout *L, bool bold, int base_px, const char *text,
			int max_lines, bool inverted, int left, int box)
{
	int px = scaled(L, base_px) < TICKET_MIN_PX ? TICKET_MIN_PX : scaled(L, base_px);
	TTF_Font *f = L->rc ? NULL : font_get(L->tr, bold, px);
	char line[TICKET_TEXT_MAX], src[TICKET_TEXT_MAX];
	const char *s = src;

	if (!f) {
		L->rc = L->rc ? L->rc : ERR_FONT;
		return;
	}
	copy_text(src, text);
	for (int n = 0; *s && n < max_lines && !L->rc; n++) {
		size_t len = wrap_line(f, s, L->content_w - left);
		int first = L->n;

		memcpy(line, s, len);
		line[len] = '\0';
		s += len;
		s += strspn(s, " \n");
		if (*s && n == max_lines - 1)
			ellipsize(f, line, L->content_w - left);
		add_line(L, f, line, inverted);
		if (L->n > first) {
			L->b[first].left = left;
			L->b[first].box = n == 0 ? box : 0;
		}
	}
}

/* "Label: value"; either may be missing. */
static void add_labelled(struct layout *L, const char *label, const char *value)
{
	char buf[TICKET_TEXT_MAX];

	if (!value || !value[0])
		return;
	if (label && label[0])
		snprintf(buf, sizeof(buf), "%s: %s", label, value);
	else
		snprintf(buf, sizeof(buf), "%s", value);
	add_text(L, false, PX_INFO, buf, 2, false);
}

static bool row_has_ink(const SDL_Surface *s, int y)
{
	const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);

	for (int x = 0; x < s->w; x++) {
		Uint8 red, green, blue, alpha;

		SDL_GetRGBA(row[x], s->format, &red, &green, &blue, &alpha);
		if (alpha >= 128)
			return true;
	}
	return false;
}

/* At 150 px the font's line box is mostly air (room for stacked capital accents the number
 * never has): keep only the rows with ink, and let the gaps around it set the spacing. */
static void trim_rows(struct layout *L, struct block *b)
{
	int top = 0, bottom = b->text->h;
	SDL_Surface *t;
	SDL_Rect src;

	while (top < bottom && !row_has_ink(b->text, top))
		top++;
	while (bottom > top && !row_has_ink(b->text, bottom - 1))
		bottom--;
	if (bottom == top)
		return;
	t = SDL_CreateRGBSurfaceWithFormat(0, b->text->w, bottom - top, 32, b->text->format->format);
	if (!t) {
		L->rc = ERR_NOMEM;
		return;
	}
	src = (SDL_Rect){ 0, top, b->text->w, bottom - top };
	SDL_SetSurfaceBlendMode(b->text, SDL_BLENDMODE_NONE);
	SDL_BlitSurface(b->text, &src, t, NULL);
	SDL_SetSurfaceBlendMode(t, SDL_BLENDMODE_BLEND);
	SDL_FreeSurface(b->text);
	b->text = t;
	b->h = t->h;
}

/* The biggest bold size up to PX_NUMBER at which the number fits on one line. */
static void add_number(struct layout *L, const char *number)
{
	int base = PX_NUMBER, w = 0, first;
	TTF_Font *f;

	while (!L->rc && base > PX_SERVICE) {
		f = font_get(L->tr, true, scaled(L, base));
		if (!f || TTF_SizeUTF8(f, number, &w, NULL) != 0) {
			L->rc = ERR_FONT;
			return;
		}
		if (w <= L->content_w)
			break;
		base -= 10;
	}
	first = L->n;
	add_text(L, true, base, number, 2, false);
	for (int i = first; i < L->n && !L->rc; i++)
		trim_rows(L, &L->b[i]);
	add_gap(L, SP_BLOCK, false);
}

static void add_priority(struct layout *L, const char *priority)
{
	if (!priority || !priority[0])
		return;
	add_gap(L, SP_SMALL, false);
	add_gap(L, SP_SMALL, true);
	add_text(L, true, PX_PRIORITY, priority, 2, true);
	add_gap(L, SP_SMALL, true);
	add_gap(L, SP_SMALL, false);
}

/* QR of the ticket id with its quiet zone; the module shrinks if the code would not fit. */
static void add_qr(struct layout *L, const char *id)
{
	QRcode *qr = QRcode_encodeString8bit(id, 0, QR_ECLEVEL_M);
	int module = scaled(L, QR_MODULE);
	struct block *b;

	if (!qr) {
		log_error("ticket: cannot encode the QR code");
		L->rc = L->rc ? L->rc : ERR_RANGE;
		return;
	}
	while (module > 2 && (qr->width + 2 * QR_QUIET) * module > L->content_w)
		module--;
	b = add_block(L, BLOCK_QR, (qr->width + 2 * QR_QUIET) * module);
	if (!b) {
		QRcode_free(qr);
		return;
	}
	b->qr = qr;
	b->module = module;
}

static void add_all(struct layout *L, const struct ticket_view *v)
{
	char ahead[32];

	if (v->people_ahead >= 0)
		snprintf(ahead, sizeof(ahead), "%d", v->people_ahead);
	else
		snprintf(ahead, sizeof(ahead), "%s", "\xe2\x80\x94"); /* unknown is not zero */
	add_gap(L, SP_TOP, false);
	add_priority(L, v->copy); /* a copy says so first, in the same inverted bar */
	if (v->unit_name && v->unit_name[0]) {
		add_text(L, true, PX_UNIT, v->unit_name, 3, false);
		add_rule(L);
	}
	if (v->heading && v->heading[0])
		add_text(L, true, PX_HEADING, v->heading, 1, false);
	add_number(L, v->number);
	if (v->service && v->service[0])
		add_text(L, true, PX_SERVICE, v->service, 3, false);
	add_labelled(L, v->field_label, v->field);
	add_priority(L, v->priority);
	if (v->numbering_note && v->numbering_note[0])
		add_text(L, false, PX_INFO, v->numbering_note, 3, false);
	add_gap(L, SP_SMALL, false);
	add_labelled(L, v->counters_label, v->counters);
	if (v->ahead_label && v->ahead_label[0]) /* a test page has no queue */
		add_labelled(L, v->ahead_label, ahead);
	add_labelled(L, v->issued_label, v->issued_at);
	add_qr(L, v->ticket_id);
	if (v->qr_caption && v->qr_caption[0])
		add_text(L, true, PX_INFO, v->qr_caption, 2, false);
	add_text(L, false, PX_ID, v->ticket_id, 2, false);
	if (v->note && v->note[0]) {
		add_rule(L);
		add_text(L, false, PX_NOTE, v->note, 4, false);
	}
	add_gap(L, SP_BOTTOM, false);
}

/* ---- the procedure checklist ---- */

enum { PX_SLIP_TITLE = 28, PX_SLIP_NAME = 32, PX_SLIP_TEXT = 24, PX_SLIP_SMALL = 20,
       SLIP_BOX = 30, SLIP_INDENT = 44, SLIP_BULLET = 20 };

/* "Label:" in bold, left, then its value below it, left and indented. */
static void add_section(struct layout *L, const char *label, const char *value)
{
	if (!value || !value[0])
		return;
	add_gap(L, SP_SMALL, false);
	add_text_at(L, true, PX_SLIP_TEXT, label, 2, false, 1, 0);
	add_text_at(L, false, PX_SLIP_TEXT, value, 6, false, scaled(L, SLIP_BULLET), 0);
}

static void add_checklist(struct layout *L, const struct checklist_view *v)
{
	add_gap(L, SP_TOP, false);
	if (v->unit_name && v->unit_name[0]) {
		add_text(L, true, PX_UNIT - 4, v->unit_name, 3, false);
		add_gap(L, SP_SMALL, false);
	}
	add_priority(L, v->title);   /* the same inverted bar as a ticket's priority */
	add_gap(L, SP_SMALL, false);
	add_text(L, true, PX_SLIP_NAME, v->procedure, 4, false);
	add_text(L, false, PX_SLIP_SMALL, v->code, 1, false);
	add_rule(L);
	add_text_at(L, true, PX_SLIP_TEXT, v->papers_label, 2, false, 1, 0);
	for (int i = 0; i < v->npapers; i++) {
		add_gap(L, SP_SMALL, false);
		add_text_at(L, false, PX_SLIP_TEXT, v->papers[i], 5, false, scaled(L, SLIP_INDENT),
			    scaled(L, SLIP_BOX));
	}
	add_gap(L, SP_SMALL, false);
	add_text_at(L, true, PX_SLIP_TEXT, v->fees_label, 2, false, 1, 0);
	for (int i = 0; i < v->nfees; i++) {
		char line[TICKET_TEXT_MAX];

		snprintf(line, sizeof(line), "\xe2\x80\xa2 %s", v->fees[i]);   /* a bullet */
		add_text_at(L, false, PX_SLIP_TEXT, line, 4, false, scaled(L, SLIP_BULLET), 0);
	}
	add_section(L, v->time_label, v->time);
	add_section(L, v->result_label, v->result);
	add_section(L, v->ways_label, v->ways);
	if (v->url && v->url[0]) {
		add_rule(L);
		add_qr(L, v->url);
		add_text(L, false, PX_SLIP_SMALL, v->url_note, 3, false);
	}
	add_rule(L);
	add_text(L, false, PX_SLIP_SMALL, v->note, 4, false);
	add_gap(L, SP_SMALL, false);
	add_text(L, false, PX_SLIP_SMALL, v->printed_at, 1, false);
	add_gap(L, SP_BOTTOM, false);
}

static void free_blocks(struct layout *L)
{
	for (int i = 0; i < L->n; i++) {
		SDL_FreeSurface(L->b[i].text);
		if (L->b[i].qr)
			QRcode_free(L->b[i].qr);
	}
	L->n = 0;
}

/* ---- composing ---- */

static void fill(SDL_Surface *c, int x, int y, int w, int h, Uint32 colour)
{
	SDL_Rect r = { x, y, w, h };

	SDL_FillRect(c, &r, colour);
}

static void draw_qr(const struct layout *L, SDL_Surface *c, const struct block *b, int y)
{
	const QRcode *qr = b->qr;
	int x0 = (L->width - qr->width * b->module) / 2;
	Uint32 black = SDL_MapRGB(c->format, 0, 0, 0);

	y += QR_QUIET * b->module;
	for (int my = 0; my < qr->width; my++)
		for (int mx = 0; mx < qr->width; mx++)
			if (qr->data[my * qr->width + mx] & 1)
				fill(c, x0 + mx * b->module, y + my * b->module, b->module,
				     b->module, black);
}

/* An empty square, its top at the text's cap height, for the citizen to tick with a pen. */
static void draw_box(const struct layout *L, SDL_Surface *c, const struct block *b, int y)
{
	Uint32 black = SDL_MapRGB(c->format, 0, 0, 0), white = SDL_MapRGB(c->format, 255, 255, 255);
	int side = b->box, stroke = scaled(L, 3), top = y + (b->h - side) / 2;

	fill(c, L->margin, top, side, side, black);
	fill(c, L->margin + stroke, top + stroke, side - 2 * stroke, side - 2 * stroke, white);
}

static void draw_block(const struct layout *L, SDL_Surface *c, const struct block *b, int y)
{
	Uint32 black = SDL_MapRGB(c->format, 0, 0, 0);
	SDL_Rect dst;

	if (b->inverted)
		fill(c, L->margin, y, L->content_w, b->h, black);
	if (b->kind == BLOCK_RULE)
		fill(c, L->margin, y, L->content_w, b->h, black);
	if (b->kind == BLOCK_QR)
		draw_qr(L, c, b, y);
	if (b->kind != BLOCK_TEXT)
		return;
	if (b->box > 0)
		draw_box(L, c, b, y);
	dst = (SDL_Rect){ b->left > 0 ? L->margin + b->left : (L->width - b->text->w) / 2, y,
			  b->text->w, b->text->h };
	SDL_BlitSurface(b->text, NULL, c, &dst);
}

/* Luminance below half is a dot: anti-aliased edges go to whichever side they are closer to. */
static void threshold(SDL_Surface *c, struct raster *r)
{
	for (int y = 0; y < c->h; y++) {
		const Uint32 *row = (const Uint32 *)((const Uint8 *)c->pixels + y * c->pitch);

		for (int x = 0; x < c->w; x++) {
			Uint8 red, green, blue;

			SDL_GetRGB(row[x], c->format, &red, &green, &blue);
			if (red * 299 + green * 587 + blue * 114 < 128 * 1000)
				raster_set(r, x, y, true);
		}
	}
}

static int compose(const struct layout *L, struct raster **out)
{
	int h = 0, y = 0;
	SDL_Surface *c;

	for (int i = 0; i < L->n; i++)
		h += L->b[i].h;
	c = SDL_CreateRGBSurfaceWithFormat(0, L->width, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!c) {
		log_error("ticket: cannot make a %dx%d surface: %s", L->width, h, SDL_GetError());
		return ERR_NOMEM;
	}
	SDL_FillRect(c, NULL, SDL_MapRGB(c->format, 255, 255, 255));
	for (int i = 0; i < L->n; i++) {
		draw_block(L, c, &L->b[i], y);
		y += L->b[i].h;
	}
	*out = raster_new(L->width, h);
	if (*out)
		threshold(c, *out);
	SDL_FreeSurface(c);
	return *out ? 0 : ERR_NOMEM;
}

int ticket_render(struct ticket_renderer *tr, const struct ticket_view *v, int width_dots,
		  struct raster **out)
{
	struct layout *L;
	int rc;

	*out = NULL;
	if (!tr || !v || !v->number || !v->ticket_id || !v->ticket_id[0] || width_dots < 200 ||
	    width_dots > 4096)
		return ERR_INVAL;
	L = calloc(1, sizeof(*L));
	if (!L)
		return ERR_NOMEM;
	L->tr = tr;
	L->width = width_dots;
	L->scale = (double)width_dots / TICKET_BASE_WIDTH;
	L->margin = scaled(L, MARGIN);
	L->content_w = width_dots - 2 * L->margin;
	add_all(L, v);
	rc = L->rc ? L->rc : compose(L, out);
	free_blocks(L);
	free(L);
	return rc;
}

int ticket_render_checklist(struct ticket_renderer *tr, const struct checklist_view *v,
			    int width_dots, struct raster **out)
{
	struct layout *L;
	int rc;

	*out = NULL;
	if (!tr || !v || !v->procedure || width_dots < 200 || width_dots > 4096 ||
	    v->npapers < 0 || v->npapers > PROC_MAX_PAPERS || v->nfees < 0 ||
	    v->nfees > PROC_MAX_FEES)
		return ERR_INVAL;
	L = calloc(1, sizeof(*L));
	if (!L)
		return ERR_NOMEM;
	L->tr = tr;
	L->width = width_dots;
	L->scale = (double)width_dots / TICKET_BASE_WIDTH;
	L->margin = scaled(L, MARGIN);
	L->content_w = width_dots - 2 * L->margin;
	add_checklist(L, v);
	rc = L->rc ? L->rc : compose(L, out);
	free_blocks(L);
	free(L);
	return rc;
}
