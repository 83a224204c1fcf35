/* rating: a citizen's rating of the officer who served them (Decree 118/2025 art. 29-34), the
 * rules it must pass, and how it is kept. No SDL, no SQL: the screens (ui/rate.c) call
 * rating_submit; the rows are written by store_rating.h.
 *
 * Rules:
 *   - the scale has 3 levels (Rất hài lòng / Hài lòng / Không hài lòng) or 5 ([rating] levels);
 *     level 1 is the least satisfied, `levels` the most; a level that is not satisfied needs at
 *     least one reason, from those the unit offers ([rating] reasons);
 *   - the officer must be in the catalogue;
 *   - the comment is optional: valid UTF-8, no control or direction-override characters, at
 *     most [rating] comment_max characters once in NFC;
 *   - one rating per ticket and per dossier: the subject ("ticket:<id>", "dossier:<code>") is
 *     remembered only as a keyed hash, apart from the rating, with the day and nothing finer;
 *   - misuse: when this rating makes misuse_count ratings at this kiosk within
 *     misuse_window_s, or officer_count ratings of one officer within officer_window_s, it
 *     and every rating of that burst are kept and sent flagged with the reason, so that the
 *     appraisal can weigh them; none is dropped, none is counted unflagged;
 *   - a rating is held on the kiosk until both windows have passed, then released to the
 *     outbox at the next full hour (rating_release): by then every rating of a burst is
 *     flagged, and what is kept and sent says the hour it was made, not the second;
 *   - the rater is never recorded: no ticket id, dossier code or request id in the rating, in
 *     its outbox event ("rating.submitted") or in the logs. */
#ifndef KIOSK_RATING_H
#define KIOSK_RATING_H

#include "catalog.h"
#include "config.h"
#include "rating_words.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;

#define RATING_COMMENT_BYTES 1601       /* a comment's NFC UTF-8, NUL included */
#define RATING_SUBJECT_MAX 80

enum rating_via { RATING_VIA_TICKET, RATING_VIA_DOSSIER, RATING_VIA_DIRECTORY };

/* Why a rating was not kept; the screens show "rate_problem_<name>". */
enum rating_problem {
	RATING_OK,
	RATING_UNKNOWN_OFFICER,
	RATING_BAD_LEVEL,
	RATING_REASON_REQUIRED,
	RATING_BAD_REASON,         /* not offered by this unit, or given for a satisfied level */
	RATING_COMMENT_TOO_LONG,
	RATING_COMMENT_CONTROL,    /* control or direction-override characters */
	RATING_COMMENT_INVALID,    /* not UTF-8 */
	RATING_BAD_SUBJECT,
	RATING_ALREADY_RATED,
	RATING_NOT_KEPT,           /* the database failed */
};

const char *rating_via_name(enum rating_via v);     /* "ticket", "dossier", "directory" */
const char *rating_problem_name(enum rating_problem p);  /* "unknown-officer", ... */

/* A level of a scale: its id ("very_satisfied", "satisfied", "neutral", "not_satisfied",
 * "very_unsatisfied"; the screens show "rate_level_<id>"), the face's mood (-2..2) and
 * whether a reason is required. NULL / 0 / false for a level outside 1..levels. */
const char *rating_level_id(int levels, int level);
int rating_level_mood(int levels, int level);
bool rating_level_needs_reason(int levels, int level);

/* Subjects: "ticket:<id>" or "dossier:<code>", for one-per-subject. ERR_INVAL when the id is
 * empty, too long or holds a space or control character. */
int rating_subject(enum rating_via via, const char *id, char *out, size_t len);

struct rating_input {
	enum rating_via via;
	const char *subject;       /* from rating_subject; NULL for the directory */
	const char *officer_id;
	int level;                 /* 1..levels */
	unsigned reasons;          /* bit (1u << enum rating_reason) */
	const char *comment;       /* as typed, may be NULL */
	int64_t now;               /* UTC seconds */
};

/* Everything that needs no database. comment_nfc (RATING_COMMENT_BYTES) gets the comment. */
enum rating_problem rating_check(const struct config_rating *cfg, const struct catalog *cat,
				 const struct rating_input *in, char *comment_nfc, size_t len);

enum rating_misuse { RATING_MISUSE_NONE, RATING_MISUSE_KIOSK, RATING_MISUSE_OFFICER };

/* Misuse, from the ratings already held in the windows (this one not counted). why gets a
 * short English reason for the central system ("3 ratings at this kiosk within 60 s"). */
enum rating_misuse rating_misuse(const struct config_rating *cfg, int kiosk_recent,
				 int officer_recent, char *why, size_t len);

/* How long a rating is held at least: the longer of the two misuse windows. */
int rating_hold_s(const struct config_rating *cfg);
/* When a rating made at `at` (UTC seconds) is released: the first full hour at least
 * rating_hold_s after it. */
int64_t rating_release_at(const struct config_rating *cfg, int64_t at);

struct rating_result {
	bool flagged;
	char flag_reason[96];
};

/* Checks, flags and keeps (holds) one rating, in one transaction. 0: kept (res says whether
 * it was flagged). ERR_INVAL: refused, *problem says why. ERR_STATE with
 * RATING_ALREADY_RATED. Other codes: the database failed (RATING_NOT_KEPT). */
int rating_submit(struct store *s, const struct config_rating *cfg, const struct catalog *cat,
		  const struct rating_input *in, enum rating_problem *problem,
		  struct rating_result *res);
/* Releases the ratings due by now to the outbox. *released: how many; *next_due: when the
 * next one is due (UTC seconds), 0 when none is held. */
int rating_release(struct store *s, int64_t now, int *released, int64_t *next_due);
/* Whether a subject was already rated (before asking anything of the citizen). */
int rating_already(struct store *s, const char *subject, bool *rated);

#endif
