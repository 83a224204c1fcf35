/* The tcp driver against a real socket on loopback: a thread plays a network printer that
 * keeps every byte it receives and answers DLE EOT queries as told, or stalls, or hangs up
 * in the middle of a job. */
#include "../t.h"
#include "../../drivers/escpos.h"
#include "../../drivers/printer.h"
#include "../../firmware/err.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct netprinter {
	int lfd, port;
	int answer1, answer4;    /* status bytes, -1: stay silent */
	bool stall;              /* accept, then never read */
	size_t hangup_after;     /* 0, or reset the connection once this many bytes came */
	atomic_int served;       /* connections served to the end */
	uint8_t *got;
	size_t len, cap;
	pthread_t th;
	volatile bool stop;
};

static void keep(struct netprinter *np, const uint8_t *b, size_t n)
{
	if (np->len + n > np->cap) {
		np->cap = (np->len + n) * 2;
		np->got = realloc(np->got, np->cap);
	}
	memcpy(np->got + np->len, b, n);
	np->len += n;
}

/* Serves one connection: status queries are answered, not kept. */
static void serve(struct netprinter *np, int fd)
{
	uint8_t b[4096];
	ssize_t n;

	if (np->stall) {
		while (!np->stop)
			usleep(10000);
		close(fd);
		return;
	}
	while ((n = recv(fd, b, sizeof(b), 0)) > 0) {
		if (n == 3 && b[0] == 0x10 && b[1] == 0x04) {
			int a = b[2] == 1 ? np->answer1 : np->answer4;
			uint8_t c = (uint8_t)a;
			if (a >= 0 && send(fd, &c, 1, 0) != 1)
				break;
			continue;
		}
		keep(np, b, (size_t)n);
		if (np->hangup_after && np->len >= np->hangup_after) {
			struct linger now = { 1, 0 };   /* a reset, as a printer switched off */
			setsockopt(fd, SOL_SOCKET, SO_LINGER, &now, sizeof(now));
			break;
		}
	}
	close(fd);
	atomic_fetch_add(&np->served, 1);
}

/* Waits (10 s at most, a guard against a hang) until the printer has served n connections. */
static bool served(struct netprinter *np, int n)
{
	struct timespec ts = { 0, 5000000 };

	for (int i = 0; i < 2000 && atomic_load(&np->served) < n; i++)
		nanosleep(&ts, NULL);
	return atomic_load(&np->served) >= n;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *netprinter_main(void *arg)
{
	struct netprinter *np = arg;

	while (!np->stop) {
		int fd = accept(np->lfd, NULL, NULL);
		if (fd >= 0)
			serve(np, fd);
	}
	return NULL;
}

static int netprinter_start(struct netprinter *np, int a1, int a4, bool stall, size_t hangup)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);
	int small = 4096;

	memset(np, 0, sizeof(*np));
	atomic_init(&np->served, 0);
	np->answer1 = a1;
	np->answer4 = a4;
	np->stall = stall;
	np->hangup_after = hangup;
	np->lfd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(np->lfd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
	if (bind(np->lfd, (struct sockaddr *)&sa, sizeof(sa)) || listen(np->lfd, 4) ||
	    getsockname(np->lfd, (struct sockaddr *)&sa, &len))
		return -1;
	np->port = ntohs(sa.sin_port);
	return pthread_create(&np->th, NULL, netprinter_main, np);
}

static void netprinter_stop(struct netprinter *np)
{
	np->stop = true;
	shutdown(np->lfd, SHUT_RDWR);
	close(np->lfd);
	pthread_join(np->th, NULL);
	free(np->got);
}

static struct config_printer tcp_cfg(int port, int timeout_ms)
{
	struct config_printer c;

	memset(&c, 0, sizeof(c));
	snprintf(c.driver, sizeof(c.driver), "tcp");
	snprintf(c.host, sizeof(c.host), "127.0.0.1");
	c.port = port;
	c.timeout_ms = timeout_ms;
	c.band_height = 24;
	c.m.status = true;
	return c;
}

static struct raster *test_raster(int w, int h)
{
	struct raster *r = raster_new(w, h);

	for (int y = 0; r && y < h; y++)
		for (int x = (y % 7); x < w; x += 5)
			raster_set(r, x, y, true);
	return r;
}

T_TEST(printer_tcp_job_arrives_byte_exact)
{
	struct netprinter np;
	struct config_printer c;
	struct printer *p;
	struct escpos_buf want;
	struct raster *r = test_raster(576, 1500);

	T_OK(netprinter_start(&np, 0x12, 0x12, false, 0));
	c = tcp_cfg(np.port, 3000);
	T_OK(printer_open(&c, t_tmpdir(), &p));
	T_OK(printer_print(p, "A-001", r));
	printer_close(p);
	T_CHECK(served(&np, 1)); /* the printer has read everything up to our close */
	escpos_buf_init(&want);
	T_OK(escpos_ticket(&want, r, 24));
	T_CHECK(want.len > 100000);
	T_EQ(np.len, want.len);
	T_CHECK(memcmp(np.got, want.data, want.len) == 0);
	escpos_buf_free(&want);
	raster_free(r);
	netprinter_stop(&np);
}

static int status_with(int a1, int a4, bool listen_at_all)
{
	struct netprinter np;
	struct config_printer c;
	struct printer *p;
	struct printer_status st = { PRINTER_READY, false };
	int port = 1;

	if (listen_at_all) {
		if (netprinter_start(&np, a1, a4, false, 0))
			return -1;
		port = np.port;
	}
	c = tcp_cfg(port, 1000);
	if (printer_open(&c, t_tmpdir(), &p) == 0) {
		printer_status(p, &st);
		printer_close(p);
	}
	if (listen_at_all)
		netprinter_stop(&np);
	return (int)st.state;
}

T_TEST(printer_tcp_status_from_dle_eot)
{
	T_EQ(status_with(0x12, 0x12, true), PRINTER_READY);
	T_EQ(status_with(0x12, 0x1e, true), PRINTER_PAPER_NEAR_END);
	T_EQ(status_with(0x12, 0x72, true), PRINTER_PAPER_OUT);
	T_EQ(status_with(0x1a, 0x12, true), PRINTER_OFFLINE);
	/* paper end is bits 5 and 6 (0x60); a printer may set one of them only */
	T_EQ(status_with(0x12, 0x32, true), PRINTER_PAPER_OUT);
	T_EQ(status_with(0x12, 0x52, true), PRINTER_PAPER_OUT);
	/* a printer that never answers is unknown, not out of paper */
	T_EQ(status_with(-1, -1, true), PRINTER_UNKNOWN);
	/* garbage answers are not believed */
	T_EQ(status_with(0xff, 0xff, true), PRINTER_UNKNOWN);
	T_EQ(status_with(0, 0, false), PRINTER_OFFLINE);
}

T_TEST(printer_tcp_stalled_printer_fails_in_bounded_time)
{
	struct netprinter np;
	struct config_printer c;
	struct printer *p;
	struct raster *r = test_raster(576, 20000);
	int64_t t0;

	T_OK(netprinter_start(&np, 0x12, 0x12, true, 0));
	c = tcp_cfg(np.port, 500);
	T_OK(printer_open(&c, t_tmpdir(), &p));
	t0 = now_ms();
	T_EQ(printer_print(p, "A-002", r), ERR_PRINTER);
	/* a deadline of 500 ms without progress; 3 s would mean no deadline at all */
	T_CHECK(now_ms() - t0 <= 3000);
	printer_close(p);
	raster_free(r);
	netprinter_stop(&np);
}

/* A printer that hangs up in the middle of a job (switched off, a cable pulled, its own
 * reset) fails the job: the ticket is not printed, whatever part of it went out. */
T_TEST(printer_tcp_hangup_mid_job_fails_the_job)
{
	struct netprinter np;
	struct config_printer c;
	struct printer *p;
	struct raster *r = test_raster(576, 20000);

	T_OK(netprinter_start(&np, 0x12, 0x12, false, 64 * 1024));
	c = tcp_cfg(np.port, 3000);
	T_OK(printer_open(&c, t_tmpdir(), &p));
	T_EQ(printer_print(p, "A-003", r), ERR_PRINTER);
	T_CHECK(served(&np, 1));
	T_CHECK(np.len >= 64 * 1024 && np.len < 576 / 8 * 20000);
	printer_close(p);
	raster_free(r);
	netprinter_stop(&np);
}

T_TEST(printer_tcp_needs_a_host)
{
	struct config_printer c = tcp_cfg(9100, 1000);
	struct printer *p;

	c.host[0] = '\0';
	T_EQ(printer_open(&c, t_tmpdir(), &p), ERR_CONFIG);
}
