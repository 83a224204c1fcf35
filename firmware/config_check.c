/* config_check: the URL of the central system, part by part (config_check.h). */
#include "config_check.h"

#include "err.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-';
}

static int because(char *why, size_t len, const char *what)
{
	snprintf(why, len, "%s", what);
	return ERR_CONFIG;
}

/* [v6 address]: hex digits, ':' and '.' only. */
static bool ipv6_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF:.", s[i]))
			return false;
	return n >= 2 && memchr(s, ':', n) != NULL;
}

/* A name of labels of letters, digits and '-', none empty, none starting or ending in '-'. */
static bool name_ok(const char *s, size_t n)
{
	size_t label = 0;

	if (n == 0 || n > 253)
		return false;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '.') {
			if (!host_char(s[i]) || (label == 0 && s[i] == '-'))
				return false;
			label++;
			continue;
		}
		if (label == 0 || label > 63 || s[i - 1] == '-')
			return false;
		label = 0;
	}
	return true;
}

static int check_port(const char *p, size_t n, char *why, size_t len)
{
	long v = 0;

	if (n == 0 || n > 5)
		return because(why, len, "the port after ':' must be a number 1..65535");
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return because(why, len, "the port after ':' must be a number 1..65535");
		v = v * 10 + (p[i] - '0');
	}
	return v >= 1 && v <= 65535 ? 0 : because(why, len, "the port must be 1..65535");
}

/* host[:port] of length n at a. */
static int check_authority(const char *a, size_t n, char *why, size_t len)
{
	const char *colon;
	size_t host;

	if (memchr(a, '@', n))
		return because(why, len, "must not hold a user name or password");
	if (n > 0 && a[0] == '[') {
		const char *close = memchr(a, ']', n);

		if (!close || !ipv6_ok(a + 1, (size_t)(close - a - 1)))
			return because(why, len, "the IPv6 address must be written [like::this]");
		host = (size_t)(close - a) + 1;
		if (host == n)
			return 0;
		if (a[host] != ':')
			return because(why, len, "unexpected text after the IPv6 address");
		return check_port(a + host + 1, n - host - 1, why, len);
	}
	colon = memchr(a, ':', n);
	host = colon ? (size_t)(colon - a) : n;
	if (host == 0)
		return because(why, len, "has no host name");
	if (!name_ok(a, host))
		return because(why, len, "the host must be a name or an IPv4 address");
	return colon ? check_port(colon + 1, n - host - 1, why, len) : 0;
}

int config_check_url(const char *url, char *why, size_t len)
{
	const char *a, *end;

	if (strncasecmp(url, "https://", 8) != 0)
		return because(why, len, "must start with https:// (the link is mutual TLS only)");
	a = url + 8;
	end = a + strcspn(a, "/?#");
	if (strpbrk(url, "?#"))
		return because(why, len, "must not hold a query or a fragment (the API paths are "
			       "added to it)");
	if (strpbrk(url, " \t"))
		return because(why, len, "must not hold spaces");
	return check_authority(a, (size_t)(end - a), why, len);
}
