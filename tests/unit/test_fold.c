/* fold: what a citizen types folds to what the catalogue writes. */
#include "../t.h"
#include "../../firmware/err.h"
#include "../../firmware/fold.h"

static int same_fold(const char *a, const char *b)
{
	char x[256], y[256];

	return fold_text(a, x, sizeof(x)) == 0 && fold_text(b, y, sizeof(y)) == 0 &&
	       strcmp(x, y) == 0;
}

T_TEST(fold_strips_marks_and_case)
{
	char out[256];

	T_OK(fold_text("Đăng ký KẾT HÔN", out, sizeof(out)));
	T_STREQ(out, "dang ky ket hon");
	T_OK(fold_text("  Chứng thực  bản sao, chữ ký (2025) ", out, sizeof(out)));
	T_STREQ(out, "chung thuc ban sao chu ky 2025");
	T_OK(fold_text("1.001193", out, sizeof(out)));
	T_STREQ(out, "1 001193");
	T_OK(fold_text("", out, sizeof(out)));
	T_STREQ(out, "");
	T_OK(fold_text("– … ·", out, sizeof(out)));
	T_STREQ(out, "");
}

T_TEST(fold_d_nfd_and_placement)
{
	/* "đ" has no decomposition: it folds to d by our rule; NFD input folds like NFC */
	T_CHECK(same_fold("đất đai", "dat dai"));
	T_CHECK(same_fold("ĐẤT ĐAI", "dat dai"));
	T_CHECK(same_fold("ho\xcc\x80" "a", "hoa"));          /* NFD hòa */
	T_CHECK(same_fold("hoa\xcc\x80", "hòa"));             /* NFD hoà */
	T_CHECK(same_fold("hoà", "hòa"));
	T_CHECK(same_fold("Trợ cấp xã hội", "tro cap xa hoi"));
	T_CHECK(!same_fold("hoa", "hoan"));
}

T_TEST(fold_marks_key_ignores_placement)
{
	struct fold_word a[4], b[4], c[4];
	char ba[64], bb[64], bc[64];

	T_EQ(fold_words("hòa", a, 4, ba, sizeof(ba)), 1);
	T_EQ(fold_words("hoa\xcc\x80", b, 4, bb, sizeof(bb)), 1);
	T_EQ(fold_words("hoa", c, 4, bc, sizeof(bc)), 1);
	T_STREQ(a[0].text, "hoa");
	T_STREQ(b[0].text, "hoa");
	T_STREQ(a[0].marks, b[0].marks);
	T_CHECK(a[0].marks[0] != '\0');
	T_STREQ(c[0].marks, "");
	T_EQ(fold_words("đi", a, 4, ba, sizeof(ba)), 1);
	T_STREQ(a[0].text, "di");
	T_CHECK(a[0].marks[0] != '\0');   /* the stroke counts as a mark typed */
}

T_TEST(fold_refuses_bad_utf8_and_small_buffers)
{
	char out[8];
	struct fold_word w[2];

	T_EQ(fold_text("ab\xff", out, sizeof(out)), ERR_INVAL);
	T_EQ(fold_text("một hai ba bốn", out, sizeof(out)), ERR_RANGE);
	T_STREQ(out, "mot hai");
	T_EQ(fold_words("một hai ba", w, 2, out, sizeof(out)), 2);
	T_STREQ(w[1].text, "hai");
}
