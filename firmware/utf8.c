/* utf8: thin wrappers over libunistring, so that only this file includes its headers.
 * Kiosk text (names, notes, search keys) is validated once on input and kept in NFC. */
#include "utf8.h"

#include "err.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uninorm.h>

bool utf8_valid(const char *s, size_t len)
{
	return u8_check((const uint8_t *)s, len) == NULL;
}

/* u8_normalize writes into out when the result fits in *lengthp and allocates otherwise;
 * an allocated result therefore means "too long", never a silent truncation. */
int utf8_nfc(const char *s, char *out, size_t outlen)
{
	size_t len = strlen(s), n;
	uint8_t *r;

	if (!utf8_valid(s, len))
		return ERR_INVAL;
	if (outlen == 0)
		return ERR_RANGE;
	out[0] = '\0';
	if (len == 0)
		return 0;
	n = outlen - 1;
	r = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, (uint8_t *)out, &n);
	if (!r)
		return errno == ENOMEM ? ERR_NOMEM : ERR_INVAL;
	if (r != (uint8_t *)out) {
		free(r);
		out[0] = '\0';
		return ERR_RANGE;
	}
	out[n] = '\0';
	return 0;
}

/* Appends n bytes of src to out at *k, keeping room for the NUL; false when they do not fit. */
static bool put_bytes(char *out, size_t outlen, size_t *k, const char *src, size_t n)
{
	if (*k + n >= outlen)
		return false;
	memcpy(out + *k, src, n);
	*k += n;
	return true;
}

int utf8_json_quote(const char *s, char *out, size_t outlen)
{
	size_t k = 0;
	bool ok = put_bytes(out, outlen, &k, "\"", 1);

	for (const unsigned char *p = (const unsigned char *)s; ok && *p; p++) {
		char esc[8];
		int n;

		if (*p == '"' || *p == '\\')
			n = snprintf(esc, sizeof(esc), "\\%c", *p);
		else if (*p < 0x20)
			n = snprintf(esc, sizeof(esc), "\\u%04x", *p);
		else
			n = snprintf(esc, sizeof(esc), "%c", *p);
		ok = put_bytes(out, outlen, &k, esc, (size_t)n);
	}
	if (ok)
		ok = put_bytes(out, outlen, &k, "\"", 1);
	if (!ok) {
		if (outlen)
			out[0] = '\0';
		return ERR_RANGE;
	}
	out[k] = '\0';
	return 0;
}
