/* imgmutate: realistic breakage of a screenshot, for the tests of the golden comparison
 * (tests/it/imgdiff.sh).
 *
 *   imgmutate IN OUT wash N
 *       every colour channel N brighter (a screen washed out)
 *   imgmutate IN OUT recolor X Y W H BG FROM TO
 *       inside the rectangle, text drawn in FROM over BG (its anti-aliased edges too) redrawn
 *       in TO, as if the code had drawn it in another colour; colours as RRGGBB
 *
 * Exit status 0, or 2 with a message. */
#include "firmware/pngio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int clamp(int v)
{
	return v < 0 ? 0 : v > 255 ? 255 : v;
}

static void wash(uint8_t *px, long n, int by)
{
	for (long i = 0; i < n; i++)
		for (int c = 0; c < 3; c++)
			px[i * 4 + c] = (uint8_t)clamp(px[i * 4 + c] + by);
}

static int hex(const char *s, int rgb[3])
{
	unsigned v;

	if (strlen(s) != 6 || sscanf(s, "%6x", &v) != 1)
		return -1;
	rgb[0] = (int)(v >> 16) & 255;
	rgb[1] = (int)(v >> 8) & 255;
	rgb[2] = (int)v & 255;
	return 0;
}

/* How much of `from` over `bg` pixel p is (0..1), or -1 when p is no such blend. */
static double coverage(const uint8_t *p, const int bg[3], const int from[3])
{
	int k = 0;
	double a;

	for (int c = 1; c < 3; c++)
		if (abs(from[c] - bg[c]) > abs(from[k] - bg[k]))
			k = c;
	if (from[k] == bg[k])
		return -1;
	a = (double)(p[k] - bg[k]) / (from[k] - bg[k]);
	if (a < 0.02 || a > 1.02)
		return -1;
	for (int c = 0; c < 3; c++)
		if (abs((int)(bg[c] + a * (from[c] - bg[c]) + 0.5) - p[c]) > 6)
			return -1;
	return a > 1 ? 1 : a;
}

static void recolor(uint8_t *px, int w, int h, const int r[4], const int bg[3], const int from[3],
		    const int to[3])
{
	for (int y = r[1]; y < r[1] + r[3] && y < h; y++) {
		for (int x = r[0]; x < r[0] + r[2] && x < w; x++) {
			uint8_t *p = px + ((size_t)y * w + x) * 4;
			double a = coverage(p, bg, from);
			if (a < 0)
				continue;
			for (int c = 0; c < 3; c++)
				p[c] = (uint8_t)clamp((int)(bg[c] + a * (to[c] - bg[c]) + 0.5));
		}
	}
}

static int usage(void)
{
	fprintf(stderr, "usage: imgmutate IN OUT wash N | recolor X Y W H BG FROM TO\n");
	return 2;
}

int main(int argc, char **argv)
{
	int w, h, rc = 0, r[4], bg[3], from[3], to[3];
	uint8_t *px;

	if (argc < 5)
		return usage();
	if (pngio_read_rgba(argv[1], &w, &h, &px)) {
		fprintf(stderr, "imgmutate: cannot read %s\n", argv[1]);
		return 2;
	}
	if (strcmp(argv[3], "wash") == 0 && argc == 5) {
		wash(px, (long)w * h, atoi(argv[4]));
	} else if (strcmp(argv[3], "recolor") == 0 && argc == 11 && !hex(argv[8], bg) &&
		   !hex(argv[9], from) && !hex(argv[10], to)) {
		for (int i = 0; i < 4; i++)
			r[i] = atoi(argv[4 + i]);
		recolor(px, w, h, r, bg, from, to);
	} else {
		free(px);
		return usage();
	}
	if (pngio_write(argv[2], w, h, 4, px, w * 4)) {
		fprintf(stderr, "imgmutate: cannot write %s\n", argv[2]);
		rc = 2;
	}
	free(px);
	return rc;
}
