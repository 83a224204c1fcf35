/* raster: a 1-bit picture in printer order (MSB = leftmost dot). Start at raster_new.
 * PNG output goes through pngio so that png.h stays in one file. */
#include "raster.h"

#include "err.h"
#include "pngio.h"

#include <stdlib.h>

/* 32768 dots is far beyond any roll; the cap keeps width * height from overflowing. */
#define RASTER_MAX_SIDE 32768

struct raster *raster_new(int width, int height)
{
	struct raster *r;

	if (width <= 0 || height <= 0 || width > RASTER_MAX_SIDE || height > RASTER_MAX_SIDE)
		return NULL;
	r = malloc(sizeof(*r));
	if (!r)
		return NULL;
	r->width = width;
	r->height = height;
	r->stride = (width + 7) / 8;
	r->bits = calloc((size_t)r->stride * (size_t)height, 1);
	if (!r->bits) {
		free(r);
		return NULL;
	}
	return r;
}

void raster_free(struct raster *r)
{
	if (!r)
		return;
	free(r->bits);
	free(r);
}

static bool in_bounds(const struct raster *r, int x, int y)
{
	return x >= 0 && y >= 0 && x < r->width && y < r->height;
}

bool raster_get(const struct raster *r, int x, int y)
{
	if (!in_bounds(r, x, y))
		return false;
	return r->bits[(size_t)y * (size_t)r->stride + (size_t)(x >> 3)] & (0x80u >> (x & 7));
}

void raster_set(struct raster *r, int x, int y, bool black)
{
	uint8_t *p;
	uint8_t mask = (uint8_t)(0x80u >> (x & 7));

	if (!in_bounds(r, x, y))
		return;
	p = &r->bits[(size_t)y * (size_t)r->stride + (size_t)(x >> 3)];
	*p = black ? (uint8_t)(*p | mask) : (uint8_t)(*p & ~mask);
}

int raster_write_png(const struct raster *r, const char *path)
{
	uint8_t *grey;
	int rc;

	if (!r || !path)
		return ERR_INVAL;
	grey = malloc((size_t)r->width * (size_t)r->height);
	if (!grey)
		return ERR_NOMEM;
	for (int y = 0; y < r->height; y++)
		for (int x = 0; x < r->width; x++)
			grey[(size_t)y * (size_t)r->width + (size_t)x] = raster_get(r, x, y) ? 0 : 255;
	rc = pngio_write(path, r->width, r->height, 1, grey, r->width);
	free(grey);
	return rc;
}
