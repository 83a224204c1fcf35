/* journeys: the journeys together, the workers' inbox and the routing (journeys.h). Start
 * at journeys_drain and journeys_scan. */
#include "journeys.h"

#include "journey_internal.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define INBOX(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define PRINT_INBOX 8

struct journeys {
	struct journey_ctx cx;
	struct prints *prints;
	struct take *take;
	struct enquiry *enquiry;
	struct rate *rate;
	struct remote *remote;
	struct staff *staff;
	struct help *help;
	struct consult *consult;
	struct assist *assist;
	enum journey_kind on;           /* whose screens the citizen is on */

	/* posted by the workers, taken in on the UI thread */
	pthread_mutex_t lock;
	struct printq_result done[PRINT_INBOX];
	int ndone;
	struct numbers_answer numbered[4];
	int nnumbered;
	struct scan_result scanned[4];
	int nscanned;
	struct lookup_answer answers[4];
	int nanswers;
};

int journeys_new(const struct journey_deps *d, const struct catalog *cat,
		 struct journeys **out)
{
	struct journeys *j = calloc(1, sizeof(*j));
	int rc;

	if (!j)
		return ERR_NOMEM;
	j->cx.d = *d;
	j->cx.cat = cat;
	j->cx.post_lookup = journeys_post_lookup;
	j->cx.post_user = j;
	pthread_mutex_init(&j->lock, NULL);
	rc = prints_new(&j->cx, &j->prints);
	if (!rc)
		rc = take_new(&j->cx, j->prints, &j->take);
	if (!rc)
		rc = enquiry_new(&j->cx, &j->enquiry);
	if (!rc)
		rc = rate_new(&j->cx, &j->rate);
	if (!rc)
		rc = remote_new(&j->cx, j->prints, &j->remote);
	if (!rc)
		rc = staff_new(&j->cx, j->prints, j->remote, &j->staff);
	if (!rc)
		rc = help_new(&j->cx, &j->help);
	if (!rc)
		rc = consult_new(&j->cx, j->prints, j->take, &j->consult);
	if (!rc)
		rc = assist_new(&j->cx, &j->assist);
	if (rc) {
		journeys_free(j);
		return rc;
	}
	*out = j;
	return 0;
}

void journeys_free(struct journeys *j)
{
	if (!j)
		return;
	assist_free(j->assist);
	help_free(j->help);
	consult_free(j->consult);
	staff_free(j->staff);
	remote_free(j->remote);
	rate_free(j->rate);
	enquiry_free(j->enquiry);
	take_free(j->take);
	prints_free(j->prints);
	pthread_mutex_destroy(&j->lock);
	memset(j->scanned, 0, sizeof(j->scanned));   /* a code may name a dossier */
	free(j);
}

void journeys_set_workers(struct journeys *j, struct lookup *l, struct numbers *n)
{
	j->cx.d.lookup = l;
	j->cx.d.numbers = n;
}

void journeys_set_renderer(struct journeys *j, ticket_render_fn fn, void *user)
{
	prints_set_renderer(j->prints, fn, user);
}

void journeys_set_checklist_renderer(struct journeys *j, checklist_render_fn fn, void *user)
{
	prints_set_checklist_renderer(j->prints, fn, user);
}

struct take *journeys_take(struct journeys *j) { return j->take; }
struct enquiry *journeys_enquiry(struct journeys *j) { return j->enquiry; }
struct rate *journeys_rate(struct journeys *j) { return j->rate; }
struct remote *journeys_remote(struct journeys *j) { return j->remote; }
struct staff *journeys_staff(struct journeys *j) { return j->staff; }
struct help *journeys_help(struct journeys *j) { return j->help; }
struct assist *journeys_assist(struct journeys *j) { return j->assist; }
struct prints *journeys_prints(struct journeys *j) { return j->prints; }
struct consult *journeys_consult(struct journeys *j) { return j->consult; }

void journeys_set_procs(struct journeys *j, const struct proc_set *procs)
{
	j->cx.procs = procs;
	j->cx.procs_gen++;
}

const struct catalog *journeys_catalog(const struct journeys *j)
{
	return j->cx.cat;
}

/* What a journey held for the citizen goes when the citizen leaves it. */
void journeys_enter(struct journeys *j, enum journey_kind k)
{
	if (k == j->on)
		return;
	if (j->on == JOURNEY_ENQUIRY)
		enquiry_leave(j->enquiry);
	else if (j->on == JOURNEY_RATE)
		rate_leave(j->rate);
	else if (j->on == JOURNEY_STAFF)
		staff_pin_clear(j->staff);
	else if (j->on == JOURNEY_CONSULT)
		consult_leave(j->consult);
	j->on = k;
}

bool journeys_busy(const struct journeys *j)
{
	return take_busy(j->take);
}

bool journeys_between_citizens(const struct journeys *j)
{
	return j->on == JOURNEY_NONE && !journeys_busy(j);
}

/* ---- the inbox ---- */

void journeys_post_print(void *user, const struct printq_result *res)
{
	struct journeys *j = user;
	bool kept;

	pthread_mutex_lock(&j->lock);
	kept = j->ndone < INBOX(j->done);
	if (kept)
		j->done[j->ndone++] = *res;
	pthread_mutex_unlock(&j->lock);
	if (!kept)
		log_error("journeys: print result of job %lld dropped: the inbox is full",
			  (long long)res->job);
}

void journeys_post_scan(void *user, const struct scan_result *r)
{
	struct journeys *j = user;
	bool kept;

	pthread_mutex_lock(&j->lock);
	kept = j->nscanned < INBOX(j->scanned);
	if (kept)
		j->scanned[j->nscanned++] = *r;
	pthread_mutex_unlock(&j->lock);
	if (!kept)   /* never the payload: it may name a dossier or carry an ID number */
		log_warn("journeys: a scan (%s, %zu bytes) dropped: scans come faster than they "
			 "are read", r->symbology, r->len);
}

void journeys_post_lookup(void *user, const struct lookup_answer *ans)
{
	struct journeys *j = user;
	bool kept;

	pthread_mutex_lock(&j->lock);
	kept = j->nanswers < INBOX(j->answers);
	if (kept)
		j->answers[j->nanswers++] = *ans;
	pthread_mutex_unlock(&j->lock);
	if (!kept)
		log_error("journeys: lookup answer dropped: the inbox is full");
}

void journeys_post_number(void *user, const struct numbers_answer *ans)
{
	struct journeys *j = user;
	bool kept;

	pthread_mutex_lock(&j->lock);
	kept = j->nnumbered < INBOX(j->numbered);
	if (kept)
		j->numbered[j->nnumbered++] = *ans;
	pthread_mutex_unlock(&j->lock);
	if (!kept)
		log_error("journeys: number answer dropped: the inbox is full");
}

bool journeys_print_posted(struct journeys *j)
{
	bool posted;

	pthread_mutex_lock(&j->lock);
	posted = j->ndone > 0;
	pthread_mutex_unlock(&j->lock);
	return posted;
}

/* ---- routing ---- */

static void on_print(struct journeys *j, const struct printq_result *res)
{
	int64_t ticket_id;

	switch (prints_done(j->prints, res, &ticket_id)) {
	case PRINT_TICKET:
		take_on_print(j->take, ticket_id, res);
		break;
	case PRINT_COPY:
		remote_on_copy(j->remote, res);
		break;
	case PRINT_TEST:
		staff_on_test(j->staff, res);
		break;
	case PRINT_CHECKLIST:
		consult_on_print(j->consult, res);
		break;
	case PRINT_NONE:
		break;
	}
}

static void on_answer(struct journeys *j, const struct lookup_answer *ans)
{
	struct dossier_info d;
	enum lookup_state st;

	if (rate_on_lookup(j->rate, ans))
		return;
	if (enquiry_on_answer(j->enquiry, ans, &st, &d) == ENQUIRY_FOR_RATING)
		rate_dossier_answer(j->rate, st, &d);
	memset(&d, 0, sizeof(d));
}

int journeys_drain_prints(struct journeys *j)
{
	struct printq_result got[PRINT_INBOX];
	bool printing = take_phase(j->take) == TAKE_PRINTING;
	int n;

	pthread_mutex_lock(&j->lock);
	n = j->ndone;
	memcpy(got, j->done, sizeof(got[0]) * (size_t)n);
	j->ndone = 0;
	pthread_mutex_unlock(&j->lock);
	for (int i = 0; i < n; i++)
		on_print(j, &got[i]);
	return printing && take_phase(j->take) != TAKE_PRINTING ? JOURNEYS_PRINTED : 0;
}

/* One item of the inbox, without holding the lock while a journey reacts (a journey may ask
 * a worker something, which takes the worker's own lock). */
bool journeys_drain_one(struct journeys *j, int *what)
{
	struct numbers_answer num;
	struct scan_result scan;
	struct lookup_answer ans;
	int got = 0;

	pthread_mutex_lock(&j->lock);
	if (j->nnumbered > 0) {
		num = j->numbered[0];
		memmove(j->numbered, j->numbered + 1, sizeof(num) * (size_t)(--j->nnumbered));
		got = 1;
	} else if (j->nscanned > 0) {
		scan = j->scanned[0];
		memmove(j->scanned, j->scanned + 1, sizeof(scan) * (size_t)(--j->nscanned));
		got = 2;
	} else if (j->nanswers > 0) {
		ans = j->answers[0];
		memmove(j->answers, j->answers + 1, sizeof(ans) * (size_t)(--j->nanswers));
		got = 3;
	}
	pthread_mutex_unlock(&j->lock);
	if (got == 1) {
		take_on_number(j->take, &num);
	} else if (got == 2) {
		*what |= JOURNEYS_SCANNED;
		journeys_scan(j, &scan);
		memset(&scan, 0, sizeof(scan));
	} else if (got == 3) {
		on_answer(j, &ans);
	}
	return got != 0;
}

int journeys_drain(struct journeys *j)
{
	int what = journeys_drain_prints(j);

	while (journeys_drain_one(j, &what))
		;
	return what;
}

static const char *refused_key(enum dossier_payload_kind k)
{
	switch (k) {
	case DP_TOO_LONG: return "scan_refused_long";
	case DP_NO_CODE: return "scan_refused_no_code";
	case DP_NOT_A_CODE: return "scan_refused_not_code";
	case DP_ID_CARD: return "scan_refused_id_card";   /* said kindly, nothing of it shown */
	case DP_EMPTY:
	case DP_BINARY:
	default: return "scan_refused_unreadable";
	}
}

void journeys_scan(struct journeys *j, const struct scan_result *r)
{
	struct dossier_payload p;

	if (take_busy(j->take)) {
		log_info("scan: ignored while a ticket prints");
		return;
	}
	if (r->truncated || r->len > DOSSIER_PAYLOAD_MAX) {
		memset(&p, 0, sizeof(p));
		p.kind = DP_TOO_LONG;
	} else {
		dossier_parse_payload(r->data, r->len, &p);
	}
	/* the payload itself may carry personal data (an ID number in a URL): never logged */
	log_info("scan: %s, %zu bytes: %s", r->symbology, r->len, dossier_payload_kind_name(p.kind));
	if (p.kind == DP_DOSSIER) {
		enquiry_lookup(j->enquiry, p.value, j->on == JOURNEY_RATE);
	} else if (p.kind == DP_TICKET) {
		enquiry_set_refused(j->enquiry, NULL);
		rate_from_ticket(j->rate, p.value);
	} else {
		enquiry_refuse(j->enquiry, refused_key(p.kind));
	}
	memset(&p, 0, sizeof(p));
}

void journeys_frame(struct journeys *j)
{
	take_check(j->take);
}

void journeys_poll(struct journeys *j)
{
	prints_poll(j->prints);
	rate_poll(j->rate);
}

void journeys_poll_remote(struct journeys *j)
{
	bool between = journeys_between_citizens(j);

	remote_poll(j->remote, between);
	if (between)
		consult_prepare(j->consult);   /* a new set is indexed before anyone searches it */
}

bool journeys_next_show(struct journeys *j, enum journey_show *s)
{
	if (j->cx.nshows == 0)
		return false;
	*s = j->cx.shows[0];
	memmove(j->cx.shows, j->cx.shows + 1, sizeof(*s) * (size_t)(--j->cx.nshows));
	return true;
}

void journeys_set_offline(struct journeys *j, bool offline)
{
	lookup_set_offline(j->cx.d.lookup, offline);
	numbers_set_offline(j->cx.d.numbers, offline);
}

bool journeys_reload_wanted(const struct journeys *j)
{
	return remote_reload_wanted(j->remote) && journeys_between_citizens(j);
}

void journeys_reload_done(struct journeys *j, bool ok, const char *reason)
{
	remote_reload_done(j->remote, ok, reason);
}
