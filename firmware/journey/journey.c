/* journey: the shared context (journey_internal.h). */
#include "journey_internal.h"

#include "firmware/clock.h"
#include "firmware/err.h"
#include "firmware/log.h"
#include "firmware/store.h"
#include "firmware/sync.h"

void journey_show(struct journey_ctx *cx, enum journey_show s)
{
	if (cx->nshows == JOURNEY_SHOWS) {
		/* the screen manager takes them after every input and frame: a firmware bug */
		log_error("journey: too many screens asked for at once; screen %d dropped", (int)s);
		return;
	}
	cx->shows[cx->nshows++] = s;
}

int64_t journey_now_s(const struct journey_ctx *cx)
{
	return clock_now_s(cx->d.clock);
}

int64_t journey_mono_ms(const struct journey_ctx *cx)
{
	return clock_mono_ms(cx->d.clock);
}

void journey_event(struct journey_ctx *cx, const char *who, const char *kind, int built,
		   const char *body)
{
	int rc = built;

	if (!rc && cx->d.store)
		rc = store_event(cx->d.store, kind, body, journey_now_s(cx));
	if (rc)
		log_error("%s: %s not recorded: %s", who, kind, err_str(rc));
	else if (cx->d.sync && cx->d.store)
		sync_kick(cx->d.sync);
}
