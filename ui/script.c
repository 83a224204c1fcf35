/* script: the step table and its runner. Each step is a function taking the rest of the line. */
#include "script.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SCRIPT_FRAME_MS 100
#define SCRIPT_SETTLE_MS 10000
#define PERSON_KEY_MS 150   /* a person at a keyboard, one key after the other */
#define WEDGE_KEY_MS 4      /* a keyboard-wedge scanner */

struct run {
	struct app *a;
	struct input *in;
	int64_t in_ms;          /* the keys' timeline (SDL's clock in a real run) */
	bool lookup_wait;       /* steps wait for a lookup in flight */
	const char *shots;
	struct script_stats *stats;
	char why[1600];
};

typedef int (*step_fn)(struct run *r, char *arg);

static void sleep_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

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

static void settle(struct run *r)
{
	int printed = take_printed(r->a->take);

	/* a number being asked for: the numbers worker answers by its deadline */
	for (int waited = 0; waited < SCRIPT_SETTLE_MS && take_asking(r->a->take); waited += 2) {
		sleep_ms(2);
		app_frame(r->a);
	}
	for (int waited = 0; waited < SCRIPT_SETTLE_MS && !worker_done(r->a); waited++)
		sleep_ms(1);
	/* pictures handed to the scanner: their results are posted before it says idle */
	for (int waited = 0; waited < SCRIPT_SETTLE_MS && scanner_files_busy(r->a->d.scanner);
	     waited++)
		sleep_ms(1);
	app_frame(r->a);
	/* a lookup in flight: its answer (or the lookup's own timeout) comes within seconds */
	for (int waited = 0; r->lookup_wait && waited < SCRIPT_SETTLE_MS &&
	     (enquiry_waiting(r->a->enquiry) || rate_waiting(r->a->rate)); waited += 5) {
		sleep_ms(5);
		app_frame(r->a);
	}
	if (r->stats && take_printed(r->a->take) > printed && r->stats->n < 2048)
		r->stats->tap_to_bytes_ns[r->stats->n++] = take_tap_to_bytes_ns(r->a->take);
}

static int step_clock(struct run *r, char *arg)
{
	int64_t t;

	if (clock_parse_local(arg, &t)) {
		snprintf(r->why, sizeof(r->why), "bad time \"%s\" (want YYYY-MM-DD HH:MM)", arg);
		return ERR_INVAL;
	}
	clock_set(r->a->d.clock, t * 1000);
	r->a->last_poll_ms = -1000000; /* re-evaluate hours now */
	return 0;
}

static int step_tap(struct run *r, char *arg)
{
	int x, y;
	char tail;

	if (sscanf(arg, "%d %d%c", &x, &y, &tail) == 2) {
		app_tap(r->a, x, y);
		return 0;
	}
	if (app_tap_widget(r->a, arg) == 0)
		return 0;
	snprintf(r->why, sizeof(r->why), "no widget \"%s\" on screen %s", arg, app_screen_name(r->a));
	return ERR_NOTFOUND;
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

/* Undoes the escapes of `scan` and `wedge` (\\, \t, \n, \r, \xNN) into out; returns its length. */
static size_t unescape(const char *arg, char *out, size_t max)
{
	size_t n = 0;

	for (const char *p = arg; *p && n < max; p++) {
		char c = *p;
		if (c == '\\' && p[1]) {
			p++;
			c = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p;
			if (*p == 'x' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
				c = (char)(hexval(p[1]) * 16 + hexval(p[2]));
				p += 2;
			}
		}
		out[n++] = c;
	}
	return n;
}

/* `scan TEXT`: a code as a scanner driver hands it over, decoded (no keyboard involved), with
 * escapes so that binary garbage can be scanned too. */
static int step_scan(struct run *r, char *arg)
{
	struct scan_result *res = calloc(1, sizeof(*res));

	if (!res)
		return ERR_NOMEM;
	snprintf(res->symbology, sizeof(res->symbology), "KEYED");
	res->len = unescape(arg, res->data, SCAN_DATA_MAX);
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
	size_t n = unescape(arg, buf, sizeof(buf));

	r->in_ms += PERSON_KEY_MS;
	wedge_bytes(r, buf, n);
	flush_keys(r);
	return 0;
}

/* `wedge-fill N C`: a scanner types N times C, then Enter (an over-long line). */
static int step_wedge_fill(struct run *r, char *arg)
{
	long n;
	char c, tail;

	if (sscanf(arg, "%ld %c%c", &n, &c, &tail) != 2 || n < 1 || n > 1000000) {
		snprintf(r->why, sizeof(r->why), "wedge-fill N CHAR");
		return ERR_INVAL;
	}
	r->in_ms += PERSON_KEY_MS;
	for (long i = 0; i < n; i++)
		wedge_bytes(r, &c, 1);
	feed_key(r, SDLK_RETURN, r->in_ms + WEDGE_KEY_MS);
	flush_keys(r);
	return 0;
}

/* `drop FILE`: a picture dropped on a development window. */
static int step_drop(struct run *r, char *arg)
{
	SDL_Event e = { .type = SDL_DROPFILE };

	e.drop.file = arg;
	input_event(r->in, &e);
	return 0;
}

/* `scan-fill N C`: a scan of N copies of character C (over-long codes). */
static int step_scan_fill(struct run *r, char *arg)
{
	struct scan_result *res;
	long n;
	char c, tail;

	if (sscanf(arg, "%ld %c%c", &n, &c, &tail) != 2 || n < 1 || n > 1000000) {
		snprintf(r->why, sizeof(r->why), "scan-fill N CHAR");
		return ERR_INVAL;
	}
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

/* `network off|on`: the lookup behaves as if the central system were unreachable. */
static int step_network(struct run *r, char *arg)
{
	if (strcmp(arg, "off") != 0 && strcmp(arg, "on") != 0) {
		snprintf(r->why, sizeof(r->why), "network off|on");
		return ERR_INVAL;
	}
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
	snprintf(r->why, sizeof(r->why), "unknown key \"%s\"", arg);
	return ERR_INVAL;
}

static int step_wait(struct run *r, char *arg)
{
	char *end;
	long ms = strtol(arg, &end, 10);

	if (*end || ms < 0 || ms > 24L * 3600 * 1000) {
		snprintf(r->why, sizeof(r->why), "bad wait \"%s\"", arg);
		return ERR_INVAL;
	}
	for (; ms > 0; ms -= SCRIPT_FRAME_MS) {
		clock_advance(r->a->d.clock, ms < SCRIPT_FRAME_MS ? ms : SCRIPT_FRAME_MS);
		app_frame(r->a);
	}
	return 0;
}

/* `lookup-wait on|off`: off lets a script see the screen while a lookup is still out. */
static int step_lookup_wait(struct run *r, char *arg)
{
	if (strcmp(arg, "off") != 0 && strcmp(arg, "on") != 0) {
		snprintf(r->why, sizeof(r->why), "lookup-wait on|off");
		return ERR_INVAL;
	}
	r->lookup_wait = strcmp(arg, "on") == 0;
	return 0;
}

static int step_screenshot(struct run *r, char *arg)
{
	char path[512];
	int rc;

	if (!r->shots || strchr(arg, '/') || !arg[0]) {
		snprintf(r->why, sizeof(r->why), "screenshot needs --screenshots DIR and a plain name");
		return ERR_INVAL;
	}
	snprintf(path, sizeof(path), "%s/%s.png", r->shots, arg);
	app_frame(r->a);
	rc = app_screenshot(r->a, path);
	if (rc)
		snprintf(r->why, sizeof(r->why), "cannot write %s: %s", path, err_str(rc));
	return rc;
}

static const struct widget *find_widget(struct widget *w, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(w[i].id, id) == 0)
			return &w[i];
	return NULL;
}

static int expect_widget(struct run *r, const char *what, const char *id)
{
	struct widget w[APP_MAX_WIDGETS];
	const struct widget *f = find_widget(w, app_widgets(r->a, w, APP_MAX_WIDGETS), id);
	bool ok = strcmp(what, "absent") == 0 ? !f :
		  strcmp(what, "enabled") == 0 ? f && f->enabled : f && !f->enabled;

	if (!ok)
		snprintf(r->why, sizeof(r->why), "expected widget %s to be %s on screen %s", id, what,
			 app_screen_name(r->a));
	return ok ? 0 : ERR_STATE;
}

/* The notice shown, "none" on another screen. */
static const char *notice_name(const struct app *a, const char *const *kinds, size_t n)
{
	enum take_notice k = take_notice(a->take, NULL, NULL);

	if (a->cur != SCR_NOTICE)
		return "none";
	return (size_t)k < n && kinds[k] ? kinds[k] : "?";
}

static int step_expect(struct run *r, char *arg)
{
	const struct queue_ticket *ticket = take_ticket(r->a->take);
	const struct enquiry *q = r->a->enquiry;
	char what[32], val[128];
	int want;

	if (sscanf(arg, "%31s %127s", what, val) != 2) {
		snprintf(r->why, sizeof(r->why), "expect WHAT VALUE");
		return ERR_INVAL;
	}
	if (strcmp(what, "screen") == 0 && strcmp(val, app_screen_name(r->a)) != 0) {
		snprintf(r->why, sizeof(r->why), "expected screen %s, showing %s", val,
			 app_screen_name(r->a));
		return ERR_STATE;
	}
	if (strcmp(what, "number") == 0 && strcmp(val, ticket->number) != 0) {
		snprintf(r->why, sizeof(r->why), "expected number %s, got \"%s\"", val,
			 ticket->number);
		return ERR_STATE;
	}
	if (strcmp(what, "lookup") == 0) {
		static const char *const st[] = { "found", "not-found", "cached", "unavailable",
						   "refused" };
		enum lookup_state s = enquiry_answer(q)->state;
		const char *got = enquiry_waiting(q) ? "waiting" : (unsigned)s < 5 ? st[s] : "?";
		if (strcmp(val, got) != 0) {
			snprintf(r->why, sizeof(r->why), "expected lookup %s, got %s", val, got);
			return ERR_STATE;
		}
	}
	if (strcmp(what, "refused") == 0 &&
	    strcmp(val, enquiry_refused(q) ? enquiry_refused(q) : "none") != 0) {
		snprintf(r->why, sizeof(r->why), "expected refusal %s, got %s", val,
			 enquiry_refused(q) ? enquiry_refused(q) : "none");
		return ERR_STATE;
	}
	if (strcmp(what, "numbering") == 0 &&
	    strcmp(val, store_numbering_name(ticket->numbering)) != 0) {
		snprintf(r->why, sizeof(r->why), "expected a %s number, got %s \"%s\"", val,
			 store_numbering_name(ticket->numbering), ticket->number);
		return ERR_STATE;
	}
	if (strcmp(what, "notice") == 0) {
		static const char *const kinds[] = {
			[TAKE_NOTICE_CLOSED] = "closed", [TAKE_NOTICE_FULL] = "full",
			[TAKE_NOTICE_ERROR] = "error", [TAKE_NOTICE_RANGE] = "range",
		};
		const char *got = notice_name(r->a, kinds, sizeof(kinds) / sizeof(kinds[0]));
		if (strcmp(val, got) != 0) {
			snprintf(r->why, sizeof(r->why), "expected notice %s, got %s", val, got);
			return ERR_STATE;
		}
	}
	if (strcmp(what, "entry") == 0 &&
	    strcmp(strcmp(val, "\"\"") == 0 ? "" : val, enquiry_entry(q)) != 0) {
		snprintf(r->why, sizeof(r->why), "expected keypad entry %s, got \"%s\"", val,
			 enquiry_entry(q));
		return ERR_STATE;
	}
	if (strcmp(what, "code") == 0 &&
	    strcmp(strcmp(val, "\"\"") == 0 ? "" : val, enquiry_code(q)) != 0) {
		snprintf(r->why, sizeof(r->why), "expected the dossier %s on screen, got \"%s\"", val,
			 enquiry_code(q));
		return ERR_STATE;
	}
	if (strcmp(what, "camera") == 0 && strcmp(val, r->a->cam.on ? "on" : "off") != 0) {
		snprintf(r->why, sizeof(r->why), "expected camera %s, it is %s", val,
			 r->a->cam.on ? "on" : "off");
		return ERR_STATE;
	}
	if (strcmp(what, "rating") == 0 && strcmp(val, rate_notice_name(rate_notice(r->a->rate))) != 0) {
		snprintf(r->why, sizeof(r->why), "expected rating notice %s, got %s", val,
			 rate_notice_name(rate_notice(r->a->rate)));
		return ERR_STATE;
	}
	if (strcmp(what, "catalog") == 0 &&
	    strcmp(val, remote_central_catalog(r->a->remote) ? "central" : "local") != 0) {
		snprintf(r->why, sizeof(r->why), "expected the %s catalogue in use", val);
		return ERR_STATE;
	}
	if (strcmp(what, "link") == 0 && strcmp(val, remote_link_down(r->a->remote) ? "down" : "up") != 0) {
		snprintf(r->why, sizeof(r->why), "expected the central link %s", val);
		return ERR_STATE;
	}
	want = atoi(val);
	if (strcmp(what, "printed") == 0 && want != take_printed(r->a->take)) {
		snprintf(r->why, sizeof(r->why), "expected %d printed, got %d", want,
			 take_printed(r->a->take));
		return ERR_STATE;
	}
	if (!strcmp(what, "enabled") || !strcmp(what, "disabled") || !strcmp(what, "absent"))
		return expect_widget(r, what, val);
	return 0;
}

/* `await WHAT VALUE`: as expect, for what a worker brings in real time, for at most
 * SCRIPT_AWAIT_MS. `await screen NAME` and `await preview` (the camera's first frame on the
 * scan screen) keep the kiosk's clock still, polling every frame (a decoded code, a remote
 * command); any other WHAT (catalog, link...) lets 100 ms of kiosk time pass with every 100 ms
 * of real time, for what is judged over time. */
#define SCRIPT_AWAIT_MS 30000

static bool awaited(struct run *r, const char *arg)
{
	char copy[160];

	if (strcmp(arg, "preview") == 0)
		return r->a->cur == SCR_SCAN && r->a->cam.seq > 0;
	if (strncmp(arg, "screen ", 7) == 0 && enquiry_waiting(r->a->enquiry))
		return false;
	snprintf(copy, sizeof(copy), "%s", arg);
	return step_expect(r, copy) == 0;
}

static int step_await(struct run *r, char *arg)
{
	bool still = strcmp(arg, "preview") == 0 || strncmp(arg, "screen ", 7) == 0;
	int step = still ? 10 : SCRIPT_FRAME_MS;

	for (int waited = 0; waited < SCRIPT_AWAIT_MS; waited += step) {
		if (still)
			r->a->last_poll_ms = -1000000; /* commands and ticks now, not in a second */
		else
			clock_advance(r->a->d.clock, step);
		app_frame(r->a);
		if (awaited(r, arg))
			return 0;
		sleep_ms(step);
	}
	if (!awaited(r, arg))
		snprintf(r->why + strlen(r->why), sizeof(r->why) - strlen(r->why),
			 " (awaited %d s; showing %s)", SCRIPT_AWAIT_MS / 1000, app_screen_name(r->a));
	return ERR_TIMEOUT;
}

static const struct { const char *name; step_fn fn; } steps[] = {
	{ "clock", step_clock },
	{ "tap", step_tap },
	{ "type", step_text },
	{ "scan", step_scan },
	{ "scan-fill", step_scan_fill },
	{ "wedge", step_wedge },
	{ "wedge-fill", step_wedge_fill },
	{ "drop", step_drop },
	{ "await", step_await },
	{ "lookup-wait", step_lookup_wait },
	{ "network", step_network },
	{ "key", step_key },
	{ "wait", step_wait },
	{ "screenshot", step_screenshot },
	{ "expect", step_expect },
};

static int run_line(struct run *r, char *line)
{
	char *arg;

	line[strcspn(line, "\r\n")] = '\0';
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
			settle(r);
			return rc;
		}
	}
	snprintf(r->why, sizeof(r->why), "unknown step \"%s\"", line);
	return ERR_INVAL;
}

int script_run(struct app *a, struct input *in, const char *path, const char *shots_dir,
	       struct script_stats *stats)
{
	struct run r = { .a = a, .in = in, .in_ms = clock_mono_ms(a->d.clock), .lookup_wait = true,
			 .shots = shots_dir, .stats = stats };
	char line[1024];
	int lineno = 0, rc = 0;
	FILE *fp = fopen(path, "r");

	if (!fp) {
		log_error("script: cannot read %s", path);
		return ERR_NOTFOUND;
	}
	app_frame(a);
	while (!rc && fgets(line, sizeof(line), fp)) {
		lineno++;
		rc = run_line(&r, line);
		if (rc)
			log_error("script %s:%d: %s", path, lineno, r.why);
	}
	fclose(fp);
	return rc;
}
