/* printq: the printer worker thread. The UI thread submits a job and carries on; the worker
 * checks status, prints, and reports each outcome through the done callback (called on the
 * worker thread: the callback only posts an event to the UI, it touches no UI state).
 * One job at a time: a second submit while busy returns ERR_BUSY. */
#ifndef KIOSK_PRINTQ_H
#define KIOSK_PRINTQ_H

#include "drivers/printer.h"

#include <stdint.h>

struct printq_result {
	int64_t job;         /* as submitted */
	int rc;              /* 0 printed; ERR_PAPER, ERR_PRINTER, ERR_IO otherwise */
	struct printer_status status; /* status after the job */
	int64_t sent_mono_ns;         /* CLOCK_MONOTONIC when the bytes reached the driver */
};

typedef void (*printq_done_fn)(void *user, const struct printq_result *res);

struct printq;

/* Takes ownership of nothing; p must outlive the queue. */
int printq_start(struct printer *p, printq_done_fn done, void *user, struct printq **out);
/* Submit a raster (ownership passes to the queue, freed after printing) as job, a number the
 * result carries back, named `name` for the driver (a virtual printer's file name). On an
 * error return (ERR_BUSY, ERR_STATE, ERR_INVAL, ERR_RANGE) the raster stays with the caller. */
int printq_submit(struct printq *q, int64_t job, const char *name, struct raster *r);
/* True while a job is queued or printing. */
bool printq_busy(struct printq *q);
/* Last known printer status (refreshed by the worker between jobs and every few seconds). */
struct printer_status printq_last_status(struct printq *q);
/* Finish the current job, stop the thread, free. NULL is a no-op. */
void printq_stop(struct printq *q);

#endif
