/* input: synthetic SDL events with timestamps through ui/input.c, as the window loop feeds
 * them: a scanner's burst is one scan and never text, a person's typing is text and keys in
 * order, Enter and stray keys, a slow frame between two reads of a scan, taps and drops; then
 * the real app: slow typing reaches the keypad field, a scan on the keypad does not. */
#include "../t.h"
#include "../../firmware/err.h"
#include "../../firmware/journey/kiosk.h"
#include "../../ui/app.h"
#include "../../ui/input.h"
#include "app_kit.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>

/* What reached the sink, one line per call: "scan:DATA", "text:T", "key:N", "tap:X,Y",
 * "drop:PATH". */
struct rec {
	char log[4096];
	int calls;
};

static void add(struct rec *r, const char *what)
{
	size_t n = strlen(r->log);

	snprintf(r->log + n, sizeof(r->log) - n, "%s|", what);
	r->calls++;
}

static void r_tap(void *c, int x, int y)
{
	char b[32];

	snprintf(b, sizeof(b), "tap:%d,%d", x, y);
	add(c, b);
}

static void r_text(void *c, const char *t)
{
	char b[80];

	snprintf(b, sizeof(b), "text:%s", t);
	add(c, b);
}

static void r_key(void *c, enum app_key k)
{
	char b[16];

	snprintf(b, sizeof(b), "key:%d", (int)k);
	add(c, b);
}

static void r_drop(void *c, const char *p)
{
	char b[300];

	snprintf(b, sizeof(b), "drop:%s", p);
	add(c, b);
}

static void r_scan(void *c, const struct scan_result *s)
{
	char b[80];

	snprintf(b, sizeof(b), "scan:%.60s%s", s->data, s->truncated ? "+" : "");
	add(c, b);
}

static struct input *make(struct rec *r, bool wedge)
{
	struct wedge_config wc = WEDGE_CONFIG_DEFAULT;
	struct input_config ic = { .width = 1080, .height = 1920, .wedge = wedge ? &wc : NULL };
	struct input_sink sink = { r, r_tap, r_text, r_key, r_scan, r_drop };
	struct input *in = NULL;

	memset(r, 0, sizeof(*r));
	return input_new(&ic, &sink, &in) == 0 ? in : NULL;
}

static void text_at(struct input *in, const char *s, uint32_t t)
{
	SDL_Event e = { .type = SDL_TEXTINPUT };

	snprintf(e.text.text, sizeof(e.text.text), "%s", s);
	e.text.timestamp = t;
	input_event(in, &e);
}

static void key_at(struct input *in, SDL_Keycode k, uint32_t t)
{
	SDL_Event e = { .type = SDL_KEYDOWN };

	e.key.keysym.sym = k;
	e.key.timestamp = t;
	input_event(in, &e);
}

/* As the window loop does: every event is read at once, then settled at its time. */
static void type_at(struct input *in, const char *s, uint32_t t0, int gap)
{
	char c[2] = { 0, 0 };

	for (int i = 0; s[i]; i++) {
		c[0] = s[i];
		input_settle(in, t0 + (uint32_t)(i * gap));
		text_at(in, c, t0 + (uint32_t)(i * gap));
	}
}

T_TEST(input_fast_burst_with_enter_is_one_scan)
{
	struct rec r;
	struct input *in = make(&r, true);

	T_CHECK(in != NULL);
	type_at(in, "000.00.01.H29-261120-0007", 1000, 3);
	input_settle(in, 1075);
	T_STREQ(r.log, "");                 /* held: nothing reaches a field meanwhile */
	key_at(in, SDLK_RETURN, 1078);
	key_at(in, SDLK_LSHIFT, 1079);      /* modifiers are nothing */
	input_settle(in, 1080);
	T_STREQ(r.log, "scan:000.00.01.H29-261120-0007|");
	input_settle(in, 5000);
	T_EQ(r.calls, 1);
	input_free(in);
}

/* A scanner holds Shift for capitals: the Shift keys between its characters change nothing. */
T_TEST(input_shift_inside_a_scan)
{
	struct rec r;
	struct input *in = make(&r, true);
	const char *code = "H15.50.05.13-261008-0975";

	T_CHECK(in != NULL);
	for (int i = 0; code[i]; i++) {
		char c[2] = { code[i], 0 };
		input_settle(in, 2000 + (uint32_t)(i * 6));
		key_at(in, SDLK_LSHIFT, 2000 + (uint32_t)(i * 6));
		key_at(in, SDLK_CAPSLOCK, 2000 + (uint32_t)(i * 6));
		text_at(in, c, 2002 + (uint32_t)(i * 6));
	}
	key_at(in, SDLK_KP_ENTER, 2200);
	input_settle(in, 2201);
	T_STREQ(r.log, "scan:H15.50.05.13-261008-0975|");
	input_free(in);
}

T_TEST(input_slow_typing_is_text_in_order)
{
	struct rec r;
	struct input *in = make(&r, true);

	T_CHECK(in != NULL);
	type_at(in, "H29", 1000, 180);
	input_settle(in, 1400);
	key_at(in, SDLK_BACKSPACE, 1500);
	input_settle(in, 1700);
	text_at(in, "9", 1700);
	input_settle(in, 1900);
	key_at(in, SDLK_RETURN, 1900);
	input_settle(in, 2100);
	T_STREQ(r.log, "text:H|text:2|text:9|key:1|text:9|key:0|");
	input_free(in);
}

/* A person's text is let go once max_gap_ms pass: typing still feels immediate. */
T_TEST(input_typing_released_after_the_gap)
{
	struct rec r;
	struct input *in = make(&r, true);

	T_CHECK(in != NULL);
	input_settle(in, 1000);
	text_at(in, "a", 1000);
	input_settle(in, 1035);
	T_STREQ(r.log, "");
	T_EQ(input_deadline(in), 1036);
	input_settle(in, 1036);
	T_STREQ(r.log, "text:a|");
	T_EQ(input_deadline(in), -1);
	input_free(in);
}

T_TEST(input_enter_handling)
{
	struct rec r;
	struct input *in = make(&r, true);

	T_CHECK(in != NULL);
	/* Enter alone, and Tab alone: keys */
	input_settle(in, 1000);
	key_at(in, SDLK_RETURN, 1000);
	input_settle(in, 1300);
	key_at(in, SDLK_TAB, 1300);
	input_settle(in, 1600);
	T_STREQ(r.log, "key:0|key:2|");
	/* a scan ended with CR LF: both swallowed; an Enter a person presses later is a key */
	r.log[0] = '\0';
	type_at(in, "ABCD1234", 2000, 2);
	key_at(in, SDLK_RETURN, 2016);
	input_settle(in, 2017);
	key_at(in, SDLK_RETURN, 2018);
	input_settle(in, 2400);
	key_at(in, SDLK_RETURN, 2400);
	input_settle(in, 2600);
	T_STREQ(r.log, "scan:ABCD1234|key:0|");
	/* three fast characters and Enter: two keys hit at once, not a scan */
	r.log[0] = '\0';
	type_at(in, "12", 3000, 5);
	key_at(in, SDLK_RETURN, 3010);
	input_settle(in, 3300);
	T_STREQ(r.log, "text:12|key:0|");
	input_free(in);
}

T_TEST(input_stray_keys)
{
	struct rec r;
	struct input *in = make(&r, true);

	T_CHECK(in != NULL);
	/* an arrow key ends a person's burst and goes nowhere; F5 alone does nothing */
	type_at(in, "ab", 1000, 10);
	key_at(in, SDLK_LEFT, 1015);
	input_settle(in, 1300);
	key_at(in, SDLK_F5, 1300);
	key_at(in, SDLK_DELETE, 1310);
	input_settle(in, 1600);
	T_STREQ(r.log, "text:ab|");
	/* Escape is a key the keyboard screen uses */
	key_at(in, SDLK_ESCAPE, 1700);
	input_settle(in, 1900);
	T_STREQ(r.log, "text:ab|key:3|");
	input_free(in);
}

/* SDL stamps events when it reads them: the characters of a scan that came in while a frame
 * was drawn (80 ms) carry the stamp of the next read. Settled as the loop settles, they are
 * still one scan; judged by their stamps alone, the scan would have been cut into typing. */
T_TEST(input_slow_frame_inside_a_scan)
{
	struct rec r;
	struct input *in = make(&r, true);

	T_CHECK(in != NULL);
	input_settle(in, 1000);
	text_at(in, "0", 1000);
	text_at(in, "0", 1000);
	text_at(in, "0", 1001);
	input_settle(in, 1001);            /* the first read; a frame is drawn now */
	text_at(in, ".", 1081);            /* read 80 ms later */
	text_at(in, "0", 1081);
	text_at(in, "0", 1081);
	text_at(in, "-", 1081);
	text_at(in, "1", 1081);
	key_at(in, SDLK_RETURN, 1081);
	input_settle(in, 1082);
	T_STREQ(r.log, "scan:000.00-1|");
	input_free(in);

	in = make(&r, true);
	T_CHECK(in != NULL);
	text_at(in, "0", 1000);            /* never settled: the stamps are all there is */
	text_at(in, "0", 1000);
	text_at(in, "0", 1001);
	text_at(in, ".", 1081);
	text_at(in, "0", 1081);
	text_at(in, "0", 1081);
	text_at(in, "-", 1081);
	text_at(in, "1", 1081);
	key_at(in, SDLK_RETURN, 1081);
	input_settle(in, 1200);
	T_STREQ(r.log, "text:000|scan:.00-1|");
	input_free(in);
}

/* 32-bit SDL stamps wrap after 49 days: a scan across the wrap is still one scan. */
T_TEST(input_stamps_wrap)
{
	struct rec r;
	struct input *in = make(&r, true);
	int64_t base = 0xFFFFFFF0ll;

	T_CHECK(in != NULL);
	for (int i = 0; i < 8; i++) {
		char c[2] = { (char)('A' + i), 0 };
		input_settle(in, base + i * 4);
		text_at(in, c, (uint32_t)(base + i * 4));
	}
	key_at(in, SDLK_RETURN, (uint32_t)(base + 32));
	input_settle(in, base + 33);
	T_STREQ(r.log, "scan:ABCDEFGH|");
	input_free(in);
}

T_TEST(input_a_10kb_line)
{
	struct rec r;
	struct input *in = make(&r, true);

	T_CHECK(in != NULL);
	for (int i = 0; i < 10240; i++) {
		input_settle(in, 1000 + i);
		text_at(in, "7", (uint32_t)(1000 + i));
	}
	key_at(in, SDLK_RETURN, 1000 + 10240);
	input_settle(in, 1000 + 10241);
	T_EQ(r.calls, 1);
	T_CHECK(strncmp(r.log, "scan:7777", 9) == 0);
	T_CHECK(strstr(r.log, "+|") != NULL);   /* truncated */
	T_CHECK(strstr(r.log, "text:") == NULL);
	input_free(in);
}

T_TEST(input_without_a_wedge)
{
	struct rec r;
	struct input *in = make(&r, false);

	T_CHECK(in != NULL);
	type_at(in, "ABCD", 1000, 1);
	key_at(in, SDLK_RETURN, 1005);
	key_at(in, SDLK_UP, 1006);
	T_STREQ(r.log, "text:A|text:B|text:C|text:D|key:0|");
	T_EQ(input_deadline(in), -1);
	input_free(in);
}

T_TEST(input_taps_and_drops)
{
	struct rec r;
	struct input *in = make(&r, true);
	SDL_Event e = { .type = SDL_MOUSEBUTTONDOWN };
	char file[] = "/tmp/receipt.png";

	T_CHECK(in != NULL);
	e.button.x = 100;
	e.button.y = 200;
	input_event(in, &e);
	e.button.which = SDL_TOUCH_MOUSEID;  /* the mouse copy of a touch */
	input_event(in, &e);
	e = (SDL_Event){ .type = SDL_FINGERDOWN };
	e.tfinger.x = 0.5f;
	e.tfinger.y = 0.25f;
	input_event(in, &e);
	e = (SDL_Event){ .type = SDL_DROPFILE };
	e.drop.file = file;
	input_event(in, &e);
	T_STREQ(r.log, "tap:100,200|tap:540,480|drop:/tmp/receipt.png|");
	input_free(in);
}

T_TEST(input_bad_setup)
{
	struct wedge_config bad = { .max_gap_ms = 50, .min_len = 4, .end_ms = 20, .noend_len = 8 };
	struct input_config ic = { .width = 10, .height = 10, .wedge = &bad };
	struct rec r;
	struct input_sink sink = { &r, r_tap, r_text, r_key, r_scan, NULL };
	struct input *in = (struct input *)&r;

	T_EQ(input_new(&ic, &sink, &in), ERR_INVAL);
	T_CHECK(in == NULL);
	sink.scan = NULL;
	ic.wedge = NULL;
	T_EQ(input_new(&ic, &sink, &in), ERR_INVAL);
	input_free(NULL);
}

/* ---- the real app ------------------------------------------------------------------------ */

/* A person types part of a code on the keypad screen, then a scanner reads a receipt: the
 * typed characters are in the field, the scan goes to the lookup, none of it into the field. */
T_TEST(input_app_keypad_gets_typing_not_scans)
{
	static struct kit k;

	T_OK(kit_open(&k, 0));
	app_go(k.app, SCR_KEYPAD);
	type_at(k.in, "000.0", 10000, 200);
	input_settle(k.in, 11000);
	T_STREQ(enquiry_entry(k.app->enquiry), "000.0");
	key_at(k.in, SDLK_BACKSPACE, 11000);
	input_settle(k.in, 11200);
	T_STREQ(enquiry_entry(k.app->enquiry), "000.");
	type_at(k.in, "000.00.01.H29-261120-0008", 12000, 3);
	input_settle(k.in, 12080);
	T_STREQ(enquiry_entry(k.app->enquiry), "000.");       /* held, not typed */
	key_at(k.in, SDLK_RETURN, 12080);
	input_settle(k.in, 12081);
	T_STREQ(enquiry_entry(k.app->enquiry), "000.");
	T_STREQ(app_screen_name(k.app), "status"); /* the scan went to the lookup */
	T_STREQ(enquiry_code(k.app->enquiry), "000.00.01.H29-261120-0008");
	kit_close(&k);
}
