/* escpos: pure functions from pictures to ESC/POS bytes, into a growable buffer.
 * Commands used: ESC @ (init), ESC a n (align), GS v 0 m xL xH yL yH (raster bit image,
 * sent in bands so that no printer buffer overflows), ESC d n (feed lines), GS V (cut). */
#ifndef KIOSK_ESCPOS_H
#define KIOSK_ESCPOS_H

#include "firmware/raster.h"

#include <stddef.h>
#include <stdint.h>

struct escpos_buf {
	uint8_t *data;
	size_t len, cap;
	int err;          /* sticky: first ERR_NOMEM, later appends do nothing */
};

void escpos_buf_init(struct escpos_buf *b);
void escpos_buf_free(struct escpos_buf *b);

void escpos_init(struct escpos_buf *b);
void escpos_align(struct escpos_buf *b, int align);   /* 0 left, 1 centre, 2 right */
/* The raster as GS v 0 commands of at most band_height rows each. */
void escpos_raster(struct escpos_buf *b, const struct raster *r, int band_height);
void escpos_feed(struct escpos_buf *b, int lines);
void escpos_cut(struct escpos_buf *b, int partial);
/* After a job that broke off, the printer may still be waiting for the rest of a GS v 0 band
 * (or its header) and would swallow the next job as picture data, wedged until power-cycled.
 * NUL bytes enough to complete the largest possible band (header included) finish it as white
 * rows; outside a command NUL is ignored. The ESC @ of the next ticket then resets. */
void escpos_resync(struct escpos_buf *b, int stride, int band_height);
/* A whole ticket: init, centre, raster bands, feed 4, partial cut (GS V 66 0). Returns b->err. */
int escpos_ticket(struct escpos_buf *b, const struct raster *r, int band_height);
/* The same with a model's own cut bytes; cut_len 0 (no cutter) feeds 6 lines and cuts nothing. */
int escpos_ticket_model(struct escpos_buf *b, const struct raster *r, int band_height,
			const uint8_t *cut, size_t cut_len);

#endif
