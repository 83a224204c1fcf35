/* prints: every job for the printer, each with its kind: a citizen's ticket, a copy of one
 * printed again (a remote reprint), the staff's test page. This module renders them (the
 * words in Vietnamese, laid out by the renderer the screen gives, ticket_view.h), sends them
 * to the printer worker one at a time, and gives each result back with the kind and ticket
 * it was for, so that a result is never taken for another job's. It also keeps the printer's
 * state, from each result and each poll, and reports every change as health.printer: staff
 * far from the kiosk learn of a roll running out before a citizen meets an empty printer. */
#ifndef KIOSK_JOURNEY_PRINTS_H
#define KIOSK_JOURNEY_PRINTS_H

#include "drivers/printq.h"
#include "firmware/queue.h"
#include "firmware/checklist_view.h"
#include "firmware/proc.h"
#include "firmware/ticket_view.h"

#include <stdbool.h>
#include <stdint.h>

enum print_kind { PRINT_NONE, PRINT_TICKET, PRINT_COPY, PRINT_TEST, PRINT_CHECKLIST };

/* Why no ticket can be printed now; PRINT_OK when one can. */
enum print_problem {
	PRINT_OK,
	PRINT_STAFF_JOB,    /* a copy or the test page is printing: a few seconds */
	PRINT_CHECKLIST_JOB, /* a procedure's checklist is printing: a few seconds */
	PRINT_PAPER_OUT,
	PRINT_OFFLINE,
};

struct journey_ctx;
struct prints;

/* cx outlives the module. Caller frees with prints_free. */
int prints_new(struct journey_ctx *cx, struct prints **out);
void prints_free(struct prints *p);
/* The screen's renderer (ui/ticket.c); until it is given, every job fails with ERR_STATE. */
void prints_set_renderer(struct prints *p, ticket_render_fn fn, void *user);

/* The screen's renderer of checklists (ui/ticket.c); without it a checklist fails with
 * ERR_STATE. */
void prints_set_checklist_renderer(struct prints *p, checklist_render_fn fn, void *user);

/* Render and send; 0, or why nothing was sent (ERR_BUSY while another job prints). */
int prints_ticket(struct prints *p, const struct queue_ticket *t);
int prints_copy(struct prints *p, const struct queue_ticket *t);
int prints_test_page(struct prints *p);
/* A procedure's checklist (checklist_view.h), through the same gate as a ticket: ERR_PAPER
 * or ERR_PRINTER while the printer cannot print, ERR_BUSY while any job is out (a citizen's
 * ticket is never queued behind a checklist, nor one behind it). */
int prints_checklist(struct prints *p, const struct proc *proc);
/* A copy or the test page is out: sent, and its result not yet back. */
bool prints_staff_job(const struct prints *p);
/* The printer worker has a job queued or printing (its result may not be posted yet). */
bool prints_worker_busy(const struct prints *p);
bool prints_printing(const struct prints *p, enum print_kind k);

/* A result of the worker, on the UI thread: the printer's state is taken from it, and the
 * kind and ticket of the job it was for are given back (PRINT_NONE, logged, for a job this
 * module did not send). */
enum print_kind prints_done(struct prints *p, const struct printq_result *res,
			    int64_t *ticket_id);
/* Once a second: the worker's last status. */
void prints_poll(struct prints *p);
struct printer_status prints_status(const struct prints *p);
enum print_problem prints_problem(const struct prints *p);

/* The last ticket rendered (not a copy or test page), for the screen's picture of it; seq
 * changes with each. NULL before the first. Borrowed until the next ticket. */
const struct raster *prints_preview(const struct prints *p, unsigned *seq);

#endif
