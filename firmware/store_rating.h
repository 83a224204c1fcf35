/* store_rating: the rows of officer ratings (schema 3, see store.c), written only through
 * rating_submit (firmware/rating.h), which decides what goes in them. */
#ifndef KIOSK_STORE_RATING_H
#define KIOSK_STORE_RATING_H

#include "store.h"

#include <stdbool.h>
#include <stdint.h>

/* One rating, anonymous by construction: no ticket id, dossier code or request id. */
struct store_rating {
	const char *officer_id;
	int level, scale;
	const char *level_id;      /* for the event: "very_satisfied"... */
	const char *reasons;       /* comma-separated reason ids, "" none */
	const char *comment;       /* NFC, checked */
	const char *via;           /* "ticket", "dossier", "directory" */
	bool flagged;
	const char *flag_reason;   /* "" when not flagged */
	int64_t created_at;        /* UTC seconds */
};

/* In one IMMEDIATE transaction: remembers subject (NULL: none) as a keyed hash with `day`
 * (YYYYMMDD) and forgets those of days before prune_before, inserts the rating and its
 * "rating.submitted" outbox event. ERR_STATE when the subject was already rated (nothing
 * kept); ERR_RANGE when the event would not fit the outbox. */
int store_rating_add(struct store *s, const struct store_rating *r, const char *subject, int day,
		     int prune_before);
/* Whether subject was rated (no secret yet: never). Writes nothing. */
int store_rating_seen(struct store *s, const char *subject, bool *seen);
/* Ratings kept since `since` at this kiosk, and of officer_id since officer_since. */
int store_rating_recent(struct store *s, int64_t since, const char *officer_id,
			int64_t officer_since, int *kiosk_n, int *officer_n);
/* Ratings kept (tests, health). */
int store_rating_count(struct store *s, int *n);

#endif
