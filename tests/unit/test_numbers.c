/* numbers: the request body, the judgement of the central system's reply (only a well-formed
 * answer about this request, service and day with a number outside the reserved range is
 * used; everything else falls back, with a reason), and the worker's answers without a
 * central system, offline, and with nobody listening. */
#include "../t.h"
#include "../../firmware/err.h"
#include "../../firmware/numbers.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#define REQ "0123456789abcdef0123456789abcdef"

static const struct numbers_request q = { REQ, "A", 0, 20261123 };
static const struct numbers_range r = { 900, 949 };

static enum numbers_result judge(long status, const char *body, struct numbers_answer *a)
{
	memset(a, 0x5a, sizeof(*a));
	return numbers_judge_reply(&q, r, status, body, body ? strlen(body) : 0, a);
}

/* A reply's body for this request, service and day, with the members M. */
#define REPLY(m) "{\"request\":\"" REQ "\",\"service\":\"A\",\"day\":20261123," m "}"

T_TEST(numbers_judge_accepts_the_answer)
{
	struct numbers_answer a;

	T_EQ(judge(200, REPLY("\"seq\":42"), &a), NUMBERS_CENTRAL);
	T_EQ(a.result, NUMBERS_CENTRAL);
	T_EQ(a.seq, 42);
	T_STREQ(a.reason, "");
	T_STREQ(a.request_id, REQ);
	/* members not listed are ignored; the edges of the range of numbers */
	T_EQ(judge(200, REPLY("\"seq\":1,\"ahead\":3,\"note\":null"), &a), NUMBERS_CENTRAL);
	T_EQ(a.seq, 1);
	T_EQ(judge(200, REPLY("\"seq\":899"), &a), NUMBERS_CENTRAL);
	T_EQ(judge(200, REPLY("\"seq\":950"), &a), NUMBERS_CENTRAL);
	T_EQ(judge(200, REPLY("\"seq\":9999"), &a), NUMBERS_CENTRAL);
	T_EQ(a.seq, 9999);
}

struct bad_case {
	long status;
	const char *body;
	const char *reason;
};

T_TEST(numbers_judge_refuses_and_says_why)
{
	char other_req[256], other_svc[256], other_day[256], dup[256];
	const struct bad_case cases[] = {
		{ 503, "{\"error\":\"busy\"}", "HTTP 503" },
		{ 409, "{\"error\":\"request already numbered by the kiosk\"}", "HTTP 409" },
		{ 200, "", "reply is not a JSON object" },
		{ 200, "{\"request\": \"" REQ "\", \"se", "reply is not a JSON object" },
		{ 200, "[42]", "reply is not a JSON object" },
		{ 200, "42", "reply is not a JSON object" },
		{ 200, other_req, "reply's request names another request" },
		{ 200, other_svc, "reply's service names another service" },
		{ 200, other_day, "reply's day names another day" },
		{ 200, "{\"service\":\"A\",\"day\":20261123,\"seq\":3}", "reply's request is missing" },
		{ 200, "{\"request\":7,\"service\":\"A\",\"day\":20261123,\"seq\":3}",
		  "reply's request is not a string" },
		{ 200, REPLY("\"seq\":\"42\""), "reply's seq is not an integer" },
		{ 200, REPLY("\"seq\":42.0"), "reply's seq is not an integer" },
		{ 200, REPLY("\"seq\":null"), "reply's seq is not an integer" },
		{ 200, REPLY("\"nope\":1"), "reply's seq is missing" },
		{ 200, REPLY("\"seq\":0"), "reply's seq is not a number 1..9999" },
		{ 200, REPLY("\"seq\":-3"), "reply's seq is not a number 1..9999" },
		{ 200, REPLY("\"seq\":10000"), "reply's seq is not a number 1..9999" },
		{ 200, REPLY("\"seq\":99999999999999999999"), "reply is not a JSON object" },
		{ 200, REPLY("\"seq\":900"), "reply's seq is in this kiosk's reserved range" },
		{ 200, REPLY("\"seq\":949"), "reply's seq is in this kiosk's reserved range" },
		{ 200, dup, "reply is not a JSON object" },
	};
	struct numbers_answer a;

	snprintf(other_req, sizeof(other_req), "{\"request\":\"%s\",\"service\":\"A\","
		 "\"day\":20261123,\"seq\":3}", "ffffffffffffffffffffffffffffffff");
	snprintf(other_svc, sizeof(other_svc), "{\"request\":\"%s\",\"service\":\"B\","
		 "\"day\":20261123,\"seq\":3}", REQ);
	snprintf(other_day, sizeof(other_day), "{\"request\":\"%s\",\"service\":\"A\","
		 "\"day\":20261124,\"seq\":3}", REQ);
	snprintf(dup, sizeof(dup), "{\"request\":\"%s\",\"service\":\"A\",\"day\":20261123,"
		 "\"seq\":3,\"seq\":4}", REQ);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (judge(cases[i].status, cases[i].body, &a) != NUMBERS_FALLBACK ||
		    a.result != NUMBERS_FALLBACK || a.seq != 0 ||
		    strcmp(a.reason, cases[i].reason) != 0) {
			t_fail(__FILE__, __LINE__, "case %zu (%s): result %d seq %d reason \"%s\"", i,
			       cases[i].body, a.result, a.seq, a.reason);
			return;
		}
		T_STREQ(a.request_id, REQ);
	}
	/* a body that is not NUL-terminated is read only as far as its length */
	T_EQ(numbers_judge_reply(&q, r, 200, REPLY("\"seq\":42"), strlen(REPLY("\"seq\":42")) - 1,
				 &a), NUMBERS_FALLBACK);
	T_EQ(numbers_judge_reply(&q, r, 200, NULL, 0, &a), NUMBERS_FALLBACK);
}

T_TEST(numbers_request_body_and_range)
{
	char *body = NULL;
	json_t *doc;

	T_OK(numbers_request_body("KIOSK-01", &q, &body));
	doc = json_loads(body, 0, NULL);
	free(body);
	T_CHECK(json_is_object(doc));
	T_STREQ(json_string_value(json_object_get(doc, "kiosk")), "KIOSK-01");
	T_STREQ(json_string_value(json_object_get(doc, "request")), REQ);
	T_STREQ(json_string_value(json_object_get(doc, "service")), "A");
	T_EQ(json_integer_value(json_object_get(doc, "priority")), 0);
	T_EQ(json_integer_value(json_object_get(doc, "day")), 20261123);
	T_EQ(json_object_size(doc), 5);
	json_decref(doc);
	T_CHECK(numbers_range_valid((struct numbers_range){ 900, 949 }));
	T_CHECK(numbers_range_valid((struct numbers_range){ 9999, 9999 }));
	T_CHECK(!numbers_range_valid((struct numbers_range){ 0, 0 }));
	T_CHECK(!numbers_range_valid((struct numbers_range){ 950, 949 }));
	T_CHECK(!numbers_range_valid((struct numbers_range){ 9000, 10000 }));
}

struct got {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int n;
	struct numbers_answer last;
};

static void on_answer(void *ctx, const struct numbers_answer *a)
{
	struct got *g = ctx;

	pthread_mutex_lock(&g->lock);
	g->last = *a;
	g->n++;
	pthread_cond_broadcast(&g->cond);
	pthread_mutex_unlock(&g->lock);
}

/* Waits up to 10 s for answer number n. */
static bool wait_for(struct got *g, int n)
{
	struct timespec ts;
	bool ok;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 10;
	pthread_mutex_lock(&g->lock);
	while (g->n < n && pthread_cond_timedwait(&g->cond, &g->lock, &ts) == 0)
		;
	ok = g->n >= n;
	pthread_mutex_unlock(&g->lock);
	return ok;
}

T_TEST(numbers_worker_falls_back_without_a_central_system)
{
	static struct got g = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };
	struct numbers *n = NULL;
	struct numbers_request bad = q;

	T_EQ(numbers_submit(NULL, &q), ERR_STATE);
	T_EQ(numbers_start(NULL, 800, (struct numbers_range){ 0, 0 }, on_answer, &g, &n),
	     ERR_CONFIG);
	T_CHECK(n == NULL);
	T_OK(numbers_start(NULL, 0, r, on_answer, &g, &n));
	T_EQ(numbers_deadline_ms(n), NUMBERS_DEADLINE_MS);
	bad.service[0] = '\0';
	T_EQ(numbers_submit(n, &bad), ERR_INVAL);
	T_OK(numbers_submit(n, &q));
	T_CHECK(wait_for(&g, 1));
	T_EQ(g.last.result, NUMBERS_FALLBACK);
	T_STREQ(g.last.reason, "no central system");
	T_STREQ(g.last.request_id, REQ);
	numbers_stop(n);
	numbers_stop(NULL);
}

T_TEST(numbers_worker_offline_and_nobody_listening)
{
	static struct got g = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };
	char ca[300], cert[300], key[300];
	struct sync_config sc = { .url = "https://127.0.0.1:1", .ca = ca, .cert = cert, .key = key,
				  .kiosk_id = "KIOSK-01" };
	struct numbers *n = NULL;

	/* the files are not read before a connection is made */
	snprintf(ca, sizeof(ca), "%s/ca.pem", t_tmpdir());
	snprintf(cert, sizeof(cert), "%s/k.pem", t_tmpdir());
	snprintf(key, sizeof(key), "%s/k.key", t_tmpdir());
	T_OK(numbers_start(&sc, 500, r, on_answer, &g, &n));
	numbers_set_offline(n, true);
	T_OK(numbers_submit(n, &q));
	T_CHECK(wait_for(&g, 1));
	T_EQ(g.last.result, NUMBERS_FALLBACK);
	T_STREQ(g.last.reason, "offline");
	numbers_set_offline(n, false);
	T_OK(numbers_submit(n, &q));
	T_CHECK(wait_for(&g, 2));
	T_EQ(g.last.result, NUMBERS_FALLBACK);
	T_CHECK(g.last.reason[0] != '\0');
	T_EQ(g.last.seq, 0);
	numbers_stop(n);
}
