/* ticket: lays out a queue ticket and renders it to a 1-bit raster at the paper width,
 * with SDL2_ttf (Vietnamese with full diacritics) and a QR code (libqrencode) of the ticket id.
 * The printed ticket is in Vietnamese; the labels come in through the view so that they stay
 * in the string catalogue. */
#ifndef KIOSK_TICKET_H
#define KIOSK_TICKET_H

#include "firmware/checklist_view.h"
#include "firmware/ticket_view.h"

struct ticket_renderer;

/* Opens the fonts; ERR_FONT when they cannot be opened. Requires TTF_Init done by the caller.
 * Caller frees with ticket_renderer_free. */
int ticket_renderer_new(const char *font, const char *font_bold, struct ticket_renderer **out);
void ticket_renderer_free(struct ticket_renderer *tr);
/* Render at width_dots (576 or 384) into a new raster; caller frees with raster_free. */
int ticket_render(struct ticket_renderer *tr, const struct ticket_view *v, int width_dots,
		  struct raster **out);

/* A procedure's checklist (checklist_view.h): its papers as boxes to tick, the fees, time,
 * result, ways to submit and a QR code of its portal page; as ticket_render otherwise. */
int ticket_render_checklist(struct ticket_renderer *tr, const struct checklist_view *v,
			    int width_dots, struct raster **out);

#endif
