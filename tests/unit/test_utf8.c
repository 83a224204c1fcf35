/* utf8: validation and NFC, the form in which every name and note is stored. */
#include "../t.h"
#include "../../firmware/err.h"
#include "../../firmware/utf8.h"

T_TEST(utf8_nfc_composes_decomposed_text)
{
	char out[32];

	/* "Hòa" typed as o + U+0300 COMBINING GRAVE ACCENT */
	T_OK(utf8_nfc("Ho\xcc\x80" "a", out, sizeof(out)));
	T_STREQ(out, "H\xc3\xb2" "a");
	/* "Phục vụ" with dot below (U+0323) and horn-less u: u + U+0323 -> U+1EE5 */
	T_OK(utf8_nfc("Phu\xcc\xa3" "c", out, sizeof(out)));
	T_STREQ(out, "Ph\xe1\xbb\xa5" "c");
	/* already NFC text comes back unchanged */
	T_OK(utf8_nfc("Hộ tịch", out, sizeof(out)));
	T_STREQ(out, "Hộ tịch");
	T_OK(utf8_nfc("", out, sizeof(out)));
	T_STREQ(out, "");
}

T_TEST(utf8_rejects_invalid_bytes)
{
	char out[16] = "x";

	T_CHECK(utf8_valid("Hộ tịch", strlen("Hộ tịch")));
	T_CHECK(!utf8_valid("\xff", 1));
	T_CHECK(!utf8_valid("H\xc3(", 3));          /* truncated sequence */
	T_CHECK(!utf8_valid("\xc0\xaf", 2));         /* overlong "/" */
	T_CHECK(!utf8_valid("\xed\xa0\x80", 3));     /* UTF-16 surrogate */
	T_EQ(utf8_nfc("ab\xfe", out, sizeof(out)), ERR_INVAL);
}

T_TEST(utf8_nfc_reports_overflow_instead_of_truncating)
{
	char out[4];

	T_OK(utf8_nfc("abc", out, sizeof(out)));
	T_STREQ(out, "abc");
	T_EQ(utf8_nfc("abcd", out, sizeof(out)), ERR_RANGE);
	T_STREQ(out, "");
	/* 3 bytes decomposed, 2 composed: it is the NFC length that counts */
	T_OK(utf8_nfc("o\xcc\x80" "a", out, sizeof(out)));
	T_STREQ(out, "\xc3\xb2" "a");
	T_EQ(utf8_nfc("\xe1\xbb\xa5\xe1\xbb\xa5", out, sizeof(out)), ERR_RANGE);
}
