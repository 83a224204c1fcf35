/* lookup_probe: drives the lookup worker (firmware/lookup.c) the way the screens do, for the
 * integration test and make bench. One line per answer on stdout.
 *
 * usage: lookup_probe --config FILE [--now UNIX_S] [--bench N] STEP...
 *   dossier:CODE  ticket:ID   ask, wait for the answer, print it
 *   offline / online          lookup_set_offline
 *   --now                     the clock stamped on answers (default: the real time)
 *   --bench N                 ask every question N times and print instead
 *                             lookup_round_trip_first (the first: connection set-up and
 *                             the cache table) and lookup_round_trip_p50 / _p99 / _max over
 *                             the others (ms, submit to callback, measured here to the
 *                             microsecond)
 *
 * The worker uses the config's [sync] link (or lookup_fixture), lookup_timeout_ms, and the
 * database var_dir/kiosk.db (created if missing). An answer line:
 *   dossier CODE STATE fetched=S elapsed_ms=N [status= received= due= rescheduled= counter=
 *     service= officer= owner="…" procedure_vi="…" procedure_en="…"] [reason="…"]
 *   ticket ID STATE fetched=S elapsed_ms=N [served=0|1 officer= counter=] [reason="…"]
 * Exit status 0 when every step ran (whatever the answers), 1 on a usage or start error. */
#include "firmware/clock.h"
#include "firmware/config.h"
#include "firmware/err.h"
#include "firmware/http.h"
#include "firmware/lookup.h"
#include "firmware/privacy.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_SAMPLES 10000

struct probe {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int answered;
	struct lookup_answer last;
	double answered_ms;   /* monotonic, when the callback ran: finer than elapsed_ms */
};

static void on_answer(void *ctx, const struct lookup_answer *a)
{
	struct probe *p = ctx;

	pthread_mutex_lock(&p->lock);
	p->last = *a;
	p->answered_ms = ((double)clock_mono_ns() / 1e6);
	p->answered++;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

static void print_answer(const struct lookup_answer *a)
{
	const struct dossier_info *d = &a->dossier;
	bool has = a->state == LOOKUP_FOUND || a->state == LOOKUP_CACHED;
	char key[PRIVACY_SHOWN_MAX];

	/* the key is what the probe was asked: shown by the kiosk's one privacy rule */
	privacy_show(a->key, strlen(a->key), key, sizeof(key));
	printf("%s %s %s fetched=%lld elapsed_ms=%lld", a->kind == LOOKUP_DOSSIER ? "dossier"
	       : "ticket", key, lookup_state_name(a->state), (long long)a->fetched_s,
	       (long long)a->elapsed_ms);
	if (has && a->kind == LOOKUP_DOSSIER)
		printf(" status=%d received=%lld due=%lld rescheduled=%lld counter=%s service=%s"
		       " officer=%s owner=\"%s\" procedure_vi=\"%s\" procedure_en=\"%s\"", d->status,
		       (long long)d->received_s, (long long)d->due_s,
		       (long long)d->rescheduled_due_s, d->counter, d->service, d->officer_id,
		       d->owner_masked, d->procedure[LANG_VI], d->procedure[LANG_EN]);
	if (has && a->kind == LOOKUP_TICKET_OFFICER)
		printf(" served=%d officer=%s counter=%s", a->ticket.served ? 1 : 0,
		       a->ticket.officer_id, a->ticket.counter);
	if (a->reason[0])
		printf(" reason=\"%s\"", a->reason);
	printf("\n");
	fflush(stdout);
}

/* Submits and waits (at most 60 s) for the answer. */
static int ask(struct lookup *l, struct probe *p, enum lookup_kind kind, const char *key,
	       int64_t now, struct lookup_answer *out, double *took_ms)
{
	struct timespec ts;
	double t0 = ((double)clock_mono_ns() / 1e6);
	int want, rc;

	pthread_mutex_lock(&p->lock);
	want = p->answered + 1;
	pthread_mutex_unlock(&p->lock);
	rc = lookup_submit(l, kind, key, now, (uint32_t)want);
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

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	static struct config cfg;
	static double samples[MAX_SAMPLES];
	static struct probe p = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, { 0 }, 0 };
	const char *config = NULL;
	char err[512], db[600];
	struct sync_config sc;
	struct lookup *l;
	struct lookup_answer a;
	double took;
	int64_t now = 0;
	int bench = 0, nsamples = 0, i, rc, status = 0;

	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (!strcmp(argv[i], "--config") && i + 1 < argc)
			config = argv[++i];
		else if (!strcmp(argv[i], "--now") && i + 1 < argc)
			now = strtoll(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--bench") && i + 1 < argc)
			bench = atoi(argv[++i]);
		else
			break;
	}
	if (!config || i >= argc || bench < 0 || bench > MAX_SAMPLES) {
		fprintf(stderr, "usage: lookup_probe --config FILE [--now S] [--bench N] "
			"dossier:CODE|ticket:ID|offline|online...\n");
		return 1;
	}
	if (config_load(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "lookup_probe: %s\n", err);
		return 1;
	}
	if (mkdir(cfg.var_dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "lookup_probe: cannot create %s\n", cfg.var_dir);
		return 1;
	}
	snprintf(db, sizeof(db), "%s/kiosk.db", cfg.var_dir);
	sync_config_from(&cfg, "probe", &sc);
	if (http_global_init() != 0)
		return 1;
	rc = lookup_start(cfg.sync.url[0] ? &sc : NULL,
			  cfg.sync.lookup_fixture[0] ? cfg.sync.lookup_fixture : NULL, db,
			  cfg.sync.lookup_timeout_ms, on_answer, &p, &l);
	if (rc) {
		fprintf(stderr, "lookup_probe: cannot start: %s\n", err_str(rc));
		return 1;
	}
	for (; i < argc; i++) {
		const char *step = argv[i];
		enum lookup_kind kind;
		int64_t t = now ? now : (int64_t)time(NULL);

		if (!strcmp(step, "offline") || !strcmp(step, "online")) {
			lookup_set_offline(l, step[1] == 'f');
			continue;
		}
		if (!strncmp(step, "dossier:", 8)) {
			kind = LOOKUP_DOSSIER;
			step += 8;
		} else if (!strncmp(step, "ticket:", 7)) {
			kind = LOOKUP_TICKET_OFFICER;
			step += 7;
		} else {
			fprintf(stderr, "lookup_probe: unknown step %s\n", step);
			status = 1;
			break;
		}
		for (int k = 0; k < (bench ? bench : 1); k++) {
			rc = ask(l, &p, kind, step, t, &a, &took);
			if (rc) {
				fprintf(stderr, "lookup_probe: %s: %s\n", step, err_str(rc));
				status = 1;
				break;
			}
			if (!bench)
				print_answer(&a);
			else if (nsamples < MAX_SAMPLES)
				samples[nsamples++] = took;
		}
	}
	lookup_stop(l);
	http_global_cleanup();
	if (bench && nsamples > 1) {
		printf("lookup_round_trip_first %.2f ms\n", samples[0]);
		nsamples--;
		memmove(samples, samples + 1, (size_t)nsamples * sizeof(samples[0]));
		qsort(samples, (size_t)nsamples, sizeof(samples[0]), cmpd);
		printf("lookup_round_trip_p50 %.2f ms\n", samples[nsamples / 2]);
		printf("lookup_round_trip_p99 %.2f ms\n", samples[(nsamples * 99 + 99) / 100 - 1]);
		printf("lookup_round_trip_max %.2f ms\n", samples[nsamples - 1]);
	}
	return status;
}
