/* numbers: central numbering ([sync] numbering = central; docs/protocol.md "POST
 * /api/v1/numbers"). The kiosk asks the central system for the number of a citizen's request
 * and waits at most a short deadline; when no usable answer comes in time it takes a number
 * of its own reserved range instead (queue_issue_numbered), and its ticket.issued event says
 * so, so that the central system voids whatever number it gave for that request.
 *
 * A worker thread owns its own HTTP context (not the sync worker's, so a number never waits
 * behind a backlog drain), asks one request at a time and answers through the callback within
 * the deadline (measured from numbers_submit, on the monotonic clock): NUMBERS_CENTRAL with the
 * number, or NUMBERS_FALLBACK with the reason (offline, connection refused, timed out, HTTP
 * 503, a malformed reply, a reply about another request...). An answer that arrives after the
 * deadline is a fallback too: the worker never hands out a late number. jansson stays inside
 * the protocol modules (sync.c, lookup.c and this one). */
#ifndef KIOSK_NUMBERS_H
#define KIOSK_NUMBERS_H

#include "sync.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NUMBERS_DEADLINE_MS 800   /* default, [sync] numbering_deadline_ms */
#define NUMBERS_SEQ_MAX 9999      /* numbers are 1..9999 per service and day */

/* This kiosk's reserved range, [sync] reserved_from..reserved_to. */
struct numbers_range {
	int from, to;
};

struct numbers_request {
	char request_id[40];  /* the citizen's request (one per intent), 32 hex digits */
	char service[8];      /* queue prefix, 1-2 capitals */
	int priority;         /* enum priority_group */
	int day;              /* local service day YYYYMMDD, as the kiosk decided it */
};

enum numbers_result { NUMBERS_CENTRAL, NUMBERS_FALLBACK };

struct numbers_answer {
	char request_id[40];  /* the request this answers */
	enum numbers_result result;
	int seq;              /* NUMBERS_CENTRAL: the central system's number; else 0 */
	char reason[96];      /* NUMBERS_FALLBACK: why, for logs (no personal data); else "" */
	int64_t elapsed_ms;   /* submit to answer (monotonic), for logs and make bench */
};

/* Called on the worker thread; copy what you need. */
typedef void (*numbers_cb)(void *ctx, const struct numbers_answer *ans);

struct numbers;

/* cfg NULL or without url: every request is answered NUMBERS_FALLBACK ("no central system").
 * deadline_ms 0: NUMBERS_DEADLINE_MS. ERR_CONFIG for a TLS path missing or too long, or a
 * reserved range that is not 1 <= from <= to <= NUMBERS_SEQ_MAX. Free with numbers_stop. */
int numbers_start(const struct sync_config *cfg, int deadline_ms, struct numbers_range reserved,
		  numbers_cb cb, void *ctx, struct numbers **out);
/* Stops the worker (abandoning a request in flight within about a second), frees. NULL: no-op. */
void numbers_stop(struct numbers *n);
/* Non-blocking. A newer request replaces one not yet started (which is never answered).
 * ERR_INVAL for a request without an id, service or day; ERR_STATE for n NULL. */
int numbers_submit(struct numbers *n, const struct numbers_request *q);
/* Tests and screen scripts: while set, the central system behaves as unreachable. NULL: no-op. */
void numbers_set_offline(struct numbers *n, bool offline);
int numbers_deadline_ms(const struct numbers *n);

/* ---- the parts without a thread (tests, make fuzz) ------------------------------------- */

/* The request body: {"kiosk", "request", "service", "priority", "day"}. *out is malloc'd. */
int numbers_request_body(const char *kiosk_id, const struct numbers_request *q, char **out);

/* Judges one reply to q: a 200 whose body is an object with "request" (q's id), "service"
 * (q's), "day" (q's) and an integer "seq" in 1..NUMBERS_SEQ_MAX outside the reserved range is
 * NUMBERS_CENTRAL with out->seq; anything else (another status, not JSON, a member missing or
 * of the wrong type, a reply about another request, service or day, a number out of range or
 * in this kiosk's reserved range) is NUMBERS_FALLBACK with out->reason saying why. Members not
 * listed are ignored. Sets out->request_id, result, seq and reason; returns out->result. body
 * need not be NUL-terminated. */
enum numbers_result numbers_judge_reply(const struct numbers_request *q,
					struct numbers_range reserved, long status,
					const char *body, size_t len, struct numbers_answer *out);
/* True for 1 <= from <= to <= NUMBERS_SEQ_MAX. */
bool numbers_range_valid(struct numbers_range r);

#endif
