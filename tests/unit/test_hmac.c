/* hmac: the RFC 4231 HMAC-SHA-256 test cases, all seven (case 5 compares the first 128 bits,
 * as the RFC gives them). */
#include "../t.h"
#include "../../firmware/hmac.h"

#include <stdio.h>

static void hex(const unsigned char *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

struct vector {
	unsigned char key_byte;
	size_t key_len;
	const char *key_text;      /* instead of key_byte x key_len */
	unsigned char data_byte;
	size_t data_len;
	const char *data_text;     /* instead of data_byte x data_len */
	size_t hex_len;            /* compare this many hex digits */
	const char *mac;
};

static const struct vector rfc4231[] = {
	{ 0x0b, 20, NULL, 0, 0, "Hi There", 64,
	  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
	{ 0, 0, "Jefe", 0, 0, "what do ya want for nothing?", 64,
	  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
	{ 0xaa, 20, NULL, 0xdd, 50, NULL, 64,
	  "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
	{ 0, 25, NULL, 0xcd, 50, NULL, 64,   /* key 0x01..0x19, filled below */
	  "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
	{ 0x0c, 20, NULL, 0, 0, "Test With Truncation", 32,
	  "a3b6167473100ee06e0c796c2955552b" },
	{ 0xaa, 131, NULL, 0, 0, "Test Using Larger Than Block-Size Key - Hash Key First", 64,
	  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
	{ 0xaa, 131, NULL, 0, 0, "This is a test using a larger than block-size key and a larger "
	  "than block-size data. The key needs to be hashed before being used by the HMAC "
	  "algorithm.", 64, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
};

T_TEST(hmac_sha256_rfc4231_vectors)
{
	for (size_t i = 0; i < sizeof(rfc4231) / sizeof(rfc4231[0]); i++) {
		const struct vector *v = &rfc4231[i];
		unsigned char key[131], data[50], mac[HMAC_SHA256_LEN];
		const void *k = v->key_text ? (const void *)v->key_text : key;
		const void *d = v->data_text ? (const void *)v->data_text : data;
		size_t kn = v->key_text ? strlen(v->key_text) : v->key_len;
		size_t dn = v->data_text ? strlen(v->data_text) : v->data_len;
		char h[2 * HMAC_SHA256_LEN + 1];

		memset(key, v->key_byte, sizeof(key));
		if (i == 3)
			for (int b = 0; b < 25; b++)
				key[b] = (unsigned char)(b + 1);
		memset(data, v->data_byte, sizeof(data));
		T_OK(hmac_sha256(k, kn, d, dn, mac));
		hex(mac, HMAC_SHA256_LEN, h);
		h[v->hex_len] = '\0';
		T_STREQ(h, v->mac);
	}
}

T_TEST(hmac_sha256_depends_on_every_byte_of_the_key)
{
	unsigned char key[32], a[HMAC_SHA256_LEN], b[HMAC_SHA256_LEN];

	memset(key, 7, sizeof(key));
	T_OK(hmac_sha256(key, sizeof(key), "ticket:X", 8, a));
	key[31] ^= 1;
	T_OK(hmac_sha256(key, sizeof(key), "ticket:X", 8, b));
	T_CHECK(memcmp(a, b, sizeof(a)) != 0);
}
