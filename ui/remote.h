/* remote: what the central system tells the kiosk to do, acted on by the UI thread.
 *
 * Remote commands (docs/protocol.md: lock with a message, unlock, reprint the last ticket,
 * reload the configuration) and a new catalogue come from the sync worker, which gives each
 * out once (sync_take_command, sync_take_catalog, both non-blocking). They are taken only
 * between citizens — on the home, closed or locked screen — so that nobody loses a screen in
 * the middle of taking a ticket or rating; the idle timeout brings every screen home.
 *
 *   lock          the locked screen with the central system's message, at once and after a
 *                 restart (kept in the store), until unlock; no number is issued meanwhile.
 *   unlock        back to the home screen.
 *   reprint_last  the ticket printed last today, again, marked as a copy; the take button
 *                 waits while it prints. A copy never changes the ticket's record.
 *   reload_config app_reload_wanted() turns true; main checks the new files and restarts
 *                 the kiosk on them, or keeps the running configuration and says why.
 *   catalogue     replaces the one in use (the officers keep the unit's own photos).
 * Each outcome goes to the outbox for the central system. Start reading at remote_poll. */
#ifndef KIOSK_UI_REMOTE_H
#define KIOSK_UI_REMOTE_H

#include "drivers/printq.h"

#include <stdbool.h>

struct app;

/* Restores a lock ordered before a restart (app_new). */
void remote_init(struct app *a);
/* Once per poll (about a second) on the UI thread. */
void remote_poll(struct app *a);
/* A printer result: true when it was a reprint's (consumed here), false for a ticket's. */
bool remote_on_print(struct app *a, const struct printq_result *res);
/* Serves again (an unlock command, or the staff on site): forgets the kept lock, reports
 * kiosk.lock, leaves the locked screen. */
void remote_unlock(struct app *a);
/* Frees the central catalogue in use, if any (app_free). */
void remote_free(struct app *a);

/* For main: a reload was ordered and nobody is being served; and its outcome, which goes to
 * the outbox (ok false: reason says why the running configuration stays). */
bool app_reload_wanted(const struct app *a);
void app_reload_done(struct app *a, bool ok, const char *reason);

#endif
