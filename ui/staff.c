/* staff: the hidden way in to the staff screen (staff.h). */
#include "staff.h"

#include "app.h"
#include "draw.h"
#include "firmware/err.h"
#include "firmware/events.h"
#include "firmware/log.h"

#include <stdio.h>
#include <string.h>

/* Only from screens where no citizen is in the middle of something. */
static bool way_open(const struct app *a, int64_t now)
{
	if (!a->d.cfg->staff_pin[0] || now < a->staff.closed_until_ms)
		return false;
	return a->cur == SCR_HOME || a->cur == SCR_CLOSED || a->cur == SCR_LOCKED;
}

bool staff_header_tap(struct app *a, int x, int y)
{
	struct metrics m;
	SDL_Rect c;
	int64_t now = clock_mono_ms(a->d.clock);

	draw_metrics(a, &m);
	c = draw_clock_rect(&m);
	if (x < c.x || y < c.y || x >= c.x + c.w || y >= c.y + c.h)
		return false;
	if (!way_open(a, now))
		return true;
	if (a->staff.taps == 0 || now - a->staff.first_tap_ms > STAFF_TAPS_MS) {
		a->staff.taps = 0;
		a->staff.first_tap_ms = now;
	}
	if (++a->staff.taps < STAFF_TAPS)
		return true;
	a->staff.taps = 0;
	a->staff.entry[0] = '\0';
	a->staff.refused = false;
	app_go(a, SCR_STAFF_PIN);
	return true;
}

void staff_report(struct app *a, const char *action)
{
	char body[64];

	if (a->d.store && (events_staff(action, body, sizeof(body)) != 0 ||
			   store_event(a->d.store, "kiosk.staff", body, app_now_s(a)) != 0))
		log_error("staff: %s not recorded", action);
	else if (a->d.sync)
		sync_kick(a->d.sync);
}

void staff_try_pin(struct app *a)
{
	bool ok = strcmp(a->staff.entry, a->d.cfg->staff_pin) == 0;

	memset(a->staff.entry, 0, sizeof(a->staff.entry));
	if (ok) {
		a->staff.wrong = 0;
		a->staff.refused = false;
		log_info("staff: screen opened");
		staff_report(a, "opened");
		app_go(a, SCR_STAFF);
		return;
	}
	a->staff.refused = true;
	log_warn("staff: wrong PIN (%d of %d)", a->staff.wrong + 1, STAFF_TRIES);
	staff_report(a, "pin_refused");
	if (++a->staff.wrong < STAFF_TRIES)
		return;
	a->staff.wrong = 0;
	a->staff.closed_until_ms = clock_mono_ms(a->d.clock) + STAFF_CLOSED_MS;
	log_warn("staff: way in closed for %d minutes", STAFF_CLOSED_MS / 60000);
	staff_report(a, "closed_after_tries");
	app_go(a, SCR_HOME);
}
