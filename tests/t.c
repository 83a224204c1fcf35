/* t: registry and runner for unit tests. Each test runs in a fresh scratch directory, with the
 * environment's TZ put back afterwards (a test that sets it and fails half-way must not change
 * the tests after it). The output is what tests/run.sh reads: "plan N" first (the tests that
 * will run), one "ok   NAME" or "FAIL NAME" line each, and "unit: N passed, N failed" last. */
#define _GNU_SOURCE
#include "t.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct t_entry {
	const char *name;
	t_fn fn;
};

static struct t_entry *tests;
static int ntests, cap;
static int failed_now;
static char tmpdir[256];

void t_register(const char *name, t_fn fn)
{
	if (ntests == cap) {
		int ncap = cap ? cap * 2 : 256;
		struct t_entry *n = realloc(tests, (size_t)ncap * sizeof(*n));
		if (!n) {
			/* a test that cannot be registered is a test that would silently not run */
			fprintf(stderr, "t: out of memory registering %s\n", name);
			abort();
		}
		tests = n;
		cap = ncap;
	}
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

void t_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	failed_now = 1;
	fprintf(stdout, "    %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

const char *t_tmpdir(void)
{
	return tmpdir;
}

static int by_name(const void *a, const void *b)
{
	const struct t_entry *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static bool selected(int i, int argc, char **argv)
{
	return argc < 2 || strstr(tests[i].name, argv[1]);
}

/* TZ as the process started, put back after each test. */
static void restore_tz(const char *tz)
{
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	tzset();
}

static int run_one(int i, const char *tz)
{
	char cmd[300];

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/kiosk-unit-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return -1;
	}
	failed_now = 0;
	tests[i].fn();
	restore_tz(tz);
	printf("%s %s\n", failed_now ? "FAIL" : "ok  ", tests[i].name);
	fflush(stdout);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	return failed_now;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0, planned = 0;
	const char *env_tz = getenv("TZ");
	char *tz = env_tz ? strdup(env_tz) : NULL;

	qsort(tests, (size_t)ntests, sizeof(tests[0]), by_name);
	for (int i = 0; i < ntests; i++)
		planned += selected(i, argc, argv);
	printf("plan %d\n", planned);
	fflush(stdout);
	for (int i = 0; i < ntests; i++) {
		int rc;
		if (!selected(i, argc, argv))
			continue;
		rc = run_one(i, tz);
		if (rc < 0)
			return 2;
		rc ? failed++ : passed++;
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	free(tz);
	free(tests);
	return failed ? 1 : 0;
}
