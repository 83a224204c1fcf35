/* inject: a unit-test binary for the test runner's own tests (tests/it/runner.sh). Five tests
 * on the harness of tests/t.c; the third does what T_INJECT says: "crash" (a segmentation
 * fault), "asan" (a heap overflow, which only the sanitizer build notices), "exit" (leaves
 * the process with status 0 half-way) or nothing. */
#include "tests/t.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

T_TEST(inject_1_passes) { T_EQ(1 + 1, 2); }
T_TEST(inject_2_passes) { T_CHECK(getenv("PATH") != NULL); }

T_TEST(inject_3_does_what_it_is_told)
{
	const char *what = getenv("T_INJECT");
	volatile size_t n = 16; /* the compiler must not see the overflow coming */
	char *p;

	if (!what)
		return;
	if (strcmp(what, "crash") == 0)
		raise(SIGSEGV);
	if (strcmp(what, "exit") == 0)
		exit(0);
	if (strcmp(what, "asan") == 0) {
		p = malloc(n);
		T_CHECK(p != NULL);
		((volatile char *)p)[n] = 'x'; /* one past the end (volatile: the store is not optimised away) */
		printf("    wrote past a %zu-byte block\n", (size_t)n);
		free(p);
	}
}

T_TEST(inject_4_passes) { T_EQ(2 * 2, 4); }
T_TEST(inject_5_passes) { T_STREQ("kiosk", "kiosk"); }
