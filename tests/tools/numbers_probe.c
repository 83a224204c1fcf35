/* numbers_probe: drives the numbers worker (firmware/numbers.c) as the ticket screen does, for
 * the integration test and make bench. One line per answer on stdout.
 *
 * usage: numbers_probe --config FILE [--day YYYYMMDD] [--bench N] STEP...
 *   ask:SERVICE        ask for a number with a new request id, wait, print the answer
 *   again:SERVICE      ask again with the previous request id (a repeated request)
 *   --day              the service day asked for (default 20261123)
 *   --bench N          ask N times (new request ids) and print instead
 *                      numbers_round_trip_first (connection set-up included) and
 *                      numbers_round_trip_p50 / _p99 / _max over the others (ms, submit to
 *                      callback, measured here to the microsecond), and numbers_fallbacks
 *
 * The worker uses the config's [sync] link, numbering_deadline_ms and reserved range (which
 * must be set). An answer line:
 *   central SERVICE seq=N elapsed_ms=N request=HEX
 *   fallback SERVICE elapsed_ms=N request=HEX reason="…"
 * Exit status 0 when every step ran (whatever the answers), 1 on a usage or start error. */
#include "firmware/clock.h"
#include "firmware/config.h"
#include "firmware/err.h"
#include "firmware/http.h"
#include "firmware/numbers.h"
#include "firmware/randid.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SAMPLES 10000

struct probe {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int answered;
	struct numbers_answer last;
	double answered_ms;
};

static void on_answer(void *ctx, const struct numbers_answer *a)
{
	struct probe *p = ctx;

	pthread_mutex_lock(&p->lock);
	p->last = *a;
	p->answered_ms = ((double)clock_mono_ns() / 1e6);
	p->answered++;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/* Submits and waits (at most 60 s) for the answer. */
static int ask(struct numbers *n, struct probe *p, const struct numbers_request *q,
	       struct numbers_answer *out, double *took_ms)
{
	struct timespec ts;
	double t0 = ((double)clock_mono_ns() / 1e6);
	int want, rc;

	pthread_mutex_lock(&p->lock);
	want = p->answered + 1;
	pthread_mutex_unlock(&p->lock);
	rc = numbers_submit(n, q);
	if (rc)
		return rc;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 60;
	pthread_mutex_lock(&p->lock);
	while (p->answered < want && pthread_cond_timedwait(&p->cond, &p->lock, &ts) == 0)
		;
	rc = p->answered >= want ? 0 : ERR_TIMEOUT;
	*out = p->last;
	*took_ms = p->answered_ms - t0;
	pthread_mutex_unlock(&p->lock);
	return rc;
}

static void print_answer(const struct numbers_request *q, const struct numbers_answer *a)
{
	if (a->result == NUMBERS_CENTRAL)
		printf("central %s seq=%d elapsed_ms=%lld request=%s\n", q->service, a->seq,
		       (long long)a->elapsed_ms, a->request_id);
	else
		printf("fallback %s elapsed_ms=%lld request=%s reason=\"%s\"\n", q->service,
		       (long long)a->elapsed_ms, a->request_id, a->reason);
	fflush(stdout);
}

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void print_bench(double *s, int n, int fallbacks)
{
	if (n < 2)
		return;
	printf("numbers_round_trip_first %.3f ms\n", s[0]);
	qsort(s + 1, (size_t)(n - 1), sizeof(s[0]), cmpd);
	printf("numbers_round_trip_p50 %.3f ms\n", s[1 + (n - 1) / 2]);
	printf("numbers_round_trip_p99 %.3f ms\n", s[1 + ((n - 1) * 99) / 100 < n ?
						      1 + ((n - 1) * 99) / 100 : n - 1]);
	printf("numbers_round_trip_max %.3f ms\n", s[n - 1]);
	printf("numbers_fallbacks %d count\n", fallbacks);
}

static int run_bench(struct numbers *n, struct probe *p, struct numbers_request *q, int count)
{
	static double samples[MAX_SAMPLES];
	struct numbers_answer a;
	int fallbacks = 0;

	for (int i = 0; i < count; i++) {
		randid_hex(q->request_id);
		if (ask(n, p, q, &a, &samples[i]) != 0)
			return 1;
		fallbacks += a.result == NUMBERS_FALLBACK;
	}
	print_bench(samples, count, fallbacks);
	return 0;
}

static int run_steps(struct numbers *n, struct probe *p, struct numbers_request *q, char **steps,
		     int count)
{
	struct numbers_answer a;
	double took;

	for (int i = 0; i < count; i++) {
		bool again = strncmp(steps[i], "again:", 6) == 0;

		if (!again && strncmp(steps[i], "ask:", 4) != 0) {
			fprintf(stderr, "numbers_probe: unknown step %s\n", steps[i]);
			return 1;
		}
		snprintf(q->service, sizeof(q->service), "%s", steps[i] + (again ? 6 : 4));
		if (!again || !q->request_id[0])
			randid_hex(q->request_id);
		if (ask(n, p, q, &a, &took) != 0) {
			fprintf(stderr, "numbers_probe: no answer\n");
			return 1;
		}
		print_answer(q, &a);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct config cfg;
	static struct probe p = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };
	struct numbers_request q = { .service = "A", .day = 20261123 };
	const char *config = NULL;
	struct sync_config sc;
	struct numbers *n;
	char err[512];
	int bench = 0, i, status;

	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (!strcmp(argv[i], "--config") && i + 1 < argc)
			config = argv[++i];
		else if (!strcmp(argv[i], "--day") && i + 1 < argc)
			q.day = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--bench") && i + 1 < argc)
			bench = atoi(argv[++i]);
		else
			break;
	}
	if (!config || (i >= argc && !bench) || bench < 0 || bench > MAX_SAMPLES) {
		fprintf(stderr, "usage: numbers_probe --config FILE [--day D] [--bench N] "
			"ask:SERVICE|again:SERVICE...\n");
		return 1;
	}
	if (config_load(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "numbers_probe: %s\n", err);
		return 1;
	}
	sync_config_from(&cfg, "probe", &sc);
	if (http_global_init() != 0)
		return 1;
	if (numbers_start(cfg.sync.url[0] ? &sc : NULL, cfg.sync.numbering_deadline_ms,
			  (struct numbers_range){ cfg.sync.reserved_from, cfg.sync.reserved_to },
			  on_answer, &p, &n) != 0) {
		fprintf(stderr, "numbers_probe: cannot start (is the reserved range set?)\n");
		return 1;
	}
	status = bench ? run_bench(n, &p, &q, bench) : run_steps(n, &p, &q, argv + i, argc - i);
	numbers_stop(n);
	http_global_cleanup();
	return status;
}
