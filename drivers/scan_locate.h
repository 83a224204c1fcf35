/* scan_locate: where in a picture a barcode probably is, and which way its bars run.
 *
 * ZBar reads whole pictures row by row and column by column: on a camera frame most of that
 * time goes to paper, table and noise, and a 1D code tilted past about 10 degrees is missed.
 * The locator looks at the picture's gradients in cells of about 16 px: a barcode is a patch of
 * strong edges, all in one direction for a 1D code (bars), in two for a QR code. Connected
 * patches are returned best first, with the direction across the bars, so the decoder can
 * crop, turn the code level and read only rows. Pure function, no ZBar. */
#ifndef KIOSK_SCAN_LOCATE_H
#define KIOSK_SCAN_LOCATE_H

#include "scan_img.h"

#include <stdbool.h>

struct scan_region {
	int x0, y0, x1, y1;  /* picture pixels, [x0, x1) x [y0, y1), with a quiet margin */
	double axis_deg;     /* direction across the bars, -90..90 (0: bars upright) */
	bool linear;         /* edges in one direction: a 1D code (else 2D, or text) */
	double score;        /* edge energy: larger is likelier */
};

/* Fills at most max regions, best first; returns how many. */
int scan_locate(const struct scan_img *g, struct scan_region *r, int max);

#endif
