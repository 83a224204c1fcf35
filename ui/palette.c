/* palette: two tables and the WCAG 2 relative-luminance formula (palette.h). The normal
 * palette is the colours ui/draw.c has always drawn; the high-contrast one is white and yellow
 * on black, the usual choice of screen readers' high-contrast themes, which also glares least
 * in a bright hall. */
#include "palette.h"

#include <math.h>

#define RGB(v) { (v) >> 16 & 0xFF, (v) >> 8 & 0xFF, (v) & 0xFF }

static const struct palette_rgb palettes[PALETTE_COUNT][PAL_COUNT] = {
	[PALETTE_NORMAL] = {
		[PAL_BG] = RGB(0xF4F6FA), [PAL_INK] = RGB(0x101A2B),
		[PAL_HEADER] = RGB(0x0B3D91), [PAL_ON_HEADER] = RGB(0xFFFFFF),
		[PAL_CHROME] = RGB(0x1E5BC6), [PAL_ON_CHROME] = RGB(0xFFFFFF),
		[PAL_PRIMARY] = RGB(0x0D47A1), [PAL_ON_PRIMARY] = RGB(0xFFFFFF),
		[PAL_PANEL] = RGB(0xFFFFFF), [PAL_ON_PANEL] = RGB(0x0D2F6B),
		[PAL_MUTED_BG] = RGB(0xE3E5E8), [PAL_MUTED_INK] = RGB(0x3A3F47),
		[PAL_WARN_BG] = RGB(0xFFF1D6), [PAL_WARN_INK] = RGB(0x7A3400),
		[PAL_OK] = RGB(0x1B5E20), [PAL_LINE] = RGB(0xB8C2D3),
	},
	[PALETTE_HIGH_CONTRAST] = {
		[PAL_BG] = RGB(0x000000), [PAL_INK] = RGB(0xFFFFFF),
		[PAL_HEADER] = RGB(0x000000), [PAL_ON_HEADER] = RGB(0xFFFFFF),
		[PAL_CHROME] = RGB(0xFFFFFF), [PAL_ON_CHROME] = RGB(0x000000),
		[PAL_PRIMARY] = RGB(0xFFE600), [PAL_ON_PRIMARY] = RGB(0x000000),
		[PAL_PANEL] = RGB(0x000000), [PAL_ON_PANEL] = RGB(0xFFFFFF),
		[PAL_MUTED_BG] = RGB(0x1A1A1A), [PAL_MUTED_INK] = RGB(0xD0D0D0),
		[PAL_WARN_BG] = RGB(0x3D0000), [PAL_WARN_INK] = RGB(0xFFE600),
		[PAL_OK] = RGB(0x7CFC00), [PAL_LINE] = RGB(0xFFFFFF),
	},
};

static const struct palette_pair pairs[] = {
	{ PAL_INK, PAL_BG, "screen titles, body text" },
	{ PAL_MUTED_INK, PAL_BG, "the home screen's hint" },
	{ PAL_ON_HEADER, PAL_HEADER, "unit name and clock" },
	{ PAL_ON_CHROME, PAL_CHROME, "the language button" },
	{ PAL_ON_PRIMARY, PAL_PRIMARY, "the main action's words" },
	{ PAL_PRIMARY, PAL_BG, "the ticket number, a service's name" },
	{ PAL_ON_PANEL, PAL_PANEL, "ordinary buttons" },
	{ PAL_INK, PAL_PANEL, "white panels (directory, staff)" },
	{ PAL_MUTED_INK, PAL_MUTED_BG, "disabled buttons, the page number" },
	{ PAL_INK, PAL_MUTED_BG, "muted panels" },
	{ PAL_WARN_INK, PAL_WARN_BG, "a problem said, the help screen" },
	{ PAL_WARN_INK, PAL_BG, "a warning line on the screen" },
	{ PAL_OK, PAL_BG, "instructions, a dossier ready" },
};

const struct palette_rgb *palette_get(enum palette_id p)
{
	return palettes[p < PALETTE_COUNT ? p : PALETTE_NORMAL];
}

const struct palette_pair *palette_text_pairs(size_t *n)
{
	*n = sizeof(pairs) / sizeof(pairs[0]);
	return pairs;
}

static double channel(unsigned char v)
{
	double c = v / 255.0;

	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(struct palette_rgb c)
{
	return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double palette_contrast(struct palette_rgb a, struct palette_rgb b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
