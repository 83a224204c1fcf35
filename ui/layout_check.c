/* layout: one pass over a frame's records; each rule a small function that appends a line. */
#include "layout_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct out {
	const struct layout_frame *f;
	char *why;
	size_t len, used;
	int n;
};

static void problem(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int k;

	o->n++;
	if (!o->why || o->used + 1 >= o->len)
		return;
	k = snprintf(o->why + o->used, o->len - o->used, "%sscreen %s: ", o->used ? "\n" : "",
		     o->f->screen);
	if (k > 0 && (size_t)k < o->len - o->used) {
		o->used += (size_t)k;
		va_start(ap, fmt);
		k = vsnprintf(o->why + o->used, o->len - o->used, fmt, ap);
		va_end(ap);
	}
	if (k > 0)
		o->used += (size_t)k < o->len - o->used ? (size_t)k : o->len - o->used - 1;
}

static bool overlap(SDL_Rect a, SDL_Rect b)
{
	return a.w > 0 && a.h > 0 && b.w > 0 && b.h > 0 && a.x < b.x + b.w && b.x < a.x + a.w &&
	       a.y < b.y + b.h && b.y < a.y + a.h;
}

/* How far r reaches out of in on each side (left, right, above, below); 0 when inside. */
static int outside(SDL_Rect r, SDL_Rect in, int side[4])
{
	side[0] = in.x - r.x;
	side[1] = r.x + r.w - (in.x + in.w);
	side[2] = in.y - r.y;
	side[3] = r.y + r.h - (in.y + in.h);
	int worst = 0;
	for (int i = 0; i < 4; i++)
		worst = side[i] > worst ? side[i] : worst;
	return worst;
}

static void sides(char *buf, size_t len, const int side[4])
{
	static const char *const names[] = { "left", "right", "above", "below" };
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < 4 && used < len; i++)
		if (side[i] > 0)
			used += (size_t)snprintf(buf + used, len - used, "%s%d px %s", used ? ", " : "",
						 side[i], names[i]);
}

/* A text as a report names it: its string key, else its first words, and its widget. */
static void name_of(const struct layout_frame *f, const struct text_record *r, char *buf,
		    size_t len)
{
	const char *key = f->i18n ? i18n_key_of(f->i18n, f->lang, r->s) : NULL;
	char quoted[64];
	size_t n = strlen(r->s);

	if (n > 48) {
		n = 48;
		while (n > 0 && ((unsigned char)r->s[n] & 0xC0) == 0x80)
			n--;
	}
	snprintf(quoted, sizeof(quoted), "%.*s%s", (int)n, r->s, r->s[n] ? "..." : "");
	for (char *c = quoted; *c; c++)
		*c = *c == '\n' ? '/' : *c;
	if (key)
		snprintf(buf, len, "text %s", key);
	else
		snprintf(buf, len, "text \"%s\"", quoted);
	if (r->owner[0])
		snprintf(buf + strlen(buf), len - strlen(buf), " (widget %s)", r->owner);
}

static const struct widget *widget_of(const struct layout_frame *f, const char *id)
{
	for (int i = 0; id[0] && i < f->nwidgets; i++)
		if (strcmp(f->widgets[i].id, id) == 0)
			return &f->widgets[i];
	return NULL;
}

static void check_within(struct out *o, const char *name, const char *what, SDL_Rect r, SDL_Rect in)
{
	int side[4];
	char how[96];

	if (outside(r, in, side) <= 0)
		return;
	sides(how, sizeof(how), side);
	problem(o, "%s overflows %s (%dx%d at %d,%d) by %s", name, what, in.w, in.h, in.x, in.y,
		how);
}

static void check_text(struct out *o, int i)
{
	const struct layout_frame *f = o->f;
	const struct text_record *r = &f->recs[i];
	const struct widget *own = widget_of(f, r->owner);
	SDL_Rect screen = { 0, 0, f->w, f->h };
	char name[160];

	name_of(f, r, name, sizeof(name));
	if (r->size_drawn < f->floor)
		problem(o, "%s drawn at %d px, under the floor of %d px", name, r->size_drawn, f->floor);
	check_within(o, name, "its box", r->drawn, r->box);
	check_within(o, name, "the screen", r->drawn, screen);
	if (own)
		check_within(o, name, "its widget", r->drawn, own->r);
	for (int k = 0; k < f->nwidgets; k++)
		if (&f->widgets[k] != own && overlap(r->drawn, f->widgets[k].r))
			problem(o, "%s is drawn over widget %s", name, f->widgets[k].id);
	for (int k = 0; k < f->nrecs; k++) {
		char other[160];
		bool seen = k < i && f->recs[k].kind == 't'; /* that pair was reported from k */
		if (k == i || seen || !overlap(r->drawn, f->recs[k].drawn))
			continue;
		if (f->recs[k].kind == 't')
			name_of(f, &f->recs[k], other, sizeof(other));
		else
			snprintf(other, sizeof(other), "picture %s", f->recs[k].s);
		problem(o, "%s overlaps %s", name, other);
	}
}

static void check_picture(struct out *o, int i)
{
	const struct layout_frame *f = o->f;
	const struct text_record *r = &f->recs[i];
	SDL_Rect screen = { 0, 0, f->w, f->h };
	char name[96];

	const struct widget *own = widget_of(f, r->owner);

	snprintf(name, sizeof(name), "picture %s", r->s);
	check_within(o, name, "the screen", r->drawn, screen);
	if (own)
		check_within(o, name, "its widget", r->drawn, own->r);
	for (int k = 0; k < f->nwidgets; k++)
		if (&f->widgets[k] != own && overlap(r->drawn, f->widgets[k].r))
			problem(o, "%s is drawn over widget %s", name, f->widgets[k].id);
}

static void check_widget(struct out *o, int i)
{
	const struct layout_frame *f = o->f;
	const struct widget *w = &f->widgets[i];
	SDL_Rect screen = { 0, 0, f->w, f->h };
	char name[48];

	snprintf(name, sizeof(name), "widget %s", w->id);
	check_within(o, name, "the screen", w->r, screen);
	for (int k = i + 1; k < f->nwidgets; k++)
		if (overlap(w->r, f->widgets[k].r))
			problem(o, "%s overlaps widget %s", name, f->widgets[k].id);
}

int layout_check(const struct layout_frame *f, char *why, size_t len)
{
	struct out o = { f, why, len, 0, 0 };

	if (why && len)
		why[0] = '\0';
	for (int i = 0; i < f->nwidgets; i++)
		check_widget(&o, i);
	for (int i = 0; i < f->nrecs; i++) {
		if (f->recs[i].kind == 't')
			check_text(&o, i);
		else
			check_picture(&o, i);
	}
	return o.n;
}
