/* app: context, screen manager and input dispatch. The journeys (firmware/journey/) hold
 * what the citizen is doing; this file shows it. Start at app_frame and app_follow. */
#include "app.h"

#include "framesum.h"
#include "layout.h"
#include "firmware/err.h"
#include "firmware/log.h"
#include "firmware/pngio.h"
#include "firmware/journey/voice.h"

#include <SDL_ttf.h>
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A tap this soon after a tap that changed the screen belongs to the previous screen
 * (a double or triple tap): it must not press whatever is now under the finger. */
#define APP_DEBOUNCE_MS 500
#define APP_POLL_MS 1000

static const struct screen *const screens[SCR_COUNT] = {
	[SCR_HOME] = &scr_home,
	[SCR_FIELDS] = &scr_fields,
	[SCR_SERVICES] = &scr_services,
	[SCR_PRIORITY] = &scr_priority,
	[SCR_TICKET] = &scr_ticket,
	[SCR_NOTICE] = &scr_notice,
	[SCR_CLOSED] = &scr_closed,
	[SCR_SCAN] = &scr_scan,
	[SCR_KEYPAD] = &scr_keypad,
	[SCR_STATUS] = &scr_status,
	[SCR_RATE_START] = &scr_rate_start,
	[SCR_COUNTERS] = &scr_rate_counters,
	[SCR_OFFICERS] = &scr_rate_officers,
	[SCR_RATE] = &scr_rate,
	[SCR_REASONS] = &scr_rate_reasons,
	[SCR_KEYBOARD] = &scr_rate_keyboard,
	[SCR_RATE_NOTICE] = &scr_rate_notice,
	[SCR_THANKS] = &scr_rate_thanks,
	[SCR_DIRECTORY] = &scr_directory,
	[SCR_LOCKED] = &scr_locked,
	[SCR_STAFF_PIN] = &scr_staff_pin,
	[SCR_STAFF] = &scr_staff,
	[SCR_HELP] = &scr_help,
	[SCR_PROCS] = &scr_procs,
	[SCR_PROC_LIST] = &scr_proc_list,
	[SCR_PROC_SEARCH] = &scr_proc_search,
	[SCR_PROC] = &scr_proc,
};

/* The journeys' renderer of printed tickets (prints.h): ui/ticket.c, with the app's fonts. */
static int render_ticket(void *user, const struct ticket_view *v, int width_dots,
			 struct raster **out)
{
	struct app *a = user;

	return ticket_render(a->tr, v, width_dots, out);
}

static int render_checklist(void *user, const struct checklist_view *v, int width_dots,
			    struct raster **out)
{
	struct app *a = user;

	return ticket_render_checklist(a->tr, v, width_dots, out);
}

int app_new(const struct app_deps *d, struct app **out)
{
	struct app *a = calloc(1, sizeof(*a));
	struct journeys *j = d->journeys;
	int rc;

	if (!a)
		return ERR_NOMEM;
	a->d = *d;
	a->lang = d->cfg->language;
	a->take = journeys_take(j);
	a->enquiry = journeys_enquiry(j);
	a->rate = journeys_rate(j);
	a->remote = journeys_remote(j);
	a->staff = journeys_staff(j);
	a->help = journeys_help(j);
	a->consult = journeys_consult(j);
	a->assist = journeys_assist(j);
	a->prints = journeys_prints(j);
	rc = text_new(d->ren, d->cfg->font, d->cfg->font_bold, &a->text);
	if (!rc)
		rc = ticket_renderer_new(d->cfg->font, d->cfg->font_bold, &a->tr);
	if (rc) {
		app_free(a);
		return rc;
	}
	journeys_set_renderer(j, render_ticket, a);
	journeys_set_checklist_renderer(j, render_checklist, a);
	{
		struct metrics m;

		layout_metrics(a->d.width, a->d.height, &m);
		text_set_floor(a->text, m.s_small); /* draw_floor's size: the smallest text shown */
	}
	a->cur = SCR_HOME;
	a->last_input_ms = a->started_ms = clock_mono_ms(d->clock);
	journeys_enter(j, scr_home.journey);
	scr_home.enter(a);
	*out = a;
	return 0;
}

void app_free(struct app *a)
{
	if (!a)
		return;
	journeys_set_renderer(a->d.journeys, NULL, NULL);
	journeys_set_checklist_renderer(a->d.journeys, NULL, NULL);
	if (a->preview)
		SDL_DestroyTexture(a->preview);
	if (a->cam.tex)
		SDL_DestroyTexture(a->cam.tex);
	free(a->cam.gray);
	for (int i = 0; i < a->nphotos; i++)
		if (a->photos[i].tex)
			SDL_DestroyTexture(a->photos[i].tex);
	ticket_renderer_free(a->tr);
	text_free(a->text);
	free(a);
}

const char *app_str(const struct app *a, const char *key)
{
	return i18n_get(a->d.i18n, a->lang, key);
}

int64_t app_now_s(const struct app *a)
{
	return clock_now_s(a->d.clock);
}

const struct catalog *app_cat(const struct app *a)
{
	return journeys_catalog(a->d.journeys);
}

const char *app_screen_name(const struct app *a)
{
	return screens[a->cur]->name;
}

enum journey_kind app_journey(const struct app *a)
{
	return screens[a->cur]->journey;
}

bool app_screen_exists(const char *name)
{
	for (int s = 0; s < SCR_COUNT; s++)
		if (strcmp(screens[s]->name, name) == 0)
			return true;
	return false;
}

/* The log names every screen but those after a level is chosen: "rate -> reasons" or
 * "rate -> thanks" with its second would tell anyone reading the log, beside a camera's
 * recording, how a citizen rated. */
static const char *logged_name(enum screen_id s)
{
	bool secret = s == SCR_RATE || s == SCR_REASONS || s == SCR_KEYBOARD || s == SCR_THANKS;

	return secret ? "rating" : screens[s]->name;
}

void app_go(struct app *a, enum screen_id s)
{
	if (strcmp(logged_name(a->cur), logged_name(s)) != 0)
		log_info("screen: %s -> %s", logged_name(a->cur), logged_name(s));
	if (s != a->cur && screens[a->cur]->leave)
		screens[a->cur]->leave(a);
	a->cur = s;
	a->entered_ms = clock_mono_ms(a->d.clock);
	journeys_enter(a->d.journeys, screens[s]->journey);
	assist_screen_changed(a->assist);
	if (screens[s]->enter)
		screens[s]->enter(a);
	if (a->cur == s)
		app_speak_screen(a);
}

/* How each thing a journey wants shown is shown. Most are a screen; a ticket already on
 * screen stays as it is, an unlock leaves only the locked screen, new opening hours are
 * looked at again only between citizens. */
static void show(struct app *a, enum journey_show s)
{
	static const enum screen_id screen_of[] = {
		[SHOW_HOME] = SCR_HOME, [SHOW_TICKET] = SCR_TICKET, [SHOW_NOTICE] = SCR_NOTICE,
		[SHOW_SCAN] = SCR_SCAN, [SHOW_STATUS] = SCR_STATUS,
		[SHOW_RATE_START] = SCR_RATE_START, [SHOW_COUNTERS] = SCR_COUNTERS,
		[SHOW_OFFICERS] = SCR_OFFICERS, [SHOW_RATE] = SCR_RATE, [SHOW_REASONS] = SCR_REASONS,
		[SHOW_KEYBOARD] = SCR_KEYBOARD, [SHOW_RATE_NOTICE] = SCR_RATE_NOTICE,
		[SHOW_THANKS] = SCR_THANKS, [SHOW_LOCKED] = SCR_LOCKED,
		[SHOW_UNLOCKED] = SCR_HOME, [SHOW_HOURS] = SCR_HOME,
		[SHOW_STAFF_PIN] = SCR_STAFF_PIN, [SHOW_STAFF] = SCR_STAFF,
	};

	if (s == SHOW_TICKET && a->cur == SCR_TICKET)
		return;
	if (s == SHOW_UNLOCKED && a->cur != SCR_LOCKED)
		return;
	if (s == SHOW_HOURS && a->cur != SCR_HOME && a->cur != SCR_CLOSED)
		return;
	if (s == SHOW_COUNTERS || s == SHOW_OFFICERS)
		a->rate_page = 0;
	app_go(a, screen_of[s]);
}

void app_follow(struct app *a)
{
	enum journey_show s;

	while (journeys_next_show(a->d.journeys, &s))
		show(a, s);
}

int app_widgets(struct app *a, struct widget *w, int max)
{
	return screens[a->cur]->widgets(a, w, max);
}

static bool inside(SDL_Rect r, int x, int y)
{
	return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static void toggle_lang(struct app *a)
{
	a->lang = a->lang == LANG_VI ? LANG_EN : LANG_VI;
	log_info("ui: language %s", lang_code(a->lang));
}

/* A tap on the header's clock goes to the staff's way in, and to nothing else. */
static bool on_clock(struct app *a, int x, int y)
{
	struct metrics m;

	layout_metrics(a->d.width, a->d.height, &m);
	if (!inside(layout_clock_rect(&m), x, y))
		return false;
	staff_clock_tap(a->staff, journeys_between_citizens(a->d.journeys));
	return true;
}

static void handle(struct app *a, const struct ev *e)
{
	if (screens[a->cur]->handle)
		screens[a->cur]->handle(a, e);
	app_follow(a);
}

enum app_tap_result app_tap(struct app *a, int x, int y)
{
	struct widget w[APP_MAX_WIDGETS];
	int64_t now = clock_mono_ms(a->d.clock);
	int n;

	a->last_input_ms = now;
	if (a->cur != a->tap_screen && now - a->tap_ms < APP_DEBOUNCE_MS) {
		log_info("ui: tap ignored: the previous tap changed the screen %lld ms ago",
			 (long long)(now - a->tap_ms));
		return APP_TAP_GUARDED;
	}
	a->tap_ms = now;
	a->tap_screen = a->cur;
	if (on_clock(a, x, y)) {
		app_follow(a);
		return APP_TAP_HEADER;
	}
	n = app_widgets(a, w, APP_MAX_WIDGETS);
	for (int i = 0; i < n; i++) {
		struct ev e = { .type = EV_BUTTON, .x = x, .y = y, .id = w[i].id };
		if (!w[i].enabled || !inside(w[i].r, x, y))
			continue;
		a->tap_ns = clock_mono_ns();
		if (!assist_touch(a->assist, w[i].id)) {
			app_speak_button(a, w[i].id);
			return APP_TAP_READ;
		}
		if (strcmp(w[i].id, "lang") == 0)
			toggle_lang(a);
		else
			handle(a, &e);
		return APP_TAP_PRESSED;
	}
	return APP_TAP_MISSED;
}

void app_text(struct app *a, const char *text)
{
	struct ev e = { .type = EV_TEXT, .id = text };

	a->last_input_ms = clock_mono_ms(a->d.clock);
	handle(a, &e);
}

void app_key(struct app *a, enum app_key k)
{
	struct ev e = { .type = EV_KEY, .key = k };

	a->last_input_ms = clock_mono_ms(a->d.clock);
	handle(a, &e);
}

void app_scan(struct app *a, const struct scan_result *r)
{
	a->last_input_ms = clock_mono_ms(a->d.clock);
	journeys_scan(a->d.journeys, r);
	app_follow(a);
}

int app_tap_widget(struct app *a, const char *id)
{
	struct widget w[APP_MAX_WIDGETS];
	int n = app_widgets(a, w, APP_MAX_WIDGETS);

	for (int i = 0; i < n; i++) {
		if (strcmp(w[i].id, id) == 0) {
			app_tap(a, w[i].r.x + w[i].r.w / 2, w[i].r.y + w[i].r.h / 2);
			return 0;
		}
	}
	return ERR_NOTFOUND;
}

/* The workers' results, each followed to its screen before the next is taken in. A scan is
 * input, and a ticket's print coming back starts the ticket screen's own timeout. */
static void take_in(struct app *a, int64_t now)
{
	struct journeys *j = a->d.journeys;
	int what = journeys_drain_prints(j);

	app_follow(a);
	while (journeys_drain_one(j, &what))
		app_follow(a);
	if (what)
		a->last_input_ms = now;
}

static void check_idle(struct app *a, int64_t now)
{
	int64_t limit = (int64_t)a->d.cfg->idle_timeout_s * 1000;

	if (screens[a->cur]->idle_s)
		limit = (int64_t)screens[a->cur]->idle_s(a) * 1000;
	if (a->cur == SCR_TICKET)
		limit = (int64_t)a->d.cfg->ticket_screen_s * 1000;
	if (now - a->last_input_ms < limit || journeys_busy(a->d.journeys))
		return;
	if (assist_voice(a->assist)) {  /* voice guidance ends at idle, on any screen */
		assist_end(a->assist);
		voice_cut(a->d.voice);
		a->said[0] = '\0';
	}
	if (a->cur == SCR_HOME || a->cur == SCR_CLOSED || a->cur == SCR_LOCKED)
		return;
	log_info("ui: idle for %lld s", (long long)((now - a->last_input_ms) / 1000));
	a->lang = a->d.cfg->language;
	app_go(a, SCR_HOME);
}

/* The current screen drawn dry: only the sum of what it would draw. */
static uint64_t frame_sum(struct app *a, const struct widget *w, int n)
{
	a->dry = true;
	a->sum = FRAMESUM_SEED;
	text_sum_into(a->text, &a->sum);
	screens[a->cur]->draw(a, w, n);
	text_sum_into(a->text, NULL);
	a->dry = false;
	return a->sum;
}

static void draw_now(struct app *a, const struct widget *w, int n, uint64_t sum)
{
	assert(!a->dry); /* a real drawing never runs inside a dry one */
	screens[a->cur]->draw(a, w, n);
	a->shown_sum = sum;
	a->shown = true;
}

bool app_changed(struct app *a)
{
	struct widget w[APP_MAX_WIDGETS];
	int n = app_widgets(a, w, APP_MAX_WIDGETS);

	return !a->shown || frame_sum(a, w, n) != a->shown_sum;
}

void app_redraw(struct app *a)
{
	struct widget w[APP_MAX_WIDGETS];
	int n = app_widgets(a, w, APP_MAX_WIDGETS);

	draw_now(a, w, n, frame_sum(a, w, n));
}

bool app_frame(struct app *a)
{
	struct journeys *j = a->d.journeys;
	struct widget w[APP_MAX_WIDGETS];
	int64_t now = clock_mono_ms(a->d.clock);
	uint64_t sum;
	int n;

	take_in(a, now);
	journeys_frame(j);
	app_follow(a);
	app_speak_frame(a);
	if (now - a->last_poll_ms >= APP_POLL_MS) {
		a->last_poll_ms = now;
		journeys_poll(j);
		if (screens[a->cur]->tick)
			screens[a->cur]->tick(a);
		app_follow(a);
		journeys_poll_remote(j);
		app_follow(a);
	}
	check_idle(a, now);
	n = app_widgets(a, w, APP_MAX_WIDGETS);
	sum = frame_sum(a, w, n);
	if (a->shown && sum == a->shown_sum)
		return false;
	draw_now(a, w, n, sum);
	return true;
}

int app_pixels(struct app *a, uint8_t **out)
{
	int w = a->d.width, h = a->d.height;
	uint8_t *px = malloc((size_t)w * (size_t)h * 4);

	*out = NULL;
	if (!px)
		return ERR_NOMEM;
	if (SDL_RenderReadPixels(a->d.ren, NULL, SDL_PIXELFORMAT_ABGR8888, px, w * 4) != 0) {
		free(px);
		return ERR_VIDEO;
	}
	*out = px;
	return 0;
}

int app_screenshot(struct app *a, const char *path)
{
	uint8_t *px;
	int rc = app_pixels(a, &px);

	if (!rc)
		rc = pngio_write(path, a->d.width, a->d.height, 4, px, a->d.width * 4);
	free(px);
	return rc;
}

bool app_reload_wanted(const struct app *a)
{
	return journeys_reload_wanted(a->d.journeys);
}

void app_reload_done(struct app *a, bool ok, const char *reason)
{
	journeys_reload_done(a->d.journeys, ok, reason);
}

void app_fmt_when(const struct app *a, int64_t t, char *out, size_t len)
{
	struct clock_local now, l;
	char hm[16], key[16];

	clock_to_local(app_now_s(a), &now);
	clock_to_local(t, &l);
	snprintf(hm, sizeof(hm), "%02d:%02d", l.hour, l.min);
	if (l.ymd == now.ymd) {
		i18n_fill(out, len, app_str(a, "when_today"), hm);
		return;
	}
	clock_to_local(app_now_s(a) + 86400, &now);
	if (l.ymd == now.ymd) {
		i18n_fill(out, len, app_str(a, "when_tomorrow"), hm);
		return;
	}
	snprintf(key, sizeof(key), "wday_%d", l.wday);
	snprintf(out, len, "%s, %s %02d/%02d", hm, app_str(a, key), l.day, l.month);
}

const char *app_printer_problem(const struct app *a)
{
	if (take_storage_full(a->take))
		return app_str(a, "home_storage_full");
	switch (prints_problem(a->prints)) {
	case PRINT_OK:
		return NULL;
	case PRINT_STAFF_JOB:
		return app_str(a, "home_printer_staff");
	case PRINT_CHECKLIST_JOB:
		return app_str(a, "home_printer_busy");
	case PRINT_PAPER_OUT:
	case PRINT_OFFLINE:
		break;
	}
	if (a->d.cfg->show_number_if_print_fails)
		return app_str(a, "home_printer_shown");
	return app_str(a, prints_problem(a->prints) == PRINT_PAPER_OUT ? "home_printer_out"
									 : "home_printer_offline");
}

bool app_can_issue(const struct app *a)
{
	return take_can_issue(a->take);
}

void app_take_number(struct app *a)
{
	take_number(a->take, a->service, a->priority, a->tap_ns);
}

void app_refresh_services(struct app *a)
{
	size_t n = catalog_field_services(app_cat(a), a->field, a->svcs, APP_MAX_SERVICES);

	a->nsvcs = n > APP_MAX_SERVICES ? APP_MAX_SERVICES : (int)n;
	for (int i = 0; i < a->nsvcs; i++) {
		if (take_availability(a->take, a->svcs[i], &a->avail[i]) != 0)
			a->avail[i].avail = QUEUE_OPEN; /* the issue itself re-checks */
	}
}

int app_rating_idle_s(const struct app *a)
{
	int kiosk = a->d.cfg->idle_timeout_s, rating = a->d.cfg->rating.idle_timeout_s;

	return rating > kiosk ? rating : kiosk;
}
