/* journey_internal: the context the journey modules share (journey.h), for them only. */
#ifndef KIOSK_JOURNEY_INTERNAL_H
#define KIOSK_JOURNEY_INTERNAL_H

#include "firmware/catalog.h"
#include "firmware/lookup.h"
#include "firmware/journey/journey.h"

#include <stdint.h>

struct proc_set;

#define JOURNEY_SHOWS 8

struct journey_ctx {
	struct journey_deps d;
	const struct catalog *cat;      /* in use: the unit's, or the central system's (remote.c) */
	const struct proc_set *procs;   /* likewise for the procedures; NULL: none */
	unsigned procs_gen;             /* changes whenever cat or procs does (remote.c) */
	enum journey_show shows[JOURNEY_SHOWS];
	int nshows;
	/* An answer made here (a question that could not be asked) goes the way of the lookup
	 * worker's, through the journeys' inbox (journeys.c). */
	void (*post_lookup)(void *user, const struct lookup_answer *ans);
	void *post_user;
};

/* Queues what the citizen is to see next (journeys_next_show gives it out). */
void journey_show(struct journey_ctx *cx, enum journey_show s);
int64_t journey_now_s(const struct journey_ctx *cx);
int64_t journey_mono_ms(const struct journey_ctx *cx);
/* An event for the central system: built is the builder's result (firmware/events.h), body
 * its text. A failure, to build or to keep, is logged under who; the action itself stands. */
void journey_event(struct journey_ctx *cx, const char *who, const char *kind, int built,
		   const char *body);

#endif
