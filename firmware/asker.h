/* asker: one worker thread that asks the central system a question while someone waits, the
 * machinery shared by lookup.c (dossiers, tickets) and numbers.c (queue numbers).
 *
 * One question at a time, in a one-place slot: a newer question replaces one the worker has
 * not started yet (which is then never answered). The worker takes the question, works out
 * the answer (ops->answer, which may block up to its module's deadline), and hands it on
 * (ops->deliver) unless asker_stop was called meanwhile: an abandoned question is never
 * answered. asker_stop abandons an HTTP request in flight within about a second (the stop
 * flag is the HTTP context's cancel flag, http_set_cancel).
 *
 * The asker copies the link to the central system (sync_config's url, TLS paths and kiosk
 * id) and owns the HTTP context made from it. It logs nothing: what a question and its
 * answer may show in a log is the module's business. Monotonic times come from a real clock
 * of its own; asker_submit stamps them. */
#ifndef KIOSK_ASKER_H
#define KIOSK_ASKER_H

#include "sync.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct http;

/* What a module asks and answers; usually one static const table per module. */
struct asker_ops {
	size_t question_size;   /* bytes copied by asker_submit */
	size_t answer_size;     /* bytes of the answer buffer, zeroed before each answer */
	/* Worker thread. question: the asker's copy, valid until deliver returns; t0_ms: the
	 * monotonic time of its asker_submit. Fills answer; may block (a deadline of its own;
	 * long waits check asker_stopping). */
	void (*answer)(void *owner, const void *question, int64_t t0_ms, void *answer);
	/* Worker thread, after answer, only when asker_stop has not been called: logs and hands
	 * the answer to whoever waits for it (it is the asker's buffer: copy what you need). */
	void (*deliver)(void *owner, const void *question, const void *answer);
};

struct asker;

/* Starts the worker. ops and owner are borrowed and must outlive the asker; ops->answer and
 * ops->deliver get owner. link NULL or without url: no central system (asker_central false,
 * no HTTP context); else its strings are copied (url without trailing '/', each under 256
 * bytes, the kiosk id under 32: else ERR_CONFIG) and an HTTP context made with
 * http_timeout_ms per request (http_new's errors). ERR_INVAL for a table without both
 * callbacks or a question of size 0, ERR_NOMEM. *out is NULL on error; free with asker_stop.
 * The ops run only for questions given to asker_submit, which needs *out: so they may reach
 * the asker through owner (the slot's mutex orders the two threads). */
int asker_start(const struct asker_ops *ops, void *owner, const struct sync_config *link,
		long http_timeout_ms, struct asker **out);
/* Stops the worker, abandoning the question in flight (never delivered) and any pending one,
 * waits for the thread, frees. Not from inside ops. NULL is a no-op. */
void asker_stop(struct asker *a);
/* Non-blocking, any thread: copies the question into the slot, replacing a question not yet
 * started. ERR_INVAL when size is not ops->question_size, ERR_STATE for a NULL. */
int asker_submit(struct asker *a, const void *question, size_t size);
/* Any thread: a question is in the slot, not yet taken by the worker (it may still be
 * replaced). False for a NULL. */
bool asker_waiting(struct asker *a);

/* Any thread. While set, modules answer as if the central system were unreachable (tests and
 * screen scripts). asker_set_offline(NULL, ...) is a no-op. */
void asker_set_offline(struct asker *a, bool offline);
bool asker_offline(const struct asker *a);
/* True once asker_stop was called: a long wait inside ops->answer gives up. */
bool asker_stopping(const struct asker *a);
/* Monotonic milliseconds since t0_ms (a time given to ops->answer). */
int64_t asker_since_ms(const struct asker *a, int64_t t0_ms);

/* The link, as copied at start ("" without a central system). Read-only, any thread. */
bool asker_central(const struct asker *a);
const char *asker_url(const struct asker *a);
const char *asker_kiosk_id(const struct asker *a);
/* The HTTP context, NULL without a central system. Worker thread only (inside ops): it
 * belongs to that thread. */
struct http *asker_http(const struct asker *a);

#endif
