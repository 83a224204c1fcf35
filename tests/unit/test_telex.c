/* telex: the on-screen keyboard's Vietnamese input. Expected strings are NFC, written with
 * escapes where a precomposed letter matters. */
#include "../t.h"
#include "../../firmware/err.h"
#include "../../firmware/telex.h"
#include "../../firmware/utf8.h"

#include <stdio.h>

/* Fails the test unless keys compose to want. */
#define T_TELEX(keys, want) do { char o_[256]; \
	T_OK(telex_compose(keys, o_, sizeof(o_))); \
	if (strcmp(o_, want) != 0) { \
		t_fail(__FILE__, __LINE__, "\"%s\" -> \"%s\", expected \"%s\"", keys, o_, want); \
		return; } } while (0)

T_TEST(telex_vowel_shapes_and_dd)
{
	T_TELEX("aa ee oo aw ow uw", "â ê ô ă ơ ư");
	T_TELEX("dd", "đ");
	T_TELEX("ddi", "đi");
	T_TELEX("dduwowngf", "đường");
	T_TELEX("nguoiwf", "người");
	T_TELEX("ruowuj", "rượu");
	T_TELEX("w", "ư");
	T_TELEX("nhw", "như");
	T_TELEX("tieengs Vieetj", "tiếng Việt");
}

T_TEST(telex_tones)
{
	T_TELEX("as af ar ax aj", "á à ả ã ạ");
	T_TELEX("toans", "toán");
	T_TELEX("hoanf", "hoàn");
	T_TELEX("hoafn", "hoàn");
	T_TELEX("quaafy", "quầy");
	T_TELEX("giaf", "già");
	T_TELEX("gif", "gì");
	T_TELEX("quys", "quý");
	T_TELEX("muaf", "mùa");
	T_TELEX("muaw", "mưa");
	T_TELEX("guiwr", "gửi");
	T_TELEX("hoawcj", "hoặc");
	T_TELEX("asz", "a");
	T_TELEX("az", "az");
}

/* Current spelling puts the tone on the second vowel of oa, oe, uy; the tone moves with the
 * syllable, so "hofa" also gives "hoà". "hòa" typed as text is kept as typed. */
T_TEST(telex_tone_placement_hoa)
{
	T_TELEX("hoaf", "ho\xc3\xa0");          /* hoà */
	T_TELEX("hofa", "ho\xc3\xa0");
	T_TELEX("khoer", "kho\xe1\xba\xbb");    /* khoẻ */
	T_TELEX("thuys", "thu\xc3\xbd");        /* thuý */
	T_TELEX("mais", "m\xc3\xa1i");          /* mái: ai keeps it on the first */
	T_TELEX("h\xc3\xb2" "a", "h\xc3\xb2" "a");        /* hòa, precomposed */
	T_TELEX("ho\xc3\xa0", "ho\xc3\xa0");              /* hoà, precomposed */
	T_TELEX("ho\xcc\x80" "a", "h\xc3\xb2" "a");       /* hòa, NFD: composed, not moved */
	T_TELEX("Vie\xcc\xa3\xcc\x82t", "Vi\xe1\xbb\x87t");   /* Việt, NFD dot below then hat */
}

T_TEST(telex_repeated_key_undoes)
{
	T_TELEX("ass", "as");
	T_TELEX("asss", "ass");
	T_TELEX("aaa", "aa");
	T_TELEX("aaaa", "aaa");
	T_TELEX("ddd", "dd");
	T_TELEX("dddd", "ddd");
	T_TELEX("ww", "w");
	T_TELEX("www", "ww");
	T_TELEX("uww", "uw");
	T_TELEX("hoaff", "hoaf");
	T_TELEX("tieeen", "tieen");
	/* a new word starts afresh */
	T_TELEX("ass as", "as á");
}

T_TEST(telex_capitals)
{
	T_TELEX("DD", "Đ");
	T_TELEX("Dd", "Đ");
	T_TELEX("dD", "đ");
	T_TELEX("HOAF", "HO\xc3\x80");          /* HOÀ */
	T_TELEX("Hoaf", "Ho\xc3\xa0");
	T_TELEX("AA", "Â");
	T_TELEX("W", "Ư");
	T_TELEX("NGUOIWF", "NGƯỜI");
	T_TELEX("ASS", "AS");
	T_TELEX("Nguyeenx Vawn Anh", "Nguyễn Văn Anh");
	T_TELEX("DDaf Nawngx", "Đà Nẵng");
}

T_TEST(telex_digits_and_punctuation_end_words)
{
	T_TELEX("quaafy 3", "quầy 3");
	T_TELEX("quaafy3", "quầy3");
	T_TELEX("a1s", "a1s");
	T_TELEX("2dd", "2đ");
	T_TELEX("chowf 45 phuts.", "chờ 45 phút.");
	T_TELEX("soos 12, hoof sow", "số 12, hồ sơ");
}

/* What a citizen types: sentences with capitals, digits, a ticket number and punctuation. */
T_TEST(telex_sentences)
{
	T_TELEX("Phari chowf 2 tieengs, quaafy 3 goij soos A-015",
		"Phải chờ 2 tiếng, quầy 3 gọi số A-015");
	T_TELEX("Cans booj Nguyeenx Vawn An huwowngs daanx raats nhieetj tifnh.",
		"Cán bộ Nguyễn Văn An hướng dẫn rất nhiệt tình.");
	T_TELEX("GIAAYS TOWF", "GIẤY TỜ");
	T_TELEX("Thuyr", "Thu\xe1\xbb\xb7");        /* Thuỷ */
	T_TELEX("DDi laij 3 laanf!", "Đi lại 3 lần!");
}

T_TEST(telex_foreign_words_stay)
{
	T_TELEX("http", "http");
	T_TELEX("Fax", "Fax");
	T_TELEX("email", "email");
	T_TELEX("abcdefghijklmnopq", "abcdefghijklmnopq");
}

T_TEST(telex_backspace_and_live_text)
{
	struct telex t;
	char out[64];

	telex_clear(&t);
	T_OK(telex_input(&t, "hoaf"));
	T_OK(telex_utf8(&t, out, sizeof(out)));
	T_STREQ(out, "ho\xc3\xa0");
	telex_backspace(&t);
	T_OK(telex_utf8(&t, out, sizeof(out)));
	T_STREQ(out, "ho");
	T_OK(telex_input(&t, "af"));
	T_OK(telex_utf8(&t, out, sizeof(out)));
	T_STREQ(out, "ho\xc3\xa0");
	for (int i = 0; i < 10; i++)
		telex_backspace(&t);
	T_EQ(t.n, 0);
	T_OK(telex_utf8(&t, out, sizeof(out)));
	T_STREQ(out, "");
}

T_TEST(telex_output_is_nfc_and_bounded)
{
	static struct telex t;
	char out[8], big[16];

	telex_clear(&t);
	T_EQ(telex_input(&t, "\xff"), ERR_INVAL);
	T_EQ(t.n, 0);
	for (int i = 0; i < TELEX_MAX; i++)
		T_OK(telex_key(&t, 'b'));
	T_EQ(telex_key(&t, 'b'), ERR_RANGE);
	T_EQ(telex_input(&t, "b"), ERR_RANGE);
	T_EQ(t.n, TELEX_MAX);
	T_EQ(telex_utf8(&t, big, sizeof(big)), ERR_RANGE);
	T_STREQ(big, "");
	T_OK(telex_compose("Vieetj", out, sizeof(out)));
	T_CHECK(utf8_valid(out, strlen(out)));
	T_STREQ(out, "Việt");
}

T_TEST(telex_upper_case_table)
{
	T_EQ(telex_upper('a'), 'A');
	T_EQ(telex_upper(0x111), 0x110);     /* đ */
	T_EQ(telex_upper(0x1B0), 0x1AF);     /* ư */
	T_EQ(telex_upper(0x1EC7), 0x1EC6);   /* ệ */
	T_EQ(telex_upper(0xE0), 0xC0);       /* à */
	T_EQ(telex_upper(0xF7), 0xF7);       /* ÷ */
	T_EQ(telex_upper('3'), '3');
}
