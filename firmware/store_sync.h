/* store_sync: what the sync worker keeps about the central system beyond the outbox: remote
 * commands (so that each runs once, even when a heartbeat reply is repeated or the kiosk
 * restarts) and the last catalogue received with its ETag (so that the kiosk starts with it
 * and asks for it conditionally).
 *
 * Tables sync_commands, sync_catalog and kiosk_state, created on first use with CREATE TABLE IF NOT EXISTS,
 * outside the versioned migrations (nothing else refers to them; an older firmware ignores
 * them). Part of the store module; used by one thread at a time (the sync worker's handle). */
#ifndef KIOSK_STORE_SYNC_H
#define KIOSK_STORE_SYNC_H

#include "store.h"

#include <stddef.h>
#include <stdint.h>

#define STORE_COMMAND_ID_MAX 40       /* id bytes, NUL included */
#define STORE_COMMAND_KEEP_S (30 * 24 * 3600) /* acknowledged commands remembered this long */

struct store_command {
	char id[STORE_COMMAND_ID_MAX];
	char kind[24];
	char message[256];
	int64_t received_at;
};

int store_sync_init(struct store *s);

/* Records a command received from the central system. Returns 1 when it is new, 0 when this
 * id was seen before: it is not offered again (a command runs once), and if it was already
 * acknowledged it is acknowledged again (the central system did not hear it). taken: recorded
 * as already taken (a command the kiosk will not run, acknowledged all the same). */
int store_command_add(struct store *s, const struct store_command *c, int taken, int64_t now);
/* Commands received but not yet taken by the UI (after a restart), oldest first. */
int store_command_untaken(struct store *s, struct store_command *out, int max, int *n);
/* The UI took it: it is acknowledged at the next heartbeat. */
int store_command_taken(struct store *s, const char *id, int64_t now);
/* Ids taken and not yet acknowledged, oldest first. */
int store_command_unacked(struct store *s, char (*ids)[STORE_COMMAND_ID_MAX], int max, int *n);
/* The central system has the acknowledgements: marks them, and forgets acknowledged commands
 * older than STORE_COMMAND_KEEP_S. */
int store_command_acked(struct store *s, char (*ids)[STORE_COMMAND_ID_MAX], int n, int64_t now);

/* The last valid catalogue from the central system (INI text) and its ETag (verbatim,
 * quotes included). */
int store_catalog_put(struct store *s, const char *text, const char *etag, int64_t now);
/* *text is malloc'd (caller frees); ERR_NOTFOUND when none was ever stored. */
int store_catalog_get(struct store *s, char **text, char *etag, size_t etag_len,
		      int64_t *received_at);

/* The same for the last valid procedures from the central system (docs/procedures.md). */
int store_procedures_put(struct store *s, const char *text, const char *etag, int64_t now);
int store_procedures_get(struct store *s, char **text, char *etag, size_t etag_len,
			 int64_t *received_at);

/* Small facts of the kiosk's own state that must outlive a restart ("lock": the message of a
 * lock ordered by the central system; "sync_error": the last failed exchange, for the next
 * heartbeat). Table kiosk_state, created like the others. store_state_get: ERR_NOTFOUND when
 * unset; the value is cut to fit len; *at (may be NULL) gets the time it was put. Deleting an
 * unset key is not an error. */
int store_state_put(struct store *s, const char *key, const char *value, int64_t now);
int store_state_get(struct store *s, const char *key, char *value, size_t len, int64_t *at);
int store_state_delete(struct store *s, const char *key);

#endif
