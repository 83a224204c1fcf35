/* privacy: one rule for every output. Each case is a payload a citizen may hold to the
 * scanner; no ID number, name or address may come out of privacy_show. */
#include "../t.h"
#include "../../firmware/privacy.h"

#include <stdio.h>

#define CARD "079123456789|123456789|Nguyễn Văn An|01011990|Nam|Số 1 Hàng Bài, Hà Nội|15032021"
#define ID "079123456789"

static const char *show(const char *s, enum dossier_payload_kind *kind)
{
	static char out[PRIVACY_SHOWN_MAX];
	enum dossier_payload_kind k = privacy_show(s, strlen(s), out, sizeof(out));

	if (kind)
		*kind = k;
	return out;
}

/* Nothing of the personal fields survives, whatever the output. */
static int leaks(const char *out)
{
	static const char *const bits[] = { ID, "123456789", "Nguy", "01011990", "Hàng", "An" };

	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (strstr(out, bits[i]))
			return 1;
	return 0;
}

T_TEST(privacy_id_card_qr_is_kind_and_length)
{
	enum dossier_payload_kind k;
	char want[64];

	snprintf(want, sizeof(want), "[id card, %zu bytes]", strlen(CARD));
	T_STREQ(show(CARD, &k), want);
	T_EQ(k, DP_ID_CARD);
	/* the newer card's order, and the chip card without the old ID */
	T_EQ((show("Nguyễn Văn An|" ID "|01011990|Nam|Hà Nội", &k), k), DP_ID_CARD);
	T_EQ((show(ID "||Nguyễn Văn An|01011990|Nam|Hà Nội|15032021", &k), k), DP_ID_CARD);
	/* a bare ID number is no dossier code */
	T_STREQ(show(ID, &k), "[id card, 12 bytes]");
	T_EQ(k, DP_ID_CARD);
	T_EQ((show("123456789", &k), k), DP_ID_CARD);
}

T_TEST(privacy_not_an_id_card)
{
	enum dossier_payload_kind k;

	/* pipes alone, or without a date or an ID number, are just text */
	T_EQ((show("a|b|c|d", &k), k), DP_NOT_A_CODE);
	T_EQ((show(ID "|x|y", &k), k), DP_NOT_A_CODE);
	T_EQ((show("1234567890|x|01011990|y", &k), k), DP_NOT_A_CODE);
	/* a real code stays a code */
	T_STREQ(show("000.00.01.H29-240115-0001", &k), "000.00.01.H29-240115-0001");
	T_EQ(k, DP_DOSSIER);
}

T_TEST(privacy_url_keeps_host_and_code_only)
{
	enum dossier_payload_kind k;

	T_STREQ(show("https://dichvucong.example.gov.vn/tra-cuu?MHS=000.00.01.H29-240115-0001&SGT="
		     ID, &k), "https://dichvucong.example.gov.vn/...?MHS=000.00.01.H29-240115-0001&...");
	T_EQ(k, DP_DOSSIER);
	T_STREQ(show("https://x.vn/?maHoSo=h15.50.05.13-261008-0975", NULL),
		"https://x.vn?maHoSo=H15.50.05.13-261008-0975");
	/* the ID number in the path, in user information, in the fragment */
	T_STREQ(show("https://x.vn/tra-cuu/" ID "?MHS=A-240115-0001", NULL),
		"https://x.vn/...?MHS=A-240115-0001");
	T_STREQ(show("https://" ID "@x.vn/?MHS=A-240115-0001#" ID, NULL),
		"https://x.vn?MHS=A-240115-0001&...");
	T_STREQ(show("tra-cuu?SGT=" ID "&MHS=A-240115-0001", NULL), "...?MHS=A-240115-0001&...");
}

T_TEST(privacy_hidden_id_numbers)
{
	static const char *const hidden[] = {
		"https://x.vn/tra-cuu?MHS=000.00.01.H29-240115-0001%26SGT%3D" ID,
		"https://x.vn/tra-cuu?MHS=" ID,
		"https://x.vn/tra-cuu?SGT=" ID,
		"https://x.vn/tra-cuu/" ID,
		"MHS=A-240115-0001&SGT=" ID,
		"Họ tên: Nguyễn Văn An, CCCD " ID,
		CARD,
	};

	for (size_t i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		const char *out = show(hidden[i], NULL);

		if (leaks(out))
			printf("    %s -> %s\n", hidden[i], out);
		T_CHECK(!leaks(out));
		T_CHECK(out[0] == '[');   /* none of these is a code: kind and length */
	}
}

T_TEST(privacy_other_kinds)
{
	T_STREQ(show("", NULL), "[empty]");
	T_STREQ(show("KIOSK-01-20261123-K001", NULL), "KIOSK-01-20261123-K001");
	T_STREQ(show("TEST PAGE KIOSK-01 20261123 090502", NULL), "[text, 34 bytes]");
	T_STREQ(show("https://x.vn/tra-cuu?a=1", NULL), "[url without a dossier code, 24 bytes]");
	T_STREQ(show("\x01\x02", NULL), "[binary, 2 bytes]");
}

T_TEST(privacy_small_buffer_terminated)
{
	char out[6];

	privacy_show(CARD, strlen(CARD), out, sizeof(out));
	T_EQ(strlen(out), 5);
	T_CHECK(!leaks(out));
}

T_TEST(privacy_scrub_masks_lone_id_numbers)
{
	char s[] = "SGT=079123456789 and 123456789, but 9f0c079123456789ab, 1795366800 and "
		   "0010123456789 stay; /tmp/079123456789.png too";

	privacy_scrub(s);
	T_STREQ(s, "SGT=************ and *********, but 9f0c079123456789ab, 1795366800 and "
		   "0010123456789 stay; /tmp/************.png too");
}
