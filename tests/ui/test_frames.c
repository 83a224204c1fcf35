/* Frames: the app draws only when what the screen shows changes (ui/app.c app_frame, the
 * frame's sum in ui/framesum.h). At rest nothing is drawn; a touch, the clock's minute and a
 * worker's result are; and whenever a frame is skipped, the pixels left on the screen are
 * exactly what drawing it again would give (nothing a screen draws escapes the sum). */
#include "../t.h"
#include "../../firmware/clock.h"
#include "../../firmware/journey/kiosk.h"
#include "../../ui/app.h"
#include "app_kit.h"

#include <stdlib.h>
#include <string.h>

/* Whether drawing the current screen again would change the pixels on it. */
static bool stale(struct kit *k)
{
	uint8_t *held = NULL, *now = NULL;
	bool differ = true;

	if (app_pixels(k->app, &held) == 0) {
		app_redraw(k->app);
		if (app_pixels(k->app, &now) == 0)
			differ = memcmp(held, now, 1080u * 1920u * 4u) != 0;
	}
	free(held);
	free(now);
	return differ;
}

/* Frames of 16 ms for ms of the kiosk's clock; how many were drawn. With check, skipped
 * frames are compared with a fresh drawing (each costs two reads of the screen and a full
 * drawing): the first after each drawn frame, where a change left unseen would show, and the
 * last. *stale_n counts those that differed. */
static int frames(struct kit *k, int ms, bool check, int *stale_n)
{
	int drawn = 0, since = 0;

	for (int t = 0; t < ms; t += 16) {
		clock_advance(&k->kiosk->clock, 16);
		if (app_frame(k->app)) {
			drawn++;
			since = 0;
		} else if (check && (since++ == 0 || t + 16 >= ms) && stale(k)) {
			(*stale_n)++;
		}
	}
	return drawn;
}

/* Tap the first enabled widget whose id starts with prefix. */
static int tap_first(struct kit *k, const char *prefix)
{
	struct widget w[APP_MAX_WIDGETS];
	int n = app_widgets(k->app, w, APP_MAX_WIDGETS);

	for (int i = 0; i < n; i++)
		if (w[i].enabled && strncmp(w[i].id, prefix, strlen(prefix)) == 0)
			return app_tap_widget(k->app, w[i].id);
	return -1;
}

T_TEST(frames_at_rest_nothing_is_drawn)
{
	static struct kit k;
	int bad = 0;

	T_OK(kit_open(&k, 0));
	T_STREQ(app_screen_name(k.app), "home");
	T_CHECK(app_frame(k.app));                   /* the first frame is drawn */
	T_EQ(frames(&k, 30000, true, &bad), 0);      /* 09:13:20 to :50: the same screen */
	T_EQ(bad, 0);
	T_CHECK(!app_changed(k.app));
	kit_close(&k);
}

T_TEST(frames_the_clock_minute_is_drawn_once)
{
	static struct kit k;
	int bad = 0;

	T_OK(kit_open(&k, 0));
	T_CHECK(app_frame(k.app));
	T_EQ(frames(&k, 60000, false, &bad), 1);     /* 09:14 */
	T_EQ(frames(&k, 30000, true, &bad), 0);
	T_EQ(bad, 0);
	kit_close(&k);
}

T_TEST(frames_a_touch_is_drawn_then_rest)
{
	static struct kit k;
	int bad = 0;

	T_OK(kit_open(&k, 0));
	T_CHECK(app_frame(k.app));
	T_OK(app_tap_widget(k.app, "lang"));
	T_CHECK(app_changed(k.app));
	T_CHECK(app_frame(k.app));
	T_STREQ(app_screen_name(k.app), "home");     /* the same screen, in English */
	T_EQ(frames(&k, 2000, true, &bad), 0);
	T_EQ(bad, 0);
	kit_close(&k);
}

/* A whole ticket: every screen of the way, the printer worker's result, the ticket screen's
 * countdown and the way back home; never a stale frame. */
T_TEST(frames_a_ticket_journey_never_leaves_a_stale_screen)
{
	static const char *const way[] = { "take", "field_", "svc_", "prio_0" };
	static struct kit k;
	int bad = 0, drawn = 0;

	T_OK(kit_open(&k, 0));
	T_CHECK(app_frame(k.app));
	for (size_t i = 0; i < sizeof(way) / sizeof(way[0]); i++) {
		if (strcmp(way[i], "prio_0") == 0 && strcmp(app_screen_name(k.app), "priority") != 0)
			break;
		T_OK(tap_first(&k, way[i]));
		drawn += frames(&k, 700, true, &bad);
	}
	T_EQ(bad, 0);
	T_CHECK(drawn >= 3);
	T_STREQ(app_screen_name(k.app), "ticket");
	T_EQ(take_printed(k.app->take), 1);
	/* the ticket screen counts down and goes home by itself: drawn as it moves */
	drawn = frames(&k, 120000, true, &bad);
	T_EQ(bad, 0);
	T_CHECK(drawn >= 2);
	T_STREQ(app_screen_name(k.app), "home");
	T_EQ(frames(&k, 3000, true, &bad), 0);
	T_EQ(bad, 0);
	kit_close(&k);
}
