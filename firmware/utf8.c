/* utf8: thin wrappers over libunistring, so that only this file includes its headers.
 * Kiosk text (names, notes, search keys) is validated once on input and kept in NFC. */
#include "utf8.h"

#include "err.h"

#include <errno.h>
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
