/* script: drives the real application headless from a file of steps, one per line
 * (documented in README.md, "Scripted mode"):
 *
 *   clock 2026-11-23 08:00      set the kiosk's clock (local time, UTC+7; a real date)
 *   tap ID | tap X Y            tap a widget by id, or a point; it must press something
 *   tap-guarded ID | X Y        a tap the tap guard must swallow (a double tap's second)
 *   tap-ignored ID | X Y        a tap that must do nothing (disabled, or nothing there)
 *   type TEXT                   a person types TEXT on a keyboard (150 ms a character)
 *   key enter|backspace|tab|escape   a person presses that key
 *   wedge TEXT                  a keyboard-wedge scanner types TEXT (4 ms a key; \n is
 *                               Enter, \t Tab, \r CR, \xNN a byte); wedge-fill N C: N times C,
 *                               then Enter
 *   scan TEXT | scan-fill N C   a code as a scanner driver hands it over, decoded (escapes
 *                               as for wedge, \x00 too)
 *   drop FILE | drop-missing FILE   a picture dropped on the window (the scanner decodes
 *                               it) / a file that is not there
 *   wait MS                     let MS milliseconds of kiosk time pass (frames run)
 *   screenshot NAME             write DIR/NAME.png and DIR/NAME.boxes (what was drawn where)
 *   expect WHAT VALUE           fail unless the app shows VALUE: screen NAME, number A-001,
 *                               printed N, enabled|disabled|absent ID, widgets ID,ID,...,
 *                               lookup STATE, refused KEY, numbering local|central|fallback,
 *                               notice KIND, entry TEXT, code CODE ("" for empty), camera
 *                               on|off, rating NOTICE, catalog local|central, link up|down,
 *                               layout fits (ui/layout.h; screenshots check it too)
 *   await WHAT VALUE | await preview   as expect, for what a worker brings in real time (at
 *                               most 30 s); screen and preview keep the kiosk's clock still
 *   lookup-wait on|off          whether steps wait for a lookup in flight (on by default)
 *   network off|on              lookups and central numbers behave as if unreachable
 *
 * The clock is fixed: time moves only with `clock` and `wait`. Keys go through ui/input.c,
 * so through the keyboard-wedge classifier when the scanner is a wedge, on a timeline of
 * their own (the SDL clock of a real run) that typing moves on. After every step the runner
 * waits (in real time, at most 10 s, else the step fails) for the printer worker, the
 * scanner's pictures and the lookup, so results are deterministic. Anything it does not
 * understand fails the script: a typo never passes. */
#ifndef KIOSK_SCRIPT_H
#define KIOSK_SCRIPT_H

#include "ui/app.h"
#include "ui/input.h"

struct script_stats {
	int64_t tap_to_bytes_ns[2048];
	int n;
};

/* Runs the script; returns 0 when every step passed, ERR_* otherwise (the failing line is
 * logged as "script FILE:LINE: ..."). in: the input the keys go through (input_sink_app of
 * a). shots_dir may be NULL (screenshots then fail). stats (optional) collects one
 * tap-to-bytes figure per printed ticket. */
int script_run(struct app *a, struct input *in, const char *path, const char *shots_dir,
	       struct script_stats *stats);

/* When the script's first step is `clock`, its moment (UTC ms) in *utc_ms and 0, else
 * ERR_NOTFOUND. The kiosk starts its fixed clock there, so that what its workers bring before
 * the first step runs (a command or a heartbeat from the central system) already meets the
 * script's day, not the machine's. */
int script_start_clock(const char *path, int64_t *utc_ms);

#endif
