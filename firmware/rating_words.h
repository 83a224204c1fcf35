/* rating_words: the words of a rating that the configuration checks too: the fixed reasons a
 * unit may offer and a unit's own level labels. Apart from rating.h so that the configuration
 * (firmware/config.c) reads them without the rating's rules, which read the configuration. */
#ifndef KIOSK_RATING_WORDS_H
#define KIOSK_RATING_WORDS_H

#include <stddef.h>

#define RATING_MAX_LEVELS 5
#define RATING_COMMENT_HARD_MAX 500     /* [rating] comment_max is at most this */

/* The fixed set of reasons a unit may offer ([rating] reasons), by id. */
enum rating_reason {
	RR_ATTITUDE,     /* "attitude" */
	RR_GUIDANCE,     /* "guidance": unclear guidance, asked to come back many times */
	RR_WAIT,         /* "wait": long wait */
	RR_LATE,         /* "late": result later than promised */
	RR_EXTRA,        /* "extra": papers or fees beyond the rules */
	RR_HARASSMENT,   /* "harassment" */
	RR_OTHER,        /* "other" */
	RR_COUNT
};

/* "attitude"..., NULL out of range; parse gives -1 for an unknown id. */
const char *rating_reason_id(int r);
int rating_reason_parse(const char *s, size_t len);
/* A unit's own words for the levels ([rating] labels_vi / labels_en: comma-separated, most
 * satisfied first, e.g. "Rất hài lòng, Hài lòng, Chưa hài lòng"). count: how many, -1 when
 * one is empty. label: the words of `level` (1..levels) into out, trimmed; ERR_NOTFOUND when
 * the list has none for it (the screens then show their own). */
int rating_label_count(const char *list);
int rating_label(const char *list, int levels, int level, char *out, size_t len);

#endif
