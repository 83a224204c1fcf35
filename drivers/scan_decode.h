/* scan_decode: barcodes in a grey picture, with ZBar (the only module that includes zbar.h).
 *
 * CODE128, CODE39 and QR only: the codes printed on dossier receipts; the others are off to
 * save time and false reads. Plain ZBar misses small, tilted, dim, blurred and noisy codes, so
 * the kiosk's path tries a sequence of passes, cheapest and likeliest first, and stops at the
 * first pass that finds a symbol. The set of passes is a parameter, so that the bench can
 * compare plain ZBar (SCAN_PASSES_ZBAR) with the kiosk's path (SCAN_PASSES_KIOSK).
 * Pure computation, no threads, no globals: safe to call from any thread. */
#ifndef KIOSK_SCAN_DECODE_H
#define KIOSK_SCAN_DECODE_H

#include "scan_result.h"

#include <stdint.h>

/* The passes, in the order they are tried. */
enum scan_pass {
	SCAN_PASS_LOCATE = 1u << 0,  /* the likely code regions (scan_locate.h) cropped, 1D codes
	                                turned level and read along rows averaged in bands */
	SCAN_PASS_ENHANCE = 1u << 1, /* the same regions, harder: contrast stretched (dim),
	                                sharpened (blur), 2x wide (thin bars); 2D regions
	                                binarised (blur, noise) and 2x upscaled (small modules) */
	SCAN_PASS_HALF = 1u << 2,    /* pictures over 960 px wide: the whole at half size */
	SCAN_PASS_PLAIN = 1u << 3,   /* the whole picture as it is: plain ZBar */
	SCAN_PASS_STRETCH = 1u << 4, /* the whole picture, contrast stretched to its 1..99 % levels */
	SCAN_PASS_BINARY = 1u << 5,  /* the whole picture, local-mean binarised */
	SCAN_PASS_ROTATE = 1u << 6,  /* the whole picture turned 45, 30 and -30 degrees, 1D only */
	SCAN_PASS_UPSCALE = 1u << 7, /* the whole picture 2x, if at most 800 px (small codes) */
};

#define SCAN_PASSES_ZBAR SCAN_PASS_PLAIN
#define SCAN_PASSES_KIOSK (SCAN_PASS_LOCATE | SCAN_PASS_HALF | SCAN_PASS_PLAIN | \
			   SCAN_PASS_ENHANCE | SCAN_PASS_STRETCH | SCAN_PASS_BINARY | \
			   SCAN_PASS_ROTATE | SCAN_PASS_UPSCALE)

struct scan_opts {
	unsigned passes;   /* enum scan_pass bits */
	int budget_ms;     /* no new pass starts after this long; 0: no limit */
};

/* Pictures given whole (files, --decode-image, the image driver, tests): every pass, no time
 * limit, so the result does not depend on how busy the machine is. */
extern const struct scan_opts scan_opts_kiosk;
/* Plain ZBar, for comparison. */
extern const struct scan_opts scan_opts_zbar;

/* A camera sends 15 frames a second and a code stays in view for many of them, so one frame
 * need not try everything: each gets the cheap region passes (LOCATE, ENHANCE, HALF) and one
 * whole-picture pass in turn (PLAIN, BINARY, STRETCH by frame number) on the frame denoised
 * (smoothed, or halved when big), within
 * SCAN_FRAME_BUDGET_MS. A frame without a code then costs a few milliseconds, not the sum
 * of every pass. */
#define SCAN_FRAME_BUDGET_MS 30
void scan_opts_frame(uint64_t frame_seq, struct scan_opts *o);

struct scan_stats {
	int passes_run;      /* passes that ran ZBar at least once */
	unsigned found_by;   /* the enum scan_pass bit that found the symbols; 0: none */
	double ms;           /* wall time of the whole call */
};

/* Decodes a grey picture (8 bits per pixel, rows `stride` bytes apart) with every pass,
 * within SCAN_FRAME_BUDGET_MS. Fills at most max results; returns how many symbols were found (0: none),
 * or a negative ERR_* for bad arguments or no memory. st may be NULL. */
int scan_decode_gray(const uint8_t *gray, int w, int h, int stride, struct scan_result *out,
		     int max, struct scan_stats *st);
int scan_decode_gray_opts(const struct scan_opts *o, const uint8_t *gray, int w, int h,
			  int stride, struct scan_result *out, int max, struct scan_stats *st);

/* Loads PNG (any kind), JPEG, or binary PGM/PPM (P5/P6, 8 or 16 bits) as grey (alpha over
 * white). *gray is malloc'ed, rows w bytes apart; caller frees. ERR_NOTFOUND/ERR_IO/ERR_PERM
 * for a file that cannot be read, ERR_CORRUPT for one that is not such a picture (or
 * truncated), ERR_RANGE for one over the picture limit (firmware/picture.h), judged by its
 * header before anything is allocated. */
int scan_load_gray(const char *path, uint8_t **gray, int *w, int *h);

/* scan_load_gray then decode with the file options. Returns the count, or the load error. */
int scan_decode_file(const char *path, struct scan_result *out, int max, struct scan_stats *st);
int scan_decode_file_opts(const struct scan_opts *o, const char *path, struct scan_result *out,
			  int max, struct scan_stats *st);

/* "half", "plain", ... for one bit; "none" for 0. */
const char *scan_pass_name(unsigned pass);

#endif
