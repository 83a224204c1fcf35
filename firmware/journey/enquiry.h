/* enquiry: a citizen looks a dossier up, by scanning the receipt's code or typing it on the
 * keypad. The code is asked of the lookup worker and the status screen shows "looking up",
 * then the answer: found, cached (with its age), not found, or unavailable. The answer clears
 * itself after [kiosk] status_screen_s, and everything of it goes as soon as the citizen
 * leaves (a public screen: enquiry_leave). A scan that is no dossier code and no ticket of
 * ours is refused on the scan screen with a plain reason, and nothing of it is kept.
 *
 * A dossier scanned on the rating screens is looked up for the rating journey: its answer is
 * handed over (ENQUIRY_FOR_RATING), never shown here. Start reading at enquiry_lookup. */
#ifndef KIOSK_JOURNEY_ENQUIRY_H
#define KIOSK_JOURNEY_ENQUIRY_H

#include "firmware/dossier.h"
#include "firmware/lookup.h"

#include <stdbool.h>

struct journey_ctx;
struct enquiry;

int enquiry_new(struct journey_ctx *cx, struct enquiry **out);
void enquiry_free(struct enquiry *e);

/* Asks about code and shows the status screen (for_rating: the answer is the rating's). */
void enquiry_lookup(struct enquiry *e, const char *code, bool for_rating);

enum enquiry_answer {
	ENQUIRY_LATE,        /* not the question in flight: dropped */
	ENQUIRY_SHOWN,       /* kept, and shown on the status screen */
	ENQUIRY_FOR_RATING,  /* asked for the rating journey: *st and *d are its, nothing kept */
};
/* A dossier answer of the lookup worker, on the UI thread. */
enum enquiry_answer enquiry_on_answer(struct enquiry *e, const struct lookup_answer *ans,
				      enum lookup_state *st, struct dossier_info *d);
/* The status screen's tick: gives up waiting after the lookup's own timeout and a grace, and
 * clears the answer after [kiosk] status_screen_s (back home). */
void enquiry_tick(struct enquiry *e);
/* Forget the code and the answer. */
void enquiry_clear(struct enquiry *e);
/* The citizen left the enquiry's screens: forget the code, the answer and the keypad. */
void enquiry_leave(struct enquiry *e);
/* A scan refused for reason (an i18n key): the scan screen says why. */
void enquiry_refuse(struct enquiry *e, const char *reason);
/* NULL: the reason shown goes away (the citizen did something else). */
void enquiry_set_refused(struct enquiry *e, const char *reason);

/* The keypad: a character a code can hold (digits, capitals, '.', '-'; small letters are
 * made capitals, anything else is ignored), delete one, clear, and look the entry up (or
 * say it is no code). */
void enquiry_type(struct enquiry *e, char c);
void enquiry_erase(struct enquiry *e);
void enquiry_erase_all(struct enquiry *e);
void enquiry_submit_entry(struct enquiry *e);
/* The characters the keypad offers, in its order. */
const char *enquiry_keypad_keys(void);

bool enquiry_waiting(const struct enquiry *e);
/* The answer shown (state meaningless while waiting). Borrowed. */
const struct lookup_answer *enquiry_answer(const struct enquiry *e);
/* The dossier shown: asked about, answered, found or cached; else NULL. Borrowed. */
const struct dossier_info *enquiry_dossier(const struct enquiry *e);
const char *enquiry_code(const struct enquiry *e);
/* Why the last scan or entry was refused (an i18n key), NULL none. */
const char *enquiry_refused(const struct enquiry *e);
const char *enquiry_entry(const struct enquiry *e);

#endif
