/* scr_proc_list: the procedures of one field, each with its code and level; long names get
 * taller cells and the list more pages. */
#include "draw.h"
#include "proc_draw.h"

#include <stdio.h>
#include <string.h>

#define LIST_MAX 256   /* procedures a field shows; a province's largest field has ~120 */

static void list_handle(struct app *a, const struct ev *e)
{
	const char *code;

	if (e->type != EV_BUTTON)
		return;
	if (draw_page_turn(e->id, &a->proc_list_page))
		return;
	if (strcmp(e->id, "back") == 0) {
		app_go(a, SCR_PROCS);
	} else if (strcmp(e->id, "home") == 0) {
		app_go(a, SCR_HOME);
	} else if ((code = proc_draw_code("proc_", e->id)) != NULL) {
		proc_draw_open(a, code, CONSULT_BROWSE, SCR_PROC_LIST);
	}
}

static int list_widgets(struct app *a, struct widget *w, int max)
{
	const struct proc_set *s = consult_set(a->consult);
	const struct proc *ps[LIST_MAX];
	const char *names[LIST_MAX], *subs[LIST_MAX];
	char sub[LIST_MAX][64];
	struct metrics m;
	int n = 0, np = 0, rows, per, first, pages;

	draw_metrics(a, &m);
	if (s) {
		size_t total = proc_field_procs(s, a->proc_field, ps, LIST_MAX);
		np = total > LIST_MAX ? LIST_MAX : (int)total;
	}
	for (int i = 0; i < np; i++) {
		proc_draw_sub(a, ps[i], sub[i], sizeof(sub[i]));
		names[i] = ps[i]->name[a->lang];
		subs[i] = sub[i];
	}
	rows = draw_rows_fit(a, &m, names, subs, np);
	per = rows * (m.landscape ? 2 : 1);
	pages = (np + per - 1) / per;
	if (a->proc_list_page >= pages)
		a->proc_list_page = pages ? pages - 1 : 0;
	first = a->proc_list_page * per;
	for (int i = first; i < first + per && i < np; i++) {
		char id[24];

		proc_draw_id("proc_", ps[i]->code, id, sizeof(id));
		n = widget_add(w, n, max, id, draw_cell_rows(&m, i - first, rows), names[i], subs[i],
			       W_NORMAL, true);
	}
	n = draw_pager(a, w, n, max, a->proc_list_page, pages);
	return draw_chrome(a, w, n, max, true, true);
}

static void list_draw(struct app *a, const struct widget *w, int n)
{
	const struct proc_set *s = consult_set(a->consult);
	const struct proc_field *f = s ? proc_field_find(s, a->proc_field) : NULL;

	/* the field's name alone: with "Thủ tục hành chính — " before it, an English title took
	 * two lines and touched the first procedure */
	draw_frame(a, f ? f->name[a->lang] : app_str(a, "procs_title"));
	draw_widgets(a, w, n);
}

const struct screen scr_proc_list = {
	.name = "proc_list",
	.journey = JOURNEY_CONSULT,
	.handle = list_handle,
	.widgets = list_widgets,
	.draw = list_draw,
};
