/* help: a request to the outbox, rate-limited by the monotonic clock (help.h). */
#include "help.h"

#include "journey_internal.h"

#include "firmware/err.h"
#include "firmware/events.h"
#include "firmware/log.h"

#include <stdlib.h>
#include <string.h>

struct help {
	struct journey_ctx *cx;
	int64_t sent[HELP_PER_HOUR];  /* when the last requests went, a ring; 0 none */
	int next;                     /* the ring's oldest slot */
	int64_t last_ms;
	bool any;
	enum help_outcome last;
};

int help_new(struct journey_ctx *cx, struct help **out)
{
	struct help *h = calloc(1, sizeof(*h));

	if (!h)
		return ERR_NOMEM;
	h->cx = cx;
	h->last = HELP_SENT;
	*out = h;
	return 0;
}

void help_free(struct help *h)
{
	free(h);
}

static enum help_outcome judge(const struct help *h, int64_t now)
{
	int64_t oldest = h->sent[h->next];

	if (h->any && now - h->last_ms < HELP_GAP_MS)
		return HELP_COMING;
	if (oldest && now - oldest < HELP_HOUR_MS)
		return HELP_LIMITED;
	return HELP_SENT;
}

enum help_outcome help_request(struct help *h, const char *screen, bool voice)
{
	int64_t now = journey_mono_ms(h->cx);
	char body[96];
	size_t n = screen ? strlen(screen) : 0;

	if (n == 0 || n > 31 || screen[strspn(screen, "abcdefghijklmnopqrstuvwxyz_")])
		screen = "unknown";

	h->last = judge(h, now);
	if (h->last != HELP_SENT) {
		log_info("help: asked again, nothing sent (%s)",
			 h->last == HELP_COMING ? "one sent a moment ago" : "hourly limit");
		return h->last;
	}
	/* 0 marks a free slot: a request at mono 0 counts as 1 ms */
	h->sent[h->next] = now ? now : 1;
	h->next = (h->next + 1) % HELP_PER_HOUR;
	h->last_ms = now;
	h->any = true;
	log_info("help: staff asked to come (from %s)", screen);
	journey_event(h->cx, "help", "help.requested", events_help(screen, voice, body,
								   sizeof(body)), body);
	return HELP_SENT;
}

enum help_outcome help_last(const struct help *h)
{
	return h->last;
}

const char *help_message_key(enum help_outcome o)
{
	static const char *const keys[] = {
		[HELP_SENT] = "help_sent", [HELP_COMING] = "help_coming",
		[HELP_LIMITED] = "help_limited",
	};

	return keys[o];
}
