/* A whole kiosk for the journeys' unit tests: a real database in the test's own directory,
 * no scanner, a fixed clock starting at clock_ms (it moves only by clock_advance). */
#ifndef TESTS_UNIT_KIOSK_FIXTURE_H
#define TESTS_UNIT_KIOSK_FIXTURE_H

#include <stdint.h>

struct kiosk;

/* Writes <t_tmpdir()>/kiosk.ini and opens a kiosk up to serving on it; ERR_IO when the file
 * cannot be written, else what kiosk_open returns. */
int t_kiosk_open(struct kiosk **k, int64_t clock_ms);

#endif
