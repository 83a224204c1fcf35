/* scanner_wedge: scans told from typing by timing alone, and nothing of a scan ever handed
 * out as typed text. Times are made up; the classifier has no clock of its own. */
#include "../t.h"
#include "../../drivers/scanner_wedge.h"
#include "../../firmware/err.h"

#include <stdio.h>
#include <stdlib.h>

#define CODE "000.00.01.H29-240115-0001"

static struct wedge *new_wedge(void)
{
	struct wedge_config cfg = WEDGE_CONFIG_DEFAULT;
	struct wedge *w = NULL;

	if (wedge_new(&cfg, &w) != 0)
		return NULL;
	return w;
}

/* Types s one character every gap ms from t; returns the time of the last one. */
static int64_t type(struct wedge *w, const char *s, int64_t t, int gap)
{
	char c[2] = { 0, 0 };

	for (; *s; s++, t += gap) {
		c[0] = *s;
		wedge_text(w, c, t);
	}
	return t - gap;
}

/* Every event ready at now, as one line each: "S:data" / "T:text" / "K:n". */
static void drain(struct wedge *w, int64_t now, char *out, size_t len)
{
	static struct wedge_event e;
	size_t n = 0;

	out[0] = '\0';
	while (n < len && wedge_poll(w, now, &e) == 1) {
		if (e.type == WEDGE_EV_SCAN)
			n += (size_t)snprintf(out + n, len - n, "S:%s%s|", e.scan.data,
					      e.scan.truncated ? "(truncated)" : "");
		else if (e.type == WEDGE_EV_TEXT)
			n += (size_t)snprintf(out + n, len - n, "T:%s|", e.text);
		else
			n += (size_t)snprintf(out + n, len - n, "K:%d|", (int)e.key);
	}
}

T_TEST(wedge_fast_burst_with_enter_is_a_scan)
{
	static struct wedge_event e;
	struct wedge *w = new_wedge();
	char got[512];
	int64_t t;

	T_CHECK(w != NULL);
	t = type(w, CODE, 1000, 8);
	/* held: nothing typed reaches a text field while the burst may still be a scan */
	T_EQ(wedge_poll(w, t + 20, &e), 0);
	T_OK(wedge_key(w, WEDGE_ENTER, t + 8));
	T_EQ(wedge_poll(w, t + 8, &e), 1);
	T_EQ(e.type, WEDGE_EV_SCAN);
	T_STREQ(e.scan.symbology, "KEYED");
	T_STREQ(e.scan.data, CODE);
	T_EQ(e.scan.len, strlen(CODE));
	T_EQ(e.scan.truncated, 0);
	drain(w, t + 1000, got, sizeof(got));
	T_STREQ(got, "");
	wedge_free(w);
}

/* A person typing: each character handed over once max_gap_ms (35) pass, in order. */
T_TEST(wedge_slow_typing_is_released_in_order)
{
	struct wedge *w = new_wedge();
	char got[512];

	T_CHECK(w != NULL);
	wedge_text(w, "a", 0);
	drain(w, 35, got, sizeof(got));
	T_STREQ(got, "");
	drain(w, 36, got, sizeof(got));
	T_STREQ(got, "T:a|");
	wedge_text(w, "b", 150);
	drain(w, 186, got, sizeof(got));
	T_STREQ(got, "T:b|");
	wedge_text(w, "c", 300);
	drain(w, 400, got, sizeof(got));
	T_STREQ(got, "T:c|");
	/* characters polled late still come out in order, in one text */
	type(w, "xyz", 1000, 100);
	drain(w, 2000, got, sizeof(got));
	T_STREQ(got, "T:xyz|");
	wedge_free(w);
}

T_TEST(wedge_enter_handling)
{
	struct wedge *w = new_wedge();
	char got[512];
	int64_t t;

	T_CHECK(w != NULL);
	/* a scanner sending CR LF: one scan, neither key reaches the screen */
	t = type(w, CODE, 0, 5);
	wedge_text(w, "\r", t + 5);
	wedge_text(w, "\n", t + 10);
	drain(w, t + 500, got, sizeof(got));
	T_STREQ(got, "S:" CODE "|");
	/* Enter alone, typed slowly: a key, at once */
	wedge_key(w, WEDGE_ENTER, 5000);
	drain(w, 5000, got, sizeof(got));
	T_STREQ(got, "K:0|");
	/* a second Enter long after a scan is a key again */
	t = type(w, "ABCD1234", 8000, 10);
	wedge_key(w, WEDGE_ENTER, t + 10);
	wedge_key(w, WEDGE_ENTER, t + 500);
	drain(w, t + 500, got, sizeof(got));
	T_STREQ(got, "S:ABCD1234|K:0|");
	/* typing then Enter: the text, then the key */
	type(w, "12", 10000, 200);
	wedge_key(w, WEDGE_ENTER, 10400);
	drain(w, 10400, got, sizeof(got));
	T_STREQ(got, "T:12|K:0|");
	/* Tab ends a scan too */
	t = type(w, "G01.23.45-231201-0001234", 20000, 3);
	wedge_key(w, WEDGE_TAB, t + 3);
	drain(w, t + 3, got, sizeof(got));
	T_STREQ(got, "S:G01.23.45-231201-0001234|");
	wedge_free(w);
}

T_TEST(wedge_stray_keys)
{
	struct wedge *w = new_wedge();
	char got[512];
	int64_t t;

	T_CHECK(w != NULL);
	/* two keys hit at once: typing, released together soon after */
	type(w, "ab", 0, 10);
	drain(w, 45, got, sizeof(got));
	T_STREQ(got, "");
	drain(w, 46, got, sizeof(got));
	T_STREQ(got, "T:ab|");
	/* two keys hit at once, then Enter at once: still typing and a key */
	type(w, "qw", 1000, 5);
	wedge_key(w, WEDGE_ENTER, 1010);
	drain(w, 1010, got, sizeof(got));
	T_STREQ(got, "T:qw|K:0|");
	/* a key while a scan without suffix is ending: the scan, then the key */
	t = type(w, "H15.50.05.13-261008-0975", 2000, 6);
	type(w, "x", t + 60, 1);
	drain(w, t + 60, got, sizeof(got));
	T_STREQ(got, "S:H15.50.05.13-261008-0975|");
	drain(w, t + 200, got, sizeof(got));
	T_STREQ(got, "T:x|");
	/* Backspace in the middle of a short fast burst: typing, then the key */
	type(w, "abc", 5000, 5);
	wedge_key(w, WEDGE_BACKSPACE, 5015);
	drain(w, 5015, got, sizeof(got));
	T_STREQ(got, "T:abc|K:2|");
	wedge_free(w);
}

/* A person types a few characters, then scans (a moment later): both, in order. */
T_TEST(wedge_scan_right_after_typing)
{
	struct wedge *w = new_wedge();
	char got[512];
	int64_t t;

	T_CHECK(w != NULL);
	type(w, "12", 0, 120);
	t = type(w, CODE, 120 + 40, 7);
	wedge_key(w, WEDGE_ENTER, t + 7);
	drain(w, t + 7, got, sizeof(got));
	T_STREQ(got, "T:12|S:" CODE "|");
	wedge_free(w);
}

/* A scanner with no suffix: the burst is a scan once end_ms (100) pass in silence. */
T_TEST(wedge_scan_without_suffix)
{
	struct wedge *w = new_wedge();
	char got[512];
	int64_t t;

	T_CHECK(w != NULL);
	t = type(w, CODE, 0, 9);
	T_EQ(wedge_deadline(w), t + 100);
	drain(w, t + 99, got, sizeof(got));
	T_STREQ(got, "");
	drain(w, t + 100, got, sizeof(got));
	T_STREQ(got, "S:" CODE "|");
	T_EQ(wedge_deadline(w), -1);
	/* a late suffix within end_ms still belongs to the scan */
	t = type(w, CODE, 1000, 9);
	wedge_key(w, WEDGE_ENTER, t + 80);
	drain(w, t + 80, got, sizeof(got));
	T_STREQ(got, "S:" CODE "|");
	wedge_free(w);
}

/* 10 KB in one fast burst: one scan, truncated, nothing typed; typing works afterwards. */
T_TEST(wedge_10kb_burst)
{
	static struct wedge_event e;
	struct wedge *w = new_wedge();
	char *big = malloc(10241), got[512];
	int64_t t;

	T_CHECK(w != NULL && big != NULL);
	for (int i = 0; i < 10240; i++)
		big[i] = (char)('0' + i % 10);
	big[10240] = '\0';
	t = type(w, big, 0, 1);
	wedge_key(w, WEDGE_ENTER, t + 1);
	T_EQ(wedge_poll(w, t + 1, &e), 1);
	T_EQ(e.type, WEDGE_EV_SCAN);
	T_EQ(e.scan.truncated, 1);
	T_EQ(e.scan.len, SCAN_DATA_MAX);
	T_EQ(strlen(e.scan.data), SCAN_DATA_MAX);
	T_CHECK(memcmp(e.scan.data, big, SCAN_DATA_MAX) == 0);
	drain(w, t + 1000, got, sizeof(got));
	T_STREQ(got, "");
	/* the same without a suffix, and all in one text event */
	T_OK(wedge_text(w, big, 100000));
	T_EQ(wedge_poll(w, 100099, &e), 0);
	T_EQ(wedge_poll(w, 100100, &e), 1);
	T_EQ(e.type, WEDGE_EV_SCAN);
	T_EQ(e.scan.truncated, 1);
	T_EQ(e.scan.len, SCAN_DATA_MAX);
	T_EQ(wedge_poll(w, 100100, &e), 0);
	type(w, "ok", 200000, 200);
	drain(w, 300000, got, sizeof(got));
	T_STREQ(got, "T:ok|");
	free(big);
	wedge_free(w);
}

/* The exact limits: a gap of max_gap_ms is fast, one more is not; min_len and noend_len. */
T_TEST(wedge_timing_boundaries)
{
	struct wedge *w = new_wedge();
	char got[512];
	int64_t t;

	T_CHECK(w != NULL);
	t = type(w, "ABCD", 0, 35);          /* gaps of exactly 35: fast */
	wedge_key(w, WEDGE_ENTER, t + 35);
	drain(w, t + 35, got, sizeof(got));
	T_STREQ(got, "S:ABCD|");
	t = type(w, "ABCD", 1000, 36);       /* gaps of 36: a person */
	wedge_key(w, WEDGE_ENTER, t + 36);
	drain(w, t + 36, got, sizeof(got));
	T_STREQ(got, "T:ABCD|K:0|");
	t = type(w, "ABC", 2000, 5);         /* 3 < min_len: typing and a key */
	wedge_key(w, WEDGE_ENTER, t + 5);
	drain(w, t + 5, got, sizeof(got));
	T_STREQ(got, "T:ABC|K:0|");
	t = type(w, "ABCDEFG", 3000, 5);     /* 7 < noend_len, no suffix: typing */
	drain(w, t + 35, got, sizeof(got));
	T_STREQ(got, "");
	drain(w, t + 36, got, sizeof(got));
	T_STREQ(got, "T:ABCDEFG|");
	t = type(w, "ABCDEFGH", 4000, 5);    /* 8: a scan, decided after end_ms */
	drain(w, t + 36, got, sizeof(got));
	T_STREQ(got, "");
	drain(w, t + 100, got, sizeof(got));
	T_STREQ(got, "S:ABCDEFGH|");
	/* a burst that slows down midway, before 8 characters: all typing, in order */
	t = type(w, "abc", 5000, 10);
	t = type(w, "de", t + 80, 80);
	drain(w, t + 36, got, sizeof(got));
	T_STREQ(got, "T:abcde|");
	wedge_free(w);
}

/* Characters, not bytes: Vietnamese letters count once each and are never split. */
T_TEST(wedge_utf8)
{
	struct wedge *w = new_wedge();
	char got[512];

	T_CHECK(w != NULL);
	wedge_text(w, "đ", 0);
	wedge_text(w, "ơ", 10);
	wedge_text(w, "ạ", 20);
	wedge_key(w, WEDGE_ENTER, 25);
	drain(w, 25, got, sizeof(got));
	T_STREQ(got, "T:đơạ|K:0|");
	wedge_free(w);
}

T_TEST(wedge_bad_config)
{
	struct wedge_config c = WEDGE_CONFIG_DEFAULT;
	struct wedge *w = (struct wedge *)&c;

	c.end_ms = c.max_gap_ms;
	T_EQ(wedge_new(&c, &w), ERR_INVAL);
	T_CHECK(w == NULL);
	c = (struct wedge_config)WEDGE_CONFIG_DEFAULT;
	c.min_len = 0;
	T_EQ(wedge_new(&c, &w), ERR_INVAL);
	c = (struct wedge_config)WEDGE_CONFIG_DEFAULT;
	c.noend_len = 2;
	T_EQ(wedge_new(&c, &w), ERR_INVAL);
	T_EQ(wedge_new(NULL, &w), ERR_INVAL);
	wedge_free(NULL);
}
