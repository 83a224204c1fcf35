/* inifile: strict INI reading shared by config and catalog, on top of libinih.
 *
 * libinih does the tokenising; this module adds what it lacks for a kiosk that must refuse a
 * bad file rather than guess: the line number of every key (the Debian build of libinih
 * passes none to the handler, so a reader counts lines), a check of every [section] header
 * as it is read, a hard line-length limit instead of silent splitting, no continuation
 * lines, UTF-8 validation of every value, and one error line
 * "FILE:LINE: [section] key: reason" for the first problem, where parsing stops.
 * Start with inifile_parse; callers supply a struct inifile_ops. */
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

/* Value parsers. Each returns 0 or a negative code; reasons are written by the caller. */
/* Write a reason into why and return ERR_CONFIG (for value checkers). */
int inifile_because(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int inifile_int(const char *v, int min, int max, int *out);
int inifile_bool(const char *v, bool *out);
/* NFC copy into out; ERR_INVAL for bad UTF-8, ERR_RANGE when longer than outlen - 1. */
int inifile_text(const char *v, char *out, size_t outlen);

#endif
