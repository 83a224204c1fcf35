/* inifile: strict INI reading shared by config and catalog, on top of libinih.
 *
 * libinih does the tokenising; this module adds what it lacks for a kiosk that must refuse a
 * bad file rather than guess: the line number of every key (the Debian build of libinih
 * passes none to the handler, so a reader counts lines), a check of every [section] header
 * as it is read, a hard line-length limit instead of silent splitting, no continuation
 * lines, UTF-8 validation of every value, and one error line
 * "FILE:LINE: [section] key: reason" for the first problem, where parsing stops.
 * Start with inifile_parse; callers supply a struct inifile_ops.
 *
 * Config and catalogue describe their keys the same way, as tables of struct inifile_key:
 * each key names its setter, which stores a checked value into its member or says in a few
 * words why it will not; inifile_apply looks a key up, refuses one set twice and reports the
 * setter's reason at the key's line. */
#ifndef KIOSK_INIFILE_H
#define KIOSK_INIFILE_H

#include <stdbool.h>
#include <stddef.h>

struct inifile;

/* Callbacks return 0, or the result of inifile_fail to stop parsing. */
struct inifile_ops {
	int (*section)(void *user, struct inifile *p, const char *section);
	int (*key)(void *user, struct inifile *p, const char *section, const char *key,
		   const char *value);
};

/* Parse text (NUL-terminated) named `name` in messages. 0 or ERR_CONFIG, with err filled. */
int inifile_parse(const char *text, const char *name, const struct inifile_ops *ops, void *user,
		  char *err, unsigned errlen);

/* The line being parsed (1-based). */
int inifile_line(const struct inifile *p);

/* Record the first error at the current line and return ERR_CONFIG. key may be NULL for a
 * section-level error, section NULL for a file-level one. */
int inifile_fail(struct inifile *p, const char *section, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* As inifile_fail, but for an earlier line (e.g. the header of a section found incomplete
 * when the next one starts). */
int inifile_fail_at(struct inifile *p, int line, const char *section, const char *key,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Format "NAME:LINE: [section] key: reason" (":LINE" left out when line <= 0) into err. */
void inifile_format(char *err, unsigned errlen, const char *name, int line, const char *section,
		    const char *key, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Read a whole text file of at most `cap` bytes; caller frees *text with free().
 * ERR_NOTFOUND for a missing file, ERR_IO otherwise; err says "cannot read WHAT PATH: why". */
int inifile_read(const char *path, const char *what, size_t cap, char **text, char *err,
		 unsigned errlen);

/* ---- key tables ---- */

struct inifile_key;
/* Store v into obj's member, or write why not into why and return ERR_CONFIG. */
typedef int (*inifile_set_fn)(void *obj, const struct inifile_key *k, const char *v, char *why,
			      size_t whylen);

struct inifile_key {
	const char *section;          /* NULL: the table of one kind of section, any name */
	const char *key;              /* NULL ends a table */
	inifile_set_fn set;
	size_t offset, size;          /* of the member, for the generic setters */
	int min, max;                 /* integers; text: min 1 means "must not be empty" */
	const char *const *choices;   /* NULL-terminated, for inifile_set_choice */
	bool required;                /* its section is incomplete without it (inifile_missing) */
	bool repeat;                  /* may be given again, each time adding to the value */
};

/* One table at work: where each of its keys was set in this text (0: not yet; one int per
 * entry, zeroed by the caller) and the object its setters fill. */
struct inifile_keys {
	const struct inifile_key *table;
	int *line_of;
	void *obj;
};

/* The entry of section/key in a table, NULL when there is none. */
const struct inifile_key *inifile_find(const struct inifile_key *table, const char *section,
				       const char *key);
/* True when the table has a key of that section. */
bool inifile_section_known(const struct inifile_key *table, const char *section);
/* Sets section/key = value through ks: a key not in the table (refused with `unknown` as the
 * reason), one set twice (unless it repeats) or a value its setter refuses stops the parse at
 * this line; 0 otherwise. */
int inifile_apply(struct inifile *p, const struct inifile_keys *ks, const char *section,
		  const char *key, const char *value, const char *unknown);
/* The first required key not set, NULL when none is missing. */
const struct inifile_key *inifile_missing(const struct inifile_keys *ks);
/* inifile_apply for a file of sections of known kinds: ks is the table of the section being
 * read, its table NULL for a section that has none (a key there is refused). */
int inifile_apply_in(struct inifile *p, const struct inifile_keys *ks, const char *section,
		     const char *key, const char *value);
/* The first required key of table that a section (its header at line) left out: ERR_CONFIG
 * with "FILE:LINE: [section] KEY is required" in err; 0 when none is. */
int inifile_check_required(const struct inifile_key *table, int *key_line, const char *name,
			   int line, const char *section, char *err, unsigned errlen);

/* The member a generic setter fills. */
void *inifile_member(void *obj, const struct inifile_key *k);
/* Generic setters: NFC UTF-8 text of at most size - 1 bytes; an integer in min..max; true or
 * false (yes/no, 1/0); one of k->choices, copied as text. */
int inifile_set_text(void *obj, const struct inifile_key *k, const char *v, char *why,
		     size_t whylen);
int inifile_set_int(void *obj, const struct inifile_key *k, const char *v, char *why,
		    size_t whylen);
int inifile_set_bool(void *obj, const struct inifile_key *k, const char *v, char *why,
		     size_t whylen);
int inifile_set_choice(void *obj, const struct inifile_key *k, const char *v, char *why,
		       size_t whylen);
/* The index of v in k->choices, or ERR_CONFIG with the choices listed in why. */
int inifile_choose(const struct inifile_key *k, const char *v, char *why, size_t whylen);

/* ---- value parsers: each returns 0 or a negative code; reasons are the caller's ---- */
/* Write a reason into why and return ERR_CONFIG (for value checkers). */
int inifile_because(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int inifile_int(const char *v, int min, int max, int *out);
int inifile_bool(const char *v, bool *out);
/* NFC copy into out; ERR_INVAL for bad UTF-8, ERR_RANGE when longer than outlen - 1. */
int inifile_text(const char *v, char *out, size_t outlen);

#endif
