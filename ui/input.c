/* input: SDL events to the app through the keyboard-wedge classifier. See input.h. */
#include "input.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <stdlib.h>
#include <string.h>

struct input {
	struct input_config cfg;
	struct input_sink sink;
	struct wedge *wedge;          /* NULL: keys go on as they come */
	struct wedge_event *ev;       /* one decided event (holds a whole scan: on the heap) */
	int64_t settled_ms;           /* the last settle, -1 none yet */
	int64_t last_ms;              /* the time given to the previous key event */
	uint32_t last_stamp;          /* SDL's stamp of that event, for unwrapping */
	bool have_stamp;
};

/* Keys that are not text and matter: what they mean to the classifier and to the app. */
static const struct {
	SDL_Keycode sym;
	enum wedge_key wedge;
	enum app_key app;
} special_keys[] = {
	{ SDLK_RETURN, WEDGE_ENTER, KEY_ENTER },
	{ SDLK_RETURN2, WEDGE_ENTER, KEY_ENTER },
	{ SDLK_KP_ENTER, WEDGE_ENTER, KEY_ENTER },
	{ SDLK_TAB, WEDGE_TAB, KEY_TAB },
	{ SDLK_BACKSPACE, WEDGE_BACKSPACE, KEY_BACKSPACE },
	{ SDLK_ESCAPE, WEDGE_ESCAPE, KEY_ESCAPE },
};

/* Keys that produce no text: they end a burst (no scanner sends them) and go nowhere.
 * Everything else that is not text (Shift, Caps Lock, the keypad's digits, whose text comes
 * as SDL_TEXTINPUT) is ignored, so that a scanner holding Shift for capitals stays one burst. */
static const SDL_Keycode stray_keys[] = {
	SDLK_UP, SDLK_DOWN, SDLK_LEFT, SDLK_RIGHT, SDLK_HOME, SDLK_END, SDLK_PAGEUP, SDLK_PAGEDOWN,
	SDLK_INSERT, SDLK_DELETE, SDLK_PRINTSCREEN, SDLK_SCROLLLOCK, SDLK_PAUSE, SDLK_APPLICATION,
	SDLK_MENU,
};

static bool is_function_key(SDL_Keycode k)
{
	return (k >= SDLK_F1 && k <= SDLK_F12) || (k >= SDLK_F13 && k <= SDLK_F24);
}

int input_new(const struct input_config *cfg, const struct input_sink *sink, struct input **out)
{
	struct input *in;
	int rc = 0;

	*out = NULL;
	if (!cfg || !sink || !sink->tap || !sink->text || !sink->key || !sink->scan)
		return ERR_INVAL;
	in = calloc(1, sizeof(*in));
	if (!in)
		return ERR_NOMEM;
	in->cfg = *cfg;
	in->cfg.wedge = NULL;         /* not kept: the caller's */
	in->sink = *sink;
	in->settled_ms = -1;
	if (cfg->wedge) {
		rc = wedge_new(cfg->wedge, &in->wedge);
		in->ev = rc ? NULL : malloc(sizeof(*in->ev));
		if (!rc && !in->ev)
			rc = ERR_NOMEM;
	}
	if (rc) {
		input_free(in);
		return rc;
	}
	*out = in;
	return 0;
}

void input_free(struct input *in)
{
	if (!in)
		return;
	wedge_free(in->wedge);
	free(in->ev);
	free(in);
}

/* The time a key event counts as typed at: its stamp, unwrapped, but no later than the last
 * settle for an event read after it (see input.h), and never before the previous one. */
static int64_t key_time(struct input *in, uint32_t stamp)
{
	int64_t t;

	if (in->settled_ms >= 0)
		t = in->settled_ms + (int32_t)(stamp - (uint32_t)in->settled_ms);
	else if (in->have_stamp)
		t = in->last_ms + (int32_t)(stamp - in->last_stamp);
	else
		t = stamp;
	in->last_stamp = stamp;
	in->have_stamp = true;
	if (in->settled_ms >= 0) {
		int64_t earliest = in->last_ms > in->settled_ms ? in->last_ms : in->settled_ms;
		if (t > earliest)
			t = earliest;
	}
	if (t < in->last_ms)
		t = in->last_ms;
	in->last_ms = t;
	return t;
}

static void on_text(struct input *in, const SDL_TextInputEvent *e)
{
	int64_t t = key_time(in, e->timestamp);

	if (!e->text[0])
		return;
	if (!in->wedge) {
		in->sink.text(in->sink.ctx, e->text);
		return;
	}
	if (wedge_text(in->wedge, e->text, t) != 0)
		log_warn("input: keys came faster than they were handed on; some were dropped");
}

static void on_key(struct input *in, const SDL_KeyboardEvent *e)
{
	SDL_Keycode sym = e->keysym.sym;
	bool stray = is_function_key(sym);
	int64_t t;
	size_t i;

	for (i = 0; i < sizeof(special_keys) / sizeof(special_keys[0]); i++)
		if (special_keys[i].sym == sym)
			break;
	for (size_t j = 0; !stray && j < sizeof(stray_keys) / sizeof(stray_keys[0]); j++)
		stray = stray_keys[j] == sym;
	if (i == sizeof(special_keys) / sizeof(special_keys[0]) && !stray)
		return;   /* text keys (their text follows), modifiers, locks */
	t = key_time(in, e->timestamp);
	if (!in->wedge) {
		if (!stray)
			in->sink.key(in->sink.ctx, special_keys[i].app);
		return;
	}
	if (wedge_key(in->wedge, stray ? WEDGE_OTHER : special_keys[i].wedge, t) != 0)
		log_warn("input: keys came faster than they were handed on; some were dropped");
}

void input_event(struct input *in, const SDL_Event *e)
{
	switch (e->type) {
	case SDL_MOUSEBUTTONDOWN:
		/* a touch also comes as a finger event: the mouse copy of it is not a second tap */
		if (e->button.which != SDL_TOUCH_MOUSEID)
			in->sink.tap(in->sink.ctx, e->button.x, e->button.y);
		break;
	case SDL_FINGERDOWN:
		in->sink.tap(in->sink.ctx, (int)(e->tfinger.x * (float)in->cfg.width),
			     (int)(e->tfinger.y * (float)in->cfg.height));
		break;
	case SDL_TEXTINPUT:
		on_text(in, &e->text);
		break;
	case SDL_KEYDOWN:
		on_key(in, &e->key);
		break;
	case SDL_DROPFILE:
		if (in->sink.drop && e->drop.file)
			in->sink.drop(in->sink.ctx, e->drop.file);
		break;
	default:
		break;
	}
}

static enum app_key app_key_of(enum wedge_key k)
{
	for (size_t i = 0; i < sizeof(special_keys) / sizeof(special_keys[0]); i++)
		if (special_keys[i].wedge == k)
			return special_keys[i].app;
	return KEY_ESCAPE;   /* not reached: WEDGE_OTHER is dropped before */
}

void input_settle(struct input *in, int64_t now_ms)
{
	in->settled_ms = now_ms > in->last_ms ? now_ms : in->last_ms;
	if (!in->wedge)
		return;
	while (wedge_poll(in->wedge, in->settled_ms, in->ev) == 1) {
		const struct wedge_event *ev = in->ev;

		if (ev->type == WEDGE_EV_SCAN)
			in->sink.scan(in->sink.ctx, &ev->scan);
		else if (ev->type == WEDGE_EV_TEXT)
			in->sink.text(in->sink.ctx, ev->text);
		else if (ev->key != WEDGE_OTHER)
			in->sink.key(in->sink.ctx, app_key_of(ev->key));
	}
}

int64_t input_deadline(const struct input *in)
{
	return in->wedge ? wedge_deadline(in->wedge) : -1;
}

/* ---- the app as the sink ---------------------------------------------------------------- */

static void to_tap(void *ctx, int x, int y)
{
	app_tap(ctx, x, y);
}

static void to_text(void *ctx, const char *utf8)
{
	app_text(ctx, utf8);
}

static void to_key(void *ctx, enum app_key k)
{
	app_key(ctx, k);
}

static void to_scan(void *ctx, const struct scan_result *r)
{
	app_scan(ctx, r);
}

/* A picture dropped on a development window: decoded by the scanner's file worker, its
 * result arriving like any scan. Only the fact is logged, not the path's content. */
static void to_drop(void *ctx, const char *path)
{
	struct app *a = ctx;
	int rc = scanner_submit_file(a->d.scanner, path);

	if (rc)
		log_warn("input: a dropped file cannot be decoded: %s", err_str(rc));
	else
		log_info("input: a dropped picture goes to the scanner");
}

void input_sink_app(struct app *a, struct input_sink *out)
{
	*out = (struct input_sink){ .ctx = a, .tap = to_tap, .text = to_text, .key = to_key,
				    .scan = to_scan, .drop = to_drop };
}
