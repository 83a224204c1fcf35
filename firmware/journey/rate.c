/* rate: the rating journey (rate.h). Start at rate_from_ticket, rate_submit and rate_poll. */
#include "rate.h"

#include "journey_internal.h"

#include "firmware/err.h"
#include "firmware/log.h"
#include "firmware/store_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tags of this journey, far from those of the dossier lookup (enquiry.c). */
#define RATE_TAG_BASE 0x52000000u
/* If the worker says nothing this long after its own timeout, the screen stops waiting. */
#define RATE_GRACE_MS 2000
/* After a failed release, try again this much later. */
#define RATE_RELEASE_RETRY_S 60

struct rate {
	struct journey_ctx *cx;
	enum rating_via via;
	char subject[RATING_SUBJECT_MAX];   /* "ticket:<id>" / "dossier:<code>", memory only */
	char counter[32];                   /* chosen in the directory way */
	char officer[32];
	int level;                          /* 0: none chosen yet */
	unsigned reasons;                   /* bit (1u << enum rating_reason) */
	struct telex kb;                    /* the comment, as composed */
	bool shift;                         /* the next letter is a capital */
	const char *kb_warn;                /* i18n key of a keyboard warning, NULL none */
	enum rate_notice notice;
	enum rating_problem problem;
	bool waiting;                       /* a ticket question in flight */
	uint32_t tag, next_tag;
	int64_t asked_ms;
	bool release_checked;               /* held ratings looked at since the start */
	int64_t next_release;               /* UTC seconds; 0: none held */
};

int rate_new(struct journey_ctx *cx, struct rate **out)
{
	struct rate *r = calloc(1, sizeof(*r));

	if (!r)
		return ERR_NOMEM;
	r->cx = cx;
	r->via = RATING_VIA_DIRECTORY;
	telex_clear(&r->kb);
	*out = r;
	return 0;
}

void rate_free(struct rate *r)
{
	if (r)
		memset(r, 0, sizeof(*r));   /* the comment and subject, from memory too */
	free(r);
}

/* Forget everything of the last rating, including the subject and the comment. */
static void reset(struct rate *r, enum rating_via via)
{
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
}

static void notify(struct rate *r, enum rate_notice n)
{
	r->notice = n;
	r->waiting = n == RN_CHECKING && r->waiting;
	journey_show(r->cx, SHOW_RATE_NOTICE);
}

void rate_begin(struct rate *r)
{
	reset(r, RATING_VIA_DIRECTORY);
	journey_show(r->cx, SHOW_RATE_START);
}

void rate_by_counter(struct rate *r)
{
	reset(r, RATING_VIA_DIRECTORY);
	journey_show(r->cx, SHOW_COUNTERS);
}

void rate_choose_counter(struct rate *r, const char *counter_id)
{
	snprintf(r->counter, sizeof(r->counter), "%s", counter_id);
	journey_show(r->cx, SHOW_OFFICERS);
}

void rate_officer(struct rate *r, const char *officer_id)
{
	if (!officer_id || !catalog_officer_find(r->cx->cat, officer_id)) {
		/* the central system named someone this unit's directory does not list */
		log_warn("rate: the officer is not in the catalogue");
		notify(r, RN_UNKNOWN_OFFICER);
		return;
	}
	snprintf(r->officer, sizeof(r->officer), "%s", officer_id);
	r->level = 0;
	r->reasons = 0;
	journey_show(r->cx, SHOW_RATE);
}

/* The lookup keeps recent answers to show them offline; once the subject is rated, its
 * answer would tie the ticket or dossier to this rating's officer and time, so it goes. */
static void forget_lookup(struct rate *r)
{
	const char *key = strchr(r->subject, ':');
	int kind = r->via == RATING_VIA_TICKET ? LOOKUP_TICKET_OFFICER : LOOKUP_DOSSIER;

	if (key && r->cx->d.store && store_cache_delete(r->cx->d.store, kind, key + 1) != 0)
		log_warn("rate: the lookup's copy could not be forgotten");
}

/* A ticket or dossier rated before is told so before anything is asked of the citizen. */
static bool already(struct rate *r)
{
	bool rated = false;

	if (r->cx->d.store && rating_already(r->cx->d.store, r->subject, &rated) != 0)
		log_warn("rate: cannot check whether this was rated; the rating will tell");
	if (rated) {
		forget_lookup(r);
		notify(r, RN_ALREADY);
	}
	return rated;
}

void rate_from_ticket(struct rate *r, const char *ticket_id)
{
	reset(r, RATING_VIA_TICKET);
	log_info("rate: a ticket was scanned");
	if (rating_subject(RATING_VIA_TICKET, ticket_id, r->subject, sizeof(r->subject)) != 0) {
		notify(r, RN_UNKNOWN_TICKET);
		return;
	}
	if (already(r))
		return;
	if (!r->cx->d.lookup) {
		notify(r, RN_UNAVAILABLE);
		return;
	}
	r->tag = RATE_TAG_BASE + ++r->next_tag;
	r->asked_ms = journey_mono_ms(r->cx);
	if (lookup_submit(r->cx->d.lookup, LOOKUP_TICKET_OFFICER, ticket_id, journey_now_s(r->cx),
			  r->tag)) {
		notify(r, RN_UNKNOWN_TICKET);
		return;
	}
	r->waiting = true;
	notify(r, RN_CHECKING);
}

void rate_from_dossier(struct rate *r, const struct dossier_info *d)
{
	reset(r, RATING_VIA_DOSSIER);
	log_info("rate: from a dossier");
	if (rating_subject(RATING_VIA_DOSSIER, d->code, r->subject, sizeof(r->subject)) != 0) {
		notify(r, RN_UNKNOWN_TICKET);
		return;
	}
	if (already(r))
		return;
	rate_officer(r, d->officer_id[0] ? d->officer_id : NULL);
}

/* A dossier scanned on the rating screens: its receiving officer, or a notice of this
 * journey, never the status screen (the citizen came to rate). */
void rate_dossier_answer(struct rate *r, enum lookup_state st, const struct dossier_info *d)
{
	if (st == LOOKUP_FOUND || st == LOOKUP_CACHED) {
		rate_from_dossier(r, d);
		return;
	}
	reset(r, RATING_VIA_DOSSIER);
	notify(r, st == LOOKUP_NOT_FOUND || st == LOOKUP_REFUSED ? RN_UNKNOWN_DOSSIER
								 : RN_UNAVAILABLE);
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

bool rate_on_lookup(struct rate *r, const struct lookup_answer *ans)
{
	enum rate_notice n;

	if (ans->kind != LOOKUP_TICKET_OFFICER || ans->tag < RATE_TAG_BASE)
		return false;
	if (ans->tag != r->tag || !r->waiting) {
		log_info("rate: a late answer was dropped");
		return true;
	}
	r->waiting = false;
	n = ticket_notice(ans);
	log_info("rate: ticket answer %s", lookup_state_name(ans->state));
	if (n != RN_CHECKING)
		notify(r, n);
	else
		rate_officer(r, ans->ticket.officer_id[0] ? ans->ticket.officer_id : NULL);
	return true;
}

void rate_tick_wait(struct rate *r)
{
	int64_t limit = (int64_t)r->cx->d.cfg->sync.lookup_timeout_ms + RATE_GRACE_MS;

	if (r->waiting && journey_mono_ms(r->cx) - r->asked_ms > limit) {
		log_warn("rate: no answer about the ticket in time");
		r->waiting = false;
		notify(r, RN_UNAVAILABLE);
	}
}

void rate_choose_level(struct rate *r, int level)
{
	int levels = r->cx->d.cfg->rating.levels;

	if (level < 1 || level > levels)
		return;
	r->level = level;
	r->reasons = 0;
	if (rating_level_needs_reason(levels, level)) {
		journey_show(r->cx, SHOW_REASONS);
		return;
	}
	telex_clear(&r->kb);
	rate_submit(r);
}

void rate_toggle_reason(struct rate *r, enum rating_reason reason)
{
	r->reasons ^= 1u << reason;
}

static bool too_long(const struct rate *r)
{
	return r->kb.n > r->cx->d.cfg->rating.comment_max;
}

static void recheck(struct rate *r)
{
	r->kb_warn = too_long(r) ? "rate_problem_comment_too_long" : NULL;
}

void rate_open_keyboard(struct rate *r)
{
	r->kb_warn = NULL;
	journey_show(r->cx, SHOW_KEYBOARD);
}

/* The space bar leaves shift as it is; any other key uses it up. */
void rate_key(struct rate *r, uint32_t cp)
{
	if (cp != ' ') {
		if (r->shift && cp >= 'a' && cp <= 'z')
			cp = cp - 'a' + 'A';
		r->shift = false;
	}
	if (telex_key(&r->kb, cp) != 0)
		r->kb_warn = "rate_problem_comment_too_long";
	else
		recheck(r);
}

void rate_text(struct rate *r, const char *s)
{
	int rc;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			r->kb_warn = "rate_problem_comment_control";
			return;
		}
	}
	rc = telex_input(&r->kb, s);
	if (rc == ERR_INVAL)
		r->kb_warn = "rate_problem_comment_control";
	else if (rc)
		r->kb_warn = "rate_problem_comment_too_long";
	else
		recheck(r);
}

void rate_backspace(struct rate *r)
{
	telex_backspace(&r->kb);
	recheck(r);
}

void rate_toggle_shift(struct rate *r)
{
	r->shift = !r->shift;
}

void rate_comment_done(struct rate *r)
{
	if (too_long(r)) {
		r->kb_warn = "rate_problem_comment_too_long";
		return;
	}
	r->kb_warn = NULL;
	journey_show(r->cx, SHOW_REASONS);
}

static void kept(struct rate *r)
{
	if (r->via != RATING_VIA_DIRECTORY)
		forget_lookup(r);
	reset(r, r->via);
	r->release_checked = false;   /* a new rating is held: when is it due? */
	journey_show(r->cx, SHOW_THANKS);
}

static void comment_refused(struct rate *r, const char *why)
{
	r->kb_warn = why;
	journey_show(r->cx, SHOW_KEYBOARD);
}

void rate_submit(struct rate *r)
{
	struct journey_ctx *cx = r->cx;
	char comment[TELEX_MAX * 4 + 1];
	struct rating_input in = { r->via, r->via == RATING_VIA_DIRECTORY ? NULL : r->subject,
				   r->officer, r->level, r->reasons, comment, journey_now_s(cx) };
	struct rating_result res;
	int rc = telex_utf8(&r->kb, comment, sizeof(comment));

	if (rc) {
		comment_refused(r, "rate_problem_comment_too_long");
		return;
	}
	rc = cx->d.store ? rating_submit(cx->d.store, &cx->d.cfg->rating, cx->cat, &in, &r->problem,
					 &res) : ERR_DB;
	memset(comment, 0, sizeof(comment));
	if (rc == 0)
		kept(r);
	else if (r->problem == RATING_ALREADY_RATED)
		notify(r, RN_ALREADY);
	else if (r->problem == RATING_COMMENT_TOO_LONG)
		comment_refused(r, "rate_problem_comment_too_long");
	else if (r->problem == RATING_COMMENT_CONTROL || r->problem == RATING_COMMENT_INVALID)
		comment_refused(r, "rate_problem_comment_control");
	else
		notify(r, rc == ERR_INVAL ? RN_REFUSED : RN_NOT_KEPT);
}

void rate_leave(struct rate *r)
{
	if (r->subject[0] || r->officer[0] || r->level || r->reasons || r->kb.n || r->waiting) {
		log_info("rate: an unfinished rating is forgotten");
		reset(r, RATING_VIA_DIRECTORY);
	}
}

/* Held ratings go to the outbox when due (store_rating.h); a failure is retried later and
 * loses nothing: they stay held. */
void rate_poll(struct rate *r)
{
	int64_t now = journey_now_s(r->cx), next = 0;
	int n = 0;

	if (!r->cx->d.store ||
	    (r->release_checked && (r->next_release == 0 || now < r->next_release)))
		return;
	if (rating_release(r->cx->d.store, now, &n, &next) != 0)
		next = now + RATE_RELEASE_RETRY_S;
	r->release_checked = true;
	r->next_release = next;
}

enum rating_via rate_via(const struct rate *r)
{
	return r->via;
}

const char *rate_counter(const struct rate *r)
{
	return r->counter;
}

const char *rate_officer_id(const struct rate *r)
{
	return r->officer;
}

unsigned rate_reasons(const struct rate *r)
{
	return r->reasons;
}

const struct telex *rate_comment(const struct rate *r)
{
	return &r->kb;
}

bool rate_shift(const struct rate *r)
{
	return r->shift;
}

const char *rate_keyboard_warning(const struct rate *r)
{
	return r->kb_warn;
}

enum rate_notice rate_notice(const struct rate *r)
{
	return r->notice;
}

enum rating_problem rate_problem(const struct rate *r)
{
	return r->problem;
}

bool rate_waiting(const struct rate *r)
{
	return r->waiting;
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
