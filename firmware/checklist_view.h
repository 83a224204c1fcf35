/* checklist_view: what a procedure's printed checklist says, in words already chosen
 * (Vietnamese, as on the ticket), for a renderer to lay out at the paper's width: the
 * procedure, each paper as a box to tick, the fees, the time, the result, how to submit, and
 * a QR code of the procedure's page on the national portal. The journeys fill it
 * (firmware/journey/prints.c, from consult.c); the renderer is the UI's (ui/ticket.c). */
#ifndef KIOSK_CHECKLIST_VIEW_H
#define KIOSK_CHECKLIST_VIEW_H

#include "proc.h"
#include "raster.h"

struct checklist_view {
	const char *unit_name;
	const char *title;                      /* "GIẤY TỜ CẦN CHUẨN BỊ" */
	const char *procedure;                  /* its name */
	const char *code;                       /* "Mã thủ tục: 1.001193" */
	const char *papers_label;
	const char *papers[PROC_MAX_PAPERS];    /* "Giấy chứng sinh (bản chính, 1 bản)" */
	int npapers;
	const char *fees_label;
	const char *fees[PROC_MAX_FEES];        /* one line each; "Không" when free */
	int nfees;
	const char *time_label, *time;
	const char *result_label, *result;
	const char *ways_label, *ways;          /* "trực tiếp tại quầy, qua bưu chính" */
	const char *url;                        /* the QR code; NULL or "" none */
	const char *url_note;
	const char *printed_at;                 /* "In lúc 09:00  23/11/2026" */
	const char *note;
};

/* Lays v out at width_dots into a new raster (caller frees with raster_free); 0 or an error. */
typedef int (*checklist_render_fn)(void *user, const struct checklist_view *v, int width_dots,
				   struct raster **out);

#endif
