/* main: start-up, the SDL main loop, and the scripted and benchmark modes.
 * Start-up order: config → var dir → catalogue → database (recovering a corrupt one) →
 * printer and its worker → SDL and the UI → lookup worker, scanner and input. Every failure
 * says what and where, on stderr; a scanner that cannot be opened is only logged. */
#include "drivers/printer.h"
#include "drivers/printq.h"
#include "drivers/scan_report.h"
#include "drivers/scanner.h"
#include "drivers/scanner_wedge.h"
#include "firmware/catalog.h"
#include "firmware/clock.h"
#include "firmware/config.h"
#include "firmware/embedded.h"
#include "firmware/err.h"
#include "firmware/http.h"
#include "firmware/log.h"
#include "firmware/lookup.h"
#include "firmware/numbers.h"
#include "firmware/privacy.h"
#include "firmware/queue.h"
#include "firmware/store.h"
#include "firmware/sync.h"
#include "firmware/tls.h"
#include "ui/app.h"
#include "ui/input.h"
#include "ui/script.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define EXIT_SETUP 2
#define KIOSK_VERSION "0.3.0"

struct opts {
	const char *config, *script, *shots;
	bool first_frame, check_config, bench, sync_once;
	int bench_frames;
	char **decode;           /* --decode-image: the files, to the end of argv */
	int ndecode;
};

struct kiosk {
	struct opts o;
	struct config cfg;
	struct catalog *cat;
	struct store *store;
	struct queue *queue;
	struct printer *printer;
	struct printq *printq;
	struct sync *sync;
	struct lookup *lookup;
	struct numbers *numbers;
	struct scanner *scanner;
	struct input *input;
	struct clock clock;
	SDL_Window *win;
	SDL_Surface *surface;
	SDL_Renderer *ren;
	struct app *app;
	char db_path[512], prints[512];
	bool reexec;             /* a reload of the configuration was ordered and checks out */
};

static void usage(void)
{
	fprintf(stderr,
		"usage: kiosk [--config FILE] [--check-config]\n"
		"             [--script FILE [--screenshots DIR] [--bench]]\n"
		"             [--exit-after-first-frame] [--bench-frames N]\n"
		"             [--sync-once]   send the outbox to the central system now, then exit\n"
		"       kiosk --decode-image FILE...   decode pictures through the kiosk's scan path:\n"
		"             FILE<TAB>SYMBOLOGY<TAB>PAYLOAD<TAB>CODE per picture, \"-\" for none;\n"
		"             exit 0, or 1 when a file is not a picture\n");
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--config") && v)
			o->config = argv[++i];
		else if (!strcmp(a, "--script") && v)
			o->script = argv[++i];
		else if (!strcmp(a, "--screenshots") && v)
			o->shots = argv[++i];
		else if (!strcmp(a, "--bench-frames") && v)
			o->bench_frames = atoi(argv[++i]);
		else if (!strcmp(a, "--exit-after-first-frame"))
			o->first_frame = true;
		else if (!strcmp(a, "--check-config"))
			o->check_config = true;
		else if (!strcmp(a, "--bench"))
			o->bench = true;
		else if (!strcmp(a, "--sync-once"))
			o->sync_once = true;
		else if (!strcmp(a, "--decode-image") && v) {
			o->decode = argv + i + 1;
			o->ndecode = argc - i - 1;
			break;
		} else
			return ERR_INVAL;
	}
	return 0;
}

static int run_decode_images(char **files, int n)
{
	int bad = 0;

	for (int i = 0; i < n; i++)
		bad |= scan_report_file(files[i], stdout) != 0;
	return bad ? 1 : 0;
}

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

static int load_catalog(struct kiosk *k)
{
	char err[512];
	int rc;

	if (k->cfg.catalog[0])
		rc = catalog_load_file(k->cfg.catalog, &k->cat, err, sizeof(err));
	else
		rc = catalog_load_string(embedded_get("config/catalog-demo.ini", NULL),
					 "config/catalog-demo.ini", &k->cat, err, sizeof(err));
	if (rc) {
		privacy_scrub(err);   /* a value quoted back is still an output */
		fprintf(stderr, "kiosk: catalogue: %s\n", err);
	}
	return rc;
}

/* The TLS files of the central link, checked before any connection (firmware/tls.h).
 * --check-config and --sync-once report every problem and fail; at start-up each is logged
 * and the link stays off (an unusable or exposed key is not something retrying fixes), while
 * the kiosk serves as it does without a central system. */
static int check_link_files(struct kiosk *k)
{
	const struct config_sync *sy = &k->cfg.sync;
	bool report = k->o.check_config || k->o.sync_once;
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

static int open_store(struct kiosk *k)
{
	char moved[600];
	int rc = store_open(k->db_path, &k->store);

	if (rc == ERR_CORRUPT) {
		rc = store_quarantine(k->db_path, (int64_t)time(NULL), moved, sizeof(moved));
		if (rc) {
			fprintf(stderr, "kiosk: database %s is damaged and cannot be moved aside\n",
				k->db_path);
			return rc;
		}
		log_error("database %s was damaged; kept it as %s and started a new one",
			  k->db_path, moved);
		rc = store_open(k->db_path, &k->store);
	}
	if (rc == ERR_SCHEMA)
		fprintf(stderr, "kiosk: database %s was written by newer firmware; refusing to touch it."
			" Install the newer firmware or move the file away.\n", k->db_path);
	else if (rc)
		fprintf(stderr, "kiosk: cannot open database %s: %s\n", k->db_path, err_str(rc));
	return rc;
}

/* Worker thread: k->app was set before the first job could be submitted. */
static void on_printed(void *user, const struct printq_result *res)
{
	struct kiosk *k = user;

	app_post_print(k->app, res);
}

static int open_printer(struct kiosk *k)
{
	int rc = printer_open(&k->cfg.printer, k->prints, &k->printer);

	if (rc) {
		/* no printer is one broken function, not a dead kiosk: say so on screen */
		struct config_printer off = k->cfg.printer;
		log_error("printer \"%s\" cannot be opened: %s", k->cfg.printer.driver, err_str(rc));
		snprintf(off.driver, sizeof(off.driver), "simulated");
		snprintf(off.simulate, sizeof(off.simulate), "offline");
		rc = printer_open(&off, k->prints, &k->printer);
	}
	return rc ? rc : printq_start(k->printer, on_printed, k, &k->printq);
}

static int setup_core(struct kiosk *k)
{
	char err[512];
	int rc = config_load(&k->cfg, k->o.config, err, sizeof(err)), voided;

	if (rc) {
		privacy_scrub(err);
		fprintf(stderr, "kiosk: %s\n", err);
		return rc;
	}
	if ((rc = load_catalog(k)) != 0 || (rc = check_link_files(k)) != 0 || k->o.check_config)
		return rc;
	if ((rc = check_var_dir(k->cfg.var_dir)) != 0)
		return rc;
	snprintf(k->db_path, sizeof(k->db_path), "%s/kiosk.db", k->cfg.var_dir);
	snprintf(k->prints, sizeof(k->prints), "%s/prints", k->cfg.var_dir);
	if ((rc = open_store(k)) != 0)
		return rc;
	rc = queue_new(k->store, k->cat, k->cfg.kiosk_id, &k->queue);
	if (!rc)
		rc = queue_recover(k->queue, (int64_t)time(NULL), &voided);
	return rc ? rc : open_printer(k);
}

static void sync_config_of(const struct config *c, struct sync_config *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->url = c->sync.url;
	sc->ca = c->sync.ca;
	sc->cert = c->sync.cert;
	sc->key = c->sync.key;
	sc->kiosk_id = c->kiosk_id;
	sc->version = KIOSK_VERSION;
	sc->batch = c->sync.batch;
	sc->heartbeat_s = c->sync.heartbeat_s;
	sc->queue_s = c->sync.queue_s;
	sc->timeout_ms = c->sync.timeout_ms;
}

/* No central system configured is normal (embedded mode); a worker that cannot start is
 * logged and the kiosk serves on, its events waiting in the outbox. */
static void start_sync(struct kiosk *k)
{
	struct sync_config sc;
	int rc;

	if (!k->cfg.sync.url[0])
		return;
	sync_config_of(&k->cfg, &sc);
	rc = sync_start(&sc, k->db_path, &k->sync);
	if (rc)
		log_error("sync: cannot start: %s; events stay in the outbox", err_str(rc));
}

/* The lookup worker answers into the app, so it starts once the app exists. Without a central
 * system (and no fixture) it still runs: questions answer from the cache or "unavailable". */
static void start_lookup(struct kiosk *k)
{
	struct sync_config sc;
	const char *fixture = k->cfg.sync.lookup_fixture[0] ? k->cfg.sync.lookup_fixture : NULL;
	int rc;

	sync_config_of(&k->cfg, &sc);
	rc = lookup_start(k->cfg.sync.url[0] ? &sc : NULL, fixture, k->db_path,
			  k->cfg.sync.lookup_timeout_ms, app_post_lookup, k->app, &k->lookup);
	if (rc) {
		log_error("lookup: cannot start: %s; dossier lookups unavailable", err_str(rc));
		k->lookup = NULL;
	}
	k->app->d.lookup = k->lookup;
}

/* Central numbering: the numbers worker answers into the app, so it starts once the app
 * exists. A worker that cannot start is logged, and every ticket takes a fallback number of
 * the reserved range (the screen never waits for a worker that is not there). */
static void start_numbers(struct kiosk *k)
{
	const struct config_sync *sy = &k->cfg.sync;
	struct numbers_range r = { sy->reserved_from, sy->reserved_to };
	struct sync_config sc;
	int rc;

	if (!sy->numbering_central)
		return;
	sync_config_of(&k->cfg, &sc);
	rc = numbers_start(&sc, sy->numbering_deadline_ms, r, app_post_number, k->app, &k->numbers);
	if (rc) {
		log_error("numbers: cannot start: %s; tickets take numbers %d..%d of this kiosk",
			  err_str(rc), r.from, r.to);
		k->numbers = NULL;
	}
	k->app->d.numbers = k->numbers;
}

/* The scanner posts into the app, so it opens once the app exists. One that cannot be opened
 * (no camera...) is logged by scanner_open and the kiosk serves on: codes can be typed. */
static void open_scanner(struct kiosk *k)
{
	if (scanner_open(&k->cfg.scanner, app_post_scan, k->app, &k->scanner) == 0)
		log_info("scanner: %s", scanner_name(k->scanner));
	k->app->d.scanner = k->scanner;
}

/* Keyboard input goes through the wedge classifier when the scanner is a keyboard wedge. */
static int setup_input(struct kiosk *k)
{
	struct wedge_config wc;
	struct input_config ic = { .width = k->cfg.width, .height = k->cfg.height };
	struct input_sink sink;
	int rc;

	if (scanner_uses_wedge(k->scanner)) {
		wedge_config_from(&k->cfg.scanner, &wc);
		ic.wedge = &wc;
	}
	input_sink_app(k->app, &sink);
	rc = input_new(&ic, &sink, &k->input);
	if (rc)
		fprintf(stderr, "kiosk: cannot set up the input: %s\n", err_str(rc));
	return rc;
}

/* --sync-once: one drain of the outbox, for operators and tests. */
static int run_sync_once(struct kiosk *k)
{
	struct sync_config sc;
	struct sync_health h;
	struct sync *s;
	int rc;

	if (!k->cfg.sync.url[0]) {
		fprintf(stderr, "kiosk: [sync] url is not set\n");
		return EXIT_SETUP;
	}
	sync_config_of(&k->cfg, &sc);
	rc = sync_open(&sc, k->db_path, &s);
	if (rc) {
		fprintf(stderr, "kiosk: sync: %s\n", err_str(rc));
		return EXIT_SETUP;
	}
	rc = sync_run_once(s);
	sync_status(s, &h);
	printf("sync: sent %lld, backlog %d\n", (long long)h.sent_total, h.backlog);
	if (rc)
		fprintf(stderr, "kiosk: sync failed: %s\n", h.last_error_reason);
	sync_stop(s);
	return rc ? 1 : 0;
}

static int setup_video(struct kiosk *k)
{
	int w = k->cfg.width, h = k->cfg.height;

	if (k->o.script) {
		/* headless: draw into a plain surface, no video driver involved */
		k->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
		k->ren = k->surface ? SDL_CreateSoftwareRenderer(k->surface) : NULL;
	} else if (SDL_Init(SDL_INIT_VIDEO) == 0) {
		Uint32 flags = k->cfg.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE;
		/* a development window at half size fits a desktop; benchmarks draw every pixel */
		int div = k->cfg.fullscreen || k->o.bench_frames || k->o.first_frame ? 1 : 2;
		SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
		k->win = SDL_CreateWindow("Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
					  w / div, h / div, flags);
		k->ren = k->win ? SDL_CreateRenderer(k->win, -1, 0) : NULL;
		if (k->ren)
			SDL_RenderSetLogicalSize(k->ren, w, h);
		if (k->cfg.fullscreen)
			SDL_ShowCursor(SDL_DISABLE);
	}
	if (!k->ren) {
		fprintf(stderr, "kiosk: cannot open the display: %s\n", SDL_GetError());
		return ERR_VIDEO;
	}
	return 0;
}

/* A configured face that is missing falls back to the faces Debian ships, with a warning. */
static int setup_app(struct kiosk *k)
{
	static const char *const fallback[][2] = {
		{ "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
		  "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf" },
		{ "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
		  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" },
	};
	struct app_deps d = { .cfg = &k->cfg, .cat = k->cat, .queue = k->queue, .store = k->store,
			      .sync = k->sync, .printq = k->printq, .clock = &k->clock,
			      .ren = k->ren, .width = k->cfg.width, .height = k->cfg.height,
			      .version = KIOSK_VERSION };
	int rc = app_new(&d, &k->app);

	for (size_t i = 0; rc == ERR_FONT && i < sizeof(fallback) / sizeof(fallback[0]); i++) {
		log_error("font %s or %s cannot be opened; trying %s", k->cfg.font, k->cfg.font_bold,
			  fallback[i][0]);
		snprintf(k->cfg.font, sizeof(k->cfg.font), "%s", fallback[i][0]);
		snprintf(k->cfg.font_bold, sizeof(k->cfg.font_bold), "%s", fallback[i][1]);
		rc = app_new(&d, &k->app);
	}
	if (rc)
		fprintf(stderr, "kiosk: cannot start the screen: %s\n", err_str(rc));
	return rc;
}

static void teardown(struct kiosk *k)
{
	numbers_stop(k->numbers); /* answers go to the app: stop these first */
	scanner_close(k->scanner); /* scans and answers go to the app: stop them first */
	input_free(k->input);
	lookup_stop(k->lookup);
	sync_stop(k->sync);
	printq_stop(k->printq);
	app_free(k->app);
	if (k->ren)
		SDL_DestroyRenderer(k->ren);
	if (k->surface)
		SDL_FreeSurface(k->surface);
	if (k->win)
		SDL_DestroyWindow(k->win);
	printer_close(k->printer);
	queue_free(k->queue);
	store_close(k->store);
	catalog_free(k->cat);
	TTF_Quit();
	SDL_Quit();
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static void print_pct(const char *name, int64_t *v, int n)
{
	if (n <= 0)
		return;
	qsort(v, (size_t)n, sizeof(v[0]), cmp_i64);
	printf("%s_p50 %.3f ms\n", name, (double)v[n / 2] / 1e6);
	printf("%s_p99 %.3f ms\n", name, (double)v[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1] / 1e6);
}

static long rss_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *fp = fopen("/proc/self/status", "r");

	while (fp && fgets(line, sizeof(line), fp))
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	if (fp)
		fclose(fp);
	return kb;
}

static int run_script(struct kiosk *k)
{
	static struct script_stats stats;
	int rc = script_run(k->app, k->input, k->o.script, k->o.shots, k->o.bench ? &stats : NULL);

	if (k->o.bench) {
		print_pct("tap_to_bytes", stats.tap_to_bytes_ns, stats.n);
		printf("tickets_printed %d count\n", k->app->tickets_issued);
		printf("rss_after_tickets %.1f MB\n", (double)rss_kb() / 1024.0);
	}
	return rc ? 1 : 0;
}

/* Taps, keys, text and dropped pictures go to ui/input.c; false ends the loop. */
static bool handle_sdl(struct kiosk *k, SDL_Event *e)
{
	if (e->type == SDL_QUIT)
		return false;
	/* development windows close with Escape; a fullscreen kiosk has no such key */
	if (e->type == SDL_KEYDOWN && !k->cfg.fullscreen && e->key.keysym.sym == SDLK_ESCAPE)
		return false;
	input_event(k->input, e);
	if (e->type == SDL_DROPFILE || e->type == SDL_DROPTEXT)
		SDL_free(e->drop.file);
	return true;
}

/* Keyboard text for the wedge scanner and the fields; pictures dropped on a development
 * window for the scanner (a fullscreen kiosk takes none). */
static void setup_window_input(struct kiosk *k)
{
	SDL_EventState(SDL_DROPFILE, k->cfg.fullscreen ? SDL_DISABLE : SDL_ENABLE);
	SDL_EventState(SDL_DROPTEXT, SDL_DISABLE);
	SDL_StartTextInput();
}

/* A reload ordered by the central system: the configuration and its catalogue are read again
 * and checked; only when both are valid does the kiosk restart on them (a broken file must
 * never take a serving kiosk down). why gets the reason otherwise. */
static int check_reload(const struct kiosk *k, char *why, size_t len)
{
	struct config *c = malloc(sizeof(*c));
	struct catalog *cat = NULL;
	char err[512];
	int rc;

	if (!c)
		return ERR_NOMEM;
	rc = config_load(c, k->o.config, err, sizeof(err));
	if (!rc && c->catalog[0])
		rc = catalog_load_file(c->catalog, &cat, err, sizeof(err));
	else if (!rc)
		rc = catalog_load_string(embedded_get("config/catalog-demo.ini", NULL),
					 "config/catalog-demo.ini", &cat, err, sizeof(err));
	if (rc)
		snprintf(why, len, "%s", err);
	catalog_free(cat);
	free(c);
	return rc;
}

static void maybe_reload(struct kiosk *k, bool *running)
{
	char why[512];

	if (!app_reload_wanted(k->app))
		return;
	if (check_reload(k, why, sizeof(why)) != 0) {
		app_reload_done(k->app, false, why);
		return;
	}
	app_reload_done(k->app, true, "");
	k->reexec = true;
	*running = false;
}

static int run_window(struct kiosk *k, int64_t start_ns)
{
	int64_t frames[4096];
	int nframes = 0;
	bool running = true;
	SDL_Event e;

	setup_window_input(k);
	while (running) {
		int64_t t0 = clock_mono_ns();
		app_frame(k->app);
		SDL_RenderPresent(k->ren);
		if (k->o.first_frame) {
			printf("first_frame_mono_ns %lld\nfirst_frame_in_process %.3f ms\n",
			       (long long)clock_mono_ns(), (double)(clock_mono_ns() - start_ns) / 1e6);
			break;
		}
		if (k->o.bench_frames) {
			frames[nframes++] = clock_mono_ns() - t0;
			if (nframes >= k->o.bench_frames || nframes >= 4096)
				break;
			continue;
		}
		if (SDL_WaitEventTimeout(&e, 16))
			do
				running = handle_sdl(k, &e);
			while (running && SDL_PollEvent(&e));
		if (running)
			maybe_reload(k, &running);
		/* everything read so far is in: what the wedge classifier decided goes on */
		input_settle(k->input, (int64_t)SDL_GetTicks64());
	}
	print_pct("frame", frames, nframes);
	return 0;
}

int main(int argc, char **argv)
{
	static struct kiosk k;
	int64_t start_ns = clock_mono_ns();
	int rc;

	if (parse_args(argc, argv, &k.o)) {
		usage();
		return EXIT_SETUP;
	}
	if (k.o.ndecode) /* no config, database, SDL or video: a tool */
		return run_decode_images(k.o.decode, k.o.ndecode);
	if (k.o.script)
		clock_init_fixed(&k.clock, (int64_t)time(NULL) * 1000);
	else
		clock_init_real(&k.clock);
	if (http_global_init() != 0) {
		fprintf(stderr, "kiosk: cannot initialise HTTPS\n");
		return EXIT_SETUP;
	}
	rc = setup_core(&k);
	if (!rc && k.o.sync_once) {
		rc = run_sync_once(&k);
		teardown(&k);
		http_global_cleanup();
		return rc;
	}
	if (!rc && k.o.check_config) {
		printf("kiosk: configuration is valid\n");
		catalog_free(k.cat);
		return 0;
	}
	if (!rc)
		start_sync(&k);
	if (!rc && TTF_Init() != 0) {
		fprintf(stderr, "kiosk: SDL_ttf: %s\n", TTF_GetError());
		rc = ERR_FONT;
	}
	if (!rc)
		rc = setup_video(&k);
	if (!rc)
		rc = setup_app(&k);
	if (!rc) {
		start_lookup(&k);
		start_numbers(&k);
		open_scanner(&k);
		rc = setup_input(&k);
	}
	if (!rc)
		rc = k.o.script ? run_script(&k) : run_window(&k, start_ns);
	else
		rc = EXIT_SETUP;
	teardown(&k);
	http_global_cleanup();
	if (k.reexec) {
		/* everything is closed: the same program, arguments and pid, on the new files */
		fflush(NULL);
		execv("/proc/self/exe", argv);
		fprintf(stderr, "kiosk: cannot restart for the new configuration: %s\n",
			strerror(errno));
		return 1;
	}
	return rc;
}
