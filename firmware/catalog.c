/* catalog: parsing happens in three steps. Each [section] header opens an entry of its kind
 * (on_section), each key goes through that kind's key table (on_key), and once the file is
 * read, check() enforces what only the whole file can tell (required keys, known fields,
 * no empty field) before the entries are sorted. Opening hours are at the end. */
#include "catalog.h"

#include "clock.h"
#include "err.h"
#include "inifile.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CATALOG_MAX_BYTES (1024 * 1024)
#define CATALOG_SCAN_DAYS 60
#define CAT_MAX_KEYS 16

struct field_ent {
	struct catalog_field f;
	int line;                     /* of the [field.id] header */
	int key_line[CAT_MAX_KEYS];   /* where each key was set, 0 if not */
};

struct service_ent {
	struct catalog_service s;
	int line;
	int key_line[CAT_MAX_KEYS];
};

struct counter_ent {
	struct catalog_counter k;
	int line;
	int key_line[CAT_MAX_KEYS];
};

struct officer_ent {
	struct catalog_officer o;
	int line;
	int key_line[CAT_MAX_KEYS];
};

struct catalog {
	struct field_ent *fields;
	size_t nfields;
	struct service_ent *services;
	size_t nservices;
	struct counter_ent *counters;
	size_t ncounters;
	struct officer_ent *officers;
	size_t nofficers;
	int closed[CATALOG_MAX_CLOSED]; /* yyyymmdd */
	int nclosed;
	int last_ticket_min;            /* [unit]: the services' default */
};

struct cat_parse {
	struct catalog *c;
	struct inifile_keys keys;     /* of the current section; no table before the first */
	int unit_key_line[CAT_MAX_KEYS];
	bool nomem;
};


static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* ---- setters --------------------------------------------------------------------------- */

/* "HH:MM", 00:00 to 24:00; returns the end of it or NULL. Never reads past a ',' or NUL. */
static const char *parse_hhmm(const char *s, int *minutes)
{
	int h, m;

	if (!is_digit(s[0]) || !is_digit(s[1]) || s[2] != ':' || !is_digit(s[3]) || !is_digit(s[4]))
		return NULL;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h * 60 + m > 24 * 60)
		return NULL;
	*minutes = h * 60 + m;
	return s + 5;
}

/* "HH:MM-HH:MM" in s[0..len), blanks allowed around the dash and at the end. */
static int parse_span(const char *s, size_t len, int *open, int *close)
{
	const char *end = s + len, *p = parse_hhmm(s, open);

	if (!p)
		return ERR_INVAL;
	p += strspn(p, " \t");
	if (*p != '-')
		return ERR_INVAL;
	p = parse_hhmm(p + 1 + strspn(p + 1, " \t"), close);
	if (!p)
		return ERR_INVAL;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p == end ? 0 : ERR_INVAL;
}

static int add_span(struct catalog_day *d, int open, int close, char *why, size_t whylen)
{
	if (open >= close)
		return inifile_because(why, whylen, "a span must open before it closes");
	if (d->nspans == CATALOG_MAX_SPANS)
		return inifile_because(why, whylen, "at most %d spans a day", CATALOG_MAX_SPANS);
	if (d->nspans > 0 && open <= d->span[d->nspans - 1].close)
		return inifile_because(why, whylen, "spans must be in time order and must not overlap or "
			       "touch (write 07:30-17:00 as one span)");
	d->span[d->nspans].open = open;
	d->span[d->nspans].close = close;
	d->nspans++;
	return 0;
}

static int set_hours(void *base, const struct inifile_key *k, const char *v, char *why, size_t whylen)
{
	struct catalog_day day = { 0 };
	const char *s = v;

	if (strcmp(v, "closed") != 0) {
		for (;;) {
			size_t len;
			int open, close, rc;

			s += strspn(s, " \t");
			len = strcspn(s, ",");
			if (parse_span(s, len, &open, &close))
				return inifile_because(why, whylen, "bad span \"%.*s\"; write HH:MM-HH:MM, "
					       "HH:MM-HH:MM or closed", (int)len, s);
			rc = add_span(&day, open, close, why, whylen);
			if (rc)
				return rc;
			if (!s[len])
				break;
			s += len + 1;
		}
	}
	memcpy((char *)base + k->offset, &day, sizeof(day));
	return 0;
}

/* "YYYY-MM-DD" as yyyymmdd, or -1 for anything else, including 2026-02-30. */
static int parse_date(const char *s, size_t len)
{
	static const char shape[] = "dddd-dd-dd";
	struct clock_local l;
	int y, m, d;

	if (len != sizeof(shape) - 1)
		return -1;
	for (size_t i = 0; i < len; i++)
		if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i])
			return -1;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1)
		return -1;
	clock_to_local(clock_from_local(y, m, d, 12, 0, 0), &l);
	return l.ymd == y * 10000 + m * 100 + d ? l.ymd : -1;
}

static int set_dates(void *base, const struct inifile_key *k, const char *v, char *why, size_t whylen)
{
	struct catalog *c = base;
	const char *s = v + strspn(v, " \t");

	(void)k;
	while (*s) {
		size_t len = strcspn(s, ","), word = len;
		int ymd;

		while (word > 0 && (s[word - 1] == ' ' || s[word - 1] == '\t'))
			word--;
		ymd = parse_date(s, word);
		if (ymd < 0)
			return inifile_because(why, whylen, "bad date \"%.*s\"; write YYYY-MM-DD, YYYY-MM-DD",
				       (int)word, s);
		if (c->nclosed == CATALOG_MAX_CLOSED)
			return inifile_because(why, whylen, "at most %d dates", CATALOG_MAX_CLOSED);
		c->closed[c->nclosed++] = ymd;
		s += len + (s[len] == ',');
		s += strspn(s, " \t");
	}
	return 0;
}

static bool is_field_id(const char *s);

/* "ho_tich, chung_thuc": field ids, checked against the fields once the file is read. */
static int set_fields(void *base, const struct inifile_key *k, const char *v, char *why, size_t whylen)
{
	struct catalog_counter *ct = base;
	const char *s = v + strspn(v, " \t");
	int n = 0;

	(void)k;
	while (*s) {
		size_t len = strcspn(s, ","), word = len;
		char id[32];

		while (word > 0 && (s[word - 1] == ' ' || s[word - 1] == '\t'))
			word--;
		snprintf(id, sizeof(id), "%.*s", (int)word, s);
		if (word >= sizeof(id) || !is_field_id(id))
			return inifile_because(why, whylen, "\"%.*s\" is not a field id", (int)word, s);
		if (n == CATALOG_MAX_COUNTER_FIELDS)
			return inifile_because(why, whylen, "at most %d fields", CATALOG_MAX_COUNTER_FIELDS);
		memcpy(ct->fields[n++], id, sizeof(id));
		s += len + (s[len] == ',');
		s += strspn(s, " \t");
	}
	ct->nfields = n;
	return 0;
}

/* A public work phone: digits, spaces and + . - ( ), at least one digit. */
static int set_phone(void *base, const struct inifile_key *k, const char *v, char *why, size_t whylen)
{
	static const char ok[] = "0123456789 +.-()";

	if (v[strspn(v, ok)] || (*v && !strpbrk(v, "0123456789")))
		return inifile_because(why, whylen, "a phone number is digits, spaces and + . - ( ), "
				       "got \"%s\"", v);
	return inifile_set_text(base, k, v, why, whylen);
}

/* ---- key tables ------------------------------------------------------------------------ */

#define FIELD(m) .offset = offsetof(struct catalog_field, m), \
	.size = sizeof(((struct catalog_field *)0)->m)
#define SERVICE(m) .offset = offsetof(struct catalog_service, m), \
	.size = sizeof(((struct catalog_service *)0)->m)

enum { FK_NAME_VI, FK_NAME_EN };
static const struct inifile_key field_keys[] = {
	[FK_NAME_VI] = { NULL, "name_vi", inifile_set_text, FIELD(name[LANG_VI]), .min = 1,
	  .required = true },
	[FK_NAME_EN] = { NULL, "name_en", inifile_set_text, FIELD(name[LANG_EN]), .min = 1 },
	{ NULL, "order", inifile_set_int, FIELD(order), .min = 0, .max = 9999 },
	{ NULL },
};

enum { SK_FIELD, SK_NAME_VI, SK_NAME_EN, SK_LAST_TICKET };
static const struct inifile_key service_keys[] = {
	[SK_FIELD] = { NULL, "field", inifile_set_text, SERVICE(field_id), .min = 1,
	  .required = true },
	[SK_NAME_VI] = { NULL, "name_vi", inifile_set_text, SERVICE(name[LANG_VI]), .min = 1,
	  .required = true },
	[SK_NAME_EN] = { NULL, "name_en", inifile_set_text, SERVICE(name[LANG_EN]), .min = 1 },
	[SK_LAST_TICKET] = { NULL, "last_ticket_min", inifile_set_int, SERVICE(last_ticket_min),
	  .min = 0, .max = 240 },
	{ NULL, "counters", inifile_set_text, SERVICE(counters) },
	{ NULL, "daily_cap", inifile_set_int, SERVICE(daily_cap), .min = 0, .max = 9999 },
	{ NULL, "priority", inifile_set_bool, SERVICE(priority) },
	{ NULL, "order", inifile_set_int, SERVICE(order), .min = 0, .max = 9999 },
	{ NULL, "sun", set_hours, SERVICE(week[0]) },
	{ NULL, "mon", set_hours, SERVICE(week[1]) },
	{ NULL, "tue", set_hours, SERVICE(week[2]) },
	{ NULL, "wed", set_hours, SERVICE(week[3]) },
	{ NULL, "thu", set_hours, SERVICE(week[4]) },
	{ NULL, "fri", set_hours, SERVICE(week[5]) },
	{ NULL, "sat", set_hours, SERVICE(week[6]) },
	{ NULL },
};

#define COUNTER(m) .offset = offsetof(struct catalog_counter, m), \
	.size = sizeof(((struct catalog_counter *)0)->m)
#define OFFICER(m) .offset = offsetof(struct catalog_officer, m), \
	.size = sizeof(((struct catalog_officer *)0)->m)

enum { CK_NAME_VI, CK_NAME_EN };
static const struct inifile_key counter_keys[] = {
	[CK_NAME_VI] = { NULL, "name_vi", inifile_set_text, COUNTER(name[LANG_VI]), .min = 1,
	  .required = true },
	[CK_NAME_EN] = { NULL, "name_en", inifile_set_text, COUNTER(name[LANG_EN]), .min = 1 },
	{ NULL, "fields", set_fields },
	{ NULL, "order", inifile_set_int, COUNTER(order), .min = 0, .max = 9999 },
	{ NULL },
};

enum { OK_NAME, OK_TITLE_VI, OK_TITLE_EN, OK_FIELD, OK_COUNTER };
static const struct inifile_key officer_keys[] = {
	[OK_NAME] = { NULL, "name", inifile_set_text, OFFICER(name), .min = 1,
	  .required = true },
	[OK_TITLE_VI] = { NULL, "title_vi", inifile_set_text, OFFICER(title[LANG_VI]), .min = 1,
	  .required = true },
	[OK_TITLE_EN] = { NULL, "title_en", inifile_set_text, OFFICER(title[LANG_EN]), .min = 1 },
	[OK_FIELD] = { NULL, "field", inifile_set_text, OFFICER(field_id), .min = 1,
	  .required = true },
	[OK_COUNTER] = { NULL, "counter", inifile_set_text, OFFICER(counter_id), .min = 1,
	  .required = true },
	{ NULL, "phone", set_phone, OFFICER(phone) },
	{ NULL, "photo", inifile_set_text, OFFICER(photo) },
	{ NULL, "order", inifile_set_int, OFFICER(order), .min = 0, .max = 9999 },
	{ NULL },
};

static const struct inifile_key unit_keys[] = {
	/* repeatable: a year of holidays does not fit on one 198-byte line */
	{ NULL, "closed_dates", set_dates, .repeat = true },
	/* minutes before each closing when numbers end, so that the last citizen is served
	 * before the counters close (a service's own last_ticket_min overrides it) */
	{ NULL, "last_ticket_min", inifile_set_int, .offset = offsetof(struct catalog, last_ticket_min),
	  .size = sizeof(int), .min = 0, .max = 240 },
	{ NULL },
};

/* ---- sections -------------------------------------------------------------------------- */

static bool is_prefix(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	return true;
}

static bool is_field_id(const char *s)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz0123456789_-";
	size_t n = strlen(s);

	return n > 0 && n < sizeof(((struct catalog_field *)0)->id) && !s[strspn(s, ok)];
}

static struct field_ent *find_field(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->nfields; i++)
		if (strcmp(c->fields[i].f.id, id) == 0)
			return &c->fields[i];
	return NULL;
}

/* Officer ids come from the central system: a little wider than field ids. */
static bool is_officer_id(const char *s)
{
	static const char ok[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-";
	size_t n = strlen(s);

	return n > 0 && n < sizeof(((struct catalog_officer *)0)->id) && !s[strspn(s, ok)];
}

static struct counter_ent *find_counter(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->ncounters; i++)
		if (strcmp(c->counters[i].k.id, id) == 0)
			return &c->counters[i];
	return NULL;
}

static struct officer_ent *find_officer(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->nofficers; i++)
		if (strcmp(c->officers[i].o.id, id) == 0)
			return &c->officers[i];
	return NULL;
}

static struct service_ent *find_service(const struct catalog *c, const char *prefix)
{
	for (size_t i = 0; i < c->nservices; i++)
		if (strcmp(c->services[i].s.prefix, prefix) == 0)
			return &c->services[i];
	return NULL;
}

/* Grows *arr by one zeroed element of size `size`; NULL when out of memory. */
static void *append(void *arr, size_t *n, size_t size)
{
	char *grown = realloc(arr, (*n + 1) * size);

	if (!grown)
		return NULL;
	memset(grown + *n * size, 0, size);
	(*n)++;
	return grown;
}

static int open_field(struct cat_parse *cp, struct inifile *p, const char *section,
		      const char *id)
{
	struct field_ent *e = find_field(cp->c, id), *grown;

	if (!is_field_id(id))
		return inifile_fail(p, section, NULL, "field id must be 1-31 of a-z, 0-9, _ and -");
	if (e)
		return inifile_fail(p, section, NULL, "repeated (first on line %d)", e->line);
	grown = append(cp->c->fields, &cp->c->nfields, sizeof(*grown));
	if (!grown) {
		cp->nomem = true;
		return inifile_fail(p, section, NULL, "out of memory");
	}
	cp->c->fields = grown;
	e = &grown[cp->c->nfields - 1];
	snprintf(e->f.id, sizeof(e->f.id), "%s", id);
	e->line = inifile_line(p);
	cp->keys = (struct inifile_keys){ field_keys, e->key_line, &e->f };
	return 0;
}

static int open_service(struct cat_parse *cp, struct inifile *p, const char *section,
			const char *prefix)
{
	struct service_ent *e = find_service(cp->c, prefix), *grown;

	if (!is_prefix(prefix))
		return inifile_fail(p, section, NULL, "prefix must be 1 or 2 capital letters A-Z");
	if (e)
		return inifile_fail(p, section, NULL, "repeated (first on line %d)", e->line);
	grown = append(cp->c->services, &cp->c->nservices, sizeof(*grown));
	if (!grown) {
		cp->nomem = true;
		return inifile_fail(p, section, NULL, "out of memory");
	}
	cp->c->services = grown;
	e = &grown[cp->c->nservices - 1];
	snprintf(e->s.prefix, sizeof(e->s.prefix), "%s", prefix);
	e->line = inifile_line(p);
	cp->keys = (struct inifile_keys){ service_keys, e->key_line, &e->s };
	return 0;
}

static int open_counter(struct cat_parse *cp, struct inifile *p, const char *section,
			const char *id)
{
	struct counter_ent *e = find_counter(cp->c, id), *grown;

	if (!is_field_id(id))
		return inifile_fail(p, section, NULL, "counter id must be 1-31 of a-z, 0-9, _ and -");
	if (e)
		return inifile_fail(p, section, NULL, "repeated (first on line %d)", e->line);
	grown = append(cp->c->counters, &cp->c->ncounters, sizeof(*grown));
	if (!grown) {
		cp->nomem = true;
		return inifile_fail(p, section, NULL, "out of memory");
	}
	cp->c->counters = grown;
	e = &grown[cp->c->ncounters - 1];
	snprintf(e->k.id, sizeof(e->k.id), "%s", id);
	e->line = inifile_line(p);
	cp->keys = (struct inifile_keys){ counter_keys, e->key_line, &e->k };
	return 0;
}

static int open_officer(struct cat_parse *cp, struct inifile *p, const char *section,
			const char *id)
{
	struct officer_ent *e = find_officer(cp->c, id), *grown;

	if (!is_officer_id(id))
		return inifile_fail(p, section, NULL, "officer id must be 1-31 of A-Z, a-z, 0-9, _, . "
				    "and -");
	if (e)
		return inifile_fail(p, section, NULL, "repeated (first on line %d)", e->line);
	grown = append(cp->c->officers, &cp->c->nofficers, sizeof(*grown));
	if (!grown) {
		cp->nomem = true;
		return inifile_fail(p, section, NULL, "out of memory");
	}
	cp->c->officers = grown;
	e = &grown[cp->c->nofficers - 1];
	snprintf(e->o.id, sizeof(e->o.id), "%s", id);
	e->line = inifile_line(p);
	cp->keys = (struct inifile_keys){ officer_keys, e->key_line, &e->o };
	return 0;
}

static int on_section(void *user, struct inifile *p, const char *section)
{
	struct cat_parse *cp = user;

	cp->keys.table = NULL;
	if (strncmp(section, "field.", 6) == 0)
		return open_field(cp, p, section, section + 6);
	if (strncmp(section, "service.", 8) == 0)
		return open_service(cp, p, section, section + 8);
	if (strncmp(section, "counter.", 8) == 0)
		return open_counter(cp, p, section, section + 8);
	if (strncmp(section, "officer.", 8) == 0)
		return open_officer(cp, p, section, section + 8);
	if (strcmp(section, "unit") == 0) {
		cp->keys = (struct inifile_keys){ unit_keys, cp->unit_key_line, cp->c };
		return 0;
	}
	return inifile_fail(p, section, NULL,
			    "unknown section (known: [unit], [field.<id>], [service.<prefix>], "
			    "[counter.<id>], [officer.<id>])");
}

static int on_key(void *user, struct inifile *p, const char *section, const char *key,
		  const char *value)
{
	struct cat_parse *cp = user;

	return inifile_apply_in(p, &cp->keys, section, key, value);
}

static const struct inifile_ops cat_ops = { on_section, on_key };

/* ---- whole-file checks ----------------------------------------------------------------- */

static int check_field(struct field_ent *e, const char *name, char *err, unsigned errlen)
{
	char section[64];

	snprintf(section, sizeof(section), "field.%s", e->f.id);
	if (inifile_check_required(field_keys, e->key_line, name, e->line, section, err, errlen))
		return ERR_CONFIG;
	if (!e->key_line[FK_NAME_EN])
		memcpy(e->f.name[LANG_EN], e->f.name[LANG_VI], sizeof(e->f.name[LANG_EN]));
	return 0;
}

static int check_service(const struct catalog *c, struct service_ent *e, const char *name,
			 char *err, unsigned errlen)
{
	char section[32];

	snprintf(section, sizeof(section), "service.%s", e->s.prefix);
	if (inifile_check_required(service_keys, e->key_line, name, e->line, section, err, errlen))
		return ERR_CONFIG;
	if (!find_field(c, e->s.field_id)) {
		inifile_format(err, errlen, name, e->key_line[SK_FIELD], section, "field",
			       "no [field.%s] in this catalogue", e->s.field_id);
		return ERR_CONFIG;
	}
	if (!e->key_line[SK_NAME_EN])
		memcpy(e->s.name[LANG_EN], e->s.name[LANG_VI], sizeof(e->s.name[LANG_EN]));
	if (!e->key_line[SK_LAST_TICKET])
		e->s.last_ticket_min = c->last_ticket_min;
	return 0;
}

static int check_not_empty(const struct catalog *c, const struct field_ent *e, const char *name,
			   char *err, unsigned errlen)
{
	char section[64];

	for (size_t i = 0; i < c->nservices; i++)
		if (strcmp(c->services[i].s.field_id, e->f.id) == 0)
			return 0;
	snprintf(section, sizeof(section), "field.%s", e->f.id);
	inifile_format(err, errlen, name, e->line, section, NULL, "no service belongs to this field");
	return ERR_CONFIG;
}

static int check_counter(const struct catalog *c, struct counter_ent *e, const char *name,
			 char *err, unsigned errlen)
{
	char section[64];

	snprintf(section, sizeof(section), "counter.%s", e->k.id);
	if (inifile_check_required(counter_keys, e->key_line, name, e->line, section, err, errlen))
		return ERR_CONFIG;
	for (int i = 0; i < e->k.nfields; i++) {
		if (find_field(c, e->k.fields[i]))
			continue;
		inifile_format(err, errlen, name, e->line, section, "fields",
			       "no [field.%s] in this catalogue", e->k.fields[i]);
		return ERR_CONFIG;
	}
	if (!e->key_line[CK_NAME_EN])
		memcpy(e->k.name[LANG_EN], e->k.name[LANG_VI], sizeof(e->k.name[LANG_EN]));
	return 0;
}

static int check_officer(const struct catalog *c, struct officer_ent *e, const char *name,
			 char *err, unsigned errlen)
{
	char section[64];

	snprintf(section, sizeof(section), "officer.%s", e->o.id);
	if (inifile_check_required(officer_keys, e->key_line, name, e->line, section, err, errlen))
		return ERR_CONFIG;
	if (!find_field(c, e->o.field_id)) {
		inifile_format(err, errlen, name, e->key_line[OK_FIELD], section, "field",
			       "no [field.%s] in this catalogue", e->o.field_id);
		return ERR_CONFIG;
	}
	if (!find_counter(c, e->o.counter_id)) {
		inifile_format(err, errlen, name, e->key_line[OK_COUNTER], section, "counter",
			       "no [counter.%s] in this catalogue", e->o.counter_id);
		return ERR_CONFIG;
	}
	if (!e->key_line[OK_TITLE_EN])
		memcpy(e->o.title[LANG_EN], e->o.title[LANG_VI], sizeof(e->o.title[LANG_EN]));
	return 0;
}

static int check(struct catalog *c, const char *name, char *err, unsigned errlen)
{
	int rc = 0;

	if (c->nfields == 0 || c->nservices == 0) {
		inifile_format(err, errlen, name, 0, NULL, NULL, "no %s; a catalogue needs at least "
			       "one [field.<id>] and one [service.<prefix>]",
			       c->nfields ? "services" : "fields");
		return ERR_CONFIG;
	}
	for (size_t i = 0; rc == 0 && i < c->nfields; i++)
		rc = check_field(&c->fields[i], name, err, errlen);
	for (size_t i = 0; rc == 0 && i < c->nservices; i++)
		rc = check_service(c, &c->services[i], name, err, errlen);
	for (size_t i = 0; rc == 0 && i < c->nfields; i++)
		rc = check_not_empty(c, &c->fields[i], name, err, errlen);
	for (size_t i = 0; rc == 0 && i < c->ncounters; i++)
		rc = check_counter(c, &c->counters[i], name, err, errlen);
	for (size_t i = 0; rc == 0 && i < c->nofficers; i++)
		rc = check_officer(c, &c->officers[i], name, err, errlen);
	return rc;
}

static int field_cmp(const void *a, const void *b)
{
	const struct catalog_field *x = &((const struct field_ent *)a)->f;
	const struct catalog_field *y = &((const struct field_ent *)b)->f;

	return x->order != y->order ? (x->order > y->order) - (x->order < y->order)
				    : strcmp(x->id, y->id);
}

static int service_cmp(const void *a, const void *b)
{
	const struct catalog_service *x = &((const struct service_ent *)a)->s;
	const struct catalog_service *y = &((const struct service_ent *)b)->s;

	return x->order != y->order ? (x->order > y->order) - (x->order < y->order)
				    : strcmp(x->prefix, y->prefix);
}

static int counter_cmp(const void *a, const void *b)
{
	const struct catalog_counter *x = &((const struct counter_ent *)a)->k;
	const struct catalog_counter *y = &((const struct counter_ent *)b)->k;

	return x->order != y->order ? (x->order > y->order) - (x->order < y->order)
				    : strcmp(x->id, y->id);
}

static int officer_cmp(const void *a, const void *b)
{
	const struct catalog_officer *x = &((const struct officer_ent *)a)->o;
	const struct catalog_officer *y = &((const struct officer_ent *)b)->o;

	return x->order != y->order ? (x->order > y->order) - (x->order < y->order)
				    : strcmp(x->id, y->id);
}

/* ---- public ---------------------------------------------------------------------------- */

int catalog_load_string(const char *text, const char *name, struct catalog **out, char *err,
			unsigned errlen)
{
	struct cat_parse cp = { 0 };
	int rc;

	*out = NULL;
	cp.c = calloc(1, sizeof(*cp.c));
	if (!cp.c)
		return ERR_NOMEM;
	rc = inifile_parse(text, name, &cat_ops, &cp, err, errlen);
	if (cp.nomem)
		rc = ERR_NOMEM;
	if (rc == 0)
		rc = check(cp.c, name, err, errlen);
	if (rc) {
		catalog_free(cp.c);
		return rc;
	}
	qsort(cp.c->fields, cp.c->nfields, sizeof(cp.c->fields[0]), field_cmp);
	qsort(cp.c->services, cp.c->nservices, sizeof(cp.c->services[0]), service_cmp);
	if (cp.c->ncounters)
		qsort(cp.c->counters, cp.c->ncounters, sizeof(cp.c->counters[0]), counter_cmp);
	if (cp.c->nofficers)
		qsort(cp.c->officers, cp.c->nofficers, sizeof(cp.c->officers[0]), officer_cmp);
	*out = cp.c;
	return 0;
}

int catalog_load_file(const char *path, struct catalog **out, char *err, unsigned errlen)
{
	char *text;
	int rc;

	*out = NULL;
	rc = inifile_read(path, "catalog", CATALOG_MAX_BYTES, &text, err, errlen);
	if (rc)
		return rc;
	rc = catalog_load_string(text, path, out, err, errlen);
	free(text);
	return rc;
}

void catalog_free(struct catalog *c)
{
	if (!c)
		return;
	free(c->fields);
	free(c->services);
	free(c->counters);
	free(c->officers);
	free(c);
}

size_t catalog_field_count(const struct catalog *c)
{
	return c->nfields;
}

const struct catalog_field *catalog_field_at(const struct catalog *c, size_t i)
{
	return i < c->nfields ? &c->fields[i].f : NULL;
}

size_t catalog_service_count(const struct catalog *c)
{
	return c->nservices;
}

const struct catalog_service *catalog_service_at(const struct catalog *c, size_t i)
{
	return i < c->nservices ? &c->services[i].s : NULL;
}

const struct catalog_service *catalog_service_find(const struct catalog *c, const char *prefix)
{
	const struct service_ent *e = find_service(c, prefix);

	return e ? &e->s : NULL;
}

size_t catalog_field_services(const struct catalog *c, const char *field_id,
			      const struct catalog_service **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nservices; i++) {
		if (strcmp(c->services[i].s.field_id, field_id) != 0)
			continue;
		if (n < max)
			out[n] = &c->services[i].s;
		n++;
	}
	return n;
}

const struct catalog_field *catalog_field_find(const struct catalog *c, const char *id)
{
	const struct field_ent *e = find_field(c, id);

	return e ? &e->f : NULL;
}

size_t catalog_counter_count(const struct catalog *c)
{
	return c->ncounters;
}

const struct catalog_counter *catalog_counter_at(const struct catalog *c, size_t i)
{
	return i < c->ncounters ? &c->counters[i].k : NULL;
}

const struct catalog_counter *catalog_counter_find(const struct catalog *c, const char *id)
{
	const struct counter_ent *e = find_counter(c, id);

	return e ? &e->k : NULL;
}

size_t catalog_officer_count(const struct catalog *c)
{
	return c->nofficers;
}

const struct catalog_officer *catalog_officer_at(const struct catalog *c, size_t i)
{
	return i < c->nofficers ? &c->officers[i].o : NULL;
}

const struct catalog_officer *catalog_officer_find(const struct catalog *c, const char *id)
{
	const struct officer_ent *e = id ? find_officer(c, id) : NULL;

	return e ? &e->o : NULL;
}

size_t catalog_counter_officers(const struct catalog *c, const char *counter_id,
				const struct catalog_officer **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nofficers; i++) {
		if (strcmp(c->officers[i].o.counter_id, counter_id) != 0)
			continue;
		if (n < max)
			out[n] = &c->officers[i].o;
		n++;
	}
	return n;
}

/* ---- opening hours --------------------------------------------------------------------- */

static bool is_closed_date(const struct catalog *c, int ymd)
{
	for (int i = 0; i < c->nclosed; i++)
		if (c->closed[i] == ymd)
			return true;
	return false;
}

/* The span of today's hours that utc_s is in, or NULL. */
static const struct catalog_day *span_at(const struct catalog *c, const struct catalog_service *s,
					 int64_t utc_s, int *span, int *minute)
{
	struct clock_local l;
	const struct catalog_day *d;

	clock_to_local(utc_s, &l);
	if (is_closed_date(c, l.ymd))
		return NULL;
	d = &s->week[l.wday];
	for (int i = 0; i < d->nspans; i++) {
		if (d->span[i].open <= l.minute_of_day && l.minute_of_day < d->span[i].close) {
			*span = i;
			*minute = l.minute_of_day;
			return d;
		}
	}
	return NULL;
}

bool catalog_is_open(const struct catalog *c, const struct catalog_service *s, int64_t utc_s)
{
	int i, m;
	const struct catalog_day *d = span_at(c, s, utc_s, &i, &m);

	return d && m < d->span[i].close - s->last_ticket_min;
}

int catalog_last_ticket(const struct catalog *c, const struct catalog_service *s, int64_t utc_s)
{
	int i, m;
	const struct catalog_day *d = span_at(c, s, utc_s, &i, &m);

	if (!d || m < d->span[i].close - s->last_ticket_min)
		return -1;
	return d->span[i].close - s->last_ticket_min;
}

/* Day by day from today's local midnight: the first span start later than utc_s. */
int64_t catalog_next_open(const struct catalog *c, const struct catalog_service *s, int64_t utc_s)
{
	struct clock_local today, l;

	clock_to_local(utc_s, &today);
	for (int i = 0; i <= CATALOG_SCAN_DAYS; i++) {
		int64_t start = clock_from_local(today.year, today.month, today.day + i, 0, 0, 0);
		const struct catalog_day *d;

		clock_to_local(start, &l);
		if (is_closed_date(c, l.ymd))
			continue;
		d = &s->week[l.wday];
		for (int j = 0; j < d->nspans; j++)
			if (start + (int64_t)d->span[j].open * 60 > utc_s)
				return start + (int64_t)d->span[j].open * 60;
	}
	return -1;
}

void catalog_adopt_photos(struct catalog *dst, const struct catalog *src)
{
	for (size_t i = 0; i < dst->nofficers; i++) {
		struct catalog_officer *o = &dst->officers[i].o;
		const struct catalog_officer *mine = src ? catalog_officer_find(src, o->id) : NULL;

		snprintf(o->photo, sizeof(o->photo), "%s", mine ? mine->photo : "");
	}
}
