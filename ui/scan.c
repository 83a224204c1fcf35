/* scan: routing of scanned codes and lookup answers. See scan.h. */
#include "scan.h"

#include "app.h"
#include "firmware/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tags of this flow start high so that they never meet the rating flow's own. */
#define SCAN_TAG_BASE 0x10000u
/* If the worker says nothing this long after its own timeout, the screen stops waiting. */
#define SCAN_GRACE_MS 2000

static bool in_rating(enum screen_id s)
{
	return s >= SCR_RATE_START && s <= SCR_THANKS;
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

void scan_clear(struct app *a)
{
	memset(&a->scan.ans, 0, sizeof(a->scan.ans));
	a->scan.code[0] = '\0';
	a->scan.waiting = false;
	a->scan.tag = 0;
	a->scan.shown_ms = 0;
}

void scan_free(struct app *a)
{
	if (a->scan.cam.tex)
		SDL_DestroyTexture(a->scan.cam.tex);
	free(a->scan.cam.gray);
	memset(&a->scan.cam, 0, sizeof(a->scan.cam));
}

void scan_payload(struct app *a, const struct scan_result *r)
{
	struct dossier_payload p;

	if (a->cur == SCR_TICKET && a->phase == TK_PRINTING) {
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
	switch (p.kind) {
	case DP_DOSSIER:
		a->scan.refused = NULL;
		scan_lookup(a, p.value, in_rating(a->cur));
		break;
	case DP_TICKET:
		a->scan.refused = NULL;
		rate_from_ticket(a, p.value);
		break;
	default:
		scan_clear(a);
		a->scan.refused = refused_key(p.kind);
		app_go(a, SCR_SCAN);
		break;
	}
	memset(&p, 0, sizeof(p));
}

static void answer_unavailable(struct app *a, const char *why)
{
	struct lookup_answer ans;

	memset(&ans, 0, sizeof(ans));
	ans.tag = a->scan.tag;
	ans.kind = LOOKUP_DOSSIER;
	ans.state = LOOKUP_UNAVAILABLE;
	snprintf(ans.key, sizeof(ans.key), "%s", a->scan.code);
	snprintf(ans.reason, sizeof(ans.reason), "%s", why);
	scan_on_lookup(a, &ans);
}

void scan_lookup(struct app *a, const char *code, bool for_rating)
{
	scan_clear(a);
	snprintf(a->scan.code, sizeof(a->scan.code), "%s", code);
	a->scan.for_rating = for_rating;
	a->scan.waiting = true;
	a->scan.asked_ms = clock_mono_ms(a->d.clock);
	a->scan.tag = SCAN_TAG_BASE + ++a->scan.next_tag;
	app_go(a, SCR_STATUS);
	if (!a->d.lookup)
		answer_unavailable(a, "no central system configured");
	else if (lookup_submit(a->d.lookup, LOOKUP_DOSSIER, code, app_now_s(a), a->scan.tag) != 0)
		answer_unavailable(a, "the question was refused");
}

void scan_on_lookup(struct app *a, const struct lookup_answer *ans)
{
	if (rate_on_lookup(a, ans))
		return;
	if (ans->kind != LOOKUP_DOSSIER || ans->tag != a->scan.tag || !a->scan.waiting) {
		log_info("lookup: a late answer was dropped");
		return;
	}
	log_info("lookup: answer %d after %lld ms%s%s", (int)ans->state, (long long)ans->elapsed_ms,
		 ans->reason[0] ? ": " : "", ans->reason);
	a->scan.waiting = false;
	a->scan.ans = *ans;
	a->scan.shown_ms = clock_mono_ms(a->d.clock);
	if (a->scan.for_rating && (ans->state == LOOKUP_FOUND || ans->state == LOOKUP_CACHED) &&
	    ans->dossier.officer_id[0]) {
		rate_from_dossier(a, &ans->dossier);
		return;
	}
	if (a->cur != SCR_STATUS)
		scan_clear(a); /* the citizen has moved on: nothing pops up uninvited */
}

void scan_tick(struct app *a)
{
	int64_t now = clock_mono_ms(a->d.clock);
	int limit = a->d.cfg->sync.lookup_timeout_ms > 0 ? a->d.cfg->sync.lookup_timeout_ms : LOOKUP_TIMEOUT_MS;

	if (a->scan.waiting && now - a->scan.asked_ms > (int64_t)limit + SCAN_GRACE_MS)
		answer_unavailable(a, "no answer in time");
	if (!a->scan.waiting && a->scan.shown_ms &&
	    now - a->scan.shown_ms >= (int64_t)a->d.cfg->status_screen_s * 1000) {
		log_info("lookup: the status cleared itself");
		scan_clear(a);
		app_go(a, SCR_HOME);
	}
}
