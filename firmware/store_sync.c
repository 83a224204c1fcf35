/* store_sync: the sync_commands, sync_catalog and sync_procedures tables (store_sync.h). Every function first
 * makes sure the tables exist (CREATE ... IF NOT EXISTS), then runs its statements. */
#include "store_sync.h"

#include "err.h"
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_sync_init(struct store *s)
{
	int rc = sqlite3_exec(s->db,
			      "CREATE TABLE IF NOT EXISTS sync_commands ("
			      " id TEXT PRIMARY KEY,"
			      " kind TEXT NOT NULL,"
			      " message TEXT NOT NULL,"
			      " received_at INTEGER NOT NULL,"
			      " taken_at INTEGER,"
			      " acked_at INTEGER);"
			      "CREATE TABLE IF NOT EXISTS sync_catalog ("
			      " id INTEGER PRIMARY KEY CHECK (id = 1),"
			      " text TEXT NOT NULL,"
			      " etag TEXT NOT NULL,"
			      " received_at INTEGER NOT NULL);"
			      "CREATE TABLE IF NOT EXISTS sync_procedures ("
			      " id INTEGER PRIMARY KEY CHECK (id = 1),"
			      " text TEXT NOT NULL,"
			      " etag TEXT NOT NULL,"
			      " received_at INTEGER NOT NULL);"
			      "CREATE TABLE IF NOT EXISTS kiosk_state ("
			      " key TEXT PRIMARY KEY,"
			      " value TEXT NOT NULL,"
			      " at INTEGER NOT NULL);",
			      NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : store_fail(s, rc, "sync tables");
}

static int prepare(struct store *s, const char *sql, sqlite3_stmt **st)
{
	int rc = store_sync_init(s);

	if (rc)
		return rc;
	rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
	return rc == SQLITE_OK ? 0 : store_fail(s, rc, "prepare");
}

/* Steps st to its end and finalizes it; *changes gets the rows changed (may be NULL). */
static int run(struct store *s, sqlite3_stmt *st, int *changes)
{
	int rc = sqlite3_step(st);

	rc = rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_fail(s, rc, "step");
	if (!rc && changes)
		*changes = sqlite3_changes(s->db);
	sqlite3_finalize(st);
	return rc;
}

static void column_text(sqlite3_stmt *st, int col, char *dst, size_t len)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, len, "%s", t ? (const char *)t : "");
}

int store_command_add(struct store *s, const struct store_command *c, int taken, int64_t now)
{
	sqlite3_stmt *st;
	int changes = 0;
	int rc = prepare(s, "INSERT OR IGNORE INTO sync_commands (id, kind, message, received_at,"
			 " taken_at) VALUES (?, ?, ?, ?, ?)", &st);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->message, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	if (taken)
		sqlite3_bind_int64(st, 5, now);
	else
		sqlite3_bind_null(st, 5);
	rc = run(s, st, &changes);
	if (rc || changes > 0)
		return rc ? rc : 1;
	/* seen before: if it was acknowledged, the central system did not hear it; again */
	rc = prepare(s, "UPDATE sync_commands SET acked_at = NULL WHERE id = ? AND"
		     " acked_at IS NOT NULL", &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, c->id, -1, SQLITE_STATIC);
	return run(s, st, NULL);
}

int store_command_untaken(struct store *s, struct store_command *out, int max, int *n)
{
	sqlite3_stmt *st;
	int rc = prepare(s, "SELECT id, kind, message, received_at FROM sync_commands"
			 " WHERE taken_at IS NULL ORDER BY received_at, rowid LIMIT ?", &st);

	*n = 0;
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_command *c = &out[(*n)++];

		column_text(st, 0, c->id, sizeof(c->id));
		column_text(st, 1, c->kind, sizeof(c->kind));
		column_text(st, 2, c->message, sizeof(c->message));
		c->received_at = sqlite3_column_int64(st, 3);
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(s, rc, "untaken");
	sqlite3_finalize(st);
	return rc;
}

int store_command_taken(struct store *s, const char *id, int64_t now)
{
	sqlite3_stmt *st;
	int rc = prepare(s, "UPDATE sync_commands SET taken_at = ? WHERE id = ? AND"
			 " taken_at IS NULL", &st);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	return run(s, st, NULL);
}

int store_command_unacked(struct store *s, char (*ids)[STORE_COMMAND_ID_MAX], int max, int *n)
{
	sqlite3_stmt *st;
	int rc = prepare(s, "SELECT id FROM sync_commands WHERE taken_at IS NOT NULL AND"
			 " acked_at IS NULL ORDER BY received_at, rowid LIMIT ?", &st);

	*n = 0;
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		column_text(st, 0, ids[(*n)++], STORE_COMMAND_ID_MAX);
	rc = rc == SQLITE_DONE ? 0 : store_fail(s, rc, "unacked");
	sqlite3_finalize(st);
	return rc;
}

int store_command_acked(struct store *s, char (*ids)[STORE_COMMAND_ID_MAX], int n, int64_t now)
{
	sqlite3_stmt *st;
	int rc = 0;

	for (int i = 0; i < n && !rc; i++) {
		rc = prepare(s, "UPDATE sync_commands SET acked_at = ? WHERE id = ?", &st);
		if (rc)
			break;
		sqlite3_bind_int64(st, 1, now);
		sqlite3_bind_text(st, 2, ids[i], -1, SQLITE_STATIC);
		rc = run(s, st, NULL);
	}
	if (!rc)
		rc = prepare(s, "DELETE FROM sync_commands WHERE acked_at IS NOT NULL AND"
			     " received_at < ?", &st);
	if (!rc) {
		sqlite3_bind_int64(st, 1, now - STORE_COMMAND_KEEP_S);
		rc = run(s, st, NULL);
	}
	return rc;
}

/* The catalogue and the procedures: one row each, of the same shape, in their own tables. */
static int doc_put(struct store *s, const char *sql, const char *text, const char *etag,
		   int64_t now)
{
	sqlite3_stmt *st;
	int rc = prepare(s, sql, &st);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, etag ? etag : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	return run(s, st, NULL);
}

static int doc_get(struct store *s, const char *sql, const char *what, char **text, char *etag,
		   size_t etag_len, int64_t *received_at)
{
	sqlite3_stmt *st;
	int rc = prepare(s, sql, &st);

	*text = NULL;
	if (rc)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		size_t n = (size_t)sqlite3_column_bytes(st, 0);

		*text = malloc(n + 1);
		if (*text) {
			memcpy(*text, t ? (const char *)t : "", t ? n : 0);
			(*text)[t ? n : 0] = '\0';
			column_text(st, 1, etag, etag_len);
			*received_at = sqlite3_column_int64(st, 2);
			rc = 0;
		} else {
			rc = ERR_NOMEM;
		}
	} else {
		rc = rc == SQLITE_DONE ? ERR_NOTFOUND : store_fail(s, rc, what);
	}
	sqlite3_finalize(st);
	return rc;
}

int store_catalog_put(struct store *s, const char *text, const char *etag, int64_t now)
{
	return doc_put(s, "INSERT OR REPLACE INTO sync_catalog (id, text, etag, received_at)"
		       " VALUES (1, ?, ?, ?)", text, etag, now);
}

int store_catalog_get(struct store *s, char **text, char *etag, size_t etag_len,
		      int64_t *received_at)
{
	return doc_get(s, "SELECT text, etag, received_at FROM sync_catalog WHERE id = 1",
		       "catalog", text, etag, etag_len, received_at);
}

int store_procedures_put(struct store *s, const char *text, const char *etag, int64_t now)
{
	return doc_put(s, "INSERT OR REPLACE INTO sync_procedures (id, text, etag, received_at)"
		       " VALUES (1, ?, ?, ?)", text, etag, now);
}

int store_procedures_get(struct store *s, char **text, char *etag, size_t etag_len,
			 int64_t *received_at)
{
	return doc_get(s, "SELECT text, etag, received_at FROM sync_procedures WHERE id = 1",
		       "procedures", text, etag, etag_len, received_at);
}

int store_state_put(struct store *s, const char *key, const char *value, int64_t now)
{
	sqlite3_stmt *st;
	int rc = prepare(s, "INSERT OR REPLACE INTO kiosk_state (key, value, at) VALUES (?, ?, ?)",
			 &st);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	return run(s, st, NULL);
}

int store_state_get(struct store *s, const char *key, char *value, size_t len, int64_t *at)
{
	sqlite3_stmt *st;
	int rc = prepare(s, "SELECT value, at FROM kiosk_state WHERE key = ?", &st);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		column_text(st, 0, value, len);
		if (at)
			*at = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? ERR_NOTFOUND : store_fail(s, rc, "state");
}

int store_state_delete(struct store *s, const char *key)
{
	sqlite3_stmt *st;
	int rc = prepare(s, "DELETE FROM kiosk_state WHERE key = ?", &st);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	return run(s, st, NULL);
}
