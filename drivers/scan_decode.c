/* scan_decode: ZBar, and what the kiosk does when plain ZBar finds nothing.
 *
 * Start at scan_decode_gray_opts: it runs the passes of the table `passes` in order until
 * one finds a symbol or the time budget is spent. ZBar reads every row and column of what it
 * is given; a 1D code survives a tilt only while one row still crosses all its bars (about
 * +-10 degrees for a receipt's long, low code), and most of a camera frame is paper, table and
 * noise. So the kiosk's path first reads only the regions scan_locate finds, each 1D code
 * turned level and read along rows; then the whole picture; then harder variants of both. */
#include "scan_decode.h"

#include "firmware/clock.h"
#include "firmware/err.h"
#include "firmware/jpegio.h"
#include "firmware/picture.h"
#include "firmware/pngio.h"
#include "scan_bars.h"
#include "scan_img.h"
#include "scan_locate.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zbar.h>

#define HALF_MIN_W 960      /* wider pictures get the half-size pass */
#define WORK_MAX_SIDE 800   /* whole-picture rotations run on at most this; upscale up to it */
#define MAX_REGIONS 4
#define LEVEL_DEG 4.0       /* a 1D code tilted less than this is read as it is */
#define SMALL_CODE_SIDE 320 /* a 2D region worth upscaling is no bigger (small modules) */
#define BAR_ROWS 48         /* scan_bars reads at most about this many rows of a region */

const struct scan_opts scan_opts_kiosk = { SCAN_PASSES_KIOSK, 0 };
const struct scan_opts scan_opts_zbar = { SCAN_PASSES_ZBAR, 0 };

void scan_opts_frame(uint64_t frame_seq, struct scan_opts *o)
{
	/* no ROTATE: the locator already turns tilted codes level, and a frame is no file */
	static const unsigned turn[] = { SCAN_PASS_PLAIN, SCAN_PASS_BINARY, SCAN_PASS_STRETCH };

	o->passes = SCAN_PASS_LOCATE | SCAN_PASS_ENHANCE | SCAN_PASS_HALF |
		    turn[frame_seq % (sizeof(turn) / sizeof(turn[0]))];
	o->budget_ms = SCAN_FRAME_BUDGET_MS;
}

/* The three ways ZBar is set up. */
enum zmode {
	Z_ALL,   /* CODE128, CODE39, QR; rows and columns */
	Z_LIN,   /* CODE128, CODE39; rows and columns */
	Z_ROWS,  /* CODE128, CODE39; rows only (a code turned level) */
	Z_MODES
};

struct dctx {
	const struct scan_opts *o;
	struct scan_img src;           /* the input, contiguous */
	struct scan_img stretched;     /* src contrast-stretched, once a pass needed it */
	struct scan_img halved, halved_stretched; /* frames: see whole() */
	zbar_image_scanner_t *z[Z_MODES];
	zbar_decoder_t *dec;           /* CODE128, CODE39 fed by scan_bars */
	struct scan_region reg[MAX_REGIONS];
	int nreg;                      /* -1: not located yet */
	struct scan_result *out;
	int max;
	double t0;
	struct scan_stats *st;
};

static double now_ms(void)
{
	return (double)clock_mono_ns() / 1e6;
}

static bool over_budget(const struct dctx *c)
{
	return c->o->budget_ms > 0 && now_ms() - c->t0 >= (double)c->o->budget_ms;
}

static zbar_image_scanner_t *new_scanner(enum zmode m)
{
	zbar_image_scanner_t *s = zbar_image_scanner_create();

	if (!s)
		return NULL;
	zbar_image_scanner_set_config(s, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(s, ZBAR_CODE128, ZBAR_CFG_ENABLE, 1);
	zbar_image_scanner_set_config(s, ZBAR_CODE39, ZBAR_CFG_ENABLE, 1);
	if (m == Z_ALL) {
		zbar_image_scanner_set_config(s, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
		/* the payload's bytes as they are: dossier.c judges them, not a charset guess */
		zbar_image_scanner_set_config(s, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
	}
	if (m == Z_ROWS) /* ZBar's X density is its column spacing: 0 turns columns off */
		zbar_image_scanner_set_config(s, ZBAR_NONE, ZBAR_CFG_X_DENSITY, 0);
	return s;
}

static void copy_symbol(const zbar_symbol_t *sym, struct scan_result *r)
{
	unsigned len = zbar_symbol_get_data_length(sym);
	const char *name = zbar_get_symbol_name(zbar_symbol_get_type(sym));

	memset(r->symbology, 0, sizeof(r->symbology));
	snprintf(r->symbology, sizeof(r->symbology), "%s", name ? name : "?");
	r->truncated = len > SCAN_DATA_MAX;
	r->len = r->truncated ? SCAN_DATA_MAX : len;
	memcpy(r->data, zbar_symbol_get_data(sym), r->len);
	r->data[r->len] = '\0';
}

/* ZBar on one picture: the number of results filled (at most c->max), or ERR_NOMEM. */
static int zscan(struct dctx *c, enum zmode m, const struct scan_img *g)
{
	zbar_image_t *img;
	int n = 0;

	if (!g->p)
		return ERR_NOMEM;
	if (!c->z[m] && !(c->z[m] = new_scanner(m)))
		return ERR_NOMEM;
	img = zbar_image_create();
	if (!img)
		return ERR_NOMEM;
	zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(img, (unsigned)g->w, (unsigned)g->h);
	zbar_image_set_data(img, g->p, (unsigned long)g->w * (unsigned long)g->h, NULL);
	if (zbar_scan_image(c->z[m], img) > 0) {
		const zbar_symbol_t *s = zbar_image_first_symbol(img);

		for (; s && n < c->max; s = zbar_symbol_next(s))
			copy_symbol(s, &c->out[n++]);
	}
	zbar_image_destroy(img);
	return n;
}

/* zscan on a picture made for the purpose, which it frees. */
static int zscan_free(struct dctx *c, enum zmode m, struct scan_img *g)
{
	int n = g->p ? zscan(c, m, g) : ERR_NOMEM;

	scan_img_free(g);
	return n;
}

/* s contrast-stretched into *cache when dim (made once), else s itself. */
static const struct scan_img *stretched(const struct scan_img *s, struct scan_img *cache)
{
	int lo, hi;

	if (cache->p)
		return cache;
	scan_img_percentiles(s, &lo, &hi);
	if (hi - lo >= 160 || hi - lo < 8 || !scan_img_stretch(s, lo, hi, cache))
		return s;
	return cache;
}

/* The picture the enhancing region passes start from: src, stretched when dim. */
static const struct scan_img *base(struct dctx *c)
{
	return stretched(&c->src, &c->stretched);
}

/* The picture the whole-picture passes work on: src; for a camera frame (a time budget) src
 * denoised, at half size when big (a 2x2 average, a quarter of the cost; HALF has read it
 * as it is) else smoothed 3x3. Sensor noise makes ZBar both miss and slow: every speck is
 * an edge to try. */
static const struct scan_img *whole(struct dctx *c)
{
	bool ok;

	if (c->o->budget_ms <= 0)
		return &c->src;
	if (c->halved.p)
		return &c->halved;
	ok = c->src.w > HALF_MIN_W ? scan_img_half(&c->src, &c->halved)
				   : scan_img_smooth(&c->src, &c->halved);
	return ok ? &c->halved : &c->src;
}

/* whole(), stretched when dim. */
static const struct scan_img *whole_base(struct dctx *c)
{
	const struct scan_img *w = whole(c);

	return w == &c->src ? base(c) : stretched(w, &c->halved_stretched);
}

static void locate(struct dctx *c)
{
	if (c->nreg < 0)
		c->nreg = scan_locate(&c->src, c->reg, MAX_REGIONS);
}

/* A located region cropped from g; a 1D code also turned so its bars stand upright. */
static bool region_img(const struct scan_img *g, const struct scan_region *r,
		       struct scan_img *d)
{
	struct scan_img crop;
	bool ok;

	if (!scan_img_crop(g, r->x0, r->y0, r->x1, r->y1, &crop))
		return false;
	if (!r->linear || fabs(r->axis_deg) < LEVEL_DEG) {
		*d = crop;
		return true;
	}
	ok = scan_img_rotate(&crop, -r->axis_deg, d);
	scan_img_free(&crop);
	return ok;
}

/* A 1D code turned level, rows averaged in bands of 4: noise falls, bars stay (the level is
 * good to a degree or two, which smears a bar by a tenth of a pixel over 4 rows). */
static int read_bars(struct dctx *c, const struct scan_img *lvl)
{
	struct scan_img b;

	if (lvl->h < 16)
		return zscan(c, Z_ROWS, lvl);
	if (!scan_img_bands(lvl, 4, &b))
		return ERR_NOMEM;
	return zscan_free(c, Z_ROWS, &b);
}

static zbar_decoder_t *bar_decoder(struct dctx *c)
{
	if (!c->dec && (c->dec = zbar_decoder_create()) != NULL) {
		zbar_decoder_set_config(c->dec, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
		zbar_decoder_set_config(c->dec, ZBAR_CODE128, ZBAR_CFG_ENABLE, 1);
		zbar_decoder_set_config(c->dec, ZBAR_CODE39, ZBAR_CFG_ENABLE, 1);
	}
	return c->dec;
}

/* One row's widths through the decoder: 1 and the symbol in r, or 0. */
static int decode_widths(zbar_decoder_t *dec, const unsigned *w, int n, struct scan_result *r)
{
	zbar_decoder_reset(dec);
	zbar_decoder_new_scan(dec);
	for (int i = 0; i < n; i++) {
		zbar_symbol_type_t t = zbar_decode_width(dec, w[i]);
		unsigned len;

		if (t <= ZBAR_PARTIAL)
			continue;
		len = zbar_decoder_get_data_length(dec);
		snprintf(r->symbology, sizeof(r->symbology), "%s", zbar_get_symbol_name(t));
		r->truncated = len > SCAN_DATA_MAX;
		r->len = r->truncated ? SCAN_DATA_MAX : len;
		memcpy(r->data, zbar_decoder_get_data(dec), r->len);
		r->data[r->len] = '\0';
		return 1;
	}
	return 0;
}

/* scan_bars over every row of b (a level code, rows averaged in bands). A read counts once
 * two rows agree on it (one, for a picture of one or two rows): a checksum alone lets a
 * noisy row through now and then, and CODE39 has none. */
static int read_bars_rows(struct dctx *c, const struct scan_img *b, const struct scan_bars_opts *o)
{
	zbar_decoder_t *dec = bar_decoder(c);
	int max = 2 * b->w + 4, found = 0;
	unsigned *w = malloc(sizeof(unsigned) * (size_t)max);
	struct scan_result *seen = malloc(sizeof(*seen));

	if (!dec || !w || !seen) {
		free(w);
		free(seen);
		return ERR_NOMEM;
	}
	seen->len = 0;
	seen->symbology[0] = '\0';
	for (int y = 0, step = b->h / BAR_ROWS + 1; y < b->h && !found; y += step) {
		int n = scan_bars_widths(b->p + (size_t)y * (size_t)b->w, b->w, o, w, max);

		if (n == 0 || !decode_widths(dec, w, n, &c->out[0]))
			continue;
		if (b->h <= 2 || (seen->symbology[0] && seen->len == c->out[0].len &&
				  memcmp(seen->data, c->out[0].data, seen->len) == 0 &&
				  strcmp(seen->symbology, c->out[0].symbology) == 0))
			found = 1;
		else
			*seen = c->out[0];
	}
	free(w);
	free(seen);
	return found;
}

/* Harder variants of a level 1D code, cheapest first: banded and stretched for ZBar (dim),
 * then scan_bars on the bands as they are and sharpened (thin bars, blur); last the crop as
 * it is, in case it was not bars after all. */
static int enhance_bars(struct dctx *c, const struct scan_img *lvl)
{
	struct scan_img b = { 0 }, s = { 0 };
	int lo, hi, n = 0, r = lvl->w / 20;
	struct scan_bars_opts o = { .upscale = 2, .radius = r < 8 ? 8 : r, .min_swing = 0.2 };

	if (scan_img_bands(lvl, lvl->h < 16 ? 1 : 4, &b)) {
		scan_img_percentiles(&b, &lo, &hi);
		if (scan_img_stretch(&b, lo, hi, &s))
			n = zscan(c, Z_ROWS, &s);
		if (n == 0)
			n = read_bars_rows(c, lvl, &o);
		if (n == 0)
			n = read_bars_rows(c, &b, &o);
		o.sharpen = 3;
		if (n == 0)
			n = read_bars_rows(c, &b, &o);
	}
	scan_img_free(&b);
	scan_img_free(&s);
	return n != 0 ? n : zscan(c, Z_ALL, lvl);
}

/* Harder variants of a 2D region: binarised (blur, noise, shade), then 2x (small modules). */
static int enhance_2d(struct dctx *c, const struct scan_img *crop)
{
	struct scan_img t;
	int n = 0;

	if (scan_img_binarise(crop, 8, &t))
		n = zscan_free(c, Z_ALL, &t);
	if (n == 0 && crop->w <= SMALL_CODE_SIDE && crop->h <= SMALL_CODE_SIDE &&
	    scan_img_upscale(crop, 2, 2, &t))
		n = zscan_free(c, Z_ALL, &t);
	return n;
}

/* A 2D region worth reading: about square, as a QR code is (a block of text is not). */
static bool squarish(const struct scan_region *r)
{
	int w = r->x1 - r->x0, h = r->y1 - r->y0;

	return 2 * w >= h && 2 * h >= w;
}

static int read_regions(struct dctx *c, bool enhance)
{
	const struct scan_img *g = enhance ? base(c) : &c->src;
	int n = 0, tried = 0;

	locate(c);
	for (int i = 0; n == 0 && i < c->nreg; i++) {
		const struct scan_region *r = &c->reg[i];
		struct scan_img lvl;

		if (!r->linear && !squarish(r))
			continue;
		if (tried++ > 0 && over_budget(c))
			break;
		if (!region_img(g, r, &lvl))
			return ERR_NOMEM;
		c->st->passes_run += tried == 1;
		if (r->linear)
			n = enhance ? enhance_bars(c, &lvl) : read_bars(c, &lvl);
		else
			n = enhance ? enhance_2d(c, &lvl) : zscan(c, Z_ALL, &lvl);
		scan_img_free(&lvl);
	}
	return n;
}

static int pass_locate(struct dctx *c)
{
	return read_regions(c, false);
}

static int pass_enhance(struct dctx *c)
{
	return read_regions(c, true);
}

static int pass_half(struct dctx *c)
{
	struct scan_img d;

	if (c->src.w <= HALF_MIN_W || !scan_img_half(&c->src, &d))
		return 0;
	c->st->passes_run++;
	return zscan_free(c, Z_ALL, &d);
}

static int pass_plain(struct dctx *c)
{
	c->st->passes_run++;
	return zscan(c, Z_ALL, whole(c));
}

static int pass_stretch(struct dctx *c)
{
	const struct scan_img *w = whole(c), *b = whole_base(c);

	if (b == w)
		return 0;
	c->st->passes_run++;
	return zscan(c, Z_ALL, b);
}

static int pass_binary(struct dctx *c)
{
	const struct scan_img *b = whole_base(c);
	struct scan_img d;
	int r = (b->w < b->h ? b->w : b->h) / 24;

	if (!scan_img_binarise(b, r < 6 ? 6 : r > 24 ? 24 : r, &d))
		return ERR_NOMEM;
	c->st->passes_run++;
	return zscan_free(c, Z_ALL, &d);
}

static int pass_rotate(struct dctx *c)
{
	static const double angles[] = { 45, 30, -30 };
	struct scan_img small = { 0 };
	const struct scan_img *work = whole_base(c);
	int n = 0;

	if (work->w > WORK_MAX_SIDE || work->h > WORK_MAX_SIDE) {
		if (!scan_img_half(work, &small))
			return ERR_NOMEM;
		work = &small;
	}
	c->st->passes_run++;
	for (size_t i = 0; n == 0 && i < sizeof(angles) / sizeof(angles[0]); i++) {
		struct scan_img d;

		if (i > 0 && over_budget(c))
			break;
		if (!scan_img_rotate(work, angles[i], &d)) {
			n = ERR_NOMEM;
			break;
		}
		n = zscan_free(c, Z_LIN, &d);
	}
	scan_img_free(&small);
	return n;
}

static int pass_upscale(struct dctx *c)
{
	const struct scan_img *b = whole_base(c);
	struct scan_img d;

	if (b->w > WORK_MAX_SIDE || b->h > WORK_MAX_SIDE)
		return 0;
	if (!scan_img_upscale(b, 2, 2, &d))
		return ERR_NOMEM;
	c->st->passes_run++;
	return zscan_free(c, Z_ALL, &d);
}

static const struct {
	unsigned bit;
	const char *name;
	int (*run)(struct dctx *c);
} passes[] = {
	{ SCAN_PASS_LOCATE, "locate", pass_locate },
	{ SCAN_PASS_ENHANCE, "enhance", pass_enhance },
	{ SCAN_PASS_HALF, "half", pass_half },
	{ SCAN_PASS_PLAIN, "plain", pass_plain },
	{ SCAN_PASS_STRETCH, "stretch", pass_stretch },
	{ SCAN_PASS_BINARY, "binary", pass_binary },
	{ SCAN_PASS_ROTATE, "rotate", pass_rotate },
	{ SCAN_PASS_UPSCALE, "upscale", pass_upscale },
};

#define NPASSES (sizeof(passes) / sizeof(passes[0]))

const char *scan_pass_name(unsigned pass)
{
	for (size_t i = 0; i < NPASSES; i++)
		if (passes[i].bit == pass)
			return passes[i].name;
	return "none";
}

static int run_passes(struct dctx *c)
{
	int n = 0;

	for (size_t i = 0; n == 0 && i < NPASSES; i++) {
		if (!(c->o->passes & passes[i].bit))
			continue;
		if (c->st->passes_run > 0 && over_budget(c))
			break;
		n = passes[i].run(c);
		if (n > 0)
			c->st->found_by = passes[i].bit;
	}
	return n;
}

/* The input as a contiguous picture: borrowed when it already is one (no pass writes it). */
static int set_source(struct dctx *c, const uint8_t *gray, int w, int h, int stride)
{
	c->src.w = w;
	c->src.h = h;
	if (stride == w) {
		c->src.p = (uint8_t *)gray;
		c->src.owned = false;
		return 0;
	}
	if (!scan_img_alloc(&c->src, w, h))
		return ERR_NOMEM;
	for (int y = 0; y < h; y++)
		memcpy(c->src.p + (size_t)y * (size_t)w, gray + (size_t)y * (size_t)stride, (size_t)w);
	return 0;
}

int scan_decode_gray_opts(const struct scan_opts *o, const uint8_t *gray, int w, int h,
			  int stride, struct scan_result *out, int max, struct scan_stats *st)
{
	struct scan_stats local = { 0 };
	struct dctx c = { .o = o, .out = out, .max = max, .t0 = now_ms(), .nreg = -1 };
	int n;

	c.st = st ? st : &local;
	memset(c.st, 0, sizeof(*c.st));
	if (!o || !gray || !out || max < 1 || stride < w || picture_size_ok(w, h) != 0)
		return ERR_INVAL;
	n = set_source(&c, gray, w, h, stride);
	if (n == 0)
		n = run_passes(&c);
	for (int m = 0; m < Z_MODES; m++)
		if (c.z[m])
			zbar_image_scanner_destroy(c.z[m]);
	if (c.dec)
		zbar_decoder_destroy(c.dec);
	scan_img_free(&c.src);
	scan_img_free(&c.stretched);
	scan_img_free(&c.halved);
	scan_img_free(&c.halved_stretched);
	c.st->ms = now_ms() - c.t0;
	return n;
}

int scan_decode_gray(const uint8_t *gray, int w, int h, int stride, struct scan_result *out,
		     int max, struct scan_stats *st)
{
	static const struct scan_opts o = { SCAN_PASSES_KIOSK, SCAN_FRAME_BUDGET_MS };

	return scan_decode_gray_opts(&o, gray, w, h, stride, out, max, st);
}

/* --- loading ------------------------------------------------------------------------- */

/* The next header number of a PNM file, skipping blanks and # comments. */
static int pnm_number(FILE *f, int *v)
{
	int ch = fgetc(f);
	long n = 0;

	for (;;) {
		while (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
			ch = fgetc(f);
		if (ch != '#')
			break;
		while (ch != EOF && ch != '\n')
			ch = fgetc(f);
	}
	if (ch < '0' || ch > '9')
		return ERR_CORRUPT;
	for (; ch >= '0' && ch <= '9'; ch = fgetc(f))
		if ((n = n * 10 + (ch - '0')) > 65535)
			return ERR_CORRUPT;
	/* exactly one blank ends the header's last number */
	if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n')
		return ERR_CORRUPT;
	*v = (int)n;
	return 0;
}

static uint8_t luma(unsigned r, unsigned g, unsigned b)
{
	return (uint8_t)((r * 77 + g * 150 + b * 29 + 128) >> 8);
}

/* P5 (grey) or P6 (RGB), maxval up to 65535 (two bytes a sample, big-endian). */
static int load_pnm(FILE *f, int channels, uint8_t **gray, int *w, int *h)
{
	int maxval, bps, rc;
	size_t rowlen;
	uint8_t *row, *g;

	if ((rc = pnm_number(f, w)) || (rc = pnm_number(f, h)) || (rc = pnm_number(f, &maxval)))
		return rc;
	if (maxval < 1)
		return ERR_CORRUPT;
	if ((rc = picture_size_ok(*w, *h)) != 0)   /* by the header, before allocating */
		return rc;
	bps = maxval > 255 ? 2 : 1;
	rowlen = (size_t)*w * (size_t)channels * (size_t)bps;
	row = malloc(rowlen);
	g = malloc((size_t)*w * (size_t)*h);
	rc = row && g ? 0 : ERR_NOMEM;
	for (int y = 0; rc == 0 && y < *h; y++) {
		if (fread(row, 1, rowlen, f) != rowlen) {
			rc = ERR_CORRUPT;
			break;
		}
		for (int x = 0; x < *w; x++) {
			unsigned s[3];

			for (int k = 0; k < channels; k++) {
				const uint8_t *p = row + ((size_t)x * (size_t)channels + (size_t)k) * (size_t)bps;
				unsigned v = bps == 2 ? (unsigned)p[0] << 8 | p[1] : p[0];

				s[k] = (v > (unsigned)maxval ? (unsigned)maxval : v) * 255u / (unsigned)maxval;
			}
			g[(size_t)y * (size_t)*w + (size_t)x] = channels == 1 ? (uint8_t)s[0]
								      : luma(s[0], s[1], s[2]);
		}
	}
	free(row);
	if (rc)
		free(g);
	else
		*gray = g;
	return rc;
}

static int load_png(const char *path, uint8_t **gray, int *w, int *h)
{
	uint8_t *rgba, *g;
	int rc = pngio_read_rgba(path, w, h, &rgba);

	if (rc)
		return rc;
	g = malloc((size_t)*w * (size_t)*h);
	if (!g) {
		free(rgba);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < (size_t)*w * (size_t)*h; i++) {
		const uint8_t *p = rgba + 4 * i;
		unsigned a = p[3], y = luma(p[0], p[1], p[2]);

		g[i] = (uint8_t)((y * a + 255u * (255u - a) + 127u) / 255u); /* over white paper */
	}
	free(rgba);
	*gray = g;
	return 0;
}

int scan_load_gray(const char *path, uint8_t **gray, int *w, int *h)
{
	static const uint8_t png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	uint8_t magic[8] = { 0 };
	size_t got;
	FILE *f;
	int rc;

	if (!path || !gray || !w || !h)
		return ERR_INVAL;
	*gray = NULL;
	f = fopen(path, "rb");
	if (!f)
		return err_from_errno(errno);
	got = fread(magic, 1, sizeof(magic), f);
	if (got == sizeof(magic) && memcmp(magic, png_sig, sizeof(png_sig)) == 0) {
		fclose(f);
		return load_png(path, gray, w, h);
	}
	if (jpegio_is_jpeg(magic, got)) {   /* a phone's picture */
		fclose(f);
		return jpegio_read_gray_file(path, gray, w, h);
	}
	rc = ERR_CORRUPT;
	if (got >= 3 && magic[0] == 'P' && (magic[1] == '5' || magic[1] == '6') &&
	    fseek(f, 2, SEEK_SET) == 0)
		rc = load_pnm(f, magic[1] == '5' ? 1 : 3, gray, w, h);
	fclose(f);
	return rc;
}

int scan_decode_file_opts(const struct scan_opts *o, const char *path, struct scan_result *out,
			  int max, struct scan_stats *st)
{
	uint8_t *g = NULL;
	int w = 0, h = 0, rc = scan_load_gray(path, &g, &w, &h);

	if (st)
		memset(st, 0, sizeof(*st));
	if (rc)
		return rc;
	rc = scan_decode_gray_opts(o, g, w, h, w, out, max, st);
	free(g);
	return rc;
}

int scan_decode_file(const char *path, struct scan_result *out, int max, struct scan_stats *st)
{
	return scan_decode_file_opts(&scan_opts_kiosk, path, out, max, st);
}
