#include "progprobe.h"

#include "clock.h"
#include "err.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* What the child wrote within the time left into buf (NUL-terminated): ERR_TIMEOUT when the
 * time ran out first. */
static int read_until(int fd, int64_t deadline_ms, char *buf, size_t len)
{
	size_t used = 0;

	for (;;) {
		int64_t left = deadline_ms - clock_mono_ns() / 1000000;
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (left <= 0)
			return ERR_TIMEOUT;
		if (poll(&p, 1, (int)left) < 0) {
			if (errno == EINTR)
				continue;
			return ERR_IO;
		}
		if (!p.revents)
			continue;
		n = read(fd, buf + used, len - 1 - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || (used += (size_t)n) >= len - 1)
			break;   /* the end of its output, or all we want of it */
	}
	buf[used] = '\0';
	return 0;
}

int progprobe_schema(const char *path, int timeout_ms, int *schema)
{
	int fds[2], rc, status = 0;
	char out[32], *end;
	long v;
	pid_t pid;

	if (pipe(fds) != 0)
		return ERR_IO;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);   /* no other child of the kiosk holds it open */
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return ERR_IO;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(fds[1], STDOUT_FILENO);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDERR_FILENO);
		}
		execl(path, path, "--schema-version", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	rc = read_until(fds[0], clock_mono_ns() / 1000000 + timeout_ms, out, sizeof(out));
	close(fds[0]);
	if (rc)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (rc)
		return rc;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return ERR_IO;       /* the child could not exec it */
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return ERR_INVAL;    /* it crashed or failed */
	errno = 0;
	v = strtol(out, &end, 10);
	if (end == out || errno || v < 0 || v > 1000000 || (*end && *end != '\n'))
		return ERR_INVAL;
	*schema = (int)v;
	return 0;
}
