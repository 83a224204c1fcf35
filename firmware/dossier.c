/* dossier: what a scanned payload means, masked names, the overdue rule (dossier.h).
 * Start at dossier_parse_payload: trim, refuse what is not text, then either pick the code out
 * of a URL's parameters or classify a bare payload (ticket first, then dossier code).
 *
 * Privacy: in a URL only parameter *names* are decoded, into a small buffer; the value of the
 * MHS/maHoSo parameter is the only value ever decoded or copied, so SGT (the owner's ID number)
 * and every other parameter never leave the caller's buffer. Local copies are wiped. */
#include "dossier.h"

#include "clock.h"
#include "utf8.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#define TICKET_KIOSK_MAX 31
#define CODE_MIN 5
#define NAME_MAX_BYTES 1024
/* NFC may grow a text at most threefold (Unicode's stability guarantee). */
#define NFC_GROWTH 3
#define DAY_S 86400

static const char *const kind_names[] = {
	[DP_DOSSIER] = "dossier", [DP_TICKET] = "ticket",     [DP_EMPTY] = "empty",
	[DP_BINARY] = "binary",   [DP_TOO_LONG] = "too_long", [DP_NO_CODE] = "no_code",
	[DP_NOT_A_CODE] = "not_a_code", [DP_ID_CARD] = "id_card",
};

static const char *const status_keys[] = {
	"dossier_status_1", "dossier_status_2", "dossier_status_3", "dossier_status_4",
	"dossier_status_5", "dossier_status_6", "dossier_status_7", "dossier_status_8",
	"dossier_status_9", "dossier_status_10",
};

static const char *const hint_keys[] = {
	"dossier_hint_1", "dossier_hint_2", "dossier_hint_3", "dossier_hint_4",
	"dossier_hint_5", "dossier_hint_6", "dossier_hint_7", "dossier_hint_8",
	"dossier_hint_9", "dossier_hint_10",
};

/* Not accepted, withdrawn, stopped, result ready, result returned: nothing left to be late. */
static const bool finished[DOSSIER_STATUS_MAX + 1] = {
	[3] = true, [7] = true, [8] = true, [9] = true, [10] = true,
};

/* ---- small character helpers ---- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_alnum(char c)
{
	return is_digit(c) || is_upper(c) || (c >= 'a' && c <= 'z');
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The loose dossier charset [0-9A-Z.\-_/], after upper-casing. */
static bool is_code_char(char c)
{
	return is_digit(c) || is_upper(c) || c == '.' || c == '-' || c == '_' || c == '/';
}

static size_t count_digits_back(const char *s, size_t end, size_t max)
{
	size_t n = 0;

	while (n < end && n <= max && is_digit(s[end - 1 - n]))
		n++;
	return n;
}

/* Removes surrounding ASCII whitespace (a scanner's trailing CR/LF/TAB among it) and a
 * leading byte-order mark. */
static void trim(const char **s, size_t *len)
{
	if (*len >= 3 && memcmp(*s, "\xef\xbb\xbf", 3) == 0) {
		*s += 3;
		*len -= 3;
	}
	while (*len && is_space(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && is_space((*s)[*len - 1]))
		(*len)--;
}

/* Valid UTF-8 with no C0 control, DEL or C1 control (U+0080..U+009F, encoded C2 80..C2 9F). */
static bool is_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return false;
		if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] < 0xa0)
			return false;
	}
	return utf8_valid(s, len);
}

static void wipe(void *p, size_t n)
{
	explicit_bzero(p, n);
}

/* ---- bare payloads: ticket ids and dossier codes ---- */

static bool valid_ymd(const char *s)
{
	int y = 0, m, d;

	for (int i = 0; i < 4; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[4] - '0') * 10 + (s[5] - '0');
	d = (s[6] - '0') * 10 + (s[7] - '0');
	return y >= 2000 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* "<kiosk id>-<YYYYMMDD>-<prefix><seq>" exactly as queue.c prints it: kiosk id
 * [A-Za-z0-9_.-]{1,31}, prefix 1-2 capitals (catalog.c), seq "%03d" of at most 9999 (the
 * largest daily cap), so 3-4 digits. Read from the end because the kiosk id may hold '-'. */
static bool is_ticket(const char *s, size_t n)
{
	size_t seq = count_digits_back(s, n, 4), end = n - seq, pre = 0;

	if (seq < 3 || seq > 4)
		return false;
	while (pre < 3 && pre < end && is_upper(s[end - 1 - pre]))
		pre++;
	if (pre < 1 || pre > 2)
		return false;
	end -= pre;
	/* "<id>-YYYYMMDD-": 10 characters and an id of at least one */
	if (end < 11 || s[end - 1] != '-' || count_digits_back(s, end - 1, 8) != 8 ||
	    s[end - 10] != '-' || !valid_ymd(s + end - 9))
		return false;
	end -= 10;
	if (end > TICKET_KIOSK_MAX)
		return false;
	for (size_t i = 0; i < end; i++)
		if (!is_alnum(s[i]) && s[i] != '_' && s[i] != '.' && s[i] != '-')
			return false;
	return true;
}

/* ^[0-9A-Z.]+-[0-9]{6}-[0-9]{4,7}$ */
static bool is_strict_code(const char *s, size_t n)
{
	size_t seq = count_digits_back(s, n, 7), end;

	if (seq < 4 || seq > 7 || seq + 1 > n || s[n - seq - 1] != '-')
		return false;
	end = n - seq - 1;
	/* "-DDDDDD" and a prefix of at least one character */
	if (count_digits_back(s, end, 6) != 6 || end < 8 || s[end - 7] != '-')
		return false;
	end -= 7;
	for (size_t i = 0; i < end; i++)
		if (!is_digit(s[i]) && !is_upper(s[i]) && s[i] != '.')
			return false;
	return true;
}

/* ---- citizen ID cards ---- */

/* n bytes of s are all digits. */
static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return n > 0;
}

/* A field that is an ID number: 12 digits (citizen identity card) or 9 (the older card). */
static bool is_id_number(const char *s, size_t n)
{
	return (n == 12 || n == 9) && all_digits(s, n);
}

/* DDMMYYYY, as the chip card writes dates of birth and issue. */
static bool is_card_date(const char *s, size_t n)
{
	int d, m;

	if (n != 8 || !all_digits(s, n))
		return false;
	d = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[2] - '0') * 10 + (s[3] - '0');
	return d >= 1 && d <= 31 && m >= 1 && m <= 12;
}

/* The chip card's QR (2021-2024) is "ID|old ID|name|DDMMYYYY|sex|address|DDMMYYYY"; the newer
 * card holds similar '|'-separated fields. Recognised by at least four fields, one an ID number
 * and one a date, wherever they sit, so that a reordered variant is caught too. */
static bool is_id_card(const char *s, size_t len)
{
	size_t start = 0, fields = 0;
	bool id = false, date = false;

	if (!memchr(s, '|', len))
		return false;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '|')
			continue;
		id |= is_id_number(s + start, i - start);
		date |= is_card_date(s + start, i - start);
		fields++;
		start = i + 1;
	}
	return fields >= 4 && id && date;
}

/* n is at most DOSSIER_CODE_MAX (or a ticket's 47) by the checks before. */
static void set_value(struct dossier_payload *out, enum dossier_payload_kind k, const char *s,
		      size_t n)
{
	if (n >= sizeof(out->value)) {
		out->kind = DP_TOO_LONG;
		return;
	}
	out->kind = k;
	memcpy(out->value, s, n);
	out->value[n] = '\0';
}

/* s: NFC text, modified in place (upper-cased). */
static void classify_nfc(char *s, bool allow_ticket, struct dossier_payload *out)
{
	size_t n = strlen(s);
	bool digit = false;

	if (allow_ticket && is_ticket(s, n)) {
		set_value(out, DP_TICKET, s, n);
		return;
	}
	if (is_id_number(s, n)) {   /* no dossier code is digits only */
		out->kind = DP_ID_CARD;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			s[i] = (char)(s[i] - 'a' + 'A');
		if (!is_code_char(s[i])) {
			out->kind = DP_NOT_A_CODE;
			return;
		}
		digit |= is_digit(s[i]);
	}
	if (n > DOSSIER_CODE_MAX) {
		out->kind = DP_TOO_LONG;
		return;
	}
	if (n < CODE_MIN || !digit) {
		out->kind = DP_NOT_A_CODE;
		return;
	}
	set_value(out, DP_DOSSIER, s, n);
	out->strict = is_strict_code(s, n);
}

/* Classifies text (len <= DOSSIER_PAYLOAD_MAX) as a ticket or dossier code. */
static void classify(const char *s, size_t len, bool allow_ticket, struct dossier_payload *out)
{
	char raw[DOSSIER_PAYLOAD_MAX + 1];
	char nfc[NFC_GROWTH * DOSSIER_PAYLOAD_MAX + 1];

	trim(&s, &len);
	if (len == 0) {
		out->kind = DP_EMPTY;
		return;
	}
	if (!is_text(s, len)) {
		out->kind = DP_BINARY;
		return;
	}
	memcpy(raw, s, len);
	raw[len] = '\0';
	if (utf8_nfc(raw, nfc, sizeof(nfc)) == 0)
		classify_nfc(nfc, allow_ticket, out);
	else
		out->kind = DP_NOT_A_CODE;
	wipe(raw, sizeof(raw));
	wipe(nfc, sizeof(nfc));
}

/* ---- URLs ---- */

static bool starts_with_ci(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	if (len < n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != p[i])
			return false;
	}
	return true;
}

/* Where the parameters start: the first '?' or '#'; len when there is none. */
static size_t params_start(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] == '?' || s[i] == '#')
			return i;
	return len;
}

static bool looks_like_url(const char *s, size_t len)
{
	size_t p = params_start(s, len);

	if (starts_with_ci(s, len, "http://") || starts_with_ci(s, len, "https://"))
		return true;
	return p < len && memchr(s + p, '=', len - p) != NULL;
}

/* '&' separates parameters, '#' starts the fragment, a '?' inside the fragment starts a
 * client-side route's query ("#/tra-cuu?MHS=..."), ';' covers "&amp;" and old-style lists. */
static bool is_param_sep(char c)
{
	return c == '&' || c == '?' || c == '#' || c == ';';
}

static int hex_value(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* %XX and '+' decoded into out (room for len bytes); a malformed escape is kept as is.
 * Returns the decoded length. */
static size_t url_decode(const char *s, size_t len, char *out)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		int hi = i + 2 < len ? hex_value(s[i + 1]) : -1;
		int lo = i + 2 < len ? hex_value(s[i + 2]) : -1;

		if (s[i] == '%' && hi >= 0 && lo >= 0) {
			out[n++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (s[i] == '+') {
			out[n++] = ' ';
		} else {
			out[n++] = s[i];
		}
	}
	return n;
}

/* The parameter name is MHS or maHoSo, in any case, possibly %-encoded. */
static bool is_code_name(const char *s, size_t len)
{
	char name[3 * 6];   /* "mahoso" with every letter %-encoded; url_decode never grows */
	size_t n;

	if (len > sizeof(name))
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] != '%' && !is_alnum(s[i]))
			return false;
	n = url_decode(s, len, name);
	return (n == 3 && starts_with_ci(name, n, "mhs")) ||
	       (n == 6 && starts_with_ci(name, n, "mahoso"));
}

/* The first MHS/maHoSo parameter whose value is not blank decides; a URL without one has no
 * code. Values of other parameters are skipped without being read. */
static void parse_url(const char *s, size_t len, struct dossier_payload *out)
{
	char value[DOSSIER_PAYLOAD_MAX + 1];
	size_t i = params_start(s, len);

	out->kind = DP_NO_CODE;
	while (i < len) {
		size_t start = ++i, vlen;
		const char *eq;

		while (i < len && !is_param_sep(s[i]))
			i++;
		eq = memchr(s + start, '=', i - start);
		if (!eq || !is_code_name(s + start, (size_t)(eq - s - start)))
			continue;
		vlen = url_decode(eq + 1, (size_t)(s + i - eq - 1), value);
		classify(value, vlen, false, out);
		wipe(value, sizeof(value));
		if (out->kind == DP_EMPTY) {
			out->kind = DP_NO_CODE;
			continue;
		}
		if (out->kind == DP_BINARY || out->kind == DP_ID_CARD)
			out->kind = DP_NOT_A_CODE;
		return;
	}
}

void dossier_parse_payload(const char *data, size_t len, struct dossier_payload *out)
{
	memset(out, 0, sizeof(*out));
	if (!data)
		len = 0;
	if (len > DOSSIER_PAYLOAD_MAX) {
		out->kind = DP_TOO_LONG;
		return;
	}
	trim(&data, &len);
	if (len == 0) {
		out->kind = DP_EMPTY;
		return;
	}
	if (!is_text(data, len)) {
		out->kind = DP_BINARY;
		return;
	}
	if (is_id_card(data, len))
		out->kind = DP_ID_CARD;
	else if (looks_like_url(data, len))
		parse_url(data, len, out);
	else
		classify(data, len, true, out);
}

const char *dossier_payload_kind_name(enum dossier_payload_kind k)
{
	if ((unsigned)k >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "unknown";
	return kind_names[k];
}

/* ---- names ---- */

/* Bytes of the UTF-8 sequence at s (valid text assumed), and its code point. */
static size_t utf8_next(const char *s, unsigned *cp)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	unsigned v = n == 1 ? c : n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;

	for (size_t i = 1; i < n; i++)
		v = (v << 6) | ((unsigned char)s[i] & 0x3f);
	*cp = v;
	return n;
}

static bool is_combining(unsigned cp)
{
	return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
	       (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
	       (cp >= 0xfe20 && cp <= 0xfe2f);
}

/* Word separators: C0 controls, space, no-break space. Returns their byte length or 0. */
static size_t separator_len(const char *s)
{
	if ((unsigned char)s[0] <= 0x20 && s[0] != '\0')
		return 1;
	if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
		return 2;
	return 0;
}

/* Appends piece (n bytes) to out only when it fits whole, so out stays valid UTF-8. */
static bool append(char *out, size_t len, size_t *used, const char *piece, size_t n)
{
	if (*used + n >= len)
		return false;
	memcpy(out + *used, piece, n);
	*used += n;
	out[*used] = '\0';
	return true;
}

/* Length of the first letter of word s (one code point and the marks that follow it). */
static size_t first_letter_len(const char *s, size_t wlen)
{
	unsigned cp;
	size_t n = utf8_next(s, &cp);

	while (n < wlen) {
		size_t m = utf8_next(s + n, &cp);

		if (!is_combining(cp))
			break;
		n += m;
	}
	return n;
}

void dossier_mask_name(const char *name, char *out, size_t len)
{
	char nfc[NAME_MAX_BYTES], piece[NAME_MAX_BYTES + 2];
	size_t used = 0, i = 0, words = 0;

	if (!out || len == 0)
		return;
	out[0] = '\0';
	if (!name || utf8_nfc(name, nfc, sizeof(nfc)) != 0)
		return;
	while (nfc[i]) {
		size_t sep = separator_len(nfc + i), start = i, n;

		if (sep) {
			i += sep;
			continue;
		}
		while (nfc[i] && !separator_len(nfc + i))
			i++;
		n = words ? first_letter_len(nfc + start, i - start) : i - start;
		snprintf(piece, sizeof(piece), "%s%.*s%s", words ? " " : "", (int)n, nfc + start,
			 words ? "*" : "");
		if (!append(out, len, &used, piece, strlen(piece)))
			break;
		words++;
	}
	wipe(nfc, sizeof(nfc));
	wipe(piece, sizeof(piece));
}

/* ---- due dates ---- */

int64_t dossier_current_due(int64_t due_s, int64_t rescheduled_due_s)
{
	if (rescheduled_due_s > 0)
		return rescheduled_due_s;
	return due_s > 0 ? due_s : 0;
}

bool dossier_status_finished(int status)
{
	return status >= DOSSIER_STATUS_MIN && status <= DOSSIER_STATUS_MAX && finished[status];
}

/* The local (UTC+7) day number of t, floored, clamped so that nothing overflows. */
static int64_t local_day(int64_t t)
{
	const int64_t lim = INT64_MAX / 4;
	int64_t x;

	t = t > lim ? lim : t < -lim ? -lim : t;
	x = t + CLOCK_LOCAL_OFFSET_S;
	return x >= 0 ? x / DAY_S : -((-x + DAY_S - 1) / DAY_S);
}

int dossier_days_overdue(int status, int64_t due_s, int64_t rescheduled_due_s, int64_t now_s)
{
	int64_t due = dossier_current_due(due_s, rescheduled_due_s), days;

	if (due == 0 || dossier_status_finished(status))
		return 0;
	days = local_day(now_s) - local_day(due);
	if (days <= 0)
		return 0;
	return days > INT_MAX ? INT_MAX : (int)days;
}

const char *dossier_status_key(int status)
{
	if (status < DOSSIER_STATUS_MIN || status > DOSSIER_STATUS_MAX)
		return NULL;
	return status_keys[status - 1];
}

const char *dossier_hint_key(int status)
{
	if (status < DOSSIER_STATUS_MIN || status > DOSSIER_STATUS_MAX)
		return NULL;
	return hint_keys[status - 1];
}

/* ---- escaping ---- */

/* Bytes of a valid, printable UTF-8 sequence above 0x7f at s, or 0 (invalid or C1). */
static size_t utf8_printable_len(const unsigned char *s, size_t avail)
{
	size_t n = s[0] >= 0xc2 && s[0] <= 0xdf ? 2 : s[0] >= 0xe0 && s[0] <= 0xef ? 3
		 : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;

	if (n == 0 || n > avail || !utf8_valid((const char *)s, n))
		return 0;
	if (s[0] == 0xc2 && s[1] < 0xa0)
		return 0;
	return n;
}

static size_t escape_one(const unsigned char *s, size_t avail, char piece[8], size_t *step)
{
	static const char *const named[256] = { ['\\'] = "\\\\", ['\t'] = "\\t", ['\n'] = "\\n",
						  ['\r'] = "\\r" };
	size_t u;

	*step = 1;
	if (named[s[0]])
		return (size_t)snprintf(piece, 8, "%s", named[s[0]]);
	if (s[0] >= 0x20 && s[0] < 0x7f) {
		piece[0] = (char)s[0];
		return 1;
	}
	u = s[0] >= 0x80 ? utf8_printable_len(s, avail) : 0;
	if (u) {
		memcpy(piece, s, u);
		*step = u;
		return u;
	}
	return (size_t)snprintf(piece, 8, "\\x%02x", s[0]);
}

size_t dossier_escape(const unsigned char *data, size_t len, char *out, size_t outlen)
{
	size_t need = 0, used = 0, i = 0;
	bool full = false;

	if (out && outlen)
		out[0] = '\0';
	while (i < len) {
		char piece[8];
		size_t step, n = escape_one(data + i, len - i, piece, &step);

		if (!full && out)
			full = !append(out, outlen, &used, piece, n);
		need += n;
		i += step;
	}
	return need;
}
