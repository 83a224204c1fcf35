/* journey: what the citizen journeys share. A journey is one thing a citizen comes to the
 * kiosk for — take a number (take.h), look a dossier up (enquiry.h), rate an officer (rate.h)
 * — or one thing done to the kiosk between citizens: the central system's orders (remote.h),
 * the staff's own screen (staff.h). Print jobs of every kind go through prints.h, and
 * journeys.h holds them all and routes what the workers bring back.
 *
 * A journey keeps its state private and changes it only through its own functions, which
 * the screens call; it never calls a screen. When the citizen should see something else, a
 * journey says so with journey_show, and the screen manager (ui/app.c) decides how to show
 * it. Nothing here includes SDL: the whole layer runs, and is tested, without a display.
 * Start reading at journeys.h. */
#ifndef KIOSK_JOURNEY_H
#define KIOSK_JOURNEY_H

#include "firmware/config.h"
#include "firmware/ticket_view.h"

/* What the citizen is to see next, in the order the journeys said it. */
enum journey_show {
	SHOW_HOME,          /* the welcome screen, afresh */
	SHOW_TICKET,        /* the ticket being asked for or printed, or what became of it */
	SHOW_NOTICE,        /* the chosen service cannot give a number now (take_notice) */
	SHOW_SCAN,          /* the scan screen, with why the last scan was refused */
	SHOW_STATUS,        /* a dossier: looking it up, then its status */
	SHOW_RATE_START, SHOW_COUNTERS, SHOW_OFFICERS, SHOW_RATE, SHOW_REASONS, SHOW_KEYBOARD,
	SHOW_RATE_NOTICE, SHOW_THANKS,
	SHOW_LOCKED,        /* the central system stopped the kiosk */
	SHOW_UNLOCKED,      /* serving again: home, if the locked screen shows */
	SHOW_HOURS,         /* opening hours may have changed: home again, if a citizen is not
	                     * in the middle of something */
	SHOW_STAFF_PIN, SHOW_STAFF,
};

/* The journey a screen belongs to (the screen manager says which one the citizen is on). */
enum journey_kind {
	JOURNEY_NONE,       /* between citizens: home, closed, locked */
	JOURNEY_TAKE, JOURNEY_ENQUIRY, JOURNEY_RATE, JOURNEY_DIRECTORY, JOURNEY_STAFF,
	JOURNEY_CONSULT,    /* procedures: browse, search, a procedure's page */
};

struct i18n;
struct lookup;
struct numbers;
struct printq;
struct queue;
struct store;
struct sync;
struct clock;

/* The kiosk's parts the journeys borrow; all outlive them. */
struct journey_deps {
	const struct config *cfg;
	struct queue *queue;
	struct store *store;        /* events and figures; NULL: nothing is kept */
	struct sync *sync;          /* NULL: no central system */
	struct lookup *lookup;      /* dossier and ticket questions; NULL: lookups unavailable */
	struct numbers *numbers;    /* central numbering; NULL: none (local numbering, or the
	                             * worker did not start: every number from the reserved range) */
	struct printq *printq;
	struct clock *clock;
	const struct i18n *i18n;    /* the printed ticket's words */
	struct storage *storage;    /* whether the disk can take a ticket; NULL: not asked */
};

#endif
