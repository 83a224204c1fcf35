/* store_rating: ratings and the subjects already rated. The subject's hash is HMAC-SHA-256
 * under a random secret kept in the database (rating_secret, created on first use): ticket
 * ids and dossier codes are guessable, so an unkeyed hash would give them back. Start at
 * store_rating_add. */
#include "store_rating.h"

#include "err.h"
#include "sha256.h"
#include "store_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#define SECRET_LEN 32

static int rollback(struct store *s, int rc)
{
	sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
	return rc;
}

/* rc 0: secret read; 1: none yet. */
static int read_secret(struct store *s, unsigned char *secret)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT secret FROM rating_secret WHERE id = 1", -1,
				    &st, NULL);

	if (rc != SQLITE_OK)
		return store_fail(s, rc, "rating secret");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == SECRET_LEN) {
		memcpy(secret, sqlite3_column_blob(st, 0), SECRET_LEN);
		rc = 0;
	} else {
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 1 : store_fail(s, rc, "rating secret");
	}
	sqlite3_finalize(st);
	return rc;
}

static int make_secret(struct store *s, unsigned char *secret)
{
	sqlite3_stmt *st;
	size_t got = 0;
	int rc;

	while (got < SECRET_LEN) {
		ssize_t n = getrandom(secret + got, SECRET_LEN - got, 0);
		if (n > 0)
			got += (size_t)n;
	}
	rc = sqlite3_prepare_v2(s->db, "INSERT INTO rating_secret (id, secret) VALUES (1, ?)", -1,
				&st, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "rating secret");
	sqlite3_bind_blob(st, 1, secret, SECRET_LEN, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, rc, "rating secret");
}

static void subject_hash(const unsigned char *secret, const char *subject,
			 unsigned char out[SHA256_LEN])
{
	hmac_sha256(secret, SECRET_LEN, subject, strlen(subject), out);
}

/* rc 0 and *seen, given the hash. */
static int hash_seen(struct store *s, const unsigned char *hash, bool *seen)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT 1 FROM rated_subjects WHERE hash = ?", -1, &st,
				    NULL);

	if (rc != SQLITE_OK)
		return store_fail(s, rc, "rated subject");
	sqlite3_bind_blob(st, 1, hash, SHA256_LEN, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	*seen = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, rc, "rated subject");
}

int store_rating_seen(struct store *s, const char *subject, bool *seen)
{
	unsigned char secret[SECRET_LEN], hash[SHA256_LEN];
	int rc = read_secret(s, secret);

	*seen = false;
	if (rc)
		return rc < 0 ? rc : 0;
	subject_hash(secret, subject, hash);
	memset(secret, 0, sizeof(secret));
	return hash_seen(s, hash, seen);
}

static int remember(struct store *s, const char *subject, int day, int prune_before)
{
	unsigned char secret[SECRET_LEN], hash[SHA256_LEN];
	sqlite3_stmt *st;
	bool seen;
	int rc = read_secret(s, secret);

	if (rc == 1)
		rc = make_secret(s, secret);
	if (rc)
		return rc;
	subject_hash(secret, subject, hash);
	memset(secret, 0, sizeof(secret));
	rc = hash_seen(s, hash, &seen);
	if (rc || seen)
		return rc ? rc : ERR_STATE;
	rc = sqlite3_prepare_v2(s->db, "INSERT INTO rated_subjects (hash, day) VALUES (?, ?)", -1,
				&st, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "rated subject");
	sqlite3_bind_blob(st, 1, hash, SHA256_LEN, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, day);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "rated subject");
	rc = sqlite3_prepare_v2(s->db, "DELETE FROM rated_subjects WHERE day < ?", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "rated subject prune");
	sqlite3_bind_int(st, 1, prune_before);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, rc, "rated subject prune");
}

static int insert_rating(struct store *s, const struct store_rating *r)
{
	static const char sql[] =
		"INSERT INTO ratings (officer_id, level, scale, reasons, comment, via, flagged,"
		" flag_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return store_fail(s, rc, "rating insert");
	sqlite3_bind_text(st, 1, r->officer_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, r->level);
	sqlite3_bind_int(st, 3, r->scale);
	sqlite3_bind_text(st, 4, r->reasons, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, r->comment, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, r->via, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 7, r->flagged);
	sqlite3_bind_text(st, 8, r->flag_reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 9, r->created_at);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, rc, "rating insert");
}

/* An outbox body being written: once something does not fit, ok stays false. */
struct body {
	char *p;
	size_t len, k;
	bool ok;
};

static void put(struct body *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct body *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!b->ok)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->k, b->len - b->k, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= b->len - b->k)
		b->ok = false;
	else
		b->k += (size_t)n;
}

/* A JSON string. Control characters were refused before, but are escaped all the same. */
static void put_str(struct body *b, const char *s)
{
	put(b, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			put(b, "\\%c", c);
		else if (c < 0x20)
			put(b, "\\u%04x", c);
		else
			put(b, "%c", c);
	}
	put(b, "\"");
}

/* A JSON array of comma-separated ids (letters and '_' only, checked by rating.c). */
static void put_ids(struct body *b, const char *ids)
{
	put(b, "[");
	for (const char *p = ids; *p;) {
		size_t w = strcspn(p, ",");
		put(b, "%s\"%.*s\"", p == ids ? "" : ",", (int)w, p);
		p += w + (p[w] == ',');
	}
	put(b, "]");
}

static int rating_body(const struct store_rating *r, char *out, size_t len)
{
	struct body b = { out, len, 0, true };

	put(&b, "{\"officer\":");
	put_str(&b, r->officer_id);
	put(&b, ",\"level\":%d,\"scale\":%d,\"level_id\":\"%s\",\"reasons\":", r->level,
	    r->scale, r->level_id);
	put_ids(&b, r->reasons);
	put(&b, ",\"comment\":");
	put_str(&b, r->comment);
	put(&b, ",\"via\":\"%s\",\"flagged\":%s,\"flag_reason\":", r->via,
	    r->flagged ? "true" : "false");
	put_str(&b, r->flag_reason);
	put(&b, ",\"at\":%lld}", (long long)r->created_at);
	return b.ok ? 0 : ERR_RANGE;
}

static int add_locked(struct store *s, const struct store_rating *r, const char *body,
		      const char *subject, int day, int prune_before)
{
	int rc = subject ? remember(s, subject, day, prune_before) : 0;

	if (!rc)
		rc = insert_rating(s, r);
	if (!rc)
		rc = store_event(s, "rating.submitted", body, r->created_at);
	return rc;
}

int store_rating_add(struct store *s, const struct store_rating *r, const char *subject, int day,
		     int prune_before)
{
	char body[STORE_OUTBOX_BODY_MAX];
	int rc = rating_body(r, body, sizeof(body));

	if (rc)
		return rc;
	rc = store_exec(s, "BEGIN IMMEDIATE;");
	if (rc)
		return rc;
	rc = add_locked(s, r, body, subject, day, prune_before);
	if (rc)
		return rollback(s, rc);
	return store_exec(s, "COMMIT;");
}

static int count(struct store *s, const char *sql, const char *officer, int64_t since, int *n)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	*n = 0;
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "rating count");
	sqlite3_bind_int64(st, 1, since);
	if (officer)
		sqlite3_bind_text(st, 2, officer, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : store_fail(s, rc, "rating count");
}

int store_rating_recent(struct store *s, int64_t since, const char *officer_id,
			int64_t officer_since, int *kiosk_n, int *officer_n)
{
	int rc = count(s, "SELECT COUNT(*) FROM ratings WHERE created_at >= ?1", NULL, since,
		       kiosk_n);

	if (!rc)
		rc = count(s, "SELECT COUNT(*) FROM ratings WHERE created_at >= ?1 AND officer_id = ?2",
			   officer_id, officer_since, officer_n);
	return rc;
}

int store_rating_count(struct store *s, int *n)
{
	return count(s, "SELECT COUNT(*) FROM ratings WHERE created_at >= ?1", NULL, INT64_MIN, n);
}
