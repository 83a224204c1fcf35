/* progprobe: a program installed over the kiosk is asked its schema with a time limit; real
 * child processes (small shell scripts written to the test's directory). */
#include "../t.h"
#include "../../firmware/clock.h"
#include "../../firmware/err.h"
#include "../../firmware/progprobe.h"

#include <stdio.h>
#include <sys/stat.h>

/* A script at <tmpdir>/name with body, executable; path gets its name. */
static void script(const char *name, const char *body, char *path, size_t len)
{
	FILE *fp;

	snprintf(path, len, "%s/%s", t_tmpdir(), name);
	fp = fopen(path, "w");
	T_CHECK(fp != NULL);
	if (!fp)
		return;
	fprintf(fp, "#!/bin/sh\n%s\n", body);
	fclose(fp);
	chmod(path, 0755);
}

T_TEST(progprobe_reads_the_number_and_passes_the_flag)
{
	char path[512];
	int schema = -1;

	script("new", "[ \"$1\" = --schema-version ] && echo 7 || echo 1", path, sizeof(path));
	T_OK(progprobe_schema(path, 2000, &schema));
	T_EQ(schema, 7);
}

T_TEST(progprobe_hung_program_is_killed_at_the_limit)
{
	char path[512];
	int schema = -1;
	int64_t t0 = clock_mono_ns();

	script("hung", "exec sleep 30", path, sizeof(path));
	T_EQ(progprobe_schema(path, 300, &schema), ERR_TIMEOUT);
	T_CHECK(clock_mono_ns() - t0 < 10LL * 1000000000LL);   /* not the child's 30 s */
	T_EQ(schema, -1);
}

T_TEST(progprobe_refuses_what_is_not_a_schema)
{
	char path[512];
	int schema = -1;

	script("words", "echo schema five", path, sizeof(path));
	T_EQ(progprobe_schema(path, 2000, &schema), ERR_INVAL);
	script("trail", "echo 5x", path, sizeof(path));
	T_EQ(progprobe_schema(path, 2000, &schema), ERR_INVAL);
	script("silent", "exit 0", path, sizeof(path));
	T_EQ(progprobe_schema(path, 2000, &schema), ERR_INVAL);
	script("failing", "echo 9; exit 3", path, sizeof(path));
	T_EQ(progprobe_schema(path, 2000, &schema), ERR_INVAL);
	script("crash", "kill -SEGV $$", path, sizeof(path));
	T_EQ(progprobe_schema(path, 2000, &schema), ERR_INVAL);
	T_EQ(schema, -1);
}

T_TEST(progprobe_missing_program_cannot_run)
{
	char path[512];
	int schema = -1;

	snprintf(path, sizeof(path), "%s/none", t_tmpdir());
	T_EQ(progprobe_schema(path, 2000, &schema), ERR_IO);
	script("quote'd", "echo 6", path, sizeof(path));   /* no shell: any file name runs */
	T_OK(progprobe_schema(path, 2000, &schema));
	T_EQ(schema, 6);
}
