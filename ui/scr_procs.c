/* scr_procs: administrative procedures (Decree 118 art. 13.2.b): find one by typing its name
 * or code, or browse the fields. Reached from the home and closed screens: reading about a
 * procedure needs no number, so it is there out of hours too. */
#include "draw.h"
#include "proc_draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void proc_draw_sub(const struct app *a, const struct proc *p, char *out, size_t len)
{
	char code[48];

	i18n_fill(code, sizeof(code), app_str(a, "proc_code_level"), p->code);
	snprintf(out, len, "%s \xc2\xb7 %s", code, proc_level_word(p->level, a->lang));
}

void proc_draw_open(struct app *a, const char *code, enum consult_via via, enum screen_id from)
{
	if (consult_open(a->consult, code, via) != 0)
		return;
	a->proc_from = from;
	app_go(a, SCR_PROC);
}

void proc_draw_id(const char *prefix, const char *code, char *out, size_t len)
{
	snprintf(out, len, "%s%s", prefix, code);
}

const char *proc_draw_code(const char *prefix, const char *id)
{
	size_t n = strlen(prefix);

	return strncmp(id, prefix, n) == 0 && id[n] ? id + n : NULL;
}

static void procs_enter(struct app *a)
{
	a->page = 0;
}

static void procs_handle(struct app *a, const struct ev *e)
{
	const struct proc_set *s = consult_set(a->consult);

	if (e->type == EV_TEXT && s) {
		/* typed on a physical keyboard: the search, with what was typed */
		app_go(a, SCR_PROC_SEARCH);
		consult_text(a->consult, e->id);
		return;
	}
	if (e->type != EV_BUTTON)
		return;
	if (draw_page_turn(e->id, &a->page))
		return;
	if (strcmp(e->id, "back") == 0) {
		app_go(a, SCR_HOME);
	} else if (strcmp(e->id, "search") == 0) {
		app_go(a, SCR_PROC_SEARCH);
	} else if (strncmp(e->id, "pfield_", 7) == 0 && s) {
		size_t i = (size_t)strtoul(e->id + 7, NULL, 10);

		if (i >= proc_field_count(s))
			return;
		snprintf(a->proc_field, sizeof(a->proc_field), "%s", proc_field_at(s, i)->id);
		a->proc_list_page = 0;
		app_go(a, SCR_PROC_LIST);
	}
}

/* The search button, then a line that says what the list under it is. */
static SDL_Rect search_rect(const struct metrics *m)
{
	return (SDL_Rect){ m->body.x, m->body.y, m->body.w, m->landscape ? 150 : 200 };
}

static int list_top(const struct metrics *m)
{
	SDL_Rect r = search_rect(m);

	return r.y + r.h + m->gap + m->s_body * 3 / 2 + m->gap;
}

static int procs_widgets(struct app *a, struct widget *w, int max)
{
	const struct proc_set *s = consult_set(a->consult);
	struct metrics m, lm;
	const char *names[APP_MAX_FIELDS], *subs[APP_MAX_FIELDS];
	char sub[APP_MAX_FIELDS][64];
	int n = 0, nf, rows, per, first;

	draw_metrics(a, &m);
	if (!s)
		return draw_chrome(a, w, 0, max, true, false);
	n = widget_add(w, n, max, "search", search_rect(&m), app_str(a, "procs_search"),
		       app_str(a, "procs_search_sub"), W_PRIMARY, true);
	nf = (int)proc_field_count(s);
	nf = nf > APP_MAX_FIELDS ? APP_MAX_FIELDS : nf;
	for (int i = 0; i < nf; i++) {
		const struct proc_field *f = proc_field_at(s, (size_t)i);
		char num[16];

		snprintf(num, sizeof(num), "%zu", proc_field_procs(s, f->id, NULL, 0));
		i18n_fill(sub[i], sizeof(sub[i]), app_str(a, "procs_count"), num);
		names[i] = f->name[a->lang];
		subs[i] = sub[i];
	}
	/* the fields fill the body under the search, in cells that hold their names */
	lm = m;
	lm.body.h -= list_top(&m) - m.body.y;
	lm.body.y = list_top(&m);
	rows = draw_rows_fit(a, &lm, names, subs, nf);
	per = rows * (m.landscape ? 2 : 1);
	first = a->page * per;
	for (int i = first; i < first + per && i < nf; i++) {
		char id[24];

		snprintf(id, sizeof(id), "pfield_%d", i);
		n = widget_add(w, n, max, id, draw_cell_rows(&lm, i - first, rows), names[i], subs[i],
			       W_NORMAL, true);
	}
	n = draw_pager(a, w, n, max, a->page, (nf + per - 1) / per);
	return draw_chrome(a, w, n, max, true, false);
}

static void procs_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	SDL_Rect r;

	draw_metrics(a, &m);
	draw_frame(a, app_str(a, "procs_title"));
	if (!consult_set(a->consult)) {
		draw_text(a, app_str(a, "procs_none"), m.s_title, TEXT_CENTER, COL_INK,
			  (SDL_Rect){ m.body.x, m.body.y + m.margin, m.body.w, m.body.h / 2 });
	} else {
		r = search_rect(&m);
		draw_text(a, app_str(a, "procs_browse"), m.s_body, TEXT_BOLD | TEXT_VCENTER, COL_INK,
			  (SDL_Rect){ m.body.x, r.y + r.h + m.gap, m.body.w, m.s_body * 3 / 2 });
	}
	draw_widgets(a, w, n);
}

const struct screen scr_procs = {
	.name = "procedures",
	.journey = JOURNEY_CONSULT,
	.enter = procs_enter,
	.handle = procs_handle,
	.widgets = procs_widgets,
	.draw = procs_draw,
};
