/* bench_screens: what a citizen waits for on the procedure screens, drawn by the real app
 * over a whole kiosk into a 1080x1920 surface with the software renderer (tests/ui/app_kit):
 * from the tap on a procedure in its field's list to the first frame of its page, and from a
 * key of the search's keyboard to the frame with the matches. Prints `name value unit`.
 * usage: bench_screens [RUNS]; its kiosk's files go in a new directory under $TMPDIR */
#include "../ui/app_kit.h"
#include "firmware/clock.h"
#include "firmware/journey/kiosk.h"
#include "ui/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The tap guard lets a tap through once the screen has been still a while. */
static void settle(struct kit *k)
{
	clock_advance(&k->kiosk->clock, 800);
	app_frame(k->app);
}

/* Taps id and draws the next frame; ms it took, or -1 when the tap changed nothing or the
 * screen is not want. */
static double tap_to_frame(struct kit *k, const char *id, const char *want)
{
	long long t0 = clock_mono_ns();
	bool drawn;

	if (app_tap_widget(k->app, id) != 0)
		return -1;
	drawn = app_frame(k->app);
	if (!drawn || strcmp(app_screen_name(k->app), want) != 0)
		return -1;
	return (double)(clock_mono_ns() - t0) / 1e6;
}

static void report(const char *name, double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	printf("%s_p50 %.2f ms\n%s_p99 %.2f ms\n", name, v[n / 2], name, v[n * 99 / 100]);
}

int main(int argc, char **argv)
{
	static double page[500], key[500];
	int runs = argc > 1 ? atoi(argv[1]) : 100;
	const char *tmp = getenv("TMPDIR");
	char dir[512];
	struct kit k;

	snprintf(dir, sizeof(dir), "%s/bench-screens.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	if (runs < 1 || runs > 500 || !mkdtemp(dir) || kit_open_in(&k, dir, 0) != 0)
		return 1;
	app_frame(k.app);
	settle(&k);
	if (tap_to_frame(&k, "procedures", "procedures") < 0)
		return fprintf(stderr, "bench_screens: no procedures screen\n"), 1;
	settle(&k);
	if (tap_to_frame(&k, "pfield_0", "proc_list") < 0)
		return fprintf(stderr, "bench_screens: no field list\n"), 1;
	for (int i = 0; i < runs; i++) {
		settle(&k);
		if ((page[i] = tap_to_frame(&k, "proc_1.001193", "procedure")) < 0)
			return fprintf(stderr, "bench_screens: the page did not open\n"), 1;
		settle(&k);
		if (tap_to_frame(&k, "back", "proc_list") < 0)
			return 1;
	}
	settle(&k);
	tap_to_frame(&k, "back", "procedures");
	settle(&k);
	if (tap_to_frame(&k, "search", "proc_search") < 0)
		return fprintf(stderr, "bench_screens: no search\n"), 1;
	for (int i = 0; i < runs; i++) {
		/* "kh", then cleared: the matches of a short prefix, the widest list */
		settle(&k);
		if ((key[i] = tap_to_frame(&k, i % 2 ? "key_h" : "key_k", "proc_search")) < 0)
			return fprintf(stderr, "bench_screens: a key drew nothing\n"), 1;
		if (i % 2) {
			settle(&k);
			tap_to_frame(&k, "key_done", "proc_search");
		}
	}
	report("proc_page_first_frame", page, runs);
	report("proc_search_key_frame", key, runs);
	kit_close(&k);
	return 0;
}
