/* t: registry and runner for unit tests. Each test runs in a fresh scratch directory. */
#define _GNU_SOURCE
#include "t.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define T_MAX 1024

static struct { const char *name; t_fn fn; } tests[T_MAX];
static int ntests;
static int failed_now;
static char tmpdir[256];

void t_register(const char *name, t_fn fn)
{
	if (ntests < T_MAX) {
		tests[ntests].name = name;
		tests[ntests].fn = fn;
		ntests++;
	}
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
	const char *const *x = a, *const *y = b;

	return strcmp(*x, *y);
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	char cmd[300];

	qsort(tests, (size_t)ntests, sizeof(tests[0]), by_name);
	for (int i = 0; i < ntests; i++) {
		if (argc > 1 && !strstr(tests[i].name, argv[1]))
			continue;
		snprintf(tmpdir, sizeof(tmpdir), "/tmp/kiosk-unit-XXXXXX");
		if (!mkdtemp(tmpdir)) {
			perror("mkdtemp");
			return 2;
		}
		failed_now = 0;
		tests[i].fn();
		printf("%s %s\n", failed_now ? "FAIL" : "ok  ", tests[i].name);
		fflush(stdout);
		failed_now ? failed++ : passed++;
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
