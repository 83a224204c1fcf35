/* rate: the officer rating flow (ways in, scale, reasons, keyboard, thanks) and the officer
 * directory, as the app sees them.
 *
 * Ways in: "Đánh giá cán bộ" on the home screen (rate_begin), a scanned queue ticket
 * (rate_from_ticket: the central system says which officer called it), a dossier whose
 * receiving officer is known (rate_from_dossier), or a counter then an officer chosen from the
 * directory. Screens: rate_start -> [counters -> officers] -> rate -> [reasons -> keyboard] ->
 * thanks, with rate_notice for every answer that is not a rating (checking, already rated, not
 * served, unknown ticket, dossier or officer, no central system). The ticket id or dossier
 * code, the level, the reasons and the comment live here in memory only while the citizen is
 * on these screens: rate_poll forgets them once the kiosk has gone elsewhere (home after the
 * idle timeout, for one), and nothing of an unfinished rating is ever stored. rate_poll also
 * releases held ratings to the outbox when they are due (firmware/rating.h). */
#ifndef KIOSK_UI_RATE_H
#define KIOSK_UI_RATE_H

#include "firmware/lookup.h"
#include "firmware/rating.h"
#include "firmware/telex.h"

#include <stdbool.h>
#include <stdint.h>

struct app;
struct SDL_Texture;

/* What the notice screen says. */
enum rate_notice {
	RN_CHECKING,         /* asking the central system who served the ticket */
	RN_ALREADY,          /* this ticket or dossier was rated */
	RN_NOT_SERVED,       /* the ticket has not been called at a counter yet */
	RN_UNKNOWN_TICKET,   /* the central system does not know it */
	RN_UNKNOWN_DOSSIER,  /* ... nor this dossier code (scanned on the rating screens) */
	RN_UNAVAILABLE,      /* no central system, or it cannot be reached now */
	RN_UNKNOWN_OFFICER,  /* no officer given, or not in this unit's directory */
	RN_REFUSED,          /* rating_submit refused it: problem says why */
	RN_NOT_KEPT,         /* the database failed */
};

#define RATE_PHOTOS 8

/* Per-app state of the rating flow, embedded in struct app. */
struct rate_flow {
	enum rating_via via;
	char subject[RATING_SUBJECT_MAX];   /* "ticket:<id>" / "dossier:<code>", memory only */
	char counter[32];                   /* chosen in the directory way */
	char officer[32];
	int level;                          /* 0: none chosen yet */
	unsigned reasons;                   /* bit (1u << enum rating_reason) */
	struct telex kb;                    /* the comment, as composed */
	bool shift;                         /* the next letter is a capital */
	const char *kb_warn;                /* i18n key of a keyboard warning, NULL none */
	enum rate_notice notice;
	enum rating_problem problem;
	bool waiting;                       /* a ticket question in flight */
	uint32_t tag, next_tag;
	int64_t asked_ms;
	int page;
	struct {
		char path[256];
		struct SDL_Texture *tex;
		int w, h;
	} photos[RATE_PHOTOS];              /* officers' photos, loaded once */
	int nphotos;
	bool release_checked;               /* held ratings looked at since the start */
	int64_t next_release;               /* UTC seconds; 0: none held */
};

/* "Đánh giá" on the home screen. */
void rate_begin(struct app *a);
/* A scanned queue ticket (dossier_parse_payload gave DP_TICKET). */
void rate_from_ticket(struct app *a, const char *ticket_id);
/* "Rate the officer who received it" from a dossier status screen. */
void rate_from_dossier(struct app *a, const struct dossier_info *d);
/* A lookup answer; true when the rating flow asked for it and consumed it: who served a
 * ticket, or a dossier scanned on the rating screens (ui/scan.c asks for it). */
bool rate_on_lookup(struct app *a, const struct lookup_answer *ans);
/* The public officer directory (Decree 118 art. 9.8). */
void directory_open(struct app *a);
/* "checking", "already", "not-served", "unknown-ticket", "unknown-dossier", "unavailable",
 * "unknown-officer", "refused", "not-kept" (scripts: expect rating NAME). */
const char *rate_notice_name(enum rate_notice n);
/* Releases the photos (app_free). */
void rate_free(struct app *a);
/* Every poll of the app (ui/app.c): releases the held ratings that are due, and forgets an
 * unfinished rating once the kiosk is on a screen outside the flow. */
void rate_poll(struct app *a);
/* The idle timeout of the rating and directory screens: [rating] idle_timeout_s, never less
 * than [kiosk] idle_timeout_s. */
int rate_idle_s(const struct app *a);

/* ---- shared by the rating screens (ui/rate.c, ui/scr_rate*.c, ...) ---- */

/* Forget everything of the last rating, including the subject and the comment. */
void rate_reset(struct app *a, enum rating_via via);
/* The officer is known: the faces. Unknown to the catalogue: a notice. */
void rate_officer(struct app *a, const char *officer_id);
/* Show a notice. */
void rate_notify(struct app *a, enum rate_notice n);
/* Keep the rating as chosen so far: thanks, or the notice or keyboard that says why not. */
void rate_submit(struct app *a);
/* The notice screen's tick: stop waiting once the lookup is overdue. */
void rate_tick_wait(struct app *a);

#endif
