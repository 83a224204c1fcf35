/* rating: the rules, one rating per ticket and per dossier, misuse flagging and anonymity,
 * against a real SQLite file. 2026-11-23 is a Monday. */
#include "../t.h"
#include "../../firmware/catalog.h"
#include "../../firmware/clock.h"
#include "../../firmware/config.h"
#include "../../firmware/err.h"
#include "../../firmware/rating.h"
#include "../../firmware/hmac.h"
#include "../../firmware/store.h"
#include "../../firmware/store_rating.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const char CAT[] =
	"[field.ho_tich]\nname_vi = Hộ tịch\n"
	"[service.A]\nfield = ho_tich\nname_vi = Khai sinh\nmon = 07:30-17:00\n"
	"[counter.1]\nname_vi = Quầy 1\nfields = ho_tich\n"
	"[officer.cb01]\nname = Nguyễn Thị Lan\ntitle_vi = Chuyên viên\nfield = ho_tich\n"
	"counter = 1\nphone = 0243 123 4567\n"
	"[officer.cb02]\nname = Trần Văn Minh\ntitle_vi = Công chức\nfield = ho_tich\ncounter = 1\n";

#define TICKET "KIOSK-01-20261123-A001"
#define DOSSIER "000.00.01.H29-240115-0001"

struct fx {
	struct config cfg;
	struct catalog *cat;
	struct store *st;
	char path[300];
	int64_t now;
};

static int fx_open(struct fx *f)
{
	char err[256];
	int rc = config_load(&f->cfg, NULL, err, sizeof(err));

	if (!rc)
		rc = catalog_load_string(CAT, "cat.ini", &f->cat, err, sizeof(err));
	snprintf(f->path, sizeof(f->path), "%s/kiosk.db", t_tmpdir());
	if (!rc)
		rc = store_open(f->path, &f->st);
	f->now = clock_from_local(2026, 11, 23, 9, 0, 0);
	return rc;
}

static void fx_close(struct fx *f)
{
	store_close(f->st);
	catalog_free(f->cat);
}

static struct rating_input input(const struct fx *f, enum rating_via via, const char *subject,
				 const char *officer, int level)
{
	struct rating_input in = { via, subject, officer, level, 0, NULL, f->now };

	return in;
}

static int submit(struct fx *f, const struct rating_input *in, enum rating_problem *p,
		  struct rating_result *res)
{
	return rating_submit(f->st, &f->cfg.rating, f->cat, in, p, res);
}

static int count(struct fx *f)
{
	int n = -1;

	store_rating_count(f->st, &n);
	return n;
}

static int held(struct fx *f)
{
	int n = -1;

	store_rating_held(f->st, &n);
	return n;
}

/* Releases what is due at `at`; returns how many went to the outbox (-1 on error). */
static int release(struct fx *f, int64_t at)
{
	int64_t next;
	int n;

	return rating_release(f->st, at, &n, &next) == 0 ? n : -1;
}

/* store_exec fails (abs overflow) unless the condition holds: an assertion in SQL. */
#define SQL_ASSERT(cond) "SELECT CASE WHEN " cond " THEN 1 ELSE abs(-9223372036854775808) END"

T_TEST(rating_config_defaults)
{
	struct config c;
	char err[256];

	T_OK(config_load(&c, NULL, err, sizeof(err)));
	T_EQ(c.rating.levels, 3);
	T_EQ(c.rating.nreasons, 7);
	T_EQ(c.rating.reasons[0], RR_ATTITUDE);
	T_EQ(c.rating.reasons[6], RR_OTHER);
	T_EQ(c.rating.comment_max, 500);
	T_EQ(c.rating.misuse_count, 3);
	T_EQ(c.rating.misuse_window_s, 60);
	T_STREQ(c.rating.question[LANG_VI], "");
}

T_TEST(rating_config_refuses_bad_values)
{
	struct config c;
	char err[512];
	static const char *const bad[] = {
		"[rating]\nlevels = 4\n",
		"[rating]\nreasons = attitude, bribes\n",
		"[rating]\nreasons = wait, wait\n",
		"[rating]\nreasons =\n",
		"[rating]\ncomment_max = 501\n",
		"[rating]\nmisuse_count = 1\n",
		"[rating]\nsomething = 1\n",
		"[rating]\nlabels_vi = Rất hài lòng, Hài lòng\n",
		"[rating]\nlabels_en = Very good, , Bad\n",
		"[rating]\nlabels_vi = A, B, C\nlevels = 5\n",
	};

	T_OK(config_load(&c, NULL, err, sizeof(err)));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct config t = c;
		if (config_parse_string(&t, bad[i], "k.ini", err, sizeof(err)) != ERR_CONFIG) {
			t_fail(__FILE__, __LINE__, "accepted: %s", bad[i]);
			return;
		}
		if (strncmp(err, "k.ini:2: [rating] ", 18) != 0) {
			t_fail(__FILE__, __LINE__, "%s: %s", bad[i], err);
			return;
		}
	}
	T_OK(config_parse_string(&c, "[rating]\nlevels = 5\nreasons = late, other\n"
				 "question_en = How was it?\n", "k.ini", err, sizeof(err)));
	T_EQ(c.rating.levels, 5);
	T_EQ(c.rating.nreasons, 2);
	T_EQ(c.rating.reasons[0], RR_LATE);
	T_STREQ(c.rating.question[LANG_EN], "How was it?");
	/* a unit's own words, in either order with levels */
	T_OK(config_parse_string(&c, "[rating]\nlabels_vi = Rất hài lòng, Hài lòng, Chưa hài lòng\n"
				 "levels = 3\nlabels_en = Very, Fine, Not yet\n", "k.ini", err,
				 sizeof(err)));
	T_EQ(c.rating.levels, 3);
	T_STREQ(c.rating.labels[LANG_VI], "Rất hài lòng, Hài lòng, Chưa hài lòng");
}

T_TEST(rating_unit_labels)
{
	char out[64];
	static const char list[] = " Rất hài lòng ,Hài lòng,  Chưa hài lòng ";

	T_EQ(rating_label_count(list), 3);
	T_EQ(rating_label_count("a,,b"), -1);
	T_EQ(rating_label_count("a,b,"), -1);
	T_EQ(rating_label_count("one"), 1);
	T_OK(rating_label(list, 3, 3, out, sizeof(out)));
	T_STREQ(out, "Rất hài lòng");
	T_OK(rating_label(list, 3, 1, out, sizeof(out)));
	T_STREQ(out, "Chưa hài lòng");
	T_OK(rating_label(list, 3, 2, out, sizeof(out)));
	T_STREQ(out, "Hài lòng");
	T_EQ(rating_label(list, 5, 1, out, sizeof(out)), ERR_NOTFOUND);   /* not one per level */
	T_EQ(rating_label(list, 3, 4, out, sizeof(out)), ERR_NOTFOUND);
	T_EQ(rating_label("", 3, 1, out, sizeof(out)), ERR_NOTFOUND);
}

T_TEST(rating_scales_and_names)
{
	T_STREQ(rating_level_id(3, 3), "very_satisfied");
	T_STREQ(rating_level_id(3, 2), "satisfied");
	T_STREQ(rating_level_id(3, 1), "not_satisfied");
	T_CHECK(rating_level_id(3, 4) == NULL);
	T_CHECK(rating_level_id(3, 0) == NULL);
	T_STREQ(rating_level_id(5, 3), "neutral");
	T_STREQ(rating_level_id(5, 1), "very_unsatisfied");
	T_CHECK(rating_level_needs_reason(3, 1));
	T_CHECK(!rating_level_needs_reason(3, 2));
	T_CHECK(rating_level_needs_reason(5, 2));
	T_CHECK(!rating_level_needs_reason(5, 3));
	T_EQ(rating_level_mood(5, 5), 2);
	T_EQ(rating_level_mood(5, 1), -2);
	T_EQ(rating_reason_parse("harassment", 10), RR_HARASSMENT);
	T_EQ(rating_reason_parse("harass", 6), -1);
	T_STREQ(rating_reason_id(RR_EXTRA), "extra");
	T_STREQ(rating_problem_name(RATING_ALREADY_RATED), "already-rated");
}

T_TEST(rating_subject_names)
{
	char s[RATING_SUBJECT_MAX];

	T_OK(rating_subject(RATING_VIA_TICKET, TICKET, s, sizeof(s)));
	T_STREQ(s, "ticket:" TICKET);
	T_OK(rating_subject(RATING_VIA_DOSSIER, DOSSIER, s, sizeof(s)));
	T_STREQ(s, "dossier:" DOSSIER);
	T_EQ(rating_subject(RATING_VIA_DIRECTORY, "x", s, sizeof(s)), ERR_INVAL);
	T_EQ(rating_subject(RATING_VIA_TICKET, "", s, sizeof(s)), ERR_INVAL);
	T_EQ(rating_subject(RATING_VIA_TICKET, "A 1", s, sizeof(s)), ERR_INVAL);
	T_EQ(rating_subject(RATING_VIA_TICKET, "A\n1", s, sizeof(s)), ERR_INVAL);
}

/* Each bad input: a clear problem, and nothing stored (no rating, no event). */
T_TEST(rating_bad_input_is_refused_and_nothing_kept)
{
	static char big[10 * 1024 + 1];
	struct fx f;
	struct rating_result res;
	enum rating_problem p;
	int events;
	static const struct { const char *comment; enum rating_problem want; } comments[] = {
		{ "bell\x07", RATING_COMMENT_CONTROL },
		{ "two\nlines", RATING_COMMENT_CONTROL },
		{ "tab\there", RATING_COMMENT_CONTROL },
		{ "del\x7f", RATING_COMMENT_CONTROL },
		{ "c1 \xc2\x85", RATING_COMMENT_CONTROL },
		{ "rtl \xe2\x80\xae", RATING_COMMENT_CONTROL },
		{ "isolate \xe2\x81\xa6", RATING_COMMENT_CONTROL },
		{ "bad \xff utf8", RATING_COMMENT_INVALID },
	};
	struct rating_input in;

	T_OK(fx_open(&f));
	in = input(&f, RATING_VIA_DIRECTORY, NULL, "nobody", 3);
	T_EQ(submit(&f, &in, &p, &res), ERR_INVAL);
	T_EQ(p, RATING_UNKNOWN_OFFICER);
	in = input(&f, RATING_VIA_DIRECTORY, NULL, NULL, 3);
	T_EQ(submit(&f, &in, &p, &res), ERR_INVAL);
	T_EQ(p, RATING_UNKNOWN_OFFICER);
	in = input(&f, RATING_VIA_DIRECTORY, NULL, "cb01", 4);
	T_EQ(submit(&f, &in, &p, &res), ERR_INVAL);
	T_EQ(p, RATING_BAD_LEVEL);
	in = input(&f, RATING_VIA_DIRECTORY, NULL, "cb01", 1);
	T_EQ(submit(&f, &in, &p, &res), ERR_INVAL);
	T_EQ(p, RATING_REASON_REQUIRED);
	in.reasons = 1u << RR_WAIT | 1u << 12;
	T_EQ(submit(&f, &in, &p, &res), ERR_INVAL);
	T_EQ(p, RATING_BAD_REASON);
	in = input(&f, RATING_VIA_DIRECTORY, NULL, "cb01", 3);
	in.reasons = 1u << RR_WAIT;
	T_EQ(submit(&f, &in, &p, &res), ERR_INVAL);
	T_EQ(p, RATING_BAD_REASON);
	in = input(&f, RATING_VIA_TICKET, NULL, "cb01", 3);
	T_EQ(submit(&f, &in, &p, &res), ERR_INVAL);
	T_EQ(p, RATING_BAD_SUBJECT);
	in = input(&f, RATING_VIA_DIRECTORY, "ticket:" TICKET, "cb01", 3);
	T_EQ(submit(&f, &in, &p, &res), ERR_INVAL);
	T_EQ(p, RATING_BAD_SUBJECT);
	memset(big, 'a', sizeof(big) - 1);
	in = input(&f, RATING_VIA_DIRECTORY, NULL, "cb01", 1);
	in.reasons = 1u << RR_OTHER;
	in.comment = big;
	T_EQ(submit(&f, &in, &p, &res), ERR_INVAL);
	T_EQ(p, RATING_COMMENT_TOO_LONG);
	for (size_t i = 0; i < sizeof(comments) / sizeof(comments[0]); i++) {
		in.comment = comments[i].comment;
		T_EQ(submit(&f, &in, &p, &res), ERR_INVAL);
		T_EQ(p, comments[i].want);
	}
	f.cfg.rating.reasons[0] = RR_WAIT;
	f.cfg.rating.nreasons = 1;
	in.comment = NULL;
	T_EQ(submit(&f, &in, &p, &res), ERR_INVAL);   /* "other" is not offered here */
	T_EQ(p, RATING_BAD_REASON);
	T_EQ(count(&f), 0);
	T_OK(store_outbox_count(f.st, &events));
	T_EQ(events, 0);
	fx_close(&f);
}

T_TEST(rating_comment_is_nfc_trimmed_and_bounded_in_characters)
{
	static char text[600 * 3 + 1];
	struct fx f;
	char nfc[RATING_COMMENT_BYTES];
	struct rating_input in;

	T_OK(fx_open(&f));
	in = input(&f, RATING_VIA_DIRECTORY, NULL, "cb01", 1);
	in.reasons = 1u << RR_GUIDANCE;
	in.comment = "  ho\xcc\x80" "a  ";                     /* "hòa" in NFD, spaces around */
	T_EQ(rating_check(&f.cfg.rating, f.cat, &in, nfc, sizeof(nfc)), RATING_OK);
	T_STREQ(nfc, "h\xc3\xb2" "a");
	in.comment = "ho\xc3\xa0";                             /* "hoà" is kept as typed */
	T_EQ(rating_check(&f.cfg.rating, f.cat, &in, nfc, sizeof(nfc)), RATING_OK);
	T_STREQ(nfc, "ho\xc3\xa0");
	/* 500 Vietnamese letters (1500 bytes) pass; 501 do not */
	for (int i = 0; i < 501; i++)
		memcpy(text + 3 * i, "\xe1\xbb\x87", 3);      /* ệ */
	text[3 * 500] = '\0';
	in.comment = text;
	T_EQ(rating_check(&f.cfg.rating, f.cat, &in, nfc, sizeof(nfc)), RATING_OK);
	text[3 * 500] = '\xe1';
	text[3 * 501] = '\0';
	T_EQ(rating_check(&f.cfg.rating, f.cat, &in, nfc, sizeof(nfc)), RATING_COMMENT_TOO_LONG);
	f.cfg.rating.comment_max = 0;
	in.comment = "x";
	T_EQ(rating_check(&f.cfg.rating, f.cat, &in, nfc, sizeof(nfc)), RATING_COMMENT_TOO_LONG);
	fx_close(&f);
}

T_TEST(rating_one_per_ticket)
{
	struct fx f;
	struct rating_result res;
	enum rating_problem p;
	struct rating_input in;
	bool rated;

	T_OK(fx_open(&f));
	T_OK(rating_already(f.st, "ticket:" TICKET, &rated));
	T_CHECK(!rated);
	in = input(&f, RATING_VIA_TICKET, "ticket:" TICKET, "cb01", 3);
	T_OK(submit(&f, &in, &p, &res));
	T_EQ(p, RATING_OK);
	T_OK(rating_already(f.st, "ticket:" TICKET, &rated));
	T_CHECK(rated);
	f.now += 3600;
	in = input(&f, RATING_VIA_TICKET, "ticket:" TICKET, "cb02", 1);
	in.reasons = 1u << RR_WAIT;
	T_EQ(submit(&f, &in, &p, &res), ERR_STATE);
	T_EQ(p, RATING_ALREADY_RATED);
	/* another ticket is another visit */
	in.subject = "ticket:KIOSK-01-20261123-A002";
	T_OK(submit(&f, &in, &p, &res));
	T_EQ(count(&f), 2);
	/* the memory survives a restart */
	store_close(f.st);
	T_OK(store_open(f.path, &f.st));
	T_OK(rating_already(f.st, "ticket:" TICKET, &rated));
	T_CHECK(rated);
	fx_close(&f);
}

T_TEST(rating_one_per_dossier)
{
	struct fx f;
	struct rating_result res;
	enum rating_problem p;
	struct rating_input in;
	bool rated;

	T_OK(fx_open(&f));
	in = input(&f, RATING_VIA_DOSSIER, "dossier:" DOSSIER, "cb02", 2);
	T_OK(submit(&f, &in, &p, &res));
	f.now += 86400 * 30;   /* a month later, still once */
	in.now = f.now;
	T_EQ(submit(&f, &in, &p, &res), ERR_STATE);
	T_EQ(p, RATING_ALREADY_RATED);
	/* a ticket with the same text is not the dossier */
	T_OK(rating_already(f.st, "ticket:" DOSSIER, &rated));
	T_CHECK(!rated);
	T_EQ(count(&f), 1);
	fx_close(&f);
}

/* Every rating of the burst goes out flagged, the first two included: they are still held
 * when the third trips the window. */
T_TEST(rating_burst_at_kiosk_is_flagged_not_dropped)
{
	struct fx f;
	struct rating_result res;
	enum rating_problem p;
	struct rating_input in = { RATING_VIA_DIRECTORY, NULL, "cb01", 3, 0, NULL, 0 };
	static struct store_outbox_row rows[8];
	int n;

	T_OK(fx_open(&f));
	in.now = f.now;
	T_OK(submit(&f, &in, &p, &res));
	T_CHECK(!res.flagged);
	in.now += 20;
	in.officer_id = "cb02";
	T_OK(submit(&f, &in, &p, &res));
	T_CHECK(!res.flagged);
	in.now += 20;   /* the third within 60 s */
	in.officer_id = "cb01";
	T_OK(submit(&f, &in, &p, &res));
	T_CHECK(res.flagged);
	T_STREQ(res.flag_reason, "3 ratings at this kiosk within 60 s");
	in.now += 120;  /* calm again */
	in.officer_id = "cb02";
	T_OK(submit(&f, &in, &p, &res));
	T_CHECK(!res.flagged);
	T_EQ(count(&f), 4);
	/* held: nothing in the outbox yet, and not before the hour after both windows */
	T_OK(store_outbox_pending(f.st, 8, rows, &n));
	T_EQ(n, 0);
	T_EQ(release(&f, f.now + 3599), 0);
	T_EQ(held(&f), 4);
	T_EQ(release(&f, f.now + 3600), 4);
	T_EQ(held(&f), 0);
	T_EQ(count(&f), 4);
	T_OK(store_exec(f.st, SQL_ASSERT("(SELECT group_concat(flagged) FROM ratings) = '1,1,1,0'")));
	T_OK(store_outbox_pending(f.st, 8, rows, &n));
	T_EQ(n, 4);
	for (int i = 0; i < 3; i++) {
		T_CHECK(strstr(rows[i].body, "\"flagged\":true") != NULL);
		T_CHECK(strstr(rows[i].body, "\"flag_reason\":\"3 ratings at this kiosk within 60 s\""));
	}
	T_CHECK(strstr(rows[3].body, "\"flagged\":false") != NULL);
	T_EQ(release(&f, f.now + 7200), 0);
	fx_close(&f);
}

/* The window's edges under the 60 s / 3 rule: ratings at t, t+20 and t+59 are a burst, the
 * first one included (it is still in the window at t+59); at t, t+20 and t+60 the first has
 * left it and nothing is flagged. Officers differ so that only the kiosk's rule applies. */
static int burst_of_three(int64_t last, char *flags, size_t len)
{
	struct fx f;
	struct rating_result res;
	enum rating_problem p;
	struct rating_input in = { RATING_VIA_DIRECTORY, NULL, "cb01", 3, 0, NULL, 0 };
	static struct store_outbox_row rows[4];
	const int64_t at[3] = { 0, 20, last };
	int rc = fx_open(&f), n = 0;

	for (int i = 0; !rc && i < 3; i++) {
		in.now = f.now + at[i];
		in.officer_id = i % 2 ? "cb02" : "cb01";
		rc = submit(&f, &in, &p, &res);
	}
	if (!rc && release(&f, f.now + 7200) != 3)
		rc = ERR_STATE;
	if (!rc)
		rc = store_outbox_pending(f.st, 4, rows, &n);
	flags[0] = '\0';
	for (int i = 0; !rc && i < n; i++)
		snprintf(flags + strlen(flags), len - strlen(flags), "%s%d", i ? "," : "",
			 strstr(rows[i].body, "\"flagged\":true") != NULL);
	fx_close(&f);
	for (int i = 0; i < 3; i++) {   /* the next call starts from an empty store */
		char path[320];
		snprintf(path, sizeof(path), "%s%s", f.path, (const char *[]){ "", "-wal", "-shm" }[i]);
		unlink(path);
	}
	return rc;
}

T_TEST(rating_burst_window_edges)
{
	char flags[16];

	T_OK(burst_of_three(59, flags, sizeof(flags)));
	T_STREQ(flags, "1,1,1");
	T_OK(burst_of_three(60, flags, sizeof(flags)));
	T_STREQ(flags, "0,0,0");
}

T_TEST(rating_same_officer_repeatedly_is_flagged)
{
	struct fx f;
	struct rating_result res;
	enum rating_problem p;
	struct rating_input in = { RATING_VIA_DIRECTORY, NULL, "cb01", 1, 1u << RR_ATTITUDE, NULL,
				   0 };

	T_OK(fx_open(&f));
	in.now = f.now;
	for (int i = 0; i < 3; i++, in.now += 90) {
		T_OK(submit(&f, &in, &p, &res));
		T_CHECK(!res.flagged);
	}
	T_OK(submit(&f, &in, &p, &res));     /* the 4th of cb01 within 600 s */
	T_CHECK(res.flagged);
	T_STREQ(res.flag_reason, "4 ratings of this officer within 600 s");
	in.officer_id = "cb02";
	in.now += 90;
	T_OK(submit(&f, &in, &p, &res));
	T_CHECK(!res.flagged);
	T_EQ(release(&f, f.now + 3600), 5);
	/* all four of cb01, and not cb02's */
	T_OK(store_exec(f.st, SQL_ASSERT("(SELECT group_concat(officer_id || ':' || flagged, ' ')"
					 " FROM ratings) = 'cb01:1 cb01:1 cb01:1 cb01:1 cb02:0'")));
	T_OK(store_exec(f.st, SQL_ASSERT("(SELECT COUNT(*) FROM ratings WHERE flag_reason ="
					 " '4 ratings of this officer within 600 s') = 4")));
	fx_close(&f);
}

/* Both rules at once: each burst gets its own reason; a rating keeps its first. */
T_TEST(rating_kiosk_and_officer_bursts_together)
{
	struct fx f;
	struct rating_result res;
	enum rating_problem p;
	struct rating_input in = { RATING_VIA_DIRECTORY, NULL, "cb01", 3, 0, NULL, 0 };

	T_OK(fx_open(&f));
	f.cfg.rating.officer_count = 3;
	in.now = f.now;
	T_OK(submit(&f, &in, &p, &res));          /* cb01, 09:00:00 */
	in.now += 300;
	T_OK(submit(&f, &in, &p, &res));          /* cb01, 09:05:00 */
	in.now += 250;
	in.officer_id = "cb02";
	T_OK(submit(&f, &in, &p, &res));          /* cb02, 09:09:10 */
	in.now += 10;
	in.officer_id = "cb01";
	T_OK(submit(&f, &in, &p, &res));          /* cb01: 3rd of cb01 in 600 s, 2nd in 60 s */
	T_CHECK(res.flagged);
	T_STREQ(res.flag_reason, "3 ratings of this officer within 600 s");
	in.now += 10;
	in.officer_id = "cb02";
	T_OK(submit(&f, &in, &p, &res));          /* 3rd at the kiosk within 60 s */
	T_STREQ(res.flag_reason, "3 ratings at this kiosk within 60 s");
	T_EQ(release(&f, f.now + 7200), 5);
	T_OK(store_exec(f.st, SQL_ASSERT("(SELECT group_concat(flagged) FROM ratings) = '1,1,1,1,1'")));
	T_OK(store_exec(f.st, SQL_ASSERT("(SELECT group_concat(id, ',') FROM ratings WHERE"
					 " flag_reason LIKE '%officer%') = '1,2,4'")));
	T_OK(store_exec(f.st, SQL_ASSERT("(SELECT group_concat(id, ',') FROM ratings WHERE"
					 " flag_reason LIKE '%kiosk%') = '3,5'")));
	fx_close(&f);
}

/* Held until both windows are over, then at the next full hour; across a restart too. */
T_TEST(rating_held_then_released_at_the_hour)
{
	struct fx f;
	struct rating_result res;
	enum rating_problem p;
	struct rating_input in;
	int64_t next;
	int n;

	T_OK(fx_open(&f));
	T_EQ(rating_hold_s(&f.cfg.rating), 600);
	T_EQ(rating_release_at(&f.cfg.rating, f.now + 2999), f.now + 3600);
	T_EQ(rating_release_at(&f.cfg.rating, f.now + 3000), f.now + 3600);
	T_EQ(rating_release_at(&f.cfg.rating, f.now + 3001), f.now + 7200);
	f.cfg.rating.officer_window_s = 86400;
	T_EQ(rating_release_at(&f.cfg.rating, f.now), f.now + 86400);
	f.cfg.rating.officer_window_s = 600;
	T_OK(rating_release(f.st, f.now, &n, &next));
	T_EQ(n, 0);
	T_EQ(next, 0);
	in = input(&f, RATING_VIA_TICKET, "ticket:" TICKET, "cb01", 3);
	in.now = f.now + 3001;   /* 09:50:01: held past 10:00:01, released at 11:00 */
	T_OK(submit(&f, &in, &p, &res));
	T_OK(rating_release(f.st, f.now + 7199, &n, &next));
	T_EQ(n, 0);
	T_EQ(next, f.now + 7200);
	store_close(f.st);
	T_OK(store_open(f.path, &f.st));
	T_EQ(held(&f), 1);
	T_OK(rating_release(f.st, f.now + 7200, &n, &next));
	T_EQ(n, 1);
	T_EQ(next, 0);
	/* kept and sent with the hour it was made, 09:00, not the second */
	T_OK(store_exec(f.st, SQL_ASSERT("(SELECT created_at FROM ratings) = 1795399200")));
	T_OK(store_exec(f.st, SQL_ASSERT("(SELECT created_at || ' ' || json_extract(body, '$.at')"
					 " FROM outbox) = '1795399200 1795399200'")));
	T_EQ(f.now, 1795399200);
	fx_close(&f);
}

static bool file_has(const char *path, const char *needle)
{
	FILE *fp = fopen(path, "rb");
	size_t n = strlen(needle), len;
	char *buf;
	bool found = false;

	if (!fp)
		return false;
	buf = malloc(64 << 20);
	len = buf ? fread(buf, 1, 64 << 20, fp) : 0;
	fclose(fp);
	for (size_t i = 0; buf && i + n <= len && !found; i++)
		found = memcmp(buf + i, needle, n) == 0;
	free(buf);
	return found;
}

/* The database never holds who rated: no ticket id or dossier code anywhere in the file
 * (nor its WAL), and the event says nothing of the subject. */
T_TEST(rating_anonymity_nothing_links_the_rater)
{
	struct fx f;
	struct rating_result res;
	enum rating_problem p;
	struct rating_input in;
	static struct store_outbox_row rows[4];
	char wal[320];
	json_t *doc;
	int n;

	T_OK(fx_open(&f));
	in = input(&f, RATING_VIA_TICKET, "ticket:" TICKET, "cb01", 1);
	in.reasons = 1u << RR_WAIT | 1u << RR_EXTRA;
	in.comment = "Chờ lâu \"quá\"";
	in.now += 757;           /* 09:12:37 */
	T_OK(submit(&f, &in, &p, &res));
	in = input(&f, RATING_VIA_DOSSIER, "dossier:" DOSSIER, "cb02", 3);
	in.now += 1843;          /* 09:30:43 */
	T_OK(submit(&f, &in, &p, &res));
	T_EQ(release(&f, f.now + 7200), 2);
	T_OK(store_outbox_pending(f.st, 4, rows, &n));
	T_EQ(n, 2);
	T_STREQ(rows[0].kind, "rating.submitted");
	doc = json_loads(rows[0].body, 0, NULL);
	T_CHECK(doc != NULL);
	T_STREQ(json_string_value(json_object_get(doc, "officer")), "cb01");
	T_EQ(json_integer_value(json_object_get(doc, "level")), 1);
	T_EQ(json_integer_value(json_object_get(doc, "scale")), 3);
	T_STREQ(json_string_value(json_object_get(doc, "level_id")), "not_satisfied");
	T_EQ(json_array_size(json_object_get(doc, "reasons")), 2);
	T_STREQ(json_string_value(json_array_get(json_object_get(doc, "reasons"), 1)), "extra");
	T_STREQ(json_string_value(json_object_get(doc, "comment")), "Chờ lâu \"quá\"");
	T_STREQ(json_string_value(json_object_get(doc, "via")), "ticket");
	T_EQ(json_object_size(doc), 10);
	json_decref(doc);
	T_CHECK(!strstr(rows[0].body, TICKET) && !strstr(rows[1].body, DOSSIER));
	/* nothing finer than the hour: not the second, not the minute, not the order among
	 * other events of those minutes (the rows were written at the release) */
	T_EQ(rows[0].created_at, f.now);
	T_EQ(rows[1].created_at, f.now);
	T_CHECK(strstr(rows[0].body, "\"at\":1795399200}") != NULL);
	T_OK(store_exec(f.st, SQL_ASSERT("(SELECT COUNT(*) FROM ratings WHERE created_at % 3600"
					 " != 0) = 0")));
	T_OK(store_exec(f.st, SQL_ASSERT("(SELECT COUNT(*) FROM rating_held) = 0")));
	/* subjects: a 32-byte hash and a day, nothing else */
	T_OK(store_exec(f.st, "SELECT CASE WHEN (SELECT COUNT(*) FROM rated_subjects"
			      " WHERE length(hash) = 32 AND day = 20261123) = 2"
			      " THEN 1 ELSE abs(-9223372036854775808) END"));
	snprintf(wal, sizeof(wal), "%s-wal", f.path);
	T_CHECK(!file_has(f.path, TICKET) && !file_has(wal, TICKET));
	T_CHECK(!file_has(f.path, DOSSIER) && !file_has(wal, DOSSIER));
	T_CHECK(!file_has(f.path, "A001") && !file_has(wal, "A001"));
	/* the check itself works: the comment is there */
	T_CHECK(file_has(f.path, "cb01") || file_has(wal, "cb01"));
	fx_close(&f);
	T_CHECK(!file_has(f.path, TICKET) && !file_has(f.path, DOSSIER));
}

static void hex(const unsigned char *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02X", b[i]);
}

/* rc 0 and the 32 bytes of the key file. */
static int read_key(struct fx *f, unsigned char *key, char *path, size_t len)
{
	FILE *fp;
	struct stat sb;
	size_t n;

	if (store_rating_key_path(f->st, path, len) != 0 || stat(path, &sb) != 0 ||
	    (sb.st_mode & 0777) != 0600 || sb.st_size != 32 || !(fp = fopen(path, "rb")))
		return -1;
	n = fread(key, 1, 32, fp);
	fclose(fp);
	return n == 32 ? 0 : -1;
}

static int write_file(const char *path, const void *data, size_t n)
{
	FILE *fp = fopen(path, "wb");
	int rc = fp && fwrite(data, 1, n, fp) == n ? 0 : -1;

	if (fp && fclose(fp) != 0)
		rc = -1;
	return rc;
}

/* The subjects' key sits beside the database: a copy of the database alone cannot tell
 * which ticket was rated, even though every ticket id of the day is in it. */
T_TEST(rating_key_is_beside_the_database_not_in_it)
{
	struct fx f;
	struct rating_result res;
	enum rating_problem p;
	struct rating_input in;
	unsigned char key[32], mac[HMAC_SHA256_LEN];
	char path[400], aside[420], sql[300], h[2 * HMAC_SHA256_LEN + 1];
	bool rated;

	T_OK(fx_open(&f));
	T_OK(store_rating_key_path(f.st, path, sizeof(path)));
	T_OK(rating_already(f.st, "ticket:" TICKET, &rated));
	T_CHECK(!rated);
	T_CHECK(access(path, F_OK) != 0);     /* asking creates nothing */
	in = input(&f, RATING_VIA_TICKET, "ticket:" TICKET, "cb01", 3);
	T_OK(submit(&f, &in, &p, &res));
	T_OK(read_key(&f, key, path, sizeof(path)));
	T_OK(store_exec(f.st, SQL_ASSERT("(SELECT COUNT(*) FROM rating_secret) = 0")));
	/* the stored hash is HMAC-SHA-256 of the subject under the file's key */
	T_OK(hmac_sha256(key, 32, "ticket:" TICKET, strlen("ticket:" TICKET), mac));
	hex(mac, sizeof(mac), h);
	snprintf(sql, sizeof(sql), SQL_ASSERT("(SELECT COUNT(*) FROM rated_subjects WHERE"
					      " hex(hash) = '%s') = 1"), h);
	T_OK(store_exec(f.st, sql));
	/* without the file, the database does not know */
	snprintf(aside, sizeof(aside), "%s.moved", path);
	T_CHECK(rename(path, aside) == 0);
	T_OK(rating_already(f.st, "ticket:" TICKET, &rated));
	T_CHECK(!rated);
	T_CHECK(access(path, F_OK) != 0);
	T_CHECK(rename(aside, path) == 0);
	T_OK(rating_already(f.st, "ticket:" TICKET, &rated));
	T_CHECK(rated);
	fx_close(&f);
}

/* Earlier firmware kept the key in the database: it is used as it is, and moved out to the
 * file at the next rating, so that what was rated stays rated. */
T_TEST(rating_key_of_earlier_firmware_moves_out_of_the_database)
{
	struct fx f;
	struct rating_result res;
	enum rating_problem p;
	struct rating_input in;
	unsigned char old[32], key[32], mac[HMAC_SHA256_LEN];
	char path[400], sql[400], h[65], k[65];
	bool rated;

	T_OK(fx_open(&f));
	for (int i = 0; i < 32; i++)
		old[i] = (unsigned char)(i * 7 + 1);
	T_OK(hmac_sha256(old, 32, "ticket:" TICKET, strlen("ticket:" TICKET), mac));
	hex(mac, sizeof(mac), h);
	hex(old, sizeof(old), k);
	snprintf(sql, sizeof(sql), "INSERT INTO rating_secret (id, secret) VALUES (1, X'%s');"
		 "INSERT INTO rated_subjects (hash, day) VALUES (X'%s', 20261123);", k, h);
	T_OK(store_exec(f.st, sql));
	T_OK(rating_already(f.st, "ticket:" TICKET, &rated));
	T_CHECK(rated);
	T_OK(store_rating_key_path(f.st, path, sizeof(path)));
	T_CHECK(access(path, F_OK) != 0);
	in = input(&f, RATING_VIA_TICKET, "ticket:KIOSK-01-20261123-A002", "cb01", 3);
	T_OK(submit(&f, &in, &p, &res));
	T_OK(read_key(&f, key, path, sizeof(path)));
	T_CHECK(memcmp(key, old, 32) == 0);
	T_OK(store_exec(f.st, SQL_ASSERT("(SELECT COUNT(*) FROM rating_secret) = 0")));
	in.subject = "ticket:" TICKET;
	T_EQ(submit(&f, &in, &p, &res), ERR_STATE);
	T_EQ(p, RATING_ALREADY_RATED);
	fx_close(&f);
}

/* A key file that is not a key: moved aside (logged), a new key made, ratings go on. */
T_TEST(rating_bad_key_file_is_replaced)
{
	struct fx f;
	struct rating_result res;
	enum rating_problem p;
	struct rating_input in;
	unsigned char key[32];
	char path[400];
	bool rated, aside = false;
	DIR *d;
	struct dirent *e;

	T_OK(fx_open(&f));
	T_OK(store_rating_key_path(f.st, path, sizeof(path)));
	T_OK(write_file(path, "short", 5));
	T_OK(rating_already(f.st, "ticket:" TICKET, &rated));
	T_CHECK(!rated);
	in = input(&f, RATING_VIA_TICKET, "ticket:" TICKET, "cb01", 3);
	T_OK(submit(&f, &in, &p, &res));
	T_OK(read_key(&f, key, path, sizeof(path)));
	T_OK(rating_already(f.st, "ticket:" TICKET, &rated));
	T_CHECK(rated);
	d = opendir(t_tmpdir());
	T_CHECK(d != NULL);
	while ((e = readdir(d)) != NULL)
		aside = aside || strstr(e->d_name, ".rating-key.bad-") != NULL;
	closedir(d);
	T_CHECK(aside);
	fx_close(&f);
}

T_TEST(rating_five_levels)
{
	struct fx f;
	struct rating_result res;
	enum rating_problem p;
	struct rating_input in;

	T_OK(fx_open(&f));
	f.cfg.rating.levels = 5;
	in = input(&f, RATING_VIA_DIRECTORY, NULL, "cb01", 3);
	T_OK(submit(&f, &in, &p, &res));
	in.level = 2;
	T_EQ(submit(&f, &in, &p, &res), ERR_INVAL);
	T_EQ(p, RATING_REASON_REQUIRED);
	in.level = 6;
	T_EQ(submit(&f, &in, &p, &res), ERR_INVAL);
	T_EQ(p, RATING_BAD_LEVEL);
	T_EQ(release(&f, f.now + 3600), 1);
	T_OK(store_exec(f.st, SQL_ASSERT("(SELECT scale FROM ratings) = 5")));
	fx_close(&f);
}
