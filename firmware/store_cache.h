/* store_cache: recent answers of the central system (firmware/lookup.c), in the kiosk's
 * database, so that a citizen still sees a dossier's last known state while the network is
 * down.
 *
 * One table, lookup_cache, created on first use with CREATE TABLE IF NOT EXISTS and kept out
 * of the versioned migrations: it holds nothing that cannot be asked again, and a firmware
 * that does not know it simply ignores it. A row is (kind, key) -> value, the text the caller
 * gives (lookup.c stores only what the screen shows: masked names), with the time it was
 * fetched. Bounded by row count and age on every put. Part of the store module: the only
 * other file that includes sqlite3.h. */
#ifndef KIOSK_STORE_CACHE_H
#define KIOSK_STORE_CACHE_H

#include "store.h"

#include <stddef.h>
#include <stdint.h>

#define STORE_CACHE_VALUE_MAX 4096   /* longer values are refused: ERR_RANGE */

/* Creates the table if missing. Idempotent; the other functions call it themselves. */
int store_cache_init(struct store *s);
/* Inserts or replaces (kind, key), then drops rows fetched more than max_age_s before now
 * and the oldest rows beyond max_rows, in one transaction. */
int store_cache_put(struct store *s, int kind, const char *key, const char *value,
		    int64_t now, int max_rows, int64_t max_age_s);
/* The value of (kind, key) and when it was fetched; ERR_NOTFOUND when absent or fetched more
 * than max_age_s before now. ERR_RANGE when it does not fit in len (value is then ""). */
int store_cache_get(struct store *s, int kind, const char *key, int64_t now,
		    int64_t max_age_s, char *value, size_t len, int64_t *fetched_at);
/* Forgets (kind, key); absent is not an error. */
int store_cache_delete(struct store *s, int kind, const char *key);
/* Rows in the table (tests, health). */
int store_cache_count(struct store *s, int *n);

#endif
