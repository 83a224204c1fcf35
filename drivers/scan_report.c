/* scan_report: decode, pick the symbol, mask personal parameters, escape, print. */
#include "scan_report.h"

#include "drivers/scan_decode.h"
#include "firmware/dossier.h"
#include "firmware/err.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SYMBOLS 4
#define LINE_MAX_BYTES (4 * SCAN_DATA_MAX + 64)

/* Whether the parameter name at p (n bytes) names the dossier code. */
static bool code_param(const char *p, size_t n)
{
	return (n == 3 && strncasecmp(p, "MHS", 3) == 0) || (n == 6 && strncasecmp(p, "maHoSo", 6) == 0);
}

static bool separator(char c)
{
	return c == '?' || c == '&' || c == ';';
}

void scan_report_redact(const char *data, size_t len, char *out, size_t outlen)
{
	size_t o = 0, name = 0; /* start of the current parameter's name */
	bool in_value = false, keep = true, fragment = false;

	for (size_t i = 0; i < len && o + 1 < outlen; i++) {
		char c = data[i];

		if (c == '#') {
			fragment = true;
			in_value = false;
		}
		if (!fragment && separator(c)) {
			in_value = false;
			keep = true;
			name = i + 1;
		} else if (!fragment && c == '=' && !in_value) {
			in_value = true;
			keep = code_param(data + name, i - name);
			out[o++] = c;
			if (!keep && o + 1 < outlen)
				out[o++] = '*';
			continue;
		}
		if (in_value && !keep)
			continue;
		if (fragment && c != '#')
			continue; /* a fragment can carry anything: leave it out */
		out[o++] = c;
	}
	if (outlen)
		out[o < outlen ? o : outlen - 1] = '\0';
}

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
	char *masked = malloc(SCAN_DATA_MAX + 1), *esc = malloc(LINE_MAX_BYTES);
	char file[1024];

	dossier_escape((const unsigned char *)path, strlen(path), file, sizeof(file));
	if (!r || !masked || !esc) {
		fprintf(out, "%s\t-\t-\t-\n", file);
	} else {
		scan_report_redact(r->data, r->len, masked, SCAN_DATA_MAX + 1);
		dossier_escape((const unsigned char *)masked, strlen(masked), esc, LINE_MAX_BYTES);
		fprintf(out, "%s\t%s\t%s\t%s\n", file, r->symbology, esc[0] ? esc : "-",
			p->kind == DP_DOSSIER ? p->value : "-");
	}
	free(masked);
	free(esc);
}

int scan_report_file(const char *path, FILE *out)
{
	struct scan_result *r = malloc(sizeof(*r) * SYMBOLS);
	struct dossier_payload p;
	int n = r ? scan_decode_file(path, r, SYMBOLS, NULL) : ERR_NOMEM;

	if (n < 0)
		fprintf(stderr, "kiosk: %s: %s\n", path,
			n == ERR_CORRUPT ? "not a picture (PNG, PGM or PPM), or a damaged one"
					 : err_str(n));
	print_line(out, path, n > 0 ? &r[pick(r, n, &p)] : NULL, &p);
	free(r);
	return n < 0 ? n : 0;
}
