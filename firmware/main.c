/* main: the program. Opens the kiosk (firmware/journey/kiosk.h: everything but the screen),
 * puts the screen on it (SDL and ui/app.h), and runs it: the window loop, a script, or one of
 * the tools (--check-config, --sync-once, --decode-image). Every failure says what and where,
 * on stderr, and exits 2. */
#include "drivers/scan_report.h"
#include "drivers/scanner.h"
#include "drivers/scanner_wedge.h"
#include "firmware/clock.h"
#include "firmware/err.h"
#include "firmware/journey/kiosk.h"
#include "firmware/journey/prints.h"
#include "firmware/journey/remote.h"
#include "firmware/log.h"
#include "firmware/progprobe.h"
#include "firmware/store.h"
#include "firmware/svc.h"
#include "firmware/sync.h"
#include "firmware/version.h"
#include "ui/app.h"
#include "ui/audio_sdl.h"
#include "ui/input.h"
#include "ui/script.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EXIT_SETUP 2

struct opts {
	const char *config, *script, *shots;
	bool first_frame, check_config, bench, sync_once, version, schema;
	int bench_frames;
	char **decode;           /* --decode-image: the files, to the end of argv */
	int ndecode;
};

/* The kiosk and the screen on top of it. */
struct run {
	struct opts o;
	struct kiosk *k;
	struct input *input;
	SDL_Window *win;
	SDL_Surface *surface;
	SDL_Renderer *ren;
	bool ttf;
	struct app *app;
	struct svc *svc;         /* what systemd is told: READY, WATCHDOG, STATUS */
	bool reexec;             /* a reload of the configuration was ordered and checks out */
	char exe[512];           /* with reexec: the new version's program, installed over ours */
	int64_t exe_check_ms;
	bool exe_refused;        /* that program is older than the database: this one serves on */
	bool redraw;             /* the window may have lost its pixels: draw the next frame */
	int64_t changed_ms;      /* when a frame last showed something new */
};

static void usage(void)
{
	fprintf(stderr,
		"usage: kiosk [--config FILE] [--check-config] [--version] [--schema-version]\n"
		"             [--script FILE [--screenshots DIR] [--bench]]\n"
		"             [--exit-after-first-frame] [--bench-frames N]\n"
		"             [--sync-once]   send the outbox to the central system now, then exit\n"
		"       kiosk --decode-image FILE...   decode pictures through the kiosk's scan path:\n"
		"             FILE<TAB>SYMBOLOGY<TAB>PAYLOAD<TAB>CODE per picture, \"-\" for none;\n"
		"             exit 0, or 1 when a file is not a picture\n");
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	for (int i = 1; i < argc && argv[i]; i++) {
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
		else if (!strcmp(a, "--version"))
			o->version = true;
		else if (!strcmp(a, "--schema-version"))
			o->schema = true;
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

/* Keyboard input goes through the wedge classifier when the scanner is a keyboard wedge. */
/* Keyboard input goes through the wedge classifier when the scanner is a keyboard wedge. */
static int setup_input(struct run *r)
{
	const struct config *cfg = &r->k->cfg;
	struct wedge_config wc;
	struct input_config ic = { .width = cfg->width, .height = cfg->height };
	struct input_sink sink;
	int rc;

	if (scanner_uses_wedge(r->k->scanner)) {
		wedge_config_from(&cfg->scanner, &wc);
		ic.wedge = &wc;
	}
	input_sink_app(r->app, &sink);
	rc = input_new(&ic, &sink, &r->input);
	if (rc)
		fprintf(stderr, "kiosk: cannot set up the input: %s\n", err_str(rc));
	return rc;
}

/* --sync-once: one drain of the outbox, for operators and tests. */
static int run_sync_once(const struct kiosk *k)
{
	struct sync_config sc;
	struct sync_health h;
	struct sync *s;
	int rc;

	if (!k->cfg.sync.url[0]) {
		fprintf(stderr, "kiosk: [sync] url is not set\n");
		return EXIT_SETUP;
	}
	sync_config_from(&k->cfg, KIOSK_VERSION, &sc);
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

/* SDL's software renderer (SDL_RENDER_DRIVER=software: a kiosk without a usable GPU) draws
 * in memory; on X11 SDL would still hand each frame to the screen through an OpenGL texture,
 * loading a whole GL stack (Mesa's llvmpipe: some 80 MB more) to copy pixels. Without it the
 * frame goes to X11 through shared memory. Wayland has no other way in SDL 2.26: there the
 * texture stays. */
static void software_without_gl(void)
{
	const char *ren = SDL_GetHint(SDL_HINT_RENDER_DRIVER);

	if (ren && strcmp(ren, "software") == 0 &&
	    strcmp(SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "", "x11") == 0 &&
	    !SDL_GetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION))
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
}

static int setup_video(struct run *r)
{
	const struct config *cfg = &r->k->cfg;
	int w = cfg->width, h = cfg->height;

	if (TTF_Init() != 0) {
		fprintf(stderr, "kiosk: SDL_ttf: %s\n", TTF_GetError());
		return ERR_FONT;
	}
	r->ttf = true;
	if (r->o.script) {
		/* headless: draw into a plain surface, no video driver involved */
		r->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
		r->ren = r->surface ? SDL_CreateSoftwareRenderer(r->surface) : NULL;
	} else if (SDL_Init(SDL_INIT_VIDEO) == 0) {
		Uint32 flags = cfg->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE;
		/* a development window at half size fits a desktop; benchmarks draw every pixel */
		int div = cfg->fullscreen || r->o.bench_frames || r->o.first_frame ? 1 : 2;
		SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
		software_without_gl();
		r->win = SDL_CreateWindow("Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
					  w / div, h / div, flags);
		r->ren = r->win ? SDL_CreateRenderer(r->win, -1, 0) : NULL;
		if (r->ren)
			SDL_RenderSetLogicalSize(r->ren, w, h);
		if (cfg->fullscreen)
			SDL_ShowCursor(SDL_DISABLE);
	}
	if (!r->ren) {
		fprintf(stderr, "kiosk: cannot open the display: %s\n", SDL_GetError());
		return ERR_VIDEO;
	}
	if (r->win) {
		SDL_RendererInfo ri = { 0 };
		SDL_GetRendererInfo(r->ren, &ri);
		log_info("display: SDL video driver %s, renderer %s", SDL_GetCurrentVideoDriver(),
			 ri.name ? ri.name : "?");
	}
	return 0;
}

/* A configured face that is missing falls back to the faces Debian ships, with a warning. */
static int setup_app(struct run *r)
{
	static const char *const fallback[][2] = {
		{ "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
		  "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf" },
		{ "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
		  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" },
	};
	struct config *cfg = &r->k->cfg;
	struct app_deps d = { .cfg = cfg, .journeys = r->k->journeys, .i18n = r->k->i18n,
			      .scanner = r->k->scanner, .voice = r->k->voice,
			      .clock = &r->k->clock, .ren = r->ren,
			      .width = cfg->width, .height = cfg->height, .version = KIOSK_VERSION };
	int rc = app_new(&d, &r->app);

	for (size_t i = 0; rc == ERR_FONT && i < sizeof(fallback) / sizeof(fallback[0]); i++) {
		log_error("font %s or %s cannot be opened; trying %s", cfg->font, cfg->font_bold,
			  fallback[i][0]);
		snprintf(cfg->font, sizeof(cfg->font), "%s", fallback[i][0]);
		snprintf(cfg->font_bold, sizeof(cfg->font_bold), "%s", fallback[i][1]);
		rc = app_new(&d, &r->app);
	}
	if (rc)
		fprintf(stderr, "kiosk: cannot start the screen: %s\n", err_str(rc));
	return rc;
}

/* The screen goes first (it holds the journeys' renderer), then the kiosk under it. */
static void teardown(struct run *r)
{
	svc_free(r->svc);
	input_free(r->input);
	app_free(r->app);
	if (r->ren)
		SDL_DestroyRenderer(r->ren);
	if (r->surface)
		SDL_FreeSurface(r->surface);
	if (r->win)
		SDL_DestroyWindow(r->win);
	kiosk_close(r->k);
	if (r->ttf)
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
	int mid = n / 2;

	if (n <= 0)
		return;
	qsort(v, (size_t)n, sizeof(v[0]), cmp_i64);
	printf("%s_p50 %.3f ms\n", name, (double)v[mid] / 1e6);
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

static int run_script(struct run *r)
{
	static struct script_stats stats;
	int rc = script_run(r->app, r->input, r->o.script, r->o.shots, r->o.bench ? &stats : NULL);

	if (r->o.bench) {
		print_pct("tap_to_bytes", stats.tap_to_bytes_ns, stats.n);
		printf("tickets_printed %d count\n", take_printed(r->app->take));
		printf("rss_after_tickets %.1f MB\n", (double)rss_kb() / 1024.0);
	}
	return rc ? 1 : 0;
}

/* Taps, keys, text and dropped pictures go to ui/input.c; false ends the loop. */
static bool handle_sdl(struct run *r, SDL_Event *e)
{
	if (e->type == SDL_QUIT)
		return false;
	/* development windows close with Escape; a fullscreen kiosk has no such key */
	if (e->type == SDL_KEYDOWN && !r->k->cfg.fullscreen && e->key.keysym.sym == SDLK_ESCAPE)
		return false;
	if (e->type == SDL_WINDOWEVENT || e->type == SDL_RENDER_TARGETS_RESET ||
	    e->type == SDL_RENDER_DEVICE_RESET)
		r->redraw = true;
	input_event(r->input, e);
	if (e->type == SDL_DROPFILE || e->type == SDL_DROPTEXT)
		SDL_free(e->drop.file);
	return true;
}

/* Keyboard text for the wedge scanner and the fields; pictures dropped on a development
 * window for the scanner (a fullscreen kiosk takes none). */
static void setup_window_input(const struct run *r)
{
	SDL_EventState(SDL_DROPFILE, r->k->cfg.fullscreen ? SDL_DISABLE : SDL_ENABLE);
	SDL_EventState(SDL_DROPTEXT, SDL_DISABLE);
	SDL_StartTextInput();
}

/* A reload ordered by the central system: the configuration and its catalogue are read again
 * and checked; only when both are valid does the kiosk restart on them (a broken file must
 * never take a serving kiosk down). */
static void maybe_reload(struct run *r, bool *running)
{
	char why[512];

	if (!app_reload_wanted(r->app))
		return;
	if (kiosk_check_files(r->o.config, why, sizeof(why)) != 0) {
		app_reload_done(r->app, false, why);
		return;
	}
	app_reload_done(r->app, true, "");
	r->reexec = true;
	*running = false;
}

/* The service manager hears from the UI loop itself: a loop that hangs stops the watchdog
 * pings, and systemd restarts the kiosk. */
static void service_tick(struct run *r)
{
	enum print_problem p = prints_problem(r->app->prints);
	struct svc_state st = {
		.locked = remote_locked(r->app->remote),
		.link_down = remote_link_down(r->app->remote),
		.printer = p == PRINT_PAPER_OUT ? "paper out" : p == PRINT_OFFLINE ? "offline" : NULL,
	};

	svc_tick(r->svc, clock_mono_ns() / 1000000, &st);
}

/* Test hook: while the file KIOSK_TEST_FREEZE names exists, the UI loop stands still, as a
 * hung one would (tests/it/notify.sh sees the watchdog pings stop). */
static void test_freeze(void)
{
	const char *path = getenv("KIOSK_TEST_FREEZE");

	if (!path || access(path, F_OK) != 0)
		return;
	log_warn("UI loop frozen by the test hook");
	while (access(path, F_OK) == 0)
		usleep(20000);
	log_info("UI loop running again");
}

/* Whether the program at path reads this kiosk's database (which this program keeps at its
 * own schema): a downgrade below it would refuse the database and stop serving, so this
 * version serves on and says why. One short child process, once per program installed, given
 * two seconds: a new program that hangs is refused like an old one. */
static bool reads_our_database(const char *path)
{
	int schema = -1, rc = progprobe_schema(path, 2000, &schema);

	if (!rc && schema >= STORE_SCHEMA_VERSION)
		return true;
	if (rc)
		log_error("the program installed at %s did not say which databases it reads (%s): "
			  "not restarting on it, this version serves on", path, err_str(rc));
	else
		log_error("the program installed at %s reads databases up to schema %d, this "
			  "kiosk's is at %d: not restarting on it, this version serves on", path,
			  schema, STORE_SCHEMA_VERSION);
	return false;
}

/* A package upgrade replaces the program file under the running kiosk (its /proc/self/exe
 * then reads "PATH (deleted)"): the new version takes over between citizens, in the same
 * process and window, as a reload does. Looked at once a second. */
static void maybe_upgrade(struct run *r, bool *running)
{
	static const char gone[] = " (deleted)";
	int64_t now = clock_mono_ns() / 1000000;
	char path[sizeof(r->exe)];
	ssize_t n;
	size_t g = sizeof(gone) - 1;

	if (r->exe_refused || now - r->exe_check_ms < 1000 ||
	    !journeys_between_citizens(r->k->journeys))
		return;
	r->exe_check_ms = now;
	n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	if (n <= (ssize_t)g)
		return;
	path[n] = '\0';
	if (strcmp(path + n - (ssize_t)g, gone) != 0)
		return;
	path[n - (ssize_t)g] = '\0';
	if (access(path, X_OK) != 0)
		return;       /* removed, not replaced: serve on */
	if (!reads_our_database(path)) {
		r->exe_refused = true;
		return;
	}
	log_info("a new version of the program is installed: restarting on it between citizens");
	snprintf(r->exe, sizeof(r->exe), "%s", path);
	r->reexec = true;
	*running = false;
}

/* How long the loop waits for input: a frame's time while the screen is changing (a camera
 * picture, a journey under way), and longer once it has shown the same frame for a second, so
 * a kiosk at rest wakes ten times a second and draws nothing (a worker's result then shows up
 * to 100 ms later). A touch or a key wakes it at once either way. */
#define FRAME_WAIT_MS 16
#define REST_WAIT_MS 100
#define REST_AFTER_MS 1000

/* One frame: drawn and presented only when the screen shows something new, or when it must
 * (the window lost its pixels; the benchmarks, which time whole frames). */
static void frame(struct run *r)
{
	bool drawn = app_frame(r->app);

	if (!drawn && (r->redraw || r->o.first_frame || r->o.bench_frames)) {
		app_redraw(r->app);
		drawn = true;
	}
	r->redraw = false;
	if (!drawn)
		return;
	SDL_RenderPresent(r->ren);
	r->changed_ms = clock_mono_ns() / 1000000;
}

static int run_window(struct run *r, int64_t start_ns)
{
	int64_t frames[4096];
	int nframes = 0;
	bool running = true;
	SDL_Event e;

	setup_window_input(r);
	while (running) {
		int64_t t0 = clock_mono_ns();
		int wait;

		frame(r);
		svc_ready(r->svc);
		service_tick(r);
		test_freeze();
		if (r->o.first_frame) {
			printf("first_frame_mono_ns %lld\nfirst_frame_in_process %.3f ms\n",
			       (long long)clock_mono_ns(), (double)(clock_mono_ns() - start_ns) / 1e6);
			break;
		}
		if (r->o.bench_frames) {
			frames[nframes++] = clock_mono_ns() - t0;
			if (nframes >= r->o.bench_frames || nframes >= 4096)
				break;
			continue;
		}
		wait = t0 / 1000000 - r->changed_ms < REST_AFTER_MS ? FRAME_WAIT_MS : REST_WAIT_MS;
		if (SDL_WaitEventTimeout(&e, wait))
			do
				running = handle_sdl(r, &e);
			while (running && SDL_PollEvent(&e));
		if (running)
			maybe_reload(r, &running);
		if (running)
			maybe_upgrade(r, &running);
		/* everything read so far is in: what the wedge classifier decided goes on */
		input_settle(r->input, (int64_t)SDL_GetTicks64());
	}
	print_pct("frame", frames, nframes);
	return 0;
}

/* The modes that need no screen: 0 or an exit status when one ran, -1 when none applies. */
static int run_tool(struct run *r)
{
	if (r->o.check_config) {
		printf("kiosk: configuration is valid\n");
		return 0;
	}
	if (r->o.sync_once)
		return run_sync_once(r->k);
	return -1;
}

static int serve(struct run *r, int64_t start_ns)
{
	int rc = setup_video(r);

	if (!rc)
		rc = setup_app(r);
	if (!rc)
		rc = setup_input(r);
	if (!rc && !r->o.script && (rc = svc_new(NULL, NULL, &r->svc)) != 0)
		fprintf(stderr, "kiosk: %s\n", err_str(rc));
	if (rc)
		return EXIT_SETUP;
	return r->o.script ? run_script(r) : run_window(r, start_ns);
}

int main(int argc, char **argv)
{
	static struct run r;
	int64_t start_ns = clock_mono_ns();
	struct kiosk_opts ko = { 0 };
	int rc;

	if (parse_args(argc, argv, &r.o)) {
		usage();
		return EXIT_SETUP;
	}
	if (r.o.version) {
		printf("motcua-kiosk %s\n", KIOSK_VERSION);
		return 0;
	}
	if (r.o.schema) { /* the newest database this program reads (the package's preinst) */
		printf("%d\n", STORE_SCHEMA_VERSION);
		return 0;
	}
	if (r.o.ndecode) /* no config, database, SDL or video: a tool */
		return run_decode_images(r.o.decode, r.o.ndecode);
	ko.config = r.o.config;
	ko.upto = r.o.check_config ? KIOSK_CONFIG : r.o.sync_once ? KIOSK_STORE : KIOSK_SERVE;
	ko.fixed_clock = r.o.script != NULL;
	ko.audio_ops = &audio_sdl_ops; /* the voice speaks through SDL audio (ui/audio_sdl.c) */
	ko.clock_ms = (int64_t)time(NULL) * 1000;
	if (r.o.script)
		script_start_clock(r.o.script, &ko.clock_ms);
	if (kiosk_open(&ko, &r.k) != 0)
		return EXIT_SETUP;
	rc = run_tool(&r);
	if (rc < 0)
		rc = serve(&r, start_ns);
	teardown(&r);
	if (r.reexec) {
		/* everything is closed: the same program (or its new version), arguments and pid,
		 * on the new files */
		fflush(NULL);
		execv(r.exe[0] ? r.exe : "/proc/self/exe", argv);
		fprintf(stderr, "kiosk: cannot restart on the new configuration or program: %s\n",
			strerror(errno));
		return 1;
	}
	return rc;
}
