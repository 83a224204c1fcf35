/* config: the kiosk's INI configuration (libinih), validated strictly.
 * The embedded config/kiosk.ini supplies every default; a file given with --config overrides
 * keys. An unknown section or key, or a bad value, is reported as "FILE:LINE: [section] key: why"
 * and the kiosk refuses to start rather than guess. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include "lang.h"

#include <stdbool.h>

enum priority_group { PRIO_NONE = 0, PRIO_ELDERLY = 1, PRIO_PREGNANT = 2, PRIO_DISABILITY = 3, PRIO_COUNT };

struct config_printer {
	char driver[32];        /* "virtual" (default), "file", "simulated" */
	char device[256];       /* file driver: path to write to (e.g. /dev/usb/lp0) */
	char simulate[32];      /* simulated driver: "ok", "paper-out", "offline", "fail-send",
	                           "near-end" */
	int paper_width_dots;   /* 576 (80 mm) or 384 (58 mm) */
	int band_height;        /* raster rows per GS v 0 command */
};

struct config {
	char kiosk_id[32];       /* unique per kiosk: goes into ticket ids */
	char unit_name[200];     /* shown on screens and tickets, NFC */
	enum lang language;      /* default language on the home screen */
	bool landscape;          /* orientation = landscape: 1920x1080, else 1080x1920 */
	int width, height;       /* derived from orientation */
	bool fullscreen;
	int idle_timeout_s;      /* back to home after this long without a touch */
	int ticket_screen_s;     /* how long the issued ticket stays on screen */
	char var_dir[256];       /* database, prints; created if missing */
	char catalog[256];       /* path, or empty for the embedded demo catalogue */
	char font[256];          /* regular face covering Vietnamese */
	char font_bold[256];
	unsigned priority_mask;  /* bit (1 << group) for each enabled priority group */
	bool show_number_if_print_fails; /* unit allows showing the number on screen instead */
	char ticket_note[300];   /* short note printed at the foot of the ticket (vi) */
	struct config_printer printer;
};

/* Load the embedded defaults, then `path` over them (path NULL: defaults only).
 * On error returns ERR_CONFIG (or ERR_NOTFOUND/ERR_IO for an unreadable file) and writes
 * one human-readable line into err. */
int config_load(struct config *cfg, const char *path, char *err, unsigned errlen);

/* Parse INI text named `name` over cfg (used by config_load and tests). */
int config_parse_string(struct config *cfg, const char *text, const char *name, char *err,
			unsigned errlen);

#endif
