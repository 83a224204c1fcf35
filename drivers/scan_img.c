/* scan_img: small, allocation-per-call picture operations for the decode passes. Sizes are
 * bounded by the decoder (at most 8192 px a side in, 2x that out), so size_t arithmetic on
 * w * h cannot overflow. */
#include "scan_img.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PX(g, x, y) ((g)->p[(size_t)(y) * (size_t)(g)->w + (size_t)(x)])

bool scan_img_alloc(struct scan_img *g, int w, int h)
{
	g->w = w > 0 ? w : 1;
	g->h = h > 0 ? h : 1;
	g->p = calloc((size_t)g->w * (size_t)g->h, 1); /* a 1x1 stand-in for an empty one is 0 */
	g->owned = g->p != NULL;
	return g->p != NULL;
}

void scan_img_free(struct scan_img *g)
{
	if (g && g->owned)
		free(g->p);
	if (g) {
		g->p = NULL;
		g->owned = false;
	}
}

bool scan_img_half(const struct scan_img *s, struct scan_img *d)
{
	if (!scan_img_alloc(d, s->w / 2, s->h / 2))
		return false;
	for (int y = 0; y < d->h && 2 * y + 1 < s->h; y++) {
		const uint8_t *a = &PX(s, 0, 2 * y), *b = a + s->w;
		uint8_t *o = &PX(d, 0, y);

		for (int x = 0; x < d->w && 2 * x + 1 < s->w; x++)
			o[x] = (uint8_t)((a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] + 2) / 4);
	}
	return true;
}

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

bool scan_img_crop(const struct scan_img *s, int x0, int y0, int x1, int y1, struct scan_img *d)
{
	x0 = clampi(x0, 0, s->w);
	x1 = clampi(x1, x0, s->w);
	y0 = clampi(y0, 0, s->h);
	y1 = clampi(y1, y0, s->h);
	if (!scan_img_alloc(d, x1 - x0, y1 - y0))
		return false;
	if (x1 == x0 || y1 == y0) {
		memset(d->p, 255, (size_t)d->w * (size_t)d->h);
		return true;
	}
	for (int y = y0; y < y1; y++)
		memcpy(&PX(d, 0, y - y0), &PX(s, x0, y), (size_t)(x1 - x0));
	return true;
}

bool scan_img_rotate(const struct scan_img *s, double deg, struct scan_img *d)
{
	double a = deg * M_PI / 180.0, ca = cos(a), sa = sin(a);
	int w = (int)ceil(fabs(s->w * ca) + fabs(s->h * sa));
	int h = (int)ceil(fabs(s->w * sa) + fabs(s->h * ca));
	double cx = s->w / 2.0, cy = s->h / 2.0, dx = w / 2.0, dy = h / 2.0;
	long sx = lround(ca * 65536.0), sy = lround(-sa * 65536.0);

	if (!scan_img_alloc(d, w, h))
		return false;
	for (int y = 0; y < h; y++) {
		/* 16.16 fixed-point source position, stepped along the row */
		long fx = lround((-dx * ca + (y - dy) * sa + cx - 0.5) * 65536.0);
		long fy = lround((dx * sa + (y - dy) * ca + cy - 0.5) * 65536.0);
		uint8_t *o = &PX(d, 0, y);

		for (int x = 0; x < w; x++, fx += sx, fy += sy) {
			long ix = fx >> 16, iy = fy >> 16;
			unsigned u = (unsigned)(fx & 0xffff) >> 8, v = (unsigned)(fy & 0xffff) >> 8;
			const uint8_t *p;

			if (ix < 0 || iy < 0 || ix >= s->w - 1 || iy >= s->h - 1) {
				o[x] = 255;
				continue;
			}
			p = &PX(s, ix, iy);
			o[x] = (uint8_t)(((p[0] * (256 - u) + p[1] * u) * (256 - v) +
					  (p[s->w] * (256 - u) + p[s->w + 1] * u) * v + 32768) >> 16);
		}
	}
	return true;
}

void scan_img_percentiles(const struct scan_img *s, int *lo, int *hi)
{
	unsigned hist[256] = { 0 }, total = 0, acc = 0;
	int step = (size_t)s->w * (size_t)s->h > 400000 ? 2 : 1;

	for (int y = 0; y < s->h; y += step)
		for (int x = 0; x < s->w; x += step, total++)
			hist[PX(s, x, y)]++;
	*lo = 0;
	*hi = 255;
	for (int v = 0; v < 256; v++) {
		acc += hist[v];
		if (acc * 100 <= total)
			*lo = v;
		if (acc * 100 < total * 99)
			*hi = v + 1;
	}
	if (*hi > 255)
		*hi = 255;
}

bool scan_img_stretch(const struct scan_img *s, int lo, int hi, struct scan_img *d)
{
	uint8_t lut[256];
	size_t n = (size_t)s->w * (size_t)s->h;

	if (hi <= lo)
		hi = lo + 1;
	for (int v = 0; v < 256; v++)
		lut[v] = (uint8_t)clampi((v - lo) * 255 / (hi - lo), 0, 255);
	if (!scan_img_alloc(d, s->w, s->h))
		return false;
	for (size_t i = 0; i < n; i++)
		d->p[i] = lut[s->p[i]];
	return true;
}

/* Summed-area table, (w+1) x (h+1). */
static uint32_t *integral(const struct scan_img *g)
{
	size_t W = (size_t)g->w + 1;
	uint32_t *ii = calloc(W * ((size_t)g->h + 1), sizeof(*ii));

	if (!ii)
		return NULL;
	for (int y = 0; y < g->h; y++) {
		uint32_t row = 0, *o = ii + (size_t)(y + 1) * W, *above = o - W;
		const uint8_t *s = &PX(g, 0, y);

		for (int x = 0; x < g->w; x++) {
			row += s[x];
			o[x + 1] = above[x + 1] + row;
		}
	}
	return ii;
}

/* Mean of the box [x - r, x + r] x [y - r, y + r] clipped to w x h. */
static int box_mean(const uint32_t *ii, int w, int h, int x, int y, int r)
{
	size_t W = (size_t)w + 1;
	int x0 = clampi(x - r, 0, w), x1 = clampi(x + r + 1, 0, w);
	int y0 = clampi(y - r, 0, h), y1 = clampi(y + r + 1, 0, h);
	uint32_t sum = ii[(size_t)y1 * W + (size_t)x1] - ii[(size_t)y0 * W + (size_t)x1] -
		       ii[(size_t)y1 * W + (size_t)x0] + ii[(size_t)y0 * W + (size_t)x0];

	int area = (x1 - x0) * (y1 - y0);

	return area > 0 ? (int)(sum / (uint32_t)area) : 0;
}

bool scan_img_smooth(const struct scan_img *s, struct scan_img *d)
{
	if (!scan_img_alloc(d, s->w, s->h))
		return false;
	for (int y = 0; y < s->h; y++) {
		const uint8_t *a = &PX(s, 0, y > 0 ? y - 1 : 0), *b = &PX(s, 0, y);
		const uint8_t *c = &PX(s, 0, y + 1 < s->h ? y + 1 : y);
		uint8_t *o = &PX(d, 0, y);

		for (int x = 0; x < s->w; x++) {
			int l = x > 0 ? x - 1 : 0, r = x + 1 < s->w ? x + 1 : x;

			o[x] = (uint8_t)((a[l] + a[x] + a[r] + b[l] + b[x] + b[r] + c[l] + c[x] + c[r] + 4) / 9);
		}
	}
	return true;
}

bool scan_img_binarise(const struct scan_img *s, int r, struct scan_img *d)
{
	uint32_t *ii = integral(s);
	bool ok = ii && scan_img_alloc(d, s->w, s->h);

	for (int y = 0; ok && y < s->h; y++)
		for (int x = 0; x < s->w; x++)
			PX(d, x, y) = (uint8_t)box_mean(ii, s->w, s->h, x, y, 1);
	free(ii);
	ii = ok ? integral(d) : NULL;
	ok = ii != NULL;
	for (int y = 0; ok && y < s->h; y++) {
		uint8_t *row = &PX(d, 0, y);

		/* in place: the table holds the smoothed picture already */
		for (int x = 0; x < s->w; x++)
			row[x] = row[x] + 4 < box_mean(ii, s->w, s->h, x, y, r) ? 0 : 255;
	}
	free(ii);
	if (!ok)
		scan_img_free(d);
	return ok;
}

bool scan_img_upscale(const struct scan_img *s, int sx, int sy, struct scan_img *d)
{
	sx = sx == 2 ? 2 : 1;
	sy = sy == 2 ? 2 : 1;
	if (!scan_img_alloc(d, s->w * sx, s->h * sy))
		return false;
	for (int y = 0; y < d->h; y++) {
		int y0 = y / sy, y1 = y0 + 1 < s->h ? y0 + 1 : y0, odd_y = sy == 2 && (y & 1);
		const uint8_t *a = &PX(s, 0, y0), *b = &PX(s, 0, y1);
		uint8_t *o = &PX(d, 0, y);

		for (int x = 0; x < d->w; x++) {
			int x0 = x / sx, x1 = x0 + 1 < s->w ? x0 + 1 : x0, odd_x = sx == 2 && (x & 1);
			int top = odd_x ? (a[x0] + a[x1] + 1) / 2 : a[x0];
			int bot = odd_x ? (b[x0] + b[x1] + 1) / 2 : b[x0];

			o[x] = (uint8_t)(odd_y ? (top + bot + 1) / 2 : top);
		}
	}
	return true;
}

bool scan_img_bands(const struct scan_img *s, int band, struct scan_img *d)
{
	int rows = s->h / (band > 0 ? band : 1);
	uint32_t *acc;

	if (band < 1 || rows < 1)
		return false;
	acc = malloc(sizeof(*acc) * (size_t)s->w);
	if (!acc || !scan_img_alloc(d, s->w, rows)) {
		free(acc);
		return false;
	}
	for (int r = 0; r < rows; r++) {
		memset(acc, 0, sizeof(*acc) * (size_t)s->w);
		for (int y = r * band; y < (r + 1) * band; y++)
			for (int x = 0; x < s->w; x++)
				acc[x] += PX(s, x, y);
		for (int x = 0; x < s->w; x++)
			PX(d, x, r) = (uint8_t)((acc[x] + (uint32_t)band / 2) / (uint32_t)band);
	}
	free(acc);
	return true;
}
