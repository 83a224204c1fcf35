/* bench_start: process start → first frame presented, as a person at the kiosk would time it.
 * usage: bench_start RUNS KIOSK [ARGS...]
 * Takes CLOCK_MONOTONIC just before fork+exec of the kiosk (run with --exit-after-first-frame)
 * and subtracts it from the monotonic time the kiosk prints right after its first present. */
#include "firmware/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long one_run(char **argv)
{
	int fd[2];
	long long t0, shown = -1;
	char line[256];
	FILE *fp;
	pid_t pid;

	if (pipe(fd) != 0)
		return -1;
	t0 = (long long)clock_mono_ns();
	pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	fp = fdopen(fd[0], "r");
	while (fp && fgets(line, sizeof(line), fp))
		sscanf(line, "first_frame_mono_ns %lld", &shown);
	if (fp)
		fclose(fp);
	waitpid(pid, NULL, 0);
	return shown < 0 ? -1 : shown - t0;
}

static int cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	long long v[100];
	int runs = argc > 2 ? atoi(argv[1]) : 0;

	if (runs < 1 || runs > 100) {
		fprintf(stderr, "usage: bench_start RUNS KIOSK [ARGS...]\n");
		return 2;
	}
	for (int i = 0; i < runs; i++) {
		v[i] = one_run(argv + 2);
		if (v[i] < 0) {
			fprintf(stderr, "bench_start: the kiosk printed no first frame\n");
			return 1;
		}
	}
	qsort(v, (size_t)runs, sizeof(v[0]), cmp);
	printf("first_frame_p50 %.1f ms\n", (double)v[runs / 2] / 1e6);
	printf("first_frame_max %.1f ms\n", (double)v[runs - 1] / 1e6);
	return 0;
}
