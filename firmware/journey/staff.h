/* staff: the unit's staff on their own screen, which the public must not reach: five quick
 * taps on the clock in the header (nothing a citizen is asked to touch), then the unit's PIN
 * ([kiosk] staff_pin; empty: no way in). Three wrong PINs close the way for five minutes.
 * The screen shows the figures staff need (events waiting to be sent, today's tickets), and
 * lets them print a test page (prints.h) and unlock a kiosk the central system locked.
 * Every opening, refused PIN, test print and unlock goes to the outbox (kiosk.staff), never
 * the digits; the PIN is never logged or kept. */
#ifndef KIOSK_JOURNEY_STAFF_H
#define KIOSK_JOURNEY_STAFF_H

#include "drivers/printq.h"

#include <stdbool.h>
#include <stdint.h>

#define STAFF_TAPS 5
#define STAFF_TAPS_MS 4000
#define STAFF_TRIES 3
#define STAFF_CLOSED_MS (5 * 60 * 1000)
#define STAFF_PIN_MAX 8

struct journey_ctx;
struct prints;
struct remote;
struct staff;

/* cx, p and r outlive it. Free with staff_free. */
int staff_new(struct journey_ctx *cx, struct prints *p, struct remote *r, struct staff **out);
void staff_free(struct staff *s);

/* A tap on the header clock; counted only between citizens, and while the way is open. */
void staff_clock_tap(struct staff *s, bool between_citizens);
/* The PIN keypad: a digit, delete, forget what was typed, and OK (the staff screen, or one
 * more wrong try). */
void staff_pin_digit(struct staff *s, char digit);
void staff_pin_erase(struct staff *s);
void staff_pin_clear(struct staff *s);
void staff_try_pin(struct staff *s);
int staff_pin_len(const struct staff *s);
/* The last PIN was wrong (the keypad says so until a digit is typed: staff_pin_unrefuse). */
bool staff_pin_refused(const struct staff *s);
void staff_pin_unrefuse(struct staff *s);

/* The staff screen: opened afresh, its figures read again (once a second and after each
 * action: they come from the database), the test page and unlocking on site. */
void staff_open(struct staff *s);
void staff_refresh(struct staff *s);
void staff_test_print(struct staff *s);
void staff_on_test(struct staff *s, const struct printq_result *res);
void staff_unlock(struct staff *s);
/* Events waiting to be sent, -1 unknown; today's tickets by status (false: unknown). */
int staff_backlog(const struct staff *s);
bool staff_counts(const struct staff *s, int counts[4]);
/* What became of the test page (an i18n key), NULL none since the screen opened. */
const char *staff_test_result(const struct staff *s);
/* Whether the test page can be printed now (nothing else is printing). */
bool staff_can_test(const struct staff *s);

#endif
