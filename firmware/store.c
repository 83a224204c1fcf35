/* store: SQLite persistence. Start at store_open (pragmas, integrity, migrations), then the
 * ticket functions; every write is one IMMEDIATE transaction with its outbox row. */
#include "store.h"

#include "err.h"
#include "events.h"
#include "ledger.h"
#include "log.h"
#include "randid.h"

#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Migration N brings user_version from N to N+1. Append, never edit. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	"CREATE TABLE tickets ("
	" id INTEGER PRIMARY KEY,"
	" service TEXT NOT NULL,"
	" day INTEGER NOT NULL,"
	" seq INTEGER NOT NULL,"
	" priority INTEGER NOT NULL DEFAULT 0,"
	" status INTEGER NOT NULL,"
	" issued_at INTEGER NOT NULL,"
	" finished_at INTEGER,"
	" void_reason TEXT,"
	" request_id TEXT NOT NULL UNIQUE,"
	" UNIQUE (service, day, seq));"
	"CREATE INDEX tickets_status ON tickets(status);"
	"CREATE TABLE outbox ("
	" id INTEGER PRIMARY KEY,"
	" event_id TEXT NOT NULL UNIQUE,"
	" kind TEXT NOT NULL,"
	" body TEXT NOT NULL,"
	" created_at INTEGER NOT NULL);"
	"CREATE TABLE service_state ("
	" service TEXT NOT NULL,"
	" day INTEGER NOT NULL,"
	" last_called INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" PRIMARY KEY (service, day));",
	/* 2: the sync worker marks what the central system has stored. */
	"ALTER TABLE outbox ADD COLUMN sent_at INTEGER;"
	"CREATE INDEX outbox_sent_at ON outbox(sent_at);",
	/* 3: officer ratings (store_rating.c). A rating holds no ticket, dossier or request id;
	 * that a subject was rated is a keyed hash with its day, in a table without rowid, so
	 * that neither a column nor the order of rows links it to its rating. */
	"CREATE TABLE ratings ("
	" id INTEGER PRIMARY KEY,"
	" officer_id TEXT NOT NULL,"
	" level INTEGER NOT NULL,"
	" scale INTEGER NOT NULL,"
	" reasons TEXT NOT NULL DEFAULT '',"
	" comment TEXT NOT NULL DEFAULT '',"
	" via TEXT NOT NULL CHECK (via IN ('ticket', 'dossier', 'directory')),"
	" flagged INTEGER NOT NULL DEFAULT 0,"
	" flag_reason TEXT NOT NULL DEFAULT '',"
	" created_at INTEGER NOT NULL);"
	"CREATE INDEX ratings_created_at ON ratings(created_at);"
	"CREATE INDEX ratings_officer ON ratings(officer_id, created_at);"
	"CREATE TABLE rated_subjects ("
	" hash BLOB PRIMARY KEY,"
	" day INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE rating_secret ("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" secret BLOB NOT NULL);",
	/* 4: central numbering: where each ticket's number came from (enum store_numbering). */
	"ALTER TABLE tickets ADD COLUMN numbering INTEGER NOT NULL DEFAULT 0;",
	/* 5: the queries of the tap path and of retention by day, in an index: the latest day
	 * and a day's counts cost the same on a year of tickets as on none. */
	"CREATE INDEX tickets_day_status ON tickets(day, status);"
	"CREATE INDEX outbox_created_at ON outbox(created_at);",
};

static int from_sqlite(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK: case SQLITE_DONE: case SQLITE_ROW: return 0;
	case SQLITE_CORRUPT: case SQLITE_NOTADB: return ERR_CORRUPT;
	case SQLITE_BUSY: case SQLITE_LOCKED: return ERR_BUSY;
	case SQLITE_CANTOPEN: case SQLITE_READONLY: case SQLITE_PERM: case SQLITE_AUTH:
		return ERR_PERM;
	case SQLITE_NOMEM: return ERR_NOMEM;
	case SQLITE_IOERR: return ERR_IO;
	case SQLITE_FULL: return ERR_FULL;
	case SQLITE_CONSTRAINT: return ERR_STATE;
	default: return ERR_DB;
	}
}

/* A failure is never 0, whatever code SQLite gave (callers read their out-values on 0). */
static int fail(struct store *s, int rc, const char *what)
{
	int e = from_sqlite(rc);

	log_error("store: %s: %s", what, sqlite3_errmsg(s->db));
	return e ? e : ERR_DB;
}

int store_from_sqlite(int rc)
{
	return from_sqlite(rc);
}

int store_fail(struct store *s, int rc, const char *what)
{
	return fail(s, rc, what);
}

int store_exec(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : fail(s, rc, "exec");
}

/* Statements are prepared once per handle and kept (store_internal.h): the SQL text is the
 * key. Every user gives its statement back with done(), which resets it. */
static int prepare(struct store *s, const char *sql, sqlite3_stmt **st)
{
	int rc;

	for (int i = 0; i < s->ncached; i++) {
		if (strcmp(s->cached[i].sql, sql) == 0) {
			*st = s->cached[i].st;
			return 0;
		}
	}
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
	if (rc != SQLITE_OK)
		return fail(s, rc, "prepare");
	if (s->ncached < STORE_CACHED_MAX) {
		char *copy = strdup(sql);
		if (copy) {
			s->cached[s->ncached].sql = copy;
			s->cached[s->ncached++].st = *st;
		}
	}
	return 0;
}

/* A statement of prepare() given back: reset when kept, finalized when the cache was full. */
static void done(struct store *s, sqlite3_stmt *st)
{
	for (int i = 0; i < s->ncached; i++) {
		if (s->cached[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return;
		}
	}
	sqlite3_finalize(st);
}

int store_prepare(struct store *s, const char *sql, sqlite3_stmt **st)
{
	return prepare(s, sql, st);
}

void store_done(struct store *s, sqlite3_stmt *st)
{
	done(s, st);
}

/* Runs a statement that yields one integer (or none: *out untouched, returns 1). */
static int query_int(struct store *s, sqlite3_stmt *st, int64_t *out)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		return 0;
	}
	return rc == SQLITE_DONE ? 1 : fail(s, rc, "query");
}

static int count_query(struct store *s, const char *sql, const char *service, int day, int64_t a,
		       int64_t b, int64_t *out);

static int pragma_text(struct store *s, const char *sql, char *out, size_t len)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			const unsigned char *t = sqlite3_column_text(st, 0);
			snprintf(out, len, "%s", t ? (const char *)t : "");
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK || rc == SQLITE_DONE ? 0 : from_sqlite(rc);
}

static int check_integrity(struct store *s)
{
	char res[128];
	int rc = pragma_text(s, "PRAGMA quick_check", res, sizeof(res));

	if (rc == ERR_CORRUPT || (rc == 0 && strcmp(res, "ok") != 0)) {
		log_error("store: integrity check failed: %s", rc ? err_str(rc) : res);
		return ERR_CORRUPT;
	}
	return rc;
}

static int schema_version(struct store *s, int *version)
{
	char buf[32];
	int rc = pragma_text(s, "PRAGMA user_version", buf, sizeof(buf));

	*version = atoi(buf);
	if (!rc && *version > STORE_SCHEMA_VERSION) {
		log_error("store: database schema %d is newer than this firmware's %d; refusing it",
			  *version, STORE_SCHEMA_VERSION);
		return ERR_SCHEMA;
	}
	return rc;
}

static int migrate(struct store *s, int version)
{
	int rc;

	for (; version < STORE_SCHEMA_VERSION; version++) {
		char sql[64];

		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d;", version + 1);
		rc = store_exec(s, "BEGIN IMMEDIATE;");
		if (!rc)
			rc = store_exec(s, migrations[version]);
		if (!rc)
			rc = store_exec(s, sql);
		if (!rc)
			rc = store_exec(s, "COMMIT;");
		if (rc) {
			sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
			return rc;
		}
		log_info("store: migrated schema to version %d", version + 1);
	}
	return 0;
}

/* Read-only checks first: a file we refuse must leave this function unchanged. */
static int configure(struct store *s)
{
	char mode[16];
	int version = 0, rc;

	sqlite3_busy_timeout(s->db, 5000);
	rc = check_integrity(s);
	if (!rc)
		rc = schema_version(s, &version);
	s->fresh = !rc && version == 0;
	/* a new file frees its deleted pages as it goes (store_retention_run); an older one
	 * reuses them, which bounds it just the same */
	if (s->fresh)
		rc = store_exec(s, "PRAGMA auto_vacuum=INCREMENTAL;");
	if (!rc)
		rc = pragma_text(s, "PRAGMA journal_mode=WAL", mode, sizeof(mode));
	if (!rc && strcmp(mode, "wal") != 0)
		log_warn("store: journal mode is %s, not wal", mode);
	if (!rc)
		/* secure_delete: what is deleted (a cached lookup answer, a pruned hash) is
		 * overwritten, not left readable in free pages */
		rc = store_exec(s, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
				   " PRAGMA secure_delete=ON;");
	if (!rc)
		rc = migrate(s, version);
	return rc;
}

/* A database the kiosk cannot write is refused before SQLite opens it: SQLite would open it
 * read-only and every ticket would fail after the citizen chose a service. As root, access()
 * says yes to a file without its owner's write bit; that bit is the operator's word too. */
static int check_writable(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char p[520];
	struct stat st;

	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		if (stat(p, &st) != 0)
			continue;
		if (access(p, W_OK) != 0 || !(st.st_mode & S_IWUSR)) {
			log_error("store: %s is read-only (%s)", p,
				  access(p, W_OK) != 0 ? strerror(errno) : "no write permission");
			return ERR_PERM;
		}
	}
	return 0;
}

/* The database and its -wal and -shm are the kiosk's alone, whatever the umask: created
 * 0600 here (SQLite gives -wal and -shm the database's mode), an older 0644 one tightened. */
static int make_private(const char *path)
{
	static const char *const suffix[] = { "-wal", "-shm" };
	char p[520];
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		log_error("store: cannot open %s: %s", path, strerror(errno));
		return err_from_errno(errno);
	}
	(void)fchmod(fd, 0600);
	close(fd);
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		(void)chmod(p, 0600);
	}
	return 0;
}

int store_open(const char *path, struct store **out)
{
	struct store *s;
	int rc;

	*out = NULL;
	rc = check_writable(path);
	if (!rc)
		rc = make_private(path);
	if (rc)
		return rc;
	s = calloc(1, sizeof(*s));
	if (!s)
		return ERR_NOMEM;
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		log_error("store: cannot open %s: %s", path,
			  s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		rc = from_sqlite(rc);
		goto out;
	}
	if (sqlite3_db_readonly(s->db, "main") == 1) {
		log_error("store: %s can only be read", path);
		rc = ERR_PERM;
		goto out;
	}
	rc = configure(s);
out:
	if (rc) {
		store_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->ncached; i++) {
		sqlite3_finalize(s->cached[i].st);
		free(s->cached[i].sql);
	}
	sqlite3_close(s->db);
	free(s);
}

void store_set_ledger(struct store *s, struct ledger *l)
{
	s->ledger = l;
}

bool store_fresh(const struct store *s)
{
	return s->fresh;
}

int store_quarantine(const char *path, int64_t now, char *moved_to, size_t len)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char from[512], to[512];

	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(from, sizeof(from), "%s%s", path, suffix[i]);
		snprintf(to, sizeof(to), "%s.corrupt-%lld%s", path, (long long)now, suffix[i]);
		if (rename(from, to) != 0 && i == 0)
			return ERR_IO;
		if (i == 0)
			snprintf(moved_to, len, "%s", to);
	}
	return 0;
}


static const char *const status_event[] = {
	"ticket.issued", "ticket.printed", "ticket.voided", "ticket.shown",
};

static int outbox_insert(struct store *s, const char *kind, const char *body, int64_t now)
{
	static const char sql[] =
		"INSERT INTO outbox (event_id, kind, body, created_at) VALUES (?, ?, ?, ?)";
	char id[RANDID_LEN + 1];
	sqlite3_stmt *st;
	int rc;

	randid_hex(id);
	rc = prepare(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, body, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	rc = sqlite3_step(st);
	done(s, st);
	return rc == SQLITE_DONE ? 0 : fail(s, rc, "outbox insert");
}

int store_event(struct store *s, const char *kind, const char *body, int64_t now)
{
	if (strlen(body) >= STORE_OUTBOX_BODY_MAX)
		return ERR_RANGE;
	return outbox_insert(s, kind, body, now);
}

const char *store_numbering_name(int numbering)
{
	static const char *const names[] = { "local", "central", "fallback" };

	return numbering >= 0 && numbering <= STORE_NUM_FALLBACK ? names[numbering] : "local";
}

/* A request id is sent only as randid_hex writes it. */
static bool plain_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr("0123456789abcdefABCDEF", *s))
			return false;
	return true;
}

/* The outbox row for a ticket's new status; ticket data only, never personal data. A ticket
 * numbered in central mode also says where its number came from, with its request id, so
 * that the central system can void a number it gave for a request the kiosk numbered itself;
 * a LOCAL ticket's body is as it always was. */
static int outbox_ticket(struct store *s, const struct store_ticket *t, const char *reason,
			 int64_t now)
{
	char body[512];
	struct events_ticket ev = {
		.service = t->service, .day = t->day, .seq = t->seq, .priority = t->priority,
		.status = t->status, .issued_at = t->issued_at, .at = now, .reason = reason,
		.numbering = t->numbering != STORE_NUM_LOCAL ? store_numbering_name(t->numbering)
							     : NULL,
		.request = plain_id(t->request_id) ? t->request_id : "",
	};
	int rc = events_ticket(&ev, body, sizeof(body));

	return rc ? rc : outbox_insert(s, status_event[t->status], body, now);
}

static void row_to_ticket(sqlite3_stmt *st, struct store_ticket *t)
{
	const unsigned char *svc = sqlite3_column_text(st, 1);
	const unsigned char *req = sqlite3_column_text(st, 7);

	t->id = sqlite3_column_int64(st, 0);
	snprintf(t->service, sizeof(t->service), "%s", svc ? (const char *)svc : "");
	t->day = sqlite3_column_int(st, 2);
	t->seq = sqlite3_column_int(st, 3);
	t->priority = sqlite3_column_int(st, 4);
	t->status = sqlite3_column_int(st, 5);
	t->issued_at = sqlite3_column_int64(st, 6);
	snprintf(t->request_id, sizeof(t->request_id), "%s", req ? (const char *)req : "");
	t->numbering = sqlite3_column_int(st, 8);
}

#define TICKET_COLUMNS "id, service, day, seq, priority, status, issued_at, request_id, numbering"

static int ticket_where(struct store *s, const char *where, const char *text, int64_t num,
			struct store_ticket *out)
{
	char sql[256];
	sqlite3_stmt *st;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT " TICKET_COLUMNS " FROM tickets WHERE %s", where);
	rc = prepare(s, sql, &st);
	if (rc)
		return rc;
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, num);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		row_to_ticket(st, out);
	done(s, st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? ERR_NOTFOUND : fail(s, rc, "ticket select");
}

int store_ticket_get(struct store *s, int64_t id, struct store_ticket *out)
{
	return ticket_where(s, "id = ?", NULL, id, out);
}

int store_ticket_counts(struct store *s, int day, int counts[4])
{
	sqlite3_stmt *st;
	int rc = prepare(s, "SELECT status, COUNT(*) FROM tickets WHERE day = ? GROUP BY status", &st);

	memset(counts, 0, 4 * sizeof(counts[0]));
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, day);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int status = sqlite3_column_int(st, 0);
		if (status >= 0 && status < 4)
			counts[status] = sqlite3_column_int(st, 1);
	}
	done(s, st);
	return rc == SQLITE_DONE ? 0 : fail(s, rc, "ticket counts");
}

int store_ticket_last_printed(struct store *s, int day, struct store_ticket *out)
{
	return ticket_where(s, "day = ? AND status = 1 ORDER BY issued_at DESC, id DESC LIMIT 1",
			    NULL, day, out);
}

int store_ticket_by_request(struct store *s, const char *request_id, struct store_ticket *out)
{
	return ticket_where(s, "request_id = ?", request_id, 0, out);
}

int store_range_next(int from, int to, int highest, int *seq)
{
	int next;

	if (from < 1 || to < from)
		return ERR_RANGE;
	next = highest >= from ? highest + 1 : from;
	if (next > to)
		return ERR_RANGE;
	*seq = next;
	return 0;
}

static int next_seq(struct store *s, const struct store_issue *req, int *seq, int *active)
{
	static const char sql[] =
		"SELECT COALESCE(MAX(seq), 0), COUNT(*) FILTER (WHERE status != 2)"
		" FROM tickets WHERE service = ? AND day = ?";
	sqlite3_stmt *st;
	int rc = prepare(s, sql, &st);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, req->service, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, req->day);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int(st, 0) + 1;
		*active = sqlite3_column_int(st, 1);
	}
	done(s, st);
	if (rc != SQLITE_ROW)
		return fail(s, rc, "next seq");
	if (s->ledger) {   /* a number the database lost is still a number given */
		int hi = ledger_highest(s->ledger, req->service, req->day, 1, 1 << 30);
		if (hi >= *seq)
			*seq = hi + 1;
	}
	return 0;
}

/* 1 when (service, day, seq) is taken, 0 when free, or an error. */
static int seq_taken(struct store *s, const struct store_issue *req, int seq)
{
	static const char sql[] = "SELECT 1 FROM tickets WHERE service = ?1 AND day = ?2 AND seq = ?3";
	int64_t one = 0;
	int rc = count_query(s, sql, req->service, req->day, seq, 0, &one);

	if (rc == 1 && s->ledger && ledger_status(s->ledger, req->service, req->day, seq) >= 0)
		return 1;
	return rc < 0 ? rc : rc == 0;
}

/* The next number of the reserved range for (service, day). */
static int range_seq(struct store *s, const struct store_issue *req, int *seq)
{
	static const char sql[] =
		"SELECT COALESCE(MAX(seq), 0) FROM tickets WHERE service = ?1 AND day = ?2"
		" AND seq >= ?3 AND seq <= ?4";
	int64_t highest = 0;
	int rc = count_query(s, sql, req->service, req->day, req->range_from, req->range_to,
			     &highest);

	if (rc >= 0 && s->ledger) {
		int hi = ledger_highest(s->ledger, req->service, req->day, req->range_from,
					req->range_to);
		if (hi > highest)
			highest = hi;
	}
	return rc < 0 ? rc : store_range_next(req->range_from, req->range_to, (int)highest, seq);
}

/* The number and its origin for a new ticket (struct store_issue). */
static int choose_seq(struct store *s, const struct store_issue *req, struct store_ticket *t,
		      int next_local)
{
	int rc;

	t->numbering = req->numbering;
	if (req->numbering == STORE_NUM_LOCAL) {
		t->seq = next_local;
		return 0;
	}
	if (req->numbering == STORE_NUM_CENTRAL) {
		rc = req->seq > 0 ? seq_taken(s, req, req->seq) : 1;
		if (rc < 0)
			return rc;
		if (rc == 0) {
			t->seq = req->seq;
			return 0;
		}
		log_warn("store: central number %s %d of day %d is taken here; using the reserved "
			 "range", req->service, req->seq, req->day);
		t->numbering = STORE_NUM_FALLBACK;
	}
	return range_seq(s, req, &t->seq);
}

static int insert_ticket(struct store *s, struct store_ticket *t)
{
	static const char sql[] =
		"INSERT INTO tickets (service, day, seq, priority, status, issued_at, request_id,"
		" numbering) VALUES (?, ?, ?, ?, 0, ?, ?, ?)";
	sqlite3_stmt *st;
	int rc = prepare(s, sql, &st);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, t->service, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, t->day);
	sqlite3_bind_int(st, 3, t->seq);
	sqlite3_bind_int(st, 4, t->priority);
	sqlite3_bind_int64(st, 5, t->issued_at);
	sqlite3_bind_text(st, 6, t->request_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 7, t->numbering);
	rc = sqlite3_step(st);
	done(s, st);
	if (rc != SQLITE_DONE)
		return fail(s, rc, "ticket insert");
	t->id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* After the commit, before any byte goes to the printer: the number is in the ledger, or the
 * ticket is voided here and never printed. */
static int ledger_issued(struct store *s, const struct store_ticket *t)
{
	int rc;

	if (!s->ledger)
		return 0;
	rc = ledger_put(s->ledger, t->service, t->day, t->seq, TICKET_PENDING, t->issued_at);
	if (rc && store_ticket_finish(s, t->id, TICKET_VOIDED, "ledger", t->issued_at) == 0)
		log_error("store: ticket %s %d voided before printing: the ledger cannot be written",
			  t->service, t->seq);
	return rc;
}

static int issue_locked(struct store *s, const struct store_issue *req, struct store_ticket *out,
			bool *replayed)
{
	int active = 0, next = 0, rc;

	rc = ticket_where(s, "request_id = ?", req->request_id, 0, out);
	*replayed = rc == 0;
	if (rc != ERR_NOTFOUND)
		return rc;
	memset(out, 0, sizeof(*out));
	rc = next_seq(s, req, &next, &active);
	if (rc)
		return rc;
	if (req->cap > 0 && active >= req->cap)
		return ERR_CAP;
	rc = choose_seq(s, req, out, next);
	if (rc)
		return rc;
	snprintf(out->service, sizeof(out->service), "%s", req->service);
	snprintf(out->request_id, sizeof(out->request_id), "%s", req->request_id);
	out->day = req->day;
	out->priority = req->priority;
	out->status = TICKET_PENDING;
	out->issued_at = req->now;
	rc = insert_ticket(s, out);
	if (!rc)
		rc = outbox_ticket(s, out, NULL, req->now);
	return rc;
}

int store_ticket_issue(struct store *s, const struct store_issue *req, struct store_ticket *out,
		       bool *replayed)
{
	int rc = store_exec(s, "BEGIN IMMEDIATE;");

	*replayed = false;
	if (rc)
		return rc;
	rc = issue_locked(s, req, out, replayed);
	if (rc || *replayed) {
		sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
		return rc;
	}
	rc = store_exec(s, "COMMIT;");
	if (rc) {
		sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
		return rc;
	}
	return ledger_issued(s, out);
}

static int set_status(struct store *s, int64_t id, int status, const char *reason, int64_t now)
{
	static const char sql[] =
		"UPDATE tickets SET status = ?, finished_at = ?, void_reason = ?"
		" WHERE id = ? AND status = 0";
	sqlite3_stmt *st;
	int rc = prepare(s, sql, &st);

	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, status);
	sqlite3_bind_int64(st, 2, now);
	if (reason)
		sqlite3_bind_text(st, 3, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, id);
	rc = sqlite3_step(st);
	done(s, st);
	if (rc != SQLITE_DONE)
		return fail(s, rc, "ticket update");
	return sqlite3_changes(s->db) == 1 ? 0 : ERR_STATE;
}

static int finish_locked(struct store *s, int64_t id, int status, const char *reason, int64_t now)
{
	struct store_ticket t = { 0 };
	int rc = set_status(s, id, status, reason, now);

	if (!rc)
		rc = store_ticket_get(s, id, &t);
	if (!rc)
		rc = outbox_ticket(s, &t, reason, now);
	return rc;
}

/* The print's outcome goes to the ledger first: it owns its bytes, so a full disk cannot stop
 * it, and a database that then fails to take the record learns it at the next start. */
static void ledger_finished(struct store *s, int64_t id, int status, int64_t now)
{
	struct store_ticket t = { 0 };

	if (!s->ledger || store_ticket_get(s, id, &t) != 0 || t.status != TICKET_PENDING)
		return;
	if (ledger_status(s->ledger, t.service, t.day, t.seq) != status)
		(void)ledger_put(s->ledger, t.service, t.day, t.seq, status, now);
}

int store_ticket_finish(struct store *s, int64_t id, int status, const char *reason, int64_t now)
{
	int rc;

	if (status != TICKET_PRINTED && status != TICKET_VOIDED && status != TICKET_SHOWN)
		return ERR_INVAL;
	ledger_finished(s, id, status, now);
	rc = store_exec(s, "BEGIN IMMEDIATE;");
	if (rc)
		return rc;
	rc = finish_locked(s, id, status, reason, now);
	if (rc) {
		sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
		return rc;
	}
	return store_exec(s, "COMMIT;");
}

/* A pending ticket at start-up: what the ledger says became of its print, or VOIDED
 * ("interrupted") when it says nothing. */
static int recover_one(struct store *s, const struct store_ticket *t, int64_t now, int *voided,
		       int *printed)
{
	int st = s->ledger ? ledger_status(s->ledger, t->service, t->day, t->seq) : -1;

	if (st == TICKET_PRINTED || st == TICKET_SHOWN) {
		(*printed)++;
		log_warn("store: ticket %s %d of day %d was %s before its record; recorded now",
			 t->service, t->seq, t->day, st == TICKET_PRINTED ? "printed" : "shown");
		return store_ticket_finish(s, t->id, st, NULL, now);
	}
	(*voided)++;
	return store_ticket_finish(s, t->id, TICKET_VOIDED, st == TICKET_VOIDED ? "print failed" :
				   "interrupted", now);
}

int store_recover_pending(struct store *s, int64_t now, int *voided, int *printed)
{
	struct store_ticket t;
	int rc;

	*voided = *printed = 0;
	while ((rc = ticket_where(s, "status = ? ORDER BY id LIMIT 1", NULL, TICKET_PENDING, &t)) == 0) {
		rc = recover_one(s, &t, now, voided, printed);
		if (rc)
			return rc;
	}
	return rc == ERR_NOTFOUND ? 0 : rc;
}

int store_void_pending(struct store *s, int64_t now, int *count)
{
	int printed;

	return store_recover_pending(s, now, count, &printed);
}

/* Binds ?1 service, ?2 day, ?3 a, ?4 b; a statement that lacks one simply ignores it. */
static int count_query(struct store *s, const char *sql, const char *service, int day, int64_t a,
		       int64_t b, int64_t *out)
{
	sqlite3_stmt *st;
	int rc = prepare(s, sql, &st);

	if (rc)
		return rc;
	if (service)
		sqlite3_bind_text(st, 1, service, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, day);
	sqlite3_bind_int64(st, 3, a);
	sqlite3_bind_int64(st, 4, b);
	rc = query_int(s, st, out);
	done(s, st);
	return rc;
}

int store_last_day(struct store *s, int *ymd)
{
	int64_t v = 0;
	int rc = count_query(s, "SELECT COALESCE(MAX(day), 0) FROM tickets",
			     NULL, 0, 0, 0, &v);

	*ymd = (int)v;
	return rc < 0 ? rc : 0;
}

int store_count_active(struct store *s, const char *service, int day, int *n)
{
	return store_count_between(s, service, day, 0, 1 << 30, n);
}

int store_count_between(struct store *s, const char *service, int day, int after, int before,
			int *n)
{
	static const char sql[] =
		"SELECT COUNT(*) FROM tickets WHERE service = ?1 AND day = ?2"
		" AND seq > ?3 AND seq < ?4 AND status != 2";
	int64_t v = 0;
	int rc = count_query(s, sql, service, day, after, before, &v);

	*n = (int)v;
	return rc < 0 ? rc : 0;
}

int store_count_ahead(struct store *s, const char *service, int day, int called, int64_t id,
		      int *n)
{
	static const char find[] =
		"SELECT id FROM tickets WHERE service = ?1 AND day = ?2 AND seq = ?3";
	static const char sql[] =
		"SELECT COUNT(*) FROM tickets WHERE service = ?1 AND day = ?2"
		" AND id > ?3 AND id < ?4 AND status != 2";
	int64_t after = 0, v = 0;
	int rc = 0;

	if (called > 0)
		rc = count_query(s, find, service, day, called, 0, &after);
	if (rc < 0)
		return rc;
	if (rc == 1)
		return ERR_NOTFOUND;
	rc = count_query(s, sql, service, day, after, id, &v);
	*n = (int)v;
	return rc < 0 ? rc : 0;
}

int store_last_called(struct store *s, const char *service, int day, int64_t now,
		      int64_t max_age_s, int *seq)
{
	static const char sql[] =
		"SELECT last_called FROM service_state WHERE service = ?1 AND day = ?2"
		" AND updated_at >= ?3";
	int64_t v = 0;
	int rc = count_query(s, sql, service, day, now - max_age_s, 0, &v);

	if (rc < 0)
		return rc;
	if (rc == 1)
		return ERR_NOTFOUND;
	*seq = (int)v;
	return 0;
}

int store_set_last_called(struct store *s, const char *service, int day, int seq, int64_t now)
{
	static const char sql[] =
		"INSERT INTO service_state (service, day, last_called, updated_at) VALUES (?, ?, ?, ?)"
		" ON CONFLICT (service, day) DO UPDATE SET last_called = excluded.last_called,"
		" updated_at = excluded.updated_at";
	sqlite3_stmt *st;
	int rc = prepare(s, sql, &st);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, service, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, day);
	sqlite3_bind_int(st, 3, seq);
	sqlite3_bind_int64(st, 4, now);
	rc = sqlite3_step(st);
	done(s, st);
	return rc == SQLITE_DONE ? 0 : fail(s, rc, "service state");
}

int store_outbox_count(struct store *s, int *n)
{
	int64_t v = 0;
	int rc = count_query(s, "SELECT COUNT(*) FROM outbox", NULL, 0, 0, 0, &v);

	*n = (int)v;
	return rc < 0 ? rc : 0;
}

int store_outbox_backlog(struct store *s, int *n)
{
	int64_t v = 0;
	int rc = count_query(s, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL",
			     NULL, 0, 0, 0, &v);

	*n = (int)v;
	return rc < 0 ? rc : 0;
}

static void copy_column(sqlite3_stmt *st, int col, char *dst, size_t len, bool *truncated)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	int n = snprintf(dst, len, "%s", t ? (const char *)t : "");

	if (truncated)
		*truncated = n < 0 || (size_t)n >= len;
}

static void row_to_outbox(sqlite3_stmt *st, struct store_outbox_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	copy_column(st, 1, r->event_id, sizeof(r->event_id), NULL);
	copy_column(st, 2, r->kind, sizeof(r->kind), NULL);
	copy_column(st, 3, r->body, sizeof(r->body), &r->truncated);
	r->created_at = sqlite3_column_int64(st, 4);
}

int store_outbox_pending(struct store *s, int max, struct store_outbox_row *rows, int *n)
{
	static const char sql[] =
		"SELECT id, event_id, kind, body, created_at FROM outbox"
		" WHERE sent_at IS NULL ORDER BY id LIMIT ?";
	sqlite3_stmt *st;
	int rc;

	*n = 0;
	rc = prepare(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, max);
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		row_to_outbox(st, &rows[(*n)++]);
	done(s, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(s, rc, "outbox select");
}

static int mark_locked(struct store *s, const int64_t *ids, int n, int64_t now)
{
	static const char sql[] =
		"UPDATE outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL";
	sqlite3_stmt *st;
	int rc = prepare(s, sql, &st);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, now);
	for (int i = 0; i < n && rc == 0; i++) {
		sqlite3_bind_int64(st, 2, ids[i]);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? 0 : fail(s, rc, "outbox mark");
		sqlite3_reset(st);
	}
	done(s, st);
	return rc;
}

int store_outbox_mark_sent(struct store *s, const int64_t *ids, int n, int64_t now)
{
	int rc = store_exec(s, "BEGIN IMMEDIATE;");

	if (rc)
		return rc;
	rc = mark_locked(s, ids, n, now);
	if (rc) {
		sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
		return rc;
	}
	return store_exec(s, "COMMIT;");
}
