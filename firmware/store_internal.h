/* store_internal: what the files of the store module (store.c, store_rating.c) share. Only
 * they include it, and with it sqlite3.h; the rest of the firmware sees store.h. */
#ifndef KIOSK_STORE_INTERNAL_H
#define KIOSK_STORE_INTERNAL_H

#include "store.h"

#include <sqlite3.h>

#define STORE_CACHED_MAX 48

struct ledger;

struct store {
	sqlite3 *db;
	struct ledger *ledger;        /* borrowed (store_set_ledger); NULL: none */
	struct {                      /* prepared once (store.c prepare) */
		char *sql;
		sqlite3_stmt *st;
	} cached[STORE_CACHED_MAX];
	int ncached;
	bool fresh;                   /* it had no schema when opened */
};

/* An SQLite result code as a project error code (0 for OK, DONE and ROW). */
int store_from_sqlite(int rc);
/* Logs what failed with SQLite's message and returns store_from_sqlite(rc). */
int store_fail(struct store *s, int rc, const char *what);
/* A statement prepared once per handle and kept; give it back with store_done (reset). */
int store_prepare(struct store *s, const char *sql, sqlite3_stmt **st);
void store_done(struct store *s, sqlite3_stmt *st);

#endif
