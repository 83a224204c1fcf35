/* imgdiff: compares a screenshot with its golden (tests/it/goldens.sh; docs/testing.md).
 *
 * usage: imgdiff [--tolerance N] [--boxes EXPECTED.boxes ACTUAL.boxes] EXPECTED ACTUAL
 *                [MAX_PERCENT]
 *
 * A pixel differs when one of its channels differs by more than N (default 2: rendering here is
 * deterministic, every golden matches at 0; the margin is for another build of the same
 * libraries, far below a missing tone mark or a changed colour). With --boxes (the records the
 * script runner writes beside each screenshot) no pixel may differ inside the rectangle of a
 * text or picture that either side drew, and the records themselves must be the same lines
 * (the same strings at the same places and sizes). Elsewhere at most MAX_PERCENT of the pixels
 * may differ (default 0.0004 %, 8 pixels of a 1080x1920 screen). Prints one line, "same: ..."
 * with exit status 0, or "DIFFERS: ..." with every reason and exit status 1; 2 when a file
 * cannot be read. */
#include "firmware/pngio.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_LEN 2048
#define LINES_MAX 4096

struct boxes {
	char *line[LINES_MAX];
	int n;
};

struct diff {
	long inside, outside;
	int first_x, first_y;       /* first differing pixel inside a box, -1 none */
	int worst;                  /* largest channel difference seen */
};

static int read_boxes(const char *path, struct boxes *b)
{
	char buf[LINE_MAX_LEN];
	FILE *fp = fopen(path, "r");

	if (!fp)
		return -1;
	while (b->n < LINES_MAX && fgets(buf, sizeof(buf), fp)) {
		buf[strcspn(buf, "\n")] = '\0';
		if (!(b->line[b->n] = strdup(buf)))
			break;
		b->n++;
	}
	fclose(fp);
	return 0;
}

static void free_boxes(struct boxes *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->line[i]);
}

/* The rectangle of a text or image record; false for other lines. */
static bool record_rect(const char *line, int *x, int *y, int *w, int *h)
{
	return (strncmp(line, "text\t", 5) == 0 || strncmp(line, "image\t", 6) == 0) &&
	       sscanf(strchr(line, '\t'), "\t%d\t%d\t%d\t%d", x, y, w, h) == 4;
}

static void mark(uint8_t *mask, int iw, int ih, const struct boxes *b)
{
	for (int i = 0; i < b->n; i++) {
		int x, y, w, h;
		if (!record_rect(b->line[i], &x, &y, &w, &h))
			continue;
		for (int r = y < 0 ? 0 : y; r < y + h && r < ih; r++)
			for (int c = x < 0 ? 0 : x; c < x + w && c < iw; c++)
				mask[(size_t)r * iw + c] = 1;
	}
}

static int channel_diff(const uint8_t *a, const uint8_t *b)
{
	int worst = 0;

	for (int c = 0; c < 4; c++) {
		int d = abs(a[c] - b[c]);
		worst = d > worst ? d : worst;
	}
	return worst;
}

static void compare(const uint8_t *a, const uint8_t *b, const uint8_t *mask, int w, int h,
		    int tolerance, struct diff *d)
{
	*d = (struct diff){ .first_x = -1, .first_y = -1 };
	for (long i = 0; i < (long)w * h; i++) {
		int cd = channel_diff(a + i * 4, b + i * 4);
		d->worst = cd > d->worst ? cd : d->worst;
		if (cd <= tolerance)
			continue;
		if (!mask || !mask[i]) {
			d->outside++;
		} else if (d->inside++ == 0) {
			d->first_x = (int)(i % w);
			d->first_y = (int)(i / w);
		}
	}
}

/* The last record of b whose rectangle holds (x, y): what was drawn there. */
static const char *record_at(const struct boxes *b, int px, int py)
{
	const char *found = NULL;

	for (int i = 0; i < b->n; i++) {
		int x, y, w, h;
		if (record_rect(b->line[i], &x, &y, &w, &h) && px >= x && py >= y && px < x + w &&
		    py < y + h)
			found = b->line[i];
	}
	return found;
}

/* What follows the last tab of a record: its text, or what the picture is. */
static const char *what_of(const char *line)
{
	return line ? strrchr(line, '\t') + 1 : "?";
}

static void say_records(const struct boxes *e, const struct boxes *a)
{
	int i = 0;

	while (i < e->n && i < a->n && strcmp(e->line[i], a->line[i]) == 0)
		i++;
	if (i == e->n && i == a->n)
		return;
	printf("; what was drawn differs from line %d of the golden's boxes: golden \"%s\", now \"%s\"",
	       i + 1, i < e->n ? e->line[i] : "(end)", i < a->n ? a->line[i] : "(end)");
}

static bool records_same(const struct boxes *e, const struct boxes *a)
{
	if (e->n != a->n)
		return false;
	for (int i = 0; i < e->n; i++)
		if (strcmp(e->line[i], a->line[i]) != 0)
			return false;
	return true;
}

struct opts {
	int tolerance;
	const char *boxes[2], *png[2];
	double limit;
};

static int parse(int argc, char **argv, struct opts *o)
{
	int i = 1, n = 0;

	*o = (struct opts){ .tolerance = 2, .limit = 0.0004 };
	for (; i < argc; i++) {
		if (strcmp(argv[i], "--tolerance") == 0 && i + 1 < argc) {
			o->tolerance = atoi(argv[++i]);
		} else if (strcmp(argv[i], "--boxes") == 0 && i + 2 < argc) {
			o->boxes[0] = argv[++i];
			o->boxes[1] = argv[++i];
		} else if (n < 2) {
			o->png[n++] = argv[i];
		} else if (n == 2) {
			o->limit = atof(argv[i]);
			n++;
		} else {
			return -1;
		}
	}
	return n >= 2 ? 0 : -1;
}

static int judge(const struct opts *o, int w, int h, const struct diff *d, const struct boxes *b)
{
	double pct = 100.0 * (double)d->outside / ((double)w * h);
	bool same_rec = !o->boxes[0] || records_same(&b[0], &b[1]);
	bool ok = d->inside == 0 && pct <= o->limit && same_rec;

	printf("%s: %ld px differ by more than %d inside text and pictures (limit 0), %ld (%.4f%%) "
	       "elsewhere (limit %.4f%%); largest channel difference %d", ok ? "same" : "DIFFERS",
	       d->inside, o->tolerance, d->outside, pct, o->limit, d->worst);
	if (d->inside)
		printf("; the first at %d,%d in \"%s\"", d->first_x, d->first_y,
		       what_of(record_at(&b[0], d->first_x, d->first_y) ?
			       record_at(&b[0], d->first_x, d->first_y) :
			       record_at(&b[1], d->first_x, d->first_y)));
	if (!same_rec)
		say_records(&b[0], &b[1]);
	printf("\n");
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct boxes b[2] = { { .n = 0 }, { .n = 0 } };
	struct diff d;
	int w1, h1, w2, h2, rc = 2;
	uint8_t *a = NULL, *c = NULL, *mask = NULL;

	if (parse(argc, argv, &o)) {
		fprintf(stderr, "usage: imgdiff [--tolerance N] [--boxes EXPECTED.boxes ACTUAL.boxes] "
				"EXPECTED ACTUAL [MAX_PERCENT]\n");
		return 2;
	}
	if (pngio_read_rgba(o.png[0], &w1, &h1, &a) || pngio_read_rgba(o.png[1], &w2, &h2, &c)) {
		fprintf(stderr, "imgdiff: cannot read %s or %s\n", o.png[0], o.png[1]);
		goto out;
	}
	if (o.boxes[0] && (read_boxes(o.boxes[0], &b[0]) || read_boxes(o.boxes[1], &b[1]))) {
		fprintf(stderr, "imgdiff: cannot read %s or %s\n", o.boxes[0], o.boxes[1]);
		goto out;
	}
	rc = 1;
	if (w1 != w2 || h1 != h2) {
		printf("DIFFERS: size %dx%d, now %dx%d\n", w1, h1, w2, h2);
		goto out;
	}
	if (o.boxes[0] && (mask = calloc((size_t)w1 * h1, 1))) {
		mark(mask, w1, h1, &b[0]);
		mark(mask, w1, h1, &b[1]);
	} else if (o.boxes[0]) {
		rc = 2;
		goto out;
	}
	compare(a, c, mask, w1, h1, o.tolerance, &d);
	rc = judge(&o, w1, h1, &d, b);
out:
	free_boxes(&b[0]);
	free_boxes(&b[1]);
	free(mask);
	free(a);
	free(c);
	return rc;
}
