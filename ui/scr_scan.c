/* scr_scan: "scan the barcode on your receipt", the reason the last scan was refused, and the
 * way to type the code instead. With a camera the screen shows its live picture with a frame
 * guide (the camera runs only while this screen is shown); with a wedge scanner, or none, a
 * drawing of where the code is on the receipt. */
#include "draw.h"

#include <stdlib.h>
#include <string.h>

/* scanner_preview's frame, at most this size (the camera keeps one <= 640 wide). */
#define PREVIEW_W 640
#define PREVIEW_H 480

static const SDL_Color COL_VIDEO_BG = { 0x20, 0x28, 0x33, 255 };
static const SDL_Color COL_GUIDE = { 0x4C, 0xD9, 0x64, 255 };   /* bright on a dark picture */

static bool camera(const struct app *a)
{
	return scanner_has_preview(a->d.scanner) && !a->cam.failed;
}

static void scan_enter(struct app *a)
{
	struct app_camera *c = &a->cam;

	if (!scanner_has_preview(a->d.scanner) || c->on)
		return;   /* re-entered (a refused scan): the camera is still running */
	c->seq = 0;
	c->failed = scanner_start(a->d.scanner) != 0;
	c->on = !c->failed;
}

static void scan_leave(struct app *a)
{
	struct app_camera *c = &a->cam;

	if (c->on)
		scanner_stop(a->d.scanner);
	c->on = false;
	c->seq = 0;   /* the next citizen never sees this one's receipt */
}

static void scan_handle(struct app *a, const struct ev *e)
{
	if (e->type != EV_BUTTON)
		return;
	enquiry_set_refused(a->enquiry, NULL);
	if (strcmp(e->id, "keypad") == 0) {
		enquiry_erase_all(a->enquiry);
		app_go(a, SCR_KEYPAD);
	} else if (strcmp(e->id, "back") == 0 || strcmp(e->id, "home") == 0) {
		app_go(a, SCR_HOME);
	}
}


/* A receipt with its barcode at the bottom, the part to show the scanner framed in colour. */
static void draw_receipt(struct app *a, SDL_Rect r)
{
	static const unsigned char bars[] = { 2, 1, 1, 2, 3, 1, 1, 1, 2, 2, 1, 3, 1, 1, 2, 1, 3, 2,
					      1, 1, 2, 3, 1, 2, 1, 1, 3, 1, 2, 2, 1, 1, 2, 1 };
	SDL_Rect code = { r.x + r.w / 8, r.y + r.h * 3 / 4, r.w * 3 / 4, r.h / 6 };
	int x = code.x, unit = code.w / 60 > 1 ? code.w / 60 : 1;

	draw_fill(a, (SDL_Rect){ r.x + 8, r.y + 8, r.w, r.h }, COL_LINE);
	draw_fill(a, r, (SDL_Color){ 0xFF, 0xFF, 0xFF, 255 });
	for (int i = 0; i < 6; i++)
		draw_fill(a, (SDL_Rect){ r.x + r.w / 8, r.y + r.h / 10 + i * r.h / 11,
					 i % 3 == 2 ? r.w / 2 : r.w * 3 / 4, r.h / 40 + 1 }, COL_MUTED_BG);
	for (size_t i = 0; i < sizeof(bars) && x < code.x + code.w; i++) {
		if (i % 2 == 0)
			draw_fill(a, (SDL_Rect){ x, code.y, bars[i] * unit, code.h }, COL_INK);
		x += bars[i] * unit;
	}
	for (int t = 0; t < 6; t++) {
		SDL_Rect f = { code.x - 16 - t, code.y - 16 - t, code.w + 32 + 2 * t, code.h + 32 + 2 * t };
		draw_outline(a, f, COL_OK);
	}
}

/* The camera's newest frame into the texture, when it is a new one. The texture is a cache
 * of what the worker saw, like the text cache: refreshing it changes no state of the app. */
static void refresh_picture(struct app *a)
{
	struct app_camera *c = &a->cam;
	uint64_t seq;
	void *px;
	int w, h, pitch;

	if (!c->gray && !(c->gray = malloc(PREVIEW_W * PREVIEW_H)))
		return;
	if (scanner_preview(a->d.scanner, c->gray, PREVIEW_W, PREVIEW_H, &w, &h, &seq) != 0 ||
	    (seq == c->seq && c->tex))
		return;
	if (!c->tex || c->w != w || c->h != h) {
		if (c->tex)
			SDL_DestroyTexture(c->tex);
		c->tex = SDL_CreateTexture(a->d.ren, SDL_PIXELFORMAT_ARGB8888,
					   SDL_TEXTUREACCESS_STREAMING, w, h);
		if (!c->tex)
			return;
		SDL_SetTextureScaleMode(c->tex, SDL_ScaleModeLinear);
		c->w = w;
		c->h = h;
	}
	if (SDL_LockTexture(c->tex, NULL, &px, &pitch) != 0)
		return;
	for (int y = 0; y < h; y++) {
		Uint32 *row = (Uint32 *)((uint8_t *)px + (size_t)y * (size_t)pitch);
		const uint8_t *g = c->gray + (size_t)y * (size_t)w;

		for (int x = 0; x < w; x++)
			row[x] = 0xFF000000u | (Uint32)g[x] << 16 | (Uint32)g[x] << 8 | g[x];
	}
	SDL_UnlockTexture(c->tex);
	c->seq = seq;
}

static void shade(struct app *a, SDL_Rect r)
{
	draw_shade(a, r, (SDL_Color){ 0, 0, 0, 110 });
}

/* Where the code should be: the rest of the picture dimmed, green corners around it. */
static void draw_guide(struct app *a, SDL_Rect v)
{
	SDL_Rect g = { v.x + v.w * 15 / 100, v.y + v.h * 22 / 100, v.w * 70 / 100, v.h * 56 / 100 };
	int arm = g.w / 6, t = v.w / 90 > 4 ? v.w / 90 : 4;

	shade(a, (SDL_Rect){ v.x, v.y, v.w, g.y - v.y });
	shade(a, (SDL_Rect){ v.x, g.y + g.h, v.w, v.y + v.h - g.y - g.h });
	shade(a, (SDL_Rect){ v.x, g.y, g.x - v.x, g.h });
	shade(a, (SDL_Rect){ g.x + g.w, g.y, v.x + v.w - g.x - g.w, g.h });
	for (int i = 0; i < 4; i++) {
		int x = i & 1 ? g.x + g.w - arm : g.x, y = i & 2 ? g.y + g.h - t : g.y;
		int vx = i & 1 ? g.x + g.w - t : g.x, vy = i & 2 ? g.y + g.h - arm : g.y;

		draw_fill(a, (SDL_Rect){ x, y, arm, t }, COL_GUIDE);
		draw_fill(a, (SDL_Rect){ vx, vy, t, arm }, COL_GUIDE);
	}
}

/* The live picture in r (aspect kept), or "starting the camera" until the first frame. */
static void draw_camera(struct app *a, const struct metrics *m, SDL_Rect r)
{
	struct app_camera *c = &a->cam;

	draw_fill(a, r, COL_VIDEO_BG);
	refresh_picture(a);
	if (c->seq && c->tex) {
		SDL_Rect v = r;

		if ((int64_t)c->w * r.h > (int64_t)c->h * r.w)
			v.h = r.w * c->h / c->w;
		else
			v.w = r.h * c->w / c->h;
		v.x = r.x + (r.w - v.w) / 2;
		v.y = r.y + (r.h - v.h) / 2;
		draw_image(a, c->tex, NULL, v, &c->seq, sizeof(c->seq), "camera");
		draw_guide(a, v);
	} else {
		draw_text(a, app_str(a, "scan_camera_starting"), m->s_body,
			  TEXT_CENTER | TEXT_VCENTER | TEXT_FIT, COL_ON_HEADER, r);
	}
}

#define KEYPAD_H(m) ((m)->landscape ? 170 : 190)

/* Where the picture goes: the drawing above the keypad button; a camera's picture 4:3, in
 * landscape the whole body high (the keypad button then sits beside it). Smaller in portrait
 * while the reason for a refused scan shows. */
static SDL_Rect picture_rect(const struct app *a, const struct metrics *m)
{
	bool cam = camera(a);
	int y = m->body.y + m->gap;
	int h = m->landscape ? m->body.h - KEYPAD_H(m) - 3 * m->gap : m->body.h * 2 / 5;

	if (cam && m->landscape)
		h = m->body.h - m->gap;
	else if (cam)
		h = m->body.h * 9 / 20;
	if (enquiry_refused(a->enquiry) && !m->landscape)
		h = h * 3 / 4;   /* room for the reason under the instructions */
	int w = cam ? h * 4 / 3 : h * 3 / 4;

	if (!m->landscape)
		return (SDL_Rect){ m->body.x + (m->body.w - w) / 2, y, w, h };
	return (SDL_Rect){ m->body.x + (cam ? 0 : m->margin), y, w, h };
}

static int scan_widgets(struct app *a, struct widget *w, int max)
{
	struct metrics m;
	SDL_Rect pic, r;
	int n, h;

	draw_metrics(a, &m);
	h = KEYPAD_H(&m);
	r = (SDL_Rect){ m.body.x, m.body.y + m.body.h - h, m.body.w, h };
	if (m.landscape && camera(a)) {
		pic = picture_rect(a, &m);
		r.x = pic.x + pic.w + 2 * m.margin;
		r.w = m.body.x + m.body.w - r.x;
	}
	n = widget_add(w, 0, max, "keypad", r, app_str(a, "scan_keypad"),
		       app_str(a, "scan_keypad_sub"), W_NORMAL, true);
	return draw_chrome(a, w, n, max, true, true);
}

/* The picture (live or drawn), then the instructions beside it (landscape) or under it. */
static void draw_picture(struct app *a, const struct metrics *m, int *y, int *text_x, int *text_w)
{
	SDL_Rect r = picture_rect(a, m);

	if (camera(a))
		draw_camera(a, m, r);
	else
		draw_receipt(a, r);
	if (m->landscape) {
		*text_x = r.x + r.w + 2 * m->margin;
		*text_w = m->body.x + m->body.w - *text_x;
	} else {
		*y += r.h + m->margin;
		*text_x = m->body.x;
		*text_w = m->body.w;
	}
}

static void scan_draw(struct app *a, const struct widget *w, int n)
{
	const char *refused = enquiry_refused(a->enquiry);
	struct metrics m;
	bool cam = camera(a);
	int y, text_x, text_w, center, bottom, how_h, sub_h, ref_h;
	const char *how, *sub;

	draw_metrics(a, &m);
	draw_frame(a, app_str(a, "scan_title"));
	y = m.body.y + m.gap;
	draw_picture(a, &m, &y, &text_x, &text_w);
	center = m.landscape ? 0 : TEXT_CENTER;
	/* the words flow down to the keypad button (the first widget); a refusal takes the
	 * sub-line's place when there is no room for both */
	bottom = n ? w[0].r.y - m.gap : m.body.y + m.body.h;
	how = app_str(a, cam ? "scan_camera_how" : "scan_how");
	sub = app_str(a, cam ? "scan_camera_how_sub" : "scan_how_sub");
	how_h = draw_text_h(a, how, m.s_title, TEXT_BOLD | center, text_w);
	sub_h = draw_text_h(a, sub, m.s_body, center, text_w);
	ref_h = refused ? draw_text_h(a, app_str(a, refused), m.s_body, TEXT_CENTER,
				      text_w - 2 * m.gap) + 2 * m.gap : 0;
	y += text_draw(a->text, how, m.s_title, TEXT_BOLD | center, COL_INK,
		       (SDL_Rect){ text_x, y, text_w, how_h }) + m.gap;
	if (!refused || y + sub_h + m.margin + ref_h <= bottom)
		y += text_draw(a->text, sub, m.s_body, center, COL_MUTED_INK,
			       (SDL_Rect){ text_x, y, text_w, sub_h }) + m.margin;
	if (refused) {
		SDL_Rect box = { text_x, y, text_w, ref_h };
		draw_fill(a, box, COL_WARN_BG);
		draw_text(a, app_str(a, refused), m.s_body, TEXT_VCENTER | TEXT_CENTER, COL_WARN_INK,
			  (SDL_Rect){ box.x + m.gap, box.y, box.w - 2 * m.gap, box.h });
	}
	draw_widgets(a, w, n);
}

const struct screen scr_scan = {
	.name = "scan",
	.journey = JOURNEY_ENQUIRY,
	.enter = scan_enter,
	.leave = scan_leave,
	.handle = scan_handle,
	.widgets = scan_widgets,
	.draw = scan_draw,
};
