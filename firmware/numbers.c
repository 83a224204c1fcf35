/* numbers: the worker that asks the central system for queue numbers (numbers.h).
 *
 * Start at answer(): the worker (asker.h: thread, one-request slot, stop, offline) hands it
 * the one pending request; it gives the HTTP request what is left of the deadline (ask) and
 * judges the reply with numbers_judge_reply, and deliver() logs and answers through the
 * callback. Whatever goes wrong, the answer is NUMBERS_FALLBACK with a reason, and it comes
 * by the deadline (plus the time curl takes to notice it): the caller then numbers the ticket
 * from its reserved range. Logs carry services, numbers, times and reasons, never request
 * ids. */
#include "numbers.h"

#include "asker.h"
#include "err.h"
#include "http.h"
#include "log.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set before the worker starts, read-only after. */
struct numbers {
	int deadline_ms;
	struct numbers_range reserved;
	numbers_cb cb;
	void *ctx;
	struct asker *asker;          /* the worker, its slot and the link (asker.h) */
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

static void ask(struct numbers *n, const struct numbers_request *q, int64_t t0_ms,
		struct numbers_answer *a)
{
	int64_t left = n->deadline_ms - asker_since_ms(n->asker, t0_ms);
	struct http *http = asker_http(n->asker);
	struct http_reply reply;
	char url[300], *body = NULL;
	int rc;

	if (left <= 0) {
		fallback(a, "the deadline passed before the request was sent");
		return;
	}
	if (numbers_request_body(asker_kiosk_id(n->asker), q, &body) != 0) {
		fallback(a, "out of memory");
		return;
	}
	snprintf(url, sizeof(url), "%s/api/v1/numbers", asker_url(n->asker));
	http_set_timeout(http, (long)left);
	rc = http_request(http, "POST", url, body, NULL, &reply);
	free(body);
	if (rc) {
		fallback(a, reply.reason[0] ? reply.reason : err_str(rc));
		return;
	}
	numbers_judge_reply(q, n->reserved, reply.status, reply.body, reply.len, a);
}

/* asker_ops.answer: a starts zeroed. */
static void answer(void *owner, const void *question, int64_t t0_ms, void *ans)
{
	struct numbers *n = owner;
	const struct numbers_request *q = question;
	struct numbers_answer *a = ans;

	snprintf(a->request_id, sizeof(a->request_id), "%s", q->request_id);
	if (asker_offline(n->asker))
		fallback(a, "offline");
	else if (!asker_central(n->asker))
		fallback(a, "no central system");
	else
		ask(n, q, t0_ms, a);
	a->elapsed_ms = asker_since_ms(n->asker, t0_ms);
	if (a->result == NUMBERS_CENTRAL && a->elapsed_ms > n->deadline_ms) {
		/* too late to be used: the kiosk numbers the ticket itself, and says so */
		char why[64];
		snprintf(why, sizeof(why), "the answer came after %lld ms", (long long)a->elapsed_ms);
		fallback(a, why);
	}
}

/* asker_ops.deliver: services, numbers, days and times in the log, never request ids. */
static void deliver(void *owner, const void *question, const void *ans)
{
	struct numbers *n = owner;
	const struct numbers_request *q = question;
	const struct numbers_answer *a = ans;

	if (a->result == NUMBERS_CENTRAL)
		log_info("numbers: %s %d of day %d from the central system in %lld ms",
			 q->service, a->seq, q->day, (long long)a->elapsed_ms);
	else
		log_warn("numbers: %s of day %d: fallback after %lld ms: %s", q->service,
			 q->day, (long long)a->elapsed_ms, a->reason);
	n->cb(n->ctx, a);
}

static const struct asker_ops numbers_ops = {
	.question_size = sizeof(struct numbers_request),
	.answer_size = sizeof(struct numbers_answer),
	.answer = answer,
	.deliver = deliver,
};

/* ---- context ---------------------------------------------------------------------------- */

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
	n->cb = cb;
	n->ctx = ctx;
	n->reserved = reserved;
	n->deadline_ms = deadline_ms ? deadline_ms : NUMBERS_DEADLINE_MS;
	rc = asker_start(&numbers_ops, n, cfg, n->deadline_ms, &n->asker);
	if (rc) {
		log_error("numbers: cannot start: %s", err_str(rc));
		free(n);
		return rc;
	}
	log_info("numbers: worker started (%s, deadline %d ms, reserved %d..%d)",
		 asker_central(n->asker) ? "central" : "no central system", n->deadline_ms,
		 reserved.from, reserved.to);
	*out = n;
	return 0;
}

void numbers_stop(struct numbers *n)
{
	if (!n)
		return;
	asker_stop(n->asker);
	free(n);
}

int numbers_submit(struct numbers *n, const struct numbers_request *q)
{
	if (!n)
		return ERR_STATE;
	if (!q || !q->request_id[0] || !q->service[0] || q->day <= 0 ||
	    !memchr(q->request_id, '\0', sizeof(q->request_id)) ||
	    !memchr(q->service, '\0', sizeof(q->service)))
		return ERR_INVAL;
	return asker_submit(n->asker, q, sizeof(*q));
}

void numbers_set_offline(struct numbers *n, bool offline)
{
	if (n)
		asker_set_offline(n->asker, offline);
}

int numbers_deadline_ms(const struct numbers *n)
{
	return n ? n->deadline_ms : NUMBERS_DEADLINE_MS;
}
