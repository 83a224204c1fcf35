/* privacy: privacy_show (privacy.h). The payload is classified by dossier_parse_payload, the
 * same judge the kiosk uses; only a URL that it found a code in is taken apart here, and only
 * its scheme, host and parameter names are read. */
#include "privacy.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define HOST_MAX 64

static const char *const words[] = {
	[DP_DOSSIER] = "dossier code", [DP_TICKET] = "ticket", [DP_EMPTY] = "empty",
	[DP_BINARY] = "binary", [DP_TOO_LONG] = "too long", [DP_NO_CODE] = "url without a dossier code",
	[DP_NOT_A_CODE] = "text", [DP_ID_CARD] = "id card",
};

const char *privacy_kind_words(enum dossier_payload_kind k)
{
	return (unsigned)k < sizeof(words) / sizeof(words[0]) && words[k] ? words[k] : "payload";
}

static bool host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
}

static size_t scheme_len(const char *s, size_t len)
{
	if (len >= 8 && strncasecmp(s, "https://", 8) == 0)
		return 8;
	if (len >= 7 && strncasecmp(s, "http://", 7) == 0)
		return 7;
	return 0;
}

/* "scheme://host" and "/..." for a path, or "..." when the URL has no scheme; into out. */
static void url_prefix(const char *s, size_t len, char *out, size_t outlen)
{
	size_t sch = scheme_len(s, len), h = sch, end, at;
	bool ok = sch > 0;

	for (end = h; end < len && s[end] != '/' && s[end] != '?' && s[end] != '#'; end++)
		;
	for (at = end; at > h; at--)
		if (s[at - 1] == '@') {   /* user information is not the host: left out */
			h = at;
			break;
		}
	for (size_t i = h; ok && i < end; i++)
		ok = host_char(s[i]);
	if (!ok || end - h == 0 || end - h > HOST_MAX) {
		snprintf(out, outlen, "...");
		return;
	}
	snprintf(out, outlen, "%.*s%.*s%s", (int)sch, s, (int)(end - h), s + h,
		 end < len && s[end] == '/' && end + 1 < len && s[end + 1] != '?' &&
		 s[end + 1] != '#' ? "/..." : "");
}

static bool sep(char c)
{
	return c == '?' || c == '&' || c == ';' || c == '#';
}

/* The first parameter named MHS or maHoSo (its name as written, when plain letters) and
 * whether any other parameter is there. */
static void url_params(const char *s, size_t len, const char **name, bool *others)
{
	size_t i = 0;

	*name = "MHS";
	*others = false;
	while (i < len && s[i] != '?' && s[i] != '#')
		i++;
	while (i < len) {
		size_t start = ++i;
		const char *eq;

		while (i < len && !sep(s[i]))
			i++;
		if (i == start)
			continue;
		eq = memchr(s + start, '=', i - start);
		if (eq && eq - (s + start) == 3 && strncasecmp(s + start, "mhs", 3) == 0)
			*name = "MHS";
		else if (eq && eq - (s + start) == 6 && strncasecmp(s + start, "mahoso", 6) == 0)
			*name = "maHoSo";
		else
			*others = true;
	}
}

static void show_url(const char *s, size_t len, const struct dossier_payload *p, char *out,
		     size_t outlen)
{
	char prefix[HOST_MAX + 24];
	const char *name;
	bool others;

	url_prefix(s, len, prefix, sizeof(prefix));
	url_params(s, len, &name, &others);
	snprintf(out, outlen, "%s?%s=%s%s", prefix, name, p->value, others ? "&..." : "");
}

static bool is_url(const char *s, size_t len)
{
	return scheme_len(s, len) > 0 || memchr(s, '?', len) || memchr(s, '#', len);
}

enum dossier_payload_kind privacy_show(const char *data, size_t len, char *out, size_t outlen)
{
	struct dossier_payload p;
	enum dossier_payload_kind kind;

	if (!outlen)
		return DP_EMPTY;
	if (!data)
		data = "", len = 0;
	dossier_parse_payload(data, len, &p);
	if (p.kind == DP_DOSSIER && is_url(data, len))
		show_url(data, len, &p, out, outlen);
	else if (p.kind == DP_DOSSIER || p.kind == DP_TICKET)
		snprintf(out, outlen, "%s", p.value);
	else if (p.kind == DP_EMPTY)
		snprintf(out, outlen, "[empty]");
	else
		snprintf(out, outlen, "[%s, %zu bytes]", privacy_kind_words(p.kind), len);
	kind = p.kind;
	explicit_bzero(&p, sizeof(p));
	return kind;
}
