/* remote: what the central system tells the kiosk to do, done between citizens.
 *
 * Remote commands (docs/protocol.md: lock with a message, unlock, reprint the last ticket,
 * reload the configuration) and a new catalogue come from the sync worker, which gives each
 * out once (sync_take_command, sync_take_catalog, both non-blocking). They are taken only
 * between citizens, so that nobody loses a screen in the middle of taking a ticket or rating;
 * the idle timeout brings every screen home.
 *
 *   lock          the locked screen with the central system's message, at once and after a
 *                 restart (kept in the store), until unlock; no number is issued meanwhile.
 *   unlock        back to the home screen.
 *   reprint_last  the ticket printed last today, again, marked as a copy; the take button
 *                 waits while it prints. A copy never changes the ticket's record.
 *   reload_config remote_reload_wanted() turns true; main checks the new files and restarts
 *                 the kiosk on them, or keeps the running configuration and says why.
 *   catalogue     replaces the one in use (the officers keep the unit's own photos).
 * Each outcome goes to the outbox for the central system. The link's health is watched here
 * too: after three failed exchanges over ten seconds the staff strip says it is down.
 * Start reading at remote_poll. */
#ifndef KIOSK_JOURNEY_REMOTE_H
#define KIOSK_JOURNEY_REMOTE_H

#include "drivers/printq.h"

#include <stdbool.h>

struct journey_ctx;
struct prints;
struct remote;

/* Restores a lock ordered before a restart. cx and p outlive it. Free with remote_free. */
int remote_new(struct journey_ctx *cx, struct prints *p, struct remote **out);
/* Frees the central catalogue too: nothing may point into it any more. */
void remote_free(struct remote *r);
/* Once a second: the link's health; and, between citizens, a new catalogue and one command. */
void remote_poll(struct remote *r, bool between_citizens);
/* The printer's answer to a copy. */
void remote_on_copy(struct remote *r, const struct printq_result *res);
/* Serves again (an unlock command, or the staff on site): forgets the kept lock, reports
 * kiosk.lock, leaves the locked screen. */
void remote_unlock(struct remote *r);

bool remote_locked(const struct remote *r);
const char *remote_lock_message(const struct remote *r);
bool remote_link_down(const struct remote *r);
/* The sync worker's health, for the staff screen; false without a central system. */
struct sync_health;
bool remote_health(const struct remote *r, struct sync_health *h);
/* The catalogue in use is the central system's. */
bool remote_central_catalog(const struct remote *r);

/* A reload was ordered and nothing is printing; and its outcome, which goes to the outbox
 * (ok false: reason says why the running configuration stays). */
bool remote_reload_wanted(const struct remote *r);
void remote_reload_done(struct remote *r, bool ok, const char *reason);

#endif
