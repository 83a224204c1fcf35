/* ticket_view: what a printed ticket says, in words already chosen (Vietnamese, whatever the
 * screen's language), for a renderer to lay out at the paper's width. The journeys fill it
 * (firmware/journey/prints.c); the renderer that draws it with fonts is the UI's
 * (ui/ticket.c), given to the journeys as a function so that they stay free of SDL. */
#ifndef KIOSK_TICKET_VIEW_H
#define KIOSK_TICKET_VIEW_H

#include "raster.h"

struct ticket_view {
	const char *unit_name;      /* "UBND phường ..." */
	const char *heading;        /* "SỐ THỨ TỰ", over the number; NULL none */
	const char *number;         /* "A-042" */
	const char *service;        /* service name */
	const char *field_label;    /* "Lĩnh vực" */
	const char *field;          /* the service's field, "Hộ tịch"; NULL none */
	const char *counters_label; /* "Quầy" */
	const char *counters;       /* "1, 2" */
	const char *priority;       /* "Ưu tiên: Người cao tuổi" or NULL */
	const char *numbering_note; /* a reserve number explained, or NULL */
	const char *ahead_label;    /* "Số người chờ trước bạn" */
	int people_ahead;           /* -1: unknown (printed as "—", never as 0) */
	const char *issued_label;   /* "Thời gian lấy số" */
	const char *issued_at;      /* "07:45 23/11/2026" */
	const char *ticket_id;      /* encoded in the QR code and printed small under it */
	const char *qr_caption;     /* what the QR code is for, under it; NULL none */
	const char *note;           /* short instruction */
	const char *copy;           /* "BẢN IN LẠI" on a copy printed again, or NULL */
};

/* Lays v out at width_dots into a new raster (caller frees with raster_free); 0 or an error. */
typedef int (*ticket_render_fn)(void *user, const struct ticket_view *v, int width_dots,
				struct raster **out);

#endif
