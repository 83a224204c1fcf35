/* enquiry: the dossier lookup (enquiry.h). Start at enquiry_lookup. */
#include "enquiry.h"

#include "journey_internal.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tags of this journey start high so that they never meet the rating journey's own. */
#define ENQUIRY_TAG_BASE 0x10000u
/* If the worker says nothing this long after its own timeout, the screen stops waiting. */
#define ENQUIRY_GRACE_MS 2000
static const char KEYPAD_KEYS[] = "1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ.-";

struct enquiry {
	struct journey_ctx *cx;
	char code[DOSSIER_CODE_MAX + 1]; /* the code being looked up or shown */
	uint32_t tag;                    /* of the question in flight (0: none) */
	uint32_t next_tag;
	bool waiting;                    /* asked, no answer yet */
	bool for_rating;                 /* the answer goes to the rating journey */
	int64_t asked_ms;
	struct lookup_answer ans;        /* the answer shown */
	int64_t shown_ms;                /* when the answer appeared (it clears itself) */
	const char *refused;             /* i18n key: why the last scan was refused, NULL none */
	char entry[DOSSIER_CODE_MAX + 1]; /* the keypad's text */
};

int enquiry_new(struct journey_ctx *cx, struct enquiry **out)
{
	struct enquiry *e = calloc(1, sizeof(*e));

	if (!e)
		return ERR_NOMEM;
	e->cx = cx;
	*out = e;
	return 0;
}

void enquiry_free(struct enquiry *e)
{
	if (e)
		memset(e, 0, sizeof(*e));
	free(e);
}

void enquiry_clear(struct enquiry *e)
{
	memset(&e->ans, 0, sizeof(e->ans));
	e->code[0] = '\0';
	e->waiting = false;
	e->tag = 0;
	e->shown_ms = 0;
}

void enquiry_leave(struct enquiry *e)
{
	enquiry_clear(e);
	memset(e->entry, 0, sizeof(e->entry));
}

void enquiry_refuse(struct enquiry *e, const char *reason)
{
	enquiry_clear(e);
	e->refused = reason;
	journey_show(e->cx, SHOW_SCAN);
}

void enquiry_set_refused(struct enquiry *e, const char *reason)
{
	e->refused = reason;
}

/* The question could not be asked: "unavailable" comes in as the worker's answers do. */
static void answer_unavailable(struct enquiry *e, const char *why)
{
	struct lookup_answer ans;

	memset(&ans, 0, sizeof(ans));
	ans.tag = e->tag;
	ans.kind = LOOKUP_DOSSIER;
	ans.state = LOOKUP_UNAVAILABLE;
	snprintf(ans.key, sizeof(ans.key), "%s", e->code);
	snprintf(ans.reason, sizeof(ans.reason), "%s", why);
	e->cx->post_lookup(e->cx->post_user, &ans);
}

void enquiry_lookup(struct enquiry *e, const char *code, bool for_rating)
{
	struct lookup *l = e->cx->d.lookup;

	enquiry_clear(e);
	snprintf(e->code, sizeof(e->code), "%s", code);
	e->refused = NULL;
	e->for_rating = for_rating;
	e->waiting = true;
	e->asked_ms = journey_mono_ms(e->cx);
	e->tag = ENQUIRY_TAG_BASE + ++e->next_tag;
	journey_show(e->cx, SHOW_STATUS);
	if (!l)
		answer_unavailable(e, "no central system configured");
	else if (lookup_submit(l, LOOKUP_DOSSIER, code, journey_now_s(e->cx), e->tag) != 0)
		answer_unavailable(e, "the question was refused");
}

enum enquiry_answer enquiry_on_answer(struct enquiry *e, const struct lookup_answer *ans,
				      enum lookup_state *st, struct dossier_info *d)
{
	if (ans->kind != LOOKUP_DOSSIER || ans->tag != e->tag || !e->waiting) {
		log_info("lookup: a late answer was dropped");
		return ENQUIRY_LATE;
	}
	if (e->for_rating) {
		log_info("rate: dossier answer %s", lookup_state_name(ans->state));
		*st = ans->state;
		*d = ans->dossier;
		enquiry_clear(e);
		return ENQUIRY_FOR_RATING;
	}
	log_info("lookup: answer %d after %lld ms%s%s", (int)ans->state, (long long)ans->elapsed_ms,
		 ans->reason[0] ? ": " : "", ans->reason);
	e->waiting = false;
	e->ans = *ans;
	e->shown_ms = journey_mono_ms(e->cx);
	return ENQUIRY_SHOWN;
}

void enquiry_tick(struct enquiry *e)
{
	const struct config *cfg = e->cx->d.cfg;
	int64_t now = journey_mono_ms(e->cx);
	int limit = cfg->sync.lookup_timeout_ms > 0 ? cfg->sync.lookup_timeout_ms : LOOKUP_TIMEOUT_MS;

	if (e->waiting && now - e->asked_ms > (int64_t)limit + ENQUIRY_GRACE_MS)
		answer_unavailable(e, "no answer in time");
	if (!e->waiting && e->shown_ms &&
	    now - e->shown_ms >= (int64_t)cfg->status_screen_s * 1000) {
		log_info("lookup: the status cleared itself");
		enquiry_clear(e);
		journey_show(e->cx, SHOW_HOME);
	}
}

void enquiry_type(struct enquiry *e, char c)
{
	size_t n = strlen(e->entry);

	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	if (!c || !strchr(KEYPAD_KEYS, c) || n >= DOSSIER_CODE_MAX)
		return;
	e->entry[n] = c;
	e->entry[n + 1] = '\0';
}

void enquiry_erase(struct enquiry *e)
{
	size_t n = strlen(e->entry);

	if (n > 0)
		e->entry[n - 1] = '\0';
}

void enquiry_erase_all(struct enquiry *e)
{
	e->entry[0] = '\0';
}

/* The entry goes through the same parser as a scan. */
void enquiry_submit_entry(struct enquiry *e)
{
	struct dossier_payload p;

	dossier_parse_payload(e->entry, strlen(e->entry), &p);
	if (p.kind == DP_DOSSIER)
		enquiry_lookup(e, p.value, false);
	else
		e->refused = "keypad_not_a_code";
}

const char *enquiry_keypad_keys(void)
{
	return KEYPAD_KEYS;
}

bool enquiry_waiting(const struct enquiry *e)
{
	return e->waiting;
}

const struct lookup_answer *enquiry_answer(const struct enquiry *e)
{
	return &e->ans;
}

const struct dossier_info *enquiry_dossier(const struct enquiry *e)
{
	if (e->waiting || !e->code[0] ||
	    (e->ans.state != LOOKUP_FOUND && e->ans.state != LOOKUP_CACHED))
		return NULL;
	return &e->ans.dossier;
}

const char *enquiry_code(const struct enquiry *e)
{
	return e->code;
}

const char *enquiry_refused(const struct enquiry *e)
{
	return e->refused;
}

const char *enquiry_entry(const struct enquiry *e)
{
	return e->entry;
}
