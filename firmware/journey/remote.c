/* remote: remote commands and the central catalogue, acted on between citizens (remote.h).
 * Start at remote_poll. */
#include "remote.h"

#include "journey_internal.h"
#include "prints.h"

#include "firmware/err.h"
#include "firmware/events.h"
#include "firmware/log.h"
#include "firmware/proc.h"
#include "firmware/queue.h"
#include "firmware/store.h"
#include "firmware/store_sync.h"
#include "firmware/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOCK_KEY "lock"
/* Three failed exchanges in a row, over at least ten seconds of the kiosk's clock, before the
 * staff strip says so: one lost request is not an outage. */
#define LINK_DOWN_FAILURES 3
#define LINK_DOWN_MS 10000

struct remote {
	struct journey_ctx *cx;
	struct prints *prints;
	bool locked;
	char lock_message[256];
	bool reload_wanted;
	bool link_down;               /* the central system has not answered for a while */
	int64_t link_failing_ms;      /* since when exchanges fail, 0: they do not */
	struct queue_ticket reprint;  /* the ticket a copy of which is printing */
	const struct catalog *local_cat;  /* the unit's own */
	struct catalog *central_cat;      /* owned: in use when the central system sent one */
	struct proc_set *central_procs;   /* likewise */
};

int remote_new(struct journey_ctx *cx, struct prints *p, struct remote **out)
{
	struct remote *r = calloc(1, sizeof(*r));

	if (!r)
		return ERR_NOMEM;
	r->cx = cx;
	r->prints = p;
	r->local_cat = cx->cat;
	if (cx->d.store && store_state_get(cx->d.store, LOCK_KEY, r->lock_message,
					   sizeof(r->lock_message), NULL) == 0) {
		r->locked = true;
		log_info("remote: locked by the central system before the restart");
	}
	*out = r;
	return 0;
}

void remote_free(struct remote *r)
{
	if (!r)
		return;
	catalog_free(r->central_cat);
	proc_free(r->central_procs);
	free(r);
}

static void report_lock(struct remote *r)
{
	char body[STORE_OUTBOX_BODY_MAX];

	journey_event(r->cx, "remote", "kiosk.lock",
		      events_lock(r->locked, r->lock_message, body, sizeof(body)), body);
}

static void lock(struct remote *r, const char *message)
{
	struct store *st = r->cx->d.store;
	int rc = st ? store_state_put(st, LOCK_KEY, message, journey_now_s(r->cx)) : 0;

	if (rc)
		log_error("remote: the lock is not kept across a restart: %s", err_str(rc));
	snprintf(r->lock_message, sizeof(r->lock_message), "%s", message);
	r->locked = true;
	log_info("remote: locked");
	report_lock(r);
	journey_show(r->cx, SHOW_LOCKED);
}

void remote_unlock(struct remote *r)
{
	int rc = r->cx->d.store ? store_state_delete(r->cx->d.store, LOCK_KEY) : 0;

	if (rc)
		log_error("remote: unlock not kept: %s", err_str(rc));
	r->locked = false;
	r->lock_message[0] = '\0';
	log_info("remote: unlocked");
	report_lock(r);
	journey_show(r->cx, SHOW_UNLOCKED);
}

/* ticket.reprinted; t NULL when no ticket was found. */
static void report_reprint(struct remote *r, const struct queue_ticket *t, bool ok,
			   const char *why)
{
	char body[256];

	journey_event(r->cx, "remote", "ticket.reprinted",
		      events_reprinted(t ? t->prefix : NULL, t ? t->day : 0, t ? t->seq : 0, ok,
				       why, body, sizeof(body)), body);
}

static void reprint_failed(struct remote *r, const struct queue_ticket *t, const char *why)
{
	log_warn("remote: reprint not done: %s", why);
	report_reprint(r, t, false, why);
}

/* The last ticket printed today, again, marked as a copy (a job of its own kind). */
static void reprint(struct remote *r)
{
	struct queue_ticket t;
	int rc = queue_last_printed(r->cx->d.queue, journey_now_s(r->cx), &t);

	if (rc) {
		reprint_failed(r, NULL, rc == ERR_NOTFOUND ? "no ticket printed today" : err_str(rc));
		return;
	}
	rc = prints_copy(r->prints, &t);
	if (rc) {
		reprint_failed(r, &t, err_str(rc));
		return;
	}
	r->reprint = t;
	log_info("remote: reprinting %s", t.number);
}

void remote_on_copy(struct remote *r, const struct printq_result *res)
{
	if (res->rc) {
		reprint_failed(r, &r->reprint, err_str(res->rc));
		return;
	}
	log_info("remote: reprinted %s", r->reprint.number);
	report_reprint(r, &r->reprint, true, "");
}

static void run_command(struct remote *r, const struct sync_command *c)
{
	log_info("remote: command %s", c->id);
	switch (c->kind) {
	case SYNC_CMD_LOCK:
		lock(r, c->message);
		break;
	case SYNC_CMD_UNLOCK:
		remote_unlock(r);
		break;
	case SYNC_CMD_REPRINT_LAST:
		reprint(r);
		break;
	case SYNC_CMD_RELOAD_CONFIG:
		r->reload_wanted = true;
		break;
	}
}

/* The catalogue in use becomes the central system's. Nothing points into the old one
 * between citizens (lists are rebuilt when their screens are entered). */
static void take_catalog(struct remote *r)
{
	struct catalog *c = NULL;
	char *text = NULL, err[256];
	int rc;

	if (!sync_take_catalog(r->cx->d.sync, &text))
		return;
	rc = catalog_load_string(text, "central catalogue", &c, err, sizeof(err));
	free(text);
	if (rc) {
		log_error("remote: central catalogue refused: %s", err);
		return;
	}
	catalog_adopt_photos(c, r->local_cat);
	queue_set_catalog(r->cx->d.queue, c);
	r->cx->cat = c;
	catalog_free(r->central_cat);
	r->central_cat = c;
	r->cx->procs_gen++;
	log_info("remote: catalogue from the central system in use (%zu services)",
		 catalog_service_count(c));
	journey_show(r->cx, SHOW_HOURS);
}

/* The procedures in use become the central system's, between citizens like the catalogue. */
static void take_procedures(struct remote *r)
{
	struct proc_set *s = NULL;
	char *text = NULL, err[256];
	int rc;

	if (!sync_take_procedures(r->cx->d.sync, &text))
		return;
	rc = proc_load_string(text, "central procedures", &s, err, sizeof(err));
	free(text);
	if (rc) {
		log_error("remote: central procedures refused: %s", err);
		return;
	}
	r->cx->procs = s;
	r->cx->procs_gen++;
	proc_free(r->central_procs);
	r->central_procs = s;
	log_info("remote: procedures from the central system in use (%zu)", proc_count(s));
}

static void watch_link(struct remote *r)
{
	struct sync_health h;
	int64_t now = journey_mono_ms(r->cx);
	bool down;

	sync_status(r->cx->d.sync, &h);
	if (h.failures == 0)
		r->link_failing_ms = 0;
	else if (!r->link_failing_ms)
		r->link_failing_ms = now;
	down = h.failures >= LINK_DOWN_FAILURES && now - r->link_failing_ms >= LINK_DOWN_MS;
	if (r->link_down != down)
		log_info("remote: link to the central system %s", down ? "down" : "back");
	r->link_down = down;
}

void remote_poll(struct remote *r, bool between_citizens)
{
	struct sync_command c;

	if (!r->cx->d.sync)
		return;
	watch_link(r);
	if (!between_citizens)
		return;
	take_catalog(r);
	take_procedures(r);
	/* one command per poll, and none while a copy prints or a reload is pending: each runs
	 * on the state the one before left */
	if (prints_printing(r->prints, PRINT_COPY) || r->reload_wanted)
		return;
	if (sync_take_command(r->cx->d.sync, &c))
		run_command(r, &c);
}

bool remote_locked(const struct remote *r)
{
	return r->locked;
}

const char *remote_lock_message(const struct remote *r)
{
	return r->lock_message;
}

bool remote_link_down(const struct remote *r)
{
	return r->link_down;
}

bool remote_health(const struct remote *r, struct sync_health *h)
{
	if (!r->cx->d.sync)
		return false;
	sync_status(r->cx->d.sync, h);
	return true;
}

bool remote_central_catalog(const struct remote *r)
{
	return r->central_cat != NULL;
}

bool remote_reload_wanted(const struct remote *r)
{
	return r->reload_wanted && !prints_printing(r->prints, PRINT_COPY);
}

void remote_reload_done(struct remote *r, bool ok, const char *reason)
{
	char body[STORE_OUTBOX_BODY_MAX];

	r->reload_wanted = false;
	if (ok)
		log_info("remote: configuration reloaded; restarting on it");
	else
		log_error("remote: new configuration refused, the running one stays: %s", reason);
	journey_event(r->cx, "remote", "kiosk.reload",
		      events_reload(ok, ok ? "" : reason, body, sizeof(body)), body);
}
