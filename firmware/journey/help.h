/* help: "Cần hỗ trợ", a citizen asking for staff to come to the kiosk (docs/accessibility.md).
 * A request goes to the outbox as help.requested (firmware/events.h), which the central system
 * shows at the guidance counter; it carries the screen it came from and whether voice
 * guidance was on, nothing of the citizen.
 *
 * Against play: a press within HELP_GAP_MS of the last request sends nothing (help is
 * already on its way, and the screen says so), and at most HELP_PER_HOUR requests go out in
 * any hour; past that the screen sends the citizen to the guidance counter instead. */
#ifndef KIOSK_JOURNEY_HELP_H
#define KIOSK_JOURNEY_HELP_H

#include <stdbool.h>

#define HELP_GAP_MS (2 * 60 * 1000)
#define HELP_PER_HOUR 6
#define HELP_HOUR_MS (60 * 60 * 1000)

struct journey_ctx;
struct help;

enum help_outcome {
	HELP_SENT,        /* a request went to the outbox */
	HELP_COMING,      /* one went a moment ago: nothing sent, help is coming */
	HELP_LIMITED,     /* too many this hour: nothing sent, go to the counter */
};

/* cx outlives it. Free with help_free (NULL: no-op). */
int help_new(struct journey_ctx *cx, struct help **out);
void help_free(struct help *h);
/* A press of the help button on the screen named screen ([a-z_]). */
enum help_outcome help_request(struct help *h, const char *screen, bool voice);
/* What the last press came to (HELP_SENT before any). */
enum help_outcome help_last(const struct help *h);
/* The i18n key of what the screen says after a press. */
const char *help_message_key(enum help_outcome o);

#endif
