/* speech: the parts a phrase may hold, each checked as it is added, and their words
 * (speech.h). Number words follow the usual spoken forms: "mười lăm", "hai mươi mốt",
 * "hai mươi tư", "một trăm linh năm", "một nghìn không trăm hai mươi". */
#include "speech.h"

#include "catalog.h"
#include "dossier.h"
#include "err.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

/* A bounded text being written; once it does not fit it stays failed. */
struct out {
	char *p;
	size_t len, used;
	bool full;
};

static void put(struct out *o, const char *s)
{
	size_t n = strlen(s);

	if (o->full || o->used + n >= o->len) {
		o->full = true;
		return;
	}
	memcpy(o->p + o->used, s, n + 1);
	o->used += n;
}

/* A word, with a space before it unless it starts the text or follows a space. */
static void word(struct out *o, const char *w)
{
	if (o->used && o->p[o->used - 1] != ' ')
		put(o, " ");
	put(o, w);
}

static const char *const vi_digit[10] = { "không", "một", "hai", "ba", "bốn",
					  "năm", "sáu", "bảy", "tám", "chín" };

/* 0..999; full: a higher group came before, so "không trăm" and "linh" are said. */
static void vi_group(struct out *o, int n, bool full)
{
	int h = n / 100, t = n / 10 % 10, u = n % 10;

	if (h || full) {
		word(o, vi_digit[h]);
		word(o, "trăm");
	}
	if (t == 0) {
		if (u && (h || full))
			word(o, "linh");
		if (u)
			word(o, vi_digit[u]);
		return;
	}
	if (t == 1)
		word(o, "mười");
	else {
		word(o, vi_digit[t]);
		word(o, "mươi");
	}
	if (u == 5)
		word(o, "lăm");
	else if (u == 1 && t > 1)
		word(o, "mốt");
	else if (u == 4 && t > 1)
		word(o, "tư");
	else if (u)
		word(o, vi_digit[u]);
}

static void vi_number(struct out *o, int n)
{
	if (n == 0) {
		word(o, vi_digit[0]);
		return;
	}
	if (n >= 1000) {
		vi_group(o, n / 1000, false);
		word(o, "nghìn");
		if (n % 1000)
			vi_group(o, n % 1000, true);
		return;
	}
	vi_group(o, n, false);
}

static const char *const en_small[20] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
	"eighteen", "nineteen",
};
static const char *const en_tens[10] = { "", "", "twenty", "thirty", "forty", "fifty",
					 "sixty", "seventy", "eighty", "ninety" };

/* 1..99. */
static void en_tens_units(struct out *o, int n)
{
	if (n < 20) {
		word(o, en_small[n]);
		return;
	}
	word(o, en_tens[n / 10]);
	if (n % 10) {
		put(o, "-");
		put(o, en_small[n % 10]);
	}
}

/* 1..999. */
static void en_group(struct out *o, int n)
{
	if (n >= 100) {
		word(o, en_small[n / 100]);
		word(o, "hundred");
		if (n % 100)
			word(o, "and");
	}
	if (n % 100)
		en_tens_units(o, n % 100);
}

static void en_number(struct out *o, int n)
{
	if (n == 0) {
		word(o, en_small[0]);
		return;
	}
	if (n >= 1000) {
		en_group(o, n / 1000);
		word(o, "thousand");
		if (n % 1000 && n % 1000 < 100)
			word(o, "and");
	}
	if (n % 1000)
		en_group(o, n % 1000);
}

static void number(struct out *o, enum lang l, int n)
{
	if (l == LANG_VI)
		vi_number(o, n);
	else
		en_number(o, n);
}

int speech_number_words(enum lang l, int n, char *out, size_t len)
{
	struct out o = { out, len, 0, len == 0 };

	if (len)
		out[0] = '\0';
	if (n < 0 || n > SPEECH_NUMBER_MAX)
		return ERR_INVAL;
	number(&o, l, n);
	if (o.full && len)
		out[0] = '\0';
	return o.full ? ERR_RANGE : 0;
}

/* How the letters of a service prefix are called, A to Z. */
static const char *const vi_letter[26] = {
	"a", "bê", "xê", "dê", "e", "ép", "giê", "hát", "i", "gi", "ca", "e lờ", "em mờ",
	"en nờ", "o", "pê", "quy", "e rờ", "ét xì", "tê", "u", "vê", "vê kép", "ích xì",
	"i dài", "dét",
};
static const char *const en_letter[26] = {
	"ay", "bee", "see", "dee", "ee", "ef", "jee", "aitch", "eye", "jay", "kay", "el", "em",
	"en", "oh", "pee", "cue", "ar", "ess", "tee", "you", "vee", "double-you", "ex", "why",
	"zed",
};

void speech_init(struct speech *s, enum lang l)
{
	memset(s, 0, sizeof(*s));
	s->lang = l == LANG_EN ? LANG_EN : LANG_VI;
}

static struct speech_part *add(struct speech *s, enum speech_kind k)
{
	struct speech_part *p;

	if (s->n >= SPEECH_MAX_PARTS)
		return NULL;
	p = &s->part[s->n++];
	memset(p, 0, sizeof(*p));
	p->kind = k;
	return p;
}

/* A key is lower-case letters, digits and '_', known to the catalogues, and stands alone
 * (a template with "{}" needs its value, which only the part kinds below supply). */
static bool known_key(const struct speech_src *src, const char *key)
{
	const char *v;
	size_t n = strlen(key);

	if (n == 0 || n >= SPEECH_KEY_MAX || key[strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_")])
		return false;
	v = i18n_get(src->i18n, LANG_VI, key);
	return v != key && strcmp(v, key) != 0 && !strstr(v, "{}");
}

int speech_key(struct speech *s, const struct speech_src *src, const char *key)
{
	struct speech_part *p;

	if (!key || !known_key(src, key))
		return ERR_INVAL;
	if (!(p = add(s, SPEECH_KEY)))
		return ERR_RANGE;
	memcpy(p->key, key, strlen(key) + 1);
	return 0;
}

int speech_number(struct speech *s, int n)
{
	struct speech_part *p;

	if (n < 0 || n > SPEECH_NUMBER_MAX)
		return ERR_INVAL;
	if (!(p = add(s, SPEECH_NUMBER)))
		return ERR_RANGE;
	p->n = n;
	return 0;
}

static const struct catalog_service *service(const struct speech_src *src, const char *prefix)
{
	if (!src->cat || !prefix || !prefix[0] || strlen(prefix) > 2 ||
	    prefix[strspn(prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")])
		return NULL;
	return catalog_service_find(src->cat, prefix);
}

int speech_ticket(struct speech *s, const struct speech_src *src, const char *prefix, int seq)
{
	struct speech_part *p;

	if (!service(src, prefix) || seq < 1 || seq > 9999)
		return ERR_INVAL;
	if (!(p = add(s, SPEECH_TICKET)))
		return ERR_RANGE;
	memcpy(p->key, prefix, strlen(prefix) + 1);
	p->n = seq;
	return 0;
}

int speech_service(struct speech *s, const struct speech_src *src, const char *prefix)
{
	struct speech_part *p;

	if (!service(src, prefix))
		return ERR_INVAL;
	if (!(p = add(s, SPEECH_SERVICE)))
		return ERR_RANGE;
	memcpy(p->key, prefix, strlen(prefix) + 1);
	return 0;
}

/* "1, 2" into numbers; false for anything else. */
static bool parse_counters(const char *v, int out[8], int *n)
{
	*n = 0;
	while (*v) {
		int x = 0, digits = 0;

		v += strspn(v, " ");
		while (*v >= '0' && *v <= '9' && digits < 4) {
			x = x * 10 + (*v++ - '0');
			digits++;
		}
		v += strspn(v, " ");
		if (!digits || x < 1 || x > 999 || *n >= 8 || (*v && *v != ','))
			return false;
		out[(*n)++] = x;
		v += *v == ',';
	}
	return *n > 0;
}

int speech_counters(struct speech *s, const char *counters)
{
	struct speech_part tmp = { .kind = SPEECH_COUNTERS }, *p;

	if (!counters || !parse_counters(counters, tmp.counters, &tmp.ncounters))
		return ERR_INVAL;
	if (!(p = add(s, SPEECH_COUNTERS)))
		return ERR_RANGE;
	*p = tmp;
	return 0;
}

int speech_counter(struct speech *s, const struct speech_src *src, const char *id)
{
	struct speech_part *p;

	if (!src->cat || !id || strlen(id) >= SPEECH_KEY_MAX || !catalog_counter_find(src->cat, id))
		return ERR_INVAL;
	if (!(p = add(s, SPEECH_COUNTER)))
		return ERR_RANGE;
	memcpy(p->key, id, strlen(id) + 1);
	return 0;
}

int speech_field(struct speech *s, const struct speech_src *src, const char *id)
{
	struct speech_part *p;

	if (!src->cat || !id || strlen(id) >= SPEECH_KEY_MAX || !catalog_field_find(src->cat, id))
		return ERR_INVAL;
	if (!(p = add(s, SPEECH_FIELD)))
		return ERR_RANGE;
	memcpy(p->key, id, strlen(id) + 1);
	return 0;
}

int speech_status(struct speech *s, int status)
{
	struct speech_part *p;

	if (status < 1 || status > 10)
		return ERR_INVAL;
	if (!(p = add(s, SPEECH_STATUS)))
		return ERR_RANGE;
	p->n = status;
	return 0;
}

/* Catalogue text without the marks a reader should not voice. */
static void clean(struct out *o, const char *v)
{
	static const char *const drop[] = { "‹", "›", "…", NULL };

	while (*v) {
		size_t skip = 0;

		for (int i = 0; drop[i] && !skip; i++)
			if (strncmp(v, drop[i], strlen(drop[i])) == 0)
				skip = strlen(drop[i]);
		if (skip) {
			v += skip;
			continue;
		}
		if (*v == ' ' && (o->used == 0 || o->p[o->used - 1] == ' ')) {
			v++;
			continue;
		}
		char c[2] = { *v++, '\0' };
		put(o, c);
	}
	while (o->used && o->p[o->used - 1] == ' ')
		o->p[--o->used] = '\0';
}

static void ticket(struct out *o, enum lang l, const struct speech_part *p)
{
	const char *const *names = l == LANG_VI ? vi_letter : en_letter;

	for (const char *c = p->key; *c; c++)
		word(o, names[*c - 'A']);
	put(o, ",");
	number(o, l, p->n);
}

static void counters(struct out *o, const struct speech_src *src, enum lang l,
		     const struct speech_part *p)
{
	const char *tmpl = i18n_get(src->i18n, l, "counters");
	const char *hole = strstr(tmpl, "{}");
	char head[64];
	size_t n = hole ? (size_t)(hole - tmpl) : strlen(tmpl);

	snprintf(head, sizeof(head), "%.*s", (int)n, tmpl);
	clean(o, head);
	for (int i = 0; i < p->ncounters; i++) {
		if (i)
			put(o, ",");
		number(o, l, p->counters[i]);
	}
}

static void part(struct out *o, const struct speech *s, const struct speech_src *src,
		 const struct speech_part *p)
{
	const struct catalog_service *sv;
	const struct catalog_counter *c;
	const struct catalog_field *f;

	switch (p->kind) {
	case SPEECH_KEY:
		clean(o, i18n_get(src->i18n, s->lang, p->key));
		break;
	case SPEECH_NUMBER:
		number(o, s->lang, p->n);
		break;
	case SPEECH_TICKET:
		ticket(o, s->lang, p);
		break;
	case SPEECH_SERVICE:
		if ((sv = service(src, p->key)))
			clean(o, sv->name[s->lang][0] ? sv->name[s->lang] : sv->name[LANG_VI]);
		break;
	case SPEECH_COUNTERS:
		counters(o, src, s->lang, p);
		break;
	case SPEECH_COUNTER:
		if (src->cat && (c = catalog_counter_find(src->cat, p->key)))
			clean(o, c->name[s->lang][0] ? c->name[s->lang] : c->name[LANG_VI]);
		break;
	case SPEECH_FIELD:
		if (src->cat && (f = catalog_field_find(src->cat, p->key)))
			clean(o, f->name[s->lang][0] ? f->name[s->lang] : f->name[LANG_VI]);
		break;
	case SPEECH_STATUS:
		clean(o, i18n_get(src->i18n, s->lang, dossier_status_key(p->n)));
		break;
	}
}

static int finish(struct out *o)
{
	if (o->full && o->len)
		o->p[0] = '\0';
	return o->full ? ERR_RANGE : 0;
}

int speech_part_text(const struct speech *s, const struct speech_src *src, int i, char *out,
		     size_t len)
{
	struct out o = { out, len, 0, len == 0 };

	if (len)
		out[0] = '\0';
	if (i < 0 || i >= s->n)
		return ERR_INVAL;
	part(&o, s, src, &s->part[i]);
	return finish(&o);
}

int speech_text(const struct speech *s, const struct speech_src *src, char *out, size_t len)
{
	struct out o = { out, len, 0, len == 0 };

	if (len)
		out[0] = '\0';
	for (int i = 0; i < s->n; i++) {
		if (i)
			put(&o, ". ");
		part(&o, s, src, &s->part[i]);
	}
	return finish(&o);
}
