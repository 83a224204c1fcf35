/* lookup: questions the kiosk asks the central system while a citizen waits in front of the
 * screen (docs/protocol.md): a dossier's status, and who served a queue ticket. Answers come
 * back asynchronously, so the UI thread never blocks.
 *
 * A worker thread owns its own HTTP context (separate from the sync worker, so a lookup never
 * waits behind a backlog drain) and its own store handle, where recent answers are cached
 * (bounded, masked names only). When the central system cannot be reached in time the answer
 * is the cached one with its time (LOOKUP_CACHED), or LOOKUP_UNAVAILABLE.
 *
 * Backends: "central" (HTTPS, mutual TLS, from struct sync_config) and "fixture" (a JSON file
 * shaped like the server's replies, for screen tests of the layer above; see lookup.c). */
#ifndef KIOSK_LOOKUP_H
#define KIOSK_LOOKUP_H

#include "dossier.h"
#include "lang.h"
#include "sync.h"

#include <stdbool.h>
#include <stdint.h>

#define LOOKUP_TIMEOUT_MS 3000      /* default per question */
#define LOOKUP_CACHE_MAX 200        /* cached answers kept (oldest dropped) */
#define LOOKUP_CACHE_MAX_AGE_S (7 * 24 * 3600)

enum lookup_kind { LOOKUP_DOSSIER, LOOKUP_TICKET_OFFICER };

enum lookup_state {
	LOOKUP_FOUND,        /* a fresh answer from the central system */
	LOOKUP_NOT_FOUND,    /* the central system does not know this code / ticket */
	LOOKUP_CACHED,       /* central unreachable: the cached answer, fetched at fetched_s */
	LOOKUP_UNAVAILABLE,  /* central unreachable and nothing cached */
	LOOKUP_REFUSED,      /* the request itself was bad (e.g. not a code): nothing asked */
};

struct dossier_info {
	char code[DOSSIER_CODE_MAX + 1];
	char procedure[LANG_COUNT][200];  /* procedure name, NFC */
	char owner_masked[96];            /* dossier_mask_name() of the owner: never the full name */
	int status;                       /* 1..10, docs/domain.md */
	int64_t received_s;               /* UTC seconds; 0: unknown */
	int64_t due_s;                    /* original due date; 0: none */
	int64_t rescheduled_due_s;        /* the one new due date after an apology; 0: none */
	char counter[32];                 /* counter to go to, as shown ("3"), "" unknown */
	char service[4];                  /* queue prefix for a "collect result" ticket, "" none */
	char officer_id[32];              /* officer who received the dossier (rating), "" unknown */
};

struct ticket_officer {
	char ticket_id[64];
	bool served;                      /* false: not yet called at a counter */
	char officer_id[32];              /* when served */
	char counter[32];
};

struct lookup_answer {
	uint32_t tag;                     /* as given to lookup_submit */
	enum lookup_kind kind;
	enum lookup_state state;
	int64_t fetched_s;                /* when this answer came from the central system */
	char key[64];                     /* the code or ticket id asked about */
	struct dossier_info dossier;      /* LOOKUP_DOSSIER, FOUND or CACHED */
	struct ticket_officer ticket;     /* LOOKUP_TICKET_OFFICER, FOUND or CACHED */
	char reason[96];                  /* why UNAVAILABLE / REFUSED, for logs (no personal data) */
	int64_t elapsed_ms;               /* submit to answer, for make bench */
};

/* Called on the worker thread; copy what you need. */
typedef void (*lookup_cb)(void *ctx, const struct lookup_answer *ans);

struct lookup;

/* cfg NULL or cfg->url empty with fixture NULL: every question answers LOOKUP_UNAVAILABLE
 * ("no central system") from the cache only. fixture non-NULL: the fixture backend. timeout_ms
 * 0: LOOKUP_TIMEOUT_MS. db_path: the kiosk's database (the cache table lives there). */
int lookup_start(const struct sync_config *cfg, const char *fixture, const char *db_path,
		 int timeout_ms, lookup_cb cb, void *ctx, struct lookup **out);
void lookup_stop(struct lookup *l);   /* NULL is a no-op; abandons a request in flight */

/* Non-blocking. A newer question replaces one not yet started (which is then never answered).
 * now_s stamps a fresh answer in the cache (the caller's clock, so scripted runs are
 * deterministic) and judges the age of a cached one. ERR_INVAL for a key that is empty or too
 * long, ERR_STATE for l NULL (a worker that did not start). */
int lookup_submit(struct lookup *l, enum lookup_kind kind, const char *key, int64_t now_s,
		  uint32_t tag);
/* A question submitted and not yet started by the worker (a newer one would replace it). */
bool lookup_waiting(struct lookup *l);
/* Tests and screen scripts: while set, the backend behaves as unreachable. l NULL: no-op. */
void lookup_set_offline(struct lookup *l, bool offline);

/* ---- the parts without a thread (tests, make fuzz, the fixture backend) ---------------- */

/* Judges one reply of the central system to the question (kind, key): a 200 whose body is a
 * well-formed answer for that key gives LOOKUP_FOUND with out->dossier or out->ticket filled
 * (the owner's name masked); a 404 whose body is a JSON object gives LOOKUP_NOT_FOUND;
 * anything else (other status, body not JSON, a field missing, of the wrong type or out of
 * range, a reply about another key) gives LOOKUP_UNAVAILABLE with out->reason saying why.
 * Sets out->kind, out->state and out->key; returns out->state. body need not be
 * NUL-terminated. */
enum lookup_state lookup_judge_reply(enum lookup_kind kind, const char *key, long status,
				     const char *body, size_t len, struct lookup_answer *out);
/* True when key can be asked about: a dossier code of 1..DOSSIER_CODE_MAX printable ASCII
 * characters with a digit and without spaces or quotes, or a ticket id of 1..63 such
 * characters. Anything else is answered LOOKUP_REFUSED without asking. */
bool lookup_key_valid(enum lookup_kind kind, const char *key);
/* A short fixed English name: "found", "not-found", "cached", "unavailable", "refused". */
const char *lookup_state_name(enum lookup_state s);

#endif
