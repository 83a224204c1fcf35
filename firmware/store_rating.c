/* store_rating: ratings held and released (store_rating.h), and the subjects already rated.
 *
 * A subject's hash is HMAC-SHA-256 under a random key kept in a file beside the database
 * (<database>.rating-key, mode 0600), not in it: ticket ids and dossier codes are guessable
 * (every ticket id of the day is in the tickets table), so a copy of the database that also
 * held the key would tell which tickets and dossiers were rated. A key left in the
 * rating_secret table by earlier firmware is moved out to the file at the next rating.
 * Start at store_rating_add, then store_rating_release. */
#include "store_rating.h"

#include "err.h"
#include "events.h"
#include "hmac.h"
#include "log.h"
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define KEY_LEN 32
#define KEY_PATH_MAX 4096

static int rollback(struct store *s, int rc)
{
	sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
	return rc;
}

static int init(struct store *s)
{
	int rc = sqlite3_exec(s->db,
			      "CREATE TABLE IF NOT EXISTS rating_held ("
			      " id INTEGER PRIMARY KEY,"
			      " officer_id TEXT NOT NULL,"
			      " level INTEGER NOT NULL,"
			      " scale INTEGER NOT NULL,"
			      " level_id TEXT NOT NULL,"
			      " reasons TEXT NOT NULL,"
			      " comment TEXT NOT NULL,"
			      " via TEXT NOT NULL,"
			      " flagged INTEGER NOT NULL,"
			      " flag_reason TEXT NOT NULL,"
			      " at INTEGER NOT NULL,"
			      " hour INTEGER NOT NULL,"
			      " release_at INTEGER NOT NULL);"
			      "CREATE INDEX IF NOT EXISTS rating_held_at ON rating_held(at);"
			      "CREATE INDEX IF NOT EXISTS rating_held_release"
			      " ON rating_held(release_at);",
			      NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : store_fail(s, rc, "rating_held");
}

static int prepare(struct store *s, const char *sql, sqlite3_stmt **st, const char *what)
{
	int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);

	return rc == SQLITE_OK ? 0 : store_fail(s, rc, what);
}

/* ---- the key of the subjects' hashes --------------------------------------------------- */

int store_rating_key_path(struct store *s, char *out, size_t len)
{
	const char *db = sqlite3_db_filename(s->db, "main");
	int n;

	if (!db || !db[0])
		return ERR_STATE;   /* an in-memory database has nowhere to keep a key */
	n = snprintf(out, len, "%s.rating-key", db);
	return n > 0 && (size_t)n < len ? 0 : ERR_RANGE;
}

/* 0: read; 1: no file; ERR_CORRUPT: not a key; ERR_IO. */
static int key_read(const char *path, unsigned char *key)
{
	unsigned char extra;
	FILE *fp = fopen(path, "rb");
	size_t n;
	bool more;

	if (!fp)
		return errno == ENOENT ? 1 : ERR_IO;
	n = fread(key, 1, KEY_LEN, fp);
	more = fread(&extra, 1, 1, fp) == 1;
	fclose(fp);
	return n == KEY_LEN && !more ? 0 : ERR_CORRUPT;
}

/* The new file and its directory entry reach the disk before any hash made with it. */
static int key_write(const char *path, const unsigned char *key)
{
	char dir[KEY_PATH_MAX];
	const char *slash = strrchr(path, '/');
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600), dfd;
	bool ok;

	if (fd < 0) {
		log_error("store: cannot create the rating key %s: %s", path, strerror(errno));
		return ERR_IO;
	}
	ok = write(fd, key, KEY_LEN) == KEY_LEN && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok) {
		unlink(path);
		return ERR_IO;
	}
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
	dfd = open(dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

/* rc 0: the key of earlier firmware, from the database; 1: none. */
static int legacy_key(struct store *s, unsigned char *key)
{
	sqlite3_stmt *st;
	int rc = prepare(s, "SELECT secret FROM rating_secret WHERE id = 1", &st, "rating key");

	if (rc)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == KEY_LEN) {
		memcpy(key, sqlite3_column_blob(st, 0), KEY_LEN);
		rc = 0;
	} else {
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 1 : store_fail(s, rc, "rating key");
	}
	sqlite3_finalize(st);
	return rc;
}

static void random_key(unsigned char *key)
{
	size_t got = 0;

	while (got < KEY_LEN) {
		ssize_t n = getrandom(key + got, KEY_LEN - got, 0);
		if (n > 0)
			got += (size_t)n;
	}
}

/* A file that is not a key is moved aside and a new key made: hashes made with the old one
 * no longer match, so a subject rated before could be rated once more. Logged. */
static int key_replace_bad(const char *path)
{
	char aside[KEY_PATH_MAX + 32];

	snprintf(aside, sizeof(aside), "%s.bad-%lld", path, (long long)time(NULL));
	log_error("store: %s is not a rating key; it is moved to %s and a new key made", path,
		  aside);
	return rename(path, aside) == 0 ? 1 : ERR_IO;
}

/* rc 0: *key is the key. 1: none yet and create is false. Without create, nothing is
 * written anywhere. */
static int get_key(struct store *s, bool create, unsigned char *key)
{
	char path[KEY_PATH_MAX];
	int rc = store_rating_key_path(s, path, sizeof(path));

	if (!rc)
		rc = key_read(path, key);
	if (rc == ERR_CORRUPT && create)
		rc = key_replace_bad(path);
	if (rc != 1)
		return rc == ERR_CORRUPT ? 1 : rc;
	rc = legacy_key(s, key);
	if (rc < 0 || !create)
		return rc;
	if (rc == 1)
		random_key(key);
	rc = key_write(path, key);
	if (rc == 0)
		rc = store_exec(s, "DELETE FROM rating_secret;");
	return rc;
}

static int subject_hash(const unsigned char *key, const char *subject,
			unsigned char out[HMAC_SHA256_LEN])
{
	return hmac_sha256(key, KEY_LEN, subject, strlen(subject), out);
}

/* rc 0 and *seen, given the hash. */
static int hash_seen(struct store *s, const unsigned char *hash, bool *seen)
{
	sqlite3_stmt *st;
	int rc = prepare(s, "SELECT 1 FROM rated_subjects WHERE hash = ?", &st, "rated subject");

	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, HMAC_SHA256_LEN, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	*seen = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, rc, "rated subject");
}

int store_rating_seen(struct store *s, const char *subject, bool *seen)
{
	unsigned char key[KEY_LEN], hash[HMAC_SHA256_LEN];
	int rc = get_key(s, false, key);

	*seen = false;
	if (rc)
		return rc < 0 ? rc : 0;
	rc = subject_hash(key, subject, hash);
	memset(key, 0, sizeof(key));
	return rc ? rc : hash_seen(s, hash, seen);
}

static int step_done(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, rc, what);
}

static int remember(struct store *s, const unsigned char *key, const char *subject, int day,
		    int prune_before)
{
	unsigned char hash[HMAC_SHA256_LEN];
	sqlite3_stmt *st;
	bool seen = false;
	int rc;

	rc = subject_hash(key, subject, hash);
	if (!rc)
		rc = hash_seen(s, hash, &seen);
	if (rc || seen)
		return rc ? rc : ERR_STATE;
	rc = prepare(s, "INSERT INTO rated_subjects (hash, day) VALUES (?, ?)", &st,
		     "rated subject");
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, HMAC_SHA256_LEN, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, day);
	rc = step_done(s, st, "rated subject");
	if (rc)
		return rc;
	rc = prepare(s, "DELETE FROM rated_subjects WHERE day < ?", &st, "rated subject prune");
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, prune_before);
	return step_done(s, st, "rated subject prune");
}

/* ---- the event ------------------------------------------------------------------------- */

/* An outbox body being written: once something does not fit, ok stays false. */
/* The time sent is the hour: the second it was made stays on the kiosk, and only while the
 * rating is held. */
static int rating_body(const struct store_rating *r, char *out, size_t len)
{
	struct events_rating ev = {
		.officer = r->officer_id, .level = r->level, .scale = r->scale,
		.level_id = r->level_id, .reasons = r->reasons, .comment = r->comment, .via = r->via,
		.flagged = r->flagged, .flag_reason = r->flag_reason, .hour = r->hour,
	};

	return events_rating(&ev, out, len);
}

/* Whether the event will fit once the rating is flagged, which may happen while it is held. */
static int body_fits(const struct store_rating *r)
{
	char body[STORE_OUTBOX_BODY_MAX];
	char reason[96];
	struct store_rating worst = *r;

	memset(reason, 'x', sizeof(reason) - 1);
	reason[sizeof(reason) - 1] = '\0';
	worst.flagged = true;
	worst.flag_reason = reason;
	return rating_body(&worst, body, sizeof(body));
}

/* ---- holding --------------------------------------------------------------------------- */

static int insert_held(struct store *s, const struct store_rating *r)
{
	static const char sql[] =
		"INSERT INTO rating_held (officer_id, level, scale, level_id, reasons, comment, via,"
		" flagged, flag_reason, at, hour, release_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	int rc = prepare(s, sql, &st, "rating hold");

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, r->officer_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, r->level);
	sqlite3_bind_int(st, 3, r->scale);
	sqlite3_bind_text(st, 4, r->level_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, r->reasons, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, r->comment, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, r->via, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 8, r->flagged);
	sqlite3_bind_text(st, 9, r->flag_reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 10, r->at);
	sqlite3_bind_int64(st, 11, r->hour);
	sqlite3_bind_int64(st, 12, r->release_at);
	return step_done(s, st, "rating hold");
}

static int flag_held(struct store *s, const struct store_rating_flag *f)
{
	sqlite3_stmt *st;
	int rc = prepare(s, "UPDATE rating_held SET flagged = 1, flag_reason = ?1"
			    " WHERE flagged = 0 AND at >= ?2 AND (?3 IS NULL OR officer_id = ?3)",
			 &st, "rating flag");

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, f->reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, f->since);
	if (f->officer_id)
		sqlite3_bind_text(st, 3, f->officer_id, -1, SQLITE_TRANSIENT);
	return step_done(s, st, "rating flag");
}

static int add_locked(struct store *s, const struct store_rating *r, const unsigned char *key,
		      const char *subject, int day, int prune_before,
		      const struct store_rating_flag *flags, int nflags)
{
	int rc = subject ? remember(s, key, subject, day, prune_before) : 0;

	for (int i = 0; !rc && i < nflags; i++)
		rc = flag_held(s, &flags[i]);
	if (!rc)
		rc = insert_held(s, r);
	return rc;
}

int store_rating_add(struct store *s, const struct store_rating *r, const char *subject, int day,
		     int prune_before, const struct store_rating_flag *flags, int nflags)
{
	unsigned char key[KEY_LEN];
	int rc = body_fits(r);

	if (!rc)
		rc = init(s);
	/* the key file is made outside the transaction: a key with no hash yet is harmless */
	if (!rc && subject)
		rc = get_key(s, true, key);
	if (rc)
		return rc;
	rc = store_exec(s, "BEGIN IMMEDIATE;");
	if (!rc)
		rc = add_locked(s, r, key, subject, day, prune_before, flags, nflags);
	memset(key, 0, sizeof(key));
	if (rc)
		return rollback(s, rc);
	return store_exec(s, "COMMIT;");
}

/* ---- releasing ------------------------------------------------------------------------- */

/* A held row, read back. */
struct held {
	int64_t id, hour;
	int level, scale, flagged;
	char officer[64], level_id[32], reasons[160], comment[2048], via[16], flag_reason[96];
};

static void text_col(sqlite3_stmt *st, int col, char *out, size_t len)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(out, len, "%s", t ? (const char *)t : "");
}

static void read_held(sqlite3_stmt *st, struct held *h)
{
	h->id = sqlite3_column_int64(st, 0);
	text_col(st, 1, h->officer, sizeof(h->officer));
	h->level = sqlite3_column_int(st, 2);
	h->scale = sqlite3_column_int(st, 3);
	text_col(st, 4, h->level_id, sizeof(h->level_id));
	text_col(st, 5, h->reasons, sizeof(h->reasons));
	text_col(st, 6, h->comment, sizeof(h->comment));
	text_col(st, 7, h->via, sizeof(h->via));
	h->flagged = sqlite3_column_int(st, 8);
	text_col(st, 9, h->flag_reason, sizeof(h->flag_reason));
	h->hour = sqlite3_column_int64(st, 10);
}

static int insert_rating(struct store *s, const struct held *h)
{
	static const char sql[] =
		"INSERT INTO ratings (officer_id, level, scale, reasons, comment, via, flagged,"
		" flag_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	int rc = prepare(s, sql, &st, "rating insert");

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, h->officer, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, h->level);
	sqlite3_bind_int(st, 3, h->scale);
	sqlite3_bind_text(st, 4, h->reasons, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, h->comment, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, h->via, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 7, h->flagged);
	sqlite3_bind_text(st, 8, h->flag_reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 9, h->hour);
	return step_done(s, st, "rating insert");
}

static int release_one(struct store *s, const struct held *h)
{
	char body[STORE_OUTBOX_BODY_MAX];
	sqlite3_stmt *st;
	struct store_rating r = {
		.officer_id = h->officer, .level = h->level, .scale = h->scale,
		.level_id = h->level_id, .reasons = h->reasons, .comment = h->comment,
		.via = h->via, .flagged = h->flagged != 0, .flag_reason = h->flag_reason,
		.hour = h->hour,
	};
	int rc = rating_body(&r, body, sizeof(body));

	if (!rc)
		rc = insert_rating(s, h);
	if (!rc)
		rc = store_event(s, "rating.submitted", body, h->hour);
	if (!rc)
		rc = prepare(s, "DELETE FROM rating_held WHERE id = ?", &st, "rating release");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, h->id);
	return step_done(s, st, "rating release");
}

static int release_locked(struct store *s, int64_t now, int *released)
{
	struct held h;
	sqlite3_stmt *st;
	int rc = prepare(s, "SELECT id, officer_id, level, scale, level_id, reasons, comment, via,"
			    " flagged, flag_reason, hour FROM rating_held WHERE release_at <= ?"
			    " ORDER BY id", &st, "rating release");

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, now);
	while (rc == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_held(st, &h);
		rc = release_one(s, &h);
		*released += rc == 0;
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = store_fail(s, rc, "rating release");
	sqlite3_finalize(st);
	memset(&h, 0, sizeof(h));
	return rc;
}

static int scalar(struct store *s, const char *sql, const char *text, int64_t arg, int64_t *out)
{
	sqlite3_stmt *st;
	int rc = prepare(s, sql, &st, "rating count");

	*out = 0;
	if (rc)
		return rc;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, arg);
	if (text)
		sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : store_fail(s, rc, "rating count");
}

int store_rating_release(struct store *s, int64_t now, int *released, int64_t *next_due)
{
	int rc = init(s);

	*released = 0;
	*next_due = 0;
	if (!rc)
		rc = scalar(s, "SELECT COUNT(*) FROM rating_held WHERE release_at <= ?1", NULL, now,
			    next_due);
	if (!rc && *next_due > 0) {
		rc = store_exec(s, "BEGIN IMMEDIATE;");
		if (!rc)
			rc = release_locked(s, now, released);
		if (rc) {
			*released = 0;
			return rollback(s, rc);
		}
		rc = store_exec(s, "COMMIT;");
		if (rc) {
			*released = 0;
			return rollback(s, rc);
		}
	}
	if (!rc)
		rc = scalar(s, "SELECT COALESCE(MIN(release_at), 0) FROM rating_held", NULL, 0,
			    next_due);
	return rc;
}

/* ---- counts ---------------------------------------------------------------------------- */

static int count(struct store *s, const char *sql, const char *officer, int64_t since, int *n)
{
	int64_t v;
	int rc = init(s);

	if (!rc)
		rc = scalar(s, sql, officer, since, &v);
	*n = rc ? 0 : (int)v;
	return rc;
}

int store_rating_recent(struct store *s, int64_t since, const char *officer_id,
			int64_t officer_since, int *kiosk_n, int *officer_n)
{
	int rc = count(s, "SELECT COUNT(*) FROM rating_held WHERE at >= ?1", NULL, since, kiosk_n);

	if (!rc)
		rc = count(s, "SELECT COUNT(*) FROM rating_held WHERE at >= ?1 AND officer_id = ?2",
			   officer_id, officer_since, officer_n);
	return rc;
}

int store_rating_count(struct store *s, int *n)
{
	return count(s, "SELECT (SELECT COUNT(*) FROM ratings) + (SELECT COUNT(*) FROM rating_held)",
		     NULL, 0, n);
}

int store_rating_held(struct store *s, int *n)
{
	return count(s, "SELECT COUNT(*) FROM rating_held", NULL, 0, n);
}
