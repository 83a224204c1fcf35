/* Lookup: every field of the central system's replies, malformed, huge and wrong-typed replies
 * (a clear reason, nothing cached), the answer cache (bound and age), the fixture backend,
 * offline with and without a cached answer, the request slot, the timeout, and the config
 * keys. */
#include "../t.h"
#include "../../firmware/clock.h"
#include "../../firmware/config.h"
#include "../../firmware/err.h"
#include "../../firmware/http.h"
#include "../../firmware/lookup.h"
#include "../../firmware/store.h"
#include "../../firmware/store_cache.h"
#include "../../firmware/utf8.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define CODE "000.00.01.H29-261120-0001"
#define NOW 1795366800

static const char full_reply[] =
	"{\"code\":\"" CODE "\","
	"\"procedure\":{\"vi\":\"Đăng ký khai sinh\",\"en\":\"Birth registration\"},"
	"\"owner\":\"Nguyễn Văn An\",\"status\":4,\"received_at\":1795000000,"
	"\"due_at\":1795500000,\"rescheduled_due_at\":1795900000,\"counter\":\"3\","
	"\"service\":\"A\",\"officer\":\"CB01\",\"phone\":\"0912345678\"}";

static enum lookup_state judge(enum lookup_kind kind, const char *key, long status,
			       const char *body, struct lookup_answer *a)
{
	memset(a, 0x5a, sizeof(*a));
	return lookup_judge_reply(kind, key, status, body, strlen(body), a);
}

T_TEST(lookup_dossier_reply_every_field)
{
	struct lookup_answer a;
	const struct dossier_info *d = &a.dossier;

	T_EQ(judge(LOOKUP_DOSSIER, CODE, 200, full_reply, &a), LOOKUP_FOUND);
	T_EQ(a.state, LOOKUP_FOUND);
	T_EQ(a.kind, LOOKUP_DOSSIER);
	T_STREQ(a.key, CODE);
	T_STREQ(a.reason, "");
	T_STREQ(d->code, CODE);
	T_STREQ(d->procedure[LANG_VI], "Đăng ký khai sinh");
	T_STREQ(d->procedure[LANG_EN], "Birth registration");
	T_STREQ(d->owner_masked, "Nguyễn V* A*");
	T_EQ(d->status, 4);
	T_EQ(d->received_s, 1795000000);
	T_EQ(d->due_s, 1795500000);
	T_EQ(d->rescheduled_due_s, 1795900000);
	T_STREQ(d->counter, "3");
	T_STREQ(d->service, "A");
	T_STREQ(d->officer_id, "CB01");
}

T_TEST(lookup_dossier_reply_optional_fields)
{
	struct lookup_answer a;
	const struct dossier_info *d = &a.dossier;
	/* decomposed (NFD) text comes out NFC; null is "not given"; the code's case may differ */
	const char *body = "{\"code\":\"000.00.01.h29-261120-0001\",\"procedure\":{\"vi\":"
			   "\"Chu\xcc\x9b\xcc\x81ng thu\xcc\x9b\xcc\xa3\x63\"},\"status\":10,"
			   "\"due_at\":null,\"rescheduled_due_at\":null,\"owner\":null}";

	T_EQ(judge(LOOKUP_DOSSIER, CODE, 200, body, &a), LOOKUP_FOUND);
	T_STREQ(d->procedure[LANG_VI], "Chứng thực");
	T_STREQ(d->procedure[LANG_EN], "Chứng thực");
	T_STREQ(d->owner_masked, "");
	T_EQ(d->status, 10);
	T_EQ(d->received_s, 0);
	T_EQ(d->due_s, 0);
	T_EQ(d->rescheduled_due_s, 0);
	T_STREQ(d->counter, "");
	T_STREQ(d->service, "");
	T_STREQ(d->officer_id, "");
}

T_TEST(lookup_dossier_long_procedure_cut_at_a_character)
{
	char body[4096], name[1200] = "";
	struct lookup_answer a;
	size_t n;

	for (int i = 0; i < 60; i++)
		strcat(name, "Thủ tục ");
	snprintf(body, sizeof(body), "{\"code\":\"%s\",\"procedure\":{\"vi\":\"%s\"},"
		 "\"status\":2}", CODE, name);
	T_EQ(judge(LOOKUP_DOSSIER, CODE, 200, body, &a), LOOKUP_FOUND);
	n = strlen(a.dossier.procedure[LANG_VI]);
	T_CHECK(n < sizeof(a.dossier.procedure[LANG_VI]) && n > 150);
	T_CHECK(utf8_valid(a.dossier.procedure[LANG_VI], n));
	T_STREQ(a.dossier.procedure[LANG_VI] + n - 3, "\xe2\x80\xa6");
}

/* Each of these is refused with a reason, and nothing of it is returned. */
static const struct { const char *body, *reason; } bad_dossiers[] = {
	{ "not json", "not a JSON object" },
	{ "[1,2]", "not a JSON object" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":4", "not a JSON object" },
	{ "{\"code\":\"" CODE "\",\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":4}",
	  "not a JSON object" },
	{ "{\"procedure\":{\"vi\":\"x\"},\"status\":4}", "code is missing" },
	{ "{\"code\":\"000.00.01.H29-261120-0002\",\"procedure\":{\"vi\":\"x\"},\"status\":4}",
	  "names another dossier" },
	{ "{\"code\":7,\"procedure\":{\"vi\":\"x\"},\"status\":4}", "code is not a string" },
	{ "{\"code\":\"" CODE "\",\"procedure\":\"x\",\"status\":4}", "procedure is not an object" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"en\":\"x\"},\"status\":4}", "vi is missing" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"\"},\"status\":4}", "vi is empty" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":\"4\"}", "status" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":0}", "status" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":11}", "status" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":4.0}", "status" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":true}", "status" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"}}", "status" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":4,\"due_at\":\"2026-11-23\"}",
	  "due_at is not a time" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":4,\"received_at\":-1}",
	  "received_at is not a time" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":4,"
	  "\"rescheduled_due_at\":99999999999999}", "rescheduled_due_at is not a time" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":4,\"counter\":3}",
	  "counter is not a string" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":4,\"counter\":"
	  "\"0123456789012345678901234567890123\"}", "counter is too long" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":4,\"service\":\"ABCD\"}",
	  "service is too long" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":4,\"service\":\"ABC\"}",
	  "service is not a queue prefix" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":4,\"service\":\"a\"}",
	  "service is not a queue prefix" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":4,\"officer\":\"C B\"}",
	  "officer is not an identifier" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\\u0007y\"},\"status\":4}",
	  "vi holds control characters" },
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\\u0000y\"},\"status\":4}",
	  "not a JSON object" },   /* jansson refuses \\u0000 */
	{ "{\"code\":\"" CODE "\",\"procedure\":{\"vi\":\"x\"},\"status\":4,\"owner\":[\"A\"]}",
	  "owner is not a string" },
};

T_TEST(lookup_dossier_reply_malformed_refused_with_reason)
{
	struct lookup_answer a;

	for (size_t i = 0; i < sizeof(bad_dossiers) / sizeof(bad_dossiers[0]); i++) {
		if (judge(LOOKUP_DOSSIER, CODE, 200, bad_dossiers[i].body, &a) !=
		    LOOKUP_UNAVAILABLE || !strstr(a.reason, bad_dossiers[i].reason)) {
			t_fail(__FILE__, __LINE__, "case %zu: state %d reason \"%s\"", i, a.state,
			       a.reason);
			return;
		}
		T_STREQ(a.dossier.code, "");
		T_STREQ(a.dossier.owner_masked, "");
		T_EQ(a.dossier.status, 0);
	}
}

T_TEST(lookup_dossier_reply_huge_strings_refused)
{
	size_t n = 300000, off;
	char *body = malloc(n + 200);
	struct lookup_answer a;

	T_CHECK(body != NULL);
	/* an owner name of 300 kB: refused, not masked into a screen */
	snprintf(body, n + 200, "{\"code\":\"%s\",\"procedure\":{\"vi\":\"x\"},\"status\":4,"
		 "\"owner\":\"", CODE);
	off = strlen(body);
	memset(body + off, 'A', n);
	memcpy(body + off + n, "\"}", 3);
	T_EQ(judge(LOOKUP_DOSSIER, CODE, 200, body, &a), LOOKUP_UNAVAILABLE);
	T_CHECK(strstr(a.reason, "owner is too long") != NULL);
	free(body);
}

T_TEST(lookup_status_codes)
{
	struct lookup_answer a;

	T_EQ(judge(LOOKUP_DOSSIER, CODE, 404, "{\"error\":\"not found\"}", &a), LOOKUP_NOT_FOUND);
	/* a 404 from something that is not the central system (a proxy's page) */
	T_EQ(judge(LOOKUP_DOSSIER, CODE, 404, "<html>Not Found</html>", &a), LOOKUP_UNAVAILABLE);
	T_EQ(judge(LOOKUP_DOSSIER, CODE, 503, "{\"error\":\"busy\"}", &a), LOOKUP_UNAVAILABLE);
	T_STREQ(a.reason, "HTTP 503");
	T_EQ(judge(LOOKUP_DOSSIER, CODE, 500, "", &a), LOOKUP_UNAVAILABLE);
	T_EQ(judge(LOOKUP_DOSSIER, CODE, 201, full_reply, &a), LOOKUP_UNAVAILABLE);
	T_EQ(judge(LOOKUP_DOSSIER, "not a code", 200, full_reply, &a), LOOKUP_REFUSED);
}

T_TEST(lookup_ticket_reply_every_field)
{
	const char *id = "KIOSK-01-20261123-A001";
	struct lookup_answer a;

	T_EQ(judge(LOOKUP_TICKET_OFFICER, id, 200, "{\"ticket\":\"KIOSK-01-20261123-A001\","
		   "\"served\":true,\"officer\":\"CB03\",\"counter\":\"2\"}", &a), LOOKUP_FOUND);
	T_EQ(a.kind, LOOKUP_TICKET_OFFICER);
	T_STREQ(a.ticket.ticket_id, id);
	T_CHECK(a.ticket.served);
	T_STREQ(a.ticket.officer_id, "CB03");
	T_STREQ(a.ticket.counter, "2");
	T_EQ(judge(LOOKUP_TICKET_OFFICER, id, 200, "{\"served\":false,\"officer\":null}", &a),
	     LOOKUP_FOUND);
	T_CHECK(!a.ticket.served);
	T_STREQ(a.ticket.officer_id, "");
	T_STREQ(a.ticket.ticket_id, id);
	T_EQ(judge(LOOKUP_TICKET_OFFICER, id, 404, "{\"error\":\"not found\"}", &a),
	     LOOKUP_NOT_FOUND);
}

T_TEST(lookup_ticket_reply_malformed)
{
	const char *id = "KIOSK-01-20261123-A001";
	static const char *const bodies[] = {
		"{\"served\":true}",
		"{\"served\":true,\"officer\":\"\"}",
		"{\"served\":\"yes\",\"officer\":\"CB01\"}",
		"{\"served\":1,\"officer\":\"CB01\"}",
		"{\"officer\":\"CB01\"}",
		"{\"served\":false,\"officer\":\"CB01\"}",
		"{\"served\":true,\"officer\":\"CB01\",\"counter\":2}",
		"{\"ticket\":\"KIOSK-01-20261123-A002\",\"served\":true,\"officer\":\"CB01\"}",
		"[]", "", "{\"served\":true,\"officer\":\"CB01\"",
	};
	struct lookup_answer a;

	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		if (judge(LOOKUP_TICKET_OFFICER, id, 200, bodies[i], &a) != LOOKUP_UNAVAILABLE ||
		    !a.reason[0]) {
			t_fail(__FILE__, __LINE__, "case %zu: state %d", i, a.state);
			return;
		}
		T_CHECK(!a.ticket.served && !a.ticket.officer_id[0]);
	}
}

T_TEST(lookup_key_valid_cases)
{
	T_CHECK(lookup_key_valid(LOOKUP_DOSSIER, CODE));
	T_CHECK(lookup_key_valid(LOOKUP_DOSSIER, "H15.50.05.13-261008-0975"));
	T_CHECK(!lookup_key_valid(LOOKUP_DOSSIER, ""));
	T_CHECK(!lookup_key_valid(LOOKUP_DOSSIER, "ABC.DEF"));   /* no digit */
	T_CHECK(!lookup_key_valid(LOOKUP_DOSSIER, "000 111"));
	T_CHECK(!lookup_key_valid(LOOKUP_DOSSIER, "1'; DROP"));
	T_CHECK(!lookup_key_valid(LOOKUP_DOSSIER, "0123456789012345678901234567890123456789012345678901"));
	T_CHECK(!lookup_key_valid(LOOKUP_DOSSIER, "Mã-1"));
	T_CHECK(lookup_key_valid(LOOKUP_TICKET_OFFICER, "KIOSK-01-20261123-A001"));
	T_CHECK(!lookup_key_valid(LOOKUP_TICKET_OFFICER, "KIOSK 01"));
	T_CHECK(!lookup_key_valid(LOOKUP_TICKET_OFFICER, NULL));
	T_STREQ(lookup_state_name(LOOKUP_CACHED), "cached");
	T_STREQ(lookup_state_name(LOOKUP_NOT_FOUND), "not-found");
}

/* ---- the cache table ------------------------------------------------------------------- */

static int open_db(struct store **st, char *path, size_t len)
{
	snprintf(path, len, "%s/kiosk.db", t_tmpdir());
	return store_open(path, st);
}

T_TEST(lookup_cache_bound_and_age)
{
	struct store *st;
	char path[512], key[32], v[64];
	int64_t at;
	int n;

	T_OK(open_db(&st, path, sizeof(path)));
	for (int i = 0; i < 250; i++) {
		snprintf(key, sizeof(key), "K%d", i);
		T_OK(store_cache_put(st, 0, key, "{}", NOW + i, 200, 3600));
	}
	T_OK(store_cache_count(st, &n));
	T_EQ(n, 200);
	/* the oldest went first */
	T_EQ(store_cache_get(st, 0, "K49", NOW + 300, 3600, v, sizeof(v), &at), ERR_NOTFOUND);
	T_OK(store_cache_get(st, 0, "K50", NOW + 300, 3600, v, sizeof(v), &at));
	T_EQ(at, NOW + 50);
	T_STREQ(v, "{}");
	/* kinds are separate */
	T_EQ(store_cache_get(st, 1, "K50", NOW + 300, 3600, v, sizeof(v), &at), ERR_NOTFOUND);
	/* exactly the age limit old: still shown; a second more: too old to show, and dropped at
	 * the next put */
	T_OK(store_cache_get(st, 0, "K50", NOW + 50 + 3600, 3600, v, sizeof(v), &at));
	T_EQ(store_cache_get(st, 0, "K50", NOW + 50 + 3601, 3600, v, sizeof(v), &at), ERR_NOTFOUND);
	T_OK(store_cache_put(st, 0, "new", "{\"x\":1}", NOW + 3700, 200, 3600));
	T_OK(store_cache_count(st, &n));
	T_EQ(n, 151);   /* K100..K249 and "new" */
	T_OK(store_cache_delete(st, 0, "new"));
	T_OK(store_cache_delete(st, 0, "new"));
	T_OK(store_cache_count(st, &n));
	T_EQ(n, 150);
	T_EQ(store_cache_get(st, 0, "K249", NOW + 300, 3600, v, 2, &at), ERR_RANGE);
	store_close(st);
	/* the table survives a reopen, and the schema version is untouched */
	T_OK(store_open(path, &st));
	T_OK(store_cache_count(st, &n));
	T_EQ(n, 150);
	store_close(st);
}

/* ---- the worker ------------------------------------------------------------------------- */

struct waiter {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int n;
	struct lookup_answer got[16];   /* the latest 16, by answer number modulo 16 */
};

static void on_answer(void *ctx, const struct lookup_answer *a)
{
	struct waiter *w = ctx;

	pthread_mutex_lock(&w->lock);
	w->got[w->n % 16] = *a;
	w->n++;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

static void waiter_init(struct waiter *w)
{
	memset(w, 0, sizeof(*w));
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, NULL);
}

/* Waits (at most 10 s) for the n-th answer; a pointer to it or NULL. */
static const struct lookup_answer *wait_answer(struct waiter *w, int n)
{
	struct timespec ts;
	const struct lookup_answer *a = NULL;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 10;
	pthread_mutex_lock(&w->lock);
	while (w->n < n && pthread_cond_timedwait(&w->cond, &w->lock, &ts) == 0)
		;
	if (w->n >= n)
		a = &w->got[(n - 1) % 16];
	pthread_mutex_unlock(&w->lock);
	return a;
}

/* Submits and waits for the answer. */
static const struct lookup_answer *ask(struct lookup *l, struct waiter *w, enum lookup_kind k,
				       const char *key, int64_t now)
{
	int n = w->n + 1;

	if (lookup_submit(l, k, key, now, (uint32_t)n) != 0)
		return NULL;
	return wait_answer(w, n);
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
}

static int cached_rows(const char *db)
{
	struct store *st;
	int n = -1;

	if (store_open(db, &st) == 0) {
		store_cache_count(st, &n);
		store_close(st);
	}
	return n;
}

T_TEST(lookup_fixture_found_cached_offline_notfound)
{
	char fx[512], db[512], text[2048];
	struct waiter w;
	struct lookup *l;
	const struct lookup_answer *a;

	waiter_init(&w);
	snprintf(fx, sizeof(fx), "%s/fixture.json", t_tmpdir());
	snprintf(db, sizeof(db), "%s/kiosk.db", t_tmpdir());
	snprintf(text, sizeof(text), "{\"dossiers\":{\"%s\":%s,"
		 "\"000.00.01.H29-261120-0009\":503,"
		 "\"000.00.01.H29-261120-0008\":{\"code\":\"000.00.01.H29-261120-0008\","
		 "\"procedure\":{\"vi\":\"x\"},\"status\":\"4\"}},"
		 "\"tickets\":{\"KIOSK-01-20261123-A001\":{\"served\":true,\"officer\":\"CB01\","
		 "\"counter\":\"1\"}}}", CODE, full_reply);
	write_file(fx, text);
	T_OK(lookup_start(NULL, fx, db, 1000, on_answer, &w, &l));

	a = ask(l, &w, LOOKUP_DOSSIER, CODE, NOW);
	T_CHECK(a && a->state == LOOKUP_FOUND);
	T_EQ(a->tag, 1);
	T_EQ(a->fetched_s, NOW);
	T_STREQ(a->dossier.owner_masked, "Nguyễn V* A*");
	T_CHECK(a->elapsed_ms >= 0 && a->elapsed_ms < 1000);
	T_EQ(cached_rows(db), 1);

	a = ask(l, &w, LOOKUP_TICKET_OFFICER, "KIOSK-01-20261123-A001", NOW + 5);
	T_CHECK(a && a->state == LOOKUP_FOUND && a->ticket.served);
	T_STREQ(a->ticket.officer_id, "CB01");
	T_EQ(cached_rows(db), 2);

	/* a 503 and a malformed entry: unavailable, nothing cached */
	a = ask(l, &w, LOOKUP_DOSSIER, "000.00.01.H29-261120-0009", NOW + 10);
	T_CHECK(a && a->state == LOOKUP_UNAVAILABLE);
	T_STREQ(a->reason, "HTTP 503");
	a = ask(l, &w, LOOKUP_DOSSIER, "000.00.01.H29-261120-0008", NOW + 10);
	T_CHECK(a && a->state == LOOKUP_UNAVAILABLE && strstr(a->reason, "status"));
	T_EQ(cached_rows(db), 2);

	/* offline: the cached answer with the time it was fetched, or unavailable */
	lookup_set_offline(l, true);
	a = ask(l, &w, LOOKUP_DOSSIER, CODE, NOW + 600);
	T_CHECK(a && a->state == LOOKUP_CACHED);
	T_EQ(a->fetched_s, NOW);
	T_STREQ(a->dossier.procedure[LANG_VI], "Đăng ký khai sinh");
	T_STREQ(a->dossier.owner_masked, "Nguyễn V* A*");
	T_EQ(a->dossier.rescheduled_due_s, 1795900000);
	T_STREQ(a->reason, "offline");
	a = ask(l, &w, LOOKUP_DOSSIER, "000.00.01.H29-261120-0007", NOW + 600);
	T_CHECK(a && a->state == LOOKUP_UNAVAILABLE);
	/* too old to be shown */
	a = ask(l, &w, LOOKUP_DOSSIER, CODE, NOW + LOOKUP_CACHE_MAX_AGE_S + 1);
	T_CHECK(a && a->state == LOOKUP_UNAVAILABLE);
	lookup_set_offline(l, false);

	/* the central system forgot it: not found, and the cached answer goes */
	write_file(fx, "{\"dossiers\":{}}");
	a = ask(l, &w, LOOKUP_DOSSIER, CODE, NOW + 700);
	T_CHECK(a && a->state == LOOKUP_NOT_FOUND);
	T_EQ(cached_rows(db), 1);
	/* a fixture that is not JSON: unavailable, the cache still answers */
	write_file(fx, "{nope");
	a = ask(l, &w, LOOKUP_TICKET_OFFICER, "KIOSK-01-20261123-A001", NOW + 800);
	T_CHECK(a && a->state == LOOKUP_CACHED && a->ticket.served);
	T_EQ(a->fetched_s, NOW + 5);
	T_CHECK(strstr(a->reason, "fixture") != NULL);
	/* refused without asking; bad submissions */
	a = ask(l, &w, LOOKUP_DOSSIER, "no digits here", NOW);
	T_CHECK(a && a->state == LOOKUP_REFUSED);
	T_EQ(lookup_submit(l, LOOKUP_DOSSIER, "", NOW, 0), ERR_INVAL);
	T_EQ(lookup_submit(l, LOOKUP_DOSSIER,
			   "0123456789012345678901234567890123456789012345678901234567890123456789",
			   NOW, 0), ERR_INVAL);
	lookup_stop(l);
	lookup_stop(NULL);
}

T_TEST(lookup_no_backend_answers_from_cache_only)
{
	char db[512], fx[512], text[2048];
	struct waiter w;
	struct lookup *l;
	const struct lookup_answer *a;

	waiter_init(&w);
	snprintf(fx, sizeof(fx), "%s/fixture.json", t_tmpdir());
	snprintf(db, sizeof(db), "%s/kiosk.db", t_tmpdir());
	snprintf(text, sizeof(text), "{\"dossiers\":{\"%s\":%s}}", CODE, full_reply);
	write_file(fx, text);
	T_OK(lookup_start(NULL, fx, db, 0, on_answer, &w, &l));
	a = ask(l, &w, LOOKUP_DOSSIER, CODE, NOW);
	T_CHECK(a && a->state == LOOKUP_FOUND);
	lookup_stop(l);

	waiter_init(&w);
	T_OK(lookup_start(NULL, NULL, db, 0, on_answer, &w, &l));
	a = ask(l, &w, LOOKUP_DOSSIER, CODE, NOW + 60);
	T_CHECK(a && a->state == LOOKUP_CACHED);
	T_EQ(a->fetched_s, NOW);
	T_STREQ(a->reason, "no central system");
	a = ask(l, &w, LOOKUP_DOSSIER, "000.00.01.H29-261120-0002", NOW + 60);
	T_CHECK(a && a->state == LOOKUP_UNAVAILABLE);
	lookup_stop(l);
	/* and without a database at all */
	waiter_init(&w);
	T_OK(lookup_start(NULL, NULL, NULL, 0, on_answer, &w, &l));
	a = ask(l, &w, LOOKUP_DOSSIER, CODE, NOW + 60);
	T_CHECK(a && a->state == LOOKUP_UNAVAILABLE);
	lookup_stop(l);
}

T_TEST(lookup_newer_question_replaces_unstarted_one)
{
	char fx[512], db[512], text[2048];
	struct waiter w;
	struct lookup *l;
	const struct lookup_answer *a;
	struct timespec ts = { 0, 100 * 1000000L }, tick = { 0, 10 * 1000000L };

	waiter_init(&w);
	snprintf(fx, sizeof(fx), "%s/fixture.json", t_tmpdir());
	snprintf(db, sizeof(db), "%s/kiosk.db", t_tmpdir());
	snprintf(text, sizeof(text), "{\"delay_ms\":400,\"dossiers\":{\"%s\":%s}}", CODE,
		 full_reply);
	write_file(fx, text);
	T_OK(lookup_start(NULL, fx, db, 2000, on_answer, &w, &l));
	T_OK(lookup_submit(l, LOOKUP_DOSSIER, CODE, NOW, 1));
	for (int i = 0; i < 500 && lookup_waiting(l); i++)   /* until the worker starts it */
		nanosleep(&tick, NULL);
	T_CHECK(!lookup_waiting(l));
	T_OK(lookup_submit(l, LOOKUP_DOSSIER, "000.00.01.H29-261120-0002", NOW, 2));
	T_OK(lookup_submit(l, LOOKUP_DOSSIER, "000.00.01.H29-261120-0003", NOW, 3));
	a = wait_answer(&w, 2);
	T_CHECK(a != NULL);
	T_EQ(w.got[0].tag, 1);
	T_EQ(w.got[0].state, LOOKUP_FOUND);
	T_EQ(w.got[1].tag, 3);
	T_EQ(w.got[1].state, LOOKUP_NOT_FOUND);
	nanosleep(&ts, NULL);   /* the replaced one is never answered, not even late */
	T_EQ(w.n, 2);
	lookup_stop(l);
}

T_TEST(lookup_slow_backend_answers_within_the_timeout)
{
	char fx[512], db[512], text[2048];
	struct waiter w;
	struct lookup *l;
	const struct lookup_answer *a;
	int64_t t0;

	waiter_init(&w);
	snprintf(fx, sizeof(fx), "%s/fixture.json", t_tmpdir());
	snprintf(db, sizeof(db), "%s/kiosk.db", t_tmpdir());
	snprintf(text, sizeof(text), "{\"delay_ms\":5000,\"dossiers\":{\"%s\":%s}}", CODE,
		 full_reply);
	write_file(fx, text);
	T_OK(lookup_start(NULL, fx, db, 600, on_answer, &w, &l));
	t0 = (clock_mono_ns() / 1000000);
	a = ask(l, &w, LOOKUP_DOSSIER, CODE, NOW);
	T_CHECK(a && a->state == LOOKUP_UNAVAILABLE);
	T_STREQ(a->reason, "timed out");
	T_CHECK((clock_mono_ns() / 1000000) - t0 >= 600 && (clock_mono_ns() / 1000000) - t0 < 1100);
	T_CHECK(a->elapsed_ms >= 600 && a->elapsed_ms < 1100);
	/* stop abandons a question in flight promptly */
	T_OK(lookup_submit(l, LOOKUP_DOSSIER, CODE, NOW, 9));
	t0 = (clock_mono_ns() / 1000000);
	lookup_stop(l);
	T_CHECK((clock_mono_ns() / 1000000) - t0 < 700);
}

T_TEST(lookup_central_unreachable)
{
	char db[512];
	struct sync_config cfg = { .url = "https://127.0.0.1:1", .ca = "/nonexistent/ca.pem",
				   .cert = "/nonexistent/k.pem", .key = "/nonexistent/k.key" };
	struct waiter w;
	struct lookup *l;
	const struct lookup_answer *a;

	T_OK(http_global_init());
	waiter_init(&w);
	snprintf(db, sizeof(db), "%s/kiosk.db", t_tmpdir());
	T_OK(lookup_start(&cfg, NULL, db, 1000, on_answer, &w, &l));
	a = ask(l, &w, LOOKUP_DOSSIER, CODE, NOW);
	T_CHECK(a && a->state == LOOKUP_UNAVAILABLE && a->reason[0]);
	a = ask(l, &w, LOOKUP_TICKET_OFFICER, "KIOSK-01-20261123-A001", NOW);
	T_CHECK(a && a->state == LOOKUP_UNAVAILABLE);
	lookup_stop(l);
	http_global_cleanup();
}

T_TEST(lookup_config_keys)
{
	struct config c;
	char err[512], path[512];
	FILE *fp;

	T_OK(config_load(&c, NULL, err, sizeof(err)));
	T_EQ(c.sync.lookup_timeout_ms, 3000);
	T_STREQ(c.sync.lookup_fixture, "");
	snprintf(path, sizeof(path), "%s/k.ini", t_tmpdir());
	fp = fopen(path, "w");
	T_CHECK(fp != NULL);
	fputs("[sync]\nlookup_timeout_ms = 1500\nlookup_fixture = /tmp/f.json\n", fp);
	fclose(fp);
	T_OK(config_load(&c, path, err, sizeof(err)));
	T_EQ(c.sync.lookup_timeout_ms, 1500);
	T_STREQ(c.sync.lookup_fixture, "/tmp/f.json");
	fp = fopen(path, "w");
	T_CHECK(fp != NULL);
	fputs("[sync]\nlookup_timeout_ms = 100\n", fp);
	fclose(fp);
	T_EQ(config_load(&c, path, err, sizeof(err)), ERR_CONFIG);
	T_CHECK(strstr(err, "k.ini:2: [sync] lookup_timeout_ms:") != NULL);
}
