/* staff: the way into the staff screen, which the public must not reach: five quick taps on
 * the clock in the header (nothing a citizen is asked to touch), then the unit's PIN
 * ([kiosk] staff_pin; empty: no way in). Three wrong PINs close the way for five minutes.
 * Every opening and every refused PIN goes to the outbox (kiosk.staff), never the digits. */
#ifndef KIOSK_UI_STAFF_H
#define KIOSK_UI_STAFF_H

#include <stdbool.h>
#include <stdint.h>

struct app;

#define STAFF_TAPS 5
#define STAFF_TAPS_MS 4000
#define STAFF_TRIES 3
#define STAFF_CLOSED_MS (5 * 60 * 1000)
#define STAFF_PIN_MAX 8

/* Per-app state, embedded in struct app as a->staff. */
struct staff_state {
	int taps;
	int64_t first_tap_ms;
	char entry[STAFF_PIN_MAX + 1];
	int wrong;
	int64_t closed_until_ms;
	bool refused;                 /* the last PIN was wrong: say so */
	int backlog;                  /* the staff screen's figures (its tick), -1 unknown */
	int counts[4];                /* today's tickets by status */
	bool counts_ok;
};

/* A tap at window (x, y): true when it landed on the header clock (counted, consumed). */
bool staff_header_tap(struct app *a, int x, int y);
/* The PIN keypad's OK: the staff screen, or one more wrong try. */
void staff_try_pin(struct app *a);
/* {"action": "..."} to the outbox (opened, pin_refused, closed_after_tries, unlock,
 * test_print). */
void staff_report(struct app *a, const char *action);

struct printq_result;
/* The printer's answer to the staff screen's test page (its job id is APP_TEST_JOB). */
void staff_test_done(struct app *a, const struct printq_result *res);

#endif
