/* rating: the rules, then rating_submit, which checks, counts recent ratings for misuse and
 * hands an anonymous row to the store. */
#include "rating.h"

#include "clock.h"
#include "err.h"
#include "log.h"
#include "store_rating.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

/* One-per-subject memory is kept this long (a dossier may be rated months after it was
 * received); older hashes are forgotten as new ones come. */
#define RATING_SUBJECT_KEEP_DAYS 400

/* Per scale, the levels from 1 (least satisfied) up. */
static const struct level {
	const char *id;
	int mood;
} scale3[] = {
	{ "not_satisfied", -2 }, { "satisfied", 1 }, { "very_satisfied", 2 },
}, scale5[] = {
	{ "very_unsatisfied", -2 }, { "not_satisfied", -1 }, { "neutral", 0 }, { "satisfied", 1 },
	{ "very_satisfied", 2 },
};

static const char *const problem_names[] = {
	[RATING_OK] = "ok",
	[RATING_UNKNOWN_OFFICER] = "unknown-officer",
	[RATING_BAD_LEVEL] = "bad-level",
	[RATING_REASON_REQUIRED] = "reason-required",
	[RATING_BAD_REASON] = "bad-reason",
	[RATING_COMMENT_TOO_LONG] = "comment-too-long",
	[RATING_COMMENT_CONTROL] = "comment-control",
	[RATING_COMMENT_INVALID] = "comment-invalid",
	[RATING_BAD_SUBJECT] = "bad-subject",
	[RATING_ALREADY_RATED] = "already-rated",
	[RATING_NOT_KEPT] = "not-kept",
};

const char *rating_via_name(enum rating_via v)
{
	static const char *const names[] = { "ticket", "dossier", "directory" };

	return (unsigned)v < 3 ? names[v] : "?";
}

const char *rating_problem_name(enum rating_problem p)
{
	return (unsigned)p < sizeof(problem_names) / sizeof(problem_names[0]) ? problem_names[p]
									     : "?";
}

static const struct level *level_of(int levels, int level)
{
	if (levels == 3 && level >= 1 && level <= 3)
		return &scale3[level - 1];
	if (levels == 5 && level >= 1 && level <= 5)
		return &scale5[level - 1];
	return NULL;
}

const char *rating_level_id(int levels, int level)
{
	const struct level *l = level_of(levels, level);

	return l ? l->id : NULL;
}

int rating_level_mood(int levels, int level)
{
	const struct level *l = level_of(levels, level);

	return l ? l->mood : 0;
}

bool rating_level_needs_reason(int levels, int level)
{
	const struct level *l = level_of(levels, level);

	return l && l->mood < 0;
}

int rating_subject(enum rating_via via, const char *id, char *out, size_t len)
{
	size_t n = id ? strlen(id) : 0;
	int w;

	if (via == RATING_VIA_DIRECTORY || n == 0 || n > 63)
		return ERR_INVAL;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)id[i] <= 0x20 || (unsigned char)id[i] >= 0x7f)
			return ERR_INVAL;
	w = snprintf(out, len, "%s:%s", rating_via_name(via), id);
	return w > 0 && (size_t)w < len ? 0 : ERR_RANGE;
}

/* ---- checks ---------------------------------------------------------------------------- */

/* C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional embeddings
 * and overrides that can make a comment read differently from what is stored. */
static bool has_control(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return true;
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return true;
		if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0xA8 && p[2] <= 0xAE)
			return true;
		if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
			return true;
	}
	return false;
}

static size_t code_points(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void trim(char *s)
{
	size_t start = strspn(s, " "), n = strlen(s);

	while (n > start && s[n - 1] == ' ')
		n--;
	memmove(s, s + start, n - start);
	s[n - start] = '\0';
}

static enum rating_problem check_comment(const struct config_rating *cfg, const char *comment,
					 char *out, size_t len)
{
	int rc;

	if (!utf8_valid(comment, strlen(comment)))
		return RATING_COMMENT_INVALID;
	if (has_control(comment))
		return RATING_COMMENT_CONTROL;
	rc = utf8_nfc(comment, out, len);
	if (rc == ERR_RANGE)
		return RATING_COMMENT_TOO_LONG;
	if (rc)
		return RATING_COMMENT_INVALID;
	trim(out);
	return code_points(out) > (size_t)cfg->comment_max ? RATING_COMMENT_TOO_LONG : RATING_OK;
}

static unsigned offered(const struct config_rating *cfg)
{
	unsigned mask = 0;

	for (int i = 0; i < cfg->nreasons; i++)
		mask |= 1u << cfg->reasons[i];
	return mask;
}

static bool subject_matches(enum rating_via via, const char *subject)
{
	const char *name = rating_via_name(via);
	size_t n = strlen(name);

	if (via == RATING_VIA_DIRECTORY)
		return subject == NULL;
	return subject && strncmp(subject, name, n) == 0 && subject[n] == ':' && subject[n + 1];
}

enum rating_problem rating_check(const struct config_rating *cfg, const struct catalog *cat,
				 const struct rating_input *in, char *comment_nfc, size_t len)
{
	bool needs = rating_level_needs_reason(cfg->levels, in->level);

	if (len)
		comment_nfc[0] = '\0';
	if (!catalog_officer_find(cat, in->officer_id))
		return RATING_UNKNOWN_OFFICER;
	if (!rating_level_id(cfg->levels, in->level))
		return RATING_BAD_LEVEL;
	if (in->reasons & ~offered(cfg))
		return RATING_BAD_REASON;
	if (needs && !in->reasons)
		return RATING_REASON_REQUIRED;
	if (!needs && in->reasons)
		return RATING_BAD_REASON;
	if (!subject_matches(in->via, in->subject))
		return RATING_BAD_SUBJECT;
	return check_comment(cfg, in->comment ? in->comment : "", comment_nfc, len);
}

static bool kiosk_burst(const struct config_rating *cfg, int recent, char *why, size_t len)
{
	if (recent + 1 < cfg->misuse_count)
		return false;
	snprintf(why, len, "%d ratings at this kiosk within %d s", recent + 1,
		 cfg->misuse_window_s);
	return true;
}

static bool officer_burst(const struct config_rating *cfg, int recent, char *why, size_t len)
{
	if (recent + 1 < cfg->officer_count)
		return false;
	snprintf(why, len, "%d ratings of this officer within %d s", recent + 1,
		 cfg->officer_window_s);
	return true;
}

enum rating_misuse rating_misuse(const struct config_rating *cfg, int kiosk_recent,
				 int officer_recent, char *why, size_t len)
{
	if (kiosk_burst(cfg, kiosk_recent, why, len))
		return RATING_MISUSE_KIOSK;
	if (officer_burst(cfg, officer_recent, why, len))
		return RATING_MISUSE_OFFICER;
	if (len)
		why[0] = '\0';
	return RATING_MISUSE_NONE;
}

int rating_hold_s(const struct config_rating *cfg)
{
	return cfg->misuse_window_s > cfg->officer_window_s ? cfg->misuse_window_s
							    : cfg->officer_window_s;
}

int64_t rating_release_at(const struct config_rating *cfg, int64_t at)
{
	int64_t t = at + rating_hold_s(cfg);

	return (t + 3599) / 3600 * 3600;
}

/* ---- keeping --------------------------------------------------------------------------- */

int rating_already(struct store *s, const char *subject, bool *rated)
{
	return store_rating_seen(s, subject, rated);
}

/* The chosen reasons as ids, in the order the unit offers them. */
static void reason_list(const struct config_rating *cfg, unsigned mask, char *out, size_t len)
{
	size_t k = 0;

	out[0] = '\0';
	for (int i = 0; i < cfg->nreasons; i++) {
		int w;
		if (!(mask & (1u << cfg->reasons[i])))
			continue;
		w = snprintf(out + k, len - k, "%s%s", k ? "," : "", rating_reason_id(cfg->reasons[i]));
		if (w < 0 || (size_t)w >= len - k)
			return;
		k += (size_t)w;
	}
}

/* The hour a rating was made, which is all that is kept of its time once released. Vietnam
 * is a whole number of hours from UTC, so this is the local hour too. */
static int64_t hour_of(int64_t t)
{
	return t - t % 3600;
}

static int keep(struct store *s, const struct config_rating *cfg, const struct rating_input *in,
		const char *comment, struct rating_result *res)
{
	struct clock_local today, oldest;
	char reasons[160], kiosk_why[96], officer_why[96];
	int kiosk_n, officer_n, nflags = 0, rc;
	struct store_rating row = {
		.officer_id = in->officer_id, .level = in->level, .scale = cfg->levels,
		.level_id = rating_level_id(cfg->levels, in->level), .reasons = reasons,
		.comment = comment, .via = rating_via_name(in->via), .flag_reason = res->flag_reason,
		.at = in->now, .hour = hour_of(in->now), .release_at = rating_release_at(cfg, in->now),
	};
	struct store_rating_flag flags[2];

	rc = store_rating_recent(s, in->now - cfg->misuse_window_s + 1, in->officer_id,
				 in->now - cfg->officer_window_s + 1, &kiosk_n, &officer_n);
	if (rc)
		return rc;
	res->flagged = rating_misuse(cfg, kiosk_n, officer_n, res->flag_reason,
				     sizeof(res->flag_reason)) != RATING_MISUSE_NONE;
	row.flagged = res->flagged;
	/* a burst is every rating in the window that tripped: this one and those still held */
	if (kiosk_burst(cfg, kiosk_n, kiosk_why, sizeof(kiosk_why)))
		flags[nflags++] = (struct store_rating_flag){ in->now - cfg->misuse_window_s + 1,
							      NULL, kiosk_why };
	if (officer_burst(cfg, officer_n, officer_why, sizeof(officer_why)))
		flags[nflags++] = (struct store_rating_flag){ in->now - cfg->officer_window_s + 1,
							      in->officer_id, officer_why };
	reason_list(cfg, in->reasons, reasons, sizeof(reasons));
	clock_to_local(in->now, &today);
	clock_to_local(in->now - (int64_t)RATING_SUBJECT_KEEP_DAYS * 86400, &oldest);
	return store_rating_add(s, &row, in->subject, today.ymd, oldest.ymd, flags, nflags);
}

int rating_submit(struct store *s, const struct config_rating *cfg, const struct catalog *cat,
		  const struct rating_input *in, enum rating_problem *problem,
		  struct rating_result *res)
{
	char comment[RATING_COMMENT_BYTES];
	int rc;

	memset(res, 0, sizeof(*res));
	*problem = rating_check(cfg, cat, in, comment, sizeof(comment));
	if (*problem != RATING_OK) {
		log_info("rating: refused (%s)", rating_problem_name(*problem));
		return ERR_INVAL;
	}
	rc = keep(s, cfg, in, comment, res);
	if (rc == ERR_STATE)
		*problem = RATING_ALREADY_RATED;
	else if (rc == ERR_RANGE)
		*problem = RATING_COMMENT_TOO_LONG;
	else if (rc)
		*problem = RATING_NOT_KEPT;
	if (rc) {
		log_info("rating: not kept (%s)", rating_problem_name(*problem));
		return rc == ERR_RANGE ? ERR_INVAL : rc;
	}
	/* neither the level nor the officer: the log's time is to the second */
	log_info("rating: kept and held%s%s", res->flagged ? ", flagged: " : "", res->flag_reason);
	return 0;
}

int rating_release(struct store *s, int64_t now, int *released, int64_t *next_due)
{
	int rc = store_rating_release(s, now, released, next_due);

	if (rc)
		log_error("rating: held ratings cannot be released now: %s", err_str(rc));
	else if (*released)
		log_info("rating: %d released to the outbox", *released);
	return rc;
}
