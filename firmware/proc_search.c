/* proc_search: the index keeps, per procedure, its folded words, each with its source (own
 * name, field, service) and position, and its code's digits; a search folds the query the
 * same way, scores every procedure (score_proc) and sorts the matches. Start at
 * proc_search_run. */
#include "proc_search.h"

#include "err.h"
#include "fold.h"
#include "telex.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define IDX_WORDS 64
#define QUERY_WORDS 12

/* Points; a better kind of match always outweighs every bonus below it. */
enum {
	PT_CODE_EXACT = 100000,
	PT_CODE_PREFIX = 60000,
	PT_NAME_WORD = 1000,
	PT_NAME_PREFIX = 600,
	PT_OTHER_WORD = 400,
	PT_OTHER_PREFIX = 200,
	PT_MARKS_SAME = 120,      /* the marks typed are the word's */
	PT_MARKS_OTHER = -150,    /* marks typed that the word does not have */
	PT_IN_ORDER = 40,         /* the next query word is the next word of the name */
	PT_OWN_SERVICE = 30,
};

enum src { SRC_NAME, SRC_OTHER };

struct iword {
	unsigned short off;           /* into ent.text */
	unsigned char src, pos;       /* pos: index in its name, for the order bonus */
	char marks[FOLD_MARKS_MAX];
};

struct ent {
	char *text;                   /* folded words, each NUL-terminated */
	struct iword w[IDX_WORDS];
	int nw;
	char code[PROC_CODE_MAX];     /* digits only: "1001193" */
	const char *code_tail;        /* the digits after the dot: "001193" */
	size_t name_len;
	uint32_t firsts;              /* a bit for the first byte of each word (first_bit) */
	bool own;
};

struct proc_search {
	const struct proc_set *set;
	struct ent *ents;
	size_t n;
};

/* A match being ranked: its score, then the shorter name, then the set's order. */
struct cand {
	int score;
	size_t len, idx;
};

/* ---- index ------------------------------------------------------------------------------ */

/* Words are compared only when their first bytes can match: a procedure lacking the first
 * letter of a typed word is passed over without a comparison. */
static uint32_t first_bit(const char *word)
{
	return 1u << ((unsigned char)word[0] & 31u);
}

/* Adds the words of text to e from source src, as many as fit in its IDX_WORDS and text. */
static void add_words(struct ent *e, const char *text, enum src src, size_t *used, size_t cap)
{
	struct fold_word fw[IDX_WORDS];
	char buf[FOLD_MAX];
	int n = fold_words(text, fw, IDX_WORDS - e->nw, buf, sizeof(buf));

	for (int i = 0; i < n && e->nw < IDX_WORDS; i++) {
		size_t len = strlen(fw[i].text) + 1;
		struct iword *w = &e->w[e->nw];

		if (*used + len > cap || *used + len > 65535)
			break;
		memcpy(e->text + *used, fw[i].text, len);
		w->off = (unsigned short)*used;
		w->src = (unsigned char)src;
		w->pos = (unsigned char)(i < 255 ? i : 255);
		e->firsts |= first_bit(fw[i].text);
		memcpy(w->marks, fw[i].marks, sizeof(w->marks));
		*used += len;
		e->nw++;
	}
}

static bool service_is_own(const struct catalog *cat, const char *prefix)
{
	return cat && catalog_service_find(cat, prefix);
}

static int index_one(struct ent *e, const struct proc_set *set, const struct proc *p,
		     const struct catalog *cat)
{
	const struct proc_field *f = proc_field_find(set, p->field_id);
	size_t used = 0, cap = 4 * FOLD_MAX;
	const char *dot = strchr(p->code, '.');

	e->text = malloc(cap);
	if (!e->text)
		return ERR_NOMEM;
	add_words(e, p->name[LANG_VI], SRC_NAME, &used, cap);
	if (strcmp(p->name[LANG_EN], p->name[LANG_VI]) != 0)
		add_words(e, p->name[LANG_EN], SRC_NAME, &used, cap);
	for (int l = 0; f && l < LANG_COUNT; l++)
		add_words(e, f->name[l], SRC_OTHER, &used, cap);
	for (int i = 0; i < p->nservices; i++) {
		const struct catalog_service *sv = cat ? catalog_service_find(cat, p->services[i])
						       : NULL;

		if (service_is_own(cat, p->services[i]))
			e->own = true;
		if (sv)
			add_words(e, sv->name[LANG_VI], SRC_OTHER, &used, cap);
	}
	for (size_t i = 0, k = 0; p->code[i] && k + 1 < sizeof(e->code); i++)
		if (p->code[i] != '.') {
			e->code[k++] = p->code[i];
			e->code[k] = '\0';
		}
	e->code_tail = e->code + (dot ? (size_t)(dot - p->code) : 0);
	e->name_len = strlen(p->name[LANG_VI]);
	return 0;
}

int proc_search_new(const struct proc_set *s, const struct catalog *cat, struct proc_search **out)
{
	struct proc_search *q = calloc(1, sizeof(*q));
	size_t n = proc_count(s);

	*out = NULL;
	if (!q)
		return ERR_NOMEM;
	q->set = s;
	q->ents = calloc(n ? n : 1, sizeof(*q->ents));
	if (!q->ents) {
		proc_search_free(q);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++, q->n++)
		if (index_one(&q->ents[i], s, proc_at(s, i), cat)) {
			proc_search_free(q);
			return ERR_NOMEM;
		}
	*out = q;
	return 0;
}

void proc_search_free(struct proc_search *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n; i++)
		free(q->ents[i].text);
	free(q->ents);
	free(q);
}

bool proc_search_own(const struct proc_search *q, const struct proc *p)
{
	size_t i = proc_index(q->set, p);

	return i < q->n && q->ents[i].own;
}

/* ---- scoring ---------------------------------------------------------------------------- */

struct query {
	struct fold_word w[QUERY_WORDS];
	int n;
	bool last_prefix;             /* the last word may be a prefix */
	uint32_t firsts;              /* first_bit of every word */
	char code[PROC_CODE_MAX];     /* the query's digits when it is only digits, dots, blanks */
	char buf[PROC_QUERY_MAX * 2];
};

static void parse_query(struct query *qq, const char *query, bool typing)
{
	char text[PROC_QUERY_MAX];
	size_t len = strlen(query), k = 0, digits = 0;
	bool code = true;

	memset(qq, 0, sizeof(*qq));
	if (len >= sizeof(text))
		len = sizeof(text) - 1;
	while (len > 0 && ((unsigned char)query[len] & 0xC0) == 0x80)
		len--;   /* never half a character */
	memcpy(text, query, len);
	text[len] = '\0';
	qq->n = fold_words(text, qq->w, QUERY_WORDS, qq->buf, sizeof(qq->buf));
	if (qq->n < 0)
		qq->n = 0;
	qq->last_prefix = typing && len > 0 && text[len - 1] != ' ';
	for (int i = 0; i < qq->n; i++)
		qq->firsts |= first_bit(qq->w[i].text);
	for (size_t i = 0; i < len && code; i++) {
		if (text[i] >= '0' && text[i] <= '9') {
			if (k + 1 < sizeof(qq->code))
				qq->code[k++] = text[i];
			digits++;
		} else if (text[i] != '.' && text[i] != ' ') {
			code = false;
		}
	}
	if (!code || digits < 3)
		qq->code[0] = '\0';
	else
		qq->code[k] = '\0';
}

static int code_points(const struct ent *e, const struct query *qq, bool typing)
{
	size_t n = strlen(qq->code);

	if (!n)
		return 0;
	if (strcmp(e->code, qq->code) == 0 || strcmp(e->code_tail, qq->code) == 0)
		return PT_CODE_EXACT;
	if (typing && (strncmp(e->code, qq->code, n) == 0 || strncmp(e->code_tail, qq->code, n) == 0))
		return PT_CODE_PREFIX;
	return 0;
}

static int marks_points(const struct fold_word *qw, const struct iword *w)
{
	if (!qw->marks[0])
		return 0;
	return strcmp(qw->marks, w->marks) == 0 ? PT_MARKS_SAME : PT_MARKS_OTHER;
}

/* The best word of e for query word i: its points (0: none) and the word in *best. */
static int word_points(const struct ent *e, const struct query *qq, int i, int *best)
{
	const struct fold_word *qw = &qq->w[i];
	size_t qlen = strlen(qw->text);
	bool prefix_ok = qq->last_prefix && i == qq->n - 1;
	int top = 0;

	*best = -1;
	for (int j = 0; j < e->nw; j++) {
		const struct iword *w = &e->w[j];
		const char *t = e->text + w->off;
		bool name = w->src == SRC_NAME;
		int pts;

		if (t[0] != qw->text[0])
			continue;
		if (strcmp(t, qw->text) == 0)
			pts = name ? PT_NAME_WORD : PT_OTHER_WORD;
		else if (prefix_ok && strncmp(t, qw->text, qlen) == 0)
			pts = name ? PT_NAME_PREFIX : PT_OTHER_PREFIX;
		else
			continue;
		pts += marks_points(qw, w);
		if (pts > top) {
			top = pts;
			*best = j;
		}
	}
	return top;
}

/* The query's score for e, 0 when it does not match. */
static int score_ent(const struct ent *e, const struct query *qq, bool typing)
{
	int total = code_points(e, qq, typing), prev = -1;

	if (total)
		return total + (e->own ? PT_OWN_SERVICE : 0);
	if (qq->n == 0 || (qq->firsts & ~e->firsts))
		return 0;
	for (int i = 0; i < qq->n; i++) {
		int j, pts = word_points(e, qq, i, &j);

		if (pts <= 0)
			return 0;
		total += pts;
		if (prev >= 0 && e->w[j].src == SRC_NAME && e->w[prev].src == SRC_NAME &&
		    e->w[j].pos == e->w[prev].pos + 1 && j == prev + 1)
			total += PT_IN_ORDER;
		prev = j;
	}
	return total + (e->own ? PT_OWN_SERVICE : 0);
}


static bool better(const struct cand *x, const struct cand *y)
{
	if (x->score != y->score)
		return x->score > y->score;
	if (x->len != y->len)
		return x->len < y->len;
	return x->idx < y->idx;
}

/* Keeps the best max candidates in top[0..*n), best first: only the few shown are ordered,
 * so a one-letter query matching every procedure costs a pass, not a sort of them all. */
static void keep_best(struct cand *top, size_t *n, size_t max, struct cand c)
{
	size_t i;

	if (*n == max && !better(&c, &top[max - 1]))
		return;
	i = *n < max ? (*n)++ : max - 1;
	while (i > 0 && better(&c, &top[i - 1])) {
		top[i] = top[i - 1];
		i--;
	}
	top[i] = c;
}

size_t proc_search_run(struct proc_search *q, const char *query, bool typing,
		       struct proc_hit *out, size_t max)
{
	struct cand top[64];
	struct query qq, tq;
	char composed[PROC_QUERY_MAX * 2];
	size_t nhits = 0, ntop = 0;
	bool telex;

	if (max > sizeof(top) / sizeof(top[0]))
		max = sizeof(top) / sizeof(top[0]);
	parse_query(&qq, query, typing);
	if (qq.n == 0 && !qq.code[0])
		return 0;
	/* raw Telex keys from a keyboard that does not compose ("ddangw kys"): searched as
	 * composed too, each procedure keeping its better score */
	telex = telex_compose(query, composed, sizeof(composed)) == 0 &&
		strcmp(composed, query) != 0;
	if (telex)
		parse_query(&tq, composed, typing);
	for (size_t i = 0; i < q->n; i++) {
		int s = score_ent(&q->ents[i], &qq, qq.last_prefix);

		if (telex) {
			int t = score_ent(&q->ents[i], &tq, tq.last_prefix);

			s = t > s ? t : s;
		}

		if (s <= 0)
			continue;
		nhits++;
		if (max)
			keep_best(top, &ntop, max, (struct cand){ s, q->ents[i].name_len, i });
	}
	for (size_t i = 0; i < ntop; i++)
		out[i] = (struct proc_hit){ proc_at(q->set, top[i].idx), top[i].score };
	return nhits;
}
