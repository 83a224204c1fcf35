/* sync: outbox draining, heartbeat, queue and catalogue polling against the central system.
 *
 * Start at worker(): four independent schedules (events, heartbeat, queue, catalogue), each
 * with its own failure count and next time, so a refused batch does not stop heartbeats.
 * drain() sends the oldest unsent rows; a batch is marked sent only after a 200 that parses
 * strictly (sync_apply_events_reply), so a lost or garbled answer means a resend, which the
 * server deduplicates by event id.
 *
 * Remote commands (heartbeat reply) are recorded in the store by id before they are offered,
 * so a repeated reply or a restart never runs one twice; the UI takes them with
 * sync_take_command, and the next heartbeat acknowledges what was taken (commands_refresh()).
 * A catalogue is offered only once catalog_load_string accepts it, and stored with its ETag.
 * State shared with the UI thread (health, commands waiting and taken, the catalogue on
 * offer) is behind `lock`. */
#include "sync.h"

#include "catalog.h"
#include "proc.h"
#include "clock.h"
#include "config.h"
#include "err.h"
#include "health.h"
#include "log.h"
#include "store_sync.h"
#include "utf8.h"

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#define IDLE_POLL_MS 2000      /* outbox check without a kick: a local query, cheap */
#define STORE_RETRY_MS 5000

struct schedule {
	int64_t next_ms;       /* monotonic */
	int failures;
};

/* The documents the central system serves as INI text (DOCS below). */
enum { DOC_CATALOG, DOC_PROCEDURES, SYNC_DOCS };

struct sync {
	char url[256], ca[256], cert[256], key[256], kiosk_id[32], version[32];
	int batch, heartbeat_s, queue_s, timeout_ms, catalog_s;
	char db_path[512];
	struct clock clock;
	int64_t started_mono_ms;
	uint32_t rng;

	/* worker (or sync_run_once caller) only */
	struct store *store;
	struct http *http;
	struct store_outbox_row *rows;   /* batch buffer, SYNC_BATCH_MAX rows (about 1 MB) */
	struct schedule events, heartbeat, queue, catalog, procedures;
	int retry_after_s;               /* from the latest reply, -1: none */
	char acks[SYNC_ACKS_MAX][STORE_COMMAND_ID_MAX]; /* sent in the last heartbeat body */
	int nacks;
	int64_t error_at;        /* of the failure the last heartbeat body reported, 0 none */
	char doc_etag[SYNC_DOCS][128];   /* of the stored documents, for If-None-Match */

	/* shared */
	pthread_t thread;
	bool started;
	atomic_int stop;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool kicked;
	bool took;                       /* the UI took a command: write it to the store now */
	char printer[32];
	struct sync_health health;
	int64_t skew_s;              /* server's clock minus ours at the last heartbeat reply */
	bool skew_known;
	struct sync_command pending[SYNC_COMMANDS_MAX]; /* for sync_take_command, oldest first */
	int npending;
	char taken[SYNC_COMMANDS_MAX][STORE_COMMAND_ID_MAX]; /* taken, not yet in the store */
	int ntaken;
	char *doc_offer[SYNC_DOCS];      /* for sync_take_catalog/procedures, NULL: none */
};

/* ---- pure parts: backoff, batch JSON, reply judgement ---------------------------------- */

int64_t sync_backoff_ms(int failures, uint32_t random)
{
	int64_t ceiling = SYNC_BACKOFF_BASE_MS;

	if (failures <= 0)
		return 0;
	for (int i = 1; i < failures && ceiling < SYNC_BACKOFF_MAX_MS; i++)
		ceiling *= 2;
	if (ceiling > SYNC_BACKOFF_MAX_MS)
		ceiling = SYNC_BACKOFF_MAX_MS;
	return (int64_t)(random % (uint32_t)(ceiling + 1));
}

static json_t *event_body(const struct store_outbox_row *r)
{
	json_t *body = r->truncated ? NULL : json_loads(r->body, JSON_REJECT_DUPLICATES, NULL);
	json_t *text;

	if (json_is_object(body))
		return body;
	json_decref(body);
	log_error("sync: outbox row %lld (%s) has no JSON object body; sent as unparsed",
		  (long long)r->id, r->kind);
	text = json_string(r->body);
	return json_pack("{s:o}", "unparsed", text ? text : json_string("(not UTF-8)"));
}

static json_t *event_json(const struct store_outbox_row *r)
{
	return json_pack("{s:s, s:s, s:I, s:o}", "id", r->event_id, "kind", r->kind,
			 "at", (json_int_t)r->created_at, "body", event_body(r));
}

/* The batch's name, echoed by the server: a reply to another request (a replayed or misrouted
 * answer) then cannot mark this batch sent. The first event id is unique, and n tells apart a
 * retry with fewer events. */
static void batch_name(const struct store_outbox_row *rows, int n, char *out, size_t len)
{
	snprintf(out, len, "%s:%d", rows[0].event_id, n);
}

int sync_build_batch(const char *kiosk_id, const struct store_outbox_row *rows, int n,
		     char **out)
{
	json_t *events = json_array();
	json_t *doc;
	char name[64];

	*out = NULL;
	for (int i = 0; events && i < n; i++) {
		if (json_array_append_new(events, event_json(&rows[i])) != 0) {
			json_decref(events);
			return ERR_NOMEM;
		}
	}
	batch_name(rows, n, name, sizeof(name));
	doc = json_pack("{s:s, s:s, s:o}", "kiosk", kiosk_id, "batch", name, "events", events);
	if (doc)
		*out = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return *out ? 0 : ERR_NOMEM;
}

/* A non-200 status as a project code; reason gets the server's {"error"} when it sent one. */
static int status_error(const struct http_reply *reply, char *reason, size_t len)
{
	json_t *doc = json_loadb(reply->body, reply->len, 0, NULL);
	const char *msg = json_string_value(json_object_get(doc, "error"));
	long st = reply->status;

	snprintf(reason, len, "HTTP %ld%s%.80s", st, msg ? ": " : "", msg ? msg : "");
	json_decref(doc);
	if (st == 429 || st == 503)
		return ERR_BUSY;
	if (st == 401 || st == 403)
		return ERR_PERM;
	if (st == 408 || st == 504)
		return ERR_TIMEOUT;
	return ERR_IO;
}

/* The reply as a JSON object, or NULL with reason set. */
static json_t *reply_object(const struct http_reply *reply, char *reason, size_t len)
{
	json_error_t e;
	json_t *doc = json_loadb(reply->body, reply->len, JSON_REJECT_DUPLICATES, &e);

	if (!doc) {
		snprintf(reason, len, "malformed reply (not JSON: %.60s)", e.text);
		return NULL;
	}
	if (!json_is_object(doc)) {
		snprintf(reason, len, "malformed reply (not a JSON object)");
		json_decref(doc);
		return NULL;
	}
	return doc;
}

/* A non-negative integer member; false when missing or of another type. */
static bool get_count(json_t *obj, const char *key, json_int_t max, json_int_t *v)
{
	json_t *j = json_object_get(obj, key);

	if (!json_is_integer(j))
		return false;
	*v = json_integer_value(j);
	return *v >= 0 && *v <= max;
}

static int check_events_reply(const struct http_reply *reply, const char *name, int n,
			      char *reason, size_t len)
{
	json_t *doc;
	json_int_t acc, dup;
	const char *echo;
	int rc = ERR_INVAL;

	if (reply->status != 200)
		return status_error(reply, reason, len);
	doc = reply_object(reply, reason, len);
	if (!doc)
		return ERR_INVAL;
	echo = json_string_value(json_object_get(doc, "batch"));
	if (!get_count(doc, "accepted", n, &acc) || !get_count(doc, "duplicates", n, &dup))
		snprintf(reason, len, "malformed reply (no integer accepted and duplicates)");
	else if (!echo || strcmp(echo, name) != 0)
		snprintf(reason, len, "reply is for another batch");
	else if (acc + dup != n)
		snprintf(reason, len, "reply counts %lld+%lld events, %d were sent",
			 (long long)acc, (long long)dup, n);
	else
		rc = 0;
	json_decref(doc);
	return rc;
}

int sync_apply_events_reply(struct store *st, const struct store_outbox_row *rows, int n,
			    const struct http_reply *reply, int64_t now, char *reason,
			    size_t len)
{
	int64_t ids[SYNC_BATCH_MAX];
	char name[64];
	int rc;

	if (n < 1 || n > SYNC_BATCH_MAX)
		return ERR_INVAL;
	batch_name(rows, n, name, sizeof(name));
	rc = check_events_reply(reply, name, n, reason, len);
	if (rc)
		return rc;
	for (int i = 0; i < n; i++)
		ids[i] = rows[i].id;
	rc = store_outbox_mark_sent(st, ids, n, now);
	if (rc)
		snprintf(reason, len, "cannot mark sent: %s", err_str(rc));
	return rc;
}

/* Every service must be {"last_called": int >= 0, ...} with a name that fits the store. */
static bool queue_valid(json_t *services)
{
	const char *name;
	json_t *v;
	json_int_t seq;

	if (!json_is_object(services))
		return false;
	json_object_foreach(services, name, v) {
		if (!*name || strlen(name) >= sizeof(((struct store_ticket *)0)->service))
			return false;
		if (!json_is_object(v) || !get_count(v, "last_called", 1 << 30, &seq))
			return false;
	}
	return true;
}

static int store_queue(struct store *st, json_t *services, int day, int64_t now)
{
	const char *name;
	json_t *v;
	int rc = 0;

	json_object_foreach(services, name, v) {
		rc = store_set_last_called(st, name, day,
			(int)json_integer_value(json_object_get(v, "last_called")), now);
		if (rc)
			break;
	}
	return rc;
}

int sync_apply_queue_reply(struct store *st, const struct http_reply *reply, int64_t now,
			   char *reason, size_t len)
{
	json_t *doc, *services;
	json_int_t day;
	int rc;

	if (reply->status != 200)
		return status_error(reply, reason, len);
	doc = reply_object(reply, reason, len);
	if (!doc)
		return ERR_INVAL;
	services = json_object_get(doc, "services");
	if (!get_count(doc, "day", 99991231, &day) || day < 19700101 || !queue_valid(services)) {
		snprintf(reason, len, "malformed reply (queue)");
		rc = ERR_INVAL;
	} else {
		rc = store_queue(st, services, (int)day, now);
		if (rc)
			snprintf(reason, len, "cannot store queue state: %s", err_str(rc));
	}
	json_decref(doc);
	return rc;
}

/* ---- health, shared with the UI thread ----------------------------------------------- */

static void note_ok(struct sync *s)
{
	pthread_mutex_lock(&s->lock);
	s->health.last_ok_s = clock_now_s(&s->clock);
	s->health.failures = 0;
	pthread_mutex_unlock(&s->lock);
}

/* The last failed exchange is also kept in the store, so that the next heartbeat that gets
 * through (from this process or after a restart) tells the central system why the kiosk was
 * silent: a refused certificate is otherwise only in a log on the kiosk. */
#define SYNC_ERROR_KEY "sync_error"

/* The first failure of a run of failures is the one that says why the kiosk is cut off (the
 * exchanges after it mostly fail for the same reason, or for its consequences): it is the
 * health's last_error until an exchange succeeds. The store keeps the first failure since
 * the central system last heard the kiosk (a heartbeat that got through), for that next
 * heartbeat. Every failure is logged and counted. */
static void note_fail(struct sync *s, const char *what, int rc, const char *reason)
{
	char why[sizeof(s->health.last_error_reason)], kept[8];
	int64_t now = clock_now_s(&s->clock);
	bool first;

	snprintf(why, sizeof(why), "%s: %s", what, reason[0] ? reason : err_str(rc));
	log_warn("sync: %s", why);
	pthread_mutex_lock(&s->lock);
	first = s->health.failures++ == 0;
	if (first) {
		s->health.last_error = rc;
		s->health.last_error_s = now;
		snprintf(s->health.last_error_reason, sizeof(s->health.last_error_reason), "%s", why);
	}
	pthread_mutex_unlock(&s->lock);
	if (s->store && store_state_get(s->store, SYNC_ERROR_KEY, kept, sizeof(kept), NULL) ==
	    ERR_NOTFOUND && store_state_put(s->store, SYNC_ERROR_KEY, why, now) != 0)
		log_warn("sync: the failure is not kept for the next heartbeat");
}

static void note_backlog(struct sync *s)
{
	int n = 0;

	if (store_outbox_backlog(s->store, &n) != 0)
		return;
	pthread_mutex_lock(&s->lock);
	s->health.backlog = n;
	pthread_mutex_unlock(&s->lock);
}

static void note_sent(struct sync *s, int n)
{
	pthread_mutex_lock(&s->lock);
	s->health.last_sent_s = clock_now_s(&s->clock);
	s->health.sent_total += n;
	pthread_mutex_unlock(&s->lock);
}

void sync_status(struct sync *s, struct sync_health *out)
{
	pthread_mutex_lock(&s->lock);
	*out = s->health;
	pthread_mutex_unlock(&s->lock);
}

void sync_kick(struct sync *s)
{
	pthread_mutex_lock(&s->lock);
	s->kicked = true;
	pthread_cond_signal(&s->wake);
	pthread_mutex_unlock(&s->lock);
}

void sync_set_printer(struct sync *s, const char *state)
{
	pthread_mutex_lock(&s->lock);
	snprintf(s->printer, sizeof(s->printer), "%s", state);
	pthread_mutex_unlock(&s->lock);
}

/* ---- one exchange each ------------------------------------------------------------------ */

static int ensure_store(struct sync *s);

/* POSTs or GETs /api/v1/<path>; 0 when a reply arrived (any status). */
static int call(struct sync *s, const char *method, const char *path, const char *body,
		const char *if_none_match, struct http_reply *reply)
{
	char url[320];
	int rc;

	snprintf(url, sizeof(url), "%s/api/v1/%s", s->url, path);
	rc = http_request(s->http, method, url, body, if_none_match, reply);
	s->retry_after_s = reply->retry_after_s;
	return rc;
}

/* Builds the batch, halving it while the request would exceed the protocol's 1 MiB. */
static int build_fitting(struct sync *s, int *n, char **json)
{
	int rc;

	for (;;) {
		rc = sync_build_batch(s->kiosk_id, s->rows, *n, json);
		if (rc || strlen(*json) <= HTTP_BODY_MAX || *n == 1)
			return rc ? rc : (strlen(*json) <= HTTP_BODY_MAX ? 0 : ERR_RANGE);
		free(*json);
		*json = NULL;
		*n /= 2;
	}
}

static int send_batch(struct sync *s, int n)
{
	struct http_reply reply;
	char *json = NULL;
	int rc = build_fitting(s, &n, &json);

	if (rc) {
		note_fail(s, "events", rc, "cannot build the batch");
		free(json);
		return rc;
	}
	rc = call(s, "POST", "events", json, NULL, &reply);
	free(json);
	if (!rc)
		rc = sync_apply_events_reply(s->store, s->rows, n, &reply, clock_now_s(&s->clock),
					     reply.reason, sizeof(reply.reason));
	if (rc) {
		note_fail(s, "events", rc, reply.reason);
		return rc;
	}
	log_info("sync: %d events sent", n);
	note_ok(s);
	note_sent(s, n);
	return 0;
}

/* Batch after batch until the outbox is empty, a batch fails, or we are told to stop. */
static int drain(struct sync *s)
{
	int n, rc;

	do {
		rc = store_outbox_pending(s->store, s->batch, s->rows, &n);
		if (rc) {
			note_fail(s, "outbox", rc, "");
			return rc;
		}
		if (n > 0)
			rc = send_batch(s, n);
		note_backlog(s);
	} while (!rc && n == s->batch && !atomic_load(&s->stop));
	return rc;
}

/* ---- remote commands ----------------------------------------------------------------- */

_Static_assert(sizeof(((struct sync_command *)0)->id) == STORE_COMMAND_ID_MAX &&
	       sizeof(((struct sync_command *)0)->message) ==
	       sizeof(((struct store_command *)0)->message), "command sizes");

static const char *const command_kinds[] = {
	[SYNC_CMD_LOCK] = "lock", [SYNC_CMD_UNLOCK] = "unlock",
	[SYNC_CMD_REPRINT_LAST] = "reprint_last", [SYNC_CMD_RELOAD_CONFIG] = "reload_config",
};

static int command_kind(const char *name)
{
	for (size_t i = 0; i < sizeof(command_kinds) / sizeof(command_kinds[0]); i++)
		if (strcmp(name, command_kinds[i]) == 0)
			return (int)i;
	return -1;
}

static bool command_id_ok(const char *id)
{
	size_t n = strlen(id);

	if (n < 1 || n >= STORE_COMMAND_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)id[i] <= 0x20 || (unsigned char)id[i] >= 0x7f || id[i] == '"' ||
		    id[i] == '\\')
			return false;
	return true;
}

/* A lock message as shown: NFC, control characters as spaces, cut at a character boundary. */
static void command_message(const char *in, char *out, size_t len)
{
	char buf[1024];
	size_t n;

	out[0] = '\0';
	if (!in || utf8_nfc(in, buf, sizeof(buf)) != 0)
		return;
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	n = strlen(buf);
	if (n >= len) {
		n = len - 1;
		while (n > 0 && ((unsigned char)buf[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(out, buf, n);
	out[n] = '\0';
}

static bool taken_here(struct sync *s, const char *id)
{
	for (int i = 0; i < s->ntaken; i++)
		if (strcmp(s->taken[i], id) == 0)
			return true;
	return false;
}

/* Worker: writes what the UI took into the store, then offers every command the store has
 * not seen taken (after a restart too), except those taken since the write. */
static int commands_refresh(struct sync *s)
{
	char ids[SYNC_COMMANDS_MAX][STORE_COMMAND_ID_MAX];
	struct store_command rows[SYNC_COMMANDS_MAX];
	int64_t now = clock_now_s(&s->clock);
	int written, n = 0, rc = 0;

	pthread_mutex_lock(&s->lock);
	written = s->ntaken;
	memcpy(ids, s->taken, sizeof(ids));
	pthread_mutex_unlock(&s->lock);
	for (int i = 0; i < written && !rc; i++)
		rc = store_command_taken(s->store, ids[i], now);
	if (!rc)
		rc = store_command_untaken(s->store, rows, SYNC_COMMANDS_MAX, &n);
	if (rc)
		return rc;
	pthread_mutex_lock(&s->lock);
	/* takes only append: the first `written` are in the store now */
	memmove(s->taken, s->taken + written, (size_t)(s->ntaken - written) * sizeof(s->taken[0]));
	s->ntaken -= written;
	s->npending = 0;
	for (int i = 0; i < n; i++) {
		int kind = command_kind(rows[i].kind);
		struct sync_command *c;

		if (kind < 0 || taken_here(s, rows[i].id))
			continue;
		c = &s->pending[s->npending++];
		memset(c, 0, sizeof(*c));
		memcpy(c->id, rows[i].id, sizeof(c->id));
		c->kind = (enum sync_command_kind)kind;
		memcpy(c->message, rows[i].message, sizeof(c->message));
		c->received_s = rows[i].received_at;
	}
	pthread_mutex_unlock(&s->lock);
	return 0;
}

int sync_take_command(struct sync *s, struct sync_command *out)
{
	int got = 0;

	if (!s)
		return 0;
	pthread_mutex_lock(&s->lock);
	if (s->npending > 0 && s->ntaken < SYNC_COMMANDS_MAX) {
		*out = s->pending[0];
		memmove(s->pending, s->pending + 1, (size_t)(s->npending - 1) * sizeof(s->pending[0]));
		s->npending--;
		snprintf(s->taken[s->ntaken++], STORE_COMMAND_ID_MAX, "%s", out->id);
		s->took = true;     /* the worker records the take at once, not at the next heartbeat */
		pthread_cond_signal(&s->wake);
		got = 1;
	}
	pthread_mutex_unlock(&s->lock);
	if (got)
		log_info("sync: command %s taken", command_kinds[out->kind]);
	return got;
}

/* Records one element of the reply's commands (a new one is offered at the next refresh). */
static void command_record(struct sync *s, json_t *cmd, int64_t now)
{
	const char *id = json_string_value(json_object_get(cmd, "id"));
	const char *kind = json_string_value(json_object_get(cmd, "kind"));
	struct store_command c;
	int k, rc;

	if (!id || !command_id_ok(id)) {
		log_warn("sync: a command without a usable id was skipped");
		return;
	}
	memset(&c, 0, sizeof(c));
	snprintf(c.id, sizeof(c.id), "%s", id);
	snprintf(c.kind, sizeof(c.kind), "%.23s", kind ? kind : "");
	k = kind ? command_kind(kind) : -1;
	if (k == SYNC_CMD_LOCK)
		command_message(json_string_value(json_object_get(cmd, "message")), c.message,
				sizeof(c.message));
	rc = store_command_add(s->store, &c, k < 0, now);
	if (rc == 1 && k < 0)
		log_warn("sync: command of unknown kind acknowledged without running it");
	else if (rc == 1)
		log_info("sync: command %s received", command_kinds[k]);
	else if (rc < 0)
		log_error("sync: cannot record a command: %s", err_str(rc));
}

/* ---- heartbeat ------------------------------------------------------------------------- */

/* "last_error": {"reason", "at"} when an exchange failed since the last heartbeat that got
 * through; s->error_at remembers which one was sent. */
/* "health": what a fleet operator watches (firmware/health.h), and the clock's skew against
 * the server once a heartbeat reply told it; a figure that cannot be read is left out. */
static void add_health(struct sync *s, json_t *doc)
{
	struct health h;
	json_t *o = doc ? json_object() : NULL;

	if (!o)
		return;
	health_read(s->db_path, s->cert, &h);
	if (h.disk_free_mb >= 0)
		json_object_set_new(o, "disk_free_mb", json_integer(h.disk_free_mb));
	if (h.db_kb >= 0)
		json_object_set_new(o, "db_kb", json_integer(h.db_kb));
	if (h.cert_not_after)
		json_object_set_new(o, "cert_not_after", json_integer(h.cert_not_after));
	pthread_mutex_lock(&s->lock);
	if (s->skew_known)
		json_object_set_new(o, "clock_skew_s", json_integer(s->skew_s));
	pthread_mutex_unlock(&s->lock);
	json_object_set_new(doc, "health", o);
}

static void add_last_error(struct sync *s, json_t *doc)
{
	char why[256];
	int64_t at = 0;

	s->error_at = 0;
	if (!doc || !s->store || store_state_get(s->store, SYNC_ERROR_KEY, why, sizeof(why), &at))
		return;
	if (utf8_valid(why, strlen(why)) &&
	    json_object_set_new(doc, "last_error", json_pack("{s:s, s:I}", "reason", why, "at",
							      (json_int_t)at)) == 0)
		s->error_at = at;
}

/* The central system has heard of the failure (unless another one came meanwhile). */
static void forget_last_error(struct sync *s)
{
	char why[256];
	int64_t at = 0;

	if (s->error_at && store_state_get(s->store, SYNC_ERROR_KEY, why, sizeof(why), &at) == 0 &&
	    at == s->error_at)
		store_state_delete(s->store, SYNC_ERROR_KEY);
	s->error_at = 0;
}

int sync_heartbeat_body(struct sync *s, char **out)
{
	json_t *doc, *acks;
	int rc;

	*out = NULL;
	rc = ensure_store(s);
	if (!rc)
		rc = commands_refresh(s);
	if (!rc)
		rc = store_command_unacked(s->store, s->acks, SYNC_ACKS_MAX, &s->nacks);
	if (rc) {
		s->nacks = 0;
		log_warn("sync: heartbeat without acknowledgements: %s", err_str(rc));
	}
	acks = json_array();
	for (int i = 0; acks && i < s->nacks; i++)
		json_array_append_new(acks, json_string(s->acks[i]));
	pthread_mutex_lock(&s->lock);
	doc = json_pack("{s:s, s:s, s:I, s:s, s:i, s:I, s:o}", "kiosk", s->kiosk_id, "version",
			s->version, "uptime_s",
			(json_int_t)((clock_mono_ms(&s->clock) - s->started_mono_ms) / 1000),
			"printer", s->printer, "backlog", s->health.backlog,
			"time", (json_int_t)clock_now_s(&s->clock), "acks", acks);
	pthread_mutex_unlock(&s->lock);
	add_last_error(s, doc);
	add_health(s, doc);
	*out = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	return *out ? 0 : ERR_NOMEM;
}

/* {"time": int, "commands": [{"id", "kind", "message"?}, ...]} */
int sync_apply_heartbeat_reply(struct sync *s, const struct http_reply *reply, int64_t now,
			       char *reason, size_t len)
{
	json_t *doc, *t, *cmds, *c;
	size_t i;
	int rc;

	if (reply->status != 200)
		return status_error(reply, reason, len);
	doc = reply_object(reply, reason, len);
	if (!doc)
		return ERR_INVAL;
	t = json_object_get(doc, "time");
	cmds = json_object_get(doc, "commands");
	if (!json_is_integer(t) || !json_is_array(cmds)) {
		snprintf(reason, len, "malformed reply (heartbeat)");
		json_decref(doc);
		return ERR_INVAL;
	}
	pthread_mutex_lock(&s->lock);
	s->health.server_time_s = json_integer_value(t);
	s->skew_s = s->health.server_time_s - now;
	s->skew_known = true;
	pthread_mutex_unlock(&s->lock);
	rc = ensure_store(s);
	if (!rc && s->nacks > 0)
		rc = store_command_acked(s->store, s->acks, s->nacks, now);
	if (!rc) {
		s->nacks = 0;
		json_array_foreach(cmds, i, c) {
			if (i >= 2 * SYNC_COMMANDS_MAX)
				break;   /* the rest come again with the next heartbeat */
			if (json_is_object(c))
				command_record(s, c, now);
		}
		rc = commands_refresh(s);
	}
	if (rc)
		snprintf(reason, len, "cannot keep commands: %s", err_str(rc));
	json_decref(doc);
	return rc;
}

static int heartbeat(struct sync *s)
{
	struct http_reply reply;
	char *body = NULL;
	int rc = sync_heartbeat_body(s, &body);

	if (rc)
		return rc;
	rc = call(s, "POST", "heartbeat", body, NULL, &reply);
	free(body);
	if (!rc)
		rc = sync_apply_heartbeat_reply(s, &reply, clock_now_s(&s->clock), reply.reason,
						sizeof(reply.reason));
	if (rc) {
		note_fail(s, "heartbeat", rc, reply.reason);
	} else {
		note_ok(s);
		forget_last_error(s);
	}
	return rc;
}

/* ---- documents: the catalogue and the procedures ---------------------------------------
 * Both are INI text the central system serves at GET /api/v1/<resource> as
 * {"format":"ini","<member>":"..."} with an ETag. One path for both: asked for with the stored
 * ETag, checked by loading it, kept in the store, then offered to the UI thread, which takes
 * it between citizens. */

struct doc_type {
	const char *resource;   /* the path under /api/v1/ and the reply's member */
	const char *name;       /* in messages */
	/* 0 when text loads, with what it holds in said (for the log); err why not */
	int (*check)(const char *text, char *said, size_t said_len, char *err, size_t len);
	int (*put)(struct store *st, const char *text, const char *etag, int64_t now);
	int (*get)(struct store *st, char **text, char *etag, size_t etag_len, int64_t *at);
};

static int check_catalog(const char *text, char *said, size_t said_len, char *err, size_t len)
{
	struct catalog *cat = NULL;
	int rc = catalog_load_string(text, "central catalogue", &cat, err, len);

	snprintf(said, said_len, "new catalogue (%zu bytes)", strlen(text));
	catalog_free(cat);
	return rc;
}

static int check_procedures(const char *text, char *said, size_t said_len, char *err, size_t len)
{
	struct proc_set *set = NULL;
	int rc = proc_load_string(text, "central procedures", &set, err, len);

	snprintf(said, said_len, "%zu procedures", rc ? 0 : proc_count(set));
	proc_free(set);
	return rc;
}

static const struct doc_type DOCS[SYNC_DOCS] = {
	[DOC_CATALOG] = { "catalog", "catalogue", check_catalog, store_catalog_put,
			  store_catalog_get },
	[DOC_PROCEDURES] = { "procedures", "procedures", check_procedures,
			     store_procedures_put, store_procedures_get },
};

static void offer_doc(struct sync *s, int kind, char *text)
{
	pthread_mutex_lock(&s->lock);
	free(s->doc_offer[kind]);
	s->doc_offer[kind] = text;
	pthread_mutex_unlock(&s->lock);
}

static int take_doc(struct sync *s, int kind, char **text)
{
	if (!s)
		return 0;
	pthread_mutex_lock(&s->lock);
	*text = s->doc_offer[kind];
	s->doc_offer[kind] = NULL;
	pthread_mutex_unlock(&s->lock);
	return *text != NULL;
}

static int apply_doc_reply(struct sync *s, int kind, const struct http_reply *reply, int64_t now,
			   char *reason, size_t len)
{
	const struct doc_type *t = &DOCS[kind];
	json_t *doc;
	const char *text, *format;
	char err[256], said[64], *copy;
	int rc;

	if (reply->status == 304)
		return 0;
	if (reply->status != 200)
		return status_error(reply, reason, len);
	doc = reply_object(reply, reason, len);
	if (!doc)
		return ERR_INVAL;
	format = json_string_value(json_object_get(doc, "format"));
	text = json_string_value(json_object_get(doc, t->resource));
	rc = ERR_INVAL;
	if (!format || strcmp(format, "ini") != 0 || !text) {
		snprintf(reason, len, "malformed reply (%s)", t->name);
	} else if (t->check(text, said, sizeof(said), err, sizeof(err)) != 0) {
		snprintf(reason, len, "%s refused: %.100s", t->name, err);
	} else if ((rc = ensure_store(s)) != 0 ||
		   (rc = t->put(s->store, text, reply->etag, now)) != 0) {
		snprintf(reason, len, "cannot store the %s: %s", t->name, err_str(rc));
	} else if (!(copy = strdup(text))) {
		rc = ERR_NOMEM;
	} else {
		snprintf(s->doc_etag[kind], sizeof(s->doc_etag[kind]), "%s", reply->etag);
		offer_doc(s, kind, copy);
		log_info("sync: %s from the central system", said);
	}
	json_decref(doc);
	return rc;
}

static int poll_doc(struct sync *s, int kind)
{
	struct http_reply reply;
	const char *etag = s->doc_etag[kind];
	int rc = call(s, "GET", DOCS[kind].resource, NULL, etag[0] ? etag : NULL, &reply);

	if (!rc)
		rc = apply_doc_reply(s, kind, &reply, clock_now_s(&s->clock), reply.reason,
				     sizeof(reply.reason));
	if (rc)
		note_fail(s, DOCS[kind].resource, rc, reply.reason);
	else
		note_ok(s);
	return rc;
}

/* At the first open the stored documents are offered, and their ETags asked with. */
static void restore_docs(struct sync *s)
{
	for (int k = 0; k < SYNC_DOCS; k++) {
		char *text = NULL;
		int64_t at;
		int rc = DOCS[k].get(s->store, &text, s->doc_etag[k], sizeof(s->doc_etag[k]), &at);

		if (!rc)
			offer_doc(s, k, text);
		else if (rc != ERR_NOTFOUND)
			log_warn("sync: stored %s unreadable: %s", DOCS[k].name, err_str(rc));
	}
}

int sync_take_catalog(struct sync *s, char **text)
{
	return take_doc(s, DOC_CATALOG, text);
}

int sync_take_procedures(struct sync *s, char **text)
{
	return take_doc(s, DOC_PROCEDURES, text);
}

void sync_catalog_etag(struct sync *s, char *out, size_t len)
{
	snprintf(out, len, "%s", s->doc_etag[DOC_CATALOG]);
}

void sync_procedures_etag(struct sync *s, char *out, size_t len)
{
	snprintf(out, len, "%s", s->doc_etag[DOC_PROCEDURES]);
}

int sync_apply_catalog_reply(struct sync *s, const struct http_reply *reply, int64_t now,
			     char *reason, size_t len)
{
	return apply_doc_reply(s, DOC_CATALOG, reply, now, reason, len);
}

int sync_apply_procedures_reply(struct sync *s, const struct http_reply *reply, int64_t now,
				char *reason, size_t len)
{
	return apply_doc_reply(s, DOC_PROCEDURES, reply, now, reason, len);
}

static int poll_queue(struct sync *s)
{
	struct http_reply reply;
	int rc = call(s, "GET", "queue", NULL, NULL, &reply);

	if (!rc)
		rc = sync_apply_queue_reply(s->store, &reply, clock_now_s(&s->clock), reply.reason,
					    sizeof(reply.reason));
	if (rc)
		note_fail(s, "queue", rc, reply.reason);
	else
		note_ok(s);
	return rc;
}

/* ---- context ---------------------------------------------------------------------------- */

static int copy_text(char *dst, size_t len, const char *src, bool required)
{
	if (!src)
		src = "";
	if ((required && !*src) || strlen(src) >= len)
		return ERR_CONFIG;
	memcpy(dst, src, strlen(src) + 1);
	return 0;
}

static int copy_config(struct sync *s, const struct sync_config *c)
{
	int rc = copy_text(s->url, sizeof(s->url), c->url, true);

	if (!rc)
		rc = copy_text(s->ca, sizeof(s->ca), c->ca, true);
	if (!rc)
		rc = copy_text(s->cert, sizeof(s->cert), c->cert, true);
	if (!rc)
		rc = copy_text(s->key, sizeof(s->key), c->key, true);
	if (!rc)
		rc = copy_text(s->kiosk_id, sizeof(s->kiosk_id), c->kiosk_id, true);
	if (!rc)
		rc = copy_text(s->version, sizeof(s->version), c->version ? c->version : "unknown",
			       true);
	if (!rc && (c->batch < 1 || c->batch > SYNC_BATCH_MAX || c->heartbeat_s < 1 ||
		    c->queue_s < 1 || c->timeout_ms < 0))
		rc = ERR_CONFIG;
	s->batch = c->batch;
	s->heartbeat_s = c->heartbeat_s;
	s->queue_s = c->queue_s;
	s->timeout_ms = c->timeout_ms;
	s->catalog_s = c->catalog_s > 0 ? c->catalog_s : SYNC_CATALOG_S;
	return rc;
}

static int init_sync(struct sync *s, const struct sync_config *cfg, const char *db_path)
{
	struct http_tls tls;
	int rc = copy_config(s, cfg);

	if (!rc)
		rc = copy_text(s->db_path, sizeof(s->db_path), db_path, true);
	if (rc)
		return rc;
	while (strlen(s->url) > 0 && s->url[strlen(s->url) - 1] == '/')
		s->url[strlen(s->url) - 1] = '\0';
	clock_init_real(&s->clock);
	s->started_mono_ms = clock_mono_ms(&s->clock);
	if (getrandom(&s->rng, sizeof(s->rng), 0) != sizeof(s->rng) || !s->rng)
		s->rng = (uint32_t)s->started_mono_ms | 1u;
	snprintf(s->printer, sizeof(s->printer), "unknown");
	s->retry_after_s = -1;
	pthread_mutex_init(&s->lock, NULL);
	if (clock_cond_init(&s->wake) != 0)
		return ERR_NOMEM;
	s->rows = calloc(SYNC_BATCH_MAX, sizeof(*s->rows));
	if (!s->rows)
		return ERR_NOMEM;
	tls = (struct http_tls){ .ca = s->ca, .cert = s->cert, .key = s->key };
	rc = http_new(&tls, s->timeout_ms, &s->http);
	if (!rc)
		http_set_cancel(s->http, &s->stop);
	return rc;
}

int sync_open(const struct sync_config *cfg, const char *db_path, struct sync **out)
{
	struct sync *s = calloc(1, sizeof(*s));
	int rc;

	*out = NULL;
	if (!s)
		return ERR_NOMEM;
	atomic_init(&s->stop, 0);
	rc = init_sync(s, cfg, db_path);
	if (rc) {
		log_error("sync: cannot start: %s", err_str(rc));
		http_free(s->http);
		free(s->rows);
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

/* At the first open: the stored documents are offered (and their ETags asked with), and the
 * commands received but never taken before a restart are offered again. */
static void restore_state(struct sync *s)
{
	int rc;

	restore_docs(s);
	rc = commands_refresh(s);
	if (rc)
		log_warn("sync: stored commands unreadable: %s", err_str(rc));
}

static int ensure_store(struct sync *s)
{
	int rc;

	if (s->store)
		return 0;
	rc = store_open(s->db_path, &s->store);
	if (rc) {
		note_fail(s, "store", rc, "");
		return rc;
	}
	note_backlog(s);
	restore_state(s);
	return 0;
}

int sync_run_once(struct sync *s)
{
	int rc, r2, r3, r4, r5;

	if (s->started)
		return ERR_STATE;
	rc = ensure_store(s);
	if (rc)
		return rc;
	rc = drain(s);
	r2 = heartbeat(s);
	r3 = poll_queue(s);
	r4 = poll_doc(s, DOC_CATALOG);
	r5 = poll_doc(s, DOC_PROCEDURES);
	return rc ? rc : r2 ? r2 : r3 ? r3 : r4 ? r4 : r5;
}

/* ---- the worker ------------------------------------------------------------------------- */

static uint32_t next_random(struct sync *s)
{
	uint32_t x = s->rng;   /* xorshift32: jitter only, nothing secret */

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return s->rng = x;
}

/* period_s ± 20 %. */
static int64_t jittered_ms(struct sync *s, int period_s)
{
	int64_t base = (int64_t)period_s * 1000, j = base / 5;

	return base - j + (int64_t)(next_random(s) % (uint32_t)(2 * j + 1));
}

/* After an attempt: success waits `ok_ms`; a failure waits the larger of the backoff,
 * Retry-After and min_fail_ms (periodic calls never go faster for failing). */
static void reschedule(struct sync *s, struct schedule *sc, int rc, int64_t now, int64_t ok_ms,
		       int64_t min_fail_ms)
{
	int64_t wait;

	if (!rc) {
		sc->failures = 0;
		sc->next_ms = now + ok_ms;
		return;
	}
	if (sc->failures < 1000)
		sc->failures++;
	wait = sync_backoff_ms(sc->failures, next_random(s));
	if (s->retry_after_s >= 0 && wait < s->retry_after_s * 1000LL)
		wait = s->retry_after_s * 1000LL;
	sc->next_ms = now + (wait > min_fail_ms ? wait : min_fail_ms);
}

static void run_due(struct sync *s, int64_t now)
{
	int rc;

	if (now >= s->events.next_ms) {
		s->retry_after_s = -1;
		rc = drain(s);
		reschedule(s, &s->events, rc, clock_mono_ms(&s->clock), IDLE_POLL_MS, 0);
	}
	if (now >= s->heartbeat.next_ms && !atomic_load(&s->stop)) {
		s->retry_after_s = -1;
		rc = heartbeat(s);
		reschedule(s, &s->heartbeat, rc, clock_mono_ms(&s->clock),
			   jittered_ms(s, s->heartbeat_s), jittered_ms(s, s->heartbeat_s));
	}
	if (now >= s->queue.next_ms && !atomic_load(&s->stop)) {
		s->retry_after_s = -1;
		rc = poll_queue(s);
		reschedule(s, &s->queue, rc, clock_mono_ms(&s->clock), jittered_ms(s, s->queue_s),
			   jittered_ms(s, s->queue_s));
	}
	if (now >= s->catalog.next_ms && !atomic_load(&s->stop)) {
		s->retry_after_s = -1;
		rc = poll_doc(s, DOC_CATALOG);
		reschedule(s, &s->catalog, rc, clock_mono_ms(&s->clock),
			   jittered_ms(s, s->catalog_s), jittered_ms(s, s->heartbeat_s));
	}
	if (now >= s->procedures.next_ms && !atomic_load(&s->stop)) {
		s->retry_after_s = -1;
		rc = poll_doc(s, DOC_PROCEDURES);
		reschedule(s, &s->procedures, rc, clock_mono_ms(&s->clock),
			   jittered_ms(s, s->catalog_s), jittered_ms(s, s->heartbeat_s));
	}
}

static int64_t min5(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e)
{
	int64_t m = a < b ? a : b;

	m = m < c ? m : c;
	m = m < d ? m : d;
	return m < e ? m : e;
}

/* Sleeps until `until` (monotonic ms), a kick or stop. A kick only pulls the drain forward
 * while it is not backing off. */
static void wait_until(struct sync *s, int64_t until)
{
	struct timespec ts = { .tv_sec = (time_t)(until / 1000),
			       .tv_nsec = (long)(until % 1000) * 1000000L };

	pthread_mutex_lock(&s->lock);
	while (!s->kicked && !s->took && !atomic_load(&s->stop) &&
	       pthread_cond_timedwait(&s->wake, &s->lock, &ts) == 0)
		;
	if (s->kicked && s->events.failures == 0)
		s->events.next_ms = 0;
	s->kicked = false;
	pthread_mutex_unlock(&s->lock);
}

/* A command the UI took is written to the store promptly, so that a restart cannot give it
 * out again (it is acknowledged at the next heartbeat). */
static void record_takes(struct sync *s)
{
	bool took;

	pthread_mutex_lock(&s->lock);
	took = s->took;
	s->took = false;
	pthread_mutex_unlock(&s->lock);
	if (took && s->store && commands_refresh(s) != 0)
		log_warn("sync: a taken command is not recorded yet");
}

static void *worker(void *arg)
{
	struct sync *s = arg;
	int64_t now;

	while (!atomic_load(&s->stop)) {
		now = clock_mono_ms(&s->clock);
		if (ensure_store(s) != 0) {
			wait_until(s, now + STORE_RETRY_MS);
			continue;
		}
		run_due(s, now);
		record_takes(s);
		wait_until(s, min5(s->events.next_ms, s->heartbeat.next_ms, s->queue.next_ms,
				   s->catalog.next_ms, s->procedures.next_ms));
	}
	return NULL;
}

int sync_start(const struct sync_config *cfg, const char *db_path, struct sync **out)
{
	int rc = sync_open(cfg, db_path, out);

	if (rc)
		return rc;
	if (pthread_create(&(*out)->thread, NULL, worker, *out) != 0) {
		sync_stop(*out);
		*out = NULL;
		return ERR_NOMEM;
	}
	(*out)->started = true;
	log_info("sync: worker started for %s", (*out)->url);
	return 0;
}

void sync_stop(struct sync *s)
{
	if (!s)
		return;
	if (s->started) {
		pthread_mutex_lock(&s->lock);
		atomic_store(&s->stop, 1);
		pthread_cond_signal(&s->wake);
		pthread_mutex_unlock(&s->lock);
		pthread_join(s->thread, NULL);
	}
	if (s->store)
		commands_refresh(s);   /* record what the UI took before the handle goes */
	http_free(s->http);
	store_close(s->store);
	for (int k = 0; k < SYNC_DOCS; k++)
		free(s->doc_offer[k]);
	free(s->rows);
	pthread_cond_destroy(&s->wake);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

void sync_config_from(const struct config *c, const char *version, struct sync_config *out)
{
	memset(out, 0, sizeof(*out));
	out->url = c->sync.url;
	out->ca = c->sync.ca;
	out->cert = c->sync.cert;
	out->key = c->sync.key;
	out->kiosk_id = c->kiosk_id;
	out->version = version;
	out->batch = c->sync.batch;
	out->heartbeat_s = c->sync.heartbeat_s;
	out->queue_s = c->sync.queue_s;
	out->timeout_ms = c->sync.timeout_ms;
}
