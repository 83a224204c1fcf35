/* speech: what the kiosk may say aloud, and the words it says it in (docs/accessibility.md).
 *
 * A phrase is built from parts of a few fixed kinds only: a string key of the catalogues
 * (i18n.h), a number, a ticket number, a service or counter named by its catalogue id, and a
 * dossier status. There is no way to put free text into a phrase: a name, an ID number or a
 * dossier code has no part kind, and every part is checked against the catalogues when it is
 * added (an unknown key, a prefix that is not a service's, a number out of range are refused),
 * so whatever reaches a synthesizer or a recorded clip is the kiosk's own words. This is the
 * privacy gate of the voice (docs/privacy.md).
 *
 * Ticket numbers are said the way the hall's calling system and the counters say them: the
 * service letter by its Vietnamese name, then the number in words without leading zeros
 * ("A-042": "a, bốn mươi hai"); in English "ay, forty-two".
 *
 * Start at speech_init; speech_text gives the words of a whole phrase, speech_part_text those
 * of one part (the voice plays a recorded clip for a key part where the unit has one). */
#ifndef KIOSK_SPEECH_H
#define KIOSK_SPEECH_H

#include "lang.h"

#include <stdbool.h>
#include <stddef.h>

#define SPEECH_MAX_PARTS 16
#define SPEECH_KEY_MAX 48
#define SPEECH_TEXT_MAX 1024
#define SPEECH_NUMBER_MAX 99999

struct catalog;
struct i18n;

enum speech_kind {
	SPEECH_KEY,        /* a string of the catalogues, by key */
	SPEECH_NUMBER,     /* 0..SPEECH_NUMBER_MAX, in words */
	SPEECH_TICKET,     /* a service prefix and a daily sequence */
	SPEECH_SERVICE,    /* a service's name, by prefix */
	SPEECH_COUNTERS,   /* "Quầy một, hai": counter numbers as a service lists them */
	SPEECH_COUNTER,    /* a counter's name, by id */
	SPEECH_FIELD,      /* a field's name, by id */
	SPEECH_STATUS,     /* a dossier status's label (1..10) */
};

struct speech_part {
	enum speech_kind kind;
	char key[SPEECH_KEY_MAX];  /* SPEECH_KEY; SPEECH_TICKET/SERVICE: the prefix;
	                            * SPEECH_COUNTER, SPEECH_FIELD: the id */
	int n;                     /* SPEECH_NUMBER, SPEECH_TICKET's sequence, SPEECH_STATUS */
	int counters[8], ncounters; /* SPEECH_COUNTERS */
};

/* A phrase in one language. Plain data: copy it freely (the voice worker keeps a copy). */
struct speech {
	enum lang lang;
	struct speech_part part[SPEECH_MAX_PARTS];
	int n;
};

/* The catalogues a phrase is checked against and read from; both outlive the calls. */
struct speech_src {
	const struct i18n *i18n;
	const struct catalog *cat;     /* NULL: no service or counter part is accepted */
};

void speech_init(struct speech *s, enum lang l);
/* Each adds a part and returns 0, or refuses it (nothing added): ERR_INVAL for what the
 * catalogues do not know or a value out of range, ERR_RANGE when the phrase is full. */
int speech_key(struct speech *s, const struct speech_src *src, const char *key);
int speech_number(struct speech *s, int n);
int speech_ticket(struct speech *s, const struct speech_src *src, const char *prefix, int seq);
int speech_service(struct speech *s, const struct speech_src *src, const char *prefix);
/* counters as a service lists them ("1, 2": numbers 1..999 separated by commas, at most 8). */
int speech_counters(struct speech *s, const char *counters);
int speech_counter(struct speech *s, const struct speech_src *src, const char *id);
int speech_field(struct speech *s, const struct speech_src *src, const char *id);
int speech_status(struct speech *s, int status);

/* The words of part i, or of the whole phrase (parts joined by ". "), NUL-terminated in out;
 * 0, or ERR_RANGE when they do not fit (out is then ""). Marks a reader should not voice
 * (‹ › …) are left out. */
int speech_part_text(const struct speech *s, const struct speech_src *src, int i, char *out,
		     size_t len);
int speech_text(const struct speech *s, const struct speech_src *src, char *out, size_t len);

/* n (0..SPEECH_NUMBER_MAX) in words: "một trăm linh năm", "one hundred and five". */
int speech_number_words(enum lang l, int n, char *out, size_t len);

#endif
