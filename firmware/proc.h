/* proc: administrative procedures (thủ tục hành chính) as the national procedure database
 * publishes them, for the kiosk's "look up a procedure" screens and checklist slip; see
 * docs/procedures.md for which of the database's fields are kept and why.
 *
 *   [field.<id>]            name_vi, name_en, order         (lĩnh vực; ids as in the catalogue)
 *   [procedure.<code>]      the national code, e.g. [procedure.1.001193]
 *       name_vi, name_en    the procedure's name
 *       field               a [field.<id>] of this file
 *       level               commune | province | ministry   (cấp thực hiện)
 *       services            catalogue prefixes that receive it: A, K   (may be empty)
 *       paper               FORM, COUNT, name in Vietnamese  (repeatable, in order; FORM is
 *                           original, copy, original_or_copy or show: shown, not handed in)
 *       paper_en            the English name of the paper just before
 *       fee                 one line of fees and charges (repeatable), or "none" alone
 *       fee_en              the English of the fee line just before
 *       time_vi, time_en    processing time (thời hạn giải quyết), as published
 *       result_vi, result_en   what the citizen receives
 *       ways                counter, post, online_part, online_full (comma-separated)
 *       url                 the procedure's page on the national portal (https://...)
 *       order               within its field
 *
 * Required: name_vi of a field; name_vi, field, level, at least one paper, fee, time_vi,
 * result_vi and ways of a procedure; a field with no procedure is refused. English falls
 * back to Vietnamese. Text is stored NFC; unknown keys, bad values and a *_en line with
 * nothing before it are errors "FILE:LINE: [section] key: reason" (firmware/inifile). The
 * set is immutable once loaded; every pointer is borrowed until proc_free. */
#ifndef KIOSK_PROC_H
#define KIOSK_PROC_H

#include "lang.h"

#include <stdbool.h>
#include <stddef.h>

#define PROC_EMBEDDED_DEMO "config/procedures-demo.ini"
#define PROC_FILE_MAX (8 * 1024 * 1024)   /* a local file; the central reply is HTTP_BODY_MAX */
#define PROC_MAX_PAPERS 20
#define PROC_MAX_FEES 8
#define PROC_MAX_SERVICES 4
#define PROC_CODE_MAX 16

enum proc_level { PROC_COMMUNE, PROC_PROVINCE, PROC_MINISTRY };
enum proc_form { PROC_ORIGINAL, PROC_COPY, PROC_ORIGINAL_OR_COPY, PROC_SHOW };

enum {
	PROC_WAY_COUNTER = 1,      /* trực tiếp */
	PROC_WAY_POST = 2,         /* qua dịch vụ bưu chính */
	PROC_WAY_ONLINE_PART = 4,  /* trực tuyến một phần */
	PROC_WAY_ONLINE_FULL = 8,  /* trực tuyến toàn trình */
};

struct proc_paper {
	const char *name[LANG_COUNT];
	enum proc_form form;
	int count;
};

struct proc_fee {
	const char *text[LANG_COUNT];
};

struct proc_field {
	char id[32];
	char name[LANG_COUNT][160];
	int order;
};

struct proc {
	char code[PROC_CODE_MAX];      /* "1.001193" */
	const char *name[LANG_COUNT];
	char field_id[32];
	enum proc_level level;
	const struct proc_paper *papers;
	size_t npapers;
	const struct proc_fee *fees;   /* none when free_of_charge */
	size_t nfees;
	bool free_of_charge;           /* fee = none: no fee or charge at all */
	const char *time[LANG_COUNT];
	const char *result[LANG_COUNT];
	unsigned ways;                 /* PROC_WAY_* */
	const char *url;               /* "" when none */
	char services[PROC_MAX_SERVICES][4];
	int nservices;
	int order;
};

struct proc_set;

int proc_load_string(const char *text, const char *name, struct proc_set **out, char *err,
		     unsigned errlen);
/* ERR_NOTFOUND when the file is missing; otherwise as proc_load_string. */
int proc_load_file(const char *path, struct proc_set **out, char *err, unsigned errlen);
void proc_free(struct proc_set *s);

/* Fields by order then id; procedures by their field's order, then order, then code. */
size_t proc_field_count(const struct proc_set *s);
const struct proc_field *proc_field_at(const struct proc_set *s, size_t i);
const struct proc_field *proc_field_find(const struct proc_set *s, const char *id);
size_t proc_count(const struct proc_set *s);
const struct proc *proc_at(const struct proc_set *s, size_t i);
/* By code, with or without its dots ("1.001193", "1001193"); NULL when none. */
const struct proc *proc_find(const struct proc_set *s, const char *code);
/* The index of p in the set (p from this set). */
size_t proc_index(const struct proc_set *s, const struct proc *p);
/* Fills out[] with up to max procedures of the field (in order); returns how many it has. */
size_t proc_field_procs(const struct proc_set *s, const char *field_id, const struct proc **out,
			size_t max);

/* The line of a procedure's [procedure.<code>] header and of its services key (0: none), for
 * checks against a catalogue (config_check). */
int proc_line(const struct proc_set *s, const struct proc *p, int *services_line);

/* Words for the screen and the slip: "bản chính", "original"... */
const char *proc_form_word(enum proc_form f, enum lang l);
const char *proc_level_word(enum proc_level v, enum lang l);

#endif
