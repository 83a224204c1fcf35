/* consult: a citizen looks a procedure up (Decree 118 art. 13.2.b): browses the fields or
 * searches as they type, opens a procedure's page, prints its checklist, and takes a number
 * for it in one tap. The procedures in use are the unit's own or the central system's
 * (remote.c); the search index is rebuilt when either they or the catalogue change.
 *
 * Each procedure opened, printed or taken a number for goes to the outbox as
 * procedure.usage: its code, what was done and whether it was found by browsing or search —
 * a count for the unit, never anything about the citizen (no query text: people type names).
 * Start at consult_search and consult_open. */
#ifndef KIOSK_JOURNEY_CONSULT_H
#define KIOSK_JOURNEY_CONSULT_H

#include "drivers/printq.h"
#include "firmware/proc.h"
#include "firmware/proc_search.h"

#include <stdbool.h>
#include <stdint.h>

#define CONSULT_RESULTS 40   /* results kept for the screen; the count may be larger */

enum consult_via { CONSULT_BROWSE, CONSULT_SEARCH };

/* What "take a number for it" would do now. */
enum consult_take {
	CONSULT_TAKE_NONE,      /* no service of this unit receives it: ask at the counter */
	CONSULT_TAKE_OPEN,      /* a service receives it and gives numbers now */
	CONSULT_TAKE_LATER,     /* a service receives it; closed now: opens at *when */
	CONSULT_TAKE_FULL,      /* a service receives it; today's numbers are all given */
};

struct journey_ctx;
struct prints;
struct take;
struct consult;

/* cx, p and t outlive the journey. Caller frees with consult_free. */
int consult_new(struct journey_ctx *cx, struct prints *p, struct take *t, struct consult **out);
void consult_free(struct consult *c);

/* The procedures in use; NULL when there are none. Borrowed until the next journeys_poll_remote. */
const struct proc_set *consult_set(struct consult *c);
/* Builds the search index now when the procedures or the catalogue changed since it was built
 * (about 150 ms for 2 000 procedures): journeys_poll_remote calls it between citizens, so
 * that no citizen's first keystroke waits for it. ready: the index is of the set in use. */
void consult_prepare(struct consult *c);
bool consult_ready(const struct consult *c);

/* Searches (proc_search.h); the results stay until the next search or consult_leave.
 * Returns how many match. */
size_t consult_search(struct consult *c, const char *query, bool typing);
const struct proc_hit *consult_results(const struct consult *c, size_t *n, size_t *total);

/* The query the citizen types on the search screen, composed the Telex way (firmware/telex.h:
 * "ddawng kys" is "đăng ký"), searched again after every key with its last word a prefix.
 * At most CONSULT_QUERY_MAX letters (a key beyond is refused with ERR_RANGE); ERR_INVAL for
 * text that is not UTF-8. The query goes at consult_leave, and is never logged nor sent. */
#define CONSULT_QUERY_MAX 80
int consult_key(struct consult *c, uint32_t key);
int consult_text(struct consult *c, const char *utf8);
void consult_backspace(struct consult *c);
void consult_clear(struct consult *c);
/* The query as typed (NFC UTF-8, "" none). */
const char *consult_query(const struct consult *c);

/* Opens the procedure of that code (usage "viewed"); ERR_NOTFOUND when there is none. */
int consult_open(struct consult *c, const char *code, enum consult_via via);
/* The procedure open, NULL none. */
const struct proc *consult_current(const struct consult *c);

/* The service that would give the number for the open procedure: the first of its services
 * in the catalogue that gives numbers now, else the one that opens first. *prefix ("" none)
 * and *when (UTC seconds of its next opening for LATER and FULL, -1 unknown). */
enum consult_take consult_take_state(struct consult *c, char *prefix, size_t len, int64_t *when);
/* Takes a number for the open procedure (take.h shows the ticket or the notice); usage
 * "number". ERR_NOTFOUND when no service of the unit receives it. */
int consult_take_number(struct consult *c, int64_t tap_ns);

/* Prints the open procedure's checklist slip (prints_checklist); usage "printed" once it is
 * out. ERR_STATE with nothing open; otherwise as prints_checklist. */
int consult_print(struct consult *c);
/* The checklist's print result (journeys.c routes it here). */
void consult_on_print(struct consult *c, const struct printq_result *res);
/* The last checklist's outcome for the open procedure: CONSULT_PRINT_NONE, _PRINTING,
 * _DONE or _FAILED. */
enum consult_print { CONSULT_PRINT_NONE, CONSULT_PRINT_PRINTING, CONSULT_PRINT_DONE,
		     CONSULT_PRINT_FAILED };
enum consult_print consult_printed(const struct consult *c);

/* The citizen left the journey: the query and results are forgotten. */
void consult_leave(struct consult *c);

#endif
