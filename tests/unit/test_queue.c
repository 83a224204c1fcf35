/* Numbering: per service and day, replayed requests, rollover at local midnight, the clock
 * moving back, caps, voids, two processes on one database, and the store's refusals. */
#include "../t.h"
#include "../../firmware/catalog.h"
#include "../../firmware/clock.h"
#include "../../firmware/err.h"
#include "../../firmware/queue.h"
#include "../../firmware/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char test_catalog[] =
	"[field.f]\nname_vi = Hộ tịch\n"
	"[service.A]\nfield = f\nname_vi = Khai sinh\ncounters = 1\npriority = true\n"
	"mon = 07:30-11:30, 13:30-17:00\ntue = 07:30-11:30, 13:30-17:00\n"
	"wed = 07:30-11:30, 13:30-17:00\nthu = 07:30-11:30, 13:30-17:00\n"
	"fri = 07:30-11:30, 13:30-17:00\n"
	"[service.B]\nfield = f\nname_vi = Kết hôn\ncounters = 2\ndaily_cap = 2\n"
	"mon = 07:30-17:00\ntue = 07:30-17:00\nwed = 07:30-17:00\nthu = 07:30-17:00\n"
	"fri = 07:30-17:00\n"
	"[service.Z]\nfield = f\nname_vi = Trực 24 giờ\ncounters = 9\n"
	"mon = 00:00-24:00\ntue = 00:00-24:00\nwed = 00:00-24:00\nthu = 00:00-24:00\n"
	"fri = 00:00-24:00\nsat = 00:00-24:00\nsun = 00:00-24:00\n";

struct fx {
	struct store *st;
	struct catalog *cat;
	struct queue *q;
	char path[300];
};

static int fx_open(struct fx *f)
{
	char err[256];
	int rc;

	snprintf(f->path, sizeof(f->path), "%s/kiosk.db", t_tmpdir());
	rc = catalog_load_string(test_catalog, "test", &f->cat, err, sizeof(err));
	if (rc) {
		printf("    catalog: %s\n", err);
		return rc;
	}
	rc = store_open(f->path, &f->st);
	return rc ? rc : queue_new(f->st, f->cat, "K1", &f->q);
}

static void fx_close(struct fx *f)
{
	queue_free(f->q);
	store_close(f->st);
	catalog_free(f->cat);
}

/* Issue with a fresh request id; returns the seq or a negative error. */
static int issue(struct fx *f, const char *prefix, int64_t now)
{
	bool rep = false;
	struct queue_ticket t;
	char req[64];
	static int n;
	int rc;

	snprintf(req, sizeof(req), "req-%d-%d", (int)getpid(), ++n);
	rc = queue_issue(f->q, prefix, 0, req, now, &t, &rep);
	if (rc < 0)
		return rc;
	rc = queue_finish(f->q, t.id, TICKET_PRINTED, NULL, now);
	return rc < 0 ? rc : t.seq;
}

/* Monday 23 November 2026, local time. */
static int64_t mon(int h, int m)
{
	return clock_from_local(2026, 11, 23, h, m, 0);
}

T_TEST(queue_numbers_per_service_and_format)
{
	bool rep = false;
	struct fx f;
	struct queue_ticket t;

	T_OK(fx_open(&f));
	T_EQ(issue(&f, "A", mon(8, 0)), 1);
	T_EQ(issue(&f, "A", mon(8, 1)), 2);
	T_EQ(issue(&f, "B", mon(8, 2)), 1);
	T_EQ(queue_issue(f.q, "A", 0, "r-x", mon(8, 3), &t, &rep), 0);
	T_STREQ(t.number, "A-003");
	T_STREQ(t.ticket_id, "K1-20261123-A003");
	T_EQ(t.day, 20261123);
	T_EQ(queue_issue(f.q, "Q", 0, "r-y", mon(8, 3), &t, &rep), ERR_NOTFOUND);
	fx_close(&f);
}

T_TEST(queue_same_request_gives_same_ticket)
{
	bool rep = false;
	struct fx f;
	struct queue_ticket a, b;
	int n;

	T_OK(fx_open(&f));
	T_EQ(queue_issue(f.q, "A", 0, "tap-1", mon(9, 0), &a, &rep), 0);
	T_CHECK(!rep);
	T_OK(queue_issue(f.q, "A", 0, "tap-1", mon(9, 0), &b, &rep));
	T_CHECK(rep);
	T_OK(queue_issue(f.q, "B", 0, "tap-1", mon(9, 0), &b, &rep));
	T_CHECK(rep);
	T_EQ(a.id, b.id);
	T_STREQ(b.number, "A-001");
	T_OK(store_count_active(f.st, "A", 20261123, &n));
	T_EQ(n, 1);
	fx_close(&f);
}

T_TEST(queue_rolls_over_at_local_midnight_whatever_tz)
{
	bool rep = false;
	struct fx f;
	struct queue_ticket t;

	time_t winter = 1795395600;   /* 2026-11-23 01:00 UTC: 20:00 the day before in New York */
	struct tm tm;

	/* the zone must be known (tzdata), or glibc takes UTC and this tests nothing; TZ is put
	 * back after the test whatever happens (tests/t.c) */
	setenv("TZ", "America/New_York", 1);
	tzset();
	T_CHECK(localtime_r(&winter, &tm) && tm.tm_gmtoff == -5 * 3600 && tm.tm_mday == 22);
	T_OK(fx_open(&f));
	T_EQ(issue(&f, "Z", clock_from_local(2026, 11, 23, 23, 58, 59)), 1);
	T_EQ(issue(&f, "Z", clock_from_local(2026, 11, 23, 23, 59, 30)), 2);
	T_EQ(queue_issue(f.q, "Z", 0, "after-midnight", clock_from_local(2026, 11, 24, 0, 0, 1), &t, &rep), 0);
	T_EQ(t.seq, 1);
	T_EQ(t.day, 20261124);
	fx_close(&f);
}

T_TEST(queue_clock_moved_back_never_repeats)
{
	bool rep = false;
	struct fx f;
	struct queue_ticket t;

	T_OK(fx_open(&f));
	T_EQ(issue(&f, "Z", clock_from_local(2026, 11, 24, 0, 30, 0)), 1);
	/* back within the day */
	T_EQ(issue(&f, "Z", clock_from_local(2026, 11, 24, 0, 10, 0)), 2);
	/* back across midnight: the day already used stays the service day */
	T_EQ(queue_issue(f.q, "Z", 0, "back", clock_from_local(2026, 11, 23, 23, 50, 0), &t, &rep), 0);
	T_EQ(t.day, 20261124);
	T_EQ(t.seq, 3);
	fx_close(&f);
}

T_TEST(queue_closed_and_capped)
{
	bool rep = false;
	struct fx f;
	struct queue_ticket t;
	struct queue_avail_info a;
	const struct catalog_service *b;

	T_OK(fx_open(&f));
	b = catalog_service_find(f.cat, "B");
	T_CHECK(b != NULL);
	T_EQ(queue_issue(f.q, "A", 0, "lunch", mon(12, 0), &t, &rep), ERR_CLOSED);
	T_OK(queue_availability(f.q, catalog_service_find(f.cat, "A"), mon(12, 0), &a));
	T_EQ(a.avail, QUEUE_CLOSED);
	T_EQ(a.next_open, mon(13, 30));
	T_EQ(issue(&f, "B", mon(8, 0)), 1);
	/* a voided ticket does not count toward the cap */
	T_EQ(queue_issue(f.q, "B", 0, "v", mon(8, 1), &t, &rep), 0);
	T_OK(queue_finish(f.q, t.id, TICKET_VOIDED, "paper out", mon(8, 1)));
	T_EQ(issue(&f, "B", mon(8, 2)), 3);
	T_EQ(issue(&f, "B", mon(8, 3)), ERR_CAP);
	T_OK(queue_availability(f.q, b, mon(8, 4), &a));
	T_EQ(a.avail, QUEUE_FULL);
	T_EQ(a.issued, 2);
	T_EQ(a.next_open, clock_from_local(2026, 11, 24, 7, 30, 0));
	fx_close(&f);
}

T_TEST(queue_priority_only_where_allowed)
{
	bool rep = false;
	struct fx f;
	struct queue_ticket t;

	T_OK(fx_open(&f));
	T_EQ(queue_issue(f.q, "A", 1, "p1", mon(8, 0), &t, &rep), 0);
	T_EQ(t.priority, 1);
	T_EQ(queue_issue(f.q, "B", 1, "p2", mon(8, 0), &t, &rep), ERR_INVAL);
	T_EQ(queue_issue(f.q, "A", 7, "p3", mon(8, 0), &t, &rep), ERR_INVAL);
	fx_close(&f);
}

T_TEST(queue_interrupted_print_is_voided_not_reused)
{
	bool rep = false;
	struct fx f;
	struct queue_ticket t;
	struct store_ticket s;
	int voided;

	T_OK(fx_open(&f));
	T_EQ(queue_issue(f.q, "A", 0, "crash", mon(8, 0), &t, &rep), 0);
	T_OK(queue_recover(f.q, mon(8, 1), &voided));
	T_EQ(voided, 1);
	T_OK(store_ticket_get(f.st, t.id, &s));
	T_EQ(s.status, TICKET_VOIDED);
	T_EQ(issue(&f, "A", mon(8, 2)), 2);
	T_EQ(queue_finish(f.q, t.id, TICKET_PRINTED, NULL, mon(8, 3)), ERR_STATE);
	fx_close(&f);
}

T_TEST(queue_events_go_to_outbox_with_the_change)
{
	bool rep = false;
	struct fx f;
	struct queue_ticket t;
	int n;

	T_OK(fx_open(&f));
	T_EQ(queue_issue(f.q, "A", 0, "o1", mon(8, 0), &t, &rep), 0);
	T_OK(store_outbox_count(f.st, &n));
	T_EQ(n, 1);
	T_OK(queue_finish(f.q, t.id, TICKET_PRINTED, NULL, mon(8, 0)));
	T_OK(store_outbox_count(f.st, &n));
	T_EQ(n, 2);
	fx_close(&f);
}

/* The outbox row is written inside the ticket's own transaction: when it cannot be written,
 * the ticket (or its new status) is not there either, and the next try takes the same number.
 * A row written after COMMIT would leave a ticket the central system never hears of. */
T_TEST(queue_outbox_row_in_the_tickets_transaction)
{
	static const char planted[] = "CREATE TEMP TRIGGER no_outbox BEFORE INSERT ON outbox"
				      " BEGIN SELECT RAISE(ABORT, 'outbox full'); END;";
	bool rep = false;
	struct fx f;
	struct queue_ticket t;
	struct store_ticket s;
	int n = -1;

	T_OK(fx_open(&f));
	T_OK(store_exec(f.st, planted));
	T_CHECK(queue_issue(f.q, "A", 0, "tx1", mon(8, 0), &t, &rep) < 0);
	T_OK(store_exec(f.st, "SELECT CASE WHEN (SELECT COUNT(*) FROM tickets) = 0 THEN 1"
			      " ELSE abs(-9223372036854775808) END"));
	T_OK(store_exec(f.st, "DROP TRIGGER no_outbox;"));
	T_EQ(queue_issue(f.q, "A", 0, "tx1", mon(8, 0), &t, &rep), 0);
	T_CHECK(!rep);
	T_EQ(t.seq, 1);
	T_OK(store_outbox_count(f.st, &n));
	T_EQ(n, 1);
	/* the print's outcome: a status and its event, or neither */
	T_OK(store_exec(f.st, planted));
	T_CHECK(queue_finish(f.q, t.id, TICKET_PRINTED, NULL, mon(8, 0)) < 0);
	T_OK(store_ticket_get(f.st, t.id, &s));
	T_EQ(s.status, TICKET_PENDING);
	T_OK(store_exec(f.st, "DROP TRIGGER no_outbox;"));
	T_OK(queue_finish(f.q, t.id, TICKET_PRINTED, NULL, mon(8, 0)));
	T_OK(store_outbox_count(f.st, &n));
	T_EQ(n, 2);
	fx_close(&f);
}

T_TEST(queue_people_ahead_known_and_unknown)
{
	bool rep = false;
	struct fx f;
	struct queue_ticket t;

	T_OK(fx_open(&f));
	T_EQ(issue(&f, "A", mon(8, 0)), 1);
	T_EQ(issue(&f, "A", mon(8, 1)), 2);
	T_EQ(queue_issue(f.q, "A", 0, "third", mon(8, 2), &t, &rep), 0);
	T_EQ(t.ahead, 2);
	T_CHECK(!t.ahead_known);
	T_OK(store_set_last_called(f.st, "A", 20261123, 2, mon(8, 3)));
	T_EQ(queue_issue(f.q, "A", 0, "fourth", mon(8, 4), &t, &rep), 0);
	T_CHECK(t.ahead_known);
	T_EQ(t.ahead, 1);
	/* a stale figure is not believed */
	T_EQ(queue_issue(f.q, "A", 0, "fifth", mon(9, 0), &t, &rep), 0);
	T_CHECK(!t.ahead_known);
	T_EQ(t.ahead, 4);
	fx_close(&f);
}

static int child_issue(const char *path, int n, const char *tag)
{
	bool rep = false;
	struct fx f;
	char err[256], req[64];
	struct queue_ticket t;

	if (catalog_load_string(test_catalog, "test", &f.cat, err, sizeof(err)) ||
	    store_open(path, &f.st) || queue_new(f.st, f.cat, "K1", &f.q))
		return 1;
	for (int i = 0; i < n; i++) {
		snprintf(req, sizeof(req), "%s-%d", tag, i);
		if (queue_issue(f.q, "A", 0, req, mon(9, 0), &t, &rep) < 0 ||
		    queue_finish(f.q, t.id, TICKET_PRINTED, NULL, mon(9, 0)))
			return 1;
	}
	fx_close(&f);
	return 0;
}

T_TEST(queue_two_processes_one_database)
{
	struct fx f;
	pid_t pid[2];
	int status, n, max_seq = 0;
	struct store_ticket s;

	T_OK(fx_open(&f));
	for (int i = 0; i < 2; i++) {
		pid[i] = fork();
		if (pid[i] == 0)
			_exit(child_issue(f.path, 150, i ? "p2" : "p1"));
	}
	for (int i = 0; i < 2; i++) {
		T_EQ(waitpid(pid[i], &status, 0), pid[i]);
		T_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	T_OK(store_count_active(f.st, "A", 20261123, &n));
	T_EQ(n, 300);
	for (int64_t id = 1; store_ticket_get(f.st, id, &s) == 0; id++)
		max_seq = s.seq > max_seq ? s.seq : max_seq;
	T_EQ(max_seq, 300); /* 300 distinct (UNIQUE) seqs up to 300: none skipped */
	fx_close(&f);
}

T_TEST(store_refuses_newer_schema)
{
	struct store *st;
	char path[300];

	snprintf(path, sizeof(path), "%s/new.db", t_tmpdir());
	T_OK(store_open(path, &st));
	T_OK(store_exec(st, "PRAGMA user_version = 99;"));
	store_close(st);
	T_EQ(store_open(path, &st), ERR_SCHEMA);
	T_CHECK(st == NULL);
}

static int write_file(const char *path, const char *data, size_t len, long offset)
{
	FILE *fp = fopen(path, offset < 0 ? "wb" : "r+b");
	int ok;

	if (!fp)
		return -1;
	if (offset >= 0)
		fseek(fp, offset, SEEK_SET);
	ok = fwrite(data, 1, len, fp) == len;
	return fclose(fp) == 0 && ok ? 0 : -1;
}

T_TEST(store_corrupt_file_is_reported_and_kept)
{
	struct store *st;
	char path[300], moved[400], buf[64] = { 0 };
	FILE *fp;

	snprintf(path, sizeof(path), "%s/bad.db", t_tmpdir());
	T_OK(write_file(path, "this is not a database, it is a shopping list", 46, -1));
	T_EQ(store_open(path, &st), ERR_CORRUPT);
	T_OK(store_quarantine(path, 1234, moved, sizeof(moved)));
	T_CHECK(strstr(moved, "bad.db.corrupt-1234") != NULL);
	fp = fopen(moved, "rb");
	T_CHECK(fp != NULL);
	T_CHECK(fread(buf, 1, 20, fp) == 20);
	fclose(fp);
	T_CHECK(strncmp(buf, "this is not a databa", 20) == 0);
	T_OK(store_open(path, &st));
	store_close(st);
}

T_TEST(store_damaged_pages_are_detected)
{
	struct fx f;
	struct store *st;
	char junk[4096];

	T_OK(fx_open(&f));
	for (int i = 0; i < 400; i++)
		T_CHECK(issue(&f, "Z", mon(9, 0)) > 0);
	T_OK(store_exec(f.st, "PRAGMA wal_checkpoint(TRUNCATE);"));
	fx_close(&f);
	memset(junk, 0x5a, sizeof(junk));
	T_OK(write_file(f.path, junk, sizeof(junk), 4096 * 3));
	T_EQ(store_open(f.path, &st), ERR_CORRUPT);
}
