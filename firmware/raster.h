/* raster: a 1-bit image, as thermal printers print it. Row-major, MSB = leftmost pixel,
 * bit set = black dot. Width is in dots; stride = (width + 7) / 8 bytes. */
#ifndef KIOSK_RASTER_H
#define KIOSK_RASTER_H

#include <stdbool.h>
#include <stdint.h>

struct raster {
	int width, height, stride;
	uint8_t *bits;
};

/* A white raster; caller frees with raster_free. NULL when out of memory or size invalid. */
struct raster *raster_new(int width, int height);
void raster_free(struct raster *r);
bool raster_get(const struct raster *r, int x, int y);
void raster_set(struct raster *r, int x, int y, bool black);
/* Write as an 8-bit grey PNG (black dots = 0). */
int raster_write_png(const struct raster *r, const char *path);

#endif
