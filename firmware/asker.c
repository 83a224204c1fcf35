/* asker: the worker thread and its one-question slot (asker.h).
 *
 * Start at worker(): take() waits for a question or the stop flag and moves the slot's
 * question into the worker's own copy, ops->answer works it out, and ops->deliver hands it on
 * unless stop was set meanwhile. The slot is guarded by the mutex; the stop and offline flags
 * are atomics, read without it (stop is also the HTTP context's cancel flag). */
#include "asker.h"

#include "clock.h"
#include "err.h"
#include "http.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct asker {
	const struct asker_ops *ops;
	void *owner;
	char url[256], ca[256], cert[256], key[256], kiosk_id[32];
	bool central;
	struct clock clock;

	/* worker only */
	struct http *http;
	void *question;              /* the one being answered */
	void *answer;

	/* shared */
	pthread_t thread;
	bool started;
	atomic_int stop;
	atomic_bool offline;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool pending;
	void *slot;                  /* the one waiting, ops->question_size bytes */
	int64_t slot_t0_ms;
};

/* ---- the worker ------------------------------------------------------------------------- */

/* Waits for a question; false when stopping (a pending question is dropped with it). */
static bool take(struct asker *a, int64_t *t0_ms)
{
	bool go;

	pthread_mutex_lock(&a->lock);
	while (!a->pending && !atomic_load(&a->stop))
		pthread_cond_wait(&a->wake, &a->lock);
	go = !atomic_load(&a->stop);
	if (go) {
		memcpy(a->question, a->slot, a->ops->question_size);
		*t0_ms = a->slot_t0_ms;
		a->pending = false;
	}
	pthread_mutex_unlock(&a->lock);
	return go;
}

static void *worker(void *arg)
{
	struct asker *a = arg;
	int64_t t0_ms;

	while (take(a, &t0_ms)) {
		memset(a->answer, 0, a->ops->answer_size);
		a->ops->answer(a->owner, a->question, t0_ms, a->answer);
		if (atomic_load(&a->stop))
			break;   /* abandoned: nobody is waiting for it any more */
		a->ops->deliver(a->owner, a->question, a->answer);
	}
	return NULL;
}

/* ---- context ---------------------------------------------------------------------------- */

static int copy(char *dst, size_t len, const char *src)
{
	if (!src)
		src = "";
	if (strlen(src) >= len)
		return ERR_CONFIG;
	memcpy(dst, src, strlen(src) + 1);
	return 0;
}

static int link_init(struct asker *a, const struct sync_config *link, long http_timeout_ms)
{
	struct http_tls tls = { .ca = a->ca, .cert = a->cert, .key = a->key };
	int rc;

	if (!link || !link->url || !link->url[0])
		return 0;
	rc = copy(a->url, sizeof(a->url), link->url);
	if (!rc)
		rc = copy(a->ca, sizeof(a->ca), link->ca);
	if (!rc)
		rc = copy(a->cert, sizeof(a->cert), link->cert);
	if (!rc)
		rc = copy(a->key, sizeof(a->key), link->key);
	if (!rc)
		rc = copy(a->kiosk_id, sizeof(a->kiosk_id), link->kiosk_id);
	if (rc)
		return rc;
	while (strlen(a->url) > 0 && a->url[strlen(a->url) - 1] == '/')
		a->url[strlen(a->url) - 1] = '\0';
	a->central = true;
	rc = http_new(&tls, http_timeout_ms, &a->http);
	if (!rc)
		http_set_cancel(a->http, &a->stop);
	return rc;
}

int asker_start(const struct asker_ops *ops, void *owner, const struct sync_config *link,
		long http_timeout_ms, struct asker **out)
{
	struct asker *a;
	int rc;

	*out = NULL;
	if (!ops || !ops->answer || !ops->deliver || !ops->question_size)
		return ERR_INVAL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return ERR_NOMEM;
	a->ops = ops;
	a->owner = owner;
	atomic_init(&a->stop, 0);
	atomic_init(&a->offline, false);
	clock_init_real(&a->clock);
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->wake, NULL);
	a->slot = calloc(1, ops->question_size);
	a->question = calloc(1, ops->question_size);
	a->answer = calloc(1, ops->answer_size ? ops->answer_size : 1);
	rc = a->slot && a->question && a->answer ? 0 : ERR_NOMEM;
	if (!rc)
		rc = link_init(a, link, http_timeout_ms);
	if (!rc && pthread_create(&a->thread, NULL, worker, a) != 0)
		rc = ERR_NOMEM;
	if (rc) {
		asker_stop(a);
		return rc;
	}
	a->started = true;
	*out = a;
	return 0;
}

void asker_stop(struct asker *a)
{
	if (!a)
		return;
	if (a->started) {
		pthread_mutex_lock(&a->lock);
		atomic_store(&a->stop, 1);
		pthread_cond_signal(&a->wake);
		pthread_mutex_unlock(&a->lock);
		pthread_join(a->thread, NULL);
	}
	http_free(a->http);
	pthread_cond_destroy(&a->wake);
	pthread_mutex_destroy(&a->lock);
	free(a->slot);
	free(a->question);
	free(a->answer);
	free(a);
}

int asker_submit(struct asker *a, const void *question, size_t size)
{
	int64_t t0_ms;

	if (!a)
		return ERR_STATE;
	if (!question || size != a->ops->question_size)
		return ERR_INVAL;
	t0_ms = clock_mono_ms(&a->clock);
	pthread_mutex_lock(&a->lock);
	memcpy(a->slot, question, size);   /* replaces a question not yet started */
	a->slot_t0_ms = t0_ms;
	a->pending = true;
	pthread_cond_signal(&a->wake);
	pthread_mutex_unlock(&a->lock);
	return 0;
}

/* ---- flags and the link ----------------------------------------------------------------- */

bool asker_waiting(struct asker *a)
{
	bool w;

	if (!a)
		return false;
	pthread_mutex_lock(&a->lock);
	w = a->pending;
	pthread_mutex_unlock(&a->lock);
	return w;
}

void asker_set_offline(struct asker *a, bool offline)
{
	if (a)
		atomic_store(&a->offline, offline);
}

bool asker_offline(const struct asker *a)
{
	return atomic_load(&a->offline);
}

bool asker_stopping(const struct asker *a)
{
	return atomic_load(&a->stop) != 0;
}

int64_t asker_since_ms(const struct asker *a, int64_t t0_ms)
{
	return clock_mono_ms(&a->clock) - t0_ms;
}

bool asker_central(const struct asker *a)
{
	return a->central;
}

const char *asker_url(const struct asker *a)
{
	return a->url;
}

const char *asker_kiosk_id(const struct asker *a)
{
	return a->kiosk_id;
}

struct http *asker_http(const struct asker *a)
{
	return a->http;
}
