/* asker: the worker shared by lookup and numbers. A newer question replaces one not yet
 * started (which is never answered), stop abandons the question being answered (never
 * delivered) and any pending one, stop reaches an HTTP request in flight through the cancel
 * flag, and the link is copied and checked at start. The questions here are answered by the
 * test's own ops, which block on a gate the test opens, so the order of events is set by the
 * test and never by timing (the few naps only poll, or let a request get under way). */
#include "../t.h"
#include "../../firmware/asker.h"
#include "../../firmware/err.h"
#include "../../firmware/http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct q {
	int id;
};

struct ans {
	int id;
	int was_zero;      /* the buffer was zeroed before answer */
	int rc;            /* the HTTP request's result, when asked */
	char reason[96];
};

/* What the test's ops saw; one per test, static so a failed check leaves nothing dangling. */
struct probe {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct asker *asker;
	bool gate_open;       /* answer waits for it */
	bool wait_for_stop;   /* answer waits for asker_stopping instead */
	const char *url;      /* answer makes a GET to it */
	int answered[8], nanswered;
	struct ans delivered[8];
	int ndelivered;
	bool saw_stopping;
	int http_rc;
	char http_reason[96];
};

#define PROBE_INIT { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER }

static bool all_zero(const void *buf, size_t n)
{
	const unsigned char *b = buf;

	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void ask_http(struct probe *p, struct ans *a)
{
	struct http_reply reply;

	a->rc = http_request(asker_http(p->asker), "GET", p->url, NULL, NULL, &reply);
	snprintf(a->reason, sizeof(a->reason), "%s", reply.reason);
	pthread_mutex_lock(&p->lock);
	p->http_rc = a->rc;
	snprintf(p->http_reason, sizeof(p->http_reason), "%s", reply.reason);
	pthread_mutex_unlock(&p->lock);
}

static void on_answer(void *owner, const void *question, int64_t t0_ms, void *answer)
{
	struct probe *p = owner;
	const struct q *q = question;
	struct ans *a = answer;
	bool stop_wait;

	a->was_zero = all_zero(a, sizeof(*a));
	a->id = q->id;
	pthread_mutex_lock(&p->lock);
	p->answered[p->nanswered++ % 8] = q->id;
	pthread_cond_broadcast(&p->cond);
	while (!p->gate_open && !p->wait_for_stop)
		pthread_cond_wait(&p->cond, &p->lock);
	stop_wait = p->wait_for_stop;
	pthread_mutex_unlock(&p->lock);
	/* the way a module's long wait ends early (lookup's fixture delay): at most 10 s here */
	for (int i = 0; stop_wait && i < 1000 && !asker_stopping(p->asker); i++)
		nap_ms(10);
	if (p->url)
		ask_http(p, a);
	pthread_mutex_lock(&p->lock);
	p->saw_stopping = asker_stopping(p->asker);
	pthread_mutex_unlock(&p->lock);
	(void)t0_ms;
}

static void on_deliver(void *owner, const void *question, const void *answer)
{
	struct probe *p = owner;
	const struct ans *a = answer;

	(void)question;
	pthread_mutex_lock(&p->lock);
	p->delivered[p->ndelivered++ % 8] = *a;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

static const struct asker_ops ops = {
	.question_size = sizeof(struct q),
	.answer_size = sizeof(struct ans),
	.answer = on_answer,
	.deliver = on_deliver,
};

/* Waits (at most 10 s) until *count reaches n. */
static bool wait_count(struct probe *p, const int *count, int n)
{
	struct timespec ts;
	bool ok;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 10;
	pthread_mutex_lock(&p->lock);
	while (*count < n && pthread_cond_timedwait(&p->cond, &p->lock, &ts) == 0)
		;
	ok = *count >= n;
	pthread_mutex_unlock(&p->lock);
	return ok;
}

static int submit(struct asker *a, int id)
{
	struct q q = { .id = id };

	return asker_submit(a, &q, sizeof(q));
}

static void open_gate(struct probe *p)
{
	pthread_mutex_lock(&p->lock);
	p->gate_open = true;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

T_TEST(asker_newer_question_replaces_one_not_started)
{
	static struct probe p = PROBE_INIT;

	T_OK(asker_start(&ops, &p, NULL, 0, &p.asker));
	T_OK(submit(p.asker, 1));
	T_CHECK(wait_count(&p, &p.nanswered, 1));   /* the worker holds 1 at the gate */
	T_CHECK(!asker_waiting(p.asker));           /* 1 was taken from the slot */
	T_OK(submit(p.asker, 2));
	T_CHECK(asker_waiting(p.asker));
	T_OK(submit(p.asker, 3));                   /* replaces 2, never started */
	T_CHECK(asker_waiting(p.asker));
	open_gate(&p);
	T_CHECK(wait_count(&p, &p.ndelivered, 2));
	asker_stop(p.asker);
	T_EQ(p.nanswered, 2);
	T_EQ(p.answered[0], 1);
	T_EQ(p.answered[1], 3);
	T_EQ(p.ndelivered, 2);
	T_EQ(p.delivered[0].id, 1);
	T_EQ(p.delivered[1].id, 3);
	/* every answer starts from a zeroed buffer */
	T_CHECK(p.delivered[0].was_zero && p.delivered[1].was_zero);
	T_CHECK(!p.saw_stopping);
	T_CHECK(!asker_waiting(NULL));
}

T_TEST(asker_stop_abandons_the_question_in_flight_and_the_pending_one)
{
	static struct probe p = PROBE_INIT;

	p.wait_for_stop = true;
	T_OK(asker_start(&ops, &p, NULL, 0, &p.asker));
	T_OK(submit(p.asker, 1));
	T_CHECK(wait_count(&p, &p.nanswered, 1));
	T_OK(submit(p.asker, 2));                   /* pending while 1 is in flight */
	asker_stop(p.asker);
	/* 1 was answered once stop was seen, but not delivered; 2 was never started */
	T_CHECK(p.saw_stopping);
	T_EQ(p.nanswered, 1);
	T_EQ(p.ndelivered, 0);
}

static void *stopper(void *arg)
{
	asker_stop(arg);
	return NULL;
}

T_TEST(asker_no_answer_after_stop)
{
	static struct probe p = PROBE_INIT;
	pthread_t th;

	T_OK(asker_start(&ops, &p, NULL, 0, &p.asker));
	T_OK(submit(p.asker, 1));
	T_CHECK(wait_count(&p, &p.nanswered, 1));  /* held at the gate, blind to stop */
	T_OK(pthread_create(&th, NULL, stopper, p.asker));
	for (int i = 0; i < 1000 && !asker_stopping(p.asker); i++)
		nap_ms(10);
	T_CHECK(asker_stopping(p.asker));
	open_gate(&p);                                /* the answer is ready after stop */
	T_OK(pthread_join(th, NULL));
	T_EQ(p.nanswered, 1);
	T_EQ(p.ndelivered, 0);
	T_CHECK(p.saw_stopping);
}

T_TEST(asker_submit_offline_and_bad_tables)
{
	static struct probe p = PROBE_INIT;
	const struct asker_ops no_deliver = { sizeof(struct q), sizeof(struct ans), on_answer,
					      NULL };
	struct asker *a = (struct asker *)(void *)&p;   /* not NULL: a failed start clears it */
	struct q q = { .id = 1 };

	T_EQ(asker_submit(NULL, &q, sizeof(q)), ERR_STATE);
	T_EQ(asker_start(&no_deliver, &p, NULL, 0, &a), ERR_INVAL);
	T_CHECK(a == NULL);
	T_EQ(asker_start(NULL, &p, NULL, 0, &a), ERR_INVAL);
	asker_stop(NULL);
	asker_set_offline(NULL, true);
	T_OK(asker_start(&ops, &p, NULL, 0, &a));
	T_EQ(asker_submit(a, &q, sizeof(q) - 1), ERR_INVAL);
	T_EQ(asker_submit(a, NULL, sizeof(q)), ERR_INVAL);
	T_CHECK(!asker_offline(a));
	asker_set_offline(a, true);
	T_CHECK(asker_offline(a));
	asker_set_offline(a, false);
	T_CHECK(!asker_offline(a));
	T_CHECK(!asker_stopping(a));
	T_CHECK(!asker_central(a));
	T_CHECK(asker_http(a) == NULL);
	T_STREQ(asker_url(a), "");
	T_STREQ(asker_kiosk_id(a), "");
	T_CHECK(asker_since_ms(a, 0) > 0);
	asker_stop(a);
}

T_TEST(asker_link_copied_and_checked)
{
	static struct probe p = PROBE_INIT;
	char longpath[300];
	struct sync_config sc = { .url = "https://127.0.0.1:1//", .ca = "/x/ca.pem",
				  .cert = "/x/k.pem", .key = "/x/k.key", .kiosk_id = "KIOSK-01" };
	struct asker *a = NULL;

	T_OK(asker_start(&ops, &p, &sc, 500, &a));
	T_CHECK(asker_central(a));
	T_CHECK(asker_http(a) != NULL);
	T_STREQ(asker_url(a), "https://127.0.0.1:1");
	T_STREQ(asker_kiosk_id(a), "KIOSK-01");
	asker_stop(a);
	/* an empty url is no central system, whatever the rest says */
	sc.url = "";
	T_OK(asker_start(&ops, &p, &sc, 500, &a));
	T_CHECK(!asker_central(a) && asker_http(a) == NULL);
	asker_stop(a);
	sc.url = "https://127.0.0.1:1";
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = '\0';
	sc.cert = longpath;
	T_EQ(asker_start(&ops, &p, &sc, 500, &a), ERR_CONFIG);
	T_CHECK(a == NULL);
	sc.cert = "/x/k.pem";
	sc.kiosk_id = "KIOSK-0123456789-0123456789-0123456789";
	T_EQ(asker_start(&ops, &p, &sc, 500, &a), ERR_CONFIG);
	sc.kiosk_id = "KIOSK-01";
	sc.ca = "";    /* http_new refuses a context without the CA */
	T_EQ(asker_start(&ops, &p, &sc, 500, &a), ERR_CONFIG);
	T_CHECK(a == NULL);
}

/* A TCP port on loopback that takes connections (the kernel's backlog) and never answers. */
static int silent_listener(int *port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 4) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

/* A self-signed certificate and key (openssl, a dependency of the build) in dir, used as CA,
 * certificate and key: curl loads them before the TLS handshake, which then never ends. */
static int make_tls_files(const char *dir)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256"
		 " -nodes -keyout %s/k.key -out %s/k.pem -days 2 -subj /CN=KIOSK-01 2>/dev/null",
		 dir, dir);
	return system(cmd) == 0 ? 0 : -1;
}

T_TEST(asker_stop_cancels_the_http_request_in_flight)
{
	static struct probe p = PROBE_INIT;
	static char url[64], pem[300], key[300];
	struct sync_config sc = { .url = "https://127.0.0.1:1", .ca = pem, .cert = pem, .key = key };
	int port, fd = silent_listener(&port);

	T_CHECK(fd >= 0);
	T_OK(make_tls_files(t_tmpdir()));
	snprintf(pem, sizeof(pem), "%s/k.pem", t_tmpdir());
	snprintf(key, sizeof(key), "%s/k.key", t_tmpdir());
	snprintf(url, sizeof(url), "https://127.0.0.1:%d/api/v1/x", port);
	T_OK(http_global_init());
	p.url = url;
	p.gate_open = true;
	/* far beyond the test's patience: without the cancel flag the request would end only at
	 * the connect timeout (HTTP_CONNECT_TIMEOUT_MS), as ERR_TIMEOUT */
	T_OK(asker_start(&ops, &p, &sc, 120000, &p.asker));
	T_OK(submit(p.asker, 1));
	T_CHECK(wait_count(&p, &p.nanswered, 1));
	nap_ms(300);   /* into the handshake; stopping earlier ends the same way */
	asker_stop(p.asker);
	close(fd);
	http_global_cleanup();
	T_EQ(p.http_rc, ERR_STATE);
	T_STREQ(p.http_reason, "cancelled");
	T_CHECK(p.saw_stopping);
	T_EQ(p.ndelivered, 0);
}
