/* store_rating: the rows of officer ratings, written only through rating_submit and
 * rating_release (firmware/rating.h), which decide what goes in them.
 *
 * A rating is first held (table rating_held, with the second it was made, which the misuse
 * windows need), then released: moved into ratings (schema 3, see store.c) and the outbox
 * with the hour it was made and nothing finer, in one transaction. Until then it may still
 * be flagged, so that every rating of a burst goes out flagged, and its outbox row is not
 * written next to the ticket events of the same minutes. rating_held is created on first
 * use (CREATE TABLE IF NOT EXISTS, as lookup_cache is), outside the versioned migrations. */
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
	const char *flag_reason;   /* "" when not flagged; at most 95 bytes */
	int64_t at;                /* UTC seconds: held only, for the misuse windows */
	int64_t hour;              /* UTC seconds of the hour it was made: kept and sent */
	int64_t release_at;        /* UTC seconds: not released before */
};

/* Flags the held ratings since `since` (of officer_id only, unless NULL) with reason. */
struct store_rating_flag {
	int64_t since;
	const char *officer_id;
	const char *reason;
};

/* In one IMMEDIATE transaction: remembers subject (NULL: none) as a keyed hash with `day`
 * (YYYYMMDD) and forgets those of days before prune_before, applies the nflags flags to the
 * ratings held before it (one flagged already keeps its first reason), and holds the rating.
 * ERR_STATE when the subject was already rated (nothing kept); ERR_RANGE when its event
 * could not fit the outbox. */
int store_rating_add(struct store *s, const struct store_rating *r, const char *subject, int day,
		     int prune_before, const struct store_rating_flag *flags, int nflags);
/* Moves every held rating with release_at <= now into ratings and, as "rating.submitted",
 * into the outbox, in the order they were made, in one transaction. *released: how many;
 * *next_due: the earliest release_at still held, 0 when none. */
int store_rating_release(struct store *s, int64_t now, int *released, int64_t *next_due);
/* Whether subject was rated (no key yet: never). Writes nothing to the database. */
int store_rating_seen(struct store *s, const char *subject, bool *seen);
/* Held ratings made since `since`, and of officer_id since officer_since. */
int store_rating_recent(struct store *s, int64_t since, const char *officer_id,
			int64_t officer_since, int *kiosk_n, int *officer_n);
/* Ratings kept, held or released (tests, health), and those still held. */
int store_rating_count(struct store *s, int *n);
int store_rating_held(struct store *s, int *n);
/* The file beside the database that holds the key of the subjects' hashes. */
int store_rating_key_path(struct store *s, char *out, size_t len);

#endif
