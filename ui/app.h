/* app: the UI context and the screen state machine. Only the UI thread touches it.
 *
 * Each screen is a struct screen of callbacks (ui/scr_*.c). A screen describes its current
 * widgets (id, rectangle, text, enabled) through `widgets`; the same list is drawn and
 * hit-tested, so a script can tap a widget by id. Screens call the journeys' functions
 * (firmware/journey/) and draw the journeys' state; what a journey wants shown next it says
 * (journey_show), and app_follow shows it. Only app_go changes screens, and it logs every
 * transition and tells the journeys whose screens the citizen is on. Screens get the
 * project's struct ev, never raw SDL events, and read time from the injected clock, so
 * scripted runs are deterministic. Start reading at app_frame. */
#ifndef KIOSK_APP_H
#define KIOSK_APP_H

#include "drivers/scanner.h"
#include "firmware/catalog.h"
#include "firmware/clock.h"
#include "firmware/config.h"
#include "firmware/i18n.h"
#include "firmware/journey/journeys.h"
#include "ui/text.h"
#include "ui/ticket.h"

#include <SDL.h>
#include <stdbool.h>

enum ev_type { EV_BUTTON, EV_TEXT, EV_KEY };

/* EV_KEY: keys a person pressed on a physical keyboard that are not text. */
enum app_key { KEY_ENTER, KEY_BACKSPACE, KEY_TAB, KEY_ESCAPE };

struct ev {
	enum ev_type type;
	int x, y;                    /* EV_BUTTON: where, in window pixels */
	const char *id;              /* EV_BUTTON: the widget's id; EV_TEXT: the text */
	enum app_key key;            /* EV_KEY */
};

enum widget_style { W_PRIMARY, W_NORMAL, W_MUTED, W_CHROME, W_WARN };

struct widget {
	char id[24];
	SDL_Rect r;
	char title[400];              /* real procedure names run to 300 bytes */
	char sub[160];
	enum widget_style style;
	bool enabled;
};

#define APP_MAX_WIDGETS 64
#define APP_MAX_SERVICES 64
#define APP_MAX_FIELDS 64

enum screen_id {
	SCR_HOME, SCR_FIELDS, SCR_SERVICES, SCR_PRIORITY, SCR_TICKET, SCR_NOTICE, SCR_CLOSED,
	/* dossier lookup (firmware/journey/enquiry.h; ui/scr_scan.c, scr_keypad.c, scr_status.c) */
	SCR_SCAN, SCR_KEYPAD, SCR_STATUS,
	/* rating (firmware/journey/rate.h; ui/scr_rate*.c) and the directory */
	SCR_RATE_START, SCR_COUNTERS, SCR_OFFICERS, SCR_RATE, SCR_REASONS, SCR_KEYBOARD,
	SCR_RATE_NOTICE, SCR_THANKS, SCR_DIRECTORY,
	/* stopped by the central system (firmware/journey/remote.h, ui/scr_locked.c) */
	SCR_LOCKED,
	/* for the unit's staff only (firmware/journey/staff.h, scr_staff_pin.c, scr_staff.c) */
	SCR_STAFF_PIN, SCR_STAFF,
	/* a citizen asked for staff to come (firmware/journey/help.h, ui/scr_help.c) */
	SCR_HELP,
	/* procedures (firmware/journey/consult.h; ui/scr_procs.c, scr_proc_list.c,
	 * scr_proc_search.c, scr_proc.c) */
	SCR_PROCS, SCR_PROC_LIST, SCR_PROC_SEARCH, SCR_PROC,
	SCR_COUNT
};

struct app;

struct screen {
	const char *name;
	enum journey_kind journey;      /* whose screen it is (journeys_enter) */
	void (*enter)(struct app *a);
	void (*leave)(struct app *a);   /* when app_go moves to another screen; may be NULL */
	void (*handle)(struct app *a, const struct ev *e);
	void (*tick)(struct app *a);
	int (*widgets)(struct app *a, struct widget *w, int max);
	void (*draw)(struct app *a, const struct widget *w, int n);
	/* seconds without input before home; NULL: [kiosk] idle_timeout_s */
	int (*idle_s)(const struct app *a);
};

/* What the app needs from main; everything borrowed, outliving the app. */
struct app_deps {
	const struct config *cfg;
	struct journeys *journeys;
	const struct i18n *i18n;
	struct scanner *scanner;  /* the [scanner] driver (the scan screen's camera); NULL: none */
	struct voice *voice;      /* the voice ([voice] enabled); NULL: none */
	struct clock *clock;
	SDL_Renderer *ren;
	int width, height;
	const char *version;      /* the firmware's, for the staff screen */
};

#define APP_PHOTOS 8

/* The camera's live picture on the scan screen (ui/scr_scan.c): a render cache of the
 * scanner's preview, redrawn when its frame number changes. */
struct app_camera {
	bool on;                         /* started by the scan screen, not yet stopped */
	bool failed;                     /* it would not start: the screen shows the drawing */
	uint8_t *gray;                   /* scanner_preview's copy (owned) */
	SDL_Texture *tex;                /* the frame shown (owned) */
	int w, h;
	uint64_t seq;                    /* frame number in tex; 0: none since the start */
};

/* The screen manager's state, and what the screens keep of their own: the citizen's choice
 * on the way to a number, list pages, and the pictures drawn (render caches). The journeys'
 * state is theirs (firmware/journey/); screens reach it through their functions. */
struct app {
	struct app_deps d;
	struct take *take;            /* the journeys, borrowed from d.journeys */
	struct enquiry *enquiry;
	struct rate *rate;
	struct remote *remote;
	struct staff *staff;
	struct help *help;
	struct assist *assist;
	struct consult *consult;
	bool spoke_answer;            /* the status screen's answer was read out (ui/speak.c) */
	char said[1024];              /* the words last handed to the voice (scripts' "said") */
	struct prints *prints;
	struct text *text;
	struct ticket_renderer *tr;
	enum lang lang;

	enum screen_id cur;
	int64_t entered_ms, last_input_ms, last_poll_ms, started_ms;
	int64_t tap_ms;               /* last accepted tap */
	enum screen_id tap_screen;    /* the screen that tap was made on */
	int64_t tap_ns;               /* CLOCK_MONOTONIC of the last tap (make bench) */

	/* the citizen's path to a number: field, service, priority */
	char field[32];
	int page;
	char service[8];
	int priority;
	struct queue_avail_info avail[APP_MAX_SERVICES];
	const struct catalog_service *svcs[APP_MAX_SERVICES];
	int nsvcs;
	int64_t closed_next;
	char field_note[APP_MAX_FIELDS][96]; /* the field list's sub-lines (scr_fields.c) */
	bool field_open[APP_MAX_FIELDS];     /* some service of the field gives numbers now */
	enum lang field_note_lang;     /* ... in this language */
	int rate_page;                /* of the counters, officers and directory lists */
	/* the procedure screens: the field browsed, its list's page, the procedure page's page
	 * and the screen the procedure was opened from (scr_proc*.c) */
	char proc_field[32];
	int proc_list_page, proc_page;
	enum screen_id proc_from;

	/* pictures: the printed ticket's, the camera's, the officers' photos */
	SDL_Texture *preview;
	int preview_w, preview_h;
	unsigned preview_seq;
	struct app_camera cam;
	struct {
		char path[256];
		SDL_Texture *tex;
		int w, h;
	} photos[APP_PHOTOS];         /* loaded once */
	int nphotos;

	/* drawing only what changed (app_frame): the pass under way only sums what it would
	 * draw, and the sum of the frame on the screen */
	bool dry;
	uint64_t sum, shown_sum;
	bool shown;                   /* a frame was drawn since the start (or since a redraw
				       * was asked for: the window's pixels may be gone) */
};

int app_new(const struct app_deps *d, struct app **out);
void app_free(struct app *a);

/* What a tap did: pressed an enabled widget, landed on the header clock (the staff's way in,
 * counted and consumed), was swallowed by the tap guard (the previous tap changed the screen
 * less than APP_DEBOUNCE_MS ago), or found nothing enabled under the finger. */
enum app_tap_result { APP_TAP_PRESSED, APP_TAP_HEADER, APP_TAP_GUARDED, APP_TAP_MISSED,
		       APP_TAP_READ /* voice guidance: read out, to be pressed by a second touch */ };

/* Feed a tap at window coordinates. */
enum app_tap_result app_tap(struct app *a, int x, int y);
/* Run one frame: take in the workers' results, tick the screen, check idle, and draw the
 * screen when what it shows differs from the frame drawn last; returns whether it drew (the
 * caller presents only then). */
bool app_frame(struct app *a);
/* Draw the current screen now, changed or not (no present): after the window lost its
 * pixels, and where the drawing itself is looked at (scripts' screenshots and layout). */
void app_redraw(struct app *a);
/* Whether a frame drawn now would differ from the one drawn last (no drawing). */
bool app_changed(struct app *a);

void app_go(struct app *a, enum screen_id s);
const char *app_screen_name(const struct app *a);
/* The journey the current screen belongs to. */
enum journey_kind app_journey(const struct app *a);
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
/* Tap the centre of widget `id`; ERR_NOTFOUND when the screen has none. */
int app_tap_widget(struct app *a, const char *id);
/* Write what the renderer shows as PNG. */
int app_screenshot(struct app *a, const char *path);
/* What the renderer shows, width x height RGBA (the caller frees it). */
int app_pixels(struct app *a, uint8_t **out);
/* For main: a reload was ordered and nobody is being served; and its outcome. */
bool app_reload_wanted(const struct app *a);
void app_reload_done(struct app *a, bool ok, const char *reason);

/* ---- shared by the screens (ui/app.c, ui/draw.c) ---- */
const char *app_str(const struct app *a, const char *key);
int64_t app_now_s(const struct app *a);
void app_fmt_when(const struct app *a, int64_t t, char *out, size_t len);
/* The catalogue in use (the central system's once it sent one). */
const struct catalog *app_cat(const struct app *a);
/* The voice (ui/speak.c): the screen just entered, in voice guidance (and a cut of what was
 * being said, always); a button touched in voice guidance, read out. */
void app_speak_screen(struct app *a);
void app_speak_button(struct app *a, const char *id);
/* Every frame: what came in on the current screen (a dossier's status) said once. */
void app_speak_frame(struct app *a);
/* After a screen called a journey: what the journey wants shown, shown. */
void app_follow(struct app *a);
/* Take a number for a->service and a->priority (the services and priority screens). */
void app_take_number(struct app *a);
void app_refresh_services(struct app *a);
bool app_can_issue(const struct app *a);
const char *app_printer_problem(const struct app *a);
/* The idle timeout of the rating and directory screens: [rating] idle_timeout_s, never less
 * than [kiosk] idle_timeout_s. */
int app_rating_idle_s(const struct app *a);

extern const struct screen scr_home, scr_fields, scr_services, scr_priority, scr_ticket,
	scr_notice, scr_closed, scr_scan, scr_keypad, scr_status, scr_rate_start,
	scr_rate_counters, scr_rate_officers, scr_rate, scr_rate_reasons, scr_rate_keyboard,
	scr_rate_notice, scr_rate_thanks, scr_directory, scr_locked, scr_staff_pin, scr_staff, scr_help,
	scr_procs, scr_proc_list, scr_proc_search, scr_proc;

#endif
