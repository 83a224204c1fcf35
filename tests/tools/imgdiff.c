/* imgdiff: compares two PNGs for the golden-screenshot tests.
 * usage: imgdiff EXPECTED ACTUAL [MAX_PERCENT]
 * A pixel differs when any channel differs by more than 40 (anti-aliasing noise stays below);
 * exits 0 when the differing pixels are at most MAX_PERCENT of the image, 1 when more or when
 * the sizes differ, 2 when a file cannot be read. The default, 0.001 %, is about 20 pixels of a
 * 1080x1920 screen: rendering is deterministic, and one missing diacritic is about 60. */
#include "firmware/pngio.h"

#include <stdio.h>
#include <stdlib.h>

#define CHANNEL_TOLERANCE 40

static long count_diff(const uint8_t *a, const uint8_t *b, long pixels)
{
	long n = 0;

	for (long i = 0; i < pixels; i++) {
		for (int c = 0; c < 4; c++) {
			if (abs(a[i * 4 + c] - b[i * 4 + c]) > CHANNEL_TOLERANCE) {
				n++;
				break;
			}
		}
	}
	return n;
}

int main(int argc, char **argv)
{
	int w1, h1, w2, h2, rc = 2;
	uint8_t *a = NULL, *b = NULL;
	double limit = argc > 3 ? atof(argv[3]) : 0.001, pct;

	if (argc < 3) {
		fprintf(stderr, "usage: imgdiff EXPECTED ACTUAL [MAX_PERCENT]\n");
		return 2;
	}
	if (pngio_read_rgba(argv[1], &w1, &h1, &a) || pngio_read_rgba(argv[2], &w2, &h2, &b)) {
		fprintf(stderr, "imgdiff: cannot read %s or %s\n", argv[1], argv[2]);
		goto out;
	}
	if (w1 != w2 || h1 != h2) {
		printf("size %dx%d != %dx%d\n", w1, h1, w2, h2);
		rc = 1;
		goto out;
	}
	pct = 100.0 * (double)count_diff(a, b, (long)w1 * h1) / ((double)w1 * h1);
	printf("%.3f%% of pixels differ (limit %.3f%%)\n", pct, limit);
	rc = pct <= limit ? 0 : 1;
out:
	free(a);
	free(b);
	return rc;
}
