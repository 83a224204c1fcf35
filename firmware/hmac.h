/* hmac: HMAC-SHA-256 (RFC 2104, FIPS 180-4) from libcrypto, for the keyed hashes that let the
 * kiosk remember that a ticket or dossier was rated without keeping the ticket id or dossier
 * code (firmware/rating.h). Not for passwords. The only module that includes an OpenSSL
 * header; libcrypto is loaded anyway, by libcurl's TLS. */
#ifndef KIOSK_HMAC_H
#define KIOSK_HMAC_H

#include <stddef.h>

#define HMAC_SHA256_LEN 32

/* The MAC of msg under key into out; 0, or ERR_INVAL when libcrypto cannot make one (out is
 * then zeroed and must not be used). */
int hmac_sha256(const void *key, size_t keylen, const void *msg, size_t len,
		unsigned char out[HMAC_SHA256_LEN]);

#endif
