/* keyboard: the on-screen QWERTY keyboard of the screens where a citizen types (the rating's
 * comment, the procedure search): digits, three rows of letters, a shift or a dot key,
 * Delete, the space bar and one wide key beside it. Each key is a widget "key_<c>" (a
 * letter, digit or '.'), or key_shift, key_bksp, key_space, key_done; the screen acts on
 * them. Keys are drawn here rather than as buttons: a label stays on one line with little
 * padding ("Delete" must not break into "Del/ete" on a narrow key). */
#ifndef KIOSK_KEYBOARD_H
#define KIOSK_KEYBOARD_H

#include "ui/app.h"

struct keyboard_spec {
	bool shift;             /* a shift key (else a '.' key in its place) */
	bool shift_on;          /* ...pressed: letters shown in capitals */
	bool can_delete;        /* Delete enabled */
	const char *done;       /* the wide key's label */
};

/* The keys laid out in r, appended to w; returns the new count. */
int keyboard_widgets_add(struct app *a, SDL_Rect r, const struct keyboard_spec *k, struct widget *w,
		     int n, int max);
/* Draws the key widgets at the start of w; returns how many there were. */
int keyboard_draw(struct app *a, const struct widget *w, int n);

#endif
