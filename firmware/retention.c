/* retention: the worker thread (retention.h). Start at retention_start. */
#include "retention.h"

#include "clock.h"
#include "err.h"
#include "log.h"
#include "storage.h"
#include "store.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct retention {
	char db_path[512];
	struct config_storage cfg;
	struct storage *storage;
	struct store *store;      /* opened at the first pass, kept */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;
};

void retention_limits(const struct config_storage *cfg, int64_t now, struct store_retention *out)
{
	struct clock_local l;

	clock_to_local(now - (int64_t)cfg->tickets_days * 86400, &l);
	out->events_before = now - (int64_t)cfg->events_days * 86400;
	out->tickets_before = l.ymd;
	out->ratings_before = now - (int64_t)cfg->ratings_days * 86400;
	out->comments_before = now - (int64_t)cfg->comments_days * 86400;
	out->cache_before = now - 7 * 86400;
}

static void pass(struct retention *r)
{
	struct store_retention lim;
	int deleted = 0, rc = 0;

	if (r->storage)
		storage_remake_reserve(r->storage);
	if (!r->store && (rc = store_open(r->db_path, &r->store)) != 0) {
		log_warn("retention: cannot open the database: %s", err_str(rc));
		return;
	}
	retention_limits(&r->cfg, (int64_t)time(NULL), &lim);
	rc = store_retention_run(r->store, &lim, RETENTION_MAX_BATCHES, &deleted);
	if (rc)
		log_warn("retention: stopped after %d rows: %s", deleted, err_str(rc));
	else if (deleted)
		log_info("retention: %d old rows deleted", deleted);
}

/* Waits s seconds or until stopped; true when stopped. */
static bool wait_s(struct retention *r, int s)
{
	struct timespec until;
	bool stop;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += s;
	pthread_mutex_lock(&r->mu);
	while (!r->stop && pthread_cond_timedwait(&r->cv, &r->mu, &until) == 0)
		;
	stop = r->stop;
	pthread_mutex_unlock(&r->mu);
	return stop;
}

static void *run(void *arg)
{
	struct retention *r = arg;

	if (wait_s(r, RETENTION_FIRST_S))
		return NULL;
	do
		pass(r);
	while (!wait_s(r, RETENTION_PERIOD_S));
	return NULL;
}

int retention_start(const char *db_path, const struct config_storage *cfg, struct storage *g,
		    struct retention **out)
{
	struct retention *r = calloc(1, sizeof(*r));

	*out = NULL;
	if (!r)
		return ERR_NOMEM;
	snprintf(r->db_path, sizeof(r->db_path), "%s", db_path);
	r->cfg = *cfg;
	r->storage = g;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	if (pthread_create(&r->thread, NULL, run, r) != 0) {
		pthread_cond_destroy(&r->cv);
		pthread_mutex_destroy(&r->mu);
		free(r);
		return ERR_NOMEM;
	}
	*out = r;
	return 0;
}

void retention_stop(struct retention *r)
{
	if (!r)
		return;
	pthread_mutex_lock(&r->mu);
	r->stop = true;
	pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->thread, NULL);
	store_close(r->store);
	pthread_cond_destroy(&r->cv);
	pthread_mutex_destroy(&r->mu);
	free(r);
}
