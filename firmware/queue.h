/* queue: queue numbers. Decides the service day (local midnight, UTC+7, robust to the clock
 * moving back), whether a service can issue now (hours, cap), issues through the store, and
 * formats numbers and ticket ids. No SDL, no SQL: the store keeps the rows.
 *
 * A ticket exists for the citizen only once it is printed: queue_issue numbers it PENDING,
 * queue_finish records PRINTED, or VOIDED when the print fails (the number stays recorded and
 * is never called), or SHOWN when the unit allows showing it on screen instead.
 *
 * Central numbering ([sync] numbering = central) takes two steps, with the question to the
 * central system in between (firmware/numbers.h): queue_check says whether a number may be
 * asked for (or replays the request's ticket), queue_issue_numbered records the central
 * system's number, or one of this kiosk's reserved range when no usable answer came in time. */
#ifndef KIOSK_QUEUE_H
#define KIOSK_QUEUE_H

#include "catalog.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

enum queue_avail { QUEUE_OPEN, QUEUE_CLOSED, QUEUE_FULL };

struct queue_avail_info {
	enum queue_avail avail;
	int64_t next_open;   /* UTC seconds, -1 if none within 60 days (when closed) */
	int issued;          /* active tickets today */
	int cap;             /* 0: none */
};

struct queue_ticket {
	int64_t id;
	char prefix[8];
	int day, seq, priority, status;
	int64_t issued_at;
	char number[16];     /* "A-042" */
	char ticket_id[64];  /* "<kiosk id>-<YYYYMMDD>-<prefix><seq>", in the QR code */
	int numbering;       /* enum store_numbering: local, central or fallback */
	int ahead;           /* tickets ahead of this one (see ahead_known) */
	bool ahead_known;    /* true: from the counters' last called number; false: issued
	                      * earlier today, an upper bound, because no one told us who was called */
};

struct queue;

/* st and cat are borrowed and must outlive the queue. Caller frees with queue_free. */
int queue_new(struct store *st, const struct catalog *cat, const char *kiosk_id, struct queue **out);
void queue_free(struct queue *q);

/* The service day for now: the local date, unless tickets exist for a later day that is at
 * most one day ahead (the clock was moved back): then that day, so that no number repeats. */
int queue_service_day(struct queue *q, int64_t now, int *ymd);
int queue_availability(struct queue *q, const struct catalog_service *s, int64_t now,
		       struct queue_avail_info *out);
/* True when no service is open now; next_open gets the earliest next opening (or -1). */
bool queue_all_closed(struct queue *q, int64_t now, int64_t *next_open);

/* Returns 0 with *replayed false for a new ticket, or true when request_id was seen before
 * (out: the same ticket again); ERR_NOTFOUND, ERR_CLOSED, ERR_CAP, ERR_INVAL (priority not
 * allowed), or a store error. */
int queue_issue(struct queue *q, const char *prefix, int priority, const char *request_id,
		int64_t now, struct queue_ticket *out, bool *replayed);

/* Central numbering, step 1: the checks of queue_issue without issuing. Returns 0 when a number
 * may be asked for *day (the service day for now), or with *replayed true when request_id was
 * issued before (out = that ticket, to replay); or queue_issue's errors (ERR_CAP counts this
 * kiosk's tickets). */
int queue_check(struct queue *q, const char *prefix, int priority, const char *request_id,
		int64_t now, struct queue_ticket *out, int *day, bool *replayed);

/* Central numbering, step 2: the answer, or the lack of one. */
struct queue_numbered {
	const char *prefix;
	int priority;
	const char *request_id;
	int day;                 /* as given by queue_check when the number was asked for */
	int central_seq;         /* the central system's number; 0: none in time (fallback) */
	int range_from, range_to; /* this kiosk's reserved range, [sync] reserved_from..to */
};

/* Records the ticket: the central number, or the next of the reserved range when there is none
 * or this kiosk already holds it (out->numbering says which). The service's hours are not
 * checked again (the citizen asked in time). Returns 0 (with *replayed true when request_id
 * was issued before: that ticket), ERR_RANGE (the reserved range is used up for today:
 * nothing issued), ERR_CAP, or a store error. */
int queue_issue_numbered(struct queue *q, const struct queue_numbered *n, int64_t now,
			 struct queue_ticket *out, bool *replayed);

int queue_finish(struct queue *q, int64_t id, int status, const char *reason, int64_t now);
/* The ticket printed last on the current service day, people ahead as of now (a reprint);
 * ERR_NOTFOUND when none was printed today. */
int queue_last_printed(struct queue *q, int64_t now, struct queue_ticket *out);
/* A new catalogue (from the central system); borrowed like the first one. Only between
 * citizens: pointers into the old one must no longer be in use. */
void queue_set_catalog(struct queue *q, const struct catalog *cat);
/* Void tickets left pending by a crash or power cut; call once at start-up. */
int queue_recover(struct queue *q, int64_t now, int *voided);

void queue_format_number(const char *prefix, int seq, char *out, unsigned len);

#endif
