/* printq: the print worker against the simulated printer and a fake that blocks in send. */
#include "../t.h"
#include "../../drivers/printq.h"
#include "../../firmware/clock.h"
#include "../../firmware/err.h"

#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

struct done_box {
	pthread_mutex_t mu;
	int calls;
	struct printq_result last;
};

static void on_done(void *user, const struct printq_result *res)
{
	struct done_box *box = user;

	pthread_mutex_lock(&box->mu);
	box->calls++;
	box->last = *res;
	pthread_mutex_unlock(&box->mu);
}

/* Polls for up to 5 s until the callback ran `calls` times. */
static bool wait_calls(struct done_box *box, int calls)
{
	for (int i = 0; i < 500; i++) {
		bool ok;

		pthread_mutex_lock(&box->mu);
		ok = box->calls >= calls;
		pthread_mutex_unlock(&box->mu);
		if (ok)
			return true;
		usleep(10000);
	}
	return false;
}

static int open_sim(const char *mode, const char *dir, struct printer **p)
{
	struct config_printer c;

	memset(&c, 0, sizeof(c));
	snprintf(c.driver, sizeof(c.driver), "simulated");
	snprintf(c.simulate, sizeof(c.simulate), "%s", mode);
	return printer_open(&c, dir, p);
}

T_TEST(printq_prints_and_reports)
{
	struct done_box box = { PTHREAD_MUTEX_INITIALIZER, 0, { 0 } };
	struct printer *p = NULL;
	struct printq *q = NULL;
	char path[600];
	int64_t before = clock_mono_ns();

	T_OK(open_sim("ok", t_tmpdir(), &p));
	T_OK(printq_start(p, on_done, &box, &q));
	T_OK(printq_submit(q, 42, "T-42", raster_new(64, 30)));
	T_CHECK(wait_calls(&box, 1));
	T_EQ(box.last.rc, 0);
	T_EQ(box.last.job, 42);
	T_CHECK(box.last.sent_mono_ns >= before);
	T_CHECK(box.last.sent_mono_ns <= clock_mono_ns());
	T_EQ(box.last.status.state, PRINTER_READY);
	snprintf(path, sizeof(path), "%s/T-42.bin", t_tmpdir());
	T_CHECK(access(path, F_OK) == 0);
	T_CHECK(!printq_busy(q));
	/* the slot is free again once the callback has been heard */
	T_OK(printq_submit(q, 43, "T-43", raster_new(64, 30)));
	T_CHECK(wait_calls(&box, 2));
	T_EQ(box.last.job, 43);
	printq_stop(q);
	printer_close(p);
}

T_TEST(printq_paper_out_sends_nothing)
{
	struct done_box box = { PTHREAD_MUTEX_INITIALIZER, 0, { 0 } };
	struct printer *p = NULL;
	struct printq *q = NULL;
	char path[600];

	T_OK(open_sim("paper-out", t_tmpdir(), &p));
	T_OK(printq_start(p, on_done, &box, &q));
	T_OK(printq_submit(q, 7, "T-7", raster_new(64, 30)));
	T_CHECK(wait_calls(&box, 1));
	T_EQ(box.last.rc, ERR_PAPER);
	T_EQ(box.last.sent_mono_ns, 0);
	T_EQ(box.last.status.state, PRINTER_PAPER_OUT);
	T_EQ(printq_last_status(q).state, PRINTER_PAPER_OUT);
	snprintf(path, sizeof(path), "%s/T-7.bin", t_tmpdir());
	T_CHECK(access(path, F_OK) != 0);
	printq_stop(q);
	printer_close(p);
}

T_TEST(printq_offline_and_failed_send)
{
	struct done_box box = { PTHREAD_MUTEX_INITIALIZER, 0, { 0 } };
	struct printer *p = NULL;
	struct printq *q = NULL;

	T_OK(open_sim("offline", t_tmpdir(), &p));
	T_OK(printq_start(p, on_done, &box, &q));
	T_OK(printq_submit(q, 1, "T-1", raster_new(8, 8)));
	T_CHECK(wait_calls(&box, 1));
	T_EQ(box.last.rc, ERR_PRINTER);
	T_EQ(box.last.sent_mono_ns, 0);
	printq_stop(q);
	printer_close(p);

	T_OK(open_sim("fail-send", t_tmpdir(), &p));
	T_OK(printq_start(p, on_done, &box, &q));
	T_OK(printq_submit(q, 2, "T-2", raster_new(8, 8)));
	T_CHECK(wait_calls(&box, 2));
	T_EQ(box.last.rc, ERR_PRINTER);
	T_CHECK(box.last.sent_mono_ns > 0); /* it did reach the driver */
	printq_stop(q);
	printer_close(p);
}

/* A fake printer whose send blocks until the test opens the gate. */
static struct gate {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool entered, open;
	enum printer_state state;
} gate = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, false, PRINTER_READY };

static int gate_send(void *state, const char *job, const uint8_t *bytes, size_t len,
		     const struct raster *r)
{
	(void)state, (void)job, (void)bytes, (void)len, (void)r;
	pthread_mutex_lock(&gate.mu);
	gate.entered = true;
	pthread_cond_broadcast(&gate.cv);
	while (!gate.open)
		pthread_cond_wait(&gate.cv, &gate.mu);
	pthread_mutex_unlock(&gate.mu);
	return 0;
}

static int gate_status(void *state, struct printer_status *out)
{
	(void)state;
	pthread_mutex_lock(&gate.mu);
	out->state = gate.state;
	pthread_mutex_unlock(&gate.mu);
	return 0;
}

static const struct printer_ops gate_ops = {
	.name = "gate", .send = gate_send, .status = gate_status,
};

static void gate_reset(enum printer_state state)
{
	pthread_mutex_lock(&gate.mu);
	gate.entered = false;
	gate.open = false;
	gate.state = state;
	pthread_mutex_unlock(&gate.mu);
}

T_TEST(printq_busy_while_printing)
{
	struct done_box box = { PTHREAD_MUTEX_INITIALIZER, 0, { 0 } };
	struct printer *p = NULL;
	struct printq *q = NULL;
	struct raster *second = raster_new(8, 8);
	struct timespec until;
	bool entered;

	gate_reset(PRINTER_READY);
	T_OK(printer_open_ops(&gate_ops, NULL, NULL, &p));
	T_OK(printq_start(p, on_done, &box, &q));
	T_OK(printq_submit(q, 1, "T-1", raster_new(8, 8)));
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	pthread_mutex_lock(&gate.mu);
	while (!gate.entered && pthread_cond_timedwait(&gate.cv, &gate.mu, &until) == 0)
		;
	entered = gate.entered;
	pthread_mutex_unlock(&gate.mu);
	T_CHECK(entered);
	T_CHECK(printq_busy(q));
	T_EQ(printq_submit(q, 2, "T-2", second), ERR_BUSY);
	raster_free(second); /* a refused raster stays with the caller */
	pthread_mutex_lock(&gate.mu);
	gate.open = true;
	pthread_cond_broadcast(&gate.cv);
	pthread_mutex_unlock(&gate.mu);
	T_CHECK(wait_calls(&box, 1));
	T_EQ(box.last.rc, 0);
	T_EQ(box.last.job, 1);
	printq_stop(q);
	printer_close(p);
}

T_TEST(printq_refreshes_status_when_idle)
{
	struct printer *p = NULL;
	struct printq *q = NULL;
	bool seen = false;

	gate_reset(PRINTER_READY);
	T_OK(printer_open_ops(&gate_ops, NULL, NULL, &p));
	T_OK(printq_start(p, NULL, NULL, &q));
	for (int i = 0; i < 100 && printq_last_status(q).state != PRINTER_READY; i++)
		usleep(10000);
	T_EQ(printq_last_status(q).state, PRINTER_READY);
	gate_reset(PRINTER_PAPER_OUT); /* someone ran the roll out */
	for (int i = 0; i < 400 && !seen; i++) {
		seen = printq_last_status(q).state == PRINTER_PAPER_OUT;
		usleep(10000);
	}
	T_CHECK(seen);
	printq_stop(q);
	printer_close(p);
}

T_TEST(printq_stop_when_idle)
{
	struct printer *p = NULL;
	struct printq *q = NULL;

	T_OK(open_sim("ok", NULL, &p));
	T_OK(printq_start(p, NULL, NULL, &q));
	T_CHECK(!printq_busy(q));
	printq_stop(q);
	printq_stop(NULL);
	printer_close(p);
}
