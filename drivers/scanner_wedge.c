/* scanner_wedge: the burst being held, and a queue of decided events.
 *
 * Every character or key goes through on_char / on_key, which look at the gap since the
 * previous one and either grow the held burst or decide it (close_burst) before going on.
 * wedge_poll decides a burst that time alone has settled, then hands out the queue. */
#include "scanner_wedge.h"

#include "firmware/config.h"
#include "firmware/err.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUEUE 64

struct item {
	enum wedge_event_type type;
	enum wedge_key key;
	char text[WEDGE_TEXT_MAX];
	struct scan_result *scan;    /* owned */
};

struct wedge {
	struct wedge_config cfg;
	/* the held burst */
	char buf[SCAN_DATA_MAX];
	size_t len;                  /* bytes held */
	int chars;                   /* characters in the burst (also those past the cap) */
	bool over;                   /* more than SCAN_DATA_MAX bytes: the rest is swallowed */
	int64_t last_ms;             /* of the burst's last character */
	int64_t suffix_ms;           /* a scan just ended with Enter/Tab here; -1: none */
	struct item q[QUEUE];
	int head, count;
};

void wedge_config_from(const struct config_scanner *cfg, struct wedge_config *out)
{
	out->max_gap_ms = cfg->wedge_max_gap_ms;
	out->min_len = cfg->wedge_min_len;
	out->end_ms = cfg->wedge_end_ms;
	out->noend_len = cfg->wedge_min_len > 8 ? cfg->wedge_min_len : 8;
}

int wedge_new(const struct wedge_config *cfg, struct wedge **out)
{
	struct wedge *w;

	*out = NULL;
	if (!cfg || cfg->max_gap_ms < 1 || cfg->min_len < 1 || cfg->end_ms <= cfg->max_gap_ms ||
	    cfg->noend_len < cfg->min_len)
		return ERR_INVAL;
	w = calloc(1, sizeof(*w));
	if (!w)
		return ERR_NOMEM;
	w->cfg = *cfg;
	w->suffix_ms = -1;
	*out = w;
	return 0;
}

void wedge_free(struct wedge *w)
{
	if (!w)
		return;
	for (int i = 0; i < w->count; i++)
		free(w->q[(w->head + i) % QUEUE].scan);
	free(w);
}

/* A free slot at the tail of the queue, or NULL when it is full. */
static struct item *push(struct wedge *w, enum wedge_event_type type)
{
	struct item *it;

	if (w->count == QUEUE)
		return NULL;
	it = &w->q[(w->head + w->count++) % QUEUE];
	memset(it, 0, sizeof(*it));
	it->type = type;
	return it;
}

static int push_key(struct wedge *w, enum wedge_key k)
{
	struct item *it = push(w, WEDGE_EV_KEY);

	if (!it)
		return ERR_RANGE;
	it->key = k;
	return 0;
}

/* Bytes of the UTF-8 character starting with c (1 for a stray continuation byte). */
static size_t char_len(unsigned char c)
{
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* Typed text, appended to the last queued text when it fits (whole characters only). */
static int push_text(struct wedge *w, const char *s, size_t n)
{
	while (n > 0) {
		struct item *last = w->count ? &w->q[(w->head + w->count - 1) % QUEUE] : NULL;
		size_t have = last && last->type == WEDGE_EV_TEXT ? strlen(last->text) : 0;
		size_t take = 0;

		if (!last || last->type != WEDGE_EV_TEXT || have + char_len((unsigned char)*s) >=
							     WEDGE_TEXT_MAX) {
			if (!(last = push(w, WEDGE_EV_TEXT)))
				return ERR_RANGE;
			have = 0;
		}
		while (take < n && have + take + char_len((unsigned char)s[take]) < WEDGE_TEXT_MAX)
			take += char_len((unsigned char)s[take]);
		take = take > n ? n : take;
		memcpy(last->text + have, s, take);
		last->text[have + take] = '\0';
		s += take;
		n -= take;
	}
	return 0;
}

static int push_scan(struct wedge *w)
{
	struct item *it = push(w, WEDGE_EV_SCAN);
	struct scan_result *r = it ? calloc(1, sizeof(*r)) : NULL;

	if (!r) {
		if (it)
			w->count--;
		return it ? ERR_NOMEM : ERR_RANGE;
	}
	snprintf(r->symbology, sizeof(r->symbology), "KEYED");
	memcpy(r->data, w->buf, w->len);
	r->data[w->len] = '\0';
	r->len = w->len;
	r->truncated = w->over;
	it->scan = r;
	return 0;
}

static bool is_scan_without_suffix(const struct wedge *w)
{
	return w->over || w->chars >= w->cfg.noend_len;
}

/* Decides the held burst: a scan, or the person's typing. */
static int close_burst(struct wedge *w, bool scan)
{
	int rc = 0;

	if (w->chars > 0)
		rc = scan ? push_scan(w) : push_text(w, w->buf, w->len);
	w->len = 0;
	w->chars = 0;
	w->over = false;
	return rc;
}

static void hold(struct wedge *w, const char *c, size_t n, int64_t t)
{
	if (w->over || w->len + n > SCAN_DATA_MAX)
		w->over = true;
	else {
		memcpy(w->buf + w->len, c, n);
		w->len += n;
	}
	w->chars++;
	w->last_ms = t;
}

static bool fast(const struct wedge *w, int64_t t)
{
	return t - w->last_ms <= w->cfg.max_gap_ms;
}

static int on_char(struct wedge *w, const char *c, size_t n, int64_t t)
{
	int rc = 0;

	if (w->chars > 0 && !fast(w, t))
		rc = close_burst(w, is_scan_without_suffix(w));
	hold(w, c, n, t);
	return rc;
}

static bool is_suffix(enum wedge_key k)
{
	return k == WEDGE_ENTER || k == WEDGE_TAB;
}

/* Enter or Tab with a burst held: the end of a scan, or a key after typing. */
static int on_suffix(struct wedge *w, enum wedge_key k, int64_t t)
{
	bool quick = fast(w, t);
	bool scan = (quick && (w->chars >= w->cfg.min_len || w->over)) ||
		    (!quick && is_scan_without_suffix(w) && t - w->last_ms < w->cfg.end_ms);
	int rc;

	if (scan) {
		rc = close_burst(w, true);
		w->suffix_ms = t;
		return rc;
	}
	rc = close_burst(w, !quick && is_scan_without_suffix(w));
	return rc ? rc : push_key(w, k);
}

static int on_key(struct wedge *w, enum wedge_key k, int64_t t)
{
	int rc;

	if (w->chars > 0 && is_suffix(k))
		return on_suffix(w, k, t);
	/* CR LF, or Enter then Tab: the second key of a scan's suffix */
	if (w->chars == 0 && is_suffix(k) && w->suffix_ms >= 0 &&
	    t - w->suffix_ms <= w->cfg.max_gap_ms) {
		w->suffix_ms = -1;
		return 0;
	}
	rc = close_burst(w, is_scan_without_suffix(w));
	return rc ? rc : push_key(w, k);
}

int wedge_key(struct wedge *w, enum wedge_key k, int64_t t_ms)
{
	return on_key(w, k, t_ms);
}

int wedge_text(struct wedge *w, const char *utf8, int64_t t_ms)
{
	int rc = 0;

	for (const char *s = utf8; *s && rc == 0;) {
		size_t n = char_len((unsigned char)*s);

		if (*s == '\r' || *s == '\n' || *s == '\t') {
			rc = on_key(w, *s == '\t' ? WEDGE_TAB : WEDGE_ENTER, t_ms);
			s++;
			continue;
		}
		for (size_t i = 1; i < n; i++)
			if (!s[i])
				n = i; /* a cut character: keep what there is */
		rc = on_char(w, s, n, t_ms);
		s += n;
	}
	return rc;
}

int64_t wedge_deadline(const struct wedge *w)
{
	if (w->chars == 0)
		return -1;
	return w->last_ms + (is_scan_without_suffix(w) ? w->cfg.end_ms : w->cfg.max_gap_ms + 1);
}

int wedge_poll(struct wedge *w, int64_t now_ms, struct wedge_event *out)
{
	struct item *it;

	if (w->chars > 0 && !fast(w, now_ms)) {
		if (!is_scan_without_suffix(w))
			close_burst(w, false);
		else if (now_ms - w->last_ms >= w->cfg.end_ms)
			close_burst(w, true);
	}
	if (w->count == 0)
		return 0;
	it = &w->q[w->head];
	w->head = (w->head + 1) % QUEUE;
	w->count--;
	out->type = it->type;
	out->key = it->key;
	memcpy(out->text, it->text, sizeof(out->text));
	if (it->scan) {
		out->scan = *it->scan;
		free(it->scan);
		it->scan = NULL;
	} else {
		memset(&out->scan, 0, sizeof(out->scan));
	}
	return 1;
}
