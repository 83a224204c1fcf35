/* The whole kiosk as main opens it, with the real app drawing into a 1080x1920 surface, for
 * the screens' tests: a simulated printer, the embedded demo catalogue, a database in the
 * test's directory (or one given), the kiosk's clock fixed (moved only by clock_advance). */
#ifndef TESTS_UI_APP_KIT_H
#define TESTS_UI_APP_KIT_H

#include "../t.h"

#include <SDL.h>

struct kit {
	struct kiosk *kiosk;
	SDL_Surface *surface;
	SDL_Renderer *ren;
	struct app *app;
	struct input *in;
};

/* clock_s: the kiosk's clock at the start, seconds since the epoch; 0: 1795400000, a Monday
 * morning (2026-11-23 02:13:20 UTC) */
int kit_open_in(struct kit *k, const char *dir, long long clock_s);
/* The same in the test's own directory. */
static inline int kit_open(struct kit *k, long long clock_s)
{
	return kit_open_in(k, t_tmpdir(), clock_s);
}
void kit_close(struct kit *k);

#endif
