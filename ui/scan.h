/* scan: what the app does with a scanned code and with lookup answers. A code from any
 * scanner goes through dossier_parse_payload: a dossier code is looked up and shown on the
 * status screen, one of our queue tickets starts a rating, anything else is refused on the
 * scan screen with a plain reason. Nothing of a refused payload is kept. */
#ifndef KIOSK_UI_SCAN_H
#define KIOSK_UI_SCAN_H

#include "drivers/scanner.h"
#include "firmware/dossier.h"
#include "firmware/lookup.h"

#include <stdbool.h>
#include <stdint.h>

struct app;
struct SDL_Texture;

/* The camera's live picture on the scan screen (ui/scr_scan.c): a render cache of the
 * scanner's preview, redrawn when its frame number changes. */
struct scan_camera {
	bool on;                         /* started by the scan screen, not yet stopped */
	bool failed;                     /* it would not start: the screen shows the drawing */
	uint8_t *gray;                   /* scanner_preview's copy (owned) */
	struct SDL_Texture *tex;         /* the frame shown (owned) */
	int w, h;
	uint64_t seq;                    /* frame number in tex; 0: none since the start */
};

/* Per-app state of the lookup flow, embedded in struct app as a->scan. */
struct scan_flow {
	char code[DOSSIER_CODE_MAX + 1]; /* the code being looked up or shown */
	uint32_t tag;                    /* of the question in flight (0: none) */
	uint32_t next_tag;
	bool waiting;                    /* asked, no answer yet */
	bool for_rating;                 /* the answer goes to the rating flow */
	int64_t asked_ms;
	struct lookup_answer ans;        /* the answer shown */
	int64_t shown_ms;                /* when the answer appeared (it clears itself) */
	const char *refused;             /* i18n key: why the last scan was refused, NULL none */
	char entry[DOSSIER_CODE_MAX + 1]; /* the on-screen keypad's text */
	struct scan_camera cam;
};

/* A decoded symbol, on the UI thread. */
void scan_payload(struct app *a, const struct scan_result *r);
/* Ask about a dossier code and show the status screen (waiting, then the answer). */
void scan_lookup(struct app *a, const char *code, bool for_rating);
/* A lookup answer on the UI thread (those of the rating flow are handed over first). */
void scan_on_lookup(struct app *a, const struct lookup_answer *ans);
/* The status screen's tick: gives up waiting after the lookup's timeout, and clears the
 * shown answer after [kiosk] status_screen_s (back to home). */
void scan_tick(struct app *a);
/* Forget the shown answer (privacy: a public screen). */
void scan_clear(struct app *a);
/* Releases the camera picture (app_free). */
void scan_free(struct app *a);

#endif
