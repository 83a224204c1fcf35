/* store_cache: the lookup_cache table (store_cache.h). Every function first makes sure the
 * table exists (CREATE ... IF NOT EXISTS: cheap, and it keeps struct store free of a flag),
 * then runs one prepared statement, or one transaction for a put. */
#include "store_cache.h"

#include "err.h"
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

static int fail(struct store *s, int rc, const char *what)
{
	return store_fail(s, rc, what);
}

int store_cache_init(struct store *s)
{
	int rc = sqlite3_exec(s->db,
			      "CREATE TABLE IF NOT EXISTS lookup_cache ("
			      " kind INTEGER NOT NULL,"
			      " key TEXT NOT NULL,"
			      " value TEXT NOT NULL,"
			      " fetched_at INTEGER NOT NULL,"
			      " PRIMARY KEY (kind, key));"
			      "CREATE INDEX IF NOT EXISTS lookup_cache_fetched"
			      " ON lookup_cache(fetched_at);",
			      NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : fail(s, rc, "create");
}

/* Prepares sql after making sure the table exists. */
static int prepare(struct store *s, const char *sql, sqlite3_stmt **st)
{
	int rc = store_cache_init(s);

	if (rc)
		return rc;
	rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
	return rc == SQLITE_OK ? 0 : fail(s, rc, "prepare");
}

/* Runs a statement to its end. */
static int run(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		rc = fail(s, rc, what);
	else
		rc = 0;
	sqlite3_finalize(st);
	return rc;
}

static int put_locked(struct store *s, int kind, const char *key, const char *value,
		      int64_t now, int max_rows, int64_t max_age_s)
{
	sqlite3_stmt *st;
	int rc = prepare(s, "INSERT OR REPLACE INTO lookup_cache (kind, key, value, fetched_at)"
			 " VALUES (?, ?, ?, ?)", &st);

	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, kind);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	rc = run(s, st, "insert");
	if (!rc)
		rc = prepare(s, "DELETE FROM lookup_cache WHERE fetched_at < ?", &st);
	if (!rc) {
		sqlite3_bind_int64(st, 1, now - max_age_s);
		rc = run(s, st, "expire");
	}
	if (!rc)
		rc = prepare(s, "DELETE FROM lookup_cache WHERE rowid NOT IN (SELECT rowid FROM"
			     " lookup_cache ORDER BY fetched_at DESC, rowid DESC LIMIT ?)", &st);
	if (!rc) {
		sqlite3_bind_int(st, 1, max_rows);
		rc = run(s, st, "trim");
	}
	return rc;
}

int store_cache_put(struct store *s, int kind, const char *key, const char *value,
		    int64_t now, int max_rows, int64_t max_age_s)
{
	int rc;

	if (!key || !value || max_rows < 1 || max_age_s < 0)
		return ERR_INVAL;
	if (strlen(value) >= STORE_CACHE_VALUE_MAX)
		return ERR_RANGE;
	rc = store_cache_init(s);
	if (!rc)
		rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE;", NULL, NULL, NULL) == SQLITE_OK
			     ? 0 : fail(s, sqlite3_errcode(s->db), "begin");
	if (rc)
		return rc;
	rc = put_locked(s, kind, key, value, now, max_rows, max_age_s);
	if (!rc && sqlite3_exec(s->db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
		rc = fail(s, sqlite3_errcode(s->db), "commit");
	if (rc)
		sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
	return rc;
}

int store_cache_get(struct store *s, int kind, const char *key, int64_t now,
		    int64_t max_age_s, char *value, size_t len, int64_t *fetched_at)
{
	sqlite3_stmt *st;
	int rc = prepare(s, "SELECT value, fetched_at FROM lookup_cache"
			 " WHERE kind = ? AND key = ? AND fetched_at >= ?", &st);

	if (len)
		value[0] = '\0';
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, kind);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now - max_age_s);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		int n = sqlite3_column_bytes(st, 0);

		*fetched_at = sqlite3_column_int64(st, 1);
		if (t && (size_t)n < len) {
			memcpy(value, t, (size_t)n + 1);
			rc = 0;
		} else {
			rc = ERR_RANGE;
		}
	} else {
		rc = rc == SQLITE_DONE ? ERR_NOTFOUND : fail(s, rc, "get");
	}
	sqlite3_finalize(st);
	return rc;
}

int store_cache_delete(struct store *s, int kind, const char *key)
{
	sqlite3_stmt *st;
	int rc = prepare(s, "DELETE FROM lookup_cache WHERE kind = ? AND key = ?", &st);

	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, kind);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	return run(s, st, "delete");
}

int store_cache_count(struct store *s, int *n)
{
	sqlite3_stmt *st;
	int rc = prepare(s, "SELECT count(*) FROM lookup_cache", &st);

	if (rc)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int(st, 0);
		rc = 0;
	} else {
		rc = fail(s, rc, "count");
	}
	sqlite3_finalize(st);
	return rc;
}
