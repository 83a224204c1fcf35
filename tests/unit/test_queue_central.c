/* Central numbering in the queue and the store: the checks before asking, the central number
 * recorded as given, the fallback choice (the reserved range, in order, used up), a central
 * number this kiosk already holds, replays by request id, the service day at local midnight,
 * the events' origin and request id (and local bodies unchanged), and people ahead in the
 * order of issue when fallback numbers sit between central ones. Real SQLite files. */
#include "../t.h"
#include "../../firmware/catalog.h"
#include "../../firmware/clock.h"
#include "../../firmware/err.h"
#include "../../firmware/queue.h"
#include "../../firmware/store.h"

#include <stdio.h>

static const char cat_text[] =
	"[field.f]\nname_vi = Hộ tịch\n"
	"[service.A]\nfield = f\nname_vi = Khai sinh\ncounters = 1\npriority = true\n"
	"mon = 07:30-17:00\ntue = 07:30-17:00\n"
	"[service.B]\nfield = f\nname_vi = Kết hôn\ncounters = 2\ndaily_cap = 2\n"
	"mon = 07:30-17:00\n"
	"[service.Z]\nfield = f\nname_vi = Trực 24 giờ\ncounters = 9\n"
	"mon = 00:00-24:00\ntue = 00:00-24:00\n";

struct fx {
	struct store *st;
	struct catalog *cat;
	struct queue *q;
};

static int fx_open(struct fx *f)
{
	char err[256], path[300];
	int rc;

	snprintf(path, sizeof(path), "%s/kiosk.db", t_tmpdir());
	rc = catalog_load_string(cat_text, "test", &f->cat, err, sizeof(err));
	if (!rc)
		rc = store_open(path, &f->st);
	return rc ? rc : queue_new(f->st, f->cat, "K1", &f->q);
}

static void fx_close(struct fx *f)
{
	queue_free(f->q);
	store_close(f->st);
	catalog_free(f->cat);
}

static int64_t mon(int h, int m)
{
	return clock_from_local(2026, 11, 23, h, m, 0);
}

/* Asks (queue_check) and records the answer central_seq (0: none); the seq, or an error. */
static int take(struct fx *f, const char *prefix, const char *req, int central_seq, int64_t now,
		struct queue_ticket *t)
{
	bool rep = false;
	struct queue_numbered n = { .prefix = prefix, .request_id = req, .central_seq = central_seq,
				    .range_from = 900, .range_to = 902 };
	int rc = queue_check(f->q, prefix, 0, req, now, t, &n.day, &rep);

	if (rc || rep)
		return rc < 0 ? rc : 1000 + t->seq;   /* a replay: 1000 + its seq */
	rc = queue_issue_numbered(f->q, &n, now, t, &rep);
	return rc < 0 ? rc : t->seq;
}

T_TEST(store_range_next_in_order_and_used_up)
{
	int seq = -1;

	T_OK(store_range_next(900, 949, 0, &seq));
	T_EQ(seq, 900);
	T_OK(store_range_next(900, 949, 900, &seq));
	T_EQ(seq, 901);
	T_OK(store_range_next(900, 949, 948, &seq));
	T_EQ(seq, 949);
	seq = -1;
	T_EQ(store_range_next(900, 949, 949, &seq), ERR_RANGE);
	T_EQ(seq, -1);
	T_EQ(store_range_next(7, 7, 0, &seq), 0);
	T_EQ(seq, 7);
	/* a highest number below the range (another origin) starts the range at its start */
	T_OK(store_range_next(900, 949, 12, &seq));
	T_EQ(seq, 900);
	/* no range at all */
	T_EQ(store_range_next(0, 0, 0, &seq), ERR_RANGE);
	T_EQ(store_range_next(950, 900, 0, &seq), ERR_RANGE);
}

T_TEST(queue_central_number_then_fallbacks_then_used_up)
{
	struct fx f;
	struct queue_ticket t;
	int n = 0;

	T_OK(fx_open(&f));
	T_EQ(take(&f, "A", "r1", 5, mon(9, 0), &t), 5);
	T_EQ(t.numbering, STORE_NUM_CENTRAL);
	T_STREQ(t.number, "A-005");
	T_STREQ(t.ticket_id, "K1-20261123-A005");
	T_EQ(take(&f, "A", "r2", 0, mon(9, 1), &t), 900);
	T_EQ(t.numbering, STORE_NUM_FALLBACK);
	T_STREQ(t.number, "A-900");
	T_EQ(take(&f, "A", "r3", 6, mon(9, 2), &t), 6);
	T_EQ(take(&f, "A", "r4", 0, mon(9, 3), &t), 901);
	T_EQ(take(&f, "A", "r5", 0, mon(9, 4), &t), 902);
	/* the range is used up: nothing issued, nothing in the outbox */
	T_OK(store_outbox_count(f.st, &n));
	T_EQ(take(&f, "A", "r6", 0, mon(9, 5), &t), ERR_RANGE);
	T_OK(store_count_active(f.st, "A", 20261123, &t.seq));
	T_EQ(t.seq, 5);
	T_OK(store_outbox_count(f.st, &t.seq));
	T_EQ(t.seq, n);
	T_EQ(store_ticket_by_request(f.st, "r6", &(struct store_ticket){ 0 }), ERR_NOTFOUND);
	/* a central number still comes through, and another service has its own range */
	T_EQ(take(&f, "A", "r7", 7, mon(9, 6), &t), 7);
	T_EQ(take(&f, "Z", "r8", 0, mon(9, 7), &t), 900);
	fx_close(&f);
}

T_TEST(queue_central_number_already_held_falls_back)
{
	struct fx f;
	struct queue_ticket t;

	T_OK(fx_open(&f));
	T_EQ(take(&f, "A", "r1", 3, mon(9, 0), &t), 3);
	/* the central system gives 3 again for another request: never two tickets A-003 */
	T_EQ(take(&f, "A", "r2", 3, mon(9, 1), &t), 900);
	T_EQ(t.numbering, STORE_NUM_FALLBACK);
	/* nor a central number that is a fallback number of this kiosk (the judgement refuses
	 * numbers of the reserved range before they get here) */
	T_EQ(take(&f, "A", "r3", 900, mon(9, 2), &t), 901);
	T_EQ(t.numbering, STORE_NUM_FALLBACK);
	fx_close(&f);
}

T_TEST(queue_central_repeated_request_replays)
{
	bool rep = false;
	struct fx f;
	struct queue_ticket a, b;
	struct queue_numbered n = { .prefix = "A", .request_id = "tap", .central_seq = 9,
				    .day = 20261123, .range_from = 900, .range_to = 902 };

	T_OK(fx_open(&f));
	T_EQ(take(&f, "A", "tap", 4, mon(9, 0), &a), 4);
	/* asked again (a repeated tap): the same ticket, no question to the central system */
	T_EQ(take(&f, "A", "tap", 0, mon(9, 0), &b), 1004);
	T_EQ(b.id, a.id);
	T_EQ(b.numbering, STORE_NUM_CENTRAL);
	/* an answer recorded twice for one request (a late one): still the one ticket */
	T_OK(queue_issue_numbered(f.q, &n, mon(9, 1), &b, &rep));
	T_CHECK(rep);
	T_EQ(b.id, a.id);
	T_EQ(b.seq, 4);
	fx_close(&f);
}

T_TEST(queue_central_checks_before_asking)
{
	bool rep = false;
	struct fx f;
	struct queue_ticket t;
	int day = 0;

	T_OK(fx_open(&f));
	T_EQ(queue_check(f.q, "Q", 0, "r0", mon(9, 0), &t, &day, &rep), ERR_NOTFOUND);
	T_EQ(queue_check(f.q, "B", 1, "r0", mon(9, 0), &t, &day, &rep), ERR_INVAL);
	T_EQ(queue_check(f.q, "A", 0, "r0", mon(18, 0), &t, &day, &rep), ERR_CLOSED);
	T_EQ(queue_check(f.q, "A", 0, "r0", mon(9, 0), &t, &day, &rep), 0);
	T_EQ(day, 20261123);
	/* the daily cap counts this kiosk's tickets, whatever their origin */
	T_EQ(take(&f, "B", "b1", 1, mon(9, 0), &t), 1);
	T_EQ(take(&f, "B", "b2", 0, mon(9, 1), &t), 900);
	T_EQ(take(&f, "B", "b3", 2, mon(9, 2), &t), ERR_CAP);
	fx_close(&f);
}

T_TEST(queue_central_day_is_the_day_asked)
{
	bool rep = false;
	struct fx f;
	struct queue_ticket t;
	struct queue_numbered n = { .prefix = "Z", .request_id = "late", .range_from = 900,
				    .range_to = 902 };

	T_OK(fx_open(&f));
	T_EQ(queue_check(f.q, "Z", 0, "late", clock_from_local(2026, 11, 23, 23, 59, 59), &t,
			 &n.day, &rep), 0);
	T_EQ(n.day, 20261123);
	/* the answer (or the deadline) comes after midnight: the ticket keeps the day asked */
	T_EQ(queue_issue_numbered(f.q, &n, clock_from_local(2026, 11, 24, 0, 0, 0), &t, &rep), 0);
	T_EQ(t.day, 20261123);
	T_EQ(t.seq, 900);
	/* the next citizen is on the new day, whose range starts again */
	T_EQ(take(&f, "Z", "next", 0, clock_from_local(2026, 11, 24, 0, 0, 1), &t), 900);
	T_EQ(t.day, 20261124);
	T_STREQ(t.ticket_id, "K1-20261124-Z900");
	T_EQ(take(&f, "Z", "next2", 1, clock_from_local(2026, 11, 24, 0, 0, 2), &t), 1);
	fx_close(&f);
}

static int outbox_body(struct store *st, int i, char *out, size_t len)
{
	static struct store_outbox_row rows[16];
	int n = 0, rc = store_outbox_pending(st, 16, rows, &n);

	if (rc || i >= n)
		return rc ? rc : ERR_NOTFOUND;
	snprintf(out, len, "%s %s", rows[i].kind, rows[i].body);
	return 0;
}

T_TEST(queue_central_events_say_where_the_number_came_from)
{
	bool rep = false;
	struct fx f;
	struct queue_ticket t;
	char body[STORE_OUTBOX_BODY_MAX + 40];
	static const char req1[] = "0123456789abcdef0123456789abcdef";
	static const char req2[] = "fedcba9876543210fedcba9876543210";

	T_OK(fx_open(&f));
	T_EQ(queue_issue(f.q, "A", 0, "local-1", mon(8, 59), &t, &rep), 0);
	T_EQ(take(&f, "A", req1, 12, mon(9, 0), &t), 12);
	T_EQ(take(&f, "A", req2, 0, mon(9, 1), &t), 900);
	T_OK(queue_finish(f.q, t.id, TICKET_VOIDED, "printer error", mon(9, 1)));
	/* a local ticket's body is as it always was */
	T_OK(outbox_body(f.st, 0, body, sizeof(body)));
	T_CHECK(strstr(body, "ticket.issued {\"service\":\"A\"") == body);
	T_CHECK(strstr(body, "\"reason\":\"\"}") != NULL);
	T_CHECK(strstr(body, "numbering") == NULL && strstr(body, "request") == NULL);
	T_OK(outbox_body(f.st, 1, body, sizeof(body)));
	T_CHECK(strstr(body, "ticket.issued ") == body);
	T_CHECK(strstr(body, "\"seq\":12,") != NULL);
	T_CHECK(strstr(body, "\"numbering\":\"central\",\"request\":\"0123456789abcdef0123456789abcdef\"}") != NULL);
	T_OK(outbox_body(f.st, 2, body, sizeof(body)));
	T_CHECK(strstr(body, "\"seq\":900,") != NULL);
	T_CHECK(strstr(body, "\"numbering\":\"fallback\",\"request\":\"fedcba9876543210fedcba9876543210\"}") != NULL);
	T_OK(outbox_body(f.st, 3, body, sizeof(body)));
	T_CHECK(strstr(body, "ticket.voided ") == body);
	T_CHECK(strstr(body, "\"numbering\":\"fallback\"") != NULL);
	fx_close(&f);
}

T_TEST(queue_people_ahead_in_the_order_of_issue)
{
	struct fx f;
	struct queue_ticket t;

	T_OK(fx_open(&f));
	T_EQ(take(&f, "A", "a1", 1, mon(9, 0), &t), 1);
	T_EQ(take(&f, "A", "a2", 0, mon(9, 1), &t), 900);
	T_EQ(t.ahead, 1);
	T_EQ(take(&f, "A", "a3", 2, mon(9, 2), &t), 2);
	T_EQ(t.ahead, 2);            /* came first */
	T_CHECK(!t.ahead_known);
	/* the counters called A-900 (in its turn, after A-001) */
	T_OK(store_set_last_called(f.st, "A", 20261123, 900, mon(9, 3)));
	T_EQ(take(&f, "A", "a4", 3, mon(9, 3), &t), 3);
	T_CHECK(t.ahead_known);
	T_EQ(t.ahead, 1);            /* A-002 only */
	T_OK(store_set_last_called(f.st, "A", 20261123, 2, mon(9, 4)));
	T_EQ(take(&f, "A", "a5", 0, mon(9, 4), &t), 901);
	T_EQ(t.ahead, 1);            /* A-003, issued after A-002 */
	/* a called number this kiosk does not hold (another kiosk's): counted by numbers */
	T_OK(store_set_last_called(f.st, "A", 20261123, 50, mon(9, 5)));
	T_EQ(take(&f, "A", "a6", 0, mon(9, 5), &t), 902);
	T_EQ(t.ahead, 2);            /* */
	fx_close(&f);
}
