/* take: a citizen takes a number, the kiosk's first journey. A number is issued PENDING and
 * handed to the printer (prints.h); the printer's answer makes it PRINTED, or VOIDED
 * (recorded, never called) with the offer of a new one, or SHOWN on screen where the unit
 * allows it. A ticket exists only once it is printed, and this module is where that holds:
 * from the tap to the printer's answer take_busy is true, and while it is nothing else may
 * take the screen (a scan, the idle timeout, a remote command all wait: journeys.c).
 *
 * With central numbering ([sync] numbering = central) the number is asked for first (the
 * ticket screen says "printing" meanwhile): the numbers worker's answer, or none by its
 * deadline plus a margin on the injected clock (take_check), settles it: the central
 * system's number, or the next of this kiosk's reserved range. Only an answer for the
 * request being waited for counts; a late one is logged and dropped.
 *
 * A repeated tap of the same intent (one request id, take_new_request) replays the ticket
 * it gave instead of issuing another. Start reading at take_number. */
#ifndef KIOSK_JOURNEY_TAKE_H
#define KIOSK_JOURNEY_TAKE_H

#include "drivers/printq.h"
#include "firmware/numbers.h"
#include "firmware/queue.h"

#include <stdbool.h>
#include <stdint.h>

enum take_phase {
	TAKE_IDLE,          /* no number asked for since the start */
	TAKE_ASKING,        /* central numbering: waiting for the number */
	TAKE_PRINTING,
	TAKE_PRINTED,
	TAKE_VOIDED,        /* the print failed: recorded, never called */
	TAKE_SHOWN,         /* the print failed, the number is shown on screen instead */
	TAKE_REFUSED,       /* no number: take_notice says why */
};

/* Why a service gives no number now. TAKE_NOTICE_RANGE: central numbering, no answer in
 * time, and this kiosk's reserved range used up for today: no number at all rather than one
 * that could be someone else's. */
enum take_notice { TAKE_NOTICE_CLOSED, TAKE_NOTICE_FULL, TAKE_NOTICE_ERROR, TAKE_NOTICE_RANGE };

struct journey_ctx;
struct prints;
struct take;

/* cx and p outlive the journey. Caller frees with take_free. */
int take_new(struct journey_ctx *cx, struct prints *p, struct take **out);
void take_free(struct take *t);

/* A new intent (the services screen, a retry, "collect result"): a new request id. */
void take_new_request(struct take *t);
/* Issue a number of service with priority and print it; tap_ns is the tap's monotonic time
 * (for make bench). Shows the ticket, or the notice of a refusal. */
void take_number(struct take *t, const char *service, int priority, int64_t tap_ns);
/* A service the citizen chose that cannot issue (closed or full, as its availability says):
 * the notice, saying when it opens next (when, UTC seconds; -1 unknown). */
void take_refuse(struct take *t, const char *service, enum take_notice why, int64_t when);
/* The numbers worker's answer, on the UI thread. */
void take_on_number(struct take *t, const struct numbers_answer *ans);
/* Every frame: a number asked for and not answered by the deadline plus a margin comes from
 * the reserved range. */
void take_check(struct take *t);
/* The printer's answer for ticket id. */
void take_on_print(struct take *t, int64_t ticket_id, const struct printq_result *res);

/* Whether a service can issue now (hours, cap); and whether none can (*next_open: the
 * earliest opening, -1 none known). */
int take_availability(const struct take *t, const struct catalog_service *s,
		      struct queue_avail_info *out);
bool take_all_closed(const struct take *t, int64_t *next_open);

/* A number is being asked for or printed. */
bool take_busy(const struct take *t);
/* A number is being asked for (central numbering). */
bool take_asking(const struct take *t);
/* Whether the take button works now: not while a copy or the test page prints, nor while the
 * printer cannot print unless the unit shows numbers on screen then. */
bool take_can_issue(const struct take *t);
/* The disk under var_dir cannot take a ticket's records now (firmware/storage.h): tickets
 * off, lookups and ratings on. */
bool take_storage_full(const struct take *t);

enum take_phase take_phase(const struct take *t);
/* The current ticket (zeroed while a number is asked for). Borrowed. */
const struct queue_ticket *take_ticket(const struct take *t);
/* Why the last print failed (ERR_PAPER...), 0 when it did not. */
int take_print_rc(const struct take *t);
/* The refusal shown: why, when the service opens next (-1 unknown) and its prefix. */
enum take_notice take_notice(const struct take *t, int64_t *when, const char **service);
/* Tickets printed since the start, and the tap-to-bytes time of the last (make bench). */
int take_printed(const struct take *t);
int64_t take_tap_to_bytes_ns(const struct take *t);

#endif
