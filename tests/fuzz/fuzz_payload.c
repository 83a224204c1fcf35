/* Fuzz target: whatever a scanner or keyboard produces, dossier_parse_payload returns a short,
 * valid, NUL-terminated value whose shape matches its kind (checked against POSIX regexes, not
 * the parser's own code), and never lets an SGT= value (the owner's ID number) through: the
 * value must not change when only those digits change, and must not hold a run of them unless
 * the same run is elsewhere in the input. Masking and escaping of the same bytes are checked
 * too. Built with libFuzzer by `make fuzz`; its corpus is replayed in `make test`. */
#include "firmware/dossier.h"
#include "firmware/utf8.h"

#include <regex.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define MAX_INPUT (2 * DOSSIER_PAYLOAD_MAX + 64)
#define MIN_RUN 9

enum { RE_LOOSE, RE_STRICT, RE_TICKET, RE_COUNT };

static const char *const patterns[RE_COUNT] = {
	[RE_LOOSE] = "^[0-9A-Z._/-]{5,50}$",
	[RE_STRICT] = "^[0-9A-Z.]+-[0-9]{6}-[0-9]{4,7}$",
	[RE_TICKET] = "^[A-Za-z0-9_.-]{1,31}-[0-9]{8}-[A-Z]{1,2}[0-9]{3,4}$",
};

static void check(bool ok)
{
	if (!ok)
		abort();
}

static bool matches(int which, const char *s)
{
	static regex_t re[RE_COUNT];
	static bool ready;

	if (!ready) {
		for (int i = 0; i < RE_COUNT; i++)
			check(regcomp(&re[i], patterns[i], REG_EXTENDED | REG_NOSUB) == 0);
		ready = true;
	}
	return regexec(&re[which], s, 0, NULL, 0) == 0;
}

static void check_payload(const struct dossier_payload *p)
{
	size_t n;

	check(memchr(p->value, '\0', sizeof(p->value)) != NULL);
	n = strlen(p->value);
	check(utf8_valid(p->value, n));
	switch (p->kind) {
	case DP_DOSSIER:
		check(matches(RE_LOOSE, p->value) && strpbrk(p->value, "0123456789"));
		check(p->strict == matches(RE_STRICT, p->value));
		break;
	case DP_TICKET:
		check(matches(RE_TICKET, p->value) && !p->strict);
		break;
	case DP_EMPTY: case DP_BINARY: case DP_TOO_LONG: case DP_NO_CODE: case DP_NOT_A_CODE:
	case DP_ID_CARD:
		check(n == 0 && !p->strict);
		break;
	default:
		check(false);
	}
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int hex(char c)
{
	return is_digit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* %XX decoding of a whole buffer, in place; returns the new length. */
static size_t decode_all(char *s, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
			s[o++] = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
			i += 2;
		} else {
			s[o++] = s[i];
		}
	}
	return o;
}

/* Calls fn(start, len) for every digit run that directly follows "SGT=" (any case). */
static void for_each_sgt(const char *s, size_t n, void (*fn)(char *, size_t, void *),
			 char *mut, void *arg)
{
	for (size_t i = 0; i + 4 <= n; i++) {
		size_t j = i + 4;

		if ((s[i] | 0x20) != 's' || (s[i + 1] | 0x20) != 'g' || (s[i + 2] | 0x20) != 't' ||
		    s[i + 3] != '=')
			continue;
		while (j < n && is_digit(s[j]))
			j++;
		if (j > i + 4)
			fn(mut + i + 4, j - i - 4, arg);
	}
}

static void shift_digits(char *run, size_t len, void *arg)
{
	(void)arg;
	for (size_t i = 0; i < len; i++)
		run[i] = (char)('0' + (run[i] - '0' + 1) % 10);
}

static void blank_digits(char *run, size_t len, void *arg)
{
	(void)arg;
	memset(run, 'x', len);
}

struct run_check {
	const char *value;
	const char *rest;   /* the input, SGT runs blanked, %-decoded */
};

/* A run of MIN_RUN+ digits of an SGT value in the code only if the run is elsewhere too. */
static void check_run(char *run, size_t len, void *arg)
{
	const struct run_check *c = arg;
	char d[MIN_RUN + 1];

	for (size_t i = 0; i + MIN_RUN <= len; i++) {
		memcpy(d, run + i, MIN_RUN);
		d[MIN_RUN] = '\0';
		if (strstr(c->value, d))
			check(strstr(c->rest, d) != NULL);
	}
}

static void check_sgt(const unsigned char *data, size_t size, const struct dossier_payload *p)
{
	static char mut[MAX_INPUT + 1], rest[MAX_INPUT + 1], orig[MAX_INPUT + 1];
	struct dossier_payload q;
	struct run_check rc = { p->value, rest };
	size_t n;

	memcpy(orig, data, size);
	orig[size] = '\0';
	/* non-interference: changing only the SGT digits changes nothing */
	memcpy(mut, data, size);
	for_each_sgt(orig, size, shift_digits, mut, NULL);
	dossier_parse_payload(mut, size, &q);
	check(q.kind == p->kind && q.strict == p->strict && strcmp(q.value, p->value) == 0);
	/* and no run of them shows up unless it is elsewhere in the input */
	memcpy(rest, data, size);
	for_each_sgt(orig, size, blank_digits, rest, NULL);
	n = decode_all(rest, size);
	for (size_t i = 0; i < n; i++)
		if (rest[i] == '\0')
			rest[i] = ' ';
	rest[n] = '\0';
	for_each_sgt(orig, size, check_run, orig, &rc);
}

static void check_mask(const unsigned char *data, size_t size)
{
	char name[1200], out[96], again[96], nfc[96];
	size_t n = size < sizeof(name) - 1 ? size : sizeof(name) - 1;

	memcpy(name, data, n);
	name[n] = '\0';
	dossier_mask_name(name, out, sizeof(out));
	check(utf8_valid(out, strlen(out)));
	check(utf8_nfc(out, nfc, sizeof(nfc)) == 0 && strcmp(nfc, out) == 0);
	dossier_mask_name(out, again, sizeof(again));
	check(strcmp(again, out) == 0);
}

static void check_escape(const unsigned char *data, size_t size)
{
	static char out[4 * MAX_INPUT + 1];
	char small[17];
	size_t n = dossier_escape(data, size, out, sizeof(out)), m;

	check(n == strlen(out) && n <= 4 * size);
	check(utf8_valid(out, n));
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)out[i];

		check(c >= 0x20 && c != 0x7f);
		check(!(c == 0xc2 && (unsigned char)out[i + 1] < 0xa0));
	}
	m = dossier_escape(data, size, small, sizeof(small));
	check(m == n && strlen(small) < sizeof(small) && strncmp(small, out, strlen(small)) == 0);
	check(utf8_valid(small, strlen(small)));
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct dossier_payload p;

	if (size > MAX_INPUT)
		return 0;
	dossier_parse_payload((const char *)data, size, &p);
	check_payload(&p);
	check_sgt(data, size, &p);
	check_mask(data, size);
	check_escape(data, size);
	return 0;
}
