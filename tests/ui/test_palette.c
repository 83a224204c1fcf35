/* palette: WCAG 2 contrast of every text/background pair the screens draw: AAA (7:1) in the
 * high-contrast palette, AA (4.5:1) in the normal one; the formula against known values. */
#include "../t.h"
#include "../../ui/palette.h"

#include <math.h>
#include <stdio.h>

T_TEST(palette_contrast_formula)
{
	struct palette_rgb black = { 0, 0, 0 }, white = { 255, 255, 255 }, grey = { 0x77, 0x77, 0x77 };

	T_CHECK(fabs(palette_contrast(black, white) - 21.0) < 1e-9);
	T_CHECK(fabs(palette_contrast(white, black) - 21.0) < 1e-9);
	T_CHECK(fabs(palette_contrast(white, white) - 1.0) < 1e-9);
	/* #777 on white: 4.48, the classic just-fails-AA grey */
	T_CHECK(fabs(palette_contrast(grey, white) - 4.48) < 0.01);
}

static int below(enum palette_id p, double min)
{
	size_t n;
	const struct palette_pair *pairs = palette_text_pairs(&n);
	const struct palette_rgb *c = palette_get(p);
	int bad = 0;

	for (size_t i = 0; i < n; i++) {
		double r = palette_contrast(c[pairs[i].ink], c[pairs[i].bg]);

		if (r < min) {
			t_fail(__FILE__, __LINE__, "palette %d: %s: %.2f:1, below %.1f:1", (int)p,
			       pairs[i].where, r, min);
			bad++;
		}
	}
	return bad;
}

T_TEST(palette_high_contrast_is_aaa_on_every_pair)
{
	size_t n;

	T_CHECK(palette_text_pairs(&n) && n >= 10);
	T_EQ(below(PALETTE_HIGH_CONTRAST, 7.0), 0);
}

T_TEST(palette_normal_is_aa_on_every_pair)
{
	T_EQ(below(PALETTE_NORMAL, 4.5), 0);
}

/* Each pair's two colours differ in every palette, and the palettes differ from each other. */
T_TEST(palette_pairs_are_distinct)
{
	size_t n;
	const struct palette_pair *pairs = palette_text_pairs(&n);

	for (size_t i = 0; i < n; i++)
		T_CHECK(pairs[i].ink != pairs[i].bg && pairs[i].ink != PAL_LINE &&
			pairs[i].bg != PAL_LINE);
	T_CHECK(palette_get(PALETTE_NORMAL)[PAL_BG].r != palette_get(PALETTE_HIGH_CONTRAST)[PAL_BG].r);
}
