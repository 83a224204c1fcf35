/* inifile: libinih driven through a line-counting reader (see inifile.h for why).
 * Read inifile_parse first: the reader hands libinih one line at a time, keeps a copy of
 * it, checks [section] headers itself, and stops the parse once an error is recorded. */
#include "inifile.h"

#include "err.h"
#include "utf8.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define INIFILE_RAW 512

struct inifile {
	const char *name;
	const char *text;
	size_t pos;
	int line;
	int rc;
	const struct inifile_ops *ops;
	void *user;
	char *err;
	unsigned errlen;
	char raw[INIFILE_RAW]; /* the line just read, without its end of line */
};

__attribute__((format(printf, 7, 0)))
static void vformat(char *err, unsigned errlen, const char *name, int line, const char *section,
		    const char *key, const char *fmt, va_list ap)
{
	char where[24] = "";
	int n;

	if (!err || errlen == 0)
		return;
	if (line > 0)
		snprintf(where, sizeof(where), ":%d", line);
	if (section && key)
		n = snprintf(err, errlen, "%s%s: [%s] %s: ", name, where, section, key);
	else if (section)
		n = snprintf(err, errlen, "%s%s: [%s]: ", name, where, section);
	else if (key)
		n = snprintf(err, errlen, "%s%s: %s: ", name, where, key);
	else
		n = snprintf(err, errlen, "%s%s: ", name, where);
	if (n >= 0 && (unsigned)n < errlen)
		vsnprintf(err + n, errlen - (unsigned)n, fmt, ap);
}

void inifile_format(char *err, unsigned errlen, const char *name, int line, const char *section,
		    const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat(err, errlen, name, line, section, key, fmt, ap);
	va_end(ap);
}

int inifile_fail(struct inifile *p, const char *section, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (p->rc)
		return p->rc;
	p->rc = ERR_CONFIG;
	va_start(ap, fmt);
	vformat(p->err, p->errlen, p->name, p->line, section, key, fmt, ap);
	va_end(ap);
	return p->rc;
}

int inifile_fail_at(struct inifile *p, int line, const char *section, const char *key,
		    const char *fmt, ...)
{
	va_list ap;

	if (p->rc)
		return p->rc;
	p->rc = ERR_CONFIG;
	va_start(ap, fmt);
	vformat(p->err, p->errlen, p->name, line, section, key, fmt, ap);
	va_end(ap);
	return p->rc;
}

int inifile_line(const struct inifile *p)
{
	return p->line;
}

/* The raw line without the UTF-8 byte-order mark libinih skips on line 1. */
static const char *raw_line(const struct inifile *p)
{
	if (p->line == 1 && strncmp(p->raw, "\xEF\xBB\xBF", 3) == 0)
		return p->raw + 3;
	return p->raw;
}

/* ... and without leading blanks, where libinih starts looking. */
static const char *raw_start(const struct inifile *p)
{
	const char *s = raw_line(p);

	return s + strspn(s, " \t");
}

/* libinih silently ignores text after "]" and only reports sections through their keys;
 * checking the header here catches typos in empty sections and gives the header's line. */
static int check_header(struct inifile *p)
{
	const char *s = raw_start(p), *end;
	char name[128];
	size_t len;

	if (*s != '[')
		return 0;
	end = strchr(s, ']');
	if (!end)
		return inifile_fail(p, NULL, NULL, "syntax error: \"[\" without \"]\"");
	len = (size_t)(end - s - 1);
	if (len >= sizeof(name))
		return inifile_fail(p, NULL, NULL, "section name too long");
	memcpy(name, s + 1, len);
	name[len] = '\0';
	end += 1 + strspn(end + 1, " \t");
	if (*end && *end != ';' && *end != '#')
		return inifile_fail(p, name, NULL, "unexpected text after \"]\"");
	return p->ops->section ? p->ops->section(p->user, p, name) : 0;
}

/* fgets-style: one line per call, so that p->line is the line libinih is handling. */
static char *reader(char *buf, int num, void *stream)
{
	struct inifile *p = stream;
	const char *s = p->text + p->pos;
	size_t len, max = (size_t)(num > 2 ? num - 2 : 0);

	if (p->rc || !*s)
		return NULL;
	len = strcspn(s, "\n");
	p->pos += len + (s[len] == '\n');
	p->line++;
	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (max > sizeof(p->raw) - 1)
		max = sizeof(p->raw) - 1;
	if (len > max) {
		inifile_fail(p, NULL, NULL, "line too long (%zu bytes, at most %zu)", len, max);
		return NULL;
	}
	memcpy(p->raw, s, len);
	p->raw[len] = '\0';
	memcpy(buf, s, len);
	buf[len] = '\n';
	buf[len + 1] = '\0';
	return check_header(p) ? NULL : buf;
}

/* libinih treats an indented line after a key as more of that key's value and calls the
 * handler again with the old name: accepting that would let one key silently replace
 * another, so it is refused. */
static bool is_continuation(const struct inifile *p, const char *key)
{
	const char *s = raw_start(p);
	size_t n = strlen(key);

	if (s == raw_line(p))
		return false;
	if (strncmp(s, key, n) != 0)
		return true;
	s += n + strspn(s + n, " \t");
	return *s != '=' && *s != ':';
}

static int handler(void *user, const char *section, const char *key, const char *value)
{
	struct inifile *p = user;

	if (p->rc)
		return 0;
	if (is_continuation(p, key))
		return !inifile_fail(p, section, key, "indented line %d would continue this value; "
				     "remove the indentation", p->line);
	if (!*section)
		return !inifile_fail(p, NULL, key, "key before any [section]");
	if (!utf8_valid(value, strlen(value)))
		return !inifile_fail(p, section, key, "invalid UTF-8");
	return p->ops->key(p->user, p, section, key, value) == 0;
}

int inifile_parse(const char *text, const char *name, const struct inifile_ops *ops, void *user,
		  char *err, unsigned errlen)
{
	struct inifile p = { .name = name, .text = text, .ops = ops, .user = user,
			     .err = err, .errlen = errlen };
	int r;

	if (err && errlen)
		err[0] = '\0';
	r = ini_parse_stream(reader, &p, handler, &p);
	if (p.rc)
		return p.rc;
	if (r > 0) {
		p.line = r;
		return inifile_fail(&p, NULL, NULL,
				    "syntax error: expected [section], key = value or a comment");
	}
	return r == 0 ? 0 : ERR_NOMEM;
}

static int read_fail(const char *path, const char *what, int e, char *err, unsigned errlen)
{
	if (err && errlen)
		snprintf(err, errlen, "cannot read %s %s: %s", what, path, strerror(e));
	return e == ENOENT ? ERR_NOTFOUND : ERR_IO;
}

static int check_content(const char *buf, size_t n, size_t cap, const char *path, char *err,
			 unsigned errlen)
{
	if (n > cap) {
		inifile_format(err, errlen, path, 0, NULL, NULL, "larger than %zu bytes", cap);
		return ERR_CONFIG;
	}
	if (memchr(buf, '\0', n)) {
		inifile_format(err, errlen, path, 0, NULL, NULL, "contains a NUL byte; not a text file");
		return ERR_CONFIG;
	}
	return 0;
}

int inifile_read(const char *path, const char *what, size_t cap, char **text, char *err,
		 unsigned errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	int rc;

	*text = NULL;
	if (!f)
		return read_fail(path, what, errno, err, errlen);
	buf = malloc(cap + 1);
	if (!buf) {
		fclose(f);
		return ERR_NOMEM;
	}
	n = fread(buf, 1, cap + 1, f);
	rc = ferror(f) ? read_fail(path, what, errno ? errno : EIO, err, errlen)
		       : check_content(buf, n, cap, path, err, errlen);
	fclose(f);
	if (rc) {
		free(buf);
		return rc;
	}
	buf[n] = '\0';
	*text = buf;
	return 0;
}

int inifile_int(const char *v, int min, int max, int *out)
{
	char *end;
	long n;

	if (!(*v >= '0' && *v <= '9') && !(*v == '-' && v[1] >= '0' && v[1] <= '9'))
		return ERR_INVAL;
	errno = 0;
	n = strtol(v, &end, 10);
	if (*end)
		return ERR_INVAL;
	if (errno == ERANGE || n < min || n > max)
		return ERR_RANGE;
	*out = (int)n;
	return 0;
}

int inifile_bool(const char *v, bool *out)
{
	static const struct { const char *word; bool value; } words[] = {
		{ "true", true }, { "yes", true }, { "1", true },
		{ "false", false }, { "no", false }, { "0", false },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strcasecmp(v, words[i].word) == 0) {
			*out = words[i].value;
			return 0;
		}
	}
	return ERR_INVAL;
}

int inifile_text(const char *v, char *out, size_t outlen)
{
	return utf8_nfc(v, out, outlen);
}

int inifile_because(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return ERR_CONFIG;
}

/* ---- key tables ---- */

static bool matches(const struct inifile_key *k, const char *section)
{
	return !k->section || strcmp(k->section, section) == 0;
}

const struct inifile_key *inifile_find(const struct inifile_key *table, const char *section,
				       const char *key)
{
	for (const struct inifile_key *k = table; k->key; k++)
		if (matches(k, section) && strcmp(k->key, key) == 0)
			return k;
	return NULL;
}

bool inifile_section_known(const struct inifile_key *table, const char *section)
{
	for (const struct inifile_key *k = table; k->key; k++)
		if (matches(k, section))
			return true;
	return false;
}

int inifile_apply(struct inifile *p, const struct inifile_keys *ks, const char *section,
		  const char *key, const char *value, const char *unknown)
{
	const struct inifile_key *k = inifile_find(ks->table, section, key);
	char why[400];
	int *line;

	if (!k)
		return inifile_fail(p, section, key, "%s", unknown);
	line = &ks->line_of[k - ks->table];
	if (*line && !k->repeat)
		return inifile_fail(p, section, key, "set twice (first on line %d)", *line);
	*line = p->line;
	if (k->set(ks->obj, k, value, why, sizeof(why)))
		return inifile_fail(p, section, key, "%s", why);
	return 0;
}

const struct inifile_key *inifile_missing(const struct inifile_keys *ks)
{
	for (const struct inifile_key *k = ks->table; k->key; k++)
		if (k->required && !ks->line_of[k - ks->table])
			return k;
	return NULL;
}

int inifile_apply_in(struct inifile *p, const struct inifile_keys *ks, const char *section,
		     const char *key, const char *value)
{
	if (!ks->table)
		return inifile_fail(p, section, key, "unknown section");
	return inifile_apply(p, ks, section, key, value, "unknown key");
}

int inifile_check_required(const struct inifile_key *table, int *key_line, const char *name,
			   int line, const char *section, char *err, unsigned errlen)
{
	const struct inifile_key *k = inifile_missing(&(struct inifile_keys){ table, key_line,
									   NULL });

	if (!k)
		return 0;
	inifile_format(err, errlen, name, line, section, NULL, "%s is required", k->key);
	return ERR_CONFIG;
}

void *inifile_member(void *obj, const struct inifile_key *k)
{
	return (char *)obj + k->offset;
}

int inifile_set_text(void *obj, const struct inifile_key *k, const char *v, char *why,
		     size_t whylen)
{
	int rc = inifile_text(v, inifile_member(obj, k), k->size);

	if (rc == ERR_RANGE)
		return inifile_because(why, whylen, "too long (at most %zu bytes of UTF-8)",
				       k->size - 1);
	if (rc)
		return inifile_because(why, whylen, "invalid UTF-8");
	if (k->min > 0 && !*v)
		return inifile_because(why, whylen, "must not be empty");
	return 0;
}

int inifile_set_int(void *obj, const struct inifile_key *k, const char *v, char *why,
		    size_t whylen)
{
	if (inifile_int(v, k->min, k->max, (int *)inifile_member(obj, k)))
		return inifile_because(why, whylen, "must be an integer between %d and %d, got \"%s\"",
				       k->min, k->max, v);
	return 0;
}

int inifile_set_bool(void *obj, const struct inifile_key *k, const char *v, char *why,
		     size_t whylen)
{
	if (inifile_bool(v, (bool *)inifile_member(obj, k)))
		return inifile_because(why, whylen,
				       "must be true or false (or yes/no, 1/0), got \"%s\"", v);
	return 0;
}

int inifile_choose(const struct inifile_key *k, const char *v, char *why, size_t whylen)
{
	size_t n;
	int i;

	for (i = 0; k->choices[i]; i++)
		if (strcmp(v, k->choices[i]) == 0)
			return i;
	n = (size_t)snprintf(why, whylen, "must be one of");
	for (i = 0; k->choices[i] && n < whylen; i++)
		n += (size_t)snprintf(why + n, whylen - n, "%s %s", i ? "," : "", k->choices[i]);
	if (n < whylen)
		snprintf(why + n, whylen - n, "; got \"%s\"", v);
	return ERR_CONFIG;
}

int inifile_set_choice(void *obj, const struct inifile_key *k, const char *v, char *why,
		       size_t whylen)
{
	int i = inifile_choose(k, v, why, whylen);

	if (i < 0)
		return i;
	snprintf(inifile_member(obj, k), k->size, "%s", k->choices[i]);
	return 0;
}
