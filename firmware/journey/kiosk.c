/* kiosk: the kiosk's parts, opened in one order and closed in the other (kiosk.h). Start at
 * kiosk_open. */
#include "kiosk.h"

#include "journeys.h"

#include "drivers/printer.h"
#include "drivers/printq.h"
#include "drivers/scanner.h"
#include "drivers/voice.h"
#include "firmware/catalog.h"
#include "firmware/clock.h"
#include "firmware/embedded.h"
#include "firmware/err.h"
#include "firmware/events.h"
#include "firmware/http.h"
#include "firmware/i18n.h"
#include "firmware/ledger.h"
#include "firmware/log.h"
#include "firmware/lookup.h"
#include "firmware/numbers.h"
#include "firmware/proc.h"
#include "firmware/privacy.h"
#include "firmware/queue.h"
#include "firmware/retention.h"
#include "firmware/storage.h"
#include "firmware/store.h"
#include "firmware/store_salvage.h"
#include "firmware/sync.h"
#include "firmware/tls.h"
#include "firmware/journey/voice.h"
#include "firmware/version.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEMO_CATALOG "config/catalog-demo.ini"

static int make_dir(const char *path)
{
	char tmp[512];

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(tmp, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

/* The var dir must exist and take writes, or nothing the kiosk does can be kept. */
static int check_var_dir(const char *dir)
{
	char probe[600];
	int fd;

	snprintf(probe, sizeof(probe), "%s/.write-test", dir);
	if (make_dir(dir) == 0 && (fd = open(probe, O_WRONLY | O_CREAT | O_TRUNC, 0600)) >= 0) {
		close(fd);
		unlink(probe);
		return 0;
	}
	fprintf(stderr, "kiosk: cannot write to var_dir \"%s\": %s\n"
		"kiosk: set [kiosk] var_dir to a writable directory\n", dir, strerror(errno));
	return ERR_PERM;
}

/* The config's catalogue file, or the embedded demo. */
static int load_catalog(const struct config *cfg, struct catalog **out, char *err, size_t len)
{
	if (cfg->catalog[0])
		return catalog_load_file(cfg->catalog, out, err, (unsigned)len);
	return catalog_load_string(embedded_get(DEMO_CATALOG, NULL), DEMO_CATALOG, out, err,
				   (unsigned)len);
}

/* A unit's own procedures file names services of its own catalogue: one that does not is a
 * mistake in one of the two files, said at the procedure's services line. (The embedded demo
 * goes with the demo catalogue and is not held to another one.) */
static int check_proc_services(const char *path, const struct proc_set *s,
			       const struct catalog *cat, char *err, size_t len)
{
	for (size_t i = 0; i < proc_count(s); i++) {
		const struct proc *p = proc_at(s, i);

		for (int j = 0; j < p->nservices; j++) {
			int line;

			if (catalog_service_find(cat, p->services[j]))
				continue;
			proc_line(s, p, &line);
			snprintf(err, len, "%s:%d: [procedure.%s] services: no [service.%s] in the "
				 "catalogue", path, line, p->code, p->services[j]);
			return ERR_CONFIG;
		}
	}
	return 0;
}

/* The config's procedures file, or the embedded demo. */
static int load_procs(const struct config *cfg, const struct catalog *cat,
		      struct proc_set **out, char *err, size_t len)
{
	int rc;

	if (!cfg->procedures[0])
		return proc_load_string(embedded_get(PROC_EMBEDDED_DEMO, NULL), PROC_EMBEDDED_DEMO,
					out, err, (unsigned)len);
	rc = proc_load_file(cfg->procedures, out, err, (unsigned)len);
	if (!rc)
		rc = check_proc_services(cfg->procedures, *out, cat, err, len);
	if (rc) {
		proc_free(*out);
		*out = NULL;
	}
	return rc;
}

static int open_config(struct kiosk *k, const struct kiosk_opts *o)
{
	char err[512];
	int rc = config_load(&k->cfg, o->config, err, sizeof(err));

	if (rc) {
		privacy_scrub(err);   /* a value quoted back is still an output */
		fprintf(stderr, "kiosk: %s\n", err);
		return rc;
	}
	rc = load_catalog(&k->cfg, &k->cat, err, sizeof(err));
	if (rc) {
		privacy_scrub(err);
		fprintf(stderr, "kiosk: catalogue: %s\n", err);
		return rc;
	}
	rc = load_procs(&k->cfg, k->cat, &k->procs, err, sizeof(err));
	if (rc) {
		privacy_scrub(err);
		fprintf(stderr, "kiosk: procedures: %s\n", err);
	}
	return rc;
}

/* The TLS files of the central link, checked before any connection (firmware/tls.h). Opened
 * to check or to sync once, every problem is reported and fails; to serve, each is logged and
 * the link stays off (an unusable or exposed key is not something retrying fixes), while the
 * kiosk serves as it does without a central system. */
static int check_link_files(struct kiosk *k, bool report)
{
	const struct config_sync *sy = &k->cfg.sync;
	struct tls_problems p;

	if (!sy->url[0] || tls_check_files(sy->ca, sy->cert, sy->key, (long long)time(NULL), &p) == 0)
		return 0;
	for (int i = 0; i < p.n; i++) {
		if (report)
			fprintf(stderr, "kiosk: %s\n", p.what[i]);
		else
			log_error("%s; the link to the central system stays off", p.what[i]);
	}
	if (report)
		return ERR_CONFIG;
	k->cfg.sync.url[0] = '\0';
	return 0;
}

/* The report of a database replaced (damaged and moved aside, or found empty while the
 * ledger knows tickets): in the log, and to the central system as kiosk.salvage. */
static void report_salvage(struct kiosk *k, const char *reason, const char *moved,
			   const struct store_salvage_report *r)
{
	struct clock_local l;
	char body[512];
	const char *base = strrchr(moved, '/');
	struct events_salvage e = {
		.reason = reason, .moved_to = base ? base + 1 : moved, .tickets = r->tickets,
		.events = r->events, .events_missing = r->events_missing, .complete = r->complete,
	};

	clock_to_local((int64_t)time(NULL), &l);
	for (size_t i = 0; k->ledger && i < catalog_service_count(k->cat); i++) {
		int hi = ledger_highest(k->ledger, catalog_service_at(k->cat, i)->prefix, l.ymd, 1,
					1 << 30);
		if (hi > e.numbering_from)
			e.numbering_from = hi;
	}
	log_error("database %s was %s; %s%s%s: %d ticket(s) and %d unsent event(s) carried over, "
		  "%d event(s) could not be read%s; today's numbering continues from the ledger",
		  k->db_path, reason, moved[0] ? "kept it as " : "", moved, moved[0] ? "" : "started anew",
		  r->tickets, r->events, r->events_missing,
		  r->complete ? "" : " (the file could not be read to its end)");
	if (events_salvage(&e, body, sizeof(body)) == 0)
		(void)store_event(k->store, "kiosk.salvage", body, (int64_t)time(NULL));
}

/* 1 when the damaged file was moved aside and what it still had carried over, or an error. */
static int salvage_into_new(struct kiosk *k)
{
	struct store_salvage_report r;
	char moved[600];
	int rc = store_quarantine(k->db_path, (int64_t)time(NULL), moved, sizeof(moved));

	if (rc) {
		fprintf(stderr, "kiosk: database %s is damaged and cannot be moved aside\n",
			k->db_path);
		return rc;
	}
	rc = store_open(k->db_path, &k->store);
	if (rc)
		return rc;
	store_set_ledger(k->store, k->ledger);
	rc = store_salvage(k->store, moved, 0, &r);
	if (!rc)
		report_salvage(k, "damaged", moved, &r);
	return rc ? rc : 1;
}

static void say_open_failed(struct kiosk *k, int rc)
{
	char advice[700];

	if (rc == ERR_SCHEMA) {
		fprintf(stderr, "kiosk: database %s was written by newer firmware; refusing to touch it."
			" Install the newer firmware or move the file away.\n", k->db_path);
	} else if (rc == ERR_PERM) {
		fprintf(stderr, "kiosk: database %s (or its -wal or -shm) is read-only: make it "
			"writable by the kiosk's user (chmod 600 and chown to that user) or move it "
			"away; the kiosk cannot issue tickets without it\n", k->db_path);
	} else if (rc == ERR_FULL || (rc == ERR_IO && storage_free_kb(k->storage) <
						     k->cfg.storage.min_free_kb)) {
		storage_advice(k->storage, advice, sizeof(advice));
		fprintf(stderr, "kiosk: cannot open database %s: %s\n", k->db_path, advice);
	} else {
		fprintf(stderr, "kiosk: cannot open database %s: %s\n", k->db_path, err_str(rc));
	}
}

static int open_store(struct kiosk *k)
{
	int rc = store_open(k->db_path, &k->store);
	bool salvaged = false;

	if ((rc == ERR_FULL || rc == ERR_IO) && storage_release(k->storage) == 0)
		rc = store_open(k->db_path, &k->store);
	if (rc == ERR_CORRUPT) {
		rc = salvage_into_new(k);
		salvaged = rc == 1;
		rc = salvaged ? 0 : rc;
	}
	if (rc) {
		say_open_failed(k, rc);
		return rc;
	}
	store_set_ledger(k->store, k->ledger);
	if (!salvaged && store_fresh(k->store) && k->ledger && ledger_count(k->ledger) > 0)
		report_salvage(k, "empty", "", &(struct store_salvage_report){ .complete = false });
	return 0;
}

/* The ledger and the reserve first: without them no ticket is issued (storage.h). */
static void open_storage(struct kiosk *k)
{
	const struct storage_limits lim = { k->cfg.storage.min_free_kb, k->cfg.storage.reserve_kb };
	char path[600];

	if (storage_open(k->cfg.var_dir, &lim, &k->storage) != 0)
		return;
	snprintf(path, sizeof(path), "%s/tickets.ledger", k->cfg.var_dir);
	if (ledger_open(path, &k->ledger) != 0) {
		log_error("the ticket ledger %s cannot be made; tickets stay off", path);
		storage_hold(k->storage, true);
	}
}

/* Tickets left pending by a kill or a power cut: printed (the ledger says so) or voided. On a
 * full disk the reserve makes room; if that is not enough the kiosk serves on, tickets off. */
static void recover_tickets(struct kiosk *k)
{
	char advice[700];
	int voided, rc = queue_recover(k->queue, (int64_t)time(NULL), &voided);

	if ((rc == ERR_FULL || rc == ERR_IO) && storage_release(k->storage) == 0)
		rc = queue_recover(k->queue, (int64_t)time(NULL), &voided);
	if (!rc)
		return;
	storage_hold(k->storage, true);
	storage_advice(k->storage, advice, sizeof(advice));
	log_error("the tickets of the last run cannot be recorded: %s; tickets stay off (%s)",
		  err_str(rc), advice);
}

static int open_queue(struct kiosk *k)
{
	int rc;

	if ((rc = check_var_dir(k->cfg.var_dir)) != 0)
		return rc;
	snprintf(k->db_path, sizeof(k->db_path), "%s/kiosk.db", k->cfg.var_dir);
	snprintf(k->prints, sizeof(k->prints), "%s/prints", k->cfg.var_dir);
	open_storage(k);
	if (!k->storage)
		return ERR_NOMEM;
	if ((rc = open_store(k)) != 0)
		return rc;
	rc = queue_new(k->store, k->cat, k->cfg.kiosk_id, &k->queue);
	if (rc) {
		fprintf(stderr, "kiosk: cannot open the queue: %s\n", err_str(rc));
		return rc;
	}
	recover_tickets(k);
	if (!storage_ok(k->storage)) {
		char advice[700];
		storage_advice(k->storage, advice, sizeof(advice));
		log_error("%s; tickets stay off until then, lookups and ratings go on", advice);
		fprintf(stderr, "kiosk: %s; tickets stay off until then\n", advice);
	}
	return 0;
}

/* The printer worker's results go to the journeys, which exist before the first job. */
static void on_printed(void *user, const struct printq_result *res)
{
	struct kiosk *k = user;

	journeys_post_print(k->journeys, res);
}

/* No printer is one broken function, not a dead kiosk: a simulated offline one takes its
 * place, so that the screen says why there are no tickets. */
static int open_printer(struct kiosk *k, const struct printer_ops *ops)
{
	int rc = ops ? printer_open_ops(ops, &k->cfg.printer, k->prints, &k->printer)
		     : printer_open(&k->cfg.printer, k->prints, &k->printer);

	if (rc) {
		struct config_printer off = k->cfg.printer;
		log_error("printer \"%s\" cannot be opened: %s", k->cfg.printer.driver, err_str(rc));
		snprintf(off.driver, sizeof(off.driver), "simulated");
		snprintf(off.simulate, sizeof(off.simulate), "offline");
		rc = printer_open(&off, k->prints, &k->printer);
	}
	if (!rc)
		rc = printq_start(k->printer, on_printed, k, &k->printq);
	if (rc)
		fprintf(stderr, "kiosk: cannot start the printer: %s\n", err_str(rc));
	return rc;
}

/* No central system configured is normal (embedded mode); a worker that cannot start is
 * logged and the kiosk serves on, its events waiting in the outbox. */
static void open_sync(struct kiosk *k, bool thread)
{
	struct sync_config sc;
	int rc;

	if (!k->cfg.sync.url[0])
		return;
	sync_config_from(&k->cfg, KIOSK_VERSION, &sc);
	rc = thread ? sync_start(&sc, k->db_path, &k->sync) : sync_open(&sc, k->db_path, &k->sync);
	if (rc) {
		log_error("sync: cannot start: %s; events stay in the outbox", err_str(rc));
		k->sync = NULL;
	}
}

static int open_journeys(struct kiosk *k)
{
	struct journey_deps d = { .cfg = &k->cfg, .queue = k->queue, .store = k->store,
				  .sync = k->sync, .printq = k->printq, .clock = &k->clock,
				  .storage = k->storage };
	int rc = i18n_new(&k->i18n);

	d.i18n = k->i18n;
	if (!rc)
		rc = journeys_new(&d, k->cat, &k->journeys);
	if (rc)
		fprintf(stderr, "kiosk: cannot start the journeys: %s\n", err_str(rc));
	else
		journeys_set_procs(k->journeys, k->procs);
	return rc;
}

/* The voice: espeak-ng and the output the caller gave (SDL audio from main). One that cannot
 * speak is logged by its parts and the kiosk serves on without it. */
static void open_voice(struct kiosk *k, const struct audio_ops *out)
{
	struct voice_deps d = { &k->cfg.voice, &voice_espeak_ops, out, &k->clock };

	if (!k->cfg.voice.enabled)
		return;
	if (!out)
		log_warn("voice: enabled, but this program has no audio output; no voice");
	else if (voice_new(&d, &k->voice) != 0)
		log_error("voice: cannot start; the kiosk serves without voice");
}

/* The workers answer into the journeys, so they start once the journeys exist. Without a
 * central system (and no fixture) the lookup worker still runs: questions answer from the
 * cache or "unavailable". Central numbering without its worker takes every number from the
 * reserved range (the screen never waits for a worker that is not there). A scanner that
 * cannot be opened (no camera...) is logged by scanner_open: codes can still be typed. */
static void open_workers(struct kiosk *k, bool fixed_clock)
{
	const struct config_sync *sy = &k->cfg.sync;
	struct numbers_range r = { sy->reserved_from, sy->reserved_to };
	struct sync_config sc;
	int rc;

	sync_config_from(&k->cfg, KIOSK_VERSION, &sc);
	rc = lookup_start(sy->url[0] ? &sc : NULL, sy->lookup_fixture[0] ? sy->lookup_fixture : NULL,
			  k->db_path, sy->lookup_timeout_ms, journeys_post_lookup, k->journeys,
			  &k->lookup);
	if (rc) {
		log_error("lookup: cannot start: %s; dossier lookups unavailable", err_str(rc));
		k->lookup = NULL;
	}
	if (sy->numbering_central) {
		rc = numbers_start(&sc, sy->numbering_deadline_ms, r, journeys_post_number,
				   k->journeys, &k->numbers);
		if (rc) {
			log_error("numbers: cannot start: %s; tickets take numbers %d..%d of this kiosk",
				  err_str(rc), r.from, r.to);
			k->numbers = NULL;
		}
	}
	if (scanner_open(&k->cfg.scanner, journeys_post_scan, k->journeys, &k->scanner) == 0)
		log_info("scanner: %s", scanner_name(k->scanner));
	journeys_set_workers(k->journeys, k->lookup, k->numbers);
	/* retention counts days back from the real time; a run on a fixed clock (a script, a
	 * test) would delete what its own days wrote, so it keeps everything */
	if (!fixed_clock && retention_start(k->db_path, &k->cfg.storage, k->storage,
						  &k->retention) != 0)
		log_error("retention: cannot start; old rows stay until the next start");
}

static int open_all(struct kiosk *k, const struct kiosk_opts *o)
{
	int rc = open_config(k, o);

	if (!rc)
		rc = check_link_files(k, o->upto != KIOSK_SERVE);
	if (rc || o->upto == KIOSK_CONFIG)
		return rc;
	if (http_global_init() != 0) {
		fprintf(stderr, "kiosk: cannot initialise HTTPS\n");
		return ERR_NOMEM;
	}
	k->http = true;
	if ((rc = open_queue(k)) != 0 || o->upto == KIOSK_STORE)
		return rc;
	if ((rc = open_printer(k, o->printer_ops)) != 0)
		return rc;
	open_sync(k, !o->no_sync_worker);
	if ((rc = open_journeys(k)) != 0)
		return rc;
	open_workers(k, o->fixed_clock);
	open_voice(k, o->audio_ops);
	return 0;
}

int kiosk_open(const struct kiosk_opts *o, struct kiosk **out)
{
	struct kiosk *k = calloc(1, sizeof(*k));
	int rc;

	*out = NULL;
	if (!k)
		return ERR_NOMEM;
	if (o->fixed_clock)
		clock_init_fixed(&k->clock, o->clock_ms);
	else
		clock_init_real(&k->clock);
	rc = open_all(k, o);
	if (rc) {
		kiosk_close(k);
		return rc;
	}
	*out = k;
	return 0;
}

void kiosk_close(struct kiosk *k)
{
	if (!k)
		return;
	voice_free(k->voice);
	/* the workers post into the journeys: they stop first */
	retention_stop(k->retention);
	numbers_stop(k->numbers);
	scanner_close(k->scanner);
	lookup_stop(k->lookup);
	sync_stop(k->sync);
	printq_stop(k->printq);
	journeys_free(k->journeys);
	i18n_free(k->i18n);
	printer_close(k->printer);
	queue_free(k->queue);
	store_close(k->store);
	proc_free(k->procs);
	ledger_close(k->ledger);
	storage_close(k->storage);
	catalog_free(k->cat);
	if (k->http)
		http_global_cleanup();
	free(k);
}

/* A reload ordered by the central system: only when both files are valid does the kiosk
 * restart on them (a broken file must never take a serving kiosk down). */
int kiosk_check_files(const char *config_path, char *why, size_t len)
{
	struct config *c = malloc(sizeof(*c));
	struct catalog *cat = NULL;
	struct proc_set *procs = NULL;
	char err[512];
	int rc;

	if (!c)
		return ERR_NOMEM;
	rc = config_load(c, config_path, err, sizeof(err));
	if (!rc)
		rc = load_catalog(c, &cat, err, sizeof(err));
	if (!rc)
		rc = load_procs(c, cat, &procs, err, sizeof(err));
	if (rc)
		snprintf(why, len, "%s", err);
	proc_free(procs);
	catalog_free(cat);
	free(c);
	return rc;
}
