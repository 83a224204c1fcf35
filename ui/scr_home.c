/* scr_home: the welcome screen with the one big action. Goes to the closed screen when no
 * service is open. */
#include "draw.h"

#include "firmware/journey/voice.h"

#include <stdio.h>
#include <string.h>

static void home_enter(struct app *a)
{
	a->field[0] = a->service[0] = '\0';
	a->page = 0;
	a->priority = 0;
	if (remote_locked(a->remote))
		app_go(a, SCR_LOCKED);
	else if (take_all_closed(a->take, &a->closed_next))
		app_go(a, SCR_CLOSED);
}

static void home_tick(struct app *a)
{
	if (take_all_closed(a->take, &a->closed_next))
		app_go(a, SCR_CLOSED);
}

/* Voice guidance for this citizen, on or off, said aloud either way. */
static void toggle_voice(struct app *a)
{
	struct speech_src src = { a->d.i18n, app_cat(a) };
	struct speech s;

	assist_voice_toggle(a->assist);
	speech_init(&s, a->lang);
	speech_key(&s, &src, assist_voice(a->assist) ? "voice_on" : "voice_off");
	voice_say(a->d.voice, &src, &s);
}

static void home_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "take") == 0)
		app_go(a, SCR_FIELDS);
	else if (strcmp(e->id, "lookup") == 0)
		app_go(a, SCR_SCAN);
	else if (strcmp(e->id, "rate") == 0)
		rate_begin(a->rate);
	else if (strcmp(e->id, "directory") == 0)
		app_go(a, SCR_DIRECTORY);
	else if (strcmp(e->id, "procedures") == 0)
		app_go(a, SCR_PROCS);
	else if (strcmp(e->id, "help") == 0) {
		help_request(a->help, "home", assist_voice(a->assist));
		app_go(a, SCR_HELP);
	} else if (strcmp(e->id, "voice") == 0)
		toggle_voice(a);
}

/* The call for help, at the bottom where the footer of other screens is, half the width. */
static int help_widget(struct app *a, const struct metrics *m, struct widget *w, int n, int max)
{
	SDL_Rect r = { m->margin, m->h - m->footer_h + m->gap, (m->body.w - m->gap) / 2,
		       m->footer_h - 2 * m->gap };

	n = widget_add(w, n, max, "help", r, app_str(a, "help_button"), NULL, W_WARN, true);
	if (!a->d.cfg->voice.enabled)
		return n;
	/* voice guidance beside it where the unit offers a voice; in portrait, whose half width
	 * would shrink its words, the whole width above it */
	if (m->landscape)
		r.x += r.w + m->gap;
	else
		r = (SDL_Rect){ m->margin, r.y - r.h - m->gap, m->body.w, r.h };
	return widget_add(w, n, max, "voice", r, app_str(a, "voice_button"), NULL,
			  assist_voice(a->assist) ? W_CHROME : W_PRIMARY, true);
}

/* The top of the call for help, or of voice guidance above it in portrait. */
static int footer_top(const struct app *a, const struct metrics *m)
{
	int y = m->h - m->footer_h + m->gap;

	if (!m->landscape && a->d.cfg->voice.enabled)
		y -= m->footer_h - m->gap;
	return y;
}

static int home_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	SDL_Rect r;
	bool ok = app_can_issue(a);
	/* the procedures (Decree 118 art. 13.2.b) where the unit has any */
	bool procs = consult_set(a->consult) != NULL;
	int count = procs ? 4 : 3;

	draw_metrics(a, &m);
	/* the hint on top, then the main action, then the others: the eye goes down once; with
	 * four others the main action gives up a little height so that they stay tall */
	r = (SDL_Rect){ m.margin, m.body.y + m.s_body * 2 + m.gap, m.body.w,
			m.landscape ? (procs ? 180 : 220) : (procs ? 400 : 460) };
	const char *problem = app_printer_problem(a);
	int n = widget_add(w, 0, max, "take", r, app_str(a, "home_take_number"),
			   problem ? problem : app_str(a, "home_take_number_sub"),
			   ok ? W_PRIMARY : W_WARN, ok);
	/* the other services, smaller, under the main action: one column in portrait, a row in
	 * landscape; as tall as the room above the footer allows, at most 200 px (280 for a row of
	 * four, whose titles wrap) */
	static const char *const ids[] = { "lookup", "rate", "directory", "procedures" };
	int y = r.y + r.h + m.margin, room = footer_top(a, &m) - m.gap - y;
	int h = m.landscape ? room : (room - (count - 1) * m.gap) / count;
	int cw = m.landscape ? (m.body.w - (count - 1) * m.gap) / count : m.body.w;

	int most = procs && m.landscape ? 280 : 200;

	if (h > most)
		h = most;
	for (int i = 0; i < count; i++) {
		char title[48], sub[48];
		SDL_Rect c = m.landscape ? (SDL_Rect){ m.margin + i * (cw + m.gap), y, cw, h } :
					   (SDL_Rect){ m.margin, y + i * (h + m.gap), cw, h };

		snprintf(title, sizeof(title), "home_%s", ids[i]);
		snprintf(sub, sizeof(sub), "home_%s_sub", ids[i]);
		n = widget_add(w, n, max, ids[i], c, app_str(a, title), app_str(a, sub), W_NORMAL,
			       true);
	}
	n = help_widget(a, &m, w, n, max);
	return draw_chrome(a, w, n, max, false, false);
}

static void home_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;

	draw_metrics(a, &m);
	draw_frame(a, app_str(a, "home_title"));
	draw_widgets(a, w, n);
	draw_text(a, app_str(a, "home_hint"), m.s_body, TEXT_CENTER, COL_MUTED_INK,
		  (SDL_Rect){ m.margin, m.body.y, m.body.w, m.s_body * 2 });
}

const struct screen scr_home = {
	.name = "home",
	.journey = JOURNEY_NONE,
	.enter = home_enter,
	.handle = home_handle,
	.tick = home_tick,
	.widgets = home_widgets,
	.draw = home_draw,
};
