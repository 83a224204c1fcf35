/* numbers: the worker that asks the central system for queue numbers (numbers.h).
 *
 * Start at worker(): it takes the one pending request from the slot, gives the HTTP request
 * what is left of the deadline (ask), judges the reply with numbers_judge_reply, and answers
 * through the callback. Whatever goes wrong, the answer is NUMBERS_FALLBACK with a reason, and
 * it comes by the deadline (plus the time curl takes to notice it): the caller then numbers
 * the ticket from its reserved range. Logs carry services, numbers, times and reasons, never
 * request ids. */
#include "numbers.h"

#include "clock.h"
#include "err.h"
#include "http.h"
#include "log.h"

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct question {
	struct numbers_request req;
	int64_t t0_ms;               /* monotonic, at submit */
};

struct numbers {
	char url[256], ca[256], cert[256], key[256], kiosk_id[32];
	bool central;
	int deadline_ms;
	struct numbers_range reserved;
	numbers_cb cb;
	void *ctx;
	struct clock clock;

	/* worker only */
	struct http *http;

	/* shared */
	pthread_t thread;
	bool started;
	atomic_int stop;
	atomic_bool offline;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool pending;
	struct question slot;
};

bool numbers_range_valid(struct numbers_range r)
{
	return r.from >= 1 && r.from <= r.to && r.to <= NUMBERS_SEQ_MAX;
}

/* ---- the request and the reply ---------------------------------------------------------- */

int numbers_request_body(const char *kiosk_id, const struct numbers_request *q, char **out)
{
	json_t *doc = json_pack("{s:s, s:s, s:s, s:i, s:i}", "kiosk", kiosk_id, "request",
				q->request_id, "service", q->service, "priority", q->priority,
				"day", q->day);

	*out = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	return *out ? 0 : ERR_NOMEM;
}

/* reason "reply's FIELD PROBLEM"; NUMBERS_FALLBACK. */
static enum numbers_result refuse(struct numbers_answer *out, const char *field,
				  const char *problem)
{
	if (field)
		snprintf(out->reason, sizeof(out->reason), "reply's %s %s", field, problem);
	else
		snprintf(out->reason, sizeof(out->reason), "%s", problem);
	out->seq = 0;
	return out->result = NUMBERS_FALLBACK;
}

/* NULL when the member is a string equal to want, else the problem. */
static const char *same_text(json_t *doc, const char *name, const char *want)
{
	json_t *v = json_object_get(doc, name);

	if (!v)
		return "is missing";
	if (!json_is_string(v))
		return "is not a string";
	if (strlen(json_string_value(v)) != json_string_length(v) ||
	    strcmp(json_string_value(v), want) != 0)
		return "names another";
	return NULL;
}

static enum numbers_result judge_doc(const struct numbers_request *q, struct numbers_range r,
				     json_t *doc, struct numbers_answer *out)
{
	json_t *day = json_object_get(doc, "day"), *seq = json_object_get(doc, "seq");
	const char *why;
	json_int_t n;

	if ((why = same_text(doc, "request", q->request_id)) != NULL)
		return refuse(out, "request", strcmp(why, "names another") == 0
			      ? "names another request" : why);
	if ((why = same_text(doc, "service", q->service)) != NULL)
		return refuse(out, "service", strcmp(why, "names another") == 0
			      ? "names another service" : why);
	if (!json_is_integer(day))
		return refuse(out, "day", day ? "is not an integer" : "is missing");
	if (json_integer_value(day) != q->day)
		return refuse(out, "day", "names another day");
	if (!json_is_integer(seq))
		return refuse(out, "seq", seq ? "is not an integer" : "is missing");
	n = json_integer_value(seq);
	if (n < 1 || n > NUMBERS_SEQ_MAX)
		return refuse(out, "seq", "is not a number 1..9999");
	if (n >= r.from && n <= r.to)
		return refuse(out, "seq", "is in this kiosk's reserved range");
	out->seq = (int)n;
	return out->result = NUMBERS_CENTRAL;
}

enum numbers_result numbers_judge_reply(const struct numbers_request *q,
					struct numbers_range reserved, long status,
					const char *body, size_t len, struct numbers_answer *out)
{
	json_error_t e;
	json_t *doc;
	enum numbers_result res;

	snprintf(out->request_id, sizeof(out->request_id), "%s", q->request_id);
	out->reason[0] = '\0';
	out->seq = 0;
	if (status != 200) {
		snprintf(out->reason, sizeof(out->reason), "HTTP %ld", status);
		return out->result = NUMBERS_FALLBACK;
	}
	doc = json_loadb(body ? body : "", body ? len : 0, JSON_REJECT_DUPLICATES, &e);
	if (!json_is_object(doc)) {
		json_decref(doc);
		return refuse(out, NULL, "reply is not a JSON object");
	}
	res = judge_doc(q, reserved, doc, out);
	json_decref(doc);
	return res;
}

/* ---- the worker ------------------------------------------------------------------------- */

static void fallback(struct numbers_answer *a, const char *reason)
{
	a->result = NUMBERS_FALLBACK;
	a->seq = 0;
	snprintf(a->reason, sizeof(a->reason), "%s", reason);
}

static void ask(struct numbers *n, const struct question *q, struct numbers_answer *a)
{
	int64_t left = n->deadline_ms - (clock_mono_ms(&n->clock) - q->t0_ms);
	struct http_reply reply;
	char url[300], *body = NULL;
	int rc;

	if (left <= 0) {
		fallback(a, "the deadline passed before the request was sent");
		return;
	}
	if (numbers_request_body(n->kiosk_id, &q->req, &body) != 0) {
		fallback(a, "out of memory");
		return;
	}
	snprintf(url, sizeof(url), "%s/api/v1/numbers", n->url);
	http_set_timeout(n->http, (long)left);
	rc = http_request(n->http, "POST", url, body, NULL, &reply);
	free(body);
	if (rc) {
		fallback(a, reply.reason[0] ? reply.reason : err_str(rc));
		return;
	}
	numbers_judge_reply(&q->req, n->reserved, reply.status, reply.body, reply.len, a);
}

static void answer(struct numbers *n, const struct question *q, struct numbers_answer *a)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->request_id, sizeof(a->request_id), "%s", q->req.request_id);
	if (atomic_load(&n->offline))
		fallback(a, "offline");
	else if (!n->central)
		fallback(a, "no central system");
	else
		ask(n, q, a);
	a->elapsed_ms = clock_mono_ms(&n->clock) - q->t0_ms;
	if (a->result == NUMBERS_CENTRAL && a->elapsed_ms > n->deadline_ms) {
		/* too late to be used: the kiosk numbers the ticket itself, and says so */
		char why[64];
		snprintf(why, sizeof(why), "the answer came after %lld ms", (long long)a->elapsed_ms);
		fallback(a, why);
	}
}

static void *worker(void *arg)
{
	struct numbers *n = arg;
	struct numbers_answer a;
	struct question q;

	for (;;) {
		pthread_mutex_lock(&n->lock);
		while (!n->pending && !atomic_load(&n->stop))
			pthread_cond_wait(&n->wake, &n->lock);
		if (atomic_load(&n->stop)) {
			pthread_mutex_unlock(&n->lock);
			break;
		}
		q = n->slot;
		n->pending = false;
		pthread_mutex_unlock(&n->lock);

		answer(n, &q, &a);
		if (atomic_load(&n->stop))
			break;   /* abandoned: nobody is waiting for it any more */
		if (a.result == NUMBERS_CENTRAL)
			log_info("numbers: %s %d of day %d from the central system in %lld ms",
				 q.req.service, a.seq, q.req.day, (long long)a.elapsed_ms);
		else
			log_warn("numbers: %s of day %d: fallback after %lld ms: %s", q.req.service,
				 q.req.day, (long long)a.elapsed_ms, a.reason);
		n->cb(n->ctx, &a);
	}
	return NULL;
}

/* ---- context ---------------------------------------------------------------------------- */

static int copy(char *dst, size_t len, const char *src)
{
	if (!src)
		src = "";
	if (strlen(src) >= len)
		return ERR_CONFIG;
	memcpy(dst, src, strlen(src) + 1);
	return 0;
}

static int init(struct numbers *n, const struct sync_config *cfg)
{
	struct http_tls tls = { .ca = n->ca, .cert = n->cert, .key = n->key };
	int rc = 0;

	if (!cfg || !cfg->url || !cfg->url[0])
		return 0;
	rc = copy(n->url, sizeof(n->url), cfg->url);
	if (!rc)
		rc = copy(n->ca, sizeof(n->ca), cfg->ca);
	if (!rc)
		rc = copy(n->cert, sizeof(n->cert), cfg->cert);
	if (!rc)
		rc = copy(n->key, sizeof(n->key), cfg->key);
	if (!rc)
		rc = copy(n->kiosk_id, sizeof(n->kiosk_id), cfg->kiosk_id);
	if (rc)
		return rc;
	while (strlen(n->url) > 0 && n->url[strlen(n->url) - 1] == '/')
		n->url[strlen(n->url) - 1] = '\0';
	n->central = true;
	rc = http_new(&tls, n->deadline_ms, &n->http);
	if (!rc)
		http_set_cancel(n->http, &n->stop);
	return rc;
}

int numbers_start(const struct sync_config *cfg, int deadline_ms, struct numbers_range reserved,
		  numbers_cb cb, void *ctx, struct numbers **out)
{
	struct numbers *n;
	int rc;

	*out = NULL;
	if (!cb || deadline_ms < 0)
		return ERR_INVAL;
	if (!numbers_range_valid(reserved))
		return ERR_CONFIG;
	n = calloc(1, sizeof(*n));
	if (!n)
		return ERR_NOMEM;
	atomic_init(&n->stop, 0);
	atomic_init(&n->offline, false);
	n->cb = cb;
	n->ctx = ctx;
	n->reserved = reserved;
	n->deadline_ms = deadline_ms ? deadline_ms : NUMBERS_DEADLINE_MS;
	clock_init_real(&n->clock);
	pthread_mutex_init(&n->lock, NULL);
	pthread_cond_init(&n->wake, NULL);
	rc = init(n, cfg);
	if (!rc && pthread_create(&n->thread, NULL, worker, n) != 0)
		rc = ERR_NOMEM;
	if (rc) {
		log_error("numbers: cannot start: %s", err_str(rc));
		numbers_stop(n);
		return rc;
	}
	n->started = true;
	log_info("numbers: worker started (%s, deadline %d ms, reserved %d..%d)",
		 n->central ? "central" : "no central system", n->deadline_ms, reserved.from,
		 reserved.to);
	*out = n;
	return 0;
}

void numbers_stop(struct numbers *n)
{
	if (!n)
		return;
	if (n->started) {
		pthread_mutex_lock(&n->lock);
		atomic_store(&n->stop, 1);
		pthread_cond_signal(&n->wake);
		pthread_mutex_unlock(&n->lock);
		pthread_join(n->thread, NULL);
	}
	http_free(n->http);
	pthread_cond_destroy(&n->wake);
	pthread_mutex_destroy(&n->lock);
	free(n);
}

int numbers_submit(struct numbers *n, const struct numbers_request *q)
{
	struct question item;

	if (!n)
		return ERR_STATE;
	if (!q || !q->request_id[0] || !q->service[0] || q->day <= 0 ||
	    !memchr(q->request_id, '\0', sizeof(q->request_id)) ||
	    !memchr(q->service, '\0', sizeof(q->service)))
		return ERR_INVAL;
	item.req = *q;
	item.t0_ms = clock_mono_ms(&n->clock);
	pthread_mutex_lock(&n->lock);
	n->slot = item;       /* replaces a request not yet started */
	n->pending = true;
	pthread_cond_signal(&n->wake);
	pthread_mutex_unlock(&n->lock);
	return 0;
}

void numbers_set_offline(struct numbers *n, bool offline)
{
	if (n)
		atomic_store(&n->offline, offline);
}

int numbers_deadline_ms(const struct numbers *n)
{
	return n ? n->deadline_ms : NUMBERS_DEADLINE_MS;
}
