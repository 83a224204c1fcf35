/* config: the key tables below are the whole schema; each key names its setter, and a setter
 * either stores a checked value or explains in a few words why it will not.
 * config_load parses the embedded defaults (which must set every key) and then the file.
 * [model.<name>] sections fill cfg->models (model_keys); a section defines the whole model,
 * replacing one of the same name from an earlier text. After each text, resolve() picks
 * [printer] model and works out the effective paper width and band height. */
#include "config.h"

#include "config_check.h"

#include "embedded.h"
#include "err.h"
#include "inifile.h"
#include "rating_words.h"

#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONFIG_EMBEDDED "config/kiosk.ini"
#define CONFIG_MAX_BYTES (64 * 1024)

/* The setters' obj is the struct config for keys[], the struct config_model for
 * model_keys[]. */
static int set_id(void *obj, const struct inifile_key *k, const char *v, char *why,
		  size_t whylen);
static int set_pin(void *obj, const struct inifile_key *k, const char *v, char *why,
		   size_t whylen);
static int set_language(void *obj, const struct inifile_key *k, const char *v, char *why,
			size_t whylen);
static int set_orientation(void *obj, const struct inifile_key *k, const char *v,
			   char *why, size_t whylen);
static int set_priority(void *obj, const struct inifile_key *k, const char *v, char *why,
			size_t whylen);
static int set_dots(void *obj, const struct inifile_key *k, const char *v, char *why,
		    size_t whylen);
static int set_int_or_model(void *obj, const struct inifile_key *k, const char *v, char *why,
			    size_t whylen);
static int set_model_name(void *obj, const struct inifile_key *k, const char *v, char *why,
			  size_t whylen);
static int set_host(void *obj, const struct inifile_key *k, const char *v, char *why,
		    size_t whylen);
static int set_cut(void *obj, const struct inifile_key *k, const char *v, char *why,
		   size_t whylen);
static int set_usb_ids(void *obj, const struct inifile_key *k, const char *v, char *why,
		       size_t whylen);
static int set_quiet(void *obj, const struct inifile_key *k, const char *v, char *why,
		     size_t whylen);
static int set_levels(void *obj, const struct inifile_key *k, const char *v, char *why,
		      size_t whylen);
static int set_reasons(void *obj, const struct inifile_key *k, const char *v, char *why,
		       size_t whylen);

static const char *const languages[] = { "vi", "en", NULL };
static const char *const orientations[] = { "portrait", "landscape", NULL };
/* "model": take it from the chosen model (stored as 0). */
static const char *const paper_widths[] = { "model", "384", "512", "576", NULL };
static const char *const model_widths[] = { "384", "512", "576", NULL };
static const char *const drivers[] = { "virtual", "file", "lp", "usb", "tcp", "simulated", NULL };
static const char *const scanner_drivers[] = { "none", "wedge", "camera", "image", NULL };
static const char *const rating_levels[] = { "3", "5", NULL };
static const char *const numberings[] = { "local", "central", NULL };
static const char *const simulations[] = { "ok", "paper-out", "offline", "fail-send", "near-end",
					   NULL };

#define MEMBER(m) .offset = offsetof(struct config, m), .size = sizeof(((struct config *)0)->m)
#define MODEL(m) .offset = offsetof(struct config_model, m), \
	.size = sizeof(((struct config_model *)0)->m)

static const struct inifile_key keys[] = {
	{ "kiosk", "kiosk_id", set_id, MEMBER(kiosk_id), .min = 1 },
	{ "kiosk", "unit_name", inifile_set_text, MEMBER(unit_name), .min = 1 },
	{ "kiosk", "language", set_language, .choices = languages },
	{ "kiosk", "orientation", set_orientation, .choices = orientations },
	{ "kiosk", "fullscreen", inifile_set_bool, MEMBER(fullscreen) },
	{ "kiosk", "idle_timeout_s", inifile_set_int, MEMBER(idle_timeout_s), .min = 5, .max = 3600 },
	{ "kiosk", "ticket_screen_s", inifile_set_int, MEMBER(ticket_screen_s), .min = 3, .max = 120 },
	{ "kiosk", "status_screen_s", inifile_set_int, MEMBER(status_screen_s), .min = 5, .max = 300 },
	{ "kiosk", "var_dir", inifile_set_text, MEMBER(var_dir), .min = 1 },
	{ "kiosk", "catalog", inifile_set_text, MEMBER(catalog) },
	{ "kiosk", "procedures", inifile_set_text, MEMBER(procedures) },
	{ "kiosk", "font", inifile_set_text, MEMBER(font), .min = 1 },
	{ "kiosk", "font_bold", inifile_set_text, MEMBER(font_bold), .min = 1 },
	{ "kiosk", "priority_groups", set_priority, .choices = NULL },
	{ "kiosk", "show_number_if_print_fails", inifile_set_bool, MEMBER(show_number_if_print_fails) },
	{ "kiosk", "ticket_note", inifile_set_text, MEMBER(ticket_note) },
	{ "kiosk", "staff_pin", set_pin, MEMBER(staff_pin) },
	{ "printer", "driver", inifile_set_choice, MEMBER(printer.driver), .choices = drivers },
	{ "printer", "device", inifile_set_text, MEMBER(printer.device) },
	{ "printer", "simulate", inifile_set_choice, MEMBER(printer.simulate), .choices = simulations },
	{ "printer", "model", set_model_name, MEMBER(printer.model) },
	{ "printer", "host", set_host, MEMBER(printer.host) },
	{ "printer", "port", inifile_set_int, MEMBER(printer.port), .min = 1, .max = 65535 },
	{ "printer", "timeout_ms", inifile_set_int, MEMBER(printer.timeout_ms), .min = 500, .max = 60000 },
	{ "printer", "paper_width_dots", set_dots, MEMBER(printer.paper_width_set),
	  .choices = paper_widths },
	{ "printer", "band_height", set_int_or_model, MEMBER(printer.band_height_set), .min = 8,
	  .max = 255 },
	{ "sync", "url", inifile_set_text, MEMBER(sync.url) },
	{ "sync", "ca", inifile_set_text, MEMBER(sync.ca) },
	{ "sync", "cert", inifile_set_text, MEMBER(sync.cert) },
	{ "sync", "key", inifile_set_text, MEMBER(sync.key) },
	{ "sync", "batch", inifile_set_int, MEMBER(sync.batch), .min = 1, .max = 500 },
	{ "sync", "heartbeat_s", inifile_set_int, MEMBER(sync.heartbeat_s), .min = 10, .max = 3600 },
	{ "sync", "queue_s", inifile_set_int, MEMBER(sync.queue_s), .min = 5, .max = 600 },
	{ "sync", "timeout_ms", inifile_set_int, MEMBER(sync.timeout_ms), .min = 1000, .max = 60000 },
	{ "sync", "lookup_timeout_ms", inifile_set_int, MEMBER(sync.lookup_timeout_ms), .min = 500,
	  .max = 30000 },
	{ "sync", "lookup_fixture", inifile_set_text, MEMBER(sync.lookup_fixture) },
	{ "sync", "numbering", inifile_set_choice, MEMBER(sync.numbering), .choices = numberings },
	{ "sync", "numbering_deadline_ms", inifile_set_int, MEMBER(sync.numbering_deadline_ms), .min = 200,
	  .max = 5000 },
	{ "sync", "reserved_from", inifile_set_int, MEMBER(sync.reserved_from), .min = 0, .max = 9999 },
	{ "sync", "reserved_to", inifile_set_int, MEMBER(sync.reserved_to), .min = 0, .max = 9999 },
	{ "scanner", "driver", inifile_set_choice, MEMBER(scanner.driver), .choices = scanner_drivers },
	{ "scanner", "device", inifile_set_text, MEMBER(scanner.device), .min = 1 },
	{ "scanner", "width", inifile_set_int, MEMBER(scanner.width), .min = 160, .max = 1920 },
	{ "scanner", "height", inifile_set_int, MEMBER(scanner.height), .min = 120, .max = 1080 },
	{ "scanner", "fps", inifile_set_int, MEMBER(scanner.fps), .min = 1, .max = 60 },
	{ "scanner", "wedge_max_gap_ms", inifile_set_int, MEMBER(scanner.wedge_max_gap_ms), .min = 5,
	  .max = 100 },
	{ "scanner", "wedge_min_len", inifile_set_int, MEMBER(scanner.wedge_min_len), .min = 2, .max = 64 },
	{ "scanner", "wedge_end_ms", inifile_set_int, MEMBER(scanner.wedge_end_ms), .min = 20, .max = 2000 },
	{ "rating", "levels", set_levels, MEMBER(rating.levels), .choices = rating_levels },
	{ "rating", "reasons", set_reasons, MEMBER(rating.reasons) },
	{ "rating", "comment_max", inifile_set_int, MEMBER(rating.comment_max), .min = 0,
	  .max = RATING_COMMENT_HARD_MAX },
	{ "rating", "misuse_window_s", inifile_set_int, MEMBER(rating.misuse_window_s), .min = 5,
	  .max = 3600 },
	{ "rating", "misuse_count", inifile_set_int, MEMBER(rating.misuse_count), .min = 2, .max = 100 },
	{ "rating", "officer_window_s", inifile_set_int, MEMBER(rating.officer_window_s), .min = 60,
	  .max = 86400 },
	{ "rating", "officer_count", inifile_set_int, MEMBER(rating.officer_count), .min = 2, .max = 100 },
	{ "rating", "question_vi", inifile_set_text, MEMBER(rating.question[LANG_VI]) },
	{ "rating", "question_en", inifile_set_text, MEMBER(rating.question[LANG_EN]) },
	{ "rating", "labels_vi", inifile_set_text, MEMBER(rating.labels[LANG_VI]) },
	{ "rating", "labels_en", inifile_set_text, MEMBER(rating.labels[LANG_EN]) },
	{ "rating", "idle_timeout_s", inifile_set_int, MEMBER(rating.idle_timeout_s), .min = 30,
	  .max = 3600 },
	{ "voice", "enabled", inifile_set_bool, MEMBER(voice.enabled) },
	{ "voice", "volume", inifile_set_int, MEMBER(voice.volume), .min = 0, .max = 100 },
	{ "voice", "quiet_hours", set_quiet, .choices = NULL },
	{ "voice", "clips", inifile_set_text, MEMBER(voice.clips) },
	{ "storage", "min_free_kb", inifile_set_int, MEMBER(storage.min_free_kb), .min = 0,
	  .max = 1048576 },
	{ "storage", "reserve_kb", inifile_set_int, MEMBER(storage.reserve_kb), .min = 0,
	  .max = 1048576 },
	{ "storage", "events_days", inifile_set_int, MEMBER(storage.events_days), .min = 1,
	  .max = 3650 },
	{ "storage", "tickets_days", inifile_set_int, MEMBER(storage.tickets_days), .min = 1,
	  .max = 3650 },
	{ "storage", "ratings_days", inifile_set_int, MEMBER(storage.ratings_days), .min = 1,
	  .max = 3650 },
	{ "storage", "comments_days", inifile_set_int, MEMBER(storage.comments_days), .min = 1,
	  .max = 3650 },
	{ NULL },
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]) - 1)

#define MODEL_PREFIX "model."

/* The keys of a [model.<name>] section, whatever the name; a model sets all but usb_ids. */
static const struct inifile_key model_keys[] = {
	{ NULL, "width_dots", set_dots, MODEL(width_dots), .choices = model_widths,
	  .required = true },
	{ NULL, "dpi", inifile_set_int, MODEL(dpi), .min = 100, .max = 400, .required = true },
	{ NULL, "band_height", inifile_set_int, MODEL(band_height), .min = 8, .max = 255,
	  .required = true },
	{ NULL, "cut", set_cut, MODEL(cut), .required = true },
	{ NULL, "status", inifile_set_bool, MODEL(status), .required = true },
	{ NULL, "near_end", inifile_set_bool, MODEL(near_end), .required = true },
	{ NULL, "usb_ids", set_usb_ids, MODEL(ids) },
	{ NULL },
};

#define NMODEL_KEYS (sizeof(model_keys) / sizeof(model_keys[0]) - 1)

/* Group names for priority_groups, indexed by enum priority_group. */
static const char *const priority_names[PRIO_COUNT] = {
	[PRIO_ELDERLY] = "elderly", [PRIO_PREGNANT] = "pregnant", [PRIO_DISABILITY] = "disability",
};

/* A [model.<name>] section of the text being parsed. */
struct model_def {
	int slot;                 /* its index in cfg->models */
	int line;                 /* of the header */
	int line_of[NMODEL_KEYS]; /* where each key was set, 0 if not */
};

struct cfg_parse {
	struct config *cfg;
	int line_of[NKEYS]; /* where each key was set in this text, 0 if not */
	struct model_def defs[CONFIG_MAX_MODELS];
	int ndefs;
	struct model_def *cur; /* the [model.*] section being read, or NULL */
};


/* The kiosk id goes into ticket ids and file names: keep it to a safe ASCII alphabet. */
static int set_id(void *obj, const struct inifile_key *k, const char *v, char *why,
		  size_t whylen)
{
	static const char ok[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	if (v[strspn(v, ok)])
		return inifile_because(why, whylen, "only letters A-Z, a-z, digits, '-' and '_', got \"%s\"",
			       v);
	return inifile_set_text(obj, k, v, why, whylen);
}

/* Empty (no staff screen), or 4 to 8 digits. */
static int set_pin(void *obj, const struct inifile_key *k, const char *v, char *why,
		   size_t whylen)
{
	size_t n = strlen(v);

	if (n && (n < 4 || n > 8 || v[strspn(v, "0123456789")]))
		return inifile_because(why, whylen, "must be empty or 4 to 8 digits");
	return inifile_set_text(obj, k, v, why, whylen);
}

/* "HH:MM-HH:MM" (local time; the end may be past midnight, 22:00-06:30) or empty: none. */
static int set_quiet(void *obj, const struct inifile_key *k, const char *v, char *why,
		     size_t whylen)
{
	struct config *cfg = obj;
	int h1, m1, h2, m2, end = 0;

	(void)k;
	if (!v[0]) {
		cfg->voice.quiet_from = cfg->voice.quiet_to = -1;
		return 0;
	}
	if (sscanf(v, "%2d:%2d-%2d:%2d%n", &h1, &m1, &h2, &m2, &end) != 4 || v[end] ||
	    h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59 || h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0)
		return inifile_because(why, whylen, "must be HH:MM-HH:MM or empty, got \"%s\"", v);
	if (h1 * 60 + m1 == h2 * 60 + m2)
		return inifile_because(why, whylen, "starts and ends at the same time: \"%s\"", v);
	cfg->voice.quiet_from = h1 * 60 + m1;
	cfg->voice.quiet_to = h2 * 60 + m2;
	return 0;
}

static int set_language(void *obj, const struct inifile_key *k, const char *v, char *why,
			size_t whylen)
{
	struct config *cfg = obj;
	int i = inifile_choose(k, v, why, whylen);

	if (i < 0)
		return i;
	cfg->language = (enum lang)lang_parse(k->choices[i]);
	return 0;
}

static int set_orientation(void *obj, const struct inifile_key *k, const char *v,
			   char *why, size_t whylen)
{
	struct config *cfg = obj;
	int i = inifile_choose(k, v, why, whylen);

	if (i < 0)
		return i;
	cfg->landscape = i == 1;
	cfg->width = cfg->landscape ? 1920 : 1080;
	cfg->height = cfg->landscape ? 1080 : 1920;
	return 0;
}

/* 58 mm and 80 mm heads (512: some 80 mm ones); anything else would give a raster the
 * printer crops or wraps. "model" is stored as 0. */
static int set_dots(void *obj, const struct inifile_key *k, const char *v, char *why, size_t whylen)
{
	int i = inifile_choose(k, v, why, whylen);

	if (i < 0)
		return i;
	*(int *)inifile_member(obj, k) = strcmp(k->choices[i], "model") == 0 ? 0 : atoi(k->choices[i]);
	return 0;
}

/* An integer in [min, max], or "model" (stored as 0). */
static int set_int_or_model(void *obj, const struct inifile_key *k, const char *v, char *why,
			    size_t whylen)
{
	if (strcmp(v, "model") == 0) {
		*(int *)inifile_member(obj, k) = 0;
		return 0;
	}
	if (inifile_int(v, k->min, k->max, (int *)inifile_member(obj, k)))
		return inifile_because(why, whylen, "must be model or an integer between %d and %d, "
				       "got \"%s\"", k->min, k->max, v);
	return 0;
}

static bool model_name_ok(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n < sizeof(((struct config_model *)0)->name) &&
	       !s[strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_")];
}

/* Whether the model exists is known only after the whole text: see resolve(). */
static int set_model_name(void *obj, const struct inifile_key *k, const char *v, char *why,
			  size_t whylen)
{
	if (!model_name_ok(v))
		return inifile_because(why, whylen, "must be a model name (1 to 31 of a-z, 0-9, '-', "
				       "'_'), got \"%s\"", v);
	return inifile_set_text(obj, k, v, why, whylen);
}

/* A host name, IPv4 or IPv6 address; empty unless driver = tcp (checked in resolve()). */
static int set_host(void *obj, const struct inifile_key *k, const char *v, char *why, size_t whylen)
{
	static const char ok[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_:";

	if (v[strspn(v, ok)])
		return inifile_because(why, whylen, "must be a host name or IP address, got \"%s\"", v);
	return inifile_set_text(obj, k, v, why, whylen);
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* n hex digits at s (n <= 4), or -1. */
static int hex_value(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		int d = hex_digit(s[i]);

		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* "1d 56 42 00": the bytes that cut the paper; "none" for a model without a cutter. */
static int set_cut(void *obj, const struct inifile_key *k, const char *v, char *why, size_t whylen)
{
	struct config_model *m = obj;
	unsigned char cut[sizeof(m->cut)] = { 0 };
	const char *s = v;
	int n = 0;

	(void)k;
	if (strcmp(v, "none") != 0) {
		while (*(s += strspn(s, " \t"))) {
			size_t len = strcspn(s, " \t");
			int byte = len == 2 ? hex_value(s, 2) : -1;

			if (byte < 0)
				return inifile_because(why, whylen, "\"%.*s\" is not a hex byte; use e.g. "
						       "1d 56 42 00, or none for no cutter", (int)len, s);
			if (n == (int)sizeof(cut))
				return inifile_because(why, whylen, "more than %zu bytes", sizeof(cut));
			cut[n++] = (unsigned char)byte;
			s += len;
		}
		if (n == 0)
			return inifile_because(why, whylen, "must be hex bytes such as 1d 56 42 00, or "
					       "none for no cutter");
	}
	memset(m->cut, 0, sizeof(m->cut));
	memcpy(m->cut, cut, (size_t)n);
	m->cut_len = n;
	return 0;
}

/* "04b8:0e15, 04b8:0e03" (vendor:product, hex), or empty. */
static int set_usb_ids(void *obj, const struct inifile_key *k, const char *v, char *why,
		       size_t whylen)
{
	struct config_model *m = obj;
	const char *s = v + strspn(v, " \t");
	int n = 0;

	(void)k;
	while (*s) {
		size_t len = strcspn(s, ","), word = len;
		int vid = -1, pid = -1;

		while (word > 0 && (s[word - 1] == ' ' || s[word - 1] == '\t'))
			word--;
		if (word == 9 && s[4] == ':') {
			vid = hex_value(s, 4);
			pid = hex_value(s + 5, 4);
		}
		if (vid < 0 || pid < 0)
			return inifile_because(why, whylen, "\"%.*s\" is not a USB id; use VVVV:PPPP in "
					       "hex, e.g. 04b8:0e15", (int)word, s);
		if (n == CONFIG_MAX_USB_IDS)
			return inifile_because(why, whylen, "more than %d USB ids", CONFIG_MAX_USB_IDS);
		m->ids[n].vid = (unsigned short)vid;
		m->ids[n].pid = (unsigned short)pid;
		n++;
		if (!s[len])
			break;
		s += len + 1;
		s += strspn(s, " \t");
		if (!*s)
			return inifile_because(why, whylen, "nothing after the last ','");
	}
	for (int i = n; i < CONFIG_MAX_USB_IDS; i++)
		m->ids[i].vid = m->ids[i].pid = 0;
	m->n_ids = n;
	return 0;
}

static int set_levels(void *obj, const struct inifile_key *k, const char *v, char *why,
		      size_t whylen)
{
	int i = inifile_choose(k, v, why, whylen);

	if (i < 0)
		return i;
	*(int *)inifile_member(obj, k) = atoi(k->choices[i]);
	return 0;
}

/* "attitude, guidance, wait": reasons offered when a citizen is not satisfied, in order. */
static int set_reasons(void *obj, const struct inifile_key *k, const char *v, char *why,
		       size_t whylen)
{
	struct config_rating *r = &((struct config *)obj)->rating;
	const char *s = v + strspn(v, " \t");
	int got[CONFIG_MAX_REASONS], n = 0;

	(void)k;
	while (*s) {
		size_t len = strcspn(s, ","), word = len;
		int id;

		while (word > 0 && (s[word - 1] == ' ' || s[word - 1] == '\t'))
			word--;
		id = rating_reason_parse(s, word);
		if (id < 0)
			return inifile_because(why, whylen, "unknown reason \"%.*s\"; use attitude, "
					       "guidance, wait, late, extra, harassment, other",
					       (int)word, s);
		for (int i = 0; i < n; i++)
			if (got[i] == id)
				return inifile_because(why, whylen, "\"%.*s\" is listed twice",
						       (int)word, s);
		got[n++] = id;
		s += len + (s[len] == ',');
		s += strspn(s, " \t");
	}
	if (n == 0)
		return inifile_because(why, whylen, "at least one reason (a citizen who is not "
				       "satisfied must be able to say why)");
	memcpy(r->reasons, got, sizeof(got[0]) * (size_t)n);
	r->nreasons = n;
	return 0;
}

static int priority_bit(const char *name, size_t len)
{
	for (int g = PRIO_NONE + 1; g < PRIO_COUNT; g++)
		if (strlen(priority_names[g]) == len && strncmp(name, priority_names[g], len) == 0)
			return 1 << g;
	return 0;
}

/* "elderly, pregnant, disability" or empty for no priority path at all. */
static int set_priority(void *obj, const struct inifile_key *k, const char *v, char *why,
			size_t whylen)
{
	struct config *cfg = obj;
	unsigned mask = 0;
	const char *s = v + strspn(v, " \t");

	(void)k;
	while (*s) {
		size_t len = strcspn(s, ",");
		size_t word = len;
		int bit;

		while (word > 0 && (s[word - 1] == ' ' || s[word - 1] == '\t'))
			word--;
		bit = priority_bit(s, word);
		if (!bit)
			return inifile_because(why, whylen, "unknown group \"%.*s\"; use elderly, pregnant, "
				       "disability (comma-separated) or leave empty", (int)word, s);
		mask |= (unsigned)bit;
		s += len + (s[len] == ',');
		s += strspn(s, " \t");
	}
	cfg->priority_mask = mask;
	return 0;
}

const struct config_model *config_find_model(const struct config *cfg, const char *name)
{
	for (int i = 0; i < cfg->nmodels && i < CONFIG_MAX_MODELS; i++)
		if (strcmp(cfg->models[i].name, name) == 0)
			return &cfg->models[i];
	return NULL;
}

/* Line where [section] key was set in this text, 0 if it was not. */
static int line_of(const struct cfg_parse *cp, const char *section, const char *key)
{
	const struct inifile_key *k = inifile_find(keys, section, key);

	return k ? cp->line_of[k - keys] : 0;
}

/* Ends the [model.*] section being read: the first required key it left out, if any, with
 * the section's name and line. */
static const struct inifile_key *model_unfinished(struct cfg_parse *cp, char *section,
					      size_t sectionlen, int *line)
{
	struct model_def *d = cp->cur;
	const struct inifile_key *k;

	cp->cur = NULL;
	if (!d)
		return NULL;
	k = inifile_missing(&(struct inifile_keys){ model_keys, d->line_of, NULL });
	if (k) {
		snprintf(section, sectionlen, MODEL_PREFIX "%s", cp->cfg->models[d->slot].name);
		*line = d->line;
	}
	return k;
}

#define MODEL_MISSING "missing; a model sets width_dots, dpi, band_height, cut, status and " \
	"near_end (usb_ids is optional)"

/* [model.<name>]: a new model, or the whole replacement of one from an earlier text. */
static int begin_model(struct cfg_parse *cp, struct inifile *p, const char *section)
{
	struct config *cfg = cp->cfg;
	const char *name = section + strlen(MODEL_PREFIX);
	const struct config_model *old;
	struct model_def *d;
	int slot;

	if (!model_name_ok(name))
		return inifile_fail(p, section, NULL, "a model name is 1 to 31 of a-z, 0-9, '-' and "
				    "'_'");
	for (int i = 0; i < cp->ndefs; i++)
		if (strcmp(cfg->models[cp->defs[i].slot].name, name) == 0)
			return inifile_fail(p, section, NULL, "defined twice (first on line %d)",
					    cp->defs[i].line);
	old = config_find_model(cfg, name);
	if (old) {
		slot = (int)(old - cfg->models);
	} else {
		if (cfg->nmodels >= CONFIG_MAX_MODELS)
			return inifile_fail(p, section, NULL, "too many models (at most %d)",
					    CONFIG_MAX_MODELS);
		slot = cfg->nmodels++;
	}
	memset(&cfg->models[slot], 0, sizeof(cfg->models[slot]));
	snprintf(cfg->models[slot].name, sizeof(cfg->models[slot].name), "%s", name);
	d = &cp->defs[cp->ndefs++];
	memset(d, 0, sizeof(*d));
	d->slot = slot;
	d->line = inifile_line(p);
	cp->cur = d;
	return 0;
}

static int on_section(void *user, struct inifile *p, const char *section)
{
	struct cfg_parse *cp = user;
	char name[64];
	int line = 0;
	const struct inifile_key *missing = model_unfinished(cp, name, sizeof(name), &line);

	if (missing)
		return inifile_fail_at(p, line, name, missing->key, MODEL_MISSING);
	if (strncmp(section, MODEL_PREFIX, strlen(MODEL_PREFIX)) == 0)
		return begin_model(cp, p, section);
	if (inifile_section_known(keys, section))
		return 0;
	return inifile_fail(p, section, NULL,
			    "unknown section (known: [kiosk], [printer], [sync], [scanner], [rating],"
			    " [storage], [model.<name>])");
}

static int on_model_key(struct cfg_parse *cp, struct inifile *p, const char *section,
			const char *key, const char *value)
{
	struct model_def *d = cp->cur;

	if (!d)
		return inifile_fail(p, section, key, "unknown section");
	return inifile_apply(p, &(struct inifile_keys){ model_keys, d->line_of,
							&cp->cfg->models[d->slot] },
			     section, key, value, "unknown key (a model has width_dots, dpi, "
			     "band_height, cut, status, near_end, usb_ids)");
}

static int on_key(void *user, struct inifile *p, const char *section, const char *key,
		  const char *value)
{
	struct cfg_parse *cp = user;

	if (strncmp(section, MODEL_PREFIX, strlen(MODEL_PREFIX)) == 0)
		return on_model_key(cp, p, section, key, value);
	return inifile_apply(p, &(struct inifile_keys){ keys, cp->line_of, cp->cfg }, section, key,
			     value, inifile_section_known(keys, section) ? "unknown key"
									  : "unknown section");
}

static const struct inifile_ops cfg_ops = { on_section, on_key };

/* A suffix-less wedge scan ends after wedge_end_ms of silence: that silence must be longer
 * than any gap inside a scan, or every scan would end after its first key. Reported at the
 * later of the two keys in this text. */
static int check_scanner(struct cfg_parse *cp, const char *name, char *err, unsigned errlen)
{
	const struct config_scanner *sc = &cp->cfg->scanner;
	int end_line = line_of(cp, "scanner", "wedge_end_ms");
	int gap_line = line_of(cp, "scanner", "wedge_max_gap_ms");
	bool at_gap = gap_line > end_line;

	if (sc->wedge_end_ms > sc->wedge_max_gap_ms)
		return 0;
	inifile_format(err, errlen, name, at_gap ? gap_line : end_line, "scanner",
		       at_gap ? "wedge_max_gap_ms" : "wedge_end_ms",
		       "wedge_end_ms (%d) must be more than wedge_max_gap_ms (%d)",
		       sc->wedge_end_ms, sc->wedge_max_gap_ms);
	return ERR_CONFIG;
}

/* A central system is reached only with mutual TLS and a pinned CA: all three files, or none
 * of the link. Reported at the url line (the key that asks for them). */
static int check_sync(struct cfg_parse *cp, const char *name, char *err, unsigned errlen)
{
	const struct config_sync *sy = &cp->cfg->sync;
	char why[160];

	if (sy->url[0] && config_check_url(sy->url, why, sizeof(why)) != 0) {
		inifile_format(err, errlen, name, line_of(cp, "sync", "url"), "sync", "url", "%s", why);
		return ERR_CONFIG;
	}
	if (!sy->url[0] || (sy->ca[0] && sy->cert[0] && sy->key[0]))
		return 0;
	inifile_format(err, errlen, name, line_of(cp, "sync", "url"), "sync", "url",
		       "needs ca, cert and key (a pinned CA and this kiosk's certificate for "
		       "mutual TLS)");
	return ERR_CONFIG;
}

/* The later of two keys' lines in this text (0 when neither is set in it). */
static int later_line(struct cfg_parse *cp, const char *a, const char *b, const char **which)
{
	int la = line_of(cp, "sync", a), lb = line_of(cp, "sync", b);

	*which = la >= lb ? a : b;
	return la >= lb ? la : lb;
}

/* The reserved range is both ends or neither, in order; central numbering needs the link and
 * a range (each kiosk its own: a fallback number must never be another kiosk's or the central
 * system's). Reported at the numbering line, or at the later end of the range. */
static int check_numbering(struct cfg_parse *cp, const char *name, char *err, unsigned errlen)
{
	struct config_sync *sy = &cp->cfg->sync;
	const char *key;
	int line = later_line(cp, "reserved_from", "reserved_to", &key);

	sy->numbering_central = strcmp(sy->numbering, "central") == 0;
	if ((sy->reserved_from == 0) != (sy->reserved_to == 0)) {
		inifile_format(err, errlen, name, line, "sync", key,
			       "set both reserved_from and reserved_to (1..9999), or neither");
		return ERR_CONFIG;
	}
	if (sy->reserved_from > sy->reserved_to) {
		inifile_format(err, errlen, name, line, "sync", key,
			       "reserved_from (%d) must not be more than reserved_to (%d)",
			       sy->reserved_from, sy->reserved_to);
		return ERR_CONFIG;
	}
	if (!sy->numbering_central)
		return 0;
	line = later_line(cp, "numbering", "url", &key);
	if (!sy->url[0]) {
		inifile_format(err, errlen, name, line, "sync", key,
			       "numbering = central needs url (the central system)");
		return ERR_CONFIG;
	}
	if (!sy->reserved_from) {
		inifile_format(err, errlen, name, line_of(cp, "sync", "numbering"), "sync",
			       "numbering", "central needs reserved_from and reserved_to (this "
			       "kiosk's own range of fallback numbers)");
		return ERR_CONFIG;
	}
	return 0;
}

/* The words of the levels, when a unit gives its own: one per level, none empty (levels and
 * labels may come in either order, or from different files). Reported at the labels line. */
static int check_rating(struct cfg_parse *cp, const char *name, char *err, unsigned errlen)
{
	static const char *const keys_of[LANG_COUNT] = { [LANG_VI] = "labels_vi",
							 [LANG_EN] = "labels_en" };
	const struct config_rating *r = &cp->cfg->rating;

	for (int l = 0; l < LANG_COUNT; l++) {
		int n = r->labels[l][0] ? rating_label_count(r->labels[l]) : r->levels;

		if (n == r->levels)
			continue;
		inifile_format(err, errlen, name, line_of(cp, "rating", keys_of[l]), "rating",
			       keys_of[l], n < 0 ? "a level's words are empty" :
			       "has words for %d levels, but levels = %d", n, r->levels);
		return ERR_CONFIG;
	}
	return 0;
}

/* After a whole text: the last model section is complete, [printer] model names a model,
 * the effective width and band height are the model's unless [printer] gives them, and a
 * central system link is complete. */
static int resolve(struct cfg_parse *cp, const char *name, char *err, unsigned errlen)
{
	struct config_printer *pr = &cp->cfg->printer;
	const struct config_model *m;
	char section[64];
	int line = 0;
	const struct inifile_key *missing = model_unfinished(cp, section, sizeof(section), &line);

	if (missing) {
		inifile_format(err, errlen, name, line, section, missing->key, MODEL_MISSING);
		return ERR_CONFIG;
	}
	m = config_find_model(cp->cfg, pr->model);
	if (!m) {
		char known[CONFIG_MAX_MODELS * 34] = "";
		size_t n = 0;

		for (int i = 0; i < cp->cfg->nmodels && n < sizeof(known); i++)
			n += (size_t)snprintf(known + n, sizeof(known) - n, "%s%s", i ? ", " : "",
					      cp->cfg->models[i].name);
		inifile_format(err, errlen, name, line_of(cp, "printer", "model"), "printer", "model",
			       "unknown model \"%s\" (known: %s)", pr->model, known);
		return ERR_CONFIG;
	}
	if (strcmp(pr->driver, "tcp") == 0 && !pr->host[0]) {
		int driver_line = line_of(cp, "printer", "driver");
		int host_line = line_of(cp, "printer", "host");

		if (host_line > driver_line)
			inifile_format(err, errlen, name, host_line, "printer", "host",
				       "must not be empty with driver = tcp");
		else
			inifile_format(err, errlen, name, driver_line, "printer", "driver",
				       "tcp needs [printer] host (a host name or IP address)");
		return ERR_CONFIG;
	}
	pr->m = *m;
	pr->paper_width_dots = pr->paper_width_set ? pr->paper_width_set : m->width_dots;
	pr->band_height = pr->band_height_set ? pr->band_height_set : m->band_height;
	if (check_sync(cp, name, err, errlen) || check_numbering(cp, name, err, errlen) ||
	    check_scanner(cp, name, err, errlen))
		return ERR_CONFIG;
	return check_rating(cp, name, err, errlen);
}

/* Parses into a copy so that a rejected file leaves cfg as it was. */
static int parse(struct cfg_parse *cp, const char *text, const char *name, char *err,
		 unsigned errlen)
{
	struct config *target = cp->cfg;
	struct config tmp = *target;
	int rc;

	cp->cfg = &tmp;
	rc = inifile_parse(text, name, &cfg_ops, cp, err, errlen);
	if (rc == 0)
		rc = resolve(cp, name, err, errlen);
	cp->cfg = target;
	if (rc == 0)
		*target = tmp;
	return rc;
}

int config_parse_string(struct config *cfg, const char *text, const char *name, char *err,
			unsigned errlen)
{
	struct cfg_parse cp = { .cfg = cfg };

	return parse(&cp, text, name, err, errlen);
}

/* The embedded file is the documentation of every key, so a key without a default there is
 * a firmware bug, reported as such rather than left zero. */
static int load_defaults(struct config *cfg, char *err, unsigned errlen)
{
	struct cfg_parse cp = { .cfg = cfg };
	const char *text = embedded_get(CONFIG_EMBEDDED, NULL);
	int rc;

	if (!text) {
		inifile_format(err, errlen, CONFIG_EMBEDDED, 0, NULL, NULL, "not embedded");
		return ERR_CONFIG;
	}
	rc = parse(&cp, text, CONFIG_EMBEDDED, err, errlen);
	for (size_t i = 0; rc == 0 && i < NKEYS; i++) {
		if (!cp.line_of[i]) {
			inifile_format(err, errlen, CONFIG_EMBEDDED, 0, keys[i].section, keys[i].key,
				       "no default (firmware bug)");
			rc = ERR_CONFIG;
		}
	}
	return rc;
}

int config_load(struct config *cfg, const char *path, char *err, unsigned errlen)
{
	struct config tmp;
	char *text = NULL;
	int rc;

	memset(&tmp, 0, sizeof(tmp));
	rc = load_defaults(&tmp, err, errlen);
	if (rc == 0 && path) {
		rc = inifile_read(path, "config", CONFIG_MAX_BYTES, &text, err, errlen);
		if (rc == 0)
			rc = config_parse_string(&tmp, text, path, err, errlen);
		free(text);
	}
	if (rc == 0)
		*cfg = tmp;
	return rc;
}
