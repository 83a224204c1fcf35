/* printq: one worker thread and one job slot between the UI and the printer. The worker
 * sleeps on a condition variable; a submit fills the slot and wakes it. Before each job it
 * asks the printer's status, so a known paper-out or offline printer fails the job at once
 * and nothing is sent; between jobs it refreshes the status every PRINTQ_POLL_MS, so the UI
 * can warn about paper before the next citizen taps. Start reading at worker().
 *
 * The printer itself is only touched by the worker (printer_* are not thread-safe), and never
 * under the mutex: a slow USB status query must not stall printq_busy() on the UI thread.
 * On error, printq_submit leaves the raster with the caller. */
#include "printq.h"

#include "drivers/printer_internal.h"
#include "firmware/clock.h"
#include "firmware/err.h"
#include "firmware/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PRINTQ_POLL_MS 2000
#define PRINTQ_NAME_MAX 129

struct printq {
	struct printer *p;
	printq_done_fn done;
	void *user;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;      /* on CLOCK_MONOTONIC: wall-clock jumps must not stop polling */
	bool pending, printing, stopping;
	int64_t job;
	char name[PRINTQ_NAME_MAX];
	struct raster *r;
	struct printer_status last;
};

static void set_last(struct printq *q, const struct printer_status *st)
{
	pthread_mutex_lock(&q->mu);
	q->last = *st;
	pthread_mutex_unlock(&q->mu);
}

static void refresh_status(struct printq *q, struct printer_status *st)
{
	enum printer_state before = printq_last_status(q).state;

	printer_status(q->p, st);
	if (st->state != before)
		log_info("printq: printer %s", printer_state_name(st->state));
	set_last(q, st);
}

/* Outside the mutex. The slot's job and raster belong to the worker from here on. */
static void run_job(struct printq *q, int64_t job, const char *name, struct raster *r)
{
	struct printq_result res = { .job = job };

	refresh_status(q, &res.status);
	if (res.status.state == PRINTER_PAPER_OUT)
		res.rc = ERR_PAPER;
	else if (res.status.state == PRINTER_OFFLINE)
		res.rc = ERR_PRINTER;
	else
		res.rc = printer_print_stamped(q->p, name, r, &res.sent_mono_ns);
	refresh_status(q, &res.status);
	raster_free(r);
	pthread_mutex_lock(&q->mu);
	q->printing = false;
	pthread_mutex_unlock(&q->mu);
	/* not busy any more before the callback: the UI may submit as soon as it hears */
	if (q->done)
		q->done(q->user, &res);
}

/* Called and returns with the mutex held; drops it while the printer works. */
static void take_and_run(struct printq *q)
{
	char name[PRINTQ_NAME_MAX];
	struct raster *r = q->r;
	int64_t id = q->job;

	memcpy(name, q->name, sizeof(name));
	q->r = NULL;
	q->pending = false;
	q->printing = true;
	pthread_mutex_unlock(&q->mu);
	run_job(q, id, name, r);
	pthread_mutex_lock(&q->mu);
}

static void idle_wait(struct printq *q)
{
	struct timespec until = clock_mono_deadline(PRINTQ_POLL_MS);
	struct printer_status st;

	if (pthread_cond_timedwait(&q->cv, &q->mu, &until) == 0 || q->pending || q->stopping)
		return;
	pthread_mutex_unlock(&q->mu);
	refresh_status(q, &st);
	pthread_mutex_lock(&q->mu);
}

static void *worker(void *arg)
{
	struct printq *q = arg;
	struct printer_status st;

	refresh_status(q, &st);
	pthread_mutex_lock(&q->mu);
	/* a name already submitted is finished even when stopping */
	while (!q->stopping || q->pending) {
		if (q->pending)
			take_and_run(q);
		else
			idle_wait(q);
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

static int init_sync(struct printq *q)
{
	if (clock_cond_init(&q->cv) != 0)
		return ERR_NOMEM;
	if (pthread_mutex_init(&q->mu, NULL) == 0)
		return 0;
	pthread_cond_destroy(&q->cv);
	return ERR_NOMEM;
}

int printq_start(struct printer *p, printq_done_fn done, void *user, struct printq **out)
{
	struct printq *q;

	*out = NULL;
	if (!p)
		return ERR_INVAL;
	q = calloc(1, sizeof(*q));
	if (!q)
		return ERR_NOMEM;
	q->p = p;
	q->done = done;
	q->user = user;
	q->last.state = PRINTER_UNKNOWN;
	if (init_sync(q) != 0) {
		free(q);
		return ERR_NOMEM;
	}
	if (pthread_create(&q->thread, NULL, worker, q) != 0) {
		log_error("printq: cannot start the print worker");
		pthread_cond_destroy(&q->cv);
		pthread_mutex_destroy(&q->mu);
		free(q);
		return ERR_NOMEM;
	}
	*out = q;
	return 0;
}

int printq_submit(struct printq *q, int64_t job, const char *name, struct raster *r)
{
	int rc = 0;

	if (!q || !name || !r)
		return ERR_INVAL;
	if (strlen(name) >= PRINTQ_NAME_MAX)
		return ERR_RANGE;
	pthread_mutex_lock(&q->mu);
	if (q->stopping)
		rc = ERR_STATE;
	else if (q->pending || q->printing)
		rc = ERR_BUSY;
	if (rc == 0) {
		q->pending = true;
		q->job = job;
		memcpy(q->name, name, strlen(name) + 1);
		q->r = r;
		pthread_cond_signal(&q->cv);
	}
	pthread_mutex_unlock(&q->mu);
	return rc;
}

bool printq_busy(struct printq *q)
{
	bool busy;

	pthread_mutex_lock(&q->mu);
	busy = q->pending || q->printing;
	pthread_mutex_unlock(&q->mu);
	return busy;
}

struct printer_status printq_last_status(struct printq *q)
{
	struct printer_status st;

	pthread_mutex_lock(&q->mu);
	st = q->last;
	pthread_mutex_unlock(&q->mu);
	return st;
}

void printq_stop(struct printq *q)
{
	if (!q)
		return;
	pthread_mutex_lock(&q->mu);
	q->stopping = true;
	pthread_cond_signal(&q->cv);
	pthread_mutex_unlock(&q->mu);
	pthread_join(q->thread, NULL);
	pthread_cond_destroy(&q->cv);
	pthread_mutex_destroy(&q->mu);
	free(q);
}
