/* script: the step table and its runner. Each step is a function taking the rest of the line;
 * `expect` and `await` read their word from a table of checks. The runner is strict: an
 * unknown step or word, a malformed or trailing argument, a tap that does nothing the script
 * did not say, or a worker still busy after a step fails the script with its file and line.
 * Start reading at script_run. */
#include "script.h"

#include "firmware/err.h"
#include "firmware/log.h"
#include "ui/layout_check.h"

#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SCRIPT_FRAME_MS 100
#define SCRIPT_SETTLE_MS 10000
#define SCRIPT_AWAIT_MS 30000
#define SCRIPT_LINE_MAX 1024
#define PERSON_KEY_MS 150   /* a person at a keyboard, one key after the other */
#define WEDGE_KEY_MS 4      /* a keyboard-wedge scanner */
#define SEEN_MAX 512

struct run {
	struct app *a;
	struct input *in;
	int64_t in_ms;          /* the keys' timeline (SDL's clock in a real run) */
	bool lookup_wait;       /* steps wait for a lookup in flight */
	const char *shots;
	struct script_stats *stats;
	char (*seen)[24];       /* widget ids shown on some screen in this run */
	int nseen;
	char why[4096];
};

typedef int (*step_fn)(struct run *r, char *arg);

static int fail(struct run *r, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(struct run *r, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
	return rc;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

/* ---- arguments ---------------------------------------------------------------------------- */

/* Splits arg in place into at most max words separated by blanks; returns how many there
 * were (more than max when the line has more). */
static int split(char *arg, char **word, int max)
{
	int n = 0;

	for (char *p = strtok(arg, " \t"); p; p = strtok(NULL, " \t")) {
		if (n < max)
			word[n] = p;
		n++;
	}
	return n;
}

/* A whole decimal number in [lo, hi], nothing else. */
static bool number(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!*s || (*s != '-' && (*s < '0' || *s > '9')))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static bool one_of(const char *s, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(s, *names) == 0)
			return true;
	return false;
}

/* ---- after every step: the workers ------------------------------------------------------ */

/* Let the printer worker finish and its result reach the screen. The worker reports "not
 * busy" just before it posts the result, so a ticket still printing waits for that post. */
static bool worker_done(struct app *a)
{
	bool posted;

	if (prints_worker_busy(a->prints))
		return false;
	posted = journeys_print_posted(a->d.journeys);
	return posted || a->cur != SCR_TICKET || take_phase(a->take) != TAKE_PRINTING;
}

static bool number_asked(struct run *r) { return take_asking(r->a->take); }
static bool printing(struct run *r) { return !worker_done(r->a); }
static bool pictures_busy(struct run *r) { return scanner_files_busy(r->a->d.scanner); }
static bool lookup_out(struct run *r)
{
	return r->lookup_wait && (enquiry_waiting(r->a->enquiry) || rate_waiting(r->a->rate));
}

/* Waits (real time, at most SCRIPT_SETTLE_MS) while busy(r) holds, running a frame every
 * frame_ms (0: none); ERR_TIMEOUT when it still holds. */
static int wait_while(struct run *r, bool (*busy)(struct run *), int frame_ms, const char *what)
{
	int step = frame_ms ? frame_ms : 1;

	for (int waited = 0; busy(r); waited += step) {
		if (waited >= SCRIPT_SETTLE_MS)
			return fail(r, ERR_TIMEOUT, "%s after %d s (on screen %s)", what,
				    SCRIPT_SETTLE_MS / 1000, app_screen_name(r->a));
		sleep_ms(step);
		if (frame_ms)
			app_frame(r->a);
	}
	return 0;
}

static void remember_widgets(struct run *r)
{
	struct widget w[APP_MAX_WIDGETS];
	int n = app_widgets(r->a, w, APP_MAX_WIDGETS);

	for (int i = 0; i < n; i++) {
		int j = 0;
		while (j < r->nseen && strcmp(r->seen[j], w[i].id) != 0)
			j++;
		if (j == r->nseen && r->nseen < SEEN_MAX)
			snprintf(r->seen[r->nseen++], sizeof(r->seen[0]), "%.23s", w[i].id);
	}
}

static bool was_seen(const struct run *r, const char *id)
{
	for (int j = 0; j < r->nseen; j++)
		if (strcmp(r->seen[j], id) == 0)
			return true;
	return false;
}

/* After each step: a number being asked for (the numbers worker answers by its deadline), the
 * printer worker, pictures handed to the scanner (their results are posted before it says
 * idle) and a lookup in flight (its answer, or the lookup's own timeout, comes within
 * seconds). A worker still busy after SCRIPT_SETTLE_MS fails the step. */
static int settle(struct run *r)
{
	int printed = take_printed(r->a->take);
	int rc = wait_while(r, number_asked, 2, "a central number was still being asked for");

	if (!rc)
		rc = wait_while(r, printing, 0, "the printer worker was still printing");
	if (!rc)
		rc = wait_while(r, pictures_busy, 0, "the scanner was still decoding a picture");
	app_frame(r->a);
	if (!rc)
		rc = wait_while(r, lookup_out, 5, "a lookup was still out");
	remember_widgets(r);
	if (r->stats && take_printed(r->a->take) > printed && r->stats->n < 2048)
		r->stats->tap_to_bytes_ns[r->stats->n++] = take_tap_to_bytes_ns(r->a->take);
	return rc;
}

/* ---- steps ---------------------------------------------------------------------------------- */

static int step_clock(struct run *r, char *arg)
{
	int64_t t;

	if (clock_parse_local(arg, &t))
		return fail(r, ERR_INVAL, "bad time \"%s\" (want YYYY-MM-DD HH:MM, a real date)", arg);
	clock_set(r->a->d.clock, t * 1000);
	r->a->last_poll_ms = -1000000; /* re-evaluate hours now */
	return 0;
}

static const struct widget *find_widget(const struct widget *w, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(w[i].id, id) == 0)
			return &w[i];
	return NULL;
}

/* The point a tap step names: "X Y" inside the window, or the centre of widget ID on the
 * screen (copied to *hit). */
static int tap_point(struct run *r, char *arg, int *x, int *y, struct widget *hit)
{
	struct widget w[APP_MAX_WIDGETS];
	char *word[3];
	int nw = split(arg, word, 3);
	long lx, ly;
	const struct widget *f;

	if (nw == 2) {
		if (!number(word[0], 0, r->a->d.width - 1, &lx) ||
		    !number(word[1], 0, r->a->d.height - 1, &ly))
			return fail(r, ERR_INVAL, "tap X Y: a point inside the %dx%d window, got \"%s %s\"",
				    r->a->d.width, r->a->d.height, word[0], word[1]);
		*x = (int)lx;
		*y = (int)ly;
		hit->id[0] = '\0';
		return 0;
	}
	if (nw != 1)
		return fail(r, ERR_INVAL, "tap ID or tap X Y");
	f = find_widget(w, app_widgets(r->a, w, APP_MAX_WIDGETS), word[0]);
	if (!f)
		return fail(r, ERR_NOTFOUND, "no widget \"%s\" on screen %s", word[0],
			    app_screen_name(r->a));
	*hit = *f;
	*x = f->r.x + f->r.w / 2;
	*y = f->r.y + f->r.h / 2;
	return 0;
}

static const char *tap_said(enum app_tap_result t)
{
	return t == APP_TAP_GUARDED ? "was swallowed by the tap guard (the previous tap changed the screen)" :
	       t == APP_TAP_MISSED ? "found nothing enabled under the finger" :
	       t == APP_TAP_READ ? "only read it out (voice guidance: touch again to press)" :
	       "pressed something";
}

/* tap, tap-guarded and tap-ignored: the tap must do what the step says. */
static int tap_expecting(struct run *r, char *arg, const char *step, bool (*want)(enum app_tap_result))
{
	struct widget hit = { 0 };
	int x = 0, y = 0, rc = tap_point(r, arg, &x, &y, &hit);
	enum app_tap_result got;
	const char *screen;

	if (rc)
		return rc;
	screen = app_screen_name(r->a);
	got = app_tap(r->a, x, y);
	if (want(got))
		return 0;
	return fail(r, ERR_STATE, "%s %d %d%s%s%s on screen %s %s", step, x, y,
		    hit.id[0] ? " (" : "", hit.id, hit.id[0] ? (hit.enabled ? ")" : ", disabled)") : "",
		    screen, tap_said(got));
}

static bool pressed(enum app_tap_result t) { return t == APP_TAP_PRESSED || t == APP_TAP_HEADER; }
static bool guarded(enum app_tap_result t) { return t == APP_TAP_GUARDED; }
static bool missed(enum app_tap_result t) { return t == APP_TAP_MISSED; }
static bool read_out(enum app_tap_result t) { return t == APP_TAP_READ; }

/* `tap ID|X Y`: presses an enabled widget (or the header clock). */
static int step_tap(struct run *r, char *arg)
{
	return tap_expecting(r, arg, "tap", pressed);
}

/* `tap-guarded ID|X Y`: the second tap of a double tap, which the guard must swallow. */
static int step_tap_guarded(struct run *r, char *arg)
{
	return tap_expecting(r, arg, "tap-guarded", guarded);
}

/* `tap-read ID|X Y`: with voice guidance on, a first touch, which reads the widget out and
 * presses nothing. */
static int step_tap_read(struct run *r, char *arg)
{
	return tap_expecting(r, arg, "tap-read", read_out);
}

/* `tap-ignored ID|X Y`: a tap on a disabled widget or on nothing, which must do nothing. */
static int step_tap_ignored(struct run *r, char *arg)
{
	return tap_expecting(r, arg, "tap-ignored", missed);
}

/* One synthetic event at t on the keys' timeline: everything before it has been read. */
static void feed(struct run *r, SDL_Event *e, int64_t t)
{
	if (t > r->in_ms)
		r->in_ms = t;
	input_settle(r->in, r->in_ms);
	e->common.timestamp = (Uint32)r->in_ms;
	input_event(r->in, e);
}

/* Lets time pass on the keys' timeline until the classifier holds nothing back. */
static void flush_keys(struct run *r)
{
	int64_t t;

	while ((t = input_deadline(r->in)) >= 0) {
		if (t > r->in_ms)
			r->in_ms = t;
		input_settle(r->in, r->in_ms);
	}
	input_settle(r->in, r->in_ms);
}

static void feed_text(struct run *r, const char *s, size_t n, int64_t t)
{
	SDL_Event e = { .type = SDL_TEXTINPUT };

	memcpy(e.text.text, s, n < sizeof(e.text.text) ? n : sizeof(e.text.text) - 1);
	feed(r, &e, t);
}

static void feed_key(struct run *r, SDL_Keycode sym, int64_t t)
{
	SDL_Event e = { .type = SDL_KEYDOWN };

	e.key.state = SDL_PRESSED;
	e.key.keysym.sym = sym;
	feed(r, &e, t);
}

/* Bytes of the UTF-8 character at s, of at most max bytes (1 for a byte that starts none). */
static size_t char_len(const char *s, size_t max)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

	if (n > max)
		return 1;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/* `type TEXT`: a person typing, one character every PERSON_KEY_MS. */
static int step_text(struct run *r, char *arg)
{
	if (!*arg)
		return fail(r, ERR_INVAL, "type TEXT: nothing to type");
	for (const char *p = arg; *p;) {
		size_t n = char_len(p, strlen(p));

		feed_text(r, p, n, r->in_ms + PERSON_KEY_MS);
		p += n;
	}
	flush_keys(r);
	return 0;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Undoes the escapes of `scan` and `wedge` (\\, \t, \n, \r, \xNN) into out; returns its
 * length, or -1 for an escape it does not know. */
static long unescape(const char *arg, char *out, size_t max)
{
	size_t n = 0;

	for (const char *p = arg; *p && n < max; p++) {
		char c = *p;
		if (c == '\\') {
			p++;
			if (*p == 'x' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
				c = (char)(hexval(p[1]) * 16 + hexval(p[2]));
				p += 2;
			} else if (*p && strchr("\\tnr", *p)) {
				c = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p == 'r' ? '\r' : '\\';
			} else {
				return -1;
			}
		}
		out[n++] = c;
	}
	return (long)n;
}

static int bad_escape(struct run *r, const char *step)
{
	return fail(r, ERR_INVAL, "%s: an unknown escape (\\\\, \\t, \\n, \\r, \\xNN)", step);
}

/* `scan TEXT`: a code as a scanner driver hands it over, decoded (no keyboard involved), with
 * escapes so that binary garbage can be scanned too. */
static int step_scan(struct run *r, char *arg)
{
	struct scan_result *res;
	long n;

	if (!*arg)
		return fail(r, ERR_INVAL, "scan TEXT: nothing to scan");
	res = calloc(1, sizeof(*res));
	if (!res)
		return ERR_NOMEM;
	n = unescape(arg, res->data, SCAN_DATA_MAX);
	if (n < 0) {
		free(res);
		return bad_escape(r, "scan");
	}
	snprintf(res->symbology, sizeof(res->symbology), "KEYED");
	res->len = (size_t)n;
	app_scan(r->a, res);
	free(res);
	return 0;
}

/* Keys of a wedge scanner: CR, LF and TAB are its Enter and Tab keys, any other byte is text
 * (a NUL cannot be typed: it ends the text). */
static void wedge_bytes(struct run *r, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		bool key = s[i] == '\n' || s[i] == '\r' || s[i] == '\t';
		size_t n = key ? 1 : char_len(s + i, len - i);

		if (key)
			feed_key(r, s[i] == '\t' ? SDLK_TAB : SDLK_RETURN, r->in_ms + WEDGE_KEY_MS);
		else if (s[i])
			feed_text(r, s + i, n, r->in_ms + WEDGE_KEY_MS);
		i += n;
	}
}

/* `wedge TEXT`: a keyboard-wedge scanner types TEXT (its suffix written as \n). The pause
 * before it keeps it apart from any typing just before. */
static int step_wedge(struct run *r, char *arg)
{
	char buf[1024];
	long n = unescape(arg, buf, sizeof(buf));

	if (n < 0)
		return bad_escape(r, "wedge");
	if (n == 0)
		return fail(r, ERR_INVAL, "wedge TEXT: nothing to type");
	r->in_ms += PERSON_KEY_MS;
	wedge_bytes(r, buf, (size_t)n);
	flush_keys(r);
	return 0;
}

/* N and C of `wedge-fill N C` and `scan-fill N C`. */
static int fill_args(struct run *r, char *arg, const char *step, long *n, char *c)
{
	char *word[3];

	if (split(arg, word, 3) != 2 || !number(word[0], 1, 1000000, n) || strlen(word[1]) != 1)
		return fail(r, ERR_INVAL, "%s N CHAR (N from 1 to 1000000, one character)", step);
	*c = word[1][0];
	return 0;
}

/* `wedge-fill N C`: a scanner types N times C, then Enter (an over-long line). */
static int step_wedge_fill(struct run *r, char *arg)
{
	long n = 0;
	char c = 0;
	int rc = fill_args(r, arg, "wedge-fill", &n, &c);

	if (rc)
		return rc;
	r->in_ms += PERSON_KEY_MS;
	for (long i = 0; i < n; i++)
		wedge_bytes(r, &c, 1);
	feed_key(r, SDLK_RETURN, r->in_ms + WEDGE_KEY_MS);
	flush_keys(r);
	return 0;
}

/* `scan-fill N C`: a scan of N copies of character C (over-long codes). */
static int step_scan_fill(struct run *r, char *arg)
{
	struct scan_result *res;
	long n = 0;
	char c = 0;
	int rc = fill_args(r, arg, "scan-fill", &n, &c);

	if (rc)
		return rc;
	res = calloc(1, sizeof(*res));
	if (!res)
		return ERR_NOMEM;
	snprintf(res->symbology, sizeof(res->symbology), "KEYED");
	res->len = n > SCAN_DATA_MAX ? SCAN_DATA_MAX : (size_t)n;
	res->truncated = n > SCAN_DATA_MAX;
	memset(res->data, c, res->len);
	app_scan(r->a, res);
	free(res);
	return 0;
}

static void drop(struct run *r, char *path)
{
	SDL_Event e = { .type = SDL_DROPFILE };

	e.drop.file = path;
	input_event(r->in, &e);
}

/* `drop FILE`: a picture dropped on a development window (a file that is no picture is a
 * case worth testing; a file that is not there is a typo). */
static int step_drop(struct run *r, char *arg)
{
	if (!*arg || access(arg, R_OK) != 0)
		return fail(r, ERR_NOTFOUND, "drop: cannot read \"%s\"", arg);
	drop(r, arg);
	return 0;
}

/* `drop-missing FILE`: a file that is gone by the time the kiosk reads it. */
static int step_drop_missing(struct run *r, char *arg)
{
	if (!*arg || access(arg, F_OK) == 0)
		return fail(r, ERR_INVAL, "drop-missing: \"%s\" is there", arg);
	drop(r, arg);
	return 0;
}

static const char *const OFF_ON[] = { "off", "on", NULL };

/* `network off|on`: lookups and central numbers behave as if the central system were
 * unreachable. */
static int step_network(struct run *r, char *arg)
{
	if (!one_of(arg, OFF_ON))
		return fail(r, ERR_INVAL, "network off|on");
	journeys_set_offline(r->a->d.journeys, strcmp(arg, "off") == 0);
	return 0;
}

/* `key enter|backspace|tab|escape`: a person presses a key that is not text. */
static int step_key(struct run *r, char *arg)
{
	static const struct { const char *name; SDL_Keycode sym; } names[] = {
		{ "enter", SDLK_RETURN }, { "backspace", SDLK_BACKSPACE }, { "tab", SDLK_TAB },
		{ "escape", SDLK_ESCAPE },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(arg, names[i].name) == 0) {
			feed_key(r, names[i].sym, r->in_ms + PERSON_KEY_MS);
			flush_keys(r);
			return 0;
		}
	}
	return fail(r, ERR_INVAL, "unknown key \"%s\" (enter, backspace, tab, escape)", arg);
}

static int step_wait(struct run *r, char *arg)
{
	long ms;

	if (!number(arg, 0, 24L * 3600 * 1000, &ms))
		return fail(r, ERR_INVAL, "wait MS: milliseconds from 0 to a day, got \"%s\"", arg);
	for (; ms > 0; ms -= SCRIPT_FRAME_MS) {
		clock_advance(r->a->d.clock, ms < SCRIPT_FRAME_MS ? ms : SCRIPT_FRAME_MS);
		app_frame(r->a);
	}
	return 0;
}

/* `hold MS`: MS milliseconds of real time pass, running frames, with the kiosk's clock held:
 * what plays at the pace of real time (the audio device) goes on while no screen moves. */
static int step_hold(struct run *r, char *arg)
{
	long ms;

	if (!number(arg, 0, 60L * 1000, &ms))
		return fail(r, ERR_INVAL, "hold MS: milliseconds from 0 to a minute, got \"%s\"", arg);
	for (; ms > 0; ms -= SCRIPT_FRAME_MS) {
		app_frame(r->a);
		sleep_ms(ms < SCRIPT_FRAME_MS ? (int)ms : SCRIPT_FRAME_MS);
	}
	return 0;
}

/* `lookup-wait on|off`: off lets a script see the screen while a lookup is still out. */
static int step_lookup_wait(struct run *r, char *arg)
{
	if (!one_of(arg, OFF_ON))
		return fail(r, ERR_INVAL, "lookup-wait on|off");
	r->lookup_wait = strcmp(arg, "on") == 0;
	return 0;
}

/* DIR/NAME.boxes beside the picture: the screen's widgets, then every text and picture the
 * frame drew (ui/text.h), for the golden comparison and layout checks (docs/testing.md). */
static int write_boxes(struct run *r, const char *path, const struct widget *w, int n)
{
	FILE *fp = fopen(path, "w");
	int rc;

	if (!fp)
		return ERR_IO;
	fprintf(fp, "# kiosk boxes 1: screen %s, %dx%d\n", app_screen_name(r->a), r->a->d.width,
		r->a->d.height);
	for (int i = 0; i < n; i++)
		fprintf(fp, "widget\t%d\t%d\t%d\t%d\t%s\t%d\t%d\n", w[i].r.x, w[i].r.y, w[i].r.w,
			w[i].r.h, w[i].id, w[i].enabled, (int)w[i].style);
	rc = text_record_write(r->a->text, fp);
	if (fclose(fp) != 0)
		rc = ERR_IO;
	return rc;
}

/* The layout check (ui/layout_check.h) over the frame just drawn with records on. */
static int layout_fails(struct run *r, const struct widget *w, int n)
{
	const struct text_record *recs;
	struct layout_frame f = { .screen = app_screen_name(r->a), .w = r->a->d.width,
				  .h = r->a->d.height, .floor = text_floor(r->a->text),
				  .widgets = w, .nwidgets = n, .i18n = r->a->d.i18n,
				  .lang = r->a->lang };
	char why[sizeof(r->why) - 64];
	int bad;

	f.nrecs = text_records(r->a->text, &recs);
	f.recs = recs;
	bad = layout_check(&f, why, sizeof(why));
	if (bad)
		fail(r, ERR_INVAL, "layout: %d problem%s: %s", bad, bad == 1 ? "" : "s", why);
	return bad;
}

/* The frame a picture or a layout check looks at. First the kiosk's own frame, as the window
 * draws it: only when the screen changed. Then drawn again, with records on. When the kiosk's
 * frame drew nothing, the pixels held from before must be what the fresh drawing shows, or a
 * change would have stayed unseen in front of a citizen: the step fails. */
static int fresh_frame(struct run *r)
{
	uint8_t *held = NULL, *now = NULL;
	bool same;
	int rc;

	if (!app_frame(r->a) && (rc = app_pixels(r->a, &held)) != 0)
		return fail(r, rc, "cannot read the screen: %s", err_str(rc));
	text_record_start(r->a->text);
	app_redraw(r->a);
	if (!held)
		return 0;
	rc = app_pixels(r->a, &now);
	same = !rc && memcmp(held, now, (size_t)r->a->d.width * (size_t)r->a->d.height * 4) == 0;
	free(held);
	free(now);
	if (rc)
		return fail(r, rc, "cannot read the screen: %s", err_str(rc));
	if (!same)
		return fail(r, ERR_STATE, "screen %s changed but the frame was not drawn again: "
			    "what it drew escaped the frame's sum (ui/draw.h)", app_screen_name(r->a));
	return 0;
}

static int step_screenshot(struct run *r, char *arg)
{
	struct widget w[APP_MAX_WIDGETS];
	char path[512];
	int rc, n, bad;

	if (!r->shots)
		return fail(r, ERR_INVAL, "screenshot needs --screenshots DIR");
	if (!arg[0] || strpbrk(arg, "/ \t") || strlen(arg) > 200)
		return fail(r, ERR_INVAL, "screenshot NAME: a plain name, got \"%s\"", arg);
	snprintf(path, sizeof(path), "%s/%s.png", r->shots, arg);
	if ((rc = fresh_frame(r)) != 0) {
		text_record_write(r->a->text, NULL);
		return rc;
	}
	n = app_widgets(r->a, w, APP_MAX_WIDGETS);
	bad = layout_fails(r, w, n);
	rc = app_screenshot(r->a, path);
	if (!rc) {
		snprintf(path, sizeof(path), "%s/%s.boxes", r->shots, arg);
		rc = write_boxes(r, path, w, n);
	} else {
		text_record_write(r->a->text, NULL);
	}
	if (rc)
		return fail(r, rc, "cannot write %s: %s", path, err_str(rc));
	return bad ? ERR_INVAL : 0; /* the picture is written, to look at what does not fit */
}

/* ---- expect and await --------------------------------------------------------------------- */

/* The notice shown, "none" on another screen. */
static const char *notice_name(const struct app *a)
{
	static const char *const kinds[] = {
		[TAKE_NOTICE_CLOSED] = "closed", [TAKE_NOTICE_FULL] = "full",
		[TAKE_NOTICE_ERROR] = "error", [TAKE_NOTICE_RANGE] = "range",
	};
	enum take_notice k = take_notice(a->take, NULL, NULL);

	if (a->cur != SCR_NOTICE)
		return "none";
	return (size_t)k < sizeof(kinds) / sizeof(kinds[0]) && kinds[k] ? kinds[k] : "?";
}

static const char *lookup_state(const struct app *a)
{
	static const char *const st[] = { "found", "not-found", "cached", "unavailable", "refused" };

	enum lookup_state s = enquiry_answer(a->enquiry)->state;

	if (enquiry_waiting(a->enquiry))
		return "waiting";
	return (unsigned)s < 5 ? st[s] : "?";
}

static const char *empty_quoted(const char *s)
{
	return strcmp(s, "\"\"") == 0 ? "" : s;
}

/* Each check compares val with what the app shows: 0, or ERR_STATE with r->why set. */
static int is(struct run *r, const char *what, const char *want, const char *got)
{
	if (strcmp(want, got) == 0)
		return 0;
	return fail(r, ERR_STATE, "expected %s %s, got \"%s\" (on screen %s)", what, want, got,
		    app_screen_name(r->a));
}

static int x_screen(struct run *r, const char *v) { return is(r, "screen", v, app_screen_name(r->a)); }
static int x_number(struct run *r, const char *v)
{
	return is(r, "number", v, take_ticket(r->a->take)->number);
}
static int x_lookup(struct run *r, const char *v) { return is(r, "lookup", v, lookup_state(r->a)); }
static int x_refused(struct run *r, const char *v)
{
	const char *why = enquiry_refused(r->a->enquiry);

	return is(r, "refusal", v, why ? why : "none");
}
static int x_numbering(struct run *r, const char *v)
{
	return is(r, "numbering", v, store_numbering_name(take_ticket(r->a->take)->numbering));
}
static int x_notice(struct run *r, const char *v) { return is(r, "notice", v, notice_name(r->a)); }
static int x_entry(struct run *r, const char *v)
{
	return is(r, "keypad entry", empty_quoted(v), enquiry_entry(r->a->enquiry));
}
static int x_code(struct run *r, const char *v)
{
	return is(r, "dossier on screen", empty_quoted(v), enquiry_code(r->a->enquiry));
}
static int x_said(struct run *r, const char *v)
{
	return is(r, "last words said", empty_quoted(v), r->a->said);
}
static int x_camera(struct run *r, const char *v)
{
	return is(r, "camera", v, r->a->cam.on ? "on" : "off");
}
static int x_rating(struct run *r, const char *v)
{
	return is(r, "rating notice", v, rate_notice_name(rate_notice(r->a->rate)));
}
static int x_catalog(struct run *r, const char *v)
{
	return is(r, "catalogue", v, remote_central_catalog(r->a->remote) ? "central" : "local");
}
static int x_link(struct run *r, const char *v)
{
	return is(r, "central link", v, remote_link_down(r->a->remote) ? "down" : "up");
}
static int x_printed(struct run *r, const char *v)
{
	long want = strtol(v, NULL, 10); /* validated: digits */

	if (want == take_printed(r->a->take))
		return 0;
	return fail(r, ERR_STATE, "expected %ld printed, got %d", want, take_printed(r->a->take));
}

static int x_layout(struct run *r, const char *v)
{
	struct widget w[APP_MAX_WIDGETS];
	int n, bad;

	(void)v;
	if (fresh_frame(r) != 0) {
		text_record_write(r->a->text, NULL);
		return ERR_STATE;
	}
	n = app_widgets(r->a, w, APP_MAX_WIDGETS);
	bad = layout_fails(r, w, n);
	text_record_write(r->a->text, NULL);
	return bad ? ERR_INVAL : 0;
}

static int widget_state(struct run *r, const char *want, const char *id)
{
	struct widget w[APP_MAX_WIDGETS];
	int n = app_widgets(r->a, w, APP_MAX_WIDGETS);
	const struct widget *f = find_widget(w, n, id);
	const char *got = !f ? "absent" : f->enabled ? "enabled" : "disabled";

	if (strcmp(want, got) == 0)
		return 0;
	return fail(r, ERR_STATE, "expected widget %s %s, it is %s on screen %s", id, want, got,
		    app_screen_name(r->a));
}

/* `expect widgets A,B,C`: exactly these widgets, in the screen's order. */
static int x_widgets(struct run *r, const char *v)
{
	struct widget w[APP_MAX_WIDGETS];
	int n = app_widgets(r->a, w, APP_MAX_WIDGETS);
	char got[APP_MAX_WIDGETS * 25] = "";

	for (int i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%.23s", i ? "," : "", w[i].id);
	return is(r, "widgets", v, got);
}

static int x_enabled(struct run *r, const char *v) { return widget_state(r, "enabled", v); }
static int x_disabled(struct run *r, const char *v) { return widget_state(r, "disabled", v); }
static int x_absent(struct run *r, const char *v) { return widget_state(r, "absent", v); }

/* Validators of a value, before anything is checked: NULL when it is one the word can have,
 * else what it should be. */
static const char *v_screen(struct run *r, const char *v)
{
	(void)r;
	return app_screen_exists(v) ? NULL : "the name of a screen (ui/scr_*.c)";
}

static const char *v_number(struct run *r, const char *v)
{
	size_t letters = strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");

	(void)r;
	if (letters >= 1 && v[letters] == '-' && strlen(v + letters + 1) >= 3 &&
	    strspn(v + letters + 1, "0123456789") == strlen(v + letters + 1))
		return NULL;
	return "a ticket number such as A-001";
}

static const char *v_count(struct run *r, const char *v)
{
	long n;

	(void)r;
	return number(v, 0, INT_MAX, &n) ? NULL : "a count (digits)";
}

#define V_ONE_OF(fn, ...)                                                           \
	static const char *fn(struct run *r, const char *v)                         \
	{                                                                            \
		static const char *const ok[] = { __VA_ARGS__, NULL };               \
		(void)r;                                                             \
		return one_of(v, ok) ? NULL : "one of: " #__VA_ARGS__;               \
	}
V_ONE_OF(v_lookup, "waiting", "found", "not-found", "cached", "unavailable", "refused")
V_ONE_OF(v_numbering, "local", "central", "fallback")
V_ONE_OF(v_notice, "closed", "full", "error", "range", "none")
V_ONE_OF(v_camera, "on", "off")
V_ONE_OF(v_catalog, "local", "central")
V_ONE_OF(v_link, "up", "down")
V_ONE_OF(v_layout, "fits")

static const char *v_refused(struct run *r, const char *v)
{
	if (strcmp(v, "none") == 0 || strcmp(i18n_get(r->a->d.i18n, LANG_VI, v), v) != 0)
		return NULL;
	return "none or a string key of assets/i18n";
}

static const char *v_rating(struct run *r, const char *v)
{
	(void)r;
	for (int n = 0; strcmp(rate_notice_name((enum rate_notice)n), "?") != 0; n++)
		if (strcmp(rate_notice_name((enum rate_notice)n), v) == 0)
			return NULL;
	return "a rating notice (ui/rate.h)";
}

/* An absent widget must be one that exists: shown on some screen earlier in this run, so that
 * a misspelt id cannot pass. */
static const char *v_seen(struct run *r, const char *v)
{
	return was_seen(r, v) ? NULL : "a widget id shown on some screen earlier in this run (misspelt?)";
}

static const struct expect_word {
	const char *word;
	const char *(*valid)(struct run *r, const char *val); /* NULL: any value */
	int (*check)(struct run *r, const char *val);
} expects[] = {
	{ "screen", v_screen, x_screen },
	{ "number", v_number, x_number },
	{ "printed", v_count, x_printed },
	{ "enabled", NULL, x_enabled },
	{ "disabled", NULL, x_disabled },
	{ "absent", v_seen, x_absent },
	{ "widgets", NULL, x_widgets },
	{ "lookup", v_lookup, x_lookup },
	{ "refused", v_refused, x_refused },
	{ "numbering", v_numbering, x_numbering },
	{ "notice", v_notice, x_notice },
	{ "entry", NULL, x_entry },
	{ "code", NULL, x_code },
	{ "camera", v_camera, x_camera },
	{ "rating", v_rating, x_rating },
	{ "catalog", v_catalog, x_catalog },
	{ "link", v_link, x_link },
	{ "layout", v_layout, x_layout },
	{ "said", NULL, x_said },       /* last: parse_expect takes the rest of the line */
};

/* "WORD VALUE" of expect and await, validated: the table's entry and the value. */
static int parse_expect(struct run *r, char *arg, const char *step, const struct expect_word **e,
			const char **val)
{
	char *word[3];
	int n;

	/* the words said are a sentence: the rest of the line, as it is */
	if (strncmp(arg, "said ", 5) == 0 && arg[5]) {
		*e = &expects[sizeof(expects) / sizeof(expects[0]) - 1];
		*val = arg + 5;
		return 0;
	}
	n = split(arg, word, 3);
	if (n < 1)
		return fail(r, ERR_INVAL, "%s WHAT VALUE", step);
	for (size_t i = 0; i < sizeof(expects) / sizeof(expects[0]); i++) {
		const char *bad;
		if (strcmp(expects[i].word, word[0]) != 0)
			continue;
		if (n != 2)
			return fail(r, ERR_INVAL, "%s %s: one value, got %d", step, word[0], n - 1);
		if (expects[i].valid && (bad = expects[i].valid(r, word[1])))
			return fail(r, ERR_INVAL, "%s %s \"%s\": want %s", step, word[0], word[1], bad);
		*e = &expects[i];
		*val = word[1];
		return 0;
	}
	return fail(r, ERR_INVAL, "unknown %s word \"%s\"", step, word[0]);
}

static int step_expect(struct run *r, char *arg)
{
	const struct expect_word *e;
	const char *val;
	int rc = parse_expect(r, arg, "expect", &e, &val);

	return rc ? rc : e->check(r, val);
}

static bool preview_shown(struct run *r)
{
	return r->a->cur == SCR_SCAN && r->a->cam.seq > 0;
}

/* `await WHAT VALUE`: as expect, for what a worker brings in real time, for at most
 * SCRIPT_AWAIT_MS. `await screen NAME` and `await preview` (the camera's first frame on the
 * scan screen) keep the kiosk's clock still, polling every frame (a decoded code, a remote
 * command); any other WHAT (catalog, link...) lets 100 ms of kiosk time pass with every 100 ms
 * of real time, for what is judged over time. */
static int step_await(struct run *r, char *arg)
{
	const struct expect_word *e = NULL;
	const char *val = NULL;
	bool preview = strcmp(arg, "preview") == 0, still;
	int step, rc = preview ? 0 : parse_expect(r, arg, "await", &e, &val);

	if (rc)
		return rc;
	if (!preview && !e)
		return ERR_INVAL;
	still = preview || e->check == x_screen;
	step = still ? 10 : SCRIPT_FRAME_MS;
	for (int waited = 0; waited <= SCRIPT_AWAIT_MS; waited += step) {
		if (still)
			r->a->last_poll_ms = -1000000; /* commands and ticks now, not in a second */
		else
			clock_advance(r->a->d.clock, step);
		app_frame(r->a);
		if (preview ? preview_shown(r) :
		    (!still || !enquiry_waiting(r->a->enquiry)) && e->check(r, val) == 0)
			return 0;
		sleep_ms(step);
	}
	if (preview)
		return fail(r, ERR_TIMEOUT, "no camera picture on the scan screen (awaited %d s; showing %s)",
			    SCRIPT_AWAIT_MS / 1000, app_screen_name(r->a));
	snprintf(r->why + strlen(r->why), sizeof(r->why) - strlen(r->why), " (awaited %d s)",
		 SCRIPT_AWAIT_MS / 1000);
	return ERR_TIMEOUT;
}

/* ---- the runner ------------------------------------------------------------------------------ */

static const struct { const char *name; step_fn fn; } steps[] = {
	{ "clock", step_clock },
	{ "tap", step_tap },
	{ "tap-guarded", step_tap_guarded },
	{ "tap-ignored", step_tap_ignored },
	{ "tap-read", step_tap_read },
	{ "type", step_text },
	{ "scan", step_scan },
	{ "scan-fill", step_scan_fill },
	{ "wedge", step_wedge },
	{ "wedge-fill", step_wedge_fill },
	{ "drop", step_drop },
	{ "drop-missing", step_drop_missing },
	{ "await", step_await },
	{ "lookup-wait", step_lookup_wait },
	{ "network", step_network },
	{ "key", step_key },
	{ "wait", step_wait },
	{ "hold", step_hold },
	{ "screenshot", step_screenshot },
	{ "expect", step_expect },
};

static int run_line(struct run *r, char *line)
{
	char *arg;

	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line || *line == '#')
		return 0;
	arg = line + strcspn(line, " \t");
	if (*arg)
		*arg++ = '\0';
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (strcmp(steps[i].name, line) == 0) {
			int rc = steps[i].fn(r, arg);
			int settled = settle(r);
			return rc ? rc : settled;
		}
	}
	return fail(r, ERR_INVAL, "unknown step \"%s\"", line);
}

/* One line of the script into line (without its end); ERR_RANGE when it is too long. */
static int read_line(FILE *fp, char *line, size_t max, bool *eof)
{
	size_t len;

	if (!fgets(line, (int)max, fp)) {
		*eof = true;
		return 0;
	}
	len = strlen(line);
	if (len == max - 1 && line[len - 1] != '\n' && !feof(fp))
		return ERR_RANGE;
	line[strcspn(line, "\r\n")] = '\0';
	return 0;
}

int script_run(struct app *a, struct input *in, const char *path, const char *shots_dir,
	       struct script_stats *stats)
{
	struct run r = { .a = a, .in = in, .in_ms = clock_mono_ms(a->d.clock), .lookup_wait = true,
			 .shots = shots_dir, .stats = stats };
	char line[SCRIPT_LINE_MAX];
	int lineno = 0, rc = 0;
	bool eof = false;
	FILE *fp = fopen(path, "r");

	if (!fp) {
		log_error("script: cannot read %s", path);
		return ERR_NOTFOUND;
	}
	r.seen = calloc(SEEN_MAX, sizeof(*r.seen));
	if (!r.seen) {
		fclose(fp);
		return ERR_NOMEM;
	}
	app_frame(a);
	remember_widgets(&r);
	while (!rc) {
		lineno++;
		rc = read_line(fp, line, sizeof(line), &eof);
		if (rc)
			fail(&r, rc, "line longer than %d bytes", SCRIPT_LINE_MAX - 2);
		else if (eof)
			break;
		else
			rc = run_line(&r, line);
		if (rc)
			log_error("script %s:%d: %s", path, lineno, r.why);
	}
	fclose(fp);
	free(r.seen);
	return rc;
}

int script_start_clock(const char *path, int64_t *utc_ms)
{
	char line[SCRIPT_LINE_MAX];
	FILE *fp = fopen(path, "r");
	int rc = ERR_NOTFOUND;

	if (!fp)
		return ERR_NOTFOUND;
	while (fgets(line, sizeof(line), fp)) {
		size_t n = strcspn(line, "\r\n");
		int64_t t;

		while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		line[n] = '\0';
		if (!line[strspn(line, " \t")] || line[strspn(line, " \t")] == '#')
			continue;
		/* the first step decides; a bad time is the runner's to report, at its line */
		if (strncmp(line, "clock ", 6) == 0 && clock_parse_local(line + 6, &t) == 0) {
			*utc_ms = t * 1000;
			rc = 0;
		}
		break;
	}
	fclose(fp);
	return rc;
}
