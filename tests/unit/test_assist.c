/* assist: touch to hear, touch again to act, for the current citizen only (a whole kiosk with
 * a fixed clock: the confirming touch is judged by the monotonic clock). */
#include "../t.h"
#include "kiosk_fixture.h"
#include "../../firmware/clock.h"
#include "../../firmware/err.h"
#include "../../firmware/journey/journeys.h"
#include "../../firmware/journey/kiosk.h"

#include <stdio.h>

static int open_kiosk(struct kiosk **k)
{
	return t_kiosk_open(k, 1795399800000LL);
}

T_TEST(assist_touch_to_hear_touch_again_to_act)
{
	struct kiosk *k;
	struct assist *a;
	bool r[10];

	T_OK(open_kiosk(&k));
	a = journeys_assist(k->journeys);
	r[0] = assist_touch(a, "take");            /* off: every touch presses */
	assist_voice_toggle(a);
	r[1] = assist_touch(a, "take");            /* on: the first reads */
	clock_advance(&k->clock, 1000);
	r[2] = assist_touch(a, "take");            /* the second in time presses */
	r[3] = assist_touch(a, "take");            /* and the next starts again: reads */
	clock_advance(&k->clock, ASSIST_CONFIRM_MS + 1);
	r[4] = assist_touch(a, "take");            /* too late: reads again */
	r[5] = assist_touch(a, "lookup");          /* another button: reads that one */
	r[6] = assist_touch(a, "take");            /* back to the first: reads */
	assist_screen_changed(a);
	r[7] = assist_touch(a, "take");            /* a new screen forgets the touch: reads */
	r[8] = assist_voice(a);
	assist_end(a);                             /* idle */
	r[9] = assist_touch(a, "take") && !assist_voice(a);
	kiosk_close(k);
	T_CHECK(r[0]);
	T_CHECK(!r[1]);
	T_CHECK(r[2]);
	T_CHECK(!r[3]);
	T_CHECK(!r[4]);
	T_CHECK(!r[5]);
	T_CHECK(!r[6]);
	T_CHECK(!r[7]);
	T_CHECK(r[8]);
	T_CHECK(r[9]);
}
