/* palette: the kiosk's colours as data, by role, in two palettes: the normal one and the
 * high-contrast one a citizen can turn on for their visit (docs/accessibility.md). No SDL:
 * the table and the contrast arithmetic are tested without a display.
 *
 * palette_text_pairs lists every text colour on every background the screens draw it on;
 * tests/unit/test_palette.c holds the high-contrast palette to WCAG AAA (7:1) on each pair,
 * and the normal one to AA (4.5:1). A screen that draws text on a new pair adds it here. */
#ifndef KIOSK_UI_PALETTE_H
#define KIOSK_UI_PALETTE_H

#include <stddef.h>

struct palette_rgb {
	unsigned char r, g, b;
};

enum palette_role {
	PAL_BG,          /* the screen */
	PAL_INK,         /* titles and body text */
	PAL_HEADER, PAL_ON_HEADER,     /* the header band: unit name, clock */
	PAL_CHROME, PAL_ON_CHROME,     /* header buttons (language) */
	PAL_PRIMARY, PAL_ON_PRIMARY,   /* the main action; PAL_PRIMARY is also the ticket number */
	PAL_PANEL, PAL_ON_PANEL,       /* ordinary buttons and white panels */
	PAL_MUTED_BG, PAL_MUTED_INK,   /* disabled buttons; PAL_MUTED_INK is also hints */
	PAL_WARN_BG, PAL_WARN_INK,     /* a problem said, the call for help */
	PAL_OK,          /* instructions that say what to do next */
	PAL_LINE,        /* borders (no text) */
	PAL_COUNT
};

enum palette_id { PALETTE_NORMAL, PALETTE_HIGH_CONTRAST, PALETTE_COUNT };

struct palette_pair {
	enum palette_role ink, bg;
	const char *where;        /* an example of where it is drawn */
};

/* The colours of palette p, indexed by role; static data. */
const struct palette_rgb *palette_get(enum palette_id p);
/* Every text/background pair the screens draw; static data, *n set to its length. */
const struct palette_pair *palette_text_pairs(size_t *n);
/* WCAG 2 contrast ratio of two colours, 1 to 21. */
double palette_contrast(struct palette_rgb a, struct palette_rgb b);

#endif
