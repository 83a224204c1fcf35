/* assist: one citizen's voice guidance and the touch waiting for its second (assist.h). */
#include "assist.h"

#include "journey_internal.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct assist {
	struct journey_ctx *cx;
	bool voice;
	char touched[32];       /* the button read out last, "" none */
	int64_t touched_ms;
};

int assist_new(struct journey_ctx *cx, struct assist **out)
{
	struct assist *a = calloc(1, sizeof(*a));

	if (!a)
		return ERR_NOMEM;
	a->cx = cx;
	*out = a;
	return 0;
}

void assist_free(struct assist *a)
{
	free(a);
}

void assist_voice_toggle(struct assist *a)
{
	a->voice = !a->voice;
	a->touched[0] = '\0';
	log_info("assist: voice guidance %s", a->voice ? "on" : "off");
}

bool assist_voice(const struct assist *a)
{
	return a->voice;
}

bool assist_touch(struct assist *a, const char *id)
{
	int64_t now = journey_mono_ms(a->cx);
	bool second = a->touched[0] && strcmp(a->touched, id) == 0 &&
		      now - a->touched_ms <= ASSIST_CONFIRM_MS;

	if (!a->voice || second) {
		a->touched[0] = '\0';
		return true;
	}
	snprintf(a->touched, sizeof(a->touched), "%s", id);
	a->touched_ms = now;
	return false;
}

void assist_screen_changed(struct assist *a)
{
	a->touched[0] = '\0';
}

void assist_end(struct assist *a)
{
	if (a->voice)
		log_info("assist: voice guidance off (idle)");
	a->voice = false;
	a->touched[0] = '\0';
}
