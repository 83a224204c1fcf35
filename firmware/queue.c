/* queue: numbering rules on top of the store. Start at queue_issue. */
#include "queue.h"

#include "clock.h"
#include "err.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How long a "last called" figure from the central system stays believable. */
#define QUEUE_CALLED_MAX_AGE_S (10 * 60)

struct queue {
	struct store *st;
	const struct catalog *cat;
	char kiosk_id[32];
};

int queue_new(struct store *st, const struct catalog *cat, const char *kiosk_id, struct queue **out)
{
	struct queue *q = calloc(1, sizeof(*q));

	if (!q)
		return ERR_NOMEM;
	q->st = st;
	q->cat = cat;
	snprintf(q->kiosk_id, sizeof(q->kiosk_id), "%s", kiosk_id);
	*out = q;
	return 0;
}

void queue_free(struct queue *q)
{
	free(q);
}

int queue_service_day(struct queue *q, int64_t now, int *ymd)
{
	struct clock_local l;
	int last = 0, rc;

	clock_to_local(now, &l);
	*ymd = l.ymd;
	rc = store_last_day(q->st, &last);
	if (rc)
		return rc;
	if (last > l.ymd && clock_day_start(last) - now <= 86400) {
		log_warn("queue: clock is behind the last service day %d; keeping that day", last);
		*ymd = last;
	}
	return 0;
}

int queue_availability(struct queue *q, const struct catalog_service *s, int64_t now,
		       struct queue_avail_info *out)
{
	int day, rc = queue_service_day(q, now, &day);

	memset(out, 0, sizeof(*out));
	out->next_open = -1;
	out->cap = s->daily_cap;
	if (!rc)
		rc = store_count_active(q->st, s->prefix, day, &out->issued);
	if (rc)
		return rc;
	if (!catalog_is_open(q->cat, s, now)) {
		out->avail = QUEUE_CLOSED;
		out->next_open = catalog_next_open(q->cat, s, now);
	} else if (s->daily_cap > 0 && out->issued >= s->daily_cap) {
		out->avail = QUEUE_FULL;
		out->next_open = catalog_next_open(q->cat, s, clock_day_start(day) + 86400 - 1);
	}
	return 0;
}

bool queue_all_closed(struct queue *q, int64_t now, int64_t *next_open)
{
	bool closed = true;

	*next_open = -1;
	for (size_t i = 0; i < catalog_service_count(q->cat); i++) {
		const struct catalog_service *s = catalog_service_at(q->cat, i);
		int64_t t;

		if (catalog_is_open(q->cat, s, now)) {
			closed = false;
			continue;
		}
		t = catalog_next_open(q->cat, s, now);
		if (t >= 0 && (*next_open < 0 || t < *next_open))
			*next_open = t;
	}
	return closed;
}

void queue_format_number(const char *prefix, int seq, char *out, unsigned len)
{
	snprintf(out, len, "%s-%03d", prefix, seq);
}


/* Counted in the order of issue, which is the order of numbers in local numbering; with
 * central numbering a fallback number (from the reserved range, higher) may come before
 * central ones. A called number this kiosk does not hold: by numbers, as before. */
static int people_ahead(struct queue *q, struct queue_ticket *t, int64_t now)
{
	int called = 0;
	int rc = store_last_called(q->st, t->prefix, t->day, now, QUEUE_CALLED_MAX_AGE_S, &called);

	t->ahead_known = rc == 0;
	if (rc && rc != ERR_NOTFOUND)
		return rc;
	if (!t->ahead_known)
		called = 0;
	rc = store_count_ahead(q->st, t->prefix, t->day, called, t->id, &t->ahead);
	if (rc != ERR_NOTFOUND)
		return rc;
	return store_count_between(q->st, t->prefix, t->day, called, t->seq, &t->ahead);
}

static void fill_ticket(struct queue *q, const struct store_ticket *st, struct queue_ticket *t)
{
	memset(t, 0, sizeof(*t));
	t->id = st->id;
	snprintf(t->prefix, sizeof(t->prefix), "%s", st->service);
	t->day = st->day;
	t->seq = st->seq;
	t->priority = st->priority;
	t->status = st->status;
	t->issued_at = st->issued_at;
	t->numbering = st->numbering;
	queue_format_number(t->prefix, t->seq, t->number, sizeof(t->number));
	snprintf(t->ticket_id, sizeof(t->ticket_id), "%s-%d-%s%03d", q->kiosk_id, t->day, t->prefix,
		 t->seq);
}

/* The citizen's choice as queue_issue judges it: ERR_NOTFOUND, ERR_INVAL or ERR_CLOSED. */
static int check_choice(struct queue *q, const char *prefix, int priority, int64_t now,
			const struct catalog_service **out)
{
	const struct catalog_service *s = catalog_service_find(q->cat, prefix);

	if (!s)
		return ERR_NOTFOUND;
	if (priority < 0 || priority >= 4 || (priority && !s->priority))
		return ERR_INVAL;
	if (!catalog_is_open(q->cat, s, now))
		return ERR_CLOSED;
	*out = s;
	return 0;
}

/* Numbers req in the store under the service's cap (*replayed: the request's old ticket). */
static int issue(struct queue *q, const struct catalog_service *s, struct store_issue *req,
		 int64_t now, struct queue_ticket *out, bool *replayed)
{
	struct store_ticket st;
	int rc;

	req->cap = s->daily_cap;
	rc = store_ticket_issue(q->st, req, &st, replayed);
	if (rc)
		return rc;
	fill_ticket(q, &st, out);
	return people_ahead(q, out, now);
}

int queue_issue(struct queue *q, const char *prefix, int priority, const char *request_id,
		int64_t now, struct queue_ticket *out, bool *replayed)
{
	const struct catalog_service *s = NULL;
	struct store_issue req = { .service = prefix, .priority = priority, .now = now,
				   .request_id = request_id };
	int rc = check_choice(q, prefix, priority, now, &s);

	*replayed = false;
	if (rc)
		return rc;
	rc = queue_service_day(q, now, &req.day);
	if (rc)
		return rc;
	return issue(q, s, &req, now, out, replayed);
}

int queue_last_printed(struct queue *q, int64_t now, struct queue_ticket *out)
{
	struct store_ticket st;
	int day, rc = queue_service_day(q, now, &day);

	if (!rc)
		rc = store_ticket_last_printed(q->st, day, &st);
	if (rc)
		return rc;
	fill_ticket(q, &st, out);
	return people_ahead(q, out, now);
}

void queue_set_catalog(struct queue *q, const struct catalog *cat)
{
	q->cat = cat;
}

static int replay_of(struct queue *q, const char *request_id, int64_t now, struct queue_ticket *out)
{
	struct store_ticket st;
	int rc = store_ticket_by_request(q->st, request_id, &st);

	if (rc)
		return rc;
	fill_ticket(q, &st, out);
	return people_ahead(q, out, now);
}

int queue_check(struct queue *q, const char *prefix, int priority, const char *request_id,
		int64_t now, struct queue_ticket *out, int *day, bool *replayed)
{
	const struct catalog_service *s = NULL;
	int rc = replay_of(q, request_id, now, out), active = 0;

	*replayed = rc == 0;
	if (rc != ERR_NOTFOUND)
		return rc;
	rc = check_choice(q, prefix, priority, now, &s);
	if (!rc)
		rc = queue_service_day(q, now, day);
	if (!rc)
		rc = store_count_active(q->st, prefix, *day, &active);
	if (!rc && s->daily_cap > 0 && active >= s->daily_cap)
		rc = ERR_CAP;
	return rc;
}

int queue_issue_numbered(struct queue *q, const struct queue_numbered *n, int64_t now,
			 struct queue_ticket *out, bool *replayed)
{
	const struct catalog_service *s = catalog_service_find(q->cat, n->prefix);
	struct store_issue req = {
		.service = n->prefix, .day = n->day, .priority = n->priority, .now = now,
		.request_id = n->request_id, .seq = n->central_seq,
		.numbering = n->central_seq > 0 ? STORE_NUM_CENTRAL : STORE_NUM_FALLBACK,
		.range_from = n->range_from, .range_to = n->range_to,
	};

	*replayed = false;
	if (!s)
		return ERR_NOTFOUND;
	return issue(q, s, &req, now, out, replayed);
}

int queue_finish(struct queue *q, int64_t id, int status, const char *reason, int64_t now)
{
	return store_ticket_finish(q->st, id, status, reason, now);
}

int queue_recover(struct queue *q, int64_t now, int *voided)
{
	int printed = 0;
	int rc = store_recover_pending(q->st, now, voided, &printed);

	if (!rc && *voided)
		log_warn("queue: voided %d ticket(s) whose print was interrupted", *voided);
	if (!rc && printed)
		log_warn("queue: recorded %d ticket(s) printed before the database took their record",
			 printed);
	return rc;
}
