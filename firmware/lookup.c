/* lookup: the worker that asks the central system about a dossier or a ticket (lookup.h).
 *
 * Start at answer(): the worker (asker.h: thread, one-question slot, stop, offline) hands it
 * the one pending question; it asks the backend (ask_central or ask_fixture), judges the reply
 * with lookup_judge_reply, and deliver() logs and answers through the callback. A fresh
 * answer is cached (store_cache.h) and returned FOUND; when the backend cannot answer
 * (offline, network, timeout, 5xx, a malformed reply) the cached answer is returned CACHED
 * with the time it was fetched, else UNAVAILABLE. A NOT_FOUND forgets the cached answer.
 * Nothing but what the screen shows is cached: the owner's name is masked by
 * dossier_mask_name while the reply is parsed, and the raw name is never copied anywhere.
 * Logs carry kinds, states and times, never codes or names.
 *
 * Fixture backend (development and screen tests; not part of the protocol): a JSON file,
 * read again for every question so a test can change it between two questions:
 *
 *   {"delay_ms": 0,
 *    "dossiers": {"000.00.01.H29-240115-0001": <the body of a 200 to GET /dossiers/{code}>,
 *                 "000.00.01.H29-240115-0002": 503},
 *    "tickets": {"KIOSK-01-20261123-A001": <the body of a 200 to GET /tickets/{id}/officer>}}
 *
 * A key that is absent is answered as a 404; an integer value is answered as that HTTP status
 * with no body (503: unavailable, 404: not found); delay_ms (optional, >= 0) delays every
 * answer, and a delay at or beyond the timeout behaves as a timeout. An unreadable or
 * malformed fixture file makes every question unavailable. Bodies go through the same
 * judgement as the central system's replies. */
#include "lookup.h"

#include "asker.h"
#include "err.h"
#include "http.h"
#include "log.h"
#include "store.h"
#include "store_cache.h"
#include "utf8.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TICKET_KEY_MAX 63
#define TEXT_IN_MAX 2048          /* any reply string longer than this: malformed */
#define TIME_MAX ((int64_t)1 << 40)

struct question {
	enum lookup_kind kind;
	char key[64];
	int64_t now_s;
	uint32_t tag;
};

struct lookup {
	/* set before the worker starts, read-only after */
	char fixture[512];
	char db_path[512];
	bool use_fixture;
	int timeout_ms;
	lookup_cb cb;
	void *ctx;
	struct asker *asker;          /* the worker, its slot and the link (asker.h) */

	/* worker only */
	struct store *store;
	bool store_failed_logged;
};

/* ---- keys and names ------------------------------------------------------------------- */

const char *lookup_state_name(enum lookup_state s)
{
	switch (s) {
	case LOOKUP_FOUND: return "found";
	case LOOKUP_NOT_FOUND: return "not-found";
	case LOOKUP_CACHED: return "cached";
	case LOOKUP_UNAVAILABLE: return "unavailable";
	case LOOKUP_REFUSED: return "refused";
	}
	return "unknown";
}

/* Printable ASCII without space, quotes, backslash or angle brackets. */
static bool id_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && !strchr("\"'\\<>`", c);
}

static bool id_text(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n < 1 || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!id_char((unsigned char)s[i]))
			return false;
	return true;
}

bool lookup_key_valid(enum lookup_kind kind, const char *key)
{
	if (!key)
		return false;
	if (kind == LOOKUP_DOSSIER)
		return id_text(key, DOSSIER_CODE_MAX) && strpbrk(key, "0123456789") != NULL;
	if (kind == LOOKUP_TICKET_OFFICER)
		return id_text(key, TICKET_KEY_MAX);
	return false;
}

/* ---- reply parsing ---------------------------------------------------------------------- */

struct parse {
	json_t *doc;
	char *reason;
	size_t rlen;
};

/* reason "reply's FIELD PROBLEM"; false. */
static bool bad(struct parse *p, const char *field, const char *problem)
{
	snprintf(p->reason, p->rlen, "reply's %s %s", field, problem);
	return false;
}

/* Clears text that may hold a person's name; volatile so that it is not optimised away. */
static void wipe(void *buf, size_t n)
{
	volatile unsigned char *b = buf;

	while (n--)
		*b++ = 0;
}

/* A member that is absent or null: optional and not given. */
static bool absent(json_t *v)
{
	return !v || json_is_null(v);
}

/* A text member into out (NFC, no control characters). Absent/null: "" unless required.
 * Longer than max bytes: refused when !truncate, else cut at a character boundary with "…".
 * ascii_id: identifiers (counter stays free text). */
static bool get_text(struct parse *p, json_t *obj, const char *name, bool required, bool truncate,
		     char *out, size_t outlen)
{
	json_t *v = json_object_get(obj, name);
	char buf[TEXT_IN_MAX * 2];
	const char *s;
	size_t n;

	out[0] = '\0';
	if (absent(v))
		return !required || bad(p, name, "is missing");
	if (!json_is_string(v))
		return bad(p, name, "is not a string");
	s = json_string_value(v);
	n = json_string_length(v);
	if (n > TEXT_IN_MAX || strlen(s) != n)
		return bad(p, name, "is too long or holds NUL");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return bad(p, name, "holds control characters");
	if (utf8_nfc(s, buf, sizeof(buf)) != 0)
		return bad(p, name, "is not valid text");
	n = strlen(buf);
	if (required && n == 0)
		return bad(p, name, "is empty");
	if (n >= outlen && (!truncate || outlen < 8)) {
		wipe(buf, n);
		return bad(p, name, "is too long");
	}
	if (n >= outlen) {
		n = outlen - 4;   /* room for "…" (3 bytes) and NUL */
		while (n > 0 && ((unsigned char)buf[n] & 0xc0) == 0x80)
			n--;
		memcpy(buf + n, "\xe2\x80\xa6", 4);
		n += 3;
	}
	memcpy(out, buf, n + 1);
	wipe(buf, n);
	return true;
}

static bool get_id(struct parse *p, json_t *obj, const char *name, bool required, char *out,
		   size_t outlen)
{
	if (!get_text(p, obj, name, required, false, out, outlen))
		return false;
	if (out[0] && !id_text(out, outlen - 1)) {
		out[0] = '\0';
		return bad(p, name, "is not an identifier");
	}
	return true;
}

/* A UTC time in seconds: absent/null is 0 (none). */
static bool get_time(struct parse *p, json_t *obj, const char *name, int64_t *out)
{
	json_t *v = json_object_get(obj, name);

	*out = 0;
	if (absent(v))
		return true;
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > TIME_MAX)
		return bad(p, name, "is not a time in seconds");
	*out = json_integer_value(v);
	return true;
}

static bool same_key(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (n != strlen(b))
		return false;
	for (size_t i = 0; i < n; i++) {
		char x = a[i], y = b[i];

		if (x >= 'a' && x <= 'z')
			x = (char)(x - 32);
		if (y >= 'a' && y <= 'z')
			y = (char)(y - 32);
		if (x != y)
			return false;
	}
	return true;
}

static bool service_prefix(const char *s)
{
	size_t n = strlen(s);

	if (n > 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	return true;
}

/* {"code", "procedure": {"vi", "en"}, "owner", "status", "received_at", "due_at",
 *  "rescheduled_due_at", "counter", "service", "officer"}: docs/protocol.md. */
static bool parse_dossier(struct parse *p, const char *key, struct dossier_info *d)
{
	json_t *doc = p->doc, *proc = json_object_get(doc, "procedure"), *st;
	char owner[TEXT_IN_MAX + 1];

	memset(d, 0, sizeof(*d));
	if (!get_id(p, doc, "code", true, d->code, sizeof(d->code)))
		return false;
	if (!same_key(d->code, key))
		return bad(p, "code", "names another dossier");
	if (!json_is_object(proc))
		return bad(p, "procedure", "is not an object");
	if (!get_text(p, proc, "vi", true, true, d->procedure[LANG_VI],
		      sizeof(d->procedure[LANG_VI])) ||
	    !get_text(p, proc, "en", false, true, d->procedure[LANG_EN],
		      sizeof(d->procedure[LANG_EN])))
		return false;
	if (!d->procedure[LANG_EN][0])
		memcpy(d->procedure[LANG_EN], d->procedure[LANG_VI], sizeof(d->procedure[LANG_VI]));
	st = json_object_get(doc, "status");
	if (!json_is_integer(st) || json_integer_value(st) < DOSSIER_STATUS_MIN ||
	    json_integer_value(st) > DOSSIER_STATUS_MAX)
		return bad(p, "status", "is not an integer 1..10");
	d->status = (int)json_integer_value(st);
	if (!get_time(p, doc, "received_at", &d->received_s) ||
	    !get_time(p, doc, "due_at", &d->due_s) ||
	    !get_time(p, doc, "rescheduled_due_at", &d->rescheduled_due_s))
		return false;
	if (!get_text(p, doc, "counter", false, false, d->counter, sizeof(d->counter)) ||
	    !get_text(p, doc, "service", false, false, d->service, sizeof(d->service)) ||
	    !get_id(p, doc, "officer", false, d->officer_id, sizeof(d->officer_id)))
		return false;
	if (!service_prefix(d->service))
		return bad(p, "service", "is not a queue prefix");
	/* the name is masked here and the full one goes no further than this stack frame */
	if (!get_text(p, doc, "owner", false, false, owner, sizeof(owner)))
		return false;
	dossier_mask_name(owner, d->owner_masked, sizeof(d->owner_masked));
	wipe(owner, sizeof(owner));
	return true;
}

/* {"ticket"?, "served": bool, "officer", "counter"}: officer required when served. */
static bool parse_ticket(struct parse *p, const char *key, struct ticket_officer *t)
{
	json_t *doc = p->doc, *served = json_object_get(doc, "served");
	char echo[64];

	memset(t, 0, sizeof(*t));
	snprintf(t->ticket_id, sizeof(t->ticket_id), "%s", key);
	if (!get_id(p, doc, "ticket", false, echo, sizeof(echo)))
		return false;
	if (echo[0] && strcmp(echo, key) != 0)
		return bad(p, "ticket", "names another ticket");
	if (!json_is_boolean(served))
		return bad(p, "served", "is not true or false");
	t->served = json_is_true(served);
	if (!get_id(p, doc, "officer", t->served, t->officer_id, sizeof(t->officer_id)) ||
	    !get_text(p, doc, "counter", false, false, t->counter, sizeof(t->counter)))
		return false;
	if (!t->served && (t->officer_id[0] || t->counter[0]))
		return bad(p, "officer", "is given for a ticket not served");
	return true;
}

/* reason NULL: out->reason is already set. */
static enum lookup_state unavailable(struct lookup_answer *out, const char *reason)
{
	if (reason)
		snprintf(out->reason, sizeof(out->reason), "%s", reason);
	memset(&out->dossier, 0, sizeof(out->dossier));
	memset(&out->ticket, 0, sizeof(out->ticket));
	return out->state = LOOKUP_UNAVAILABLE;
}

enum lookup_state lookup_judge_reply(enum lookup_kind kind, const char *key, long status,
				     const char *body, size_t len, struct lookup_answer *out)
{
	json_error_t e;
	struct parse p = { .reason = out->reason, .rlen = sizeof(out->reason) };
	bool ok;

	out->kind = kind;
	out->reason[0] = '\0';
	snprintf(out->key, sizeof(out->key), "%s", key ? key : "");
	memset(&out->dossier, 0, sizeof(out->dossier));
	memset(&out->ticket, 0, sizeof(out->ticket));
	if (!lookup_key_valid(kind, out->key)) {
		snprintf(out->reason, sizeof(out->reason), "not a %s", kind == LOOKUP_DOSSIER
			 ? "dossier code" : "ticket id");
		return out->state = LOOKUP_REFUSED;
	}
	if (status != 200 && status != 404) {
		snprintf(out->reason, sizeof(out->reason), "HTTP %ld", status);
		return out->state = LOOKUP_UNAVAILABLE;
	}
	p.doc = json_loadb(body ? body : "", body ? len : 0, JSON_REJECT_DUPLICATES, &e);
	if (!json_is_object(p.doc)) {
		json_decref(p.doc);
		return unavailable(out, status == 200 ? "reply is not a JSON object"
					  : "HTTP 404 without a JSON object");
	}
	if (status == 404) {
		json_decref(p.doc);
		return out->state = LOOKUP_NOT_FOUND;
	}
	ok = kind == LOOKUP_DOSSIER ? parse_dossier(&p, out->key, &out->dossier)
				    : parse_ticket(&p, out->key, &out->ticket);
	json_decref(p.doc);
	if (!ok)
		return unavailable(out, NULL);
	return out->state = LOOKUP_FOUND;
}

/* ---- the cache: what the screen shows, as JSON ------------------------------------------ */

static char *cache_encode(const struct lookup_answer *a)
{
	const struct dossier_info *d = &a->dossier;
	const struct ticket_officer *t = &a->ticket;
	json_t *doc;
	char *s;

	if (a->kind == LOOKUP_DOSSIER)
		doc = json_pack("{s:s, s:{s:s, s:s}, s:s, s:i, s:I, s:I, s:I, s:s, s:s, s:s}",
				"code", d->code, "procedure", "vi", d->procedure[LANG_VI], "en",
				d->procedure[LANG_EN], "owner", d->owner_masked, "status", d->status,
				"received_at", (json_int_t)d->received_s, "due_at",
				(json_int_t)d->due_s, "rescheduled_due_at",
				(json_int_t)d->rescheduled_due_s, "counter", d->counter, "service",
				d->service, "officer", d->officer_id);
	else
		doc = json_pack("{s:s, s:b, s:s, s:s}", "ticket", t->ticket_id, "served", t->served,
				"officer", t->officer_id, "counter", t->counter);
	s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	return s;
}

/* A cached value goes through the same judgement as a reply (masking an already masked name
 * changes nothing), so a damaged row is never shown. */
static bool cache_decode(const char *value, struct lookup_answer *a)
{
	struct lookup_answer tmp = *a;

	if (lookup_judge_reply(a->kind, a->key, 200, value, strlen(value), &tmp) != LOOKUP_FOUND)
		return false;
	a->dossier = tmp.dossier;
	a->ticket = tmp.ticket;
	return true;
}

/* The store is opened by the worker at its first question and retried at the next one after
 * a failure: without it the kiosk still answers, only without cache. */
static struct store *cache_store(struct lookup *l)
{
	if (l->store || !l->db_path[0])
		return l->store;
	if (store_open(l->db_path, &l->store) != 0 || store_cache_init(l->store) != 0) {
		store_close(l->store);
		l->store = NULL;
		if (!l->store_failed_logged)
			log_warn("lookup: no cache (the database cannot be opened)");
		l->store_failed_logged = true;
	}
	return l->store;
}

static void cache_put(struct lookup *l, const struct lookup_answer *a, int64_t now_s)
{
	struct store *st = cache_store(l);
	char *v;

	if (!st)
		return;
	v = cache_encode(a);
	if (!v || store_cache_put(st, (int)a->kind, a->key, v, now_s, LOOKUP_CACHE_MAX,
				  LOOKUP_CACHE_MAX_AGE_S) != 0)
		log_warn("lookup: answer not cached");
	free(v);
}

static void cache_forget(struct lookup *l, const struct lookup_answer *a)
{
	struct store *st = cache_store(l);

	if (st)
		store_cache_delete(st, (int)a->kind, a->key);
}

/* The backend could not answer: the cached answer (CACHED) or UNAVAILABLE, keeping reason. */
static void from_cache(struct lookup *l, struct lookup_answer *a, int64_t now_s)
{
	struct store *st = cache_store(l);
	char value[STORE_CACHE_VALUE_MAX];
	int64_t at;

	a->state = LOOKUP_UNAVAILABLE;
	memset(&a->dossier, 0, sizeof(a->dossier));
	memset(&a->ticket, 0, sizeof(a->ticket));
	if (!st || store_cache_get(st, (int)a->kind, a->key, now_s, LOOKUP_CACHE_MAX_AGE_S, value,
				   sizeof(value), &at) != 0)
		return;
	if (cache_decode(value, a)) {
		a->state = LOOKUP_CACHED;
		a->fetched_s = at;
	} else {
		log_warn("lookup: a cached answer is damaged; forgotten");
		store_cache_delete(st, (int)a->kind, a->key);
	}
}

/* ---- backends --------------------------------------------------------------------------- */

/* RFC 3986 unreserved characters stay, everything else is %XX. */
static void url_escape(const char *s, char *out, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;

	for (; *s && n + 4 < len; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			out[n++] = (char)c;
		} else {
			out[n++] = '%';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
		}
	}
	out[n] = '\0';
}

/* 0 and the judged answer, or an error (no answer from the backend) with a->reason set. */
static int ask_central(struct lookup *l, const struct question *q, struct lookup_answer *a)
{
	struct http_reply reply;
	char esc[64 * 3 + 1], url[512];
	int rc;

	url_escape(q->key, esc, sizeof(esc));
	if (q->kind == LOOKUP_DOSSIER)
		snprintf(url, sizeof(url), "%s/api/v1/dossiers/%s", asker_url(l->asker), esc);
	else
		snprintf(url, sizeof(url), "%s/api/v1/tickets/%s/officer", asker_url(l->asker),
			 esc);
	rc = http_request(asker_http(l->asker), "GET", url, NULL, NULL, &reply);
	if (rc) {
		snprintf(a->reason, sizeof(a->reason), "%s", reply.reason[0] ? reply.reason
			 : err_str(rc));
		return rc;
	}
	lookup_judge_reply(q->kind, q->key, reply.status, reply.body, reply.len, a);
	return 0;
}

/* Sleeps ms in short steps, returning early on stop. */
static void nap(struct lookup *l, int64_t ms)
{
	while (ms > 0 && !asker_stopping(l->asker)) {
		int64_t step = ms < 50 ? ms : 50;
		struct timespec ts = { 0, (long)step * 1000000L };

		nanosleep(&ts, NULL);
		ms -= step;
	}
}

static int ask_fixture(struct lookup *l, const struct question *q, struct lookup_answer *a)
{
	json_error_t e;
	json_t *doc = json_load_file(l->fixture, JSON_REJECT_DUPLICATES, &e);
	json_t *table, *entry, *delay;
	char *body;
	int rc = 0;

	table = json_object_get(doc, q->kind == LOOKUP_DOSSIER ? "dossiers" : "tickets");
	delay = json_object_get(doc, "delay_ms");
	if (!json_is_object(doc) || (table && !json_is_object(table)) ||
	    (delay && (!json_is_integer(delay) || json_integer_value(delay) < 0))) {
		snprintf(a->reason, sizeof(a->reason), "fixture unreadable or malformed");
		json_decref(doc);
		return ERR_CONFIG;
	}
	if (delay && json_integer_value(delay) >= l->timeout_ms) {
		nap(l, l->timeout_ms);
		snprintf(a->reason, sizeof(a->reason), "timed out");
		json_decref(doc);
		return ERR_TIMEOUT;
	}
	if (delay)
		nap(l, json_integer_value(delay));
	entry = json_object_get(table, q->key);
	if (!entry) {
		lookup_judge_reply(q->kind, q->key, 404, "{\"error\":\"not found\"}", 21, a);
	} else if (json_is_integer(entry)) {
		lookup_judge_reply(q->kind, q->key, (long)json_integer_value(entry), "", 0, a);
	} else {
		body = json_dumps(entry, JSON_COMPACT | JSON_ENCODE_ANY);
		if (body)
			lookup_judge_reply(q->kind, q->key, 200, body, strlen(body), a);
		else
			rc = ERR_NOMEM;
		free(body);
	}
	json_decref(doc);
	return rc;
}

/* ---- the worker ------------------------------------------------------------------------- */

static void work_out(struct lookup *l, const struct question *q, struct lookup_answer *a)
{
	int rc;

	a->tag = q->tag;
	a->kind = q->kind;
	a->fetched_s = 0;
	snprintf(a->key, sizeof(a->key), "%s", q->key);
	if (!lookup_key_valid(q->kind, q->key)) {
		a->state = LOOKUP_REFUSED;
		snprintf(a->reason, sizeof(a->reason), "not a %s", q->kind == LOOKUP_DOSSIER
			 ? "dossier code" : "ticket id");
		return;
	}
	if (asker_offline(l->asker) || (!asker_central(l->asker) && !l->use_fixture)) {
		snprintf(a->reason, sizeof(a->reason), "%s", asker_offline(l->asker)
			 ? "offline" : "no central system");
		from_cache(l, a, q->now_s);
		return;
	}
	rc = l->use_fixture ? ask_fixture(l, q, a) : ask_central(l, q, a);
	if (rc || a->state == LOOKUP_UNAVAILABLE) {
		from_cache(l, a, q->now_s);
	} else if (a->state == LOOKUP_FOUND) {
		a->fetched_s = q->now_s;
		cache_put(l, a, q->now_s);
	} else if (a->state == LOOKUP_NOT_FOUND) {
		cache_forget(l, a);
	}
}

/* asker_ops.answer: ans starts zeroed. */
static void answer(void *owner, const void *question, int64_t t0_ms, void *ans)
{
	struct lookup *l = owner;
	struct lookup_answer *a = ans;

	work_out(l, question, a);
	a->elapsed_ms = asker_since_ms(l->asker, t0_ms);
}

/* asker_ops.deliver: kinds, states, times and reasons in the log, never codes or names. */
static void deliver(void *owner, const void *question, const void *ans)
{
	struct lookup *l = owner;
	const struct question *q = question;
	const struct lookup_answer *a = ans;

	log_info("lookup: %s %s in %lld ms%s%s", q->kind == LOOKUP_DOSSIER ? "dossier"
		 : "ticket", lookup_state_name(a->state), (long long)a->elapsed_ms,
		 a->reason[0] ? ": " : "", a->reason);
	l->cb(l->ctx, a);
}

static const struct asker_ops lookup_ops = {
	.question_size = sizeof(struct question),
	.answer_size = sizeof(struct lookup_answer),
	.answer = answer,
	.deliver = deliver,
};

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

int lookup_start(const struct sync_config *cfg, const char *fixture, const char *db_path,
		 int timeout_ms, lookup_cb cb, void *ctx, struct lookup **out)
{
	struct lookup *l;
	int rc;

	*out = NULL;
	if (!cb)
		return ERR_INVAL;
	l = calloc(1, sizeof(*l));
	if (!l)
		return ERR_NOMEM;
	l->cb = cb;
	l->ctx = ctx;
	rc = copy(l->fixture, sizeof(l->fixture), fixture);
	if (!rc)
		rc = copy(l->db_path, sizeof(l->db_path), db_path);
	if (rc || timeout_ms < 0)
		rc = ERR_CONFIG;
	l->use_fixture = l->fixture[0] != '\0';
	l->timeout_ms = timeout_ms ? timeout_ms : LOOKUP_TIMEOUT_MS;
	/* the fixture backend answers instead of the central system: no link, no HTTP */
	if (!rc)
		rc = asker_start(&lookup_ops, l, l->use_fixture ? NULL : cfg, l->timeout_ms,
				 &l->asker);
	if (rc) {
		log_error("lookup: cannot start: %s", err_str(rc));
		free(l);
		return rc;
	}
	log_info("lookup: worker started (%s backend, timeout %d ms)", l->use_fixture ? "fixture"
		 : asker_central(l->asker) ? "central" : "no", l->timeout_ms);
	*out = l;
	return 0;
}

void lookup_stop(struct lookup *l)
{
	if (!l)
		return;
	asker_stop(l->asker);
	store_close(l->store);
	free(l);
}

int lookup_submit(struct lookup *l, enum lookup_kind kind, const char *key, int64_t now_s,
		  uint32_t tag)
{
	struct question q = { .kind = kind, .now_s = now_s, .tag = tag };

	if (!l)
		return ERR_STATE;
	if (!key || !key[0] || strlen(key) >= sizeof(q.key) ||
	    (kind != LOOKUP_DOSSIER && kind != LOOKUP_TICKET_OFFICER))
		return ERR_INVAL;
	memcpy(q.key, key, strlen(key) + 1);
	return asker_submit(l->asker, &q, sizeof(q));
}

bool lookup_waiting(struct lookup *l)
{
	return l && asker_waiting(l->asker);
}

void lookup_set_offline(struct lookup *l, bool offline)
{
	if (l)
		asker_set_offline(l->asker, offline);
}
