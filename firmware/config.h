/* config: the kiosk's INI configuration (libinih), validated strictly.
 * The embedded config/kiosk.ini supplies every default; a file given with --config overrides
 * keys. An unknown section or key, or a bad value, is reported as "FILE:LINE: [section] key: why"
 * and the kiosk refuses to start rather than guess. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include "lang.h"

#include <stdbool.h>

enum priority_group { PRIO_NONE = 0, PRIO_ELDERLY = 1, PRIO_PREGNANT = 2, PRIO_DISABILITY = 3, PRIO_COUNT };

#define CONFIG_MAX_MODELS 16
#define CONFIG_MAX_USB_IDS 8

/* A printer model, from a [model.<name>] section (the embedded file defines the built-in ones;
 * a user file may add models or replace one by defining a section of the same name). */
struct config_model {
	char name[32];         /* a-z, 0-9, '-', '_' */
	int width_dots;        /* 384 (58 mm) or 576 (80 mm); 512 also seen on some 80 mm clones */
	int dpi;               /* 203 typical, 180 on TM-T88 */
	int band_height;       /* raster rows per GS v 0 command */
	unsigned char cut[8];  /* bytes sent to cut, e.g. 1d 56 42 00 */
	int cut_len;           /* 0: the model has no cutter (feed only) */
	bool status;           /* answers DLE EOT over USB/TCP */
	bool near_end;         /* has a paper near-end sensor */
	int n_ids;
	struct { unsigned short vid, pid; } ids[CONFIG_MAX_USB_IDS];
};

struct config_printer {
	char driver[32];        /* "virtual" (default), "file", "lp", "usb", "tcp", "simulated" */
	char device[256];       /* file and lp drivers: path to write to (e.g. /dev/usb/lp0) */
	char simulate[32];      /* simulated driver: "ok", "paper-out", "offline", "fail-send",
	                           "near-end" */
	char model[32];         /* name of the chosen [model.<name>], default "generic" */
	struct config_model m;  /* that model, resolved after parsing */
	char host[128];         /* tcp driver: host name or address (required for tcp) */
	int port;               /* tcp driver: 1..65535, default 9100 */
	int timeout_ms;         /* printer I/O timeout, 500..60000, default 5000 */
	/* Effective values: the model's, unless the [printer] key of the same name gives a
	 * number ("model", the default, means take it from the model). */
	int paper_width_dots;   /* 576 (80 mm), 512 (some 80 mm clones) or 384 (58 mm) */
	int band_height;        /* raster rows per GS v 0 command */
	int paper_width_set;    /* the [printer] paper_width_dots key: 0 = "model" */
	int band_height_set;    /* the [printer] band_height key: 0 = "model" */
};

/* The link to the central system (docs/protocol.md). An empty url: no central system, the
 * kiosk keeps everything in its outbox. */
struct config_sync {
	char url[256];          /* https://host:port, the API under /api/v1 */
	char ca[256];           /* the central CA, pinned (PEM) */
	char cert[256], key[256]; /* this kiosk's client certificate and key (mutual TLS) */
	int batch;              /* events per request, 1..500 */
	int heartbeat_s;        /* 10..3600 */
	int queue_s;            /* queue state poll, 5..600 */
	int timeout_ms;         /* per request, 1000..60000 */
	int lookup_timeout_ms;  /* a citizen's question (lookup.h), 500..30000, default 3000 */
	char lookup_fixture[256]; /* development and tests: answer questions from this JSON file */
	/* Queue numbers (docs/protocol.md "POST /api/v1/numbers"): "local" (default: this kiosk
	 * numbers its services) or "central" (the central system numbers them; when no usable
	 * answer comes within numbering_deadline_ms the kiosk takes the next number of its own
	 * reserved range, reserved_from..reserved_to, which no other kiosk and never the central
	 * system hands out). */
	char numbering[16];
	bool numbering_central;     /* numbering = central, derived */
	int numbering_deadline_ms;  /* 200..5000, default 800 */
	int reserved_from, reserved_to; /* 1..9999, from <= to; 0 0: none (local numbering only) */
};

/* Where dossier codes come from (drivers/scanner.h). */
struct config_scanner {
	char driver[16];        /* "none", "wedge" (default), "camera", "image" */
	char device[256];       /* camera: /dev/videoN, or dir:/path (frames from PNG files) */
	int width, height, fps; /* camera capture: 160..1920 x 120..1080, 1..60 frames/s */
	int wedge_max_gap_ms;   /* keyboard wedge: longest gap between keys of a scan, 5..100 */
	int wedge_min_len;      /* characters before Enter/Tab for a scan, 2..64 */
	int wedge_end_ms;       /* silence that ends a scan without Enter/Tab, 20..2000,
	                           more than wedge_max_gap_ms */
};

#define CONFIG_MAX_REASONS 8

/* Officer satisfaction rating (firmware/rating.h). */
struct config_rating {
	int levels;                        /* 3 or 5 */
	int reasons[CONFIG_MAX_REASONS];   /* enum rating_reason, in the order shown */
	int nreasons;
	int comment_max;                   /* characters, 0..500; 0: no comment box */
	int misuse_window_s, misuse_count; /* this many ratings at this kiosk within the window */
	int officer_window_s, officer_count; /* ... or of one officer: sent flagged */
	char question[LANG_COUNT][200];    /* above the faces; "": the built-in wording */
	char labels[LANG_COUNT][200];      /* the levels' words, most satisfied first, comma-
	                                      separated, one per level; "": the built-in ones */
	int idle_timeout_s;                /* the rating and directory screens: 30..3600 */
};

/* Voice guidance (firmware/journey/voice.h, docs/accessibility.md). */
struct config_voice {
	bool enabled;            /* the unit offers voice guidance at all */
	int volume;              /* 0..100, percent of full scale */
	int quiet_from, quiet_to; /* minutes after local midnight: silent in [from, to), which
	                            * may wrap past midnight; both -1: no quiet hours */
	char clips[256];         /* recorded phrases: <clips>/<lang>/<key>.wav|.ogg; "" none */
};

/* What the kiosk keeps and for how long (docs/storage.md). */
struct config_storage {
	int min_free_kb;     /* tickets off below this much free space under var_dir; 0: no check */
	int reserve_kb;      /* the reserve given to a printed ticket's record on a full disk */
	int events_days;     /* outbox events kept this long after the central system has them */
	int tickets_days;    /* tickets kept this many service days */
	int ratings_days;    /* ratings kept this long */
	int comments_days;   /* a rating's comment text kept this long (shorter than the rating) */
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
	int status_screen_s;     /* how long a dossier's status stays on screen (privacy) */
	char var_dir[256];       /* database, prints; created if missing */
	char catalog[256];       /* path, or empty for the embedded demo catalogue */
	char procedures[256];    /* path, or empty for the embedded demo procedures */
	char font[256];          /* regular face covering Vietnamese */
	char font_bold[256];
	unsigned priority_mask;  /* bit (1 << group) for each enabled priority group */
	bool show_number_if_print_fails; /* unit allows showing the number on screen instead */
	char ticket_note[300];   /* short note printed at the foot of the ticket (vi) */
	char staff_pin[9];       /* opens the staff screen; "" none */
	struct config_printer printer;
	struct config_sync sync;
	struct config_scanner scanner;
	struct config_rating rating;
	struct config_voice voice;
	struct config_storage storage;
	struct config_model models[CONFIG_MAX_MODELS]; /* built-in ones first, in file order */
	int nmodels;
};

/* Load the embedded defaults, then `path` over them (path NULL: defaults only).
 * On error returns ERR_CONFIG (or ERR_NOTFOUND/ERR_IO for an unreadable file) and writes
 * one human-readable line into err. */
int config_load(struct config *cfg, const char *path, char *err, unsigned errlen);

/* Parse INI text named `name` over cfg, which config_load has filled (it must hold the model
 * [printer] model names); then resolve cfg->printer.m and the effective paper_width_dots and
 * band_height. Used by config_load and tests. */
int config_parse_string(struct config *cfg, const char *text, const char *name, char *err,
			unsigned errlen);

/* The model named `name` in cfg->models, or NULL. */
const struct config_model *config_find_model(const struct config *cfg, const char *name);

#endif
