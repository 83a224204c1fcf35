/* rate: the flow between the rating screens, and what each way in does before the faces.
 * Start at rate_from_ticket (scan, lookup, answer), rate_submit and rate_poll. */
#include "rate.h"

#include "app.h"
#include "firmware/err.h"
#include "firmware/log.h"
#include "firmware/store_cache.h"

#include <stdio.h>
#include <string.h>

/* Tags of this flow, far from those of the dossier lookup (ui/scan.c). */
#define RATE_TAG_BASE 0x52000000u
/* If the worker says nothing this long after its own timeout, the screen stops waiting. */
#define RATE_GRACE_MS 2000
/* After a failed release, try again this much later. */
#define RATE_RELEASE_RETRY_S 60

void rate_reset(struct app *a, enum rating_via via)
{
	struct rate_flow *r = &a->rate;

	memset(r->subject, 0, sizeof(r->subject));
	r->via = via;
	r->counter[0] = r->officer[0] = '\0';
	r->level = 0;
	r->reasons = 0;
	telex_clear(&r->kb);
	r->shift = false;
	r->kb_warn = NULL;
	r->problem = RATING_OK;
	r->waiting = false;
	r->page = 0;
}

void rate_notify(struct app *a, enum rate_notice n)
{
	a->rate.notice = n;
	a->rate.waiting = n == RN_CHECKING && a->rate.waiting;
	app_go(a, SCR_RATE_NOTICE);
}

void rate_begin(struct app *a)
{
	rate_reset(a, RATING_VIA_DIRECTORY);
	app_go(a, SCR_RATE_START);
}

void directory_open(struct app *a)
{
	a->rate.page = 0;
	app_go(a, SCR_DIRECTORY);
}

void rate_officer(struct app *a, const char *officer_id)
{
	if (!officer_id || !catalog_officer_find(a->d.cat, officer_id)) {
		/* the central system named someone this unit's directory does not list */
		log_warn("rate: the officer is not in the catalogue");
		rate_notify(a, RN_UNKNOWN_OFFICER);
		return;
	}
	snprintf(a->rate.officer, sizeof(a->rate.officer), "%s", officer_id);
	a->rate.level = 0;
	a->rate.reasons = 0;
	app_go(a, SCR_RATE);
}

static void forget_lookup(struct app *a);

/* A ticket or dossier rated before is told so before anything is asked of the citizen. */
static bool already(struct app *a)
{
	bool rated = false;

	if (a->d.store && rating_already(a->d.store, a->rate.subject, &rated) != 0)
		log_warn("rate: cannot check whether this was rated; the rating will tell");
	if (rated) {
		forget_lookup(a);
		rate_notify(a, RN_ALREADY);
	}
	return rated;
}

void rate_from_ticket(struct app *a, const char *ticket_id)
{
	struct rate_flow *r = &a->rate;

	rate_reset(a, RATING_VIA_TICKET);
	log_info("rate: a ticket was scanned");
	if (rating_subject(RATING_VIA_TICKET, ticket_id, r->subject, sizeof(r->subject)) != 0) {
		rate_notify(a, RN_UNKNOWN_TICKET);
		return;
	}
	if (already(a))
		return;
	if (!a->d.lookup) {
		rate_notify(a, RN_UNAVAILABLE);
		return;
	}
	r->tag = RATE_TAG_BASE + ++r->next_tag;
	r->asked_ms = clock_mono_ms(a->d.clock);
	if (lookup_submit(a->d.lookup, LOOKUP_TICKET_OFFICER, ticket_id, app_now_s(a), r->tag)) {
		rate_notify(a, RN_UNKNOWN_TICKET);
		return;
	}
	r->waiting = true;
	rate_notify(a, RN_CHECKING);
}

void rate_from_dossier(struct app *a, const struct dossier_info *d)
{
	struct rate_flow *r = &a->rate;

	rate_reset(a, RATING_VIA_DOSSIER);
	log_info("rate: from a dossier");
	if (rating_subject(RATING_VIA_DOSSIER, d->code, r->subject, sizeof(r->subject)) != 0) {
		rate_notify(a, RN_UNKNOWN_TICKET);
		return;
	}
	if (already(a))
		return;
	rate_officer(a, d->officer_id[0] ? d->officer_id : NULL);
}

static enum rate_notice ticket_notice(const struct lookup_answer *ans)
{
	switch (ans->state) {
	case LOOKUP_FOUND:
		return !ans->ticket.served ? RN_NOT_SERVED : RN_CHECKING;
	case LOOKUP_CACHED:
		/* an old "not served" may be out of date: only a cached officer is of use */
		return ans->ticket.served && ans->ticket.officer_id[0] ? RN_CHECKING : RN_UNAVAILABLE;
	case LOOKUP_NOT_FOUND:
	case LOOKUP_REFUSED:
		return RN_UNKNOWN_TICKET;
	case LOOKUP_UNAVAILABLE:
	default:
		return RN_UNAVAILABLE;
	}
}

/* A dossier scanned on the rating screens: its receiving officer, or a notice of the rating
 * flow, never the status screen (the citizen came to rate). */
static bool dossier_answer(struct app *a, const struct lookup_answer *ans)
{
	struct dossier_info d;
	enum lookup_state st = ans->state;

	if (ans->kind != LOOKUP_DOSSIER || !a->scan.for_rating || !a->scan.waiting ||
	    ans->tag != a->scan.tag)
		return false;
	log_info("rate: dossier answer %s", lookup_state_name(st));
	d = ans->dossier;
	scan_clear(a);   /* ans may be the scan flow's own copy: read before */
	if (st == LOOKUP_FOUND || st == LOOKUP_CACHED) {
		rate_from_dossier(a, &d);
	} else {
		rate_reset(a, RATING_VIA_DOSSIER);
		rate_notify(a, st == LOOKUP_NOT_FOUND || st == LOOKUP_REFUSED ? RN_UNKNOWN_DOSSIER
									      : RN_UNAVAILABLE);
	}
	memset(&d, 0, sizeof(d));
	return true;
}

bool rate_on_lookup(struct app *a, const struct lookup_answer *ans)
{
	struct rate_flow *r = &a->rate;
	enum rate_notice n;

	if (dossier_answer(a, ans))
		return true;
	if (ans->kind != LOOKUP_TICKET_OFFICER || ans->tag < RATE_TAG_BASE)
		return false;
	if (ans->tag != r->tag || !r->waiting || a->cur != SCR_RATE_NOTICE) {
		log_info("rate: a late answer was dropped");
		return true;
	}
	r->waiting = false;
	n = ticket_notice(ans);
	log_info("rate: ticket answer %s", lookup_state_name(ans->state));
	if (n != RN_CHECKING)
		rate_notify(a, n);
	else
		rate_officer(a, ans->ticket.officer_id[0] ? ans->ticket.officer_id : NULL);
	return true;
}

void rate_tick_wait(struct app *a)
{
	int64_t limit = (int64_t)a->d.cfg->sync.lookup_timeout_ms + RATE_GRACE_MS;

	if (a->rate.waiting && clock_mono_ms(a->d.clock) - a->rate.asked_ms > limit) {
		log_warn("rate: no answer about the ticket in time");
		a->rate.waiting = false;
		rate_notify(a, RN_UNAVAILABLE);
	}
}

/* The lookup keeps recent answers to show them offline; once the subject is rated, its
 * answer would tie the ticket or dossier to this rating's officer and time, so it goes. */
static void forget_lookup(struct app *a)
{
	const char *key = strchr(a->rate.subject, ':');
	int kind = a->rate.via == RATING_VIA_TICKET ? LOOKUP_TICKET_OFFICER : LOOKUP_DOSSIER;

	if (key && a->d.store && store_cache_delete(a->d.store, kind, key + 1) != 0)
		log_warn("rate: the lookup's copy could not be forgotten");
}

static void kept(struct app *a)
{
	if (a->rate.via != RATING_VIA_DIRECTORY)
		forget_lookup(a);
	rate_reset(a, a->rate.via);
	a->rate.release_checked = false;   /* a new rating is held: when is it due? */
	app_go(a, SCR_THANKS);
}

void rate_submit(struct app *a)
{
	struct rate_flow *r = &a->rate;
	char comment[TELEX_MAX * 4 + 1];
	struct rating_input in = { r->via, r->via == RATING_VIA_DIRECTORY ? NULL : r->subject,
				   r->officer, r->level, r->reasons, comment, app_now_s(a) };
	struct rating_result res;
	int rc = telex_utf8(&r->kb, comment, sizeof(comment));

	if (rc) {
		r->kb_warn = "rate_problem_comment_too_long";
		app_go(a, SCR_KEYBOARD);
		return;
	}
	rc = a->d.store ? rating_submit(a->d.store, &a->d.cfg->rating, a->d.cat, &in, &r->problem,
					&res) : ERR_DB;
	memset(comment, 0, sizeof(comment));
	if (rc == 0) {
		kept(a);
	} else if (r->problem == RATING_ALREADY_RATED) {
		rate_notify(a, RN_ALREADY);
	} else if (r->problem == RATING_COMMENT_TOO_LONG || r->problem == RATING_COMMENT_CONTROL ||
		   r->problem == RATING_COMMENT_INVALID) {
		r->kb_warn = r->problem == RATING_COMMENT_TOO_LONG ? "rate_problem_comment_too_long"
								    : "rate_problem_comment_control";
		app_go(a, SCR_KEYBOARD);
	} else {
		rate_notify(a, rc == ERR_INVAL ? RN_REFUSED : RN_NOT_KEPT);
	}
}

const char *rate_notice_name(enum rate_notice n)
{
	static const char *const names[] = {
		[RN_CHECKING] = "checking", [RN_ALREADY] = "already", [RN_NOT_SERVED] = "not-served",
		[RN_UNKNOWN_TICKET] = "unknown-ticket", [RN_UNKNOWN_DOSSIER] = "unknown-dossier",
		[RN_UNAVAILABLE] = "unavailable",
		[RN_UNKNOWN_OFFICER] = "unknown-officer", [RN_REFUSED] = "refused",
		[RN_NOT_KEPT] = "not-kept",
	};

	return (unsigned)n < sizeof(names) / sizeof(names[0]) ? names[n] : "?";
}

void rate_free(struct app *a)
{
	for (int i = 0; i < a->rate.nphotos; i++)
		if (a->rate.photos[i].tex)
			SDL_DestroyTexture(a->rate.photos[i].tex);
	a->rate.nphotos = 0;
}

static bool in_flow(enum screen_id s)
{
	return s >= SCR_RATE_START && s <= SCR_DIRECTORY;
}

/* Held ratings go to the outbox when due (store_rating.h); a failure is retried later and
 * loses nothing: they stay held. */
static void release_due(struct app *a)
{
	struct rate_flow *r = &a->rate;
	int64_t now = app_now_s(a), next = 0;
	int n = 0;

	if (!a->d.store || (r->release_checked && (r->next_release == 0 || now < r->next_release)))
		return;
	if (rating_release(a->d.store, now, &n, &next) != 0)
		next = now + RATE_RELEASE_RETRY_S;
	r->release_checked = true;
	r->next_release = next;
}

void rate_poll(struct app *a)
{
	struct rate_flow *r = &a->rate;

	release_due(a);
	if (in_flow(a->cur))
		return;
	if (r->subject[0] || r->officer[0] || r->level || r->reasons || r->kb.n || r->waiting) {
		log_info("rate: an unfinished rating is forgotten");
		rate_reset(a, RATING_VIA_DIRECTORY);
	}
}

int rate_idle_s(const struct app *a)
{
	int kiosk = a->d.cfg->idle_timeout_s, rating = a->d.cfg->rating.idle_timeout_s;

	return rating > kiosk ? rating : kiosk;
}
