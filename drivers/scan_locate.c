/* scan_locate: per cell, the structure tensor of the gradients (sums of gx*gx, gy*gy, gx*gy)
 * gives the edge energy, how much the edges agree in direction (coherence) and that
 * direction. Cells well above the picture's noise floor (its median cell) are "busy"; busy
 * cells are joined 8-connected into regions, whose summed tensor says whether they are bars
 * (coherent) and which way. Start at scan_locate. */
#include "scan_locate.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CELLS 4096
#define MAX_ACC 64
#define MAX_REGIONS 16
#define MIN_REACH 0.8       /* cells: see reach_across */
#define MIN_FILL 0.25       /* see coverage() */
#define MIN_CELLS 3           /* smaller patches are specks, not codes */
#define BAR_COHERENCE 0.7    /* 1 = every edge one way: bars ~0.9, a QR or text ~0.1-0.4 */
#define SAME_DEG 15.0         /* neighbouring cells of one 1D code agree this well */

struct tensor {
	double xx, yy, xy, e;  /* sums of gx*gx, gy*gy, gx*gy; mean squared gradient */
	double sx, sy, sa;     /* sums of gx, gy, |gx| + |gy| */
};

enum cell_class { C_QUIET, C_BARS, C_BUSY };

struct grid {
	int c, cw, ch;            /* cell size (px), cells across and down */
	int step;                 /* gradients sampled every step px */
	struct tensor t[MAX_CELLS];
	enum cell_class cls[MAX_CELLS];
	double angle[MAX_CELLS];  /* direction of the cell's gradients, degrees */
	int comp[MAX_CELLS];      /* the region a cell joined (from 1), 0: none yet */
	int stack[MAX_CELLS];     /* flood fill (a cell is pushed once: marked when pushed) */
};

static int cell_size(int w, int h)
{
	int m = w < h ? w : h, c = m / 30;

	c = c < 8 ? 8 : c > 32 ? 32 : c;
	while ((w / c) * (h / c) > MAX_CELLS)
		c++;
	return c;
}

/* Gradient tensors per cell; big cells sample every other pixel (the edges are as many). */
static void tensors(const struct scan_img *g, struct grid *gr)
{
	int n = gr->c / gr->step;

	memset(gr->t, 0, sizeof(gr->t[0]) * (size_t)(gr->cw * gr->ch));
	for (int y = 1; y < gr->ch * gr->c && y < g->h - 1; y += gr->step) {
		const uint8_t *p = g->p + (size_t)y * (size_t)g->w;
		int step = gr->step;
		struct tensor *row = &gr->t[(y / gr->c) * gr->cw];

		for (int x = 1; x < gr->cw * gr->c && x < g->w - 1; x += step) {
			int gx = p[x + 1] - p[x - 1], gy = p[x + g->w] - p[x - g->w];
			struct tensor *t = &row[x / gr->c];

			t->xx += gx * gx;
			t->yy += gy * gy;
			t->xy += gx * gy;
			t->sx += gx;
			t->sy += gy;
			t->sa += abs(gx) + abs(gy);
		}
	}
	for (int i = 0; i < gr->cw * gr->ch; i++)
		gr->t[i].e = (gr->t[i].xx + gr->t[i].yy) / (n * n);
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The noise floor: the median cell's mean squared gradient (most cells are paper or
 * background). */
static double noise_floor(const struct grid *gr, double *strong)
{
	int n = gr->cw * gr->ch;
	double *e = malloc(sizeof(double) * (size_t)n), f;

	*strong = INFINITY;
	if (!e)
		return INFINITY;
	for (int i = 0; i < n; i++)
		e[i] = gr->t[i].e;
	qsort(e, (size_t)n, sizeof(e[0]), cmp_d);
	f = e[n / 2];
	*strong = e[(n * 98) / 100];
	free(e);
	return f;
}

/* How much a cell's edges agree in direction, once the noise's share (the same in every
 * direction: floor / 2 per sample to each of xx and yy) is taken out. */
static double coherence(const struct tensor *t, double noise)
{
	double tr = t->xx + t->yy - noise;

	return tr > 0 ? fmin(1.0, hypot(t->xx - t->yy, 2 * t->xy) / tr) : 0;
}

static double angle_deg(const struct tensor *t)
{
	return 0.5 * atan2(2 * t->xy, t->xx - t->yy) * 180.0 / M_PI;
}

/* Each busy cell gets its class: bars (edges one way) or busy (2D code, text). A cell whose
 * gradients mostly point one way is a single edge (the paper's border, a shadow), not a
 * code: codes have as many light-to-dark edges as dark-to-light ones. */
static void classify(struct grid *gr)
{
	double strong, nf = noise_floor(gr, &strong);
	double busy_min = fmax(2.0 * nf + 60.0, 0.08 * strong);
	int per_side = gr->c / gr->step;            /* whole steps in a cell */
	double samples = (double)per_side * per_side;

	for (int i = 0; i < gr->cw * gr->ch; i++) {
		const struct tensor *c = &gr->t[i];
		bool busy = c->e > busy_min && hypot(c->sx, c->sy) < 0.5 * c->sa;

		gr->cls[i] = !busy ? C_QUIET : coherence(c, nf * samples) >= BAR_COHERENCE ? C_BARS
											  : C_BUSY;
		gr->angle[i] = angle_deg(c);
		gr->comp[i] = 0;
	}
}

static double angle_diff(double a, double b)
{
	double d = fabs(a - b);

	return d > 90 ? 180 - d : d;
}

/* Whether cell j joins its neighbour of class cls and direction angle. Bars join bars of a
 * like direction: a code seen in perspective fans out, so the direction may drift slowly
 * across a code, but a code does not join the text next to it. */
static bool joins(const struct grid *gr, int j, enum cell_class cls, double angle)
{
	if (gr->comp[j])
		return false;
	if (cls == C_BARS)
		return gr->cls[j] == C_BARS && angle_diff(gr->angle[j], angle) < SAME_DEG;
	return gr->cls[j] != C_QUIET;
}

struct region_acc {
	struct tensor sum;
	int n, cx0, cy0, cx1, cy1;
	double mx, my, mxx, myy, mxy;  /* sums of the cells' coordinates and their products */
};

static void add_cell(struct region_acc *a, const struct tensor *t, int cx, int cy)
{
	a->mx += cx;
	a->my += cy;
	a->mxx += (double)cx * cx;
	a->myy += (double)cy * cy;
	a->mxy += (double)cx * cy;
	a->sum.xx += t->xx;
	a->sum.yy += t->yy;
	a->sum.xy += t->xy;
	a->sum.e += t->e;
	a->n++;
	a->cx0 = cx < a->cx0 ? cx : a->cx0;
	a->cx1 = cx > a->cx1 ? cx : a->cx1;
	a->cy0 = cy < a->cy0 ? cy : a->cy0;
	a->cy1 = cy > a->cy1 ? cy : a->cy1;
}

/* Flood fill (8-connected) from cell i with the cells that join it. */
static void fill(struct grid *gr, int i, int id, enum cell_class cls, struct region_acc *a)
{
	int top = 0;

	memset(a, 0, sizeof(*a));
	a->cx0 = a->cx1 = i % gr->cw;
	a->cy0 = a->cy1 = i / gr->cw;
	gr->comp[i] = id;
	gr->stack[top++] = i;
	while (top > 0) {
		int k = gr->stack[--top], cx = k % gr->cw, cy = k / gr->cw;

		add_cell(a, &gr->t[k], cx, cy);
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++) {
				int x = cx + dx, y = cy + dy, j = y * gr->cw + x;

				if (x < 0 || y < 0 || x >= gr->cw || y >= gr->ch ||
				    !joins(gr, j, cls, gr->angle[k]))
					continue;
				gr->comp[j] = id;
				gr->stack[top++] = j;
			}
	}
}

/* Bars score by their edge energy; a 2D region also by how square it is (a QR code is,
 * a line of text is not). Bars come before 2D regions. */
static struct scan_region region_of(const struct grid *gr, const struct region_acc *a,
				    bool bars)
{
	int w = a->cx1 - a->cx0 + 1, h = a->cy1 - a->cy0 + 1;
	struct scan_region r = {
		.x0 = (a->cx0 - 1) * gr->c, .y0 = (a->cy0 - 1) * gr->c,
		.x1 = (a->cx1 + 2) * gr->c, .y1 = (a->cy1 + 2) * gr->c,
		.axis_deg = bars ? angle_deg(&a->sum) : 0, .linear = bars,
		.score = a->sum.e * (bars ? 1e3 : (double)(w < h ? w : h) / (w > h ? w : h)),
	};

	return r;
}

/* Keeps r sorted best first, at most max. */
static int insert(struct scan_region *r, int n, int max, const struct scan_region *add)
{
	int i = n < max ? n : max - 1;

	if (n >= max && add->score <= r[max - 1].score)
		return n;
	while (i > 0 && r[i - 1].score < add->score) {
		r[i] = r[i - 1];
		i--;
	}
	r[i] = *add;
	return n < max ? n + 1 : n;
}

/* Regions grown from cells of class cls into a (at most MAX_ACC). */
static int grow(struct grid *gr, enum cell_class cls, int *id, struct region_acc *a)
{
	int n = 0;

	for (int i = 0; i < gr->cw * gr->ch && n < MAX_ACC; i++)
		if (!gr->comp[i] && (cls == C_BARS ? gr->cls[i] == C_BARS : gr->cls[i] != C_QUIET))
			fill(gr, i, ++*id, cls, &a[n++]);
	return n;
}

/* Whether two regions of bars are pieces of one code: alike in direction, and at most one
 * cell apart (a blurred or glaring stretch of a code can break it up). */
static bool pieces(const struct region_acc *a, const struct region_acc *b)
{
	return angle_diff(angle_deg(&a->sum), angle_deg(&b->sum)) < SAME_DEG &&
	       a->cx0 <= b->cx1 + 2 && b->cx0 <= a->cx1 + 2 &&
	       a->cy0 <= b->cy1 + 2 && b->cy0 <= a->cy1 + 2;
}

static void merge(struct region_acc *a, const struct region_acc *b)
{
	a->mx += b->mx;
	a->my += b->my;
	a->mxx += b->mxx;
	a->myy += b->myy;
	a->mxy += b->mxy;
	a->sum.xx += b->sum.xx;
	a->sum.yy += b->sum.yy;
	a->sum.xy += b->sum.xy;
	a->sum.e += b->sum.e;
	a->n += b->n;
	a->cx0 = b->cx0 < a->cx0 ? b->cx0 : a->cx0;
	a->cx1 = b->cx1 > a->cx1 ? b->cx1 : a->cx1;
	a->cy0 = b->cy0 < a->cy0 ? b->cy0 : a->cy0;
	a->cy1 = b->cy1 > a->cy1 ? b->cy1 : a->cy1;
}

static int merge_pieces(struct region_acc *a, int n)
{
	for (bool again = true; again;) {
		again = false;
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++) {
				if (!pieces(&a[i], &a[j]))
					continue;
				merge(&a[i], &a[j]);
				a[j--] = a[--n];
				again = true;
			}
	}
	return n;
}

/* How far a region of bars reaches across its bars, in cells (standard deviation of its
 * cells along the direction of the gradients). A code is several cells long that way; the
 * border of the paper or a shadow's edge is one cell thin. */
static double reach_across(const struct region_acc *a)
{
	double t = angle_deg(&a->sum) * M_PI / 180.0, c = cos(t), s = sin(t), n = a->n;
	double vx = a->mxx / n - (a->mx / n) * (a->mx / n);
	double vy = a->myy / n - (a->my / n) * (a->my / n);
	double cxy = a->mxy / n - (a->mx / n) * (a->my / n);

	return sqrt(fmax(0.0, c * c * vx + s * s * vy + 2 * c * s * cxy));
}

/* Share of its bounding box a region covers: a QR code is solid (about half when turned
 * 45 degrees); lines of text have gaps between them. */
static double coverage(const struct region_acc *a)
{
	return (double)a->n / ((a->cx1 - a->cx0 + 1) * (a->cy1 - a->cy0 + 1));
}

/* Regions of class cls into r, best first: bars, or 2D regions grown over every busy cell
 * (bars included: a QR code's big modules make some cells look like bars). */
static int regions(struct grid *gr, enum cell_class cls, int *id, struct scan_region *r,
		   int max)
{
	struct region_acc a[MAX_ACC];
	int na, n = 0;

	memset(gr->comp, 0, sizeof(gr->comp[0]) * (size_t)(gr->cw * gr->ch));
	na = grow(gr, cls, id, a);

	if (cls == C_BARS)
		na = merge_pieces(a, na);
	for (int i = 0; i < na; i++) {
		struct scan_region reg;

		if (a[i].n < MIN_CELLS || (cls == C_BARS && reach_across(&a[i]) < MIN_REACH) ||
		    (cls == C_BUSY && coverage(&a[i]) < MIN_FILL))
			continue;
		reg = region_of(gr, &a[i], cls == C_BARS);
		n = insert(r, n, max, &reg);
	}
	return n;
}

int scan_locate(const struct scan_img *g, struct scan_region *r, int max)
{
	struct scan_region bars[MAX_REGIONS], two[MAX_REGIONS];
	struct grid *gr;
	int n = 0, id = 0, nb, n2;

	if (max < 1 || g->w < 16 || g->h < 16 || !(gr = malloc(sizeof(*gr))))
		return 0;
	max = max < MAX_REGIONS ? max : MAX_REGIONS;
	gr->c = cell_size(g->w, g->h);
	gr->cw = g->w / gr->c;
	gr->ch = g->h / gr->c;
	gr->step = gr->c >= 24 ? 2 : 1;
	tensors(g, gr);
	classify(gr);
	nb = regions(gr, C_BARS, &id, bars, max);
	n2 = regions(gr, C_BUSY, &id, two, max);
	/* taken in turn, so the best of each kind is among the first two */
	for (int i = 0; n < max && (i < nb || i < n2); i++) {
		if (i < nb)
			r[n++] = bars[i];
		if (i < n2 && n < max)
			r[n++] = two[i];
	}
	free(gr);
	return n;
}
