/* scan_bars: the bar and space widths along one row across a level 1D code, measured more
 * carefully than ZBar's own edge finder does, for ZBar's decoders to read (scan_decode.c).
 *
 * ZBar finds edges where the slope of the row peaks; when bars are about a pixel wide, or
 * blurred, the two edges of a thin bar make one weak peak and the bar is lost. Here the row is
 * upsampled (cubic), optionally sharpened, and cut at a threshold that follows the local
 * darkest and lightest levels; edges are where the row crosses it, to a fraction of a pixel.
 * Pure function, no ZBar. */
#ifndef KIOSK_SCAN_BARS_H
#define KIOSK_SCAN_BARS_H

#include <stdint.h>

struct scan_bars_opts {
	int upscale;        /* 1 or 2 (cubic) */
	double sharpen;     /* 0: none; 2..5 undoes a blur of about one module */
	int radius;         /* px each side for the local darkest/lightest: several modules */
	double min_swing;   /* a local swing below this share of the row's range is no edge */
};

/* Widths of the elements of row[0..n-1] in 1/32 px, for zbar_decode_width: a long leading
 * space, then bar, space, ... in order, then a long trailing space. Fills at most max;
 * returns the count (0: no bars). */
int scan_bars_widths(const uint8_t *row, int n, const struct scan_bars_opts *o, unsigned *w,
		     int max);

#endif
