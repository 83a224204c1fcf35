/* bench_store: what a year of service costs the store (docs/storage.md). Issues a ticket and
 * records it printed (the store's part of a tap, with the ledger) and asks every service's
 * availability (the services screen's entry), on an empty database and on one after a
 * simulated year (DAYS days of PER_DAY tickets, each day's events acknowledged, retention
 * at its defaults run each day), in the same run; the size the year leaves; and what one
 * check of the free-space guard costs.
 * usage: bench_store DIR [DAYS [PER_DAY]] */
#include "firmware/catalog.h"
#include "firmware/clock.h"
#include "firmware/config.h"
#include "firmware/ledger.h"
#include "firmware/queue.h"
#include "firmware/retention.h"
#include "firmware/storage.h"
#include "firmware/store.h"
#include "firmware/store_retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#define RUNS 300
#define DAY0 1764640800   /* 2025-12-02 09:00 local */

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double ms_since(int64_t t0)
{
	return (double)(clock_mono_ns() - t0) / 1e6;
}

static double p50(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	return v[n / 2];
}

/* One ticket: its service day, issued and recorded printed (a tap's store work; the hours
 * of the catalogue are not asked, so that every simulated day takes its tickets). */
static int ticket(struct queue *q, struct store *st, int64_t now, int i)
{
	struct store_ticket t;
	struct store_issue in = { .service = "K", .now = now };
	char req[40];
	bool rep;
	int rc = queue_service_day(q, now, &in.day);

	snprintf(req, sizeof(req), "b%lld-%d", (long long)now, i);
	in.request_id = req;
	if (!rc)
		rc = store_ticket_issue(st, &in, &t, &rep);
	return rc ? rc : store_ticket_finish(st, t.id, TICKET_PRINTED, NULL, now);
}

/* p50 of a tap's store work and of the services' availability, at `now`. */
static int measure(struct queue *q, struct store *st, const struct catalog *cat, int64_t now,
		   double *tap, double *avail)
{
	static double a[RUNS], b[RUNS];

	for (int i = 0; i < RUNS; i++) {
		int64_t t0 = clock_mono_ns();
		if (ticket(q, st, now + i, 900000 + i))
			return 1;
		a[i] = ms_since(t0);
		t0 = clock_mono_ns();
		for (size_t k = 0; k < catalog_service_count(cat); k++) {
			struct queue_avail_info info;
			if (queue_availability(q, catalog_service_at(cat, k), now + i, &info))
				return 1;
		}
		b[i] = ms_since(t0);
	}
	*tap = p50(a, RUNS);
	*avail = p50(b, RUNS);
	return 0;
}

static int open_db(const char *dir, const char *name, const struct catalog *cat,
		   struct store **st, struct ledger **l, struct queue **q)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/%s.ledger", dir, name);
	if (ledger_open(path, l))
		return 1;
	snprintf(path, sizeof(path), "%s/%s.db", dir, name);
	if (store_open(path, st))
		return 1;
	store_set_ledger(*st, *l);
	return queue_new(*st, cat, "BENCH", q);
}

/* A day of history as the kiosk writes it (a ticket row and its two events of the usual
 * size per ticket), in one statement each: the year is history, not what is measured. */
static int write_day(struct store *st, int64_t now, int ymd, int per_day)
{
	char sql[1024];

	snprintf(sql, sizeof(sql),
		 "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d)"
		 " INSERT INTO tickets (service, day, seq, status, issued_at, finished_at, request_id)"
		 " SELECT 'K', %d, i, 1, %lld + i * 20, %lld + i * 20, lower(hex(randomblob(16)))"
		 " FROM k;"
		 "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d)"
		 " INSERT INTO outbox (event_id, kind, body, created_at, sent_at)"
		 " SELECT lower(hex(randomblob(16))), 'ticket.printed', '{\"service\":\"K\",\"day\":'"
		 " || %d || ',\"seq\":' || i || ',\"priority\":0,\"status\":\"printed\","
		 "\"issued_at\":' || (%lld + i * 10) || ',\"at\":' || (%lld + i * 10) || '}',"
		 " %lld + i * 10, %lld FROM k;",
		 per_day, ymd, (long long)now, (long long)now, 2 * per_day, ymd, (long long)now,
		 (long long)now, (long long)now, (long long)now + 36000);
	return store_exec(st, sql);
}

/* A year of days: tickets, their events acknowledged, retention as the worker runs it. */
static int simulate(struct store *st, int days, int per_day)
{
	struct config_storage cfg = { .events_days = 30, .tickets_days = 90, .ratings_days = 365,
				      .comments_days = 90 };

	if (store_exec(st, "PRAGMA synchronous=OFF;"))
		return 1;
	for (int d = 0; d < days; d++) {
		int64_t now = DAY0 + (int64_t)d * 86400;
		struct store_retention lim;
		struct clock_local l;
		int deleted;

		clock_to_local(now, &l);
		if (write_day(st, now, l.ymd, per_day))
			return 1;
		retention_limits(&cfg, now + 36000, &lim);
		do
			if (store_retention_run(st, &lim, RETENTION_MAX_BATCHES, &deleted))
				return 1;
		while (deleted >= RETENTION_MAX_BATCHES * STORE_RETENTION_BATCH);
	}
	return store_exec(st, "PRAGMA synchronous=FULL; PRAGMA wal_checkpoint(TRUNCATE);");
}

static void guard_cost(const char *dir)
{
	static double v[RUNS];
	struct storage_limits lim = { 4096, 0 };
	struct storage *g;

	if (storage_open(dir, &lim, &g))
		return;
	for (int i = 0; i < RUNS; i++) {
		int64_t t0 = clock_mono_ns();
		(void)storage_ok(g);
		v[i] = ms_since(t0) * 1000.0;
	}
	printf("storage_guard_check_p50 %.1f us\n", p50(v, RUNS));
	storage_close(g);
}

int main(int argc, char **argv)
{
	int days = argc > 2 ? atoi(argv[2]) : 365, per_day = argc > 3 ? atoi(argv[3]) : 1000;
	struct catalog *cat;
	struct store *st[2];
	struct ledger *l[2];
	struct queue *q[2];
	double tap[2], avail[2];
	char err[256], path[600];
	struct stat sb;
	int64_t later = DAY0 + (int64_t)days * 86400;

	if (argc < 2 || catalog_load_file("tests/data/catalog-test.ini", &cat, err, sizeof(err)) ||
	    open_db(argv[1], "empty", cat, &st[0], &l[0], &q[0]) ||
	    open_db(argv[1], "year", cat, &st[1], &l[1], &q[1])) {
		fprintf(stderr, "bench_store: setup failed\n");
		return 1;
	}
	if (simulate(st[1], days, per_day)) {
		fprintf(stderr, "bench_store: setup failed\n");
		return 1;
	}
	for (int i = 0; i < 2; i++)
		if (measure(q[i], st[i], cat, later + 3600, &tap[i], &avail[i]))
			return 1;
	printf("store_tap_empty_p50 %.3f ms\n", tap[0]);
	printf("store_tap_year_p50 %.3f ms\n", tap[1]);
	printf("store_tap_year_over_empty %.2f x\n", tap[1] / tap[0]);
	printf("services_entry_empty_p50 %.3f ms\n", avail[0]);
	printf("services_entry_year_p50 %.3f ms\n", avail[1]);
	snprintf(path, sizeof(path), "%s/year.db", argv[1]);
	if (stat(path, &sb) == 0)
		printf("db_year_retained_size %.1f MB\n", (double)sb.st_size / 1e6);
	printf("db_year_tickets %d tickets\n", days * per_day);
	guard_cost(argv[1]);
	for (int i = 0; i < 2; i++) {
		queue_free(q[i]);
		store_close(st[i]);
		ledger_close(l[i]);
	}
	catalog_free(cat);
	return 0;
}
