/* i18n: loads the embedded catalogues with libinih into a small sorted table per language. */
#include "i18n.h"

#include "embedded.h"
#include "err.h"
#include "log.h"

#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define I18N_MAX 640

struct entry {
	char *key, *value;
};

struct i18n {
	struct entry e[LANG_COUNT][I18N_MAX];
	size_t n[LANG_COUNT];
};

struct load_ctx {
	struct i18n *t;
	enum lang l;
	int err;
};

static int on_pair(void *user, const char *section, const char *key, const char *value)
{
	struct load_ctx *c = user;
	struct entry *e;

	(void)section;
	if (c->t->n[c->l] >= I18N_MAX) {
		c->err = ERR_RANGE;
		return 0;
	}
	e = &c->t->e[c->l][c->t->n[c->l]];
	e->key = strdup(key);
	e->value = strdup(value);
	if (!e->key || !e->value) {
		c->err = ERR_NOMEM;
		return 0;
	}
	c->t->n[c->l]++;
	return 1;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key);
}

/* assets/i18n/<lang>.ini, then the parts of other modules, each optional. */
static const char *const parts[] = { "", "-dossier", "-scan", "-rate", "-remote", "-staff",
				     "-access", "-proc" };

static int load_part(struct i18n *t, enum lang l, const char *part)
{
	char name[64];
	const char *text;
	struct load_ctx c = { t, l, 0 };
	int line;

	snprintf(name, sizeof(name), "assets/i18n/%s%s.ini", lang_code(l), part);
	text = embedded_get(name, NULL);
	if (!text && *part)
		return 0;
	if (!text) {
		log_error("i18n: %s is not embedded", name);
		return ERR_NOTFOUND;
	}
	line = ini_parse_string(text, on_pair, &c);
	if (line != 0 || c.err) {
		log_error("i18n: %s:%d: cannot parse", name, line);
		return c.err ? c.err : ERR_CONFIG;
	}
	return 0;
}

static int load_lang(struct i18n *t, enum lang l)
{
	int rc = 0;

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]) && !rc; i++)
		rc = load_part(t, l, parts[i]);
	if (!rc)
		qsort(t->e[l], t->n[l], sizeof(struct entry), by_key);
	return rc;
}

int i18n_new(struct i18n **out)
{
	struct i18n *t = calloc(1, sizeof(*t));
	int rc = 0;

	if (!t)
		return ERR_NOMEM;
	for (int l = 0; l < LANG_COUNT && !rc; l++)
		rc = load_lang(t, (enum lang)l);
	if (rc) {
		i18n_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

void i18n_free(struct i18n *t)
{
	if (!t)
		return;
	for (int l = 0; l < LANG_COUNT; l++) {
		for (size_t i = 0; i < t->n[l]; i++) {
			free(t->e[l][i].key);
			free(t->e[l][i].value);
		}
	}
	free(t);
}

static const char *find(const struct i18n *t, enum lang l, const char *key)
{
	struct entry k = { (char *)key, NULL };
	const struct entry *e = bsearch(&k, t->e[l], t->n[l], sizeof(k), by_key);

	return e ? e->value : NULL;
}

const char *i18n_get(const struct i18n *t, enum lang l, const char *key)
{
	const char *v = find(t, l, key);

	if (!v && l != LANG_VI)
		v = find(t, LANG_VI, key);
	return v ? v : key;
}

static int fills(const char *tmpl, const char *s)
{
	const char *hole = strstr(tmpl, "{}");
	size_t pre, post, n = strlen(s);

	if (!hole)
		return strcmp(tmpl, s) == 0;
	pre = (size_t)(hole - tmpl);
	post = strlen(hole + 2);
	return n >= pre + post && strncmp(s, tmpl, pre) == 0 && strcmp(s + n - post, hole + 2) == 0 &&
	       pre + post > 0;
}

const char *i18n_key_of(const struct i18n *t, enum lang l, const char *s)
{
	for (size_t i = 0; i < t->n[l]; i++)
		if (strcmp(t->e[l][i].value, s) == 0)
			return t->e[l][i].key;
	for (size_t i = 0; i < t->n[l]; i++)
		if (fills(t->e[l][i].value, s))
			return t->e[l][i].key;
	return NULL;
}

size_t i18n_missing(const struct i18n *t, enum lang l, const char **keys, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n[LANG_VI]; i++) {
		if (!find(t, l, t->e[LANG_VI][i].key)) {
			if (n < max)
				keys[n] = t->e[LANG_VI][i].key;
			n++;
		}
	}
	return n;
}

void i18n_fill(char *out, size_t len, const char *tmpl, const char *arg)
{
	const char *hole = strstr(tmpl, "{}");

	if (!hole) {
		snprintf(out, len, "%s", tmpl);
		return;
	}
	snprintf(out, len, "%.*s%s%s", (int)(hole - tmpl), tmpl, arg, hole + 2);
}
