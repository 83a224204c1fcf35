/* kiosk: everything one running kiosk is made of except its screen, opened in one place and
 * closed in the reverse order: config, catalogue, var dir, database, queue, printer and its
 * worker, the link to the central system and its workers, the scanner, the strings and the
 * journeys over them all. main opens it for every mode (serving, scripted, --check-config,
 * --sync-once), and so do the tests that need a whole kiosk; the screen (ui/app.h) is put on
 * top by main.
 *
 * Opening order: config → catalogue [KIOSK_CONFIG] → var dir → database (a damaged one moved
 * aside and a new one started) → queue, pending tickets of a crash voided [KIOSK_STORE] →
 * printer (an absent one replaced by a simulated offline printer, so the screen says why)
 * and its worker → sync worker → strings and journeys → lookup and numbers workers, scanner
 * [KIOSK_SERVE], and the voice where the unit offers it. A failure says what and where on stderr and closes what was opened; a
 * worker or scanner that cannot start is logged and the kiosk serves on without it. */
#ifndef KIOSK_JOURNEY_KIOSK_H
#define KIOSK_JOURNEY_KIOSK_H

#include "firmware/clock.h"
#include "firmware/config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct audio_ops;

struct printer_ops;
struct proc_set;

enum kiosk_upto {
	KIOSK_CONFIG,      /* config and catalogue: enough to check them */
	KIOSK_STORE,       /* and the database and queue: enough to sync once */
	KIOSK_SERVE,       /* everything */
};

struct kiosk_opts {
	const char *config;      /* the kiosk's file; NULL: the embedded defaults alone */
	enum kiosk_upto upto;
	bool fixed_clock;        /* scripts and tests: time moves only by clock_set/advance */
	int64_t clock_ms;        /* with fixed_clock: UTC milliseconds to start at */
	bool no_sync_worker;     /* tests: the sync handle is opened without its thread */
	const struct printer_ops *printer_ops; /* tests: this driver instead of the config's */
	const struct audio_ops *audio_ops;     /* the voice's output (main: SDL audio, from ui/,
	                                        * a layer above); NULL: no voice at all */
};

/* Everything here is the kiosk's own: read it, never replace or free it. A NULL handle is a
 * part that is not there (not configured, failed to start, or not opened at this level). */
struct kiosk {
	struct config cfg;
	struct catalog *cat;         /* the unit's own (the central system's is the journeys') */
	struct proc_set *procs;      /* the unit's own procedures, or the embedded demo */
	struct clock clock;
	char db_path[512];           /* <var_dir>/kiosk.db */
	char prints[512];            /* <var_dir>/prints */
	struct store *store;
	struct queue *queue;
	struct printer *printer;
	struct printq *printq;
	struct sync *sync;
	struct lookup *lookup;
	struct numbers *numbers;
	struct scanner *scanner;
	struct i18n *i18n;
	struct journeys *journeys;
	struct ledger *ledger;       /* <var_dir>/tickets.ledger; NULL: tickets off */
	struct storage *storage;     /* the free-space guard and reserve of var_dir */
	struct retention *retention; /* the worker that keeps the database bounded */
	struct voice *voice;         /* [voice] enabled: the voice worker (firmware/journey/voice.h) */
	bool http;                   /* libcurl's process-wide state was set up */
};

/* 0, or an ERR_* code after saying why on stderr (*out is then NULL). Close with
 * kiosk_close. */
int kiosk_open(const struct kiosk_opts *o, struct kiosk **out);
/* Stops the workers first (they post into the journeys), then closes the rest. NULL: no-op. */
void kiosk_close(struct kiosk *k);
/* A reload: config_path, its catalogue and procedures read and checked again, nothing else touched; 0,
 * or an error with why ("FILE:LINE: [section] key: reason"). */
int kiosk_check_files(const char *config_path, char *why, size_t len);

#endif
