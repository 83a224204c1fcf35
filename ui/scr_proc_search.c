/* scr_proc_search: find a procedure as one types its name or code, with or without accents
 * (firmware/proc_search.h); the best matches are shown after every key. Keys compose the
 * Telex way, and a physical keyboard works too (text, Backspace, Enter opens the first
 * match, Escape goes back). */
#include "draw.h"
#include "keyboard.h"
#include "proc_draw.h"

#include <stdio.h>
#include <string.h>

#define SHOWN_MAX 4

static void search_key(struct app *a, const char *k)
{
	if (strcmp(k, "done") == 0)
		consult_clear(a->consult);
	else if (strcmp(k, "bksp") == 0)
		consult_backspace(a->consult);
	else if (strcmp(k, "space") == 0)
		consult_key(a->consult, ' ');
	else if (k[0] && !k[1])
		consult_key(a->consult, (uint32_t)(unsigned char)k[0]);
}

static void open_first(struct app *a)
{
	size_t n;
	const struct proc_hit *h = consult_results(a->consult, &n, NULL);

	if (n)
		proc_draw_open(a, h[0].p->code, CONSULT_SEARCH, SCR_PROC_SEARCH);
}

static void search_handle(struct app *a, const struct ev *e)
{
	const char *code;

	if (e->type == EV_TEXT) {
		consult_text(a->consult, e->id);
	} else if (e->type == EV_KEY) {
		if (e->key == KEY_BACKSPACE)
			consult_backspace(a->consult);
		else if (e->key == KEY_ENTER)
			open_first(a);
		else if (e->key == KEY_ESCAPE)
			app_go(a, SCR_PROCS);
	} else if (e->type == EV_BUTTON) {
		if (strncmp(e->id, "key_", 4) == 0)
			search_key(a, e->id + 4);
		else if ((code = proc_draw_code("hit_", e->id)) != NULL)
			proc_draw_open(a, code, CONSULT_SEARCH, SCR_PROC_SEARCH);
		else if (strcmp(e->id, "back") == 0)
			app_go(a, SCR_PROCS);
		else if (strcmp(e->id, "home") == 0)
			app_go(a, SCR_HOME);
	}
}

/* The query box, the line under it, the matches and the keys: stacked in portrait; in
 * landscape the keys take the right of the body. */
struct search_layout {
	SDL_Rect box, line, results, keys;
	int row_h;
};

static void layout(const struct metrics *m, struct search_layout *l)
{
	int col = m->landscape ? m->body.w * 42 / 100 : m->body.w;
	int keys_h = m->landscape ? m->body.h : 5 * 120 + 4 * (m->gap / 2);

	l->box = (SDL_Rect){ m->body.x, m->body.y, col, m->s_title * 2 };
	l->line = (SDL_Rect){ m->body.x, l->box.y + l->box.h + m->gap / 2, col, m->s_sub * 3 / 2 };
	l->keys = m->landscape ? (SDL_Rect){ m->body.x + col + m->margin, m->body.y,
					     m->body.w - col - m->margin, keys_h }
			       : (SDL_Rect){ m->body.x, m->body.y + m->body.h - keys_h, m->body.w, keys_h };
	l->results = (SDL_Rect){ m->body.x, l->line.y + l->line.h + m->gap, col, 0 };
	l->results.h = (m->landscape ? m->body.y + m->body.h : l->keys.y - m->gap) - l->results.y;
	/* a name of two lines and its code under it: the landscape column is narrower */
	l->row_h = m->landscape ? 170 : 150;
}

static int shown_max(const struct search_layout *l, const struct metrics *m)
{
	int k = (l->results.h + m->gap) / (l->row_h + m->gap);

	return k > SHOWN_MAX ? SHOWN_MAX : k;
}

static int search_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	struct search_layout l;
	struct keyboard_spec k = { .shift = false, .can_delete = consult_query(a->consult)[0] != 0,
				   .done = app_str(a, "search_clear") };
	const struct proc_hit *h;
	size_t nh;
	int n;

	draw_metrics(a, &m);
	layout(&m, &l);
	n = keyboard_widgets_add(a, l.keys, &k, w, 0, max);
	h = consult_results(a->consult, &nh, NULL);
	for (int i = 0; i < shown_max(&l, &m) && (size_t)i < nh; i++) {
		char id[24], sub[64];

		proc_draw_id("hit_", h[i].p->code, id, sizeof(id));
		proc_draw_sub(a, h[i].p, sub, sizeof(sub));
		n = widget_add(w, n, max, id, (SDL_Rect){ l.results.x, l.results.y + i * (l.row_h + m.gap),
							   l.results.w, l.row_h },
			       h[i].p->name[a->lang], sub, W_NORMAL, true);
	}
	return draw_chrome(a, w, n, max, true, true);
}

/* The end of the query, so that what is being typed is always in view, with a caret. */
static void draw_box(struct app *a, const struct metrics *m, SDL_Rect box)
{
	const char *q = consult_query(a->consult);
	char shown[200];
	size_t len = strlen(q), from = 0;
	SDL_Rect in = { box.x + m->gap, box.y + 4, box.w - 2 * m->gap, box.h - 8 };

	draw_fill(a, box, COL_PRIMARY);
	draw_fill(a, (SDL_Rect){ box.x + 4, box.y + 4, box.w - 8, box.h - 8 }, COL_WHITE);
	if (!q[0]) {
		draw_text(a, app_str(a, "search_placeholder"), m->s_body, TEXT_VCENTER | TEXT_FIT,
			  COL_MUTED_INK, in);
		return;
	}
	if (len > 60) {
		from = len - 60;
		while (((unsigned char)q[from] & 0xC0) == 0x80)
			from++;
	}
	snprintf(shown, sizeof(shown), "%s%s|", from ? "\xe2\x80\xa6" : "", q + from);
	draw_text(a, shown, m->s_title, TEXT_VCENTER | TEXT_FIT, COL_INK, in);
}

static void search_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	struct search_layout l;
	size_t nh, total;
	char line[128], num[24];
	int k;

	draw_metrics(a, &m);
	layout(&m, &l);
	draw_frame(a, app_str(a, "search_title"));
	draw_box(a, &m, l.box);
	consult_results(a->consult, &nh, &total);
	if (!consult_query(a->consult)[0]) {
		draw_text(a, app_str(a, "search_hint"), m.s_body, 0, COL_INK, l.results);
	} else if (total == 0) {
		draw_text(a, app_str(a, "search_none"), m.s_body, TEXT_BOLD, COL_WARN_INK, l.results);
	} else {
		snprintf(num, sizeof(num), "%zu", total);
		i18n_fill(line, sizeof(line), app_str(a, total > (size_t)shown_max(&l, &m) ?
						     "search_more" : "search_count"), num);
		draw_text(a, line, m.s_sub, TEXT_VCENTER | TEXT_FIT, COL_OK, l.line);
	}
	k = keyboard_draw(a, w, n);
	draw_widgets(a, w + k, n - k);
}

const struct screen scr_proc_search = {
	.name = "proc_search",
	.journey = JOURNEY_CONSULT,
	.handle = search_handle,
	.widgets = search_widgets,
	.draw = search_draw,
};
