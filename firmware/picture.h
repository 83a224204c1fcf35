/* picture: the one size limit of every picture the kiosk reads, whatever its format (PNG,
 * PGM/PPM, JPEG, a camera's frame). Every loader reads the header first and refuses by its
 * dimensions, before it allocates or decodes anything: a small file can claim a huge picture
 * (a 261 KB PNG of 16384 x 16384 pixels inflates to 1 GB). */
#ifndef KIOSK_PICTURE_H
#define KIOSK_PICTURE_H

#include "err.h"

/* 8192 a side and 32 megapixels: a phone's picture (4032 x 3024, 12 Mpx; 8000 x 4000) and any
 * camera frame fit; 8192 x 8192 does not. */
#define PICTURE_MAX_SIDE 8192
#define PICTURE_MAX_PIXELS (32L * 1024 * 1024)

/* 0 when a w x h picture may be read, ERR_RANGE when it is too large, ERR_CORRUPT when a
 * side is not positive. */
static inline int picture_size_ok(long w, long h)
{
	if (w < 1 || h < 1)
		return ERR_CORRUPT;
	if (w > PICTURE_MAX_SIDE || h > PICTURE_MAX_SIDE || w * h > PICTURE_MAX_PIXELS)
		return ERR_RANGE;
	return 0;
}

#endif
