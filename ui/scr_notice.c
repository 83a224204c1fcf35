/* scr_notice: a service cannot issue now (closed, full for today, an error, or no number to
 * give: central numbering out of reach and this kiosk's reserved range used up), and when it
 * can. */
#include "draw.h"

#include <stdio.h>
#include <string.h>

static void notice_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "back") == 0)
		app_go(a, SCR_SERVICES);
	else if (strcmp(e->id, "home") == 0)
		app_go(a, SCR_HOME);
}

static int notice_widgets(struct app *a, struct widget *w, int max)
{
	return draw_chrome(a, w, 0, max, true, true);
}

static void notice_body(struct app *a, enum take_notice k, const struct catalog_service *s,
			int64_t next, char *out, size_t len)
{
	char when[96], hm[8];
	int last = s ? catalog_last_ticket(app_cat(a), s, app_now_s(a)) : -1;
	size_t n;

	if (k == TAKE_NOTICE_ERROR || k == TAKE_NOTICE_RANGE) {
		snprintf(out, len, "%s", app_str(a, k == TAKE_NOTICE_ERROR ? "notice_error_body"
						 : "notice_range_body"));
		return;
	}
	if (next < 0) {
		snprintf(out, len, "%s", app_str(a, "notice_closed_never"));
		return;
	}
	out[0] = '\0';
	if (k == TAKE_NOTICE_CLOSED && last >= 0) {
		/* in its hours, past its last number: say until when numbers were given */
		snprintf(hm, sizeof(hm), "%02d:%02d", last / 60 % 24, last % 60);
		i18n_fill(out, len, app_str(a, "notice_last_passed"), hm);
		snprintf(out + strlen(out), len - strlen(out), " ");
	}
	n = strlen(out);
	app_fmt_when(a, next, when, sizeof(when));
	i18n_fill(out + n, len - n, app_str(a, k == TAKE_NOTICE_FULL ? "notice_full_body" :
					    "notice_closed_body"), when);
}

static void notice_draw(struct app *a, const struct widget *w, int n)
{
	static const char *const title[] = {
		[TAKE_NOTICE_CLOSED] = "notice_closed_title", [TAKE_NOTICE_FULL] = "notice_full_title",
		[TAKE_NOTICE_ERROR] = "notice_error_title", [TAKE_NOTICE_RANGE] = "notice_range_title",
	};
	const char *prefix;
	int64_t next;
	enum take_notice k = take_notice(a->take, &next, &prefix);
	const struct catalog_service *s = catalog_service_find(app_cat(a), prefix);
	struct metrics m;
	char body[400];
	int y;

	draw_metrics(a, &m);
	draw_frame(a, app_str(a, k == TAKE_NOTICE_CLOSED && s &&
			      catalog_last_ticket(app_cat(a), s, app_now_s(a)) >= 0 ?
			      "service_last_passed" : title[k]));
	y = m.body.y + m.gap;
	/* the service's name as long as it is (a real name may run to 30 words), wrapped */
	if (s)
		y += text_draw(a->text, s->name[a->lang], m.s_btn, TEXT_BOLD, COL_PRIMARY,
			       (SDL_Rect){ m.body.x, y, m.body.w,
					   draw_text_h(a, s->name[a->lang], m.s_btn, TEXT_BOLD,
						       m.body.w) }) + m.margin;
	notice_body(a, k, s, next, body, sizeof(body));
	draw_fill(a, (SDL_Rect){ m.body.x, y, m.body.w, m.s_title * 5 }, COL_WARN_BG);
	draw_text(a, body, m.s_title, TEXT_VCENTER | TEXT_FIT, COL_WARN_INK,
		  (SDL_Rect){ m.body.x + m.margin, y, m.body.w - 2 * m.margin, m.s_title * 5 });
	draw_widgets(a, w, n);
}

const struct screen scr_notice = {
	.name = "notice",
	.journey = JOURNEY_TAKE,
	.handle = notice_handle,
	.widgets = notice_widgets,
	.draw = notice_draw,
};
