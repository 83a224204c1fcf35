/* store_retention: old rows out in small batches (store_retention.h). */
#include "store_retention.h"

#include "err.h"
#include "log.h"
#include "store_cache.h"

#include "store_internal.h"

/* ?1 the limit, ?2 the row count of a batch. */
static const char *const batches[] = {
	"DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NOT NULL"
	" AND sent_at < ?1 ORDER BY sent_at LIMIT ?2)",
	"DELETE FROM tickets WHERE id IN (SELECT id FROM tickets WHERE day < ?1 AND status != 0"
	" ORDER BY day LIMIT ?2)",
	"DELETE FROM service_state WHERE rowid IN (SELECT rowid FROM service_state WHERE day < ?1"
	" LIMIT ?2)",
	"DELETE FROM ratings WHERE id IN (SELECT id FROM ratings WHERE created_at < ?1"
	" ORDER BY created_at LIMIT ?2)",
	"UPDATE ratings SET comment = '' WHERE id IN (SELECT id FROM ratings WHERE"
	" created_at < ?1 AND comment != '' LIMIT ?2)",
	"DELETE FROM lookup_cache WHERE rowid IN (SELECT rowid FROM lookup_cache WHERE"
	" fetched_at < ?1 LIMIT ?2)",
};

static int64_t limit_of(const struct store_retention *r, int i)
{
	const int64_t limits[] = { r->events_before, r->tickets_before, r->tickets_before,
				   r->ratings_before, r->comments_before, r->cache_before };

	return limits[i];
}

/* One batch of statement i: the rows it changed, or an error. */
static int batch(struct store *s, int i, int64_t limit)
{
	sqlite3_stmt *st;
	int rc = store_exec(s, "BEGIN IMMEDIATE;");

	if (rc)
		return rc;
	rc = store_prepare(s, batches[i], &st);
	if (!rc) {
		sqlite3_bind_int64(st, 1, limit);
		sqlite3_bind_int(st, 2, STORE_RETENTION_BATCH);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? sqlite3_changes(s->db) : store_fail(s, rc, "retention");
		store_done(s, st);
	}
	if (rc < 0 || store_exec(s, "COMMIT;") != 0) {
		sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
		return rc < 0 ? rc : ERR_DB;
	}
	return rc;
}

int store_retention_run(struct store *s, const struct store_retention *r, int max_batches,
			int *deleted)
{
	int rc = store_cache_init(s);

	*deleted = 0;
	for (int i = 0; !rc && i < (int)(sizeof(batches) / sizeof(batches[0])); i++) {
		int n = STORE_RETENTION_BATCH;
		while (!rc && n == STORE_RETENTION_BATCH && max_batches-- > 0) {
			n = batch(s, i, limit_of(r, i));
			if (n < 0)
				rc = n;
			else
				*deleted += n;
		}
	}
	if (!rc && *deleted > 0)
		rc = store_exec(s, "PRAGMA incremental_vacuum(256);");
	return rc;
}
