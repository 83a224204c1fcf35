/* ticket: lays out a queue ticket and renders it to a 1-bit raster at the paper width,
 * with SDL2_ttf (Vietnamese with full diacritics) and a QR code (libqrencode) of the ticket id.
 * The printed ticket is in Vietnamese; the labels come in through the view so that they stay
 * in the string catalogue. */
#ifndef KIOSK_TICKET_H
#define KIOSK_TICKET_H

#include "firmware/raster.h"

struct ticket_view {
	const char *unit_name;      /* "UBND phường ..." */
	const char *number;         /* "A-042" */
	const char *service;        /* service name */
	const char *counters_label; /* "Quầy" */
	const char *counters;       /* "1, 2" */
	const char *priority;       /* "Ưu tiên: Người cao tuổi" or NULL */
	const char *ahead_label;    /* "Số người chờ trước bạn" */
	int people_ahead;           /* -1: unknown (printed as "—", never as 0) */
	const char *issued_label;   /* "Thời gian lấy số" */
	const char *issued_at;      /* "07:45 23/11/2026" */
	const char *ticket_id;      /* encoded in the QR code and printed small under it */
	const char *note;           /* short instruction */
	const char *copy;           /* "BẢN IN LẠI" on a copy printed again, or NULL */
};

struct ticket_renderer;

/* Opens the fonts; ERR_FONT when they cannot be opened. Requires TTF_Init done by the caller.
 * Caller frees with ticket_renderer_free. */
int ticket_renderer_new(const char *font, const char *font_bold, struct ticket_renderer **out);
void ticket_renderer_free(struct ticket_renderer *tr);
/* Render at width_dots (576 or 384) into a new raster; caller frees with raster_free. */
int ticket_render(struct ticket_renderer *tr, const struct ticket_view *v, int width_dots,
		  struct raster **out);

#endif
