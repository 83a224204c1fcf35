/* assist: how the current citizen wants the kiosk to speak to them, for their visit only
 * (docs/accessibility.md). "Hướng dẫn bằng giọng nói" on the home screen turns on voice
 * guidance with touch to hear, touch again to act, as phone screen readers do: the first
 * touch on a button reads it, a second touch on the same button within ASSIST_CONFIRM_MS
 * presses it; a touch on another button reads that one. Everything ends at idle (the screen
 * manager calls assist_end when it goes home for want of a touch), so the next citizen finds
 * the kiosk as the unit set it. */
#ifndef KIOSK_JOURNEY_ASSIST_H
#define KIOSK_JOURNEY_ASSIST_H

#include <stdbool.h>

#define ASSIST_CONFIRM_MS 4000

struct journey_ctx;
struct assist;

int assist_new(struct journey_ctx *cx, struct assist **out);
void assist_free(struct assist *a);

/* Voice guidance on or off for this citizen (the home screen's button). */
void assist_voice_toggle(struct assist *a);
bool assist_voice(const struct assist *a);
/* A touch on the button id: true when it is to be pressed now (voice guidance off, or the
 * second touch in time), false when it is only to be read out. */
bool assist_touch(struct assist *a, const char *id);
/* A new screen: no touch waits for its second. */
void assist_screen_changed(struct assist *a);
/* Idle: back to the unit's way. */
void assist_end(struct assist *a);

#endif
