/* The store on a bad day: the ledger (numbering that never goes back, a printed ticket whose
 * record failed recorded printed at the next start), file modes, a read-only database, the
 * salvage of a damaged one, retention, and the free-space guard with its reserve. */
#include "../t.h"
#include "../../firmware/err.h"
#include "../../firmware/ledger.h"
#include "../../firmware/retention.h"
#include "../../firmware/storage.h"
#include "../../firmware/store.h"
#include "../../firmware/store_retention.h"
#include "../../firmware/store_salvage.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define NOW 1795406400   /* 2026-11-23 08:00 local */
#define DAY 20261123

struct fx {
	char db[300], ledger_path[300];
	struct store *st;
	struct ledger *l;
};

static int fx_open(struct fx *f)
{
	int rc;

	snprintf(f->db, sizeof(f->db), "%s/kiosk.db", t_tmpdir());
	snprintf(f->ledger_path, sizeof(f->ledger_path), "%s/tickets.ledger", t_tmpdir());
	rc = ledger_open(f->ledger_path, &f->l);
	if (!rc)
		rc = store_open(f->db, &f->st);
	if (!rc)
		store_set_ledger(f->st, f->l);
	return rc;
}

static void fx_close(struct fx *f)
{
	store_close(f->st);
	ledger_close(f->l);
	f->st = NULL;
	f->l = NULL;
}

static int issue(struct fx *f, const char *svc, int finish_status, struct store_ticket *t)
{
	static int n;
	char req[40];
	bool rep;
	struct store_issue in = { .service = svc, .day = DAY, .now = NOW, .request_id = req };
	int rc;

	snprintf(req, sizeof(req), "r%d-%d", (int)getpid(), ++n);
	rc = store_ticket_issue(f->st, &in, t, &rep);
	if (!rc && finish_status)
		rc = store_ticket_finish(f->st, t->id, finish_status, NULL, NOW);
	return rc;
}

static int count(struct store *st, const char *where)
{
	char sql[300];

	snprintf(sql, sizeof(sql), "SELECT CASE WHEN (%s) THEN 1 ELSE abs(-9223372036854775807 - 1)"
		 " END", where);
	return store_exec(st, sql);
}

static void remove_db(const char *db)
{
	char p[320];

	unlink(db);
	snprintf(p, sizeof(p), "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", db);
	unlink(p);
}

T_TEST(ledger_keeps_records_across_opens_and_ignores_torn_ones)
{
	char path[300];
	struct ledger *l;
	struct stat st;
	int fd;

	snprintf(path, sizeof(path), "%s/l", t_tmpdir());
	T_OK(ledger_open(path, &l));
	T_OK(stat(path, &st));
	T_EQ(st.st_size, LEDGER_FILE_BYTES);
	T_EQ(st.st_mode & 0777, 0600);
	T_OK(ledger_put(l, "A", DAY, 1, 0, NOW));
	T_OK(ledger_put(l, "A", DAY, 1, 1, NOW));
	T_OK(ledger_put(l, "A", DAY, 2, 0, NOW));
	T_OK(ledger_put(l, "B", DAY, 7, 0, NOW));
	ledger_close(l);
	T_OK(ledger_open(path, &l));
	T_EQ(ledger_count(l), 4);
	T_EQ(ledger_highest(l, "A", DAY, 1, 9999), 2);
	T_EQ(ledger_highest(l, "A", DAY + 1, 1, 9999), 0);
	T_EQ(ledger_highest(l, "B", DAY, 1, 5), 0);
	T_EQ(ledger_status(l, "A", DAY, 1), 1);
	T_EQ(ledger_status(l, "A", DAY, 3), -1);
	ledger_close(l);
	/* the fourth record torn: a byte of it changed */
	fd = open(path, O_RDWR);
	T_CHECK(fd >= 0);
	T_CHECK(pwrite(fd, "x", 1, 4 * LEDGER_RECORD + 30) == 1);
	close(fd);
	T_OK(ledger_open(path, &l));
	T_EQ(ledger_count(l), 3);
	T_EQ(ledger_highest(l, "B", DAY, 1, 9999), 0);
	/* the ring: the newest LEDGER_SLOTS records stay */
	for (int i = 3; i < LEDGER_SLOTS + 10; i++)
		T_OK(ledger_put(l, "A", DAY, i, 0, NOW));
	T_EQ(ledger_count(l), LEDGER_SLOTS);
	T_EQ(ledger_highest(l, "A", DAY, 1, 1 << 30), LEDGER_SLOTS + 9);
	T_EQ(ledger_status(l, "A", DAY, 1), -1);
	ledger_close(l);
}

T_TEST(numbering_continues_from_the_ledger_when_the_database_is_gone)
{
	struct fx f;
	struct store_ticket t;

	T_OK(fx_open(&f));
	for (int i = 1; i <= 5; i++) {
		T_OK(issue(&f, "K", TICKET_PRINTED, &t));
		T_EQ(t.seq, i);
	}
	fx_close(&f);
	remove_db(f.db);
	T_OK(fx_open(&f));
	T_CHECK(store_fresh(f.st));
	T_OK(issue(&f, "K", TICKET_PRINTED, &t));
	T_EQ(t.seq, 6);
	T_OK(issue(&f, "Q", 0, &t));   /* another service starts at 1 */
	T_EQ(t.seq, 1);
	fx_close(&f);
}

T_TEST(printed_ticket_whose_record_failed_is_printed_at_the_next_start)
{
	struct fx f;
	struct store_ticket t, u;
	int voided, printed;

	T_OK(fx_open(&f));
	T_OK(issue(&f, "K", 0, &t));   /* printing... */
	T_OK(issue(&f, "K", 0, &u));   /* killed before its bytes: voided */
	/* the database refuses every write from now on, as a full disk does */
	T_OK(store_exec(f.st, "PRAGMA query_only = 1;"));
	T_CHECK(store_ticket_finish(f.st, t.id, TICKET_PRINTED, NULL, NOW) != 0);
	fx_close(&f);
	T_OK(fx_open(&f));
	T_OK(store_recover_pending(f.st, NOW + 60, &voided, &printed));
	T_EQ(printed, 1);
	T_EQ(voided, 1);
	T_OK(store_ticket_get(f.st, t.id, &t));
	T_EQ(t.status, TICKET_PRINTED);
	T_OK(store_ticket_get(f.st, u.id, &u));
	T_EQ(u.status, TICKET_VOIDED);
	T_OK(count(f.st, "(SELECT COUNT(*) FROM outbox WHERE kind = 'ticket.printed') = 1"));
	T_OK(count(f.st, "(SELECT COUNT(*) FROM outbox WHERE kind = 'ticket.voided') = 1"));
	fx_close(&f);
}

T_TEST(store_files_are_private_whatever_the_umask)
{
	struct fx f;
	struct store_ticket t;
	struct stat st;
	char p[320];
	mode_t old = umask(0);

	T_OK(fx_open(&f));
	T_OK(issue(&f, "K", TICKET_PRINTED, &t));
	umask(old);
	T_OK(stat(f.db, &st));
	T_EQ(st.st_mode & 0777, 0600);
	snprintf(p, sizeof(p), "%s-wal", f.db);
	T_OK(stat(p, &st));
	T_EQ(st.st_mode & 0777, 0600);
	snprintf(p, sizeof(p), "%s-shm", f.db);
	T_OK(stat(p, &st));
	T_EQ(st.st_mode & 0777, 0600);
	fx_close(&f);
	/* a database an older firmware made readable by all is tightened */
	T_OK(chmod(f.db, 0644));
	T_OK(fx_open(&f));
	T_OK(stat(f.db, &st));
	T_EQ(st.st_mode & 0777, 0600);
	fx_close(&f);
}

T_TEST(store_refuses_a_read_only_database)
{
	struct store *st = NULL;
	char path[300], wal[320];

	snprintf(path, sizeof(path), "%s/ro.db", t_tmpdir());
	T_OK(store_open(path, &st));
	store_close(st);
	T_OK(chmod(path, 0400));
	T_EQ(store_open(path, &st), ERR_PERM);
	T_CHECK(st == NULL);
	T_OK(chmod(path, 0600));
	/* a read-only -wal beside it is no better */
	snprintf(wal, sizeof(wal), "%s-wal", path);
	T_OK(close(open(wal, O_WRONLY | O_CREAT, 0400)));
	T_OK(chmod(wal, 0400));
	T_EQ(store_open(path, &st), ERR_PERM);
	unlink(wal);
	T_OK(store_open(path, &st));
	store_close(st);
}

T_TEST(salvage_carries_tickets_and_unsent_events_into_a_new_database)
{
	struct fx f;
	struct store_ticket t;
	struct store_salvage_report r;
	int64_t ids[1];
	char moved[400];
	int n = 0;

	T_OK(fx_open(&f));
	for (int i = 0; i < 5; i++)
		T_OK(issue(&f, "K", TICKET_PRINTED, &t));
	ids[0] = 1;   /* the first event reached the central system */
	T_OK(store_outbox_mark_sent(f.st, ids, 1, NOW));
	fx_close(&f);
	T_OK(store_quarantine(f.db, NOW, moved, sizeof(moved)));
	T_OK(fx_open(&f));
	T_OK(store_salvage(f.st, moved, DAY, &r));
	T_CHECK(r.opened);
	T_CHECK(r.complete);
	T_EQ(r.tickets, 5);
	T_EQ(r.events, 9);
	T_EQ(r.events_missing, 0);
	T_OK(store_outbox_backlog(f.st, &n));
	T_EQ(n, 9);
	/* the same event ids: nothing the central system has is sent again as new */
	T_OK(count(f.st, "(SELECT COUNT(*) FROM outbox WHERE length(event_id) = 32) = 9"));
	T_OK(issue(&f, "K", TICKET_PRINTED, &t));
	T_EQ(t.seq, 6);
	fx_close(&f);
}

T_TEST(retention_deletes_old_rows_in_batches_and_keeps_what_is_unsent)
{
	struct fx f;
	struct store_retention lim;
	struct config_storage cfg = { .events_days = 30, .tickets_days = 90, .ratings_days = 365,
				      .comments_days = 90 };
	int deleted = 0, n = 0;

	T_OK(fx_open(&f));
	T_OK(store_exec(f.st,
		"WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 1200)"
		" INSERT INTO tickets (service, day, seq, status, issued_at, request_id)"
		" SELECT 'K', 20260101, i, 1, 1767225600, 'old' || i FROM k;"
		"WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 1200)"
		" INSERT INTO outbox (event_id, kind, body, created_at, sent_at)"
		" SELECT 'e' || i, 'ticket.printed', '{}', 1767225600, CASE WHEN i <= 1000 THEN"
		" 1767225600 END FROM k;"
		"INSERT INTO tickets (service, day, seq, status, issued_at, request_id)"
		" VALUES ('K', 20260101, 5000, 0, 1767225600, 'pending');"
		"INSERT INTO ratings (officer_id, level, scale, comment, via, created_at) VALUES"
		" ('o1', 1, 3, 'old words', 'ticket', 1700000000),"
		" ('o1', 1, 3, 'recent words', 'ticket', 1795406400),"
		" ('o1', 1, 3, 'a while ago', 'ticket', 1786406400);"));
	retention_limits(&cfg, NOW, &lim);
	T_EQ(lim.tickets_before, 20260825);
	/* two batches only: the rest waits for the next pass */
	T_OK(store_retention_run(f.st, &lim, 2, &deleted));
	T_EQ(deleted, 2 * STORE_RETENTION_BATCH);
	T_OK(store_retention_run(f.st, &lim, 100, &deleted));
	T_OK(count(f.st, "(SELECT COUNT(*) FROM tickets) = 1"));   /* the pending one */
	T_OK(store_outbox_backlog(f.st, &n));
	T_EQ(n, 200);
	T_OK(count(f.st, "(SELECT COUNT(*) FROM outbox) = 200"));
	T_OK(count(f.st, "(SELECT group_concat(comment, '|') FROM ratings ORDER BY id) = "
		   "'recent words|'"));
	T_OK(store_retention_run(f.st, &lim, 100, &deleted));
	T_EQ(deleted, 0);
	fx_close(&f);
}

T_TEST(storage_guard_and_reserve)
{
	struct storage *g;
	struct storage_limits lim = { .min_free_kb = 0, .reserve_kb = 64 };
	struct stat st;
	char reserve[300];

	snprintf(reserve, sizeof(reserve), "%s/reserve.space", t_tmpdir());
	T_OK(storage_open(t_tmpdir(), &lim, &g));
	T_OK(stat(reserve, &st));
	T_EQ(st.st_size, 64 * 1024);
	T_CHECK(storage_ok(g));
	T_OK(storage_release(g));
	T_CHECK(stat(reserve, &st) != 0);
	T_EQ(storage_release(g), ERR_NOTFOUND);
	T_CHECK(!storage_ok(g));  /* no reserve: tickets off until it is made again */
	storage_remake_reserve(g);
	T_OK(stat(reserve, &st));
	T_CHECK(storage_ok(g));
	storage_hold(g, true);
	T_CHECK(!storage_ok(g));
	storage_hold(g, false);
	T_CHECK(storage_ok(g));
	storage_close(g);
	/* more asked for than any disk here has: tickets off */
	lim.min_free_kb = 1048576 * 1023;
	T_OK(storage_open(t_tmpdir(), &lim, &g));
	if (storage_free_kb(g) < lim.min_free_kb)
		T_CHECK(!storage_ok(g));
	storage_close(g);
}
