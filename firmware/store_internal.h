/* store_internal: what the files of the store module (store.c, store_rating.c) share. Only
 * they include it, and with it sqlite3.h; the rest of the firmware sees store.h. */
#ifndef KIOSK_STORE_INTERNAL_H
#define KIOSK_STORE_INTERNAL_H

#include "store.h"

#include <sqlite3.h>

struct store {
	sqlite3 *db;
};

/* An SQLite result code as a project error code (0 for OK, DONE and ROW). */
int store_from_sqlite(int rc);
/* Logs what failed with SQLite's message and returns store_from_sqlite(rc). */
int store_fail(struct store *s, int rc, const char *what);

#endif
