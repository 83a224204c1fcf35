/* scan_img: the grey-picture operations the scanner's decode passes are made of.
 * Pure functions on 8-bit pictures with rows w bytes apart; each makes a new picture that the
 * caller frees with scan_img_free (NULL on no memory). No ZBar here: see scan_decode.c. */
#ifndef KIOSK_SCAN_IMG_H
#define KIOSK_SCAN_IMG_H

#include <stdbool.h>
#include <stdint.h>

struct scan_img {
	uint8_t *p;
	int w, h;
	bool owned;   /* p is freed by scan_img_free */
};

/* A new w x h picture (contents undefined), or false. */
bool scan_img_alloc(struct scan_img *g, int w, int h);
void scan_img_free(struct scan_img *g);

/* 2x2 box average: w/2 x h/2. */
bool scan_img_half(const struct scan_img *s, struct scan_img *d);
/* The rectangle [x0, x1) x [y0, y1), clipped to s. */
bool scan_img_crop(const struct scan_img *s, int x0, int y0, int x1, int y1, struct scan_img *d);
/* Turned by deg degrees (counter-clockwise as seen on screen) about the centre, into a canvas
 * that holds all of it; bilinear, white outside. */
bool scan_img_rotate(const struct scan_img *s, double deg, struct scan_img *d);
/* The 1st and 99th percentiles of the levels. */
void scan_img_percentiles(const struct scan_img *s, int *lo, int *hi);
/* Levels lo..hi stretched to 0..255. */
bool scan_img_stretch(const struct scan_img *s, int lo, int hi, struct scan_img *d);
/* 3x3 box smoothing (noise). */
bool scan_img_smooth(const struct scan_img *s, struct scan_img *d);
/* 3x3 smoothing, then black where darker than the mean of a (2r+1)^2 window by a margin,
 * white elsewhere. */
bool scan_img_binarise(const struct scan_img *s, int r, struct scan_img *d);
/* 2x bilinear upscale, both directions (sx = 2, sy = 2) or across only (sy = 1). */
bool scan_img_upscale(const struct scan_img *s, int sx, int sy, struct scan_img *d);
/* Each band of `band` rows averaged into one row (noise falls, bars stay): h/band rows. */
bool scan_img_bands(const struct scan_img *s, int band, struct scan_img *d);

#endif
