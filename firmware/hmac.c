/* hmac: libcrypto's one-shot HMAC with SHA-256 (hmac.h). */
#include "hmac.h"

#include <limits.h>
#include <string.h>
/* OpenSSL names a type ERR_STATE, as err.h names an error code: theirs is renamed here, where
 * it is never used, before err.h comes in. */
#define ERR_STATE openssl_err_state
#include <openssl/evp.h>
#include <openssl/hmac.h>
#undef ERR_STATE

#include "err.h"

int hmac_sha256(const void *key, size_t keylen, const void *msg, size_t len,
		unsigned char out[HMAC_SHA256_LEN])
{
	unsigned int n = 0;

	if (keylen > INT_MAX ||
	    !HMAC(EVP_sha256(), key, (int)keylen, msg, len, out, &n) || n != HMAC_SHA256_LEN) {
		memset(out, 0, HMAC_SHA256_LEN);
		return ERR_INVAL;
	}
	return 0;
}
