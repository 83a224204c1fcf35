/* sha256: FIPS 180-4 example vectors and RFC 4231 HMAC-SHA-256 test cases. */
#include "../t.h"
#include "../../firmware/sha256.h"

#include <stdio.h>

static void hex(const unsigned char *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

#define T_SHA(data, len, want) do { unsigned char d_[SHA256_LEN]; char h_[65]; \
	sha256(data, len, d_); hex(d_, SHA256_LEN, h_); T_STREQ(h_, want); } while (0)

T_TEST(sha256_fips_vectors)
{
	static char million[1000000];
	struct sha256 c;
	unsigned char d[SHA256_LEN];
	char h[65];

	T_SHA("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	T_SHA("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	T_SHA("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	memset(million, 'a', sizeof(million));
	T_SHA(million, sizeof(million),
	      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	/* fed in odd pieces */
	sha256_init(&c);
	for (size_t i = 0; i < sizeof(million); i += 7919)
		sha256_update(&c, million + i, sizeof(million) - i < 7919 ? sizeof(million) - i : 7919);
	sha256_final(&c, d);
	hex(d, SHA256_LEN, h);
	T_STREQ(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

T_TEST(sha256_hmac_rfc4231)
{
	unsigned char key[131], d[SHA256_LEN], data[50];
	char h[65];

	memset(key, 0x0b, 20);
	hmac_sha256(key, 20, "Hi There", 8, d);
	hex(d, SHA256_LEN, h);
	T_STREQ(h, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, d);
	hex(d, SHA256_LEN, h);
	T_STREQ(h, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	memset(key, 0xaa, 20);
	memset(data, 0xdd, sizeof(data));
	hmac_sha256(key, 20, data, sizeof(data), d);
	hex(d, SHA256_LEN, h);
	T_STREQ(h, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
	/* a key longer than the block is hashed first */
	memset(key, 0xaa, sizeof(key));
	hmac_sha256(key, sizeof(key), "Test Using Larger Than Block-Size Key - Hash Key First", 54,
		    d);
	hex(d, SHA256_LEN, h);
	T_STREQ(h, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}
