/* proc: parsing in the catalogue's three steps (firmware/catalog.c): a [section] header opens
 * an entry (on_section), each key goes through its kind's table (on_key), and check() then
 * enforces what only the whole file can tell. Texts of procedures are kept in a pool of the
 * set (they vary from a word to a paragraph; fixed buffers for 2 000 procedures would cost
 * tens of megabytes); the repeatable paper and fee keys append to their procedure, and a
 * *_en key gives the English of the line just before it. */
#include "proc.h"

#include "err.h"
#include "inifile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PK_MAX 24
#define TEXT_MAX 512

struct pparse;

struct proc_ent {
	struct proc p;                /* first: a key's obj is &ent->p */
	struct pparse *pp;            /* during the parse only */
	int line;
	int key_line[PK_MAX];
	struct proc_paper papers[PROC_MAX_PAPERS];
	struct proc_fee fees[PROC_MAX_FEES];
	int last;                     /* what a *_en key follows: 0 nothing, 1 paper, 2 fee */
	int fee_none_line;
	int rank;                     /* of its field, for the sort */
};

struct field_ent {
	struct proc_field f;
	int line;
	int key_line[PK_MAX];
};

struct proc_set {
	struct field_ent *fields;
	size_t nfields;
	struct proc_ent *procs;
	size_t nprocs;
	char **pool;
	size_t npool, cappool;
};

struct pparse {
	struct proc_set *s;
	struct inifile_keys keys;
	bool nomem;
};

/* ---- setters ---------------------------------------------------------------------------- */

static struct proc_ent *ent_of(void *obj)
{
	return (struct proc_ent *)obj;
}

/* An NFC copy of v kept in the set's pool; NULL with why filled. */
static const char *keep(struct proc_ent *e, const char *v, char *why, size_t whylen)
{
	struct proc_set *s = e->pp->s;
	char buf[TEXT_MAX], *copy;
	int rc = inifile_text(v, buf, sizeof(buf));

	if (rc) {
		inifile_because(why, whylen, rc == ERR_RANGE ? "too long" : "invalid UTF-8");
		return NULL;
	}
	if (s->npool == s->cappool) {
		size_t cap = s->cappool ? s->cappool * 2 : 256;
		char **grown = realloc(s->pool, cap * sizeof(*grown));

		if (!grown)
			goto nomem;
		s->pool = grown;
		s->cappool = cap;
	}
	copy = strdup(buf);
	if (!copy)
		goto nomem;
	s->pool[s->npool++] = copy;
	return copy;
nomem:
	e->pp->nomem = true;
	inifile_because(why, whylen, "out of memory");
	return NULL;
}

/* A text member (const char *) of struct proc, at k->offset; k->min 1: not empty. */
static int set_str(void *obj, const struct inifile_key *k, const char *v, char *why,
		   size_t whylen)
{
	const char *t;

	if (k->min > 0 && !*v)
		return inifile_because(why, whylen, "must not be empty");
	t = keep(ent_of(obj), v, why, whylen);
	if (!t)
		return ERR_CONFIG;
	*(const char **)inifile_member(obj, k) = t;
	return 0;
}

/* [s, end) without its blanks into out (cut to fit). */
static void copy_word(char *out, size_t len, const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	snprintf(out, len, "%.*s", (int)(end - s), s);
}

static const char *const form_ids[] = { "original", "copy", "original_or_copy", "show", NULL };

/* "FORM, COUNT, name": the name is the rest of the line, commas and all. */
static int set_paper(void *obj, const struct inifile_key *k, const char *v, char *why,
		     size_t whylen)
{
	struct proc_ent *e = ent_of(obj);
	struct proc_paper *pa;
	const char *c1 = strchr(v, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
	char form[24], count[8];
	int f, n;

	(void)k;
	if (!c2)
		return inifile_because(why, whylen, "write FORM, COUNT, name (FORM: original, copy, "
				       "original_or_copy or show)");
	copy_word(form, sizeof(form), v, c1);
	copy_word(count, sizeof(count), c1 + 1, c2);
	for (f = 0; form_ids[f] && strcmp(form, form_ids[f]) != 0; f++)
		;
	if (!form_ids[f])
		return inifile_because(why, whylen, "form must be original, copy, original_or_copy "
				       "or show, got \"%s\"", form);
	if (inifile_int(count, 1, 20, &n))
		return inifile_because(why, whylen, "count must be 1 to 20, got \"%s\"", count);
	if (e->p.npapers == PROC_MAX_PAPERS)
		return inifile_because(why, whylen, "at most %d papers", PROC_MAX_PAPERS);
	v = c2 + 1 + strspn(c2 + 1, " ");
	if (!*v)
		return inifile_because(why, whylen, "the paper needs a name");
	pa = &e->papers[e->p.npapers];
	pa->name[LANG_VI] = keep(e, v, why, whylen);
	if (!pa->name[LANG_VI])
		return ERR_CONFIG;
	pa->form = (enum proc_form)f;
	pa->count = n;
	e->p.npapers++;
	e->last = 1;
	return 0;
}

static int set_fee(void *obj, const struct inifile_key *k, const char *v, char *why,
		   size_t whylen)
{
	struct proc_ent *e = ent_of(obj);
	struct proc_fee *fe;

	(void)k;
	if (e->fee_none_line || (strcmp(v, "none") == 0 && e->p.nfees))
		return inifile_because(why, whylen, "\"none\" must be the only fee line");
	if (strcmp(v, "none") == 0) {
		e->p.free_of_charge = true;
		e->fee_none_line = 1;
		e->last = 0;
		return 0;
	}
	if (!*v)
		return inifile_because(why, whylen, "must not be empty (write none for no fee)");
	if (e->p.nfees == PROC_MAX_FEES)
		return inifile_because(why, whylen, "at most %d fee lines", PROC_MAX_FEES);
	fe = &e->fees[e->p.nfees];
	fe->text[LANG_VI] = keep(e, v, why, whylen);
	if (!fe->text[LANG_VI])
		return ERR_CONFIG;
	e->p.nfees++;
	e->last = 2;
	return 0;
}

/* paper_en and fee_en: the English of the paper or fee line just before. */
static int set_en(void *obj, const struct inifile_key *k, const char *v, char *why,
		  size_t whylen)
{
	struct proc_ent *e = ent_of(obj);
	bool paper = strcmp(k->key, "paper_en") == 0;
	const char **slot;

	if (e->last != (paper ? 1 : 2))
		return inifile_because(why, whylen, "must follow the %s line it translates",
				       paper ? "paper" : "fee");
	slot = paper ? &e->papers[e->p.npapers - 1].name[LANG_EN]
		     : &e->fees[e->p.nfees - 1].text[LANG_EN];
	if (*slot)
		return inifile_because(why, whylen, "given twice for one line");
	if (!*v)
		return inifile_because(why, whylen, "must not be empty");
	*slot = keep(e, v, why, whylen);
	return *slot ? 0 : ERR_CONFIG;
}

static const char *const level_ids[] = { "commune", "province", "ministry", NULL };

static int set_level(void *obj, const struct inifile_key *k, const char *v, char *why,
		     size_t whylen)
{
	int i = inifile_choose(k, v, why, whylen);

	if (i < 0)
		return i;
	ent_of(obj)->p.level = (enum proc_level)i;
	return 0;
}

static const char *const way_ids[] = { "counter", "post", "online_part", "online_full", NULL };

/* Calls fn on each blank-trimmed word of a comma-separated list; the first non-zero stops. */
static int each_word(const char *v, int (*fn)(void *, const char *, size_t), void *user)
{
	const char *s = v + strspn(v, " \t");
	int rc = 0;

	while (*s && !rc) {
		size_t len = strcspn(s, ","), word = len;

		while (word > 0 && (s[word - 1] == ' ' || s[word - 1] == '\t'))
			word--;
		rc = fn(user, s, word);
		s += len + (s[len] == ',');
		s += strspn(s, " \t");
	}
	return rc;
}

static int add_way(void *user, const char *w, size_t len)
{
	unsigned *ways = user;

	for (int i = 0; way_ids[i]; i++)
		if (strlen(way_ids[i]) == len && strncmp(w, way_ids[i], len) == 0) {
			*ways |= 1u << i;
			return 0;
		}
	return ERR_CONFIG;
}

static int set_ways(void *obj, const struct inifile_key *k, const char *v, char *why,
		    size_t whylen)
{
	unsigned ways = 0;

	(void)k;
	if (each_word(v, add_way, &ways) || !ways)
		return inifile_because(why, whylen, "a list of counter, post, online_part, "
				       "online_full; got \"%s\"", v);
	ent_of(obj)->p.ways = ways;
	return 0;
}

static int add_service(void *user, const char *w, size_t len)
{
	struct proc *p = user;

	if (len < 1 || len > 2 || p->nservices == PROC_MAX_SERVICES)
		return ERR_CONFIG;
	for (size_t i = 0; i < len; i++)
		if (w[i] < 'A' || w[i] > 'Z')
			return ERR_CONFIG;
	snprintf(p->services[p->nservices++], sizeof(p->services[0]), "%.*s", (int)len, w);
	return 0;
}

static int set_services(void *obj, const struct inifile_key *k, const char *v, char *why,
			size_t whylen)
{
	struct proc *p = &ent_of(obj)->p;

	(void)k;
	p->nservices = 0;
	if (each_word(v, add_service, p))
		return inifile_because(why, whylen, "at most %d service prefixes (1-2 capital "
				       "letters), comma-separated; got \"%s\"", PROC_MAX_SERVICES, v);
	return 0;
}

/* The portal link goes into a QR code: https, printable ASCII, no blanks or quotes. */
static int set_url(void *obj, const struct inifile_key *k, const char *v, char *why,
		   size_t whylen)
{
	size_t n = strlen(v);

	if (strncmp(v, "https://", 8) != 0 || n < 9 || n > 255)
		return inifile_because(why, whylen, "must be an https:// address of at most 255 bytes");
	for (size_t i = 0; i < n; i++)
		if (v[i] <= ' ' || v[i] > '~' || v[i] == '"' || v[i] == '\'')
			return inifile_because(why, whylen, "must be printable ASCII without blanks "
					       "(percent-encode the rest)");
	return set_str(obj, k, v, why, whylen);
}

static int set_field_id(void *obj, const struct inifile_key *k, const char *v, char *why,
			size_t whylen)
{
	return inifile_set_text(&ent_of(obj)->p, k, v, why, whylen);
}

static int set_order(void *obj, const struct inifile_key *k, const char *v, char *why,
		     size_t whylen)
{
	return inifile_set_int(&ent_of(obj)->p, k, v, why, whylen);
}

/* ---- key tables ------------------------------------------------------------------------- */

#define PROC(m) .offset = offsetof(struct proc, m), .size = sizeof(((struct proc *)0)->m)
#define FIELD(m) .offset = offsetof(struct proc_field, m), \
	.size = sizeof(((struct proc_field *)0)->m)

enum { PK_NAME_VI, PK_NAME_EN, PK_FIELD, PK_LEVEL, PK_SERVICES, PK_PAPER, PK_FEE, PK_TIME_VI,
       PK_TIME_EN, PK_RESULT_VI, PK_RESULT_EN, PK_WAYS, PK_URL };
static const struct inifile_key proc_keys[] = {
	[PK_NAME_VI] = { NULL, "name_vi", set_str, PROC(name[LANG_VI]), .min = 1, .required = true },
	[PK_NAME_EN] = { NULL, "name_en", set_str, PROC(name[LANG_EN]), .min = 1 },
	[PK_FIELD] = { NULL, "field", set_field_id, PROC(field_id), .min = 1, .required = true },
	[PK_LEVEL] = { NULL, "level", set_level, .choices = level_ids, .required = true },
	[PK_SERVICES] = { NULL, "services", set_services },
	[PK_PAPER] = { NULL, "paper", set_paper, .required = true, .repeat = true },
	[PK_FEE] = { NULL, "fee", set_fee, .required = true, .repeat = true },
	[PK_TIME_VI] = { NULL, "time_vi", set_str, PROC(time[LANG_VI]), .min = 1, .required = true },
	[PK_TIME_EN] = { NULL, "time_en", set_str, PROC(time[LANG_EN]), .min = 1 },
	[PK_RESULT_VI] = { NULL, "result_vi", set_str, PROC(result[LANG_VI]), .min = 1,
	  .required = true },
	[PK_RESULT_EN] = { NULL, "result_en", set_str, PROC(result[LANG_EN]), .min = 1 },
	[PK_WAYS] = { NULL, "ways", set_ways, .required = true },
	[PK_URL] = { NULL, "url", set_url, PROC(url) },
	{ NULL, "paper_en", set_en, .repeat = true },
	{ NULL, "fee_en", set_en, .repeat = true },
	{ NULL, "order", set_order, PROC(order), .min = 0, .max = 9999 },
	{ NULL },
};

enum { FK_NAME_VI, FK_NAME_EN };
static const struct inifile_key field_keys[] = {
	[FK_NAME_VI] = { NULL, "name_vi", inifile_set_text, FIELD(name[LANG_VI]), .min = 1,
	  .required = true },
	[FK_NAME_EN] = { NULL, "name_en", inifile_set_text, FIELD(name[LANG_EN]), .min = 1 },
	{ NULL, "order", inifile_set_int, FIELD(order), .min = 0, .max = 9999 },
	{ NULL },
};

/* ---- sections --------------------------------------------------------------------------- */

static bool is_field_id(const char *s)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz0123456789_-";
	size_t n = strlen(s);

	return n > 0 && n < sizeof(((struct proc_field *)0)->id) && !s[strspn(s, ok)];
}

/* The national code: 1-3 digits, a dot, 6 digits ("1.001193", "2.000815"). */
static bool is_code(const char *s)
{
	size_t head = strspn(s, "0123456789");

	return head >= 1 && head <= 3 && s[head] == '.' && strspn(s + head + 1, "0123456789") == 6 &&
	       s[head + 7] == '\0';
}

/* Digits of a code without its dots, into out (PROC_CODE_MAX). */
static void code_digits(const char *s, char *out)
{
	size_t w = 0;

	for (; *s && w + 1 < PROC_CODE_MAX; s++)
		if (*s >= '0' && *s <= '9')
			out[w++] = *s;
	out[w] = '\0';
}

static struct field_ent *find_field(const struct proc_set *s, const char *id)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (strcmp(s->fields[i].f.id, id) == 0)
			return &s->fields[i];
	return NULL;
}

static void *append(void *arr, size_t *n, size_t size)
{
	char *grown = realloc(arr, (*n + 1) * size);

	if (!grown)
		return NULL;
	memset(grown + *n * size, 0, size);
	(*n)++;
	return grown;
}

static int open_field(struct pparse *pp, struct inifile *p, const char *section, const char *id)
{
	struct field_ent *e = find_field(pp->s, id), *grown;

	if (!is_field_id(id))
		return inifile_fail(p, section, NULL, "field id must be 1-31 of a-z, 0-9, _ and -");
	if (e)
		return inifile_fail(p, section, NULL, "repeated (first on line %d)", e->line);
	grown = append(pp->s->fields, &pp->s->nfields, sizeof(*grown));
	if (!grown) {
		pp->nomem = true;
		return inifile_fail(p, section, NULL, "out of memory");
	}
	pp->s->fields = grown;
	e = &grown[pp->s->nfields - 1];
	snprintf(e->f.id, sizeof(e->f.id), "%s", id);
	e->line = inifile_line(p);
	pp->keys = (struct inifile_keys){ field_keys, e->key_line, &e->f };
	return 0;
}

/* Procedures are many (thousands in a province's set): grown by doubling, and a repeated
 * code is found after the parse (check_repeats) rather than by a scan per section. */
static int open_proc(struct pparse *pp, struct inifile *p, const char *section, const char *code)
{
	struct proc_set *s = pp->s;
	struct proc_ent *e;

	if (!is_code(code))
		return inifile_fail(p, section, NULL, "the national code is 1-3 digits, a dot and "
				    "6 digits, as in [procedure.1.001193]");
	if ((s->nprocs & (s->nprocs - 1)) == 0) {
		struct proc_ent *grown = realloc(s->procs, (s->nprocs ? s->nprocs * 2 : 1) *
						 sizeof(*grown));

		if (!grown) {
			pp->nomem = true;
			return inifile_fail(p, section, NULL, "out of memory");
		}
		s->procs = grown;
	}
	e = &s->procs[s->nprocs++];
	memset(e, 0, sizeof(*e));
	snprintf(e->p.code, sizeof(e->p.code), "%s", code);
	e->p.url = "";
	e->pp = pp;
	e->line = inifile_line(p);
	pp->keys = (struct inifile_keys){ proc_keys, e->key_line, &e->p };
	return 0;
}

static int on_section(void *user, struct inifile *p, const char *section)
{
	struct pparse *pp = user;

	pp->keys.table = NULL;
	if (strncmp(section, "field.", 6) == 0)
		return open_field(pp, p, section, section + 6);
	if (strncmp(section, "procedure.", 10) == 0)
		return open_proc(pp, p, section, section + 10);
	return inifile_fail(p, section, NULL,
			    "unknown section (known: [field.<id>], [procedure.<code>])");
}

static int on_key(void *user, struct inifile *p, const char *section, const char *key,
		  const char *value)
{
	struct pparse *pp = user;

	return inifile_apply_in(p, &pp->keys, section, key, value);
}

static const struct inifile_ops proc_ops = { on_section, on_key };

/* ---- whole-file checks ------------------------------------------------------------------ */

static int check_proc(struct proc_set *s, struct proc_ent *e, const char *name, char *err,
		      unsigned errlen)
{
	char section[48];

	snprintf(section, sizeof(section), "procedure.%s", e->p.code);
	if (inifile_check_required(proc_keys, e->key_line, name, e->line, section, err, errlen))
		return ERR_CONFIG;
	if (!find_field(s, e->p.field_id)) {
		inifile_format(err, errlen, name, e->key_line[PK_FIELD], section, "field",
			       "no [field.%s] in this file", e->p.field_id);
		return ERR_CONFIG;
	}
	/* English falls back to Vietnamese, line by line. */
	for (int l = LANG_VI + 1; l < LANG_COUNT; l++) {
		if (!e->p.name[l])
			e->p.name[l] = e->p.name[LANG_VI];
		if (!e->p.time[l])
			e->p.time[l] = e->p.time[LANG_VI];
		if (!e->p.result[l])
			e->p.result[l] = e->p.result[LANG_VI];
		for (size_t i = 0; i < e->p.npapers; i++)
			if (!e->papers[i].name[l])
				e->papers[i].name[l] = e->papers[i].name[LANG_VI];
		for (size_t i = 0; i < e->p.nfees; i++)
			if (!e->fees[i].text[l])
				e->fees[i].text[l] = e->fees[i].text[LANG_VI];
	}
	e->pp = NULL;
	return 0;
}

static int check_field(const struct proc_set *s, struct field_ent *e, const char *name,
		       char *err, unsigned errlen)
{
	char section[48];

	snprintf(section, sizeof(section), "field.%s", e->f.id);
	if (inifile_check_required(field_keys, e->key_line, name, e->line, section, err, errlen))
		return ERR_CONFIG;
	if (!e->key_line[FK_NAME_EN])
		memcpy(e->f.name[LANG_EN], e->f.name[LANG_VI], sizeof(e->f.name[LANG_EN]));
	for (size_t i = 0; i < s->nprocs; i++)
		if (strcmp(s->procs[i].p.field_id, e->f.id) == 0)
			return 0;
	inifile_format(err, errlen, name, e->line, section, NULL, "no procedure belongs to this field");
	return ERR_CONFIG;
}

static int line_cmp(const void *a, const void *b)
{
	const struct proc_ent *x = *(const struct proc_ent *const *)a;
	const struct proc_ent *y = *(const struct proc_ent *const *)b;
	int c = strcmp(x->p.code, y->p.code);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* A code given twice is refused at its second header. */
static int check_repeats(const struct proc_set *s, const char *name, char *err, unsigned errlen)
{
	/* an array of pointers into s->procs: the size of a pointer is meant */
	const struct proc_ent **v = malloc((s->nprocs + 1) * sizeof(*v)); /* NOLINT(bugprone-sizeof-expression) */
	int rc = 0;

	if (!v)
		return ERR_NOMEM;
	for (size_t i = 0; i < s->nprocs; i++)
		v[i] = &s->procs[i];
	qsort(v, s->nprocs, sizeof(*v), line_cmp); /* NOLINT(bugprone-sizeof-expression) */
	for (size_t i = 1; i < s->nprocs && !rc; i++) {
		char section[48];

		if (strcmp(v[i]->p.code, v[i - 1]->p.code) != 0)
			continue;
		snprintf(section, sizeof(section), "procedure.%s", v[i]->p.code);
		inifile_format(err, errlen, name, v[i]->line, section, NULL,
			       "repeated (first on line %d)", v[i - 1]->line);
		rc = ERR_CONFIG;
	}
	free(v);
	return rc;
}

static int check(struct proc_set *s, const char *name, char *err, unsigned errlen)
{
	int rc = 0;

	if (s->nprocs == 0) {
		inifile_format(err, errlen, name, 0, NULL, NULL, "no [procedure.<code>] in the file");
		return ERR_CONFIG;
	}
	for (size_t i = 0; rc == 0 && i < s->nprocs; i++)
		rc = check_proc(s, &s->procs[i], name, err, errlen);
	for (size_t i = 0; rc == 0 && i < s->nfields; i++)
		rc = check_field(s, &s->fields[i], name, err, errlen);
	return rc ? rc : check_repeats(s, name, err, errlen);
}

/* ---- order ------------------------------------------------------------------------------ */

static int cmp_int(int a, int b)
{
	return (a > b) - (a < b);
}

static int field_cmp(const void *a, const void *b)
{
	const struct proc_field *x = &((const struct field_ent *)a)->f;
	const struct proc_field *y = &((const struct field_ent *)b)->f;

	return x->order != y->order ? cmp_int(x->order, y->order) : strcmp(x->id, y->id);
}

/* Fields are sorted first, so a field's index is its rank. */
static int field_rank(const struct proc_set *s, const char *id)
{
	return (int)(find_field(s, id) - s->fields);
}

static int proc_cmp(const void *a, const void *b)
{
	const struct proc_ent *x = a, *y = b;

	if (x->rank != y->rank)
		return cmp_int(x->rank, y->rank);
	if (x->p.order != y->p.order)
		return cmp_int(x->p.order, y->p.order);
	return strcmp(x->p.code, y->p.code);
}

/* Each procedure carries its field's rank for the sort (qsort has no user pointer). */
static void sort_procs(struct proc_set *s)
{
	for (size_t i = 0; i < s->nprocs; i++)
		s->procs[i].rank = field_rank(s, s->procs[i].p.field_id);
	qsort(s->procs, s->nprocs, sizeof(s->procs[0]), proc_cmp);
	for (size_t i = 0; i < s->nprocs; i++) {
		s->procs[i].p.papers = s->procs[i].papers;
		s->procs[i].p.fees = s->procs[i].fees;
	}
}

/* ---- public ----------------------------------------------------------------------------- */

int proc_load_string(const char *text, const char *name, struct proc_set **out, char *err,
		     unsigned errlen)
{
	struct pparse pp = { 0 };
	int rc;

	*out = NULL;
	pp.s = calloc(1, sizeof(*pp.s));
	if (!pp.s)
		return ERR_NOMEM;
	rc = inifile_parse(text, name, &proc_ops, &pp, err, errlen);
	if (pp.nomem)
		rc = ERR_NOMEM;
	if (rc == 0)
		rc = check(pp.s, name, err, errlen);
	if (rc) {
		proc_free(pp.s);
		return rc;
	}
	qsort(pp.s->fields, pp.s->nfields, sizeof(pp.s->fields[0]), field_cmp);
	sort_procs(pp.s);
	*out = pp.s;
	return 0;
}

int proc_load_file(const char *path, struct proc_set **out, char *err, unsigned errlen)
{
	char *text;
	int rc = inifile_read(path, "procedures", PROC_FILE_MAX, &text, err, errlen);

	*out = NULL;
	if (rc)
		return rc;
	rc = proc_load_string(text, path, out, err, errlen);
	free(text);
	return rc;
}

void proc_free(struct proc_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->npool; i++)
		free(s->pool[i]);
	free(s->pool);
	free(s->procs);
	free(s->fields);
	free(s);
}

size_t proc_field_count(const struct proc_set *s)
{
	return s->nfields;
}

const struct proc_field *proc_field_at(const struct proc_set *s, size_t i)
{
	return i < s->nfields ? &s->fields[i].f : NULL;
}

const struct proc_field *proc_field_find(const struct proc_set *s, const char *id)
{
	const struct field_ent *e = find_field(s, id);

	return e ? &e->f : NULL;
}

size_t proc_count(const struct proc_set *s)
{
	return s->nprocs;
}

const struct proc *proc_at(const struct proc_set *s, size_t i)
{
	return i < s->nprocs ? &s->procs[i].p : NULL;
}

const struct proc *proc_find(const struct proc_set *s, const char *code)
{
	char want[PROC_CODE_MAX], have[PROC_CODE_MAX];

	code_digits(code, want);
	if (!want[0])
		return NULL;
	for (size_t i = 0; i < s->nprocs; i++) {
		code_digits(s->procs[i].p.code, have);
		if (strcmp(want, have) == 0)
			return &s->procs[i].p;
	}
	return NULL;
}

size_t proc_index(const struct proc_set *s, const struct proc *p)
{
	return (size_t)((const struct proc_ent *)p - s->procs);
}

size_t proc_field_procs(const struct proc_set *s, const char *field_id, const struct proc **out,
			size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nprocs; i++) {
		if (strcmp(s->procs[i].p.field_id, field_id) != 0)
			continue;
		if (n < max)
			out[n] = &s->procs[i].p;
		n++;
	}
	return n;
}

int proc_line(const struct proc_set *s, const struct proc *p, int *services_line)
{
	const struct proc_ent *e = &s->procs[proc_index(s, p)];

	if (services_line)
		*services_line = e->key_line[PK_SERVICES];
	return e->line;
}

static const char *const form_words[][LANG_COUNT] = {
	[PROC_ORIGINAL] = { "bản chính", "original" },
	[PROC_COPY] = { "bản sao", "copy" },
	[PROC_ORIGINAL_OR_COPY] = { "bản chính hoặc bản sao", "original or copy" },
	[PROC_SHOW] = { "xuất trình", "to show" },
};

static const char *const level_words[][LANG_COUNT] = {
	[PROC_COMMUNE] = { "Cấp xã", "Commune level" },
	[PROC_PROVINCE] = { "Cấp tỉnh", "Province level" },
	[PROC_MINISTRY] = { "Cấp bộ", "Ministry level" },
};

const char *proc_form_word(enum proc_form f, enum lang l)
{
	return form_words[f][l];
}

const char *proc_level_word(enum proc_level v, enum lang l)
{
	return level_words[v][l];
}
