/* layout_check: the check that a frame shows every text whole. Given what the frame drew (the
 * records of ui/text.h) and the screen's widgets, it finds text outside the box it was given,
 * outside its widget or the screen, over another widget or another text, text drawn under the
 * floor size, and widgets or pictures overlapping or off the screen. The script runner runs it
 * on every screenshot and on `expect layout fits` (docs/ui.md). Start at layout_check. */
#ifndef KIOSK_LAYOUT_CHECK_H
#define KIOSK_LAYOUT_CHECK_H

#include "firmware/i18n.h"
#include "ui/app.h"
#include "ui/text.h"

#include <stddef.h>

struct layout_frame {
	const char *screen;
	int w, h;                          /* the window */
	int floor;                         /* smallest text size allowed, px */
	const struct widget *widgets;
	int nwidgets;
	const struct text_record *recs;
	int nrecs;
	const struct i18n *i18n;           /* to name a text by its string key; may be NULL */
	enum lang lang;
};

/* Returns how many problems the frame has (0: it fits) and describes them in why (one line
 * each, "screen S: text KEY ...: overflows its box by N px below", as many as fit in len). */
int layout_check(const struct layout_frame *f, char *why, size_t len);

#endif
