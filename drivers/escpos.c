/* escpos: turns a raster into ESC/POS bytes. Pure: no I/O, no globals; everything lands in an
 * escpos_buf whose error is sticky, so a caller appends a whole ticket and checks once.
 * The sticky error is the first failure: ERR_NOMEM when growing fails, ERR_INVAL for a
 * missing raster or a band height below 1.
 *
 * Cut: GS V 66 0 (function B, "feed to the cutter, then partial cut") rather than GS V 1,
 * because function B first moves the last printed line past the cutter, so no ticket loses
 * its foot, and Epson-compatible 80 mm and 58 mm printers accept it. Full cut is GS V 65 0. */
#include "escpos.h"

#include "firmware/err.h"

#include <stdlib.h>
#include <string.h>

#define ESC 0x1b
#define GS 0x1d
/* GS v 0 carries its row count in two bytes; real printers want far less per band. */
#define ESCPOS_MAX_BAND 0xffff

void escpos_buf_init(struct escpos_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->err = 0;
}

void escpos_buf_free(struct escpos_buf *b)
{
	if (!b)
		return;
	free(b->data);
	escpos_buf_init(b);
}

static int grow(struct escpos_buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : 256;
	uint8_t *p;

	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			return ERR_NOMEM;
		cap *= 2;
	}
	p = realloc(b->data, cap);
	if (!p)
		return ERR_NOMEM;
	b->data = p;
	b->cap = cap;
	return 0;
}

static void put(struct escpos_buf *b, const void *bytes, size_t n)
{
	if (b->err)
		return;
	if (n > SIZE_MAX - b->len) {
		b->err = ERR_NOMEM;
		return;
	}
	if (b->len + n > b->cap)
		b->err = grow(b, b->len + n);
	if (b->err)
		return;
	memcpy(b->data + b->len, bytes, n);
	b->len += n;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void escpos_init(struct escpos_buf *b)
{
	static const uint8_t cmd[] = { ESC, '@' };

	put(b, cmd, sizeof(cmd));
}

void escpos_align(struct escpos_buf *b, int align)
{
	uint8_t cmd[] = { ESC, 'a', (uint8_t)clamp(align, 0, 2) };

	put(b, cmd, sizeof(cmd));
}

void escpos_feed(struct escpos_buf *b, int lines)
{
	uint8_t cmd[] = { ESC, 'd', (uint8_t)clamp(lines, 0, 255) };

	put(b, cmd, sizeof(cmd));
}

void escpos_cut(struct escpos_buf *b, int partial)
{
	uint8_t cmd[] = { GS, 'V', partial ? 66 : 65, 0 };

	put(b, cmd, sizeof(cmd));
}

/* One GS v 0 command (m = 0, normal density) for rows [y0, y0 + rows). */
static void put_band(struct escpos_buf *b, const struct raster *r, int y0, int rows)
{
	uint8_t head[] = { GS, 'v', '0', 0,
			   (uint8_t)(r->stride & 0xff), (uint8_t)(r->stride >> 8),
			   (uint8_t)(rows & 0xff), (uint8_t)(rows >> 8) };

	put(b, head, sizeof(head));
	put(b, r->bits + (size_t)y0 * (size_t)r->stride, (size_t)rows * (size_t)r->stride);
}

void escpos_raster(struct escpos_buf *b, const struct raster *r, int band_height)
{
	if (b->err)
		return;
	if (!r || !r->bits || band_height < 1 || r->stride > 0xffff) {
		b->err = ERR_INVAL;
		return;
	}
	band_height = clamp(band_height, 1, ESCPOS_MAX_BAND);
	for (int y = 0; y < r->height; y += band_height)
		put_band(b, r, y, clamp(r->height - y, 0, band_height));
}

int escpos_ticket(struct escpos_buf *b, const struct raster *r, int band_height)
{
	static const uint8_t partial_cut[] = { 0x1d, 0x56, 0x42, 0x00 };

	return escpos_ticket_model(b, r, band_height, partial_cut, sizeof(partial_cut));
}

/* Without a cutter the paper is torn off by hand: feed further so the whole ticket clears
 * the tear bar. */
int escpos_ticket_model(struct escpos_buf *b, const struct raster *r, int band_height,
			const uint8_t *cut, size_t cut_len)
{
	escpos_init(b);
	escpos_align(b, 1);
	escpos_raster(b, r, band_height);
	escpos_feed(b, cut_len ? 4 : 6);
	if (cut_len)
		put(b, cut, cut_len);
	return b->err;
}

void escpos_resync(struct escpos_buf *b, int stride, int band_height)
{
	static const uint8_t zeros[256];
	size_t left = (size_t)stride * (size_t)band_height + 8;

	while (left > 0 && !b->err) {
		size_t n = left < sizeof(zeros) ? left : sizeof(zeros);
		put(b, zeros, n);
		left -= n;
	}
}
