/* checklist_print: prints procedures' checklists through the kiosk's own path — the consult
 * journey, prints_checklist and its printer gate, the printer worker and the configured driver
 * (the virtual printer writes var/prints/checklist-CODE-N.png and .bin) — with the screen's
 * renderer (ui/ticket.c) and the config's fonts, on a fixed clock (Monday 23 November 2026,
 * 09:00 local time), for tests/it/checklist.sh. One line per code:
 *   CODE printed | CODE failed RC | CODE refused RC
 * usage: checklist_print --config FILE CODE... ; exit status 0 when every one printed. */
#include "firmware/clock.h"
#include "firmware/err.h"
#include "firmware/journey/journeys.h"
#include "firmware/journey/kiosk.h"
#include "ui/ticket.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int render(void *user, const struct checklist_view *v, int width_dots,
		  struct raster **out)
{
	return ticket_render_checklist(user, v, width_dots, out);
}

/* Takes in the worker's results until the checklist is back (10 s at most). */
static enum consult_print wait_printed(struct journeys *j)
{
	struct consult *c = journeys_consult(j);

	for (int i = 0; i < 10000 && consult_printed(c) == CONSULT_PRINT_PRINTING; i++) {
		journeys_drain(j);
		usleep(1000);
	}
	return consult_printed(c);
}

static int print_one(struct journeys *j, const char *code)
{
	struct consult *c = journeys_consult(j);
	int rc = consult_open(c, code, CONSULT_BROWSE);

	if (!rc) {
		journeys_poll(j);   /* the printer's state, as the screen's second tick has it */
		rc = consult_print(c);
	}
	if (rc) {
		printf("%s refused %d\n", code, rc);
		return 1;
	}
	if (wait_printed(j) != CONSULT_PRINT_DONE) {
		printf("%s failed\n", code);
		return 1;
	}
	printf("%s printed\n", code);
	return 0;
}

int main(int argc, char **argv)
{
	struct kiosk_opts o = { .upto = KIOSK_SERVE, .fixed_clock = true,
				.clock_ms = clock_from_local(2026, 11, 23, 9, 0, 0) * 1000 };
	struct ticket_renderer *tr = NULL;
	struct kiosk *k = NULL;
	int bad = 0;

	if (argc < 4 || strcmp(argv[1], "--config") != 0) {
		fprintf(stderr, "usage: checklist_print --config FILE CODE...\n");
		return 2;
	}
	o.config = argv[2];
	if (SDL_Init(0) || TTF_Init() || kiosk_open(&o, &k) ||
	    ticket_renderer_new(k->cfg.font, k->cfg.font_bold, &tr)) {
		fprintf(stderr, "checklist_print: cannot start\n");
		kiosk_close(k);
		return 1;
	}
	journeys_set_checklist_renderer(k->journeys, render, tr);
	journeys_enter(k->journeys, JOURNEY_CONSULT);
	for (int i = 3; i < argc; i++)
		bad |= print_one(k->journeys, argv[i]);
	fflush(stdout);
	journeys_set_checklist_renderer(k->journeys, NULL, NULL);
	kiosk_close(k);
	ticket_renderer_free(tr);
	TTF_Quit();
	SDL_Quit();
	return bad;
}
