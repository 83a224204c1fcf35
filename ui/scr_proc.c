/* scr_proc: one procedure's page, in large text: its name and code, the papers to hand in,
 * fees and charges, processing time, what the citizen receives and how to submit; paged when
 * it does not fit, a heading never left alone at the bottom of a page. Two actions: take a
 * number for it at the service that receives it (or see when that opens), and print the
 * checklist of papers on the ticket printer. */
#include "draw.h"
#include "proc_draw.h"

#include "firmware/proc_words.h"

#include <stdio.h>
#include <string.h>

#define BLOCKS_MAX (PROC_MAX_PAPERS + PROC_MAX_FEES + 12)
#define PAGES_MAX BLOCKS_MAX

/* One paragraph of the page, and its height at the page's width. */
struct block {
	char text[700];
	int size, flags, h;
	SDL_Color c;
	bool heading;        /* kept on the page of the block after it */
};

struct page_layout {
	SDL_Rect content, take, print;
};

static void page_layout(const struct metrics *m, struct page_layout *l)
{
	if (m->landscape) {
		int cw = m->body.w * 62 / 100, x = m->body.x + cw + m->margin;
		int bh = (m->body.h - m->gap) / 2;

		l->content = (SDL_Rect){ m->body.x, m->body.y, cw, m->body.h };
		l->take = (SDL_Rect){ x, m->body.y, m->body.x + m->body.w - x, bh };
		l->print = (SDL_Rect){ x, m->body.y + bh + m->gap, l->take.w, bh };
	} else {
		int bw = (m->body.w - m->gap) / 2, y = m->body.y + m->body.h - m->footer_h - 200;

		l->content = (SDL_Rect){ m->body.x, m->body.y, m->body.w, y - m->gap - m->body.y };
		l->take = (SDL_Rect){ m->body.x, y, bw, 200 };
		l->print = (SDL_Rect){ m->body.x + bw + m->gap, y, m->body.w - bw - m->gap, 200 };
	}
}

static int add(struct block *b, int n, int size, int flags, SDL_Color c, bool heading,
	       const char *s)
{
	if (n >= BLOCKS_MAX)
		return n;
	snprintf(b[n].text, sizeof(b[n].text), "%s", s);
	b[n].size = size;
	b[n].flags = flags;
	b[n].c = c;
	b[n].heading = heading;
	return n + 1;
}

static int add_heading(struct app *a, const struct metrics *m, struct block *b, int n,
		       const char *key)
{
	return add(b, n, m->s_title, TEXT_BOLD, COL_PRIMARY, true, app_str(a, key));
}

static int blocks_of(struct app *a, const struct metrics *m, const struct proc *p, struct block *b)
{
	const struct proc_set *s = consult_set(a->consult);
	const struct proc_field *f = s ? proc_field_find(s, p->field_id) : NULL;
	char line[700], sub[64];
	int n = 0, big = m->s_title;
	enum lang l = a->lang;

	n = add(b, n, big, TEXT_BOLD, COL_INK, false, p->name[l]);
	proc_draw_sub(a, p, sub, sizeof(sub));
	snprintf(line, sizeof(line), "%s%s%s", sub, f ? " \xc2\xb7 " : "", f ? f->name[l] : "");
	n = add(b, n, m->s_body, 0, COL_MUTED_INK, false, line);
	n = add_heading(a, m, b, n, "proc_papers");
	for (size_t i = 0; i < p->npapers; i++) {
		char paper[600];

		proc_words_paper(a->d.i18n, l, &p->papers[i], paper, sizeof(paper));
		snprintf(line, sizeof(line), "\xe2\x80\xa2 %s", paper);
		n = add(b, n, big, 0, COL_INK, false, line);
	}
	n = add_heading(a, m, b, n, "proc_fees");
	if (p->free_of_charge)
		n = add(b, n, big, 0, COL_INK, false, app_str(a, "proc_fee_none"));
	for (size_t i = 0; i < p->nfees; i++) {
		snprintf(line, sizeof(line), "\xe2\x80\xa2 %s", p->fees[i].text[l]);
		n = add(b, n, big, 0, COL_INK, false, line);
	}
	n = add_heading(a, m, b, n, "proc_time");
	n = add(b, n, big, 0, COL_INK, false, p->time[l]);
	n = add_heading(a, m, b, n, "proc_result");
	n = add(b, n, big, 0, COL_INK, false, p->result[l]);
	n = add_heading(a, m, b, n, "proc_ways");
	proc_words_ways(a->d.i18n, l, p->ways, line, sizeof(line));
	return add(b, n, big, 0, COL_INK, false, line);
}

/* The space above a block: more before a heading. */
static int space_before(const struct metrics *m, const struct block *b, int i)
{
	return i == 0 ? 0 : b[i].heading ? m->gap : m->gap / 3;
}

/* Heights at the content's width (a paragraph taller than a page is drawn smaller, fitted),
 * and the first block of each page; returns the pages. */
static int paginate(struct app *a, const struct metrics *m, SDL_Rect content, struct block *b,
		    int n, int *start)
{
	int pages = 1, y = 0;

	start[0] = 0;
	for (int i = 0; i < n; i++) {
		b[i].h = draw_text_h(a, b[i].text, b[i].size, b[i].flags, content.w);
		if (b[i].h > content.h) {
			b[i].size = m->s_body;
			b[i].flags |= TEXT_FIT;
			b[i].h = draw_text_h(a, b[i].text, b[i].size, b[i].flags, content.w);
			b[i].h = b[i].h > content.h ? content.h : b[i].h;
		}
	}
	for (int i = 0; i < n; i++) {
		int need = space_before(m, b, i) + b[i].h;

		if (b[i].heading && i + 1 < n)
			need += space_before(m, b, i + 1) + b[i + 1].h;
		if (y > 0 && y + need > content.h && pages < PAGES_MAX) {
			start[pages++] = i;
			y = 0;
		}
		y += (y > 0 ? space_before(m, b, i) : 0) + b[i].h;
	}
	start[pages] = n;
	return pages;
}

static void proc_enter(struct app *a)
{
	a->proc_page = 0;
}

static void proc_handle(struct app *a, const struct ev *e)
{
	if (e->type == EV_KEY && e->key == KEY_ESCAPE) {
		app_go(a, a->proc_from);
		return;
	}
	if (e->type != EV_BUTTON)
		return;
	if (draw_page_turn(e->id, &a->proc_page))
		return;
	if (strcmp(e->id, "back") == 0) {
		app_go(a, a->proc_from == SCR_PROC_SEARCH || a->proc_from == SCR_PROC_LIST ?
				  a->proc_from : SCR_PROCS);
	} else if (strcmp(e->id, "home") == 0) {
		app_go(a, SCR_HOME);
	} else if (strcmp(e->id, "take") == 0) {
		if (consult_take_number(a->consult, a->tap_ns) == 0)
			app_follow(a);
	} else if (strcmp(e->id, "print") == 0) {
		consult_print(a->consult);
	}
}

static int take_widget(struct app *a, SDL_Rect r, struct widget *w, int n, int max)
{
	char prefix[8], sub[160], when[96];
	int64_t at;
	enum consult_take st = consult_take_state(a->consult, prefix, sizeof(prefix), &at);
	const struct catalog_service *s = catalog_service_find(app_cat(a), prefix);
	const char *problem = app_printer_problem(a);

	switch (st) {
	case CONSULT_TAKE_NONE:
		return widget_add(w, n, max, "take", r, app_str(a, "proc_take_none"),
				  app_str(a, "proc_take_none_sub"), W_MUTED, false);
	case CONSULT_TAKE_OPEN:
		if (!app_can_issue(a))
			return widget_add(w, n, max, "take", r, app_str(a, "proc_take"),
					  problem ? problem : "", W_MUTED, false);
		i18n_fill(sub, sizeof(sub), app_str(a, "service_open"), s ? s->counters : "");
		return widget_add(w, n, max, "take", r, app_str(a, "proc_take"), sub, W_PRIMARY, true);
	case CONSULT_TAKE_FULL:
		snprintf(sub, sizeof(sub), "%s", app_str(a, "service_full"));
		break;
	case CONSULT_TAKE_LATER:
		if (at < 0) {
			snprintf(sub, sizeof(sub), "%s", app_str(a, "service_closed_unknown"));
			break;
		}
		app_fmt_when(a, at, when, sizeof(when));
		i18n_fill(sub, sizeof(sub), app_str(a, "service_closed"), when);
		break;
	}
	/* not now: a touch says so on the notice screen, with when numbers are given again */
	return widget_add(w, n, max, "take", r, app_str(a, "proc_take"), sub, W_NORMAL, true);
}

static int print_widget(struct app *a, SDL_Rect r, struct widget *w, int n, int max)
{
	enum consult_print pr = consult_printed(a->consult);
	const char *title = app_str(a, "proc_print");
	const char *problem = app_printer_problem(a);

	if (pr == CONSULT_PRINT_PRINTING)
		return widget_add(w, n, max, "print", r, title, app_str(a, "proc_printing"), W_MUTED,
				  false);
	if (prints_problem(a->prints) != PRINT_OK)
		return widget_add(w, n, max, "print", r, title, problem ? problem : "", W_MUTED, false);
	if (pr == CONSULT_PRINT_DONE)
		return widget_add(w, n, max, "print", r, title, app_str(a, "proc_printed"), W_NORMAL,
				  true);
	return widget_add(w, n, max, "print", r, title,
			  app_str(a, pr == CONSULT_PRINT_FAILED ? "proc_print_failed" :
								   "proc_print_sub"),
			  pr == CONSULT_PRINT_FAILED ? W_WARN : W_NORMAL, true);
}

/* The page's blocks and pages, for the widgets (the pager) and the drawing alike. */
static int layout_of(struct app *a, const struct metrics *m, struct page_layout *l,
		     struct block *b, int *nb, int *start)
{
	const struct proc *p = consult_current(a->consult);
	int pages;

	page_layout(m, l);
	*nb = p ? blocks_of(a, m, p, b) : 0;
	pages = paginate(a, m, l->content, b, *nb, start);
	if (a->proc_page >= pages)
		a->proc_page = pages - 1;
	if (a->proc_page < 0)
		a->proc_page = 0;
	return pages;
}

static int proc_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	struct page_layout l;
	struct block b[BLOCKS_MAX] = { 0 };
	int start[PAGES_MAX + 1] = { 0 }, nb, pages, n = 0;

	draw_metrics(a, &m);
	pages = layout_of(a, &m, &l, b, &nb, start);
	if (consult_current(a->consult)) {
		n = take_widget(a, l.take, w, n, max);
		n = print_widget(a, l.print, w, n, max);
	}
	n = draw_pager(a, w, n, max, a->proc_page, pages);
	return draw_chrome(a, w, n, max, true, true);
}

static void proc_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	struct page_layout l;
	struct block b[BLOCKS_MAX] = { 0 };
	int start[PAGES_MAX + 1] = { 0 }, nb, y;

	draw_metrics(a, &m);
	layout_of(a, &m, &l, b, &nb, start);
	/* the field is in the line under the name: a title of one line, as long as English is */
	draw_frame(a, app_str(a, "procs_title"));
	y = l.content.y;
	for (int i = start[a->proc_page]; i < start[a->proc_page + 1]; i++) {
		if (i > start[a->proc_page])
			y += space_before(&m, b, i);
		draw_text(a, b[i].text, b[i].size, b[i].flags, b[i].c,
			  (SDL_Rect){ l.content.x, y, l.content.w, b[i].h });
		y += b[i].h;
	}
	draw_widgets(a, w, n);
}

const struct screen scr_proc = {
	.name = "procedure",
	.journey = JOURNEY_CONSULT,
	.enter = proc_enter,
	.handle = proc_handle,
	.widgets = proc_widgets,
	.draw = proc_draw,
};
