/* sha256: SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), small and dependency-free, for the
 * keyed hashes that let the kiosk remember that a ticket or dossier was rated without keeping
 * the ticket id or dossier code (firmware/rating.h). Not for passwords. */
#ifndef KIOSK_SHA256_H
#define KIOSK_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;
	unsigned char buf[64];
	size_t used;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, unsigned char out[SHA256_LEN]);
void sha256(const void *data, size_t len, unsigned char out[SHA256_LEN]);
void hmac_sha256(const void *key, size_t keylen, const void *msg, size_t len,
		 unsigned char out[SHA256_LEN]);

#endif
