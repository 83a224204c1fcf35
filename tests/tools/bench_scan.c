/* bench_scan: decode rate and time of plain ZBar against the kiosk's scan path.
 *
 *   bench_scan DIR [REPEAT]
 *
 * DIR is what tools/receiptgen wrote (pictures and manifest.tsv). Every picture is loaded
 * once, then decoded REPEAT times (default 3, the fastest time kept) by plain ZBar and by the
 * kiosk's path: scan_opts_kiosk for receipts, and for camera frames (conditions frame640-*,
 * frame1280-*) what the camera worker does, scan_opts_frame with the frame's number. Prints
 * `name value unit` lines: the rate per condition for each path, overall and over every
 * condition but clean, and per frame size the median and 90th percentile time per frame.
 * A picture counts as read when one of its symbols, as dossier.c parses it, is the expected
 * code; a frame without a code counts as read when nothing is found. */
#include "drivers/scan_decode.h"
#include "firmware/dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS 2048
#define MAX_CONDS 64

struct item {
	char file[128], cond[48], sym[16], code[64];
};

struct tally {
	char cond[48];
	int n, ok[2];
};

static const char *const paths[2] = { "zbar", "kiosk" };

static bool is_frame(const struct item *it)
{
	return strncmp(it->cond, "frame", 5) == 0;
}

/* Plain ZBar, or the kiosk's path for a receipt or for the n-th camera frame. */
static void opts_of(int path, const struct item *it, uint64_t n, struct scan_opts *o)
{
	if (path == 0)
		*o = scan_opts_zbar;
	else if (is_frame(it))
		scan_opts_frame(n, o);
	else
		*o = scan_opts_kiosk;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static bool matches(const struct item *it, const struct scan_result *r, int n)
{
	if (strcmp(it->code, "-") == 0)
		return n == 0;
	for (int i = 0; i < n; i++) {
		struct dossier_payload p;

		dossier_parse_payload(r[i].data, r[i].len, &p);
		if (p.kind == DP_DOSSIER && strcmp(p.value, it->code) == 0)
			return true;
	}
	return false;
}

static struct tally *tally_of(struct tally *t, int *nt, const char *cond)
{
	for (int i = 0; i < *nt; i++)
		if (strcmp(t[i].cond, cond) == 0)
			return &t[i];
	if (*nt == MAX_CONDS)
		return NULL;
	memset(&t[*nt], 0, sizeof(t[0]));
	snprintf(t[*nt].cond, sizeof(t[0].cond), "%s", cond);
	return &t[(*nt)++];
}

static int load_manifest(const char *dir, struct item *items)
{
	char path[1024], line[512];
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/manifest.tsv", dir);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (n < MAX_ITEMS && fgets(line, sizeof(line), f)) {
		struct item *it = &items[n];

		if (sscanf(line, "%127[^\t]\t%47[^\t]\t%15[^\t]\t%63[^\t\n]", it->file, it->cond,
			   it->sym, it->code) == 4)
			n++;
	}
	fclose(f);
	return n;
}

/* Time per frame for frames of one size, both paths. */
static void frame_times(const char *size, double *ms[2], const struct item *items, int n)
{
	for (int p = 0; p < 2; p++) {
		double *v = malloc(sizeof(double) * (size_t)(n ? n : 1));
		int k = 0;

		for (int i = 0; v && i < n; i++)
			if (strncmp(items[i].cond, size, strlen(size)) == 0 &&
			    items[i].cond[strlen(size)] == '-')
				v[k++] = ms[p][i];
		if (k > 0) {
			qsort(v, (size_t)k, sizeof(v[0]), cmp_d);
			printf("scan_%s_ms_p50_%s %.2f ms\n", size, paths[p], v[k / 2]);
			printf("scan_%s_ms_p90_%s %.2f ms\n", size, paths[p],
			       v[(k * 9) / 10 < k ? (k * 9) / 10 : k - 1]);
		}
		free(v);
	}
}

static void decode_all(const char *dir, struct item *items, int n, int repeat, double *ms[2],
		       struct tally *t, int *nt)
{
	static struct scan_result res[4];
	uint64_t frames = 0;

	for (int i = 0; i < n; i++) {
		char path[1024];
		uint8_t *g;
		int w, h;
		struct tally *ty = tally_of(t, nt, items[i].cond);

		if (snprintf(path, sizeof(path), "%s/%s", dir, items[i].file) >= (int)sizeof(path) ||
		    scan_load_gray(path, &g, &w, &h) != 0 || !ty) {
			fprintf(stderr, "bench_scan: cannot load %s\n", path);
			continue;
		}
		ty->n++;
		frames += is_frame(&items[i]);
		for (int p = 0; p < 2; p++) {
			double best = 1e9;
			int got = 0;
			struct scan_opts o;

			opts_of(p, &items[i], frames, &o);
			for (int r = 0; r < repeat; r++) {
				struct scan_stats st;

				got = scan_decode_gray_opts(&o, g, w, h, w, res, 4, &st);
				best = st.ms < best ? st.ms : best;
			}
			ms[p][i] = best;
			ty->ok[p] += matches(&items[i], res, got > 0 ? got : 0);
		}
		free(g);
	}
}

int main(int argc, char **argv)
{
	static struct item items[MAX_ITEMS];
	static struct tally t[MAX_CONDS];
	int n, nt = 0, repeat = argc > 2 ? atoi(argv[2]) : 3, tot = 0, hard = 0, ok[2] = { 0 },
	    hard_ok[2] = { 0 };
	double *ms[2];

	if (argc < 2 || (n = load_manifest(argv[1], items)) <= 0) {
		fprintf(stderr, "usage: bench_scan DIR [REPEAT] (DIR/manifest.tsv from receiptgen)\n");
		return 2;
	}
	ms[0] = calloc((size_t)n, sizeof(double));
	ms[1] = calloc((size_t)n, sizeof(double));
	if (!ms[0] || !ms[1])
		return 1;
	decode_all(argv[1], items, n, repeat < 1 ? 1 : repeat, ms, t, &nt);
	for (int i = 0; i < nt; i++) {
		bool is_hard = strcmp(t[i].cond, "clean") != 0;

		for (int p = 0; p < 2; p++) {
			printf("scan_rate_%s_%s %.0f %%\n", t[i].cond, paths[p],
			       100.0 * t[i].ok[p] / t[i].n);
			ok[p] += t[i].ok[p];
			hard_ok[p] += is_hard ? t[i].ok[p] : 0;
		}
		tot += t[i].n;
		hard += is_hard ? t[i].n : 0;
	}
	for (int p = 0; p < 2; p++) {
		printf("scan_rate_all_%s %.1f %%\n", paths[p], 100.0 * ok[p] / (tot ? tot : 1));
		printf("scan_rate_not_clean_%s %.1f %%\n", paths[p],
		       100.0 * hard_ok[p] / (hard ? hard : 1));
	}
	frame_times("frame640", ms, items, n);
	frame_times("frame1280", ms, items, n);
	free(ms[0]);
	free(ms[1]);
	return 0;
}
