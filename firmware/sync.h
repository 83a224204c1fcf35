/* sync: the kiosk's side of docs/protocol.md. Drains the outbox to POST /api/v1/events in
 * batches (oldest first, marked sent only on a well-formed 200), sends the heartbeat (which
 * brings remote commands and acknowledges those taken), polls GET /api/v1/queue into the
 * store, and polls GET /api/v1/catalog conditionally. jansson stays inside this module.
 *
 * A worker thread (sync_start) owns its own store handle and HTTP connection; the UI thread
 * only calls sync_status, sync_kick, sync_set_printer, sync_take_command and
 * sync_take_catalog, which never block on the network or the database. Tests drive one
 * synchronous pass with sync_open + sync_run_once.
 *
 * Start reading at worker(), then drain() and send_batch(). */
#ifndef KIOSK_SYNC_H
#define KIOSK_SYNC_H

#include "http.h"
#include "store.h"

#include <stddef.h>
#include <stdint.h>

#define SYNC_BATCH_MAX 500
#define SYNC_BACKOFF_BASE_MS 1000
#define SYNC_BACKOFF_MAX_MS 300000
#define SYNC_CATALOG_S 600          /* default catalogue poll period, ± 20 % jitter */
#define SYNC_COMMANDS_MAX 16        /* commands waiting for the UI at a time */
#define SYNC_ACKS_MAX 64            /* acknowledgements per heartbeat */

/* Remote commands, from the heartbeat reply (docs/protocol.md). */
enum sync_command_kind {
	SYNC_CMD_LOCK,           /* stop serving citizens; show message */
	SYNC_CMD_UNLOCK,
	SYNC_CMD_REPRINT_LAST,   /* print the last ticket again */
	SYNC_CMD_RELOAD_CONFIG,  /* read the configuration (and catalogue) again */
};

struct sync_command {
	char id[40];             /* the central system's id, acknowledged once taken */
	enum sync_command_kind kind;
	char message[256];       /* lock: the text to show (NFC, may be ""); "" for the others */
	int64_t received_s;      /* UTC seconds, the kiosk's clock */
};

/* Strings are copied by sync_open/sync_start. */
struct sync_config {
	const char *url;       /* https://host:port; the API lives under /api/v1 */
	const char *ca;        /* the central CA (PEM), pinned */
	const char *cert, *key; /* this kiosk's certificate and key (mutual TLS) */
	const char *kiosk_id;  /* must equal the certificate's CN */
	const char *version;   /* firmware version, for the heartbeat; NULL: "unknown" */
	int batch;             /* events per request, 1..SYNC_BATCH_MAX */
	int heartbeat_s;       /* ± 20 % jitter */
	int queue_s;           /* ± 20 % jitter */
	int timeout_ms;        /* per request; 0: HTTP_TIMEOUT_MS */
	int catalog_s;         /* catalogue poll period; 0: SYNC_CATALOG_S */
};

struct config;
/* The link as the kiosk's [sync] section and kiosk_id give it (pointers into c, which must
 * outlive out); version may be NULL. */
void sync_config_from(const struct config *c, const char *version, struct sync_config *out);

/* A snapshot for the health screen and logs. */
struct sync_health {
	int64_t last_ok_s;        /* UTC time of the last successful exchange, 0: never */
	int64_t last_sent_s;      /* UTC time a batch was last accepted, 0: never */
	int64_t server_time_s;    /* from the last heartbeat reply (display only), 0: unknown */
	int64_t sent_total;       /* events marked sent since start */
	int backlog;              /* unsent outbox rows, as of the last pass */
	int failures;             /* consecutive failed exchanges, 0 while the link is fine */
	/* The first failed exchange of the current run of failures (the one that says why; the
	 * later ones are counted in failures), or of the last run once the link is back. */
	int last_error;           /* its project code, 0: none yet */
	char last_error_reason[128]; /* "events: server certificate expired": exchange and why */
	int64_t last_error_s;     /* when it happened */
};

struct sync;

/* The wait after `failures` consecutive failures (0: none): full jitter over a ceiling that
 * starts at 1 s and doubles up to 300 s; random is any uniformly random 32-bit value. */
int64_t sync_backoff_ms(int failures, uint32_t random);

/* The POST /api/v1/events body for rows[0..n); *out is NUL-terminated, caller frees with
 * free(). A row whose body is not a JSON object (a bug: the store writes them) is sent as
 * {"unparsed": "<text>"} and logged, so it is neither lost nor blocks the outbox. */
int sync_build_batch(const char *kiosk_id, const struct store_outbox_row *rows, int n,
		     char **out);

/* Judges the reply to a batch of rows[0..n) and, only when it is a 200 whose body is an object
 * with integer accepted and duplicates (>= 0, summing to n), marks all n rows sent at `now`.
 * Otherwise nothing is marked, reason says why, and the result is ERR_BUSY (429/503), ERR_PERM
 * (401/403), ERR_TIMEOUT (408/504), ERR_INVAL (malformed 200) or ERR_IO (other status). */
int sync_apply_events_reply(struct store *st, const struct store_outbox_row *rows, int n,
			    const struct http_reply *reply, int64_t now, char *reason,
			    size_t len);

/* Stores GET /api/v1/queue's last_called for every service, under the reply's day. A body that
 * is malformed in any part stores nothing: ERR_INVAL. */
int sync_apply_queue_reply(struct store *st, const struct http_reply *reply, int64_t now,
			   char *reason, size_t len);

/* A context without a thread, for sync_run_once. The store is opened at the first pass.
 * ERR_CONFIG for a missing url/TLS path/kiosk id or a batch out of range. */
int sync_open(const struct sync_config *cfg, const char *db_path, struct sync **out);
/* One synchronous round on the calling thread: drain the outbox (batch after batch until it
 * is empty or a batch fails), one heartbeat, one queue poll. Returns 0 or the first error;
 * details in sync_status. ERR_STATE on a context whose worker runs. */
int sync_run_once(struct sync *s);

/* sync_open plus the worker thread, which opens its own store handle. */
int sync_start(const struct sync_config *cfg, const char *db_path, struct sync **out);
/* Stops the worker (abandoning a request in flight within about a second), closes, frees.
 * NULL is a no-op. */
void sync_stop(struct sync *s);

/* Thread-safe, non-blocking. */
void sync_status(struct sync *s, struct sync_health *out);
/* New outbox rows: drain now rather than at the next idle poll (unless backing off). */
void sync_kick(struct sync *s);
/* The printer state reported by the next heartbeat ("ready", "paper-out", ...). */
void sync_set_printer(struct sync *s, const char *state);

/* Thread-safe, non-blocking. The oldest remote command not yet taken: 1 and *out filled, or
 * 0 when there is none. Each command is given out once, even when the central system repeats
 * it or the kiosk restarts before acting on it (it is kept in the store until taken); taking
 * it acknowledges it at the next heartbeat. The caller runs it. */
int sync_take_command(struct sync *s, struct sync_command *out);
/* Thread-safe, non-blocking. A catalogue (INI text) that the UI has not taken yet: 1 and *text
 * (malloc'd, the caller frees), or 0. Only a catalogue that catalog_load_string accepts is
 * offered: a new one from the central system, or at start the last one stored. */
int sync_take_catalog(struct sync *s, char **text);
/* As sync_take_catalog, for the procedures (docs/procedures.md) that proc_load_string accepts. */
int sync_take_procedures(struct sync *s, char **text);

/* ---- parts of one pass, for tests (the calling thread acts as the worker) ------------- */

/* The heartbeat request body, with the ids of the commands taken and not yet acknowledged.
 * *out is malloc'd. */
int sync_heartbeat_body(struct sync *s, char **out);
/* Judges a heartbeat reply to a body built by sync_heartbeat_body: a 200 with an integer time
 * and an array of commands marks that body's acknowledgements done and records each new
 * command (a command without a usable id is skipped; an unknown kind is acknowledged but
 * never given out). Anything else: ERR_INVAL (or the status's code) and nothing changes. */
int sync_apply_heartbeat_reply(struct sync *s, const struct http_reply *reply, int64_t now,
			       char *reason, size_t len);
/* Judges a GET /api/v1/catalog reply: 304 changes nothing; a 200 {"format": "ini",
 * "catalog": text} whose text catalog_load_string accepts is stored with reply->etag and
 * offered to sync_take_catalog; anything else (including a catalogue the kiosk refuses:
 * the reason names its line) is ERR_INVAL and the stored catalogue stays. */
int sync_apply_catalog_reply(struct sync *s, const struct http_reply *reply, int64_t now,
			     char *reason, size_t len);
/* The ETag sent as If-None-Match ("" none). */
void sync_catalog_etag(struct sync *s, char *out, size_t len);
/* Judges a GET /api/v1/procedures reply as sync_apply_catalog_reply does a catalogue's:
 * {"format": "ini", "procedures": text}, text as proc_load_string accepts it; anything else
 * (a reply too large for HTTP_BODY_MAX never gets here) leaves the stored procedures. */
int sync_apply_procedures_reply(struct sync *s, const struct http_reply *reply, int64_t now,
				char *reason, size_t len);
void sync_procedures_etag(struct sync *s, char *out, size_t len);

#endif
