/* scan_report: decode, pick the symbol, print what privacy_show allows of it. */
#include "scan_report.h"

#include "drivers/scan_decode.h"
#include "firmware/dossier.h"
#include "firmware/err.h"
#include "firmware/privacy.h"

#include <stdlib.h>
#include <string.h>

#define SYMBOLS 4

/* The symbol to report: the first holding a dossier code, else the first. */
static int pick(const struct scan_result *r, int n, struct dossier_payload *p)
{
	for (int i = 0; i < n; i++) {
		dossier_parse_payload(r[i].data, r[i].len, p);
		if (p->kind == DP_DOSSIER)
			return i;
	}
	dossier_parse_payload(r[0].data, r[0].len, p);
	return 0;
}

static void print_line(FILE *out, const char *path, const struct scan_result *r,
		       const struct dossier_payload *p)
{
	char file[1024], shown[PRIVACY_SHOWN_MAX];

	dossier_escape((const unsigned char *)path, strlen(path), file, sizeof(file));
	if (!r) {
		fprintf(out, "%s\t-\t-\t-\n", file);
		return;
	}
	privacy_show(r->data, r->len, shown, sizeof(shown));
	fprintf(out, "%s\t%s\t%s\t%s\n", file, r->symbology, shown,
		p->kind == DP_DOSSIER ? p->value : "-");
}

int scan_report_file(const char *path, FILE *out)
{
	struct scan_result *r = malloc(sizeof(*r) * SYMBOLS);
	struct dossier_payload p;
	int n = r ? scan_decode_file(path, r, SYMBOLS, NULL) : ERR_NOMEM;

	if (n < 0)
		fprintf(stderr, "kiosk: %s: %s\n", path,
			n == ERR_CORRUPT ? "not a picture (PNG, JPEG, PGM or PPM), or a damaged one"
			: n == ERR_RANGE ? "larger than the kiosk reads (at most 8192 pixels a side "
					   "and 32 megapixels)" : err_str(n));
	print_line(out, path, n > 0 ? &r[pick(r, n, &p)] : NULL, &p);
	free(r);
	return n < 0 ? n : 0;
}
