/* scanner_wedge: tells a keyboard-wedge barcode scanner from a person at a keyboard.
 *
 * A wedge scanner is a USB keyboard that types the code very fast, usually followed by Enter
 * (or Tab). The UI thread feeds every text and special key here, with the time it happened,
 * and polls for what they were: a scan (symbology "KEYED"), or the person's own text and keys
 * for whichever field has focus. Characters are held back until it is clear which they are,
 * so a scan never leaks into a text field; a person's are released once max_gap_ms pass
 * without another key (35 ms by default), so typing still feels immediate.
 *
 * The rules (struct wedge_config):
 *   - a burst: characters each at most max_gap_ms after the one before;
 *   - a burst of at least min_len characters ended by Enter or Tab (also within max_gap_ms)
 *     is a scan; the Enter or Tab, and a second one right after (CR LF), are swallowed;
 *   - a burst of at least noend_len characters is a scan however it ends (no person types 8
 *     characters 35 ms apart): at the next slower key, or once end_ms pass in silence
 *     (scanners set up without a suffix); an Enter or Tab within end_ms is still its suffix;
 *   - anything else is typing, released in order: slow keys, short fast bursts (two keys hit
 *     at once), a burst that slows down before noend_len characters;
 *   - a burst over SCAN_DATA_MAX bytes is a scan with truncated = true; the rest of it is
 *     swallowed.
 * Pure: no threads, no clock, no SDL. Not thread-safe: one UI thread calls everything. */
#ifndef KIOSK_SCANNER_WEDGE_H
#define KIOSK_SCANNER_WEDGE_H

#include "scanner.h"

#include <stdint.h>

enum wedge_key { WEDGE_ENTER, WEDGE_TAB, WEDGE_BACKSPACE, WEDGE_ESCAPE, WEDGE_OTHER };

struct wedge_config {
	int max_gap_ms;  /* longest gap between two keys of a scan (35) */
	int min_len;     /* characters before Enter/Tab for a scan (4) */
	int end_ms;      /* silence that ends a scan without Enter/Tab (100), > max_gap_ms */
	int noend_len;   /* characters that make a scan without Enter/Tab (8), >= min_len */
};

#define WEDGE_CONFIG_DEFAULT { .max_gap_ms = 35, .min_len = 4, .end_ms = 100, .noend_len = 8 }

struct config_scanner;
/* The [scanner] wedge_* keys; noend_len is 8, or wedge_min_len when that is more. */
void wedge_config_from(const struct config_scanner *cfg, struct wedge_config *out);

#define WEDGE_TEXT_MAX 64

enum wedge_event_type {
	WEDGE_EV_SCAN,  /* scan: a code from the scanner */
	WEDGE_EV_TEXT,  /* text: characters the person typed, UTF-8 */
	WEDGE_EV_KEY,   /* key: a special key the person pressed */
};

struct wedge_event {
	enum wedge_event_type type;
	struct scan_result scan;     /* WEDGE_EV_SCAN (symbology "KEYED") */
	char text[WEDGE_TEXT_MAX];   /* WEDGE_EV_TEXT, NUL-terminated, whole characters */
	enum wedge_key key;          /* WEDGE_EV_KEY */
};

struct wedge;

/* ERR_INVAL for a config that breaks the rules above, ERR_NOMEM. Free with wedge_free. */
int wedge_new(const struct wedge_config *cfg, struct wedge **out);
void wedge_free(struct wedge *w);

/* Text as SDL gives it (one or more characters, UTF-8), typed at t_ms (any monotonic ms).
 * CR and LF count as Enter, TAB as Tab. ERR_RANGE if events pile up unpolled (the oldest
 * are kept). */
int wedge_text(struct wedge *w, const char *utf8, int64_t t_ms);
int wedge_key(struct wedge *w, enum wedge_key k, int64_t t_ms);

/* The next event that is ready at now_ms, in the order it was typed: 1 and *out filled, or
 * 0 when nothing is ready yet. Call every frame. */
int wedge_poll(struct wedge *w, int64_t now_ms, struct wedge_event *out);

/* When held characters will be decided (then poll again), or -1 when nothing is held. */
int64_t wedge_deadline(const struct wedge *w);

#endif
