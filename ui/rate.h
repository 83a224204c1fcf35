/* rate: the officer rating flow (ways in, scale, reasons, keyboard, thanks) and the officer
 * directory, as the app sees them. */
#ifndef KIOSK_UI_RATE_H
#define KIOSK_UI_RATE_H

#include "firmware/lookup.h"

#include <stdbool.h>

struct app;

/* Per-app state of the rating flow, embedded in struct app. */
struct rate_flow {
	int unused;
};

/* "Đánh giá" on the home screen. */
void rate_begin(struct app *a);
/* A scanned queue ticket (dossier_parse_payload gave DP_TICKET). */
void rate_from_ticket(struct app *a, const char *ticket_id);
/* "Rate the officer who received it" from a dossier status screen. */
void rate_from_dossier(struct app *a, const struct dossier_info *d);
/* A lookup answer; true when the rating flow asked for it and consumed it. */
bool rate_on_lookup(struct app *a, const struct lookup_answer *ans);
/* The public officer directory (Decree 118 art. 9.8). */
void directory_open(struct app *a);

#endif
