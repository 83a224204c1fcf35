/* config: the key table below is the whole schema; each key names its setter, and a setter
 * either stores a checked value or explains in a few words why it will not.
 * config_load parses the embedded defaults (which must set every key) and then the file. */
#include "config.h"

#include "embedded.h"
#include "err.h"
#include "inifile.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONFIG_EMBEDDED "config/kiosk.ini"
#define CONFIG_MAX_BYTES (64 * 1024)

struct cfg_key;
typedef int (*cfg_set_fn)(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
			  size_t whylen);

struct cfg_key {
	const char *section;
	const char *key;
	cfg_set_fn set;
	size_t offset, size;          /* of the member set, for the generic setters */
	int min, max;                 /* integers; text: min 1 means "must not be empty" */
	const char *const *choices;   /* NULL-terminated, for set_choice */
};

static int set_text(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
		    size_t whylen);
static int set_id(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
		  size_t whylen);
static int set_int(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
		   size_t whylen);
static int set_bool(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
		    size_t whylen);
static int set_choice(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
		      size_t whylen);
static int set_language(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
			size_t whylen);
static int set_orientation(struct config *cfg, const struct cfg_key *k, const char *v,
			   char *why, size_t whylen);
static int set_paper_width(struct config *cfg, const struct cfg_key *k, const char *v,
			   char *why, size_t whylen);
static int set_priority(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
			size_t whylen);

static const char *const languages[] = { "vi", "en", NULL };
static const char *const orientations[] = { "portrait", "landscape", NULL };
static const char *const paper_widths[] = { "384", "576", NULL };
static const char *const drivers[] = { "virtual", "file", "simulated", NULL };
static const char *const simulations[] = { "ok", "paper-out", "offline", "fail-send", "near-end",
					   NULL };

#define MEMBER(m) .offset = offsetof(struct config, m), .size = sizeof(((struct config *)0)->m)

static const struct cfg_key keys[] = {
	{ "kiosk", "kiosk_id", set_id, MEMBER(kiosk_id), .min = 1 },
	{ "kiosk", "unit_name", set_text, MEMBER(unit_name), .min = 1 },
	{ "kiosk", "language", set_language, .choices = languages },
	{ "kiosk", "orientation", set_orientation, .choices = orientations },
	{ "kiosk", "fullscreen", set_bool, MEMBER(fullscreen) },
	{ "kiosk", "idle_timeout_s", set_int, MEMBER(idle_timeout_s), .min = 5, .max = 3600 },
	{ "kiosk", "ticket_screen_s", set_int, MEMBER(ticket_screen_s), .min = 3, .max = 120 },
	{ "kiosk", "var_dir", set_text, MEMBER(var_dir), .min = 1 },
	{ "kiosk", "catalog", set_text, MEMBER(catalog) },
	{ "kiosk", "font", set_text, MEMBER(font), .min = 1 },
	{ "kiosk", "font_bold", set_text, MEMBER(font_bold), .min = 1 },
	{ "kiosk", "priority_groups", set_priority, .choices = NULL },
	{ "kiosk", "show_number_if_print_fails", set_bool, MEMBER(show_number_if_print_fails) },
	{ "kiosk", "ticket_note", set_text, MEMBER(ticket_note) },
	{ "printer", "driver", set_choice, MEMBER(printer.driver), .choices = drivers },
	{ "printer", "device", set_text, MEMBER(printer.device) },
	{ "printer", "simulate", set_choice, MEMBER(printer.simulate), .choices = simulations },
	{ "printer", "paper_width_dots", set_paper_width, .choices = paper_widths },
	{ "printer", "band_height", set_int, MEMBER(printer.band_height), .min = 8, .max = 255 },
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

/* Group names for priority_groups, indexed by enum priority_group. */
static const char *const priority_names[PRIO_COUNT] = {
	[PRIO_ELDERLY] = "elderly", [PRIO_PREGNANT] = "pregnant", [PRIO_DISABILITY] = "disability",
};

struct cfg_parse {
	struct config *cfg;
	int line_of[NKEYS]; /* where each key was set in this text, 0 if not */
};


static void *member(struct config *cfg, const struct cfg_key *k)
{
	return (char *)cfg + k->offset;
}

static int set_text(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
		    size_t whylen)
{
	int rc = inifile_text(v, member(cfg, k), k->size);

	if (rc == ERR_RANGE)
		return inifile_because(why, whylen, "too long (at most %zu bytes of UTF-8)", k->size - 1);
	if (rc)
		return inifile_because(why, whylen, "invalid UTF-8");
	if (k->min > 0 && !*v)
		return inifile_because(why, whylen, "must not be empty");
	return 0;
}

/* The kiosk id goes into ticket ids and file names: keep it to a safe ASCII alphabet. */
static int set_id(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
		  size_t whylen)
{
	static const char ok[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	if (v[strspn(v, ok)])
		return inifile_because(why, whylen, "only letters A-Z, a-z, digits, '-' and '_', got \"%s\"",
			       v);
	return set_text(cfg, k, v, why, whylen);
}

static int set_int(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
		   size_t whylen)
{
	if (inifile_int(v, k->min, k->max, (int *)member(cfg, k)))
		return inifile_because(why, whylen, "must be an integer between %d and %d, got \"%s\"",
			       k->min, k->max, v);
	return 0;
}

static int set_bool(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
		    size_t whylen)
{
	if (inifile_bool(v, (bool *)member(cfg, k)))
		return inifile_because(why, whylen, "must be true or false (or yes/no, 1/0), got \"%s\"", v);
	return 0;
}

/* Index of v in k->choices, or the reason it is not there. */
static int choose(const struct cfg_key *k, const char *v, char *why, size_t whylen)
{
	size_t n = 0;
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

static int set_choice(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
		      size_t whylen)
{
	int i = choose(k, v, why, whylen);

	if (i < 0)
		return i;
	snprintf(member(cfg, k), k->size, "%s", k->choices[i]);
	return 0;
}

static int set_language(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
			size_t whylen)
{
	int i = choose(k, v, why, whylen);

	if (i < 0)
		return i;
	cfg->language = (enum lang)lang_parse(k->choices[i]);
	return 0;
}

static int set_orientation(struct config *cfg, const struct cfg_key *k, const char *v,
			   char *why, size_t whylen)
{
	int i = choose(k, v, why, whylen);

	if (i < 0)
		return i;
	cfg->landscape = i == 1;
	cfg->width = cfg->landscape ? 1920 : 1080;
	cfg->height = cfg->landscape ? 1080 : 1920;
	return 0;
}

/* 58 mm and 80 mm heads; anything else would give a raster the printer crops or wraps. */
static int set_paper_width(struct config *cfg, const struct cfg_key *k, const char *v,
			   char *why, size_t whylen)
{
	int i = choose(k, v, why, whylen);

	if (i < 0)
		return i;
	cfg->printer.paper_width_dots = atoi(k->choices[i]);
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
static int set_priority(struct config *cfg, const struct cfg_key *k, const char *v, char *why,
			size_t whylen)
{
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

static const struct cfg_key *find_key(const char *section, const char *key)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].key, key) == 0)
			return &keys[i];
	return NULL;
}

static bool section_known(const char *section)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].section, section) == 0)
			return true;
	return false;
}

static int on_section(void *user, struct inifile *p, const char *section)
{
	(void)user;
	if (section_known(section))
		return 0;
	return inifile_fail(p, section, NULL, "unknown section (known: [kiosk], [printer])");
}

static int on_key(void *user, struct inifile *p, const char *section, const char *key,
		  const char *value)
{
	struct cfg_parse *cp = user;
	const struct cfg_key *k = find_key(section, key);
	char why[400];
	size_t i;

	if (!k)
		return inifile_fail(p, section, key, section_known(section) ? "unknown key"
									    : "unknown section");
	i = (size_t)(k - keys);
	if (cp->line_of[i])
		return inifile_fail(p, section, key, "set twice (first on line %d)", cp->line_of[i]);
	cp->line_of[i] = inifile_line(p);
	if (k->set(cp->cfg, k, value, why, sizeof(why)))
		return inifile_fail(p, section, key, "%s", why);
	return 0;
}

static const struct inifile_ops cfg_ops = { on_section, on_key };

/* Parses into a copy so that a rejected file leaves cfg as it was. */
static int parse(struct cfg_parse *cp, const char *text, const char *name, char *err,
		 unsigned errlen)
{
	struct config *target = cp->cfg;
	struct config tmp = *target;
	int rc;

	cp->cfg = &tmp;
	rc = inifile_parse(text, name, &cfg_ops, cp, err, errlen);
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
