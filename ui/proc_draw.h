/* proc_draw: what the procedure screens share (ui/scr_procs.c, scr_proc_list.c,
 * scr_proc_search.c, scr_proc.c): a procedure's sub-line in a list, and opening a
 * procedure's page from a list. */
#ifndef KIOSK_PROC_DRAW_H
#define KIOSK_PROC_DRAW_H

#include "ui/app.h"

/* "Mã 1.001193 · Cấp xã" */
void proc_draw_sub(const struct app *a, const struct proc *p, char *out, size_t len);
/* Opens code's page, to go back to from (the list or the search) with Back. */
void proc_draw_open(struct app *a, const char *code, enum consult_via via, enum screen_id from);
/* The procedure widget's id for code ("proc_<code>"), and the code of such an id (NULL: not
 * one). */
void proc_draw_id(const char *prefix, const char *code, char *out, size_t len);
const char *proc_draw_code(const char *prefix, const char *id);

#endif
