/* app: context, screen manager, input dispatch, and the ticket transaction as the citizen sees
 * it (issue → print → printed, or voided). Start at app_frame and app_take_number. */
#include "app.h"

#include "draw.h"
#include "firmware/err.h"
#include "firmware/events.h"
#include "firmware/log.h"
#include "firmware/pngio.h"
#include "firmware/randid.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	[SCR_COUNTERS] = &scr_counters,
	[SCR_OFFICERS] = &scr_officers,
	[SCR_RATE] = &scr_rate,
	[SCR_REASONS] = &scr_reasons,
	[SCR_KEYBOARD] = &scr_keyboard,
	[SCR_RATE_NOTICE] = &scr_rate_notice,
	[SCR_THANKS] = &scr_thanks,
	[SCR_DIRECTORY] = &scr_directory,
	[SCR_LOCKED] = &scr_locked,
	[SCR_STAFF_PIN] = &scr_staff_pin,
	[SCR_STAFF] = &scr_staff,
};

int app_new(const struct app_deps *d, struct app **out)
{
	struct app *a = calloc(1, sizeof(*a));
	int rc;

	if (!a)
		return ERR_NOMEM;
	a->d = *d;
	a->lang = d->cfg->language;
	pthread_mutex_init(&a->lock, NULL);
	rc = i18n_new(&a->i18n);
	if (!rc)
		rc = text_new(d->ren, d->cfg->font, d->cfg->font_bold, &a->text);
	if (!rc)
		rc = ticket_renderer_new(d->cfg->font, d->cfg->font_bold, &a->tr);
	if (rc) {
		app_free(a);
		return rc;
	}
	a->printer = printq_last_status(d->printq);
	a->reported_state = -1;
	a->local_cat = d->cat;
	remote_init(a);
	a->cur = SCR_HOME;
	a->last_input_ms = a->started_ms = clock_mono_ms(d->clock);
	scr_home.enter(a);
	*out = a;
	return 0;
}

void app_free(struct app *a)
{
	if (!a)
		return;
	if (a->preview)
		SDL_DestroyTexture(a->preview);
	scan_free(a);
	rate_free(a);
	remote_free(a);
	ticket_renderer_free(a->tr);
	text_free(a->text);
	i18n_free(a->i18n);
	pthread_mutex_destroy(&a->lock);
	free(a);
}

const char *app_str(const struct app *a, const char *key)
{
	return i18n_get(a->i18n, a->lang, key);
}

int64_t app_now_s(const struct app *a)
{
	return clock_now_s(a->d.clock);
}

const char *app_screen_name(const struct app *a)
{
	return screens[a->cur]->name;
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
	if (screens[s]->enter)
		screens[s]->enter(a);
}

void app_new_request(struct app *a)
{
	randid_hex(a->request_id);
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
	if (staff_header_tap(a, x, y))
		return APP_TAP_HEADER;
	n = app_widgets(a, w, APP_MAX_WIDGETS);
	for (int i = 0; i < n; i++) {
		struct ev e = { .type = EV_BUTTON, .x = x, .y = y, .id = w[i].id };
		if (!w[i].enabled || !inside(w[i].r, x, y))
			continue;
		a->tap_ns = clock_mono_ns();
		if (strcmp(w[i].id, "lang") == 0)
			toggle_lang(a);
		else
			screens[a->cur]->handle(a, &e);
		return APP_TAP_PRESSED;
	}
	return APP_TAP_MISSED;
}

void app_text(struct app *a, const char *text)
{
	struct ev e = { .type = EV_TEXT, .id = text };

	a->last_input_ms = clock_mono_ms(a->d.clock);
	if (screens[a->cur]->handle)
		screens[a->cur]->handle(a, &e);
}

void app_key(struct app *a, enum app_key k)
{
	struct ev e = { .type = EV_KEY, .key = k };

	a->last_input_ms = clock_mono_ms(a->d.clock);
	if (screens[a->cur]->handle)
		screens[a->cur]->handle(a, &e);
}

void app_scan(struct app *a, const struct scan_result *r)
{
	a->last_input_ms = clock_mono_ms(a->d.clock);
	scan_payload(a, r);
}

void app_post_scan(void *app, const struct scan_result *r)
{
	struct app *a = app;

	pthread_mutex_lock(&a->lock);
	if (a->nscanned < (int)(sizeof(a->scanned) / sizeof(a->scanned[0])))
		a->scanned[a->nscanned++] = *r;
	pthread_mutex_unlock(&a->lock);
}

void app_post_lookup(void *app, const struct lookup_answer *ans)
{
	struct app *a = app;

	pthread_mutex_lock(&a->lock);
	if (a->nanswers < (int)(sizeof(a->answers) / sizeof(a->answers[0])))
		a->answers[a->nanswers++] = *ans;
	else
		log_error("ui: lookup answer dropped: the queue is full");
	pthread_mutex_unlock(&a->lock);
}

void app_post_number(void *app, const struct numbers_answer *ans)
{
	struct app *a = app;

	pthread_mutex_lock(&a->lock);
	if (a->nnumbered < (int)(sizeof(a->numbered) / sizeof(a->numbered[0])))
		a->numbered[a->nnumbered++] = *ans;
	else
		log_error("ui: number answer dropped: the queue is full");
	pthread_mutex_unlock(&a->lock);
}

/* Scans and answers from the workers, one at a time so that no lock is held while a screen
 * reacts (a screen may ask a worker something, which takes the worker's own lock). */
static void drain_inputs(struct app *a)
{
	struct scan_result r;
	struct lookup_answer ans;
	struct numbers_answer num;

	for (;;) {
		bool have_scan = false, have_ans = false, have_num = false;

		pthread_mutex_lock(&a->lock);
		if (a->nnumbered > 0) {
			num = a->numbered[0];
			memmove(a->numbered, a->numbered + 1, sizeof(num) * (size_t)(--a->nnumbered));
			have_num = true;
		} else if (a->nscanned > 0) {
			r = a->scanned[0];
			memmove(a->scanned, a->scanned + 1, sizeof(r) * (size_t)(--a->nscanned));
			have_scan = true;
		} else if (a->nanswers > 0) {
			ans = a->answers[0];
			memmove(a->answers, a->answers + 1, sizeof(ans) * (size_t)(--a->nanswers));
			have_ans = true;
		}
		pthread_mutex_unlock(&a->lock);
		if (have_num)
			app_number_answer(a, &num);
		else if (have_scan)
			app_scan(a, &r);
		else if (have_ans)
			scan_on_lookup(a, &ans);
		else
			return;
	}
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

void app_post_print(void *app, const struct printq_result *res)
{
	struct app *a = app;

	pthread_mutex_lock(&a->lock);
	if (a->ndone < (int)(sizeof(a->done) / sizeof(a->done[0])))
		a->done[a->ndone++] = *res;
	pthread_mutex_unlock(&a->lock);
}

/* Each change of the printer's state goes to the central system as health: staff far from
 * the kiosk learn of a roll running out before a citizen meets an empty printer. */
static void set_printer(struct app *a, struct printer_status st)
{
	char body[96];

	a->printer = st;
	if ((int)st.state == a->reported_state || !a->d.store)
		return;
	if (a->d.sync)
		sync_set_printer(a->d.sync, printer_state_name(st.state));
	if (events_printer(printer_state_name(st.state), body, sizeof(body)) == 0 &&
	    store_event(a->d.store, "health.printer", body, app_now_s(a)) == 0)
		a->reported_state = (int)st.state;
}

static void drain_results(struct app *a)
{
	struct printq_result got[8];
	int n;

	pthread_mutex_lock(&a->lock);
	n = a->ndone;
	memcpy(got, a->done, sizeof(got[0]) * (size_t)n);
	a->ndone = 0;
	pthread_mutex_unlock(&a->lock);
	for (int i = 0; i < n; i++) {
		struct ev e = { .type = EV_PRINT_DONE, .print = got[i] };
		set_printer(a, got[i].status);
		if (got[i].ticket_id == APP_TEST_JOB) {
			staff_test_done(a, &got[i]);
			continue;
		}
		if (remote_on_print(a, &got[i]))
			continue;
		if (screens[a->cur]->handle)
			screens[a->cur]->handle(a, &e);
	}
}

static void check_idle(struct app *a, int64_t now)
{
	int64_t limit = (int64_t)a->d.cfg->idle_timeout_s * 1000;

	if (screens[a->cur]->idle_s)
		limit = (int64_t)screens[a->cur]->idle_s(a) * 1000;
	if (a->cur == SCR_TICKET)
		limit = (int64_t)a->d.cfg->ticket_screen_s * 1000;
	if (a->cur == SCR_HOME || a->cur == SCR_CLOSED || a->cur == SCR_LOCKED ||
	    now - a->last_input_ms < limit)
		return;
	if (a->cur == SCR_TICKET && a->phase == TK_PRINTING)
		return;
	log_info("ui: idle for %lld s", (long long)((now - a->last_input_ms) / 1000));
	a->lang = a->d.cfg->language;
	app_go(a, SCR_HOME);
}

void app_frame(struct app *a)
{
	struct widget w[APP_MAX_WIDGETS];
	int64_t now = clock_mono_ms(a->d.clock);
	int n;

	drain_results(a);
	drain_inputs(a);
	app_number_check(a, now);
	if (now - a->last_poll_ms >= APP_POLL_MS) {
		a->last_poll_ms = now;
		set_printer(a, printq_last_status(a->d.printq));
		rate_poll(a);
		if (screens[a->cur]->tick)
			screens[a->cur]->tick(a);
		remote_poll(a);
	}
	check_idle(a, now);
	n = app_widgets(a, w, APP_MAX_WIDGETS);
	screens[a->cur]->draw(a, w, n);
}

int app_screenshot(struct app *a, const char *path)
{
	int w = a->d.width, h = a->d.height;
	uint8_t *px = malloc((size_t)w * (size_t)h * 4);
	int rc;

	if (!px)
		return ERR_NOMEM;
	rc = SDL_RenderReadPixels(a->d.ren, NULL, SDL_PIXELFORMAT_ABGR8888, px, w * 4);
	rc = rc ? ERR_VIDEO : pngio_write(path, w, h, 4, px, w * 4);
	free(px);
	return rc;
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
	enum printer_state s = a->printer.state;

	if (a->reprinting || a->test_printing)
		return app_str(a, "home_printer_staff");
	if (s != PRINTER_PAPER_OUT && s != PRINTER_OFFLINE)
		return NULL;
	if (a->d.cfg->show_number_if_print_fails)
		return app_str(a, "home_printer_shown");
	return app_str(a, s == PRINTER_PAPER_OUT ? "home_printer_out" : "home_printer_offline");
}

bool app_can_issue(const struct app *a)
{
	if (a->reprinting || a->test_printing)
		return false; /* one job at a time: a few seconds */
	return !app_printer_problem(a) || a->d.cfg->show_number_if_print_fails;
}

void app_refresh_services(struct app *a)
{
	int64_t now = app_now_s(a);
	size_t n = catalog_field_services(a->d.cat, a->field, a->svcs, APP_MAX_SERVICES);

	a->nsvcs = n > APP_MAX_SERVICES ? APP_MAX_SERVICES : (int)n;
	for (int i = 0; i < a->nsvcs; i++) {
		if (queue_availability(a->d.queue, a->svcs[i], now, &a->avail[i]) != 0)
			a->avail[i].avail = QUEUE_OPEN; /* the issue itself re-checks */
	}
}
