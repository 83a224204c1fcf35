/* Sync: backoff, the events batch from a real store file, strict reply judgement (nothing is
 * marked sent unless the reply is a well-formed 200), queue state, the outbox marks, the
 * schema 1 → 2 migration, and one pass against a port where nothing listens. */
#include "../t.h"
#include "../../firmware/err.h"
#include "../../firmware/http.h"
#include "../../firmware/store.h"
#include "../../firmware/sync.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static int open_db(struct store **st, char *path, size_t len)
{
	snprintf(path, len, "%s/kiosk.db", t_tmpdir());
	return store_open(path, st);
}

/* n tickets of service A on one day; the first one printed: n + 1 outbox rows. */
static int issue_tickets(struct store *st, int n)
{
	bool rep = false;

	for (int i = 0; i < n; i++) {
		struct store_issue req = { .service = "A", .day = 20261123, .now = 1795366800 + i };
		struct store_ticket t;
		char rid[16];
		int rc;

		snprintf(rid, sizeof(rid), "r%d", i);
		req.request_id = rid;
		rc = store_ticket_issue(st, &req, &t, &rep);
		if (rc)
			return rc;
		if (i == 0 && (rc = store_ticket_finish(st, t.id, TICKET_PRINTED, NULL, 1795366900)))
			return rc;
	}
	return 0;
}

static struct http_reply reply_of(long status, const char *body)
{
	struct http_reply r = { .status = status, .body = body, .len = strlen(body),
				.retry_after_s = -1 };
	return r;
}

T_TEST(sync_backoff_bounds_and_growth)
{
	T_EQ(sync_backoff_ms(0, 12345), 0);
	T_EQ(sync_backoff_ms(-3, 12345), 0);
	for (int f = 1; f < 40; f++) {
		int64_t ceiling = f < 10 ? 1000LL << (f - 1) : 300000;

		if (ceiling > 300000)
			ceiling = 300000;
		/* the ceiling itself is reachable, nothing above it is */
		T_EQ(sync_backoff_ms(f, (uint32_t)ceiling), ceiling);
		T_EQ(sync_backoff_ms(f, (uint32_t)ceiling + 1), 0);
		for (uint32_t r = 0; r < 4000000000u; r += 99991)
			T_CHECK(sync_backoff_ms(f, r) <= ceiling && sync_backoff_ms(f, r) >= 0);
	}
	T_EQ(sync_backoff_ms(2, 2000), 2000);
	T_EQ(sync_backoff_ms(9, 256000), 256000);
	T_EQ(sync_backoff_ms(10, 300000), 300000);
	T_EQ(sync_backoff_ms(2147483647, 0xffffffffu), 0xffffffffu % 300001);
}

static int check_event(json_t *e, const char *kind, int seq)
{
	json_t *body = json_object_get(e, "body");
	const char *id = json_string_value(json_object_get(e, "id"));

	return json_object_size(e) == 4 && id && strlen(id) == 32 &&
	       strspn(id, "0123456789abcdef") == 32 &&
	       strcmp(json_string_value(json_object_get(e, "kind")), kind) == 0 &&
	       json_is_integer(json_object_get(e, "at")) && json_is_object(body) &&
	       json_integer_value(json_object_get(body, "seq")) == seq &&
	       json_integer_value(json_object_get(body, "day")) == 20261123;
}

T_TEST(sync_batch_shape_from_store)
{
	static struct store_outbox_row rows[10];
	struct store *st;
	char path[300], *text = NULL;
	json_t *doc, *ev;
	int n;

	T_OK(open_db(&st, path, sizeof(path)));
	T_OK(issue_tickets(st, 3));
	T_OK(store_event(st, "health.printer", "{\"printer\":\"ready\"}", 1795367000));
	T_OK(store_outbox_pending(st, 10, rows, &n));
	T_EQ(n, 5);
	T_OK(sync_build_batch("KIOSK-01", rows, n, &text));
	doc = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
	free(text);
	T_CHECK(json_is_object(doc) && json_object_size(doc) == 3);
	T_STREQ(json_string_value(json_object_get(doc, "kiosk")), "KIOSK-01");
	{
		char name[64];
		snprintf(name, sizeof(name), "%s:5", rows[0].event_id);
		T_STREQ(json_string_value(json_object_get(doc, "batch")), name);
	}
	ev = json_object_get(doc, "events");
	T_CHECK(json_is_array(ev) && json_array_size(ev) == 5);
	/* oldest first: issued 1, printed 1, issued 2, issued 3, health */
	T_CHECK(check_event(json_array_get(ev, 0), "ticket.issued", 1));
	T_CHECK(check_event(json_array_get(ev, 1), "ticket.printed", 1));
	T_CHECK(check_event(json_array_get(ev, 2), "ticket.issued", 2));
	T_CHECK(check_event(json_array_get(ev, 3), "ticket.issued", 3));
	T_EQ(json_integer_value(json_object_get(json_array_get(ev, 0), "at")), 1795366800);
	T_STREQ(json_string_value(json_object_get(json_object_get(json_array_get(ev, 4), "body"),
						  "printer")), "ready");
	json_decref(doc);
	store_close(st);
}

T_TEST(sync_batch_wraps_unparsable_body)
{
	struct store_outbox_row row = { .id = 7, .event_id = "0123456789abcdef0123456789abcdef",
					.kind = "health.printer", .body = "not json",
					.created_at = 5 };
	char *text = NULL;
	json_t *doc, *body;

	T_OK(sync_build_batch("K", &row, 1, &text));
	doc = json_loads(text, 0, NULL);
	free(text);
	body = json_object_get(json_array_get(json_object_get(doc, "events"), 0), "body");
	T_STREQ(json_string_value(json_object_get(body, "unparsed")), "not json");
	json_decref(doc);
}

T_TEST(sync_events_reply_strict_nothing_marked)
{
	static const struct { long status; const char *body; int rc; } bad[] = {
		{ 200, "{\"accepted\": 3}", ERR_INVAL },
		{ 200, "{\"duplicates\": 0}", ERR_INVAL },
		{ 200, "{\"accepted\": \"3\", \"duplicates\": 0}", ERR_INVAL },
		{ 200, "{\"accepted\": 3.0, \"duplicates\": 0}", ERR_INVAL },
		{ 200, "{\"accepted\": 3, \"duplicates\": null}", ERR_INVAL },
		{ 200, "{\"accepted\": -1, \"duplicates\": 4}", ERR_INVAL },
		{ 200, "{\"accepted\": 1, \"duplicates\": 0}", ERR_INVAL }, /* counts another batch */
		{ 200, "{\"accepted\": 1, \"dupl", ERR_INVAL },
		{ 200, "", ERR_INVAL },
		{ 200, "[3, 0]", ERR_INVAL },
		{ 200, "{\"accepted\": 3, \"accepted\": 3, \"duplicates\": 0}", ERR_INVAL },
		{ 503, "{\"error\": \"injected failure\"}", ERR_BUSY },
		{ 429, "", ERR_BUSY },
		{ 403, "{\"error\": \"kiosk does not match\"}", ERR_PERM },
		{ 400, "{\"error\": \"bad\"}", ERR_IO },
		{ 201, "{\"accepted\": 3, \"duplicates\": 0}", ERR_IO },
	};
	static struct store_outbox_row rows[8];
	struct store *st;
	char path[300], reason[128];
	int n, backlog;

	T_OK(open_db(&st, path, sizeof(path)));
	T_OK(issue_tickets(st, 2));
	T_OK(store_outbox_pending(st, 8, rows, &n));
	T_EQ(n, 3);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct http_reply r = reply_of(bad[i].status, bad[i].body);

		reason[0] = '\0';
		T_EQ(sync_apply_events_reply(st, rows, n, &r, 1795367000, reason, sizeof(reason)),
		     bad[i].rc);
		T_CHECK(reason[0] != '\0');
		T_OK(store_outbox_backlog(st, &backlog));
		T_EQ(backlog, 3);
	}
	{
		struct http_reply r = reply_of(503, "{\"error\": \"injected failure\"}");

		sync_apply_events_reply(st, rows, n, &r, 1795367000, reason, sizeof(reason));
		T_STREQ(reason, "HTTP 503: injected failure");
	}
	{
		/* right counts, but the answer to another batch (a replayed reply) */
		struct http_reply r = reply_of(200, "{\"accepted\": 2, \"duplicates\": 1, "
					       "\"batch\": \"00000000000000000000000000000000:3\"}");

		T_EQ(sync_apply_events_reply(st, rows, n, &r, 1795367000, reason, sizeof(reason)),
		     ERR_INVAL);
		T_STREQ(reason, "reply is for another batch");
	}
	/* named right, but counting fewer events than were sent: the missing ones were never
	 * stored, and marking them sent would lose them */
	static const int counts[][2] = { { 2, 0 }, { 1, 1 }, { 0, 2 }, { 0, 0 } };
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		char body[160];
		struct http_reply r;

		snprintf(body, sizeof(body), "{\"accepted\": %d, \"duplicates\": %d, "
			 "\"batch\": \"%s:3\"}", counts[i][0], counts[i][1], rows[0].event_id);
		r = reply_of(200, body);
		T_EQ(sync_apply_events_reply(st, rows, n, &r, 1795367000, reason, sizeof(reason)),
		     ERR_INVAL);
		T_CHECK(strstr(reason, "were sent") != NULL);
		T_OK(store_outbox_backlog(st, &backlog));
		T_EQ(backlog, 3);
	}
	{
		char body[160];
		struct http_reply r;

		snprintf(body, sizeof(body), "{\"accepted\": 2, \"duplicates\": 1, \"x\": 1, "
			 "\"batch\": \"%s:3\"}", rows[0].event_id);
		r = reply_of(200, body);
		T_OK(sync_apply_events_reply(st, rows, n, &r, 1795367000, reason, sizeof(reason)));
	}
	T_OK(store_outbox_backlog(st, &backlog));
	T_EQ(backlog, 0);
	T_OK(store_outbox_pending(st, 8, rows, &n));
	T_EQ(n, 0);
	store_close(st);
}

T_TEST(sync_outbox_mark_sent_and_backlog)
{
	static struct store_outbox_row rows[8];
	struct store *st;
	char path[300];
	int64_t ids[2];
	int n, backlog, total;

	T_OK(open_db(&st, path, sizeof(path)));
	T_OK(issue_tickets(st, 4));
	T_OK(store_outbox_backlog(st, &backlog));
	T_EQ(backlog, 5);
	T_OK(store_outbox_pending(st, 2, rows, &n));
	T_EQ(n, 2);
	ids[0] = rows[0].id;
	ids[1] = rows[1].id;
	T_CHECK(rows[0].id < rows[1].id && !rows[0].truncated);
	T_OK(store_outbox_mark_sent(st, ids, 2, 100));
	T_OK(store_outbox_mark_sent(st, ids, 2, 200));   /* again: harmless */
	T_OK(store_outbox_backlog(st, &backlog));
	T_EQ(backlog, 3);
	T_OK(store_outbox_count(st, &total));
	T_EQ(total, 5);
	T_OK(store_outbox_pending(st, 8, rows, &n));
	T_EQ(n, 3);
	T_CHECK(rows[0].id > ids[1] && rows[0].id < rows[1].id && rows[1].id < rows[2].id);
	/* the first marking time stays */
	T_OK(store_exec(st, "SELECT CASE WHEN (SELECT COUNT(*) FROM outbox WHERE sent_at = 100)"
			    " = 2 THEN 1 ELSE abs(-9223372036854775808) END"));
	store_close(st);
}

T_TEST(sync_store_event_refuses_oversized_body)
{
	static char big[STORE_OUTBOX_BODY_MAX + 10];
	struct store *st;
	char path[300];

	memset(big, 'x', sizeof(big) - 1);
	T_OK(open_db(&st, path, sizeof(path)));
	T_EQ(store_event(st, "health.printer", big, 1), ERR_RANGE);
	store_close(st);
}

/* store_exec fails (abs overflow) unless the condition holds: an assertion in SQL. */
#define SQL_ASSERT(cond) "SELECT CASE WHEN " cond " THEN 1 ELSE abs(-9223372036854775808) END"

T_TEST(sync_store_migrates_schema_1)
{
	static struct store_outbox_row rows[4];
	struct store *st;
	char path[300];
	int n;

	/* Make a schema-1 file: today's file, with migrations 5, 4, 3 and 2 undone. */
	T_OK(open_db(&st, path, sizeof(path)));
	T_OK(issue_tickets(st, 1));
	T_OK(store_exec(st, "DROP INDEX tickets_day_status; DROP INDEX outbox_created_at;"));
	T_OK(store_exec(st, "ALTER TABLE tickets DROP COLUMN numbering;"));
	T_OK(store_exec(st, "DROP TABLE ratings; DROP TABLE rated_subjects;"
			    "DROP TABLE rating_secret;"));
	T_OK(store_exec(st, "DROP INDEX outbox_sent_at; ALTER TABLE outbox DROP COLUMN sent_at;"
			    "PRAGMA user_version = 1;"));
	T_CHECK(store_exec(st, "SELECT sent_at FROM outbox") != 0);
	store_close(st);

	T_OK(store_open(path, &st));
	T_OK(store_exec(st, SQL_ASSERT("(SELECT user_version FROM pragma_user_version) = 5")));
	T_OK(store_exec(st, SQL_ASSERT("(SELECT COUNT(*) FROM tickets WHERE numbering = 0) = 1")));
	T_OK(store_exec(st, SQL_ASSERT("(SELECT COUNT(*) FROM pragma_table_info('outbox')"
				       " WHERE name = 'sent_at') = 1")));
	T_OK(store_exec(st, SQL_ASSERT("(SELECT COUNT(*) FROM pragma_index_list('outbox')"
				       " WHERE name = 'outbox_sent_at') = 1")));
	/* rows written before the migration were never sent */
	T_OK(store_outbox_pending(st, 4, rows, &n));
	T_EQ(n, 2);
	store_close(st);
}

T_TEST(sync_queue_reply_stores_last_called)
{
	static const char *const bad[] = {
		"{\"day\": 20261123}",
		"{\"day\": \"20261123\", \"services\": {}}",
		"{\"day\": 20261123, \"services\": {\"A\": {\"last_called\": \"4\"}}}",
		"{\"day\": 20261123, \"services\": {\"A\": {\"last_called\": -1}}}",
		"{\"day\": 20261123, \"services\": {\"A\": 4}}",
		"{\"day\": 20261123, \"services\": {\"A\": {\"last_called\": 4},"
		" \"B\": {\"waiting\": 1}}}",
		"{\"day\": 20261123, \"services\": {\"TOOLONGNAME\": {\"last_called\": 4}}}",
		"[]", "nope",
	};
	struct store *st;
	char path[300], reason[128];
	int seq = -1;

	T_OK(open_db(&st, path, sizeof(path)));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct http_reply r = reply_of(200, bad[i]);

		T_EQ(sync_apply_queue_reply(st, &r, 1000, reason, sizeof(reason)), ERR_INVAL);
		T_EQ(store_last_called(st, "A", 20261123, 1000, 600, &seq), ERR_NOTFOUND);
	}
	{
		struct http_reply r = reply_of(200,
			"{\"day\": 20261123, \"services\": {\"A\": {\"last_called\": 12, \"waiting\":"
			" 3, \"avg_service_s\": 420, \"open_counters\": 2}, \"B\": {\"last_called\":"
			" 0}}}");

		T_OK(sync_apply_queue_reply(st, &r, 1000, reason, sizeof(reason)));
	}
	T_OK(store_last_called(st, "A", 20261123, 1000, 600, &seq));
	T_EQ(seq, 12);
	T_OK(store_last_called(st, "B", 20261123, 1000, 600, &seq));
	T_EQ(seq, 0);
	store_close(st);
}

T_TEST(sync_run_once_unreachable_marks_nothing)
{
	struct sync_config cfg = {
		.url = "https://127.0.0.1:1/", .ca = "/nonexistent/ca.pem",
		.cert = "/nonexistent/k.pem", .key = "/nonexistent/k.key", .kiosk_id = "KIOSK-01",
		.version = "test", .batch = 2, .heartbeat_s = 60, .queue_s = 10,
		.timeout_ms = 2000,
	};
	struct sync_health h;
	struct store *st;
	struct sync *s;
	char path[300];
	int backlog;

	T_OK(http_global_init());
	T_OK(open_db(&st, path, sizeof(path)));
	T_OK(issue_tickets(st, 2));
	T_OK(sync_open(&cfg, path, &s));
	T_EQ(sync_run_once(s), ERR_IO);
	sync_status(s, &h);
	T_EQ(h.backlog, 3);
	T_EQ(h.failures, 5);   /* events, heartbeat, queue, catalogue, procedures */
	T_EQ(h.last_error, ERR_IO);
	T_CHECK(strstr(h.last_error_reason, "connection refused") != NULL);
	T_EQ(h.last_ok_s, 0);
	sync_stop(s);
	T_OK(store_outbox_backlog(st, &backlog));
	T_EQ(backlog, 3);
	cfg.url = "http://127.0.0.1:1";   /* plain HTTP is refused before any connection */
	T_OK(sync_open(&cfg, path, &s));
	T_EQ(sync_run_once(s), ERR_INVAL);
	sync_stop(s);
	cfg.batch = 501;
	T_EQ(sync_open(&cfg, path, &s), ERR_CONFIG);
	cfg.batch = 2;
	cfg.ca = "";
	T_EQ(sync_open(&cfg, path, &s), ERR_CONFIG);
	store_close(st);
	http_global_cleanup();
}
