/* receiptgen: pictures of dossier receipts for testing and measuring the scanner.
 *
 *   receiptgen [--seed N] [--per N] [--frames N] [--no-receipts] [--payload TEXT]
 *              [--code CODE] [--jpeg QUALITY] OUTDIR
 *
 * Each picture is a receipt (white paper, lines of text-like marks, the barcode) carrying a
 * realistic dossier code (docs/domain.md) as CODE128, or as a QR code of the portal's lookup URL
 * with MHS=<code> and the owner's ID number in SGT= (random digits, never a real person's).
 * Receipts are made under one condition each (module size, rotation, blur, noise, contrast,
 * keystone), --per of each for both symbologies (--code: every one carries CODE, e.g. a
 * dossier the reference central system knows); --frames N adds N camera frames at
 * 640x480 and N at 1280x720 (a receipt held in front of a camera, or none). --payload TEXT
 * puts TEXT in every symbol instead (garbage and ID cards for the kiosk's own tests; the
 * manifest's code is then "-"): printable ASCII of 1 to 80 bytes goes into both symbologies;
 * any other UTF-8 text (a name with diacritics, an ID card's fields), up to 1000 bytes, into
 * QR codes only, since CODE128 holds ASCII; anything else is refused. Everything is
 * deterministic for a seed. --jpeg Q writes JPEG pictures of quality Q (1..100) instead of
 * PNG, as a phone or an MJPEG camera would give them. OUTDIR/manifest.tsv gets one line per picture:
 *   FILE<TAB>CONDITION<TAB>SYMBOLOGY<TAB>EXPECTED CODE       ("-" when there is no code)
 * The picture is rendered by mapping every output pixel back onto the paper (3x3 samples),
 * so rotation, keystone and fractional module sizes come out anti-aliased like a photo. */
#include "firmware/jpegio.h"
#include "firmware/pngio.h"
#include "firmware/utf8.h"

#include <math.h>
#include <qrencode.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SS 3              /* samples per pixel side */
#define C128_MAX 512      /* modules */
#define PAYLOAD_C128_MAX 80
#define PAYLOAD_QR_MAX 1000

struct rng {
	uint64_t s;
};

static uint64_t rnext(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int rint_(struct rng *r, int lo, int hi)
{
	return lo + (int)(rnext(r) % (uint64_t)(hi - lo + 1));
}

static double runif(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * (double)(rnext(r) >> 11) / 9007199254740992.0;
}

static double rgauss(struct rng *r)
{
	double u = runif(r, 1e-12, 1.0), v = runif(r, 0.0, 1.0);

	return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

/* --- codes ------------------------------------------------------------------------------ */

/* One of the shapes seen in practice: 000.00.01.H29-240115-0001, H15.50.05.13-261008-0975,
 * G01.23.45-231201-0001234. */
static void make_code(struct rng *r, char *out, size_t len)
{
	int y = rint_(r, 23, 26), m = rint_(r, 1, 12), d = rint_(r, 1, 28);

	switch (rint_(r, 0, 2)) {
	case 0:
		snprintf(out, len, "000.00.%02d.H%02d-%02d%02d%02d-%04d", rint_(r, 1, 40),
			 rint_(r, 1, 63), y, m, d, rint_(r, 1, 2500));
		break;
	case 1:
		snprintf(out, len, "H%02d.%02d.%02d.%02d-%02d%02d%02d-%04d", rint_(r, 1, 63),
			 rint_(r, 1, 99), rint_(r, 1, 30), rint_(r, 1, 30), y, m, d,
			 rint_(r, 1, 9999));
		break;
	default:
		snprintf(out, len, "G%02d.%02d.%02d-%02d%02d%02d-%07d", rint_(r, 1, 30),
			 rint_(r, 1, 99), rint_(r, 1, 99), y, m, d, rint_(r, 1, 2000000));
	}
}

/* --- CODE128 (sets B and C) ------------------------------------------------------------- */

static const char *const c128_widths[107] = {
	"212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
	"221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
	"223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
	"312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
	"112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
	"113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
	"311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
	"111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
	"122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
	"121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
	"214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
	"113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
};

enum { C128_CODE_C = 99, C128_CODE_B = 100, C128_START_B = 104, C128_START_C = 105,
       C128_STOP = 106 };

static int digit_run(const char *s)
{
	int n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

/* Symbol values for s: set C for runs of 4+ digits at the start or end and 6+ inside, set B
 * otherwise; checksum and stop appended. Returns the count. */
static int c128_values(const char *s, int *v)
{
	int n = 0, run = digit_run(s);
	bool c = run >= 4 && run % 2 == 0;
	size_t len = strlen(s);

	v[n++] = c ? C128_START_C : C128_START_B;
	for (size_t i = 0; i < len;) {
		run = digit_run(s + i);
		if (c && run >= 2) {
			v[n++] = (s[i] - '0') * 10 + (s[i + 1] - '0');
			i += 2;
			continue;
		}
		if (!c && (run >= 6 || (run >= 4 && i + (size_t)run == len))) {
			if (run % 2)
				v[n++] = s[i++] - 32; /* odd run: one digit in B first */
			v[n++] = C128_CODE_C;
			c = true;
			continue;
		}
		if (c) {
			v[n++] = C128_CODE_B;
			c = false;
		}
		if ((unsigned char)s[i] < 32 || (unsigned char)s[i] > 126)
			return -1;   /* set B holds printable ASCII only (main keeps such text out) */
		v[n++] = s[i++] - 32;
	}
	int sum = v[0];

	for (int i = 1; i < n; i++)
		sum += i * v[i];
	v[n++] = sum % 103;
	v[n++] = C128_STOP;
	return n;
}

/* Modules (1 = bar) of s; returns the count. */
static int c128_modules(const char *s, uint8_t *mods)
{
	int v[2 * PAYLOAD_C128_MAX + 8], nv = c128_values(s, v), n = 0;

	for (int i = 0; i < nv; i++) {
		const char *w = c128_widths[v[i]];

		for (int k = 0; w[k]; k++)
			for (int j = 0; j < w[k] - '0' && n < C128_MAX; j++)
				mods[n++] = (uint8_t)(k % 2 == 0);
	}
	return n;
}

/* --- the paper -------------------------------------------------------------------------- */

enum sym { SYM_NONE, SYM_C128, SYM_QR };

struct paper {
	int w, h;
	uint8_t *text;              /* w * h, 1 = ink of the text-like marks */
	enum sym sym;
	uint8_t mods[C128_MAX];     /* CODE128 modules */
	int nmods;
	QRcode *qr;
	double mod;                 /* module size on the paper, px */
	double sx, sy, bar_h;       /* the symbol's top left corner; CODE128 bar height */
};

/* A line of "words" made of glyph-like strokes at (x0, y), at most to x1. */
static void text_line(struct paper *p, struct rng *r, int x0, int x1, int y, int size)
{
	int x = x0;

	while (x < x1 - 2 * size) {
		int word = rint_(r, 2, 9);

		for (int g = 0; g < word && x < x1 - size; g++) {
			int gw = rint_(r, size / 3, size * 2 / 3), top = rint_(r, 0, 3) == 0 ? -size / 3 : 0;

			for (int yy = y + top; yy < y + size; yy++)
				for (int xx = x; xx < x + gw; xx++)
					if (yy >= 0 && yy < p->h && xx < p->w && rint_(r, 0, 5) > 0)
						p->text[(size_t)yy * (size_t)p->w + (size_t)xx] = 1;
			x += gw + rint_(r, 1, 2);
		}
		x += size;
	}
}

static void text_block(struct paper *p, struct rng *r, int y0, int lines, int size)
{
	for (int i = 0; i < lines; i++) {
		int indent = rint_(r, 0, 3) == 0 ? p->w / 4 : 20;

		text_line(p, r, indent, p->w - rint_(r, 20, p->w / 3), y0 + i * (size * 2), size);
	}
}

/* Lays out text, the symbol, its human-readable line and more text. */
static int paper_make(struct paper *p, struct rng *r, enum sym sym, const char *payload,
		      double mod)
{
	double sym_w = 0, sym_h = 0;

	memset(p, 0, sizeof(*p));
	p->sym = sym;
	p->mod = mod;
	if (sym == SYM_C128) {
		p->nmods = c128_modules(payload, p->mods);
		if (p->nmods <= 0)
			return -1;
		sym_w = (p->nmods + 20) * mod;
		sym_h = p->bar_h = fmax(40.0, 0.15 * p->nmods * mod);
	} else if (sym == SYM_QR) {
		p->qr = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
		if (!p->qr)
			return -1;
		sym_w = sym_h = (p->qr->width + 8) * mod;
	}
	p->w = (int)fmax(480.0, sym_w + 60);
	p->h = (int)(150 + sym_h + 120);
	p->text = calloc((size_t)p->w * (size_t)p->h, 1);
	if (!p->text)
		return -1;
	text_block(p, r, 20, 4, 10);
	p->sx = (p->w - sym_w) / 2 + (sym == SYM_C128 ? 10 * mod : 4 * mod);
	p->sy = 120 + (sym == SYM_QR ? 4 * mod : 0);
	if (sym == SYM_C128)
		text_line(p, r, p->w / 3, p->w * 2 / 3, (int)(p->sy + sym_h + 8), 9);
	text_block(p, r, (int)(120 + sym_h + 35), 3, 10);
	return 0;
}

static void paper_free(struct paper *p)
{
	free(p->text);
	if (p->qr)
		QRcode_free(p->qr);
}

/* Ink at paper point (x, y): 1 ink, 0 paper, -1 off the paper. */
static int paper_ink(const struct paper *p, double x, double y)
{
	if (x < 0 || y < 0 || x >= p->w || y >= p->h)
		return -1;
	if (p->sym != SYM_NONE) {
		double u = (x - p->sx) / p->mod, v = (y - p->sy) / p->mod;

		if (p->sym == SYM_C128 && u >= 0 && u < p->nmods && y >= p->sy &&
		    y < p->sy + p->bar_h)
			return p->mods[(int)u];
		if (p->sym == SYM_QR && u >= 0 && v >= 0 && u < p->qr->width && v < p->qr->width)
			return p->qr->data[(int)v * p->qr->width + (int)u] & 1;
	}
	return p->text[(size_t)y * (size_t)p->w + (size_t)x];
}

/* --- the camera's view ------------------------------------------------------------------ */

struct view {
	int w, h;                   /* output picture */
	double scale, rot_deg, keystone, cx, cy; /* paper centre at (cx, cy) */
	double ink, paper, bg;      /* levels 0..255 */
	double light;               /* brightness falls by this fraction towards the corners */
	double blur, noise;         /* gaussian sigma (px), noise standard deviation (levels) */
};

/* Output pixel -> paper point. The keystone is a true perspective (a homography): the
 * paper tilted about its horizontal middle line, its top edge farther from the camera. */
static void to_paper(const struct view *v, const struct paper *p, double X, double Y,
		     double *x, double *y)
{
	double a = v->rot_deg * M_PI / 180.0, c = cos(a), s = sin(a);
	double dx = (X - v->cx) / v->scale, dy = (Y - v->cy) / v->scale;
	double xr = dx * c + dy * s, yr = -dx * s + dy * c;
	double d = 1.0 - v->keystone * yr / p->h;

	*x = xr / d + p->w / 2.0;
	*y = yr / d + p->h / 2.0;
}

/* Paper point -> output pixel (the inverse of to_paper). */
static void from_paper(const struct view *v, const struct paper *p, double x, double y,
		       double *X, double *Y)
{
	double a = v->rot_deg * M_PI / 180.0, c = cos(a), s = sin(a);
	double xp = x - p->w / 2.0, yp = y - p->h / 2.0;
	double d = 1.0 + v->keystone * yp / p->h;
	double xr = xp / d, yr = yp / d;

	*X = v->cx + v->scale * (xr * c - yr * s);
	*Y = v->cy + v->scale * (xr * s + yr * c);
}

/* The size a receipt needs to show whole, with a margin. */
static void fit_view(struct view *v, const struct paper *p)
{
	double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;

	v->cx = v->cy = 0;
	for (int i = 0; i < 4; i++) {
		double X, Y;

		from_paper(v, p, i & 1 ? p->w : 0, i & 2 ? p->h : 0, &X, &Y);
		x0 = fmin(x0, X);
		x1 = fmax(x1, X);
		y0 = fmin(y0, Y);
		y1 = fmax(y1, Y);
	}
	v->w = (int)(x1 - x0) + 60;
	v->h = (int)(y1 - y0) + 60;
	v->cx = 30 - x0;
	v->cy = 30 - y0;
}

static void blur(float *img, int w, int h, double sigma)
{
	int rad = (int)ceil(3 * sigma);
	float k[64] = { 0 }, *tmp = malloc(sizeof(float) * (size_t)(w > h ? w : h));
	double sum = 0;

	if (rad < 1 || rad > 31 || !tmp) {
		free(tmp);
		return;
	}
	for (int i = -rad; i <= rad; i++)
		sum += k[i + rad] = (float)exp(-(double)(i * i) / (2 * sigma * sigma));
	for (int i = 0; i <= 2 * rad; i++)
		k[i] = (float)(k[i] / sum);
	for (int pass = 0; pass < 2; pass++) {
		int n = pass ? h : w, lines = pass ? w : h;
		size_t step = pass ? (size_t)w : 1, lstep = pass ? 1 : (size_t)w;

		for (int l = 0; l < lines; l++) {
			float *line = img + (size_t)l * lstep;

			for (int i = 0; i < n; i++) {
				float acc = 0;

				for (int j = -rad; j <= rad; j++) {
					int t = i + j < 0 ? 0 : i + j >= n ? n - 1 : i + j;

					acc += k[j + rad] * line[(size_t)t * step];
				}
				tmp[i] = acc;
			}
			for (int i = 0; i < n; i++)
				line[(size_t)i * step] = tmp[i];
		}
	}
	free(tmp);
}

static double pixel(const struct view *v, const struct paper *p, int X, int Y)
{
	double acc = 0;

	for (int j = 0; j < SS; j++)
		for (int i = 0; i < SS; i++) {
			double x, y;
			int ink;

			to_paper(v, p, X + (i + 0.5) / SS, Y + (j + 0.5) / SS, &x, &y);
			ink = paper_ink(p, x, y);
			acc += ink < 0 ? v->bg * (0.8 + 0.4 * Y / v->h) : ink ? v->ink : v->paper;
		}
	return acc / (SS * SS);
}

static int render(const struct view *v, const struct paper *p, struct rng *r, const char *path,
		  int jpeg)
{
	size_t n = (size_t)v->w * (size_t)v->h;
	float *img = calloc(n, sizeof(float));
	uint8_t *out = malloc(n);
	int rc = -1;

	if (img && out) {
		for (int Y = 0; Y < v->h; Y++)
			for (int X = 0; X < v->w; X++) {
				double dx = (X - v->w / 2.0) / v->w, dy = (Y - v->h / 2.0) / v->h;

				img[(size_t)Y * (size_t)v->w + (size_t)X] = (float)(pixel(v, p, X, Y) *
					(1.0 - v->light * 2 * (dx * dx + dy * dy)));
			}
		if (v->blur > 0)
			blur(img, v->w, v->h, v->blur);
		for (size_t i = 0; i < n; i++) {
			double g = img[i] + (v->noise > 0 ? v->noise * rgauss(r) : 0);

			out[i] = (uint8_t)(g < 0 ? 0 : g > 255 ? 255 : lround(g));
		}
		rc = jpeg ? jpegio_write(path, v->w, v->h, 1, out, v->w, jpeg)
			  : pngio_write(path, v->w, v->h, 1, out, v->w);
	}
	free(img);
	free(out);
	return rc;
}

/* --- conditions ------------------------------------------------------------------------- */

struct condition {
	const char *name;
	bool small;
	double rot, blur, noise, ink, paper, keystone;
};

static const struct condition conditions[] = {
	{ "clean", false, 0, 0, 0, 25, 245, 0 },
	{ "small", true, 0, 0, 0, 25, 245, 0 },
	{ "rot10", false, 10, 0, 0, 25, 245, 0 },
	{ "rot30", false, 30, 0, 0, 25, 245, 0 },
	{ "rot45", false, 45, 0, 0, 25, 245, 0 },
	{ "rot90", false, 90, 0, 0, 25, 245, 0 },
	{ "blur", false, 0, 1.6, 0, 25, 245, 0 },
	{ "noise", false, 0, 0, 45, 25, 245, 0 },
	{ "lowcontrast", false, 0, 0.5, 3, 150, 185, 0 },
	{ "perspective", false, 0, 0, 0, 25, 245, 0.45 },
	{ "combined", true, 25, 0.9, 18, 60, 220, 0.2 },
};

struct gen {
	const char *dir;
	const char *payload;        /* --payload: every symbol's text, NULL: realistic codes */
	const char *code;     /* every picture's dossier code; NULL: made up */
	bool qr_only;               /* the payload is not printable ASCII: QR codes only */
	int jpeg;                   /* --jpeg Q: JPEG pictures of quality Q (a phone's), 0: PNG */
	FILE *manifest;
	struct rng r;
	int count;
};

static const char *sym_name(enum sym s)
{
	return s == SYM_C128 ? "CODE-128" : s == SYM_QR ? "QR-Code" : "-";
}

/* The payload of a symbol for code: the code itself, or the lookup URL with a made-up ID. */
static void payload_of(struct gen *g, enum sym s, const char *code, char *out, size_t len)
{
	if (g->payload)
		snprintf(out, len, "%s", g->payload);
	else if (s == SYM_QR)
		snprintf(out, len, "https://dichvucong.example.gov.vn/tra-cuu?MHS=%s&SGT=0010%08d",
			 code, rint_(&g->r, 0, 99999999));
	else
		snprintf(out, len, "%s", code);
}

static void code_of(struct gen *g, char *out, size_t len)
{
	if (g->code)
		snprintf(out, len, "%s", g->code);
	else
		make_code(&g->r, out, len);
}

static int emit(struct gen *g, const struct view *v, const struct paper *p, const char *cond,
		const char *code)
{
	char name[64], path[1024];

	snprintf(name, sizeof(name), "%04d-%s-%s.%s", g->count++, cond,
		 p->sym == SYM_QR ? "qr" : p->sym == SYM_C128 ? "c128" : "none",
		 g->jpeg ? "jpg" : "png");
	snprintf(path, sizeof(path), "%s/%s", g->dir, name);
	if (render(v, p, &g->r, path, g->jpeg) != 0) {
		fprintf(stderr, "receiptgen: cannot write %s\n", path);
		return -1;
	}
	fprintf(g->manifest, "%s\t%s\t%s\t%s\n", name, cond, sym_name(p->sym),
		g->payload ? "-" : code);
	return 0;
}

static int receipt(struct gen *g, const struct condition *c, enum sym s)
{
	char code[64], payload[PAYLOAD_QR_MAX + 1];
	struct paper p;
	struct view v = { .scale = 1, .rot_deg = c->rot, .keystone = c->keystone, .ink = c->ink,
			  .paper = c->paper, .bg = 110, .light = 0.08, .blur = c->blur,
			  .noise = c->noise };
	double mod;
	int rc;

	if (g->qr_only)
		s = SYM_QR;
	mod = s == SYM_QR ? (c->small ? 1.7 : 4.0) : (c->small ? 1.15 : 2.0);

	code_of(g, code, sizeof(code));
	payload_of(g, s, code, payload, sizeof(payload));
	if (paper_make(&p, &g->r, s, payload, mod) != 0)
		return -1;
	fit_view(&v, &p);
	rc = emit(g, &v, &p, c->name, code);
	paper_free(&p);
	return rc;
}

/* A receipt held up to a camera of w x h: kind 0 steady, 1 tilted, 2 far, 3 dim, 4 no code. */
static int frame(struct gen *g, int w, int h, int kind, enum sym s)
{
	static const char *const kinds[] = { "steady", "tilted", "far", "dim", "empty" };
	char code[64] = "-", payload[PAYLOAD_QR_MAX + 1] = "", cond[64];
	struct paper p;
	double px = w / 640.0;   /* a 1280x720 camera sees the same scene in more pixels */
	struct view v = { .w = w, .h = h, .rot_deg = runif(&g->r, -8, 8),
			  .keystone = runif(&g->r, -0.1, 0.1), .ink = 35, .paper = 225,
			  .bg = runif(&g->r, 60, 120), .light = 0.25, .blur = 0.8 * px,
			  .noise = 6 };
	double mod;

	if (g->qr_only)
		s = SYM_QR;
	mod = s == SYM_QR ? 3.0 : 1.7;
	if (kind == 4)
		s = SYM_NONE;
	if (kind == 1)
		v.rot_deg = runif(&g->r, 20, 40) * (rint_(&g->r, 0, 1) ? 1 : -1);
	if (kind == 2)
		mod *= 0.6;
	if (kind == 3) {
		v.ink = 70;
		v.paper = 120;
		v.noise = 9;
	}
	if (s != SYM_NONE) {
		code_of(g, code, sizeof(code));
		payload_of(g, s, code, payload, sizeof(payload));
	}
	if (paper_make(&p, &g->r, s, payload, mod) != 0)
		return -1;
	v.scale = px * runif(&g->r, 0.9, 1.1);
	v.cx = w / 2.0 + runif(&g->r, -0.08, 0.08) * w;
	v.cy = h / 2.0 + runif(&g->r, -0.08, 0.08) * h - (p.sy - p.h / 2.0) * v.scale * 0.5;
	snprintf(cond, sizeof(cond), "frame%d-%s", w, kinds[kind]);
	int rc = emit(g, &v, &p, cond, code);

	paper_free(&p);
	return rc;
}

static bool printable_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 32 || (unsigned char)*s > 126)
			return false;
	return true;
}

/* Printable ASCII goes into both symbologies; other UTF-8 text into QR codes only. */
static int check_payload(struct gen *g)
{
	size_t n = strlen(g->payload);

	if (n == 0 || !utf8_valid(g->payload, n)) {
		fprintf(stderr, "receiptgen: --payload must be non-empty UTF-8 text\n");
		return -1;
	}
	g->qr_only = !printable_ascii(g->payload) || n > PAYLOAD_C128_MAX;
	if (n > PAYLOAD_QR_MAX) {
		fprintf(stderr, "receiptgen: --payload takes at most %d bytes\n", PAYLOAD_QR_MAX);
		return -1;
	}
	if (g->qr_only)
		fprintf(stderr, "receiptgen: the payload is not printable ASCII of at most %d bytes:"
			" QR codes only (CODE128 holds ASCII)\n", PAYLOAD_C128_MAX);
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: receiptgen [--seed N] [--per N] [--frames N] [--no-receipts] "
		"[--payload TEXT] [--code CODE] [--jpeg QUALITY] OUTDIR\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct gen g = { 0 };
	int per = 2, frames = 0, rc = 0;
	bool receipts = true;
	char path[1024];

	g.r.s = 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			g.r.s = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--per") && i + 1 < argc)
			per = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--frames") && i + 1 < argc)
			frames = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--payload") && i + 1 < argc)
			g.payload = argv[++i];
		else if (!strcmp(argv[i], "--code") && i + 1 < argc && strlen(argv[i + 1]) < 64)
			g.code = argv[++i];
		else if (!strcmp(argv[i], "--jpeg") && i + 1 < argc && atoi(argv[i + 1]) >= 1 &&
			 atoi(argv[i + 1]) <= 100)
			g.jpeg = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--no-receipts"))
			receipts = false;
		else if (argv[i][0] != '-' && !g.dir)
			g.dir = argv[i];
		else
			return usage();
	}
	if (!g.dir)
		return usage();
	if (g.payload && check_payload(&g) != 0)
		return 2;
	mkdir(g.dir, 0755);
	snprintf(path, sizeof(path), "%s/manifest.tsv", g.dir);
	g.manifest = fopen(path, "w");
	if (!g.manifest) {
		fprintf(stderr, "receiptgen: cannot write %s\n", path);
		return 1;
	}
	for (size_t c = 0; receipts && rc == 0 && c < sizeof(conditions) / sizeof(conditions[0]); c++)
		for (int i = 0; rc == 0 && i < per; i++)
			if ((rc = receipt(&g, &conditions[c], SYM_C128)) == 0)
				rc = receipt(&g, &conditions[c], SYM_QR);
	for (int i = 0; rc == 0 && i < frames; i++)
		if ((rc = frame(&g, 640, 480, i % 5, i / 5 % 2 ? SYM_QR : SYM_C128)) == 0)
			rc = frame(&g, 1280, 720, i % 5, i / 5 % 2 ? SYM_C128 : SYM_QR);
	if (fclose(g.manifest) != 0)
		rc = -1;
	return rc ? 1 : 0;
}
