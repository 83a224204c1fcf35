/* scan_bars: row -> (upsample, sharpen) -> local mid-level threshold -> crossings -> widths.
 * The threshold is halfway between the darkest and lightest level within `radius`, so it
 * follows uneven light; where that window holds no real swing (paper, quiet zones, noise)
 * there is no threshold and no edge. */
#include "scan_bars.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FIXED 32.0         /* zbar_decode_width units per pixel, as ZBar's scanner uses */
#define LONG_SPACE 100000u /* a quiet zone: whatever the margin left by the crop */

/* Catmull-Rom upsampling by u (1 or 2). */
static void resample(const uint8_t *row, int n, int u, float *v)
{
	for (int x = 0; x < n * u; x++) {
		double fx = (x + 0.5) / u - 0.5;
		int i = (int)floor(fx);
		double t = fx - i, p[4];

		for (int j = 0; j < 4; j++) {
			int s = i - 1 + j;

			p[j] = row[s < 0 ? 0 : s >= n ? n - 1 : s];
		}
		v[x] = (float)(p[1] + 0.5 * t * (p[2] - p[0] + t * (2 * p[0] - 5 * p[1] + 4 * p[2] - p[3] +
								 t * (3 * (p[1] - p[2]) + p[3] - p[0]))));
	}
}

/* Unsharp masking of strength k against the neighbours one source pixel away; tmp holds m. */
static void sharpen(float *v, int m, int u, double k, float *tmp)
{
	memcpy(tmp, v, sizeof(float) * (size_t)m);
	for (int x = 0; x < m; x++) {
		float l = tmp[x - u >= 0 ? x - u : 0], r = tmp[x + u < m ? x + u : m - 1];

		v[x] = (float)(tmp[x] + k * (2 * tmp[x] - l - r) / 2);
	}
}

/* Sliding minimum and maximum over [x - r, x + r] (monotonic queues), midpoint into t,
 * or NAN where the swing is under min_swing. */
static void thresholds(const float *v, int m, int r, float min_swing, float *t, int *qa, int *qb)
{
	int ha = 0, ta = 0, hb = 0, tb = 0; /* qa: indices of a rising min queue, qb: max */

	for (int x = 0, in = 0; x < m; x++) {
		for (; in < m && in <= x + r; in++) {
			while (ta > ha && v[qa[ta - 1]] >= v[in])
				ta--;
			qa[ta++] = in;
			while (tb > hb && v[qb[tb - 1]] <= v[in])
				tb--;
			qb[tb++] = in;
		}
		/* the newest index (>= x) stays in each queue, so neither runs empty */
		while (ha < ta - 1 && qa[ha] < x - r)
			ha++;
		while (hb < tb - 1 && qb[hb] < x - r)
			hb++;
		float lo = v[qa[ha]], hi = v[qb[hb]];

		t[x] = hi - lo >= min_swing ? (lo + hi) / 2 : NAN;
	}
}

/* Edges where v crosses t, in source pixels; dark[i]: the edge goes into a bar. */
static int crossings(const float *v, const float *t, int m, int u, float *pos, char *dark)
{
	int n = 0, side = 0;

	for (int x = 1; x < m; x++) {
		int s;

		if (isnan(t[x]) || isnan(t[x - 1])) {
			side = 0;
			continue;
		}
		s = v[x] < t[x] ? -1 : 1;
		if (side && s != side) {
			float a = v[x - 1] - t[x - 1], b = v[x] - t[x];

			pos[n] = ((float)(x - 1) + a / (a - b) + 0.5f) / (float)u;
			dark[n++] = (char)(s < 0);
		}
		side = s;
	}
	return n;
}

/* Widths from edge positions: from the first edge into a bar on, alternating. */
static int widths(const float *pos, const char *dark, int ne, unsigned *w, int max)
{
	int i = 0, n = 0;

	while (i < ne && !dark[i])
		i++;
	if (i >= ne - 1 || max < 3)
		return 0;
	w[n++] = LONG_SPACE;
	for (i++; i < ne && n < max - 1; i++)
		w[n++] = (unsigned)lround((pos[i] - pos[i - 1]) * FIXED);
	w[n++] = LONG_SPACE;
	return n;
}

int scan_bars_widths(const uint8_t *row, int n, const struct scan_bars_opts *o, unsigned *w,
		     int max)
{
	int u = o->upscale == 2 ? 2 : 1, m = n * u, ne = 0, r = o->radius * u;
	float *v = malloc(sizeof(float) * (size_t)m * 3), *t, *pos, lo = 255, hi = 0;
	int *q = malloc(sizeof(int) * (size_t)m * 2);
	char *dark = malloc((size_t)m);

	if (!v || !q || !dark || n < 8) {
		free(v);
		free(q);
		free(dark);
		return 0;
	}
	t = v + m;
	pos = t + m;
	resample(row, n, u, v);
	if (o->sharpen > 0)
		sharpen(v, m, u, o->sharpen, t);
	for (int x = 0; x < m; x++) {
		lo = v[x] < lo ? v[x] : lo;
		hi = v[x] > hi ? v[x] : hi;
	}
	thresholds(v, m, r > 0 ? r : 1, (float)o->min_swing * (hi - lo), t, q, q + m);
	ne = crossings(v, t, m, u, pos, dark);
	ne = widths(pos, dark, ne, w, max);
	free(v);
	free(q);
	free(dark);
	return ne;
}
