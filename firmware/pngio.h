/* pngio: PNG files through libpng (the only module that includes png.h). */
#ifndef KIOSK_PNGIO_H
#define KIOSK_PNGIO_H

#include <stdint.h>

/* channels: 1 (grey) or 4 (RGBA, byte order R,G,B,A). Written atomically (temp + rename). */
int pngio_write(const char *path, int width, int height, int channels, const uint8_t *pixels,
		int stride);
/* Read any PNG as 8-bit RGBA; *pixels is malloc'ed, caller frees. ERR_RANGE, before anything
 * is allocated, for a header over the picture limit (picture.h); ERR_CORRUPT for a file that
 * is not a whole PNG. */
int pngio_read_rgba(const char *path, int *width, int *height, uint8_t **pixels);

#endif
