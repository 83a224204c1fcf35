/* printer_tcp: network ESC/POS printers on a raw TCP port (9100, "JetDirect").
 * One connection per job and per status query: cheap network printers often serve a single
 * client at a time, and a connection held open would lock out a second kiosk or a technician.
 * Every step has a deadline (cfg->timeout_ms), so a printer that vanishes from the network
 * fails the job instead of wedging the print worker. Status is DLE EOT 1 and 4; a printer that
 * does not answer is UNKNOWN, not out of paper. */
#include "drivers/printer_internal.h"

#include "firmware/clock.h"
#include "firmware/err.h"
#include "firmware/log.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define TCP_STATUS_MS 300
/* A small send buffer: bytes must reach the printer, not pile up in this kiosk's kernel,
 * or a printer that stopped reading would look like one that printed. */
#define TCP_SNDBUF (32 * 1024)

struct tprinter {
	char host[128];
	int port, timeout_ms;
	bool status;
};

static int64_t mono_ms(void)
{
	return clock_mono_ns() / 1000000;
}

/* Waits for fd to become ready for `events` before the deadline; 0, ERR_TIMEOUT or ERR_IO. */
static int wait_fd(int fd, short events, int64_t deadline)
{
	struct pollfd p = { fd, events, 0 };

	for (;;) {
		int64_t left = deadline - mono_ms();
		int n = poll(&p, 1, left > 0 ? (int)left : 0);
		if (n > 0)
			return (p.revents & (POLLERR | POLLNVAL)) && !(p.revents & events) ? ERR_IO : 0;
		if (n == 0)
			return ERR_TIMEOUT;
		if (errno != EINTR)
			return ERR_IO;
	}
}

static int try_connect(const struct addrinfo *ai, int64_t deadline)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int err = 0, sndbuf = TCP_SNDBUF;
	socklen_t len = sizeof(err);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return fd;
	if (errno == EINPROGRESS && wait_fd(fd, POLLOUT, deadline) == 0 &&
	    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)
		return fd;
	close(fd);
	return -1;
}

static int tcp_connect(const struct tprinter *t, int64_t deadline)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM };
	struct addrinfo *res, *ai;
	char port[8];
	int fd = -1;

	snprintf(port, sizeof(port), "%d", t->port);
	if (getaddrinfo(t->host, port, &hints, &res) != 0)
		return -1;
	for (ai = res; ai && fd < 0; ai = ai->ai_next)
		fd = try_connect(ai, deadline);
	freeaddrinfo(res);
	return fd;
}

static int send_all(int fd, const uint8_t *b, size_t len, int timeout_ms)
{
	int64_t deadline = mono_ms() + timeout_ms;

	while (len > 0) {
		ssize_t n = send(fd, b, len, MSG_NOSIGNAL);
		if (n > 0) {
			b += n;
			len -= (size_t)n;
			deadline = mono_ms() + timeout_ms; /* progress: a fresh deadline */
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return ERR_PRINTER;
		if (wait_fd(fd, POLLOUT, deadline))
			return ERR_PRINTER;
	}
	return 0;
}

static int t_open(const struct config_printer *cfg, const char *out_dir, void **state)
{
	struct tprinter *t;

	(void)out_dir;
	if (!cfg->host[0]) {
		log_error("printer: tcp: no host configured ([printer] host)");
		return ERR_CONFIG;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return ERR_NOMEM;
	snprintf(t->host, sizeof(t->host), "%s", cfg->host);
	t->port = cfg->port;
	t->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : 5000;
	t->status = cfg->m.status;
	*state = t;
	return 0;
}

static void t_close(void *state)
{
	free(state);
}

static int t_send(void *state, const char *job, const uint8_t *bytes, size_t len,
		  const struct raster *r)
{
	struct tprinter *t = state;
	int fd = tcp_connect(t, mono_ms() + t->timeout_ms), rc;

	(void)r;
	if (fd < 0) {
		log_error("printer: tcp: cannot reach %s:%d for job %s", t->host, t->port, job);
		return ERR_PRINTER;
	}
	rc = send_all(fd, bytes, len, t->timeout_ms);
	/* close flushes; a reset after all bytes were accepted still counts as sent */
	close(fd);
	return rc;
}

/* One status byte for DLE EOT n, or -1 when none comes in time. */
static int query(int fd, int n)
{
	uint8_t q[3] = { 0x10, 0x04, (uint8_t)n }, a;

	if (send_all(fd, q, sizeof(q), TCP_STATUS_MS) ||
	    wait_fd(fd, POLLIN, mono_ms() + TCP_STATUS_MS) || recv(fd, &a, 1, 0) != 1)
		return -1;
	return a;
}

static int t_status(void *state, struct printer_status *out)
{
	struct tprinter *t = state;
	int fd = tcp_connect(t, mono_ms() + t->timeout_ms), p1, p4;

	out->cover_open = false;
	if (fd < 0) {
		out->state = PRINTER_OFFLINE;
		return 0;
	}
	p1 = t->status ? query(fd, 1) : -1;
	p4 = t->status && p1 >= 0 ? query(fd, 4) : -1;
	close(fd);
	printer_status_from_dle_eot(p1, p4, out);
	return 0;
}

const struct printer_ops printer_tcp_ops = {
	.name = "tcp",
	.open = t_open,
	.close = t_close,
	.send = t_send,
	.status = t_status,
};
