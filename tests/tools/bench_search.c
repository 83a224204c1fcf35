/* bench_search: a procedure search per keystroke, as the search screen runs it on the UI
 * thread: each query typed one character at a time (each prefix searched with typing on), over
 * the procedures file given (make bench: the 2 000 of tools/procgen.py). Prints the index
 * build time, the p50, p99 and worst time per keystroke, and the load time of the file.
 * usage: bench_search FILE [ROUNDS] */
#include "firmware/catalog.h"
#include "firmware/clock.h"
#include "firmware/embedded.h"
#include "firmware/proc.h"
#include "firmware/proc_search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const queries[] = {
	"dang ky khai sinh", "đăng ký kết hôn", "cap lai giay chung nhan", "tro cap xa hoi",
	"hoa giai", "chứng thực bản sao", "1.001193", "giay phep xay dung nha o", "ho kinh doanh",
	"xac nhan tinh trang hon nhan", "the bao hiem y te cho tre em", "di chuc",
};

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double ms_since(int64_t t0)
{
	return (double)(clock_mono_ns() - t0) / 1e6;
}

int main(int argc, char **argv)
{
	static double t[20000];
	static struct proc_hit hits[40];
	int rounds = argc > 2 ? atoi(argv[2]) : 5, n = 0;
	struct proc_set *s;
	struct proc_search *q;
	struct catalog *cat;
	char err[256];
	double load, build;
	int64_t t0;

	if (argc < 2 || rounds < 1 || rounds > 50)
		return 1;
	t0 = clock_mono_ns();
	if (proc_load_file(argv[1], &s, err, sizeof(err))) {
		fprintf(stderr, "bench_search: %s\n", err);
		return 1;
	}
	load = ms_since(t0);
	if (catalog_load_string(embedded_get(CATALOG_EMBEDDED_DEMO, NULL), "demo", &cat, err,
				sizeof(err)))
		return 1;
	t0 = clock_mono_ns();
	if (proc_search_new(s, cat, &q))
		return 1;
	build = ms_since(t0);
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++)
			for (size_t k = 1; k <= strlen(queries[i]) && n < 20000; k++) {
				char typed[128];

				if ((queries[i][k] & 0xC0) == 0x80)
					continue;   /* a keystroke ends on a whole character */
				snprintf(typed, sizeof(typed), "%.*s", (int)k, queries[i]);
				t0 = clock_mono_ns();
				proc_search_run(q, typed, true, hits, 40);
				t[n++] = ms_since(t0);
			}
	qsort(t, (size_t)n, sizeof(t[0]), cmp);
	printf("proc_load_%zu %.1f ms\n", proc_count(s), load);
	printf("proc_index_build_%zu %.1f ms\n", proc_count(s), build);
	printf("proc_search_keystroke_p50 %.3f ms\n", t[n / 2]);
	printf("proc_search_keystroke_p99 %.3f ms\n", t[n * 99 / 100]);
	printf("proc_search_keystroke_max %.3f ms\n", t[n - 1]);
	proc_search_free(q);
	catalog_free(cat);
	proc_free(s);
	return 0;
}
