/* input: SDL events turned into what the app understands (taps, text, keys, scans, dropped
 * pictures). The window loop (firmware/main.c) and the script runner both go through here, and
 * unit tests feed it synthetic events.
 *
 * Taps and dropped files are handed on at once. Keyboard text and keys go through the
 * keyboard-wedge classifier (drivers/scanner_wedge.h) when the scanner is a wedge: what the
 * scanner types comes out as one scan, what a person types as text and keys for the focused
 * field (the keypad, the comment keyboard), never mixed; without a wedge they are handed on as
 * they come. Modifier keys are ignored (a scanner presses Shift for capitals); navigation and
 * function keys end a burst and are dropped.
 *
 * Time: SDL stamps an event when it reads it from the system, not when the key was pressed,
 * so the characters of one scan that arrive while a frame is drawn all carry the stamp of the
 * next read, a frame after the ones before them. The loop therefore calls input_settle after
 * every read of the queue; an event read after a settle is taken to have happened no later
 * than that settle (the earliest it can have), so a slow frame never splits a scan into
 * "typing". Events fed between two settles count as read at once. Until the first settle,
 * the events' own stamps count. Stamps are SDL's 32-bit milliseconds, unwrapped; now_ms is
 * SDL_GetTicks64 (or the script's own timeline).
 *
 * Not thread-safe: the UI thread only. Start reading at input_event and input_settle. */
#ifndef KIOSK_UI_INPUT_H
#define KIOSK_UI_INPUT_H

#include "drivers/scanner_wedge.h"
#include "ui/app.h"

#include <SDL.h>
#include <stdint.h>

/* Where the translated input goes. Every callback but drop is required. */
struct input_sink {
	void *ctx;
	void (*tap)(void *ctx, int x, int y);
	void (*text)(void *ctx, const char *utf8);
	void (*key)(void *ctx, enum app_key k);
	void (*scan)(void *ctx, const struct scan_result *r);
	void (*drop)(void *ctx, const char *path);   /* NULL: dropped files are ignored */
};

struct input_config {
	int width, height;                 /* the logical screen, for touch coordinates */
	const struct wedge_config *wedge;  /* NULL: no keyboard-wedge scanner */
};

struct input;

/* ERR_INVAL (a bad wedge config, a sink without callbacks), ERR_NOMEM. Free with input_free. */
int input_new(const struct input_config *cfg, const struct input_sink *sink, struct input **out);
void input_free(struct input *in);   /* NULL is a no-op */

/* One event. The caller keeps ownership of anything it points to (SDL_DROPFILE's file). */
void input_event(struct input *in, const SDL_Event *e);
/* Every event read up to now_ms has been fed: hands on what the classifier has decided. */
void input_settle(struct input *in, int64_t now_ms);
/* When held keys will be decided (settle again then), or -1 when nothing is held. */
int64_t input_deadline(const struct input *in);

/* The sink that drives the app: app_tap, app_text, app_key, app_scan, and dropped pictures to
 * the app's scanner (scanner_submit_file). */
void input_sink_app(struct app *a, struct input_sink *out);

#endif
