/* journeys: the citizen journeys of one kiosk together (journey.h), and what they share: the
 * catalogue in use, the inbox where the workers' results wait for the UI thread, and the
 * routing of each result to the journey it belongs to.
 *
 * The screen manager (ui/app.c) says which journey's screens the citizen is on
 * (journeys_enter); leaving a journey makes it forget what it held for that citizen. Between
 * citizens (JOURNEY_NONE) the central system's orders are carried out. While a number is
 * asked for or printed (take_busy) nothing else takes the screen: a scan is ignored, and
 * remote commands and the idle timeout wait (journeys_busy).
 *
 * Workers post from their own threads (journeys_post_*); the UI thread takes everything in at
 * the start of each frame (journeys_drain), in order: print results, then numbers, scans and
 * lookup answers one at a time. Every result that cannot be kept is logged. */
#ifndef KIOSK_JOURNEY_JOURNEYS_H
#define KIOSK_JOURNEY_JOURNEYS_H

#include "drivers/printq.h"
#include "drivers/scanner.h"
#include "firmware/catalog.h"
#include "firmware/journey/consult.h"
#include "firmware/journey/enquiry.h"
#include "firmware/journey/assist.h"
#include "firmware/journey/help.h"
#include "firmware/journey/journey.h"
#include "firmware/journey/prints.h"
#include "firmware/journey/rate.h"
#include "firmware/journey/remote.h"
#include "firmware/journey/staff.h"
#include "firmware/journey/take.h"
#include "firmware/lookup.h"
#include "firmware/numbers.h"

#include <stdbool.h>

struct journeys;
struct proc_set;

/* d (copied) and its parts, and cat, outlive the journeys. Caller frees with journeys_free
 * after stopping every worker that posts into them. */
int journeys_new(const struct journey_deps *d, const struct catalog *cat,
		 struct journeys **out);
void journeys_free(struct journeys *j);
/* The lookup and numbers workers, started once the journeys exist (they post into them). */
void journeys_set_workers(struct journeys *j, struct lookup *l, struct numbers *n);
/* The renderer of printed tickets (ui/ticket.c); prints.h. */
void journeys_set_renderer(struct journeys *j, ticket_render_fn fn, void *user);
/* The renderer of procedure checklists (ui/ticket.c); prints.h. */
void journeys_set_checklist_renderer(struct journeys *j, checklist_render_fn fn, void *user);

/* The journeys, for the screens; borrowed for the life of j. */
struct take *journeys_take(struct journeys *j);
struct enquiry *journeys_enquiry(struct journeys *j);
struct rate *journeys_rate(struct journeys *j);
struct remote *journeys_remote(struct journeys *j);
struct staff *journeys_staff(struct journeys *j);
struct help *journeys_help(struct journeys *j);
struct assist *journeys_assist(struct journeys *j);
struct prints *journeys_prints(struct journeys *j);
struct consult *journeys_consult(struct journeys *j);
/* The unit's own procedures (kiosk.c), in use until the central system sends its own. */
void journeys_set_procs(struct journeys *j, const struct proc_set *procs);
/* The catalogue in use (the central system's once it sent one). Borrowed until the next
 * journeys_poll_remote. */
const struct catalog *journeys_catalog(const struct journeys *j);

/* The screen manager: the citizen is now on journey k's screens. */
void journeys_enter(struct journeys *j, enum journey_kind k);
/* No citizen is in the middle of something: no journey, nothing printing for one. */
bool journeys_between_citizens(const struct journeys *j);
/* A number is asked for or printed: nothing else may take the screen. */
bool journeys_busy(const struct journeys *j);

/* Worker callbacks (any thread): queued for journeys_drain. */
void journeys_post_print(void *j, const struct printq_result *res);
void journeys_post_scan(void *j, const struct scan_result *r);
void journeys_post_lookup(void *j, const struct lookup_answer *ans);
void journeys_post_number(void *j, const struct numbers_answer *ans);
/* A print result posted and not yet taken in. */
bool journeys_print_posted(struct journeys *j);

/* What was taken in that the screen manager cares about (its idle timer): a code was
 * scanned, the current ticket's print came back. */
enum { JOURNEYS_SCANNED = 1, JOURNEYS_PRINTED = 2 };
/* Takes in the workers' results on the UI thread: every print result, then one number, scan
 * or lookup answer at a time (false when none is left), so that the screen can follow each
 * before the next. Both return or add JOURNEYS_* bits. */
int journeys_drain_prints(struct journeys *j);
bool journeys_drain_one(struct journeys *j, int *what);
/* Both, for callers without a screen to follow (tests). */
int journeys_drain(struct journeys *j);
/* A code from any scanner, on the UI thread: a dossier code is looked up (for the rating
 * journey when the citizen is rating), one of our tickets starts a rating, anything else is
 * refused on the scan screen; ignored while a number is taken. */
void journeys_scan(struct journeys *j, const struct scan_result *r);
/* Every frame: the central number's deadline. */
void journeys_frame(struct journeys *j);
/* Once a second, before the screen's own tick: the printer's state, ratings due. */
void journeys_poll(struct journeys *j);
/* Once a second, after the screen's tick: the link's health; between citizens, the central
 * system's catalogue and orders. */
void journeys_poll_remote(struct journeys *j);
/* What the citizen is to see next; false when nothing more. */
bool journeys_next_show(struct journeys *j, enum journey_show *s);

/* Tests and screen scripts: while set, lookups and central numbers behave as if the central
 * system were unreachable. */
void journeys_set_offline(struct journeys *j, bool offline);

/* For main: a reload was ordered and nobody is being served; its outcome. */
bool journeys_reload_wanted(const struct journeys *j);
void journeys_reload_done(struct journeys *j, bool ok, const char *reason);

#endif
