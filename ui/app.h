/* app: the UI context and the screen state machine. Only the UI thread touches it.
 *
 * Each screen is a struct screen of callbacks (ui/scr_*.c). A screen describes its current
 * widgets (id, rectangle, text, enabled) through `widgets`; the same list is drawn and
 * hit-tested, so a script can tap a widget by id. Only app_go changes screens, and it logs
 * every transition. Screens get the project's struct ev, never raw SDL events, and read time
 * from the injected clock, so scripted runs are deterministic. Start reading at app_frame. */
#ifndef KIOSK_APP_H
#define KIOSK_APP_H

#include "drivers/printq.h"
#include "drivers/scanner.h"
#include "firmware/catalog.h"
#include "firmware/clock.h"
#include "firmware/config.h"
#include "firmware/lookup.h"
#include "firmware/numbers.h"
#include "firmware/queue.h"
#include "firmware/sync.h"
#include "ui/i18n.h"
#include "ui/rate.h"
#include "ui/remote.h"
#include "ui/scan.h"
#include "ui/staff.h"
#include "ui/text.h"
#include "ui/ticket.h"

#include <SDL.h>
#include <pthread.h>
#include <stdbool.h>

enum ev_type { EV_TAP, EV_BUTTON, EV_PRINT_DONE, EV_TEXT, EV_KEY, EV_SCAN, EV_LOOKUP };

/* EV_KEY: keys a person pressed on a physical keyboard that are not text. */
enum app_key { KEY_ENTER, KEY_BACKSPACE, KEY_TAB, KEY_ESCAPE };

struct ev {
	enum ev_type type;
	int x, y;                    /* EV_TAP, window pixels */
	const char *id;              /* EV_BUTTON: the widget's id; EV_TEXT: the text */
	struct printq_result print;  /* EV_PRINT_DONE */
	enum app_key key;            /* EV_KEY */
	const struct scan_result *scan;      /* EV_SCAN: a code from a scanner, never typed text */
	const struct lookup_answer *lookup;  /* EV_LOOKUP */
};

enum widget_style { W_PRIMARY, W_NORMAL, W_MUTED, W_CHROME, W_WARN };

struct widget {
	char id[24];
	SDL_Rect r;
	char title[200];
	char sub[160];
	enum widget_style style;
	bool enabled;
};

#define APP_MAX_WIDGETS 64
#define APP_MAX_SERVICES 64

enum screen_id {
	SCR_HOME, SCR_FIELDS, SCR_SERVICES, SCR_PRIORITY, SCR_TICKET, SCR_NOTICE, SCR_CLOSED,
	/* dossier lookup (ui/scr_scan.c, scr_keypad.c, scr_status.c) */
	SCR_SCAN, SCR_KEYPAD, SCR_STATUS,
	/* rating and directory (ui/scr_rate*.c, scr_keyboard.c, scr_directory.c) */
	SCR_RATE_START, SCR_COUNTERS, SCR_OFFICERS, SCR_RATE, SCR_REASONS, SCR_KEYBOARD,
	SCR_RATE_NOTICE, SCR_THANKS, SCR_DIRECTORY,
	/* stopped by the central system (ui/remote.c, scr_locked.c) */
	SCR_LOCKED,
	/* for the unit's staff only (ui/staff.h, scr_staff_pin.c, scr_staff.c) */
	SCR_STAFF_PIN, SCR_STAFF,
	SCR_COUNT
};

struct app;

struct screen {
	const char *name;
	void (*enter)(struct app *a);
	void (*leave)(struct app *a);   /* when app_go moves to another screen; may be NULL */
	void (*handle)(struct app *a, const struct ev *e);
	void (*tick)(struct app *a);
	int (*widgets)(struct app *a, struct widget *w, int max);
	void (*draw)(struct app *a, const struct widget *w, int n);
	/* seconds without input before home; NULL: [kiosk] idle_timeout_s */
	int (*idle_s)(const struct app *a);
};

enum ticket_phase { TK_PRINTING, TK_DONE, TK_FAILED, TK_SHOWN };
/* NOTICE_RANGE: central numbering, no answer in time, and this kiosk's reserved range used up
 * for today: no number at all rather than one that could be someone else's. */
enum notice_kind { NOTICE_CLOSED, NOTICE_FULL, NOTICE_ERROR, NOTICE_RANGE };

/* What the app needs from main; everything borrowed, outliving the app. */
struct app_deps {
	const struct config *cfg;
	const struct catalog *cat;
	struct queue *queue;
	struct store *store;      /* health events for the outbox */
	struct sync *sync;        /* NULL without a central system */
	struct lookup *lookup;    /* dossier and ticket questions; NULL: lookups unavailable */
	struct numbers *numbers;  /* central numbering ([sync] numbering = central); NULL: none
	                           * (local numbering, or the worker did not start: fallback) */
	struct scanner *scanner;  /* the [scanner] driver; NULL: none (it could not be opened) */
	struct printq *printq;
	struct clock *clock;
	SDL_Renderer *ren;
	int width, height;
	const char *version;      /* the firmware's, for the staff screen */
};

/* The printer job id of the staff screen's test page (tickets have ids >= 1, copies -id). */
#define APP_TEST_JOB INT64_MIN

struct app {
	struct app_deps d;
	struct i18n *i18n;
	struct text *text;
	struct ticket_renderer *tr;
	enum lang lang;

	enum screen_id cur;
	int64_t entered_ms, last_input_ms, last_poll_ms;
	int64_t tap_ms;               /* last accepted tap */
	enum screen_id tap_screen;    /* the screen that tap was made on */
	struct printer_status printer;
	int reported_state;           /* printer state last reported as health, -1 none */

	/* the citizen's path through the flow */
	char field[32];
	int page;
	char service[8];
	int priority;
	char request_id[40];
	struct queue_avail_info avail[APP_MAX_SERVICES];
	const struct catalog_service *svcs[APP_MAX_SERVICES];
	int nsvcs;

	struct queue_ticket ticket;
	enum ticket_phase phase;
	/* central numbering: the request whose number is being asked for (ui/take.c) */
	struct {
		bool waiting;
		struct numbers_request req;
		int64_t asked_ms;        /* the injected monotonic clock */
	} num;
	struct numbers_answer numbered[4]; /* posted by the numbers worker */
	int nnumbered;
	int print_rc;
	SDL_Texture *preview;
	int preview_w, preview_h;

	enum notice_kind notice;
	int64_t notice_when;
	int64_t closed_next;

	/* dossier lookup (ui/scan.h) */
	struct scan_flow scan;
	struct scan_result scanned[4];   /* posted by scanner workers, drained on the UI thread */
	int nscanned;
	struct lookup_answer answers[4]; /* posted by the lookup worker */
	int nanswers;

	/* the rating flow and the directory (ui/rate.h) */
	struct rate_flow rate;

	/* the central system's orders and catalogue (ui/remote.h) */
	bool locked;
	char lock_message[256];
	bool reload_wanted;
	bool link_down;               /* the central system has not answered for a while */
	int64_t link_failing_ms;      /* since when exchanges fail, 0: they do not */
	bool reprinting;              /* a copy of `reprint` is printing */
	struct queue_ticket reprint;
	const struct catalog *local_cat;  /* the unit's own (main's) */
	struct catalog *central_cat;      /* owned: in use when the central system sent one */

	/* the staff's way in and screen (ui/staff.h) */
	struct staff_state staff;
	bool test_printing;
	const char *test_result;          /* i18n key, NULL none */
	int64_t started_ms;

	/* results posted by the printer worker, drained on the UI thread */
	pthread_mutex_t lock;
	struct printq_result done[8];
	int ndone;

	/* measurements */
	int64_t tap_ns;         /* CLOCK_MONOTONIC of the tap that issued the current ticket */
	int64_t tap_to_bytes_ns;
	int tickets_issued;
};

int app_new(const struct app_deps *d, struct app **out);
void app_free(struct app *a);

/* What a tap did: pressed an enabled widget, landed on the header clock (the staff's way in,
 * counted and consumed), was swallowed by the tap guard (the previous tap changed the screen
 * less than APP_DEBOUNCE_MS ago), or found nothing enabled under the finger. */
enum app_tap_result { APP_TAP_PRESSED, APP_TAP_HEADER, APP_TAP_GUARDED, APP_TAP_MISSED };

/* Feed a tap at window coordinates. */
enum app_tap_result app_tap(struct app *a, int x, int y);
/* Run one frame: drain worker results, tick the screen, check idle, draw (no present). */
void app_frame(struct app *a);
/* Printer worker callback (any thread): queues the result for the next frame. */
void app_post_print(void *app, const struct printq_result *res);

void app_go(struct app *a, enum screen_id s);
const char *app_screen_name(const struct app *a);
/* Whether some screen has that name (for scripts that name screens). */
bool app_screen_exists(const char *name);
/* The current screen's widgets; returns the count. */
int app_widgets(struct app *a, struct widget *w, int max);
/* Text a person typed; handed to the current screen. */
void app_text(struct app *a, const char *text);
/* A key a person pressed that is not text (Enter, Backspace...). */
void app_key(struct app *a, enum app_key k);
/* A decoded code from the keyboard-wedge scanner, on the UI thread. */
void app_scan(struct app *a, const struct scan_result *r);
/* Scanner and lookup worker callbacks (any thread): queued for the next frame. */
void app_post_scan(void *app, const struct scan_result *r);
void app_post_lookup(void *app, const struct lookup_answer *ans);
/* Numbers worker callback (any thread): queued for the next frame. */
void app_post_number(void *app, const struct numbers_answer *ans);
/* Tap the centre of widget `id`; ERR_NOTFOUND when the screen has none. */
int app_tap_widget(struct app *a, const char *id);
/* Write what the renderer shows as PNG. */
int app_screenshot(struct app *a, const char *path);

/* ---- shared by the screens (ui/app.c, ui/draw.c) ---- */
const char *app_str(const struct app *a, const char *key);
int64_t app_now_s(const struct app *a);
void app_fmt_when(const struct app *a, int64_t t, char *out, size_t len);
void app_new_request(struct app *a);
/* The printed ticket t as a 1-bit raster (caller frees with raster_free); copy: marked as a
 * copy printed again. */
int app_render_ticket(struct app *a, const struct queue_ticket *t, bool copy,
		      struct raster **out);
/* Issue a number for a->service / a->priority and send it to the printer; with central
 * numbering, ask for it first (the ticket screen shows "printing" meanwhile). */
void app_take_number(struct app *a);
/* Central numbering (ui/take.c): an answer of the numbers worker, and the frame's check that
 * one came in time (the worker's deadline plus a margin, on the injected clock). */
void app_number_answer(struct app *a, const struct numbers_answer *ans);
void app_number_check(struct app *a, int64_t now_ms);
void app_refresh_services(struct app *a);
bool app_can_issue(const struct app *a);
const char *app_printer_problem(const struct app *a);

extern const struct screen scr_home, scr_fields, scr_services, scr_priority, scr_ticket,
	scr_notice, scr_closed, scr_scan, scr_keypad, scr_status, scr_rate_start, scr_counters,
	scr_officers, scr_rate, scr_reasons, scr_keyboard, scr_rate_notice, scr_thanks,
	scr_directory, scr_locked, scr_staff_pin, scr_staff;

#endif
