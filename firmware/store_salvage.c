/* store_salvage: rows out of a damaged file (store_salvage.h). Start at store_salvage. */
#include "store_salvage.h"

#include "err.h"
#include "log.h"

#include "store_internal.h"

#include <stdio.h>
#include <string.h>

static const char tickets_sql[] =
	"SELECT service, day, seq, priority, status, issued_at, request_id, numbering,"
	" finished_at, void_reason FROM tickets NOT INDEXED WHERE day >= ?";
static const char tickets_put[] =
	"INSERT OR IGNORE INTO tickets (service, day, seq, priority, status, issued_at,"
	" request_id, numbering, finished_at, void_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char outbox_sql[] =
	"SELECT id, sent_at, event_id, kind, body, created_at FROM outbox NOT INDEXED ORDER BY rowid";
static const char outbox_put[] =
	"INSERT OR IGNORE INTO outbox (event_id, kind, body, created_at) VALUES (?, ?, ?, ?)";

/* Copies columns [first, first + n) of a row of from into the statement to (from ?1). */
static int copy_row(struct store *s, sqlite3_stmt *from, int first, int n, sqlite3_stmt *to)
{
	int rc;

	for (int i = 0; i < n; i++)
		sqlite3_bind_value(to, i + 1, sqlite3_column_value(from, first + i));
	rc = sqlite3_step(to);
	sqlite3_reset(to);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "salvage insert");
	return sqlite3_changes(s->db);
}

/* Each row of the damaged table as long as it reads: 1 read to the end, 0 stopped on an error,
 * or an error of s (the new database). */
static int tickets(struct store *s, sqlite3 *old, int since_day, struct store_salvage_report *r)
{
	sqlite3_stmt *from = NULL, *to = NULL;
	int rc = sqlite3_prepare_v2(old, tickets_sql, -1, &from, NULL);

	if (rc != SQLITE_OK)
		return 0;
	rc = store_prepare(s, tickets_put, &to);
	if (rc) {
		sqlite3_finalize(from);
		return rc;
	}
	sqlite3_bind_int(from, 1, since_day);
	while ((rc = sqlite3_step(from)) == SQLITE_ROW) {
		int n = copy_row(s, from, 0, 10, to);
		if (n < 0) {
			rc = n;
			break;
		}
		r->tickets += n;
	}
	store_done(s, to);
	sqlite3_finalize(from);
	return rc < 0 ? rc : rc == SQLITE_DONE;
}

static int events(struct store *s, sqlite3 *old, struct store_salvage_report *r)
{
	sqlite3_stmt *from = NULL, *to = NULL;
	int64_t last = 0;
	bool unsent_seen = false;
	int rc = sqlite3_prepare_v2(old, outbox_sql, -1, &from, NULL);

	if (rc != SQLITE_OK)
		return 0;
	rc = store_prepare(s, outbox_put, &to);
	if (rc) {
		sqlite3_finalize(from);
		return rc;
	}
	while ((rc = sqlite3_step(from)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(from, 0);
		int n;
		if (unsent_seen && id > last + 1)
			r->events_missing += (int)(id - last - 1);
		last = id;
		if (sqlite3_column_type(from, 1) != SQLITE_NULL)
			continue;
		unsent_seen = true;
		n = copy_row(s, from, 2, 4, to);
		if (n < 0) {
			rc = n;
			break;
		}
		r->events += n;
	}
	store_done(s, to);
	sqlite3_finalize(from);
	return rc < 0 ? rc : rc == SQLITE_DONE;
}

int store_salvage(struct store *s, const char *damaged, int since_day,
		  struct store_salvage_report *rep)
{
	char uri[600];
	sqlite3 *old = NULL;
	int a = 0, b = 0, rc;

	memset(rep, 0, sizeof(*rep));
	snprintf(uri, sizeof(uri), "file:%s?mode=ro", damaged);
	rc = sqlite3_open_v2(uri, &old, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	rep->opened = rc == SQLITE_OK;
	if (rep->opened) {
		rc = store_exec(s, "BEGIN IMMEDIATE;");
		if (!rc && (a = tickets(s, old, since_day, rep)) >= 0)
			b = events(s, old, rep);
		rc = a < 0 ? a : b < 0 ? b : rc;
		if (!rc)
			rc = store_exec(s, "COMMIT;");
		if (rc)
			sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
		rep->complete = a == 1 && b == 1;
	}
	sqlite3_close(old);
	log_warn("store: salvaged from %s: %d ticket(s), %d unsent event(s)%s%s", damaged,
		 rep->tickets, rep->events, rep->complete ? "" : "; the file could not be read to "
		 "its end", rep->opened ? "" : " (it could not be opened at all)");
	return rc;
}
