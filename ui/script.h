/* script: drives the real application headless from a file of steps, one per line
 * (documented in README.md, "Scripted mode"):
 *
 *   clock 2026-11-23 08:00      set the kiosk's clock (local time, UTC+7)
 *   tap ID | tap X Y            tap a widget by id, or a point
 *   type TEXT | scan TEXT       text from the keyboard or a wedge scanner
 *   wait MS                     let MS milliseconds of kiosk time pass (frames run)
 *   screenshot NAME             write DIR/NAME.png
 *   expect screen NAME          fail unless that screen is showing
 *   expect number A-001         fail unless that is the current ticket's number
 *   expect enabled ID | expect disabled ID | expect absent ID
 *   expect printed N            fail unless N tickets were printed in this run
 *
 * The clock is fixed: time moves only with `clock` and `wait`. After every step the runner
 * waits (in real time, at most 10 s) for the printer worker, so results are deterministic. */
#ifndef KIOSK_SCRIPT_H
#define KIOSK_SCRIPT_H

#include "ui/app.h"

struct script_stats {
	int64_t tap_to_bytes_ns[2048];
	int n;
};

/* Runs the script; returns 0 when every step passed, ERR_* otherwise (the failing line is
 * logged as "script FILE:LINE: ..."). shots_dir may be NULL (screenshots then fail).
 * stats (optional) collects one tap-to-bytes figure per printed ticket. */
int script_run(struct app *a, const char *path, const char *shots_dir, struct script_stats *stats);

#endif
