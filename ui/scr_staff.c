/* scr_staff: the staff screen (reached through firmware/journey/staff.h): what is wrong and what to do on
 * site, for people who are not programmers. The printer's state, the link to the central
 * system with its last error, events waiting to be sent, today's tickets, the catalogue in use
 * and a lock; a test print, and unlocking on site. Nothing personal is shown. */
#include "draw.h"


#include <stdio.h>
#include <string.h>

static void staff_enter(struct app *a)
{
	staff_open(a->staff);
}

static void staff_tick(struct app *a)
{
	staff_refresh(a->staff);
}

static void staff_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	if (strcmp(e->id, "staff_test") == 0)
		staff_test_print(a->staff);
	else if (strcmp(e->id, "staff_unlock") == 0)
		staff_unlock(a->staff);
	else if (strcmp(e->id, "staff_close") == 0)
		app_go(a, SCR_HOME);
	if (a->cur == SCR_STAFF)
		staff_refresh(a->staff); /* what the staff just did shows at once */
}

static int staff_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	bool locked = remote_locked(a->remote);
	int h, n = 0, nb = locked ? 3 : 2, bw, y;

	draw_metrics(a, &m);
	h = m.footer_h - m.gap; /* in the footer: the body keeps its height for the rows */
	y = m.h - m.footer_h;
	bw = (m.body.w - (nb - 1) * m.gap) / nb;
	n = widget_add(w, n, max, "staff_test", (SDL_Rect){ m.body.x, y, bw, h },
		       app_str(a, "staff_test"), NULL, W_NORMAL, staff_can_test(a->staff));
	if (locked)
		n = widget_add(w, n, max, "staff_unlock", (SDL_Rect){ m.body.x + bw + m.gap, y, bw, h },
			       app_str(a, "staff_unlock"), NULL, W_WARN, true);
	n = widget_add(w, n, max, "staff_close",
		       (SDL_Rect){ m.body.x + (nb - 1) * (bw + m.gap), y, bw, h },
		       app_str(a, "staff_close"), NULL, W_PRIMARY, true);
	return draw_chrome(a, w, n, max, false, false);
}

/* "label  value" on one row (the value may wrap); returns the height used. */
static int row(struct app *a, const struct metrics *m, int y, const char *label, const char *value,
	       SDL_Color vc)
{
	int lw = m->body.w * (m->landscape ? 6 : 7) / 20;
	int h1 = text_draw(a->text, label, m->s_sub, 0, COL_MUTED_INK,
			   (SDL_Rect){ m->body.x, y, lw - m->gap, m->s_sub * 3 });
	int h2 = text_draw(a->text, value, m->s_sub, TEXT_BOLD, vc,
			   (SDL_Rect){ m->body.x + lw, y, m->body.w - lw, m->s_sub * 4 });

	return (h1 > h2 ? h1 : h2) + m->gap;
}

static void fmt_hm(int64_t t, char *out, size_t len)
{
	struct clock_local l;

	clock_to_local(t, &l);
	snprintf(out, len, "%02d:%02d %02d/%02d", l.hour, l.min, l.day, l.month);
}

static void link_text(struct app *a, char *out, size_t len, bool *bad)
{
	struct sync_health h;
	char when[32], tmpl[160];

	*bad = false;
	if (!remote_health(a->remote, &h)) {
		snprintf(out, len, "%s", app_str(a, "staff_link_none"));
		return;
	}
	if (h.failures == 0 && h.last_ok_s) {
		fmt_hm(h.last_ok_s, when, sizeof(when));
		i18n_fill(out, len, app_str(a, "staff_link_ok"), when);
		return;
	}
	*bad = true;
	if (h.last_ok_s)
		fmt_hm(h.last_ok_s, when, sizeof(when));
	else
		snprintf(when, sizeof(when), "%s", app_str(a, "staff_never"));
	i18n_fill(tmpl, sizeof(tmpl), app_str(a, "staff_link_down"), when);
	snprintf(out, len, "%s\n%s", tmpl, h.last_error_reason[0] ? h.last_error_reason : "—");
}

static void today_text(struct app *a, char *out, size_t len)
{
	int c[4];

	if (!staff_counts(a->staff, c)) {
		snprintf(out, len, "—");
		return;
	}
	snprintf(out, len, "%s %d · %s %d · %s %d", app_str(a, "staff_printed"), c[TICKET_PRINTED],
		 app_str(a, "staff_voided"), c[TICKET_VOIDED], app_str(a, "staff_shown"),
		 c[TICKET_SHOWN]);
}

static void staff_draw(struct app *a, const struct widget *w, int n)
{
	struct metrics m;
	char buf[400], key[48];
	int y;
	bool bad, locked = remote_locked(a->remote);
	enum printer_state printer = prints_status(a->prints).state;
	int64_t up = (clock_mono_ms(a->d.clock) - a->started_ms) / 1000;

	draw_metrics(a, &m);
	draw_frame(a, app_str(a, "staff_title"));
	y = m.body.y;
	snprintf(buf, sizeof(buf), "%s · %s %s · %s %lld:%02lld", a->d.cfg->kiosk_id,
		 app_str(a, "staff_version"), a->d.version, app_str(a, "staff_uptime"),
		 (long long)(up / 3600), (long long)(up / 60 % 60));
	y += row(a, &m, y, app_str(a, "staff_kiosk"), buf, COL_INK);
	snprintf(key, sizeof(key), "staff_printer_%s", printer_state_name(printer));
	for (char *p = key; *p; p++)
		*p = *p == '-' ? '_' : *p;
	snprintf(buf, sizeof(buf), "%s (%s)", app_str(a, key), a->d.cfg->printer.driver);
	y += row(a, &m, y, app_str(a, "staff_printer"), buf,
		 printer == PRINTER_READY ? COL_OK : COL_WARN_INK);
	link_text(a, buf, sizeof(buf), &bad);
	y += row(a, &m, y, app_str(a, "staff_link"), buf, bad ? COL_WARN_INK : COL_OK);
	if (staff_backlog(a->staff) >= 0)
		snprintf(buf, sizeof(buf), "%d", staff_backlog(a->staff));
	else
		snprintf(buf, sizeof(buf), "—");
	y += row(a, &m, y, app_str(a, "staff_backlog"), buf, COL_INK);
	today_text(a, buf, sizeof(buf));
	y += row(a, &m, y, app_str(a, "staff_today"), buf, COL_INK);
	y += row(a, &m, y, app_str(a, "staff_catalog"),
		 app_str(a, remote_central_catalog(a->remote) ? "staff_catalog_central" :
			 "staff_catalog_local"), COL_INK);
	if (locked)
		i18n_fill(buf, sizeof(buf), app_str(a, "staff_locked"), remote_lock_message(a->remote));
	else
		snprintf(buf, sizeof(buf), "%s", app_str(a, "staff_not_locked"));
	y += row(a, &m, y, app_str(a, "staff_lock"), buf, locked ? COL_WARN_INK : COL_INK);
	if (staff_test_result(a->staff))
		row(a, &m, y, app_str(a, "staff_test"), app_str(a, staff_test_result(a->staff)), COL_INK);
	draw_widgets(a, w, n);
}

const struct screen scr_staff = {
	.name = "staff",
	.journey = JOURNEY_STAFF,
	.enter = staff_enter,
	.handle = staff_handle,
	.tick = staff_tick,
	.widgets = staff_widgets,
	.draw = staff_draw,
};
