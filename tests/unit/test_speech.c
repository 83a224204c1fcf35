/* speech: number words as they are said, the ticket read-out, and the privacy gate: nothing
 * but the catalogues' own words gets into a phrase. */
#include "../t.h"
#include "../../firmware/catalog.h"
#include "../../firmware/embedded.h"
#include "../../firmware/err.h"
#include "../../firmware/i18n.h"
#include "../../firmware/speech.h"

static const struct { int n; const char *vi, *en; } numbers[] = {
	{ 0, "không", "zero" },
	{ 5, "năm", "five" },
	{ 10, "mười", "ten" },
	{ 11, "mười một", "eleven" },
	{ 14, "mười bốn", "fourteen" },
	{ 15, "mười lăm", "fifteen" },
	{ 20, "hai mươi", "twenty" },
	{ 21, "hai mươi mốt", "twenty-one" },
	{ 24, "hai mươi tư", "twenty-four" },
	{ 25, "hai mươi lăm", "twenty-five" },
	{ 42, "bốn mươi hai", "forty-two" },
	{ 100, "một trăm", "one hundred" },
	{ 105, "một trăm linh năm", "one hundred and five" },
	{ 110, "một trăm mười", "one hundred and ten" },
	{ 115, "một trăm mười lăm", "one hundred and fifteen" },
	{ 999, "chín trăm chín mươi chín", "nine hundred and ninety-nine" },
	{ 1000, "một nghìn", "one thousand" },
	{ 1005, "một nghìn không trăm linh năm", "one thousand and five" },
	{ 1020, "một nghìn không trăm hai mươi", "one thousand and twenty" },
	{ 2024, "hai nghìn không trăm hai mươi tư", "two thousand and twenty-four" },
	{ 9999, "chín nghìn chín trăm chín mươi chín",
	  "nine thousand nine hundred and ninety-nine" },
	{ 21005, "hai mươi mốt nghìn không trăm linh năm", "twenty-one thousand and five" },
};

T_TEST(speech_number_words_as_said)
{
	char out[128];

	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		T_OK(speech_number_words(LANG_VI, numbers[i].n, out, sizeof(out)));
		T_STREQ(out, numbers[i].vi);
		T_OK(speech_number_words(LANG_EN, numbers[i].n, out, sizeof(out)));
		T_STREQ(out, numbers[i].en);
	}
	T_EQ(speech_number_words(LANG_VI, -1, out, sizeof(out)), ERR_INVAL);
	T_EQ(speech_number_words(LANG_VI, SPEECH_NUMBER_MAX + 1, out, sizeof(out)), ERR_INVAL);
	T_EQ(speech_number_words(LANG_VI, 1005, out, 10), ERR_RANGE);
	T_STREQ(out, "");
}

struct fx {
	struct i18n *t;
	struct catalog *cat;
	struct speech_src src;
};

static int fx_open(struct fx *f)
{
	char err[256];
	int rc = i18n_new(&f->t);

	if (rc)
		return rc;
	rc = catalog_load_string(embedded_get(CATALOG_EMBEDDED_DEMO, NULL), "demo", &f->cat, err,
				 sizeof(err));
	f->src.i18n = f->t;
	f->src.cat = f->cat;
	return rc;
}

static void fx_close(struct fx *f)
{
	catalog_free(f->cat);
	i18n_free(f->t);
}

T_TEST(speech_ticket_read_out)
{
	struct fx f;
	struct speech s;
	char out[SPEECH_TEXT_MAX];
	int rc;

	T_OK(fx_open(&f));
	speech_init(&s, LANG_VI);
	rc = speech_key(&s, &f.src, "ticket_your_number") || speech_ticket(&s, &f.src, "A", 42) ||
	     speech_service(&s, &f.src, "A") || speech_counters(&s, "1, 2");
	if (rc == 0)
		rc = speech_text(&s, &f.src, out, sizeof(out));
	if (rc == 0 && strcmp(out, "Số thứ tự của quý khách. a, bốn mươi hai. Đăng ký khai sinh. "
			      "Quầy một, hai") != 0)
		t_fail(__FILE__, __LINE__, "vi read-out: \"%s\"", out);
	s.lang = LANG_EN;
	if (rc == 0)
		rc = speech_text(&s, &f.src, out, sizeof(out));
	if (rc == 0 && strcmp(out, "Your number. ay, forty-two. Birth registration. "
			      "Counter one, two") != 0)
		t_fail(__FILE__, __LINE__, "en read-out: \"%s\"", out);
	if (rc == 0)
		rc = speech_part_text(&s, &f.src, 1, out, sizeof(out));
	fx_close(&f);
	T_OK(rc);
	T_STREQ(out, "ay, forty-two");
}

T_TEST(speech_reads_without_marks)
{
	struct fx f;
	struct speech s;
	char out[256];
	int rc;

	T_OK(fx_open(&f));
	speech_init(&s, LANG_VI);
	rc = speech_key(&s, &f.src, "back") || speech_status(&s, 9) ||
	     speech_field(&s, &f.src, "ho_tich") || speech_counter(&s, &f.src, "2");
	if (rc == 0)
		rc = speech_text(&s, &f.src, out, sizeof(out));
	fx_close(&f);
	T_OK(rc);
	T_STREQ(out, "Quay lại. Đã xử lý xong. Hộ tịch. Quầy 2");
}

/* Whatever a caller holds of a citizen, no part kind takes it. */
T_TEST(speech_refuses_what_is_not_the_kiosks_own_words)
{
	static const char *const personal[] = {
		"Nguyễn Văn An", "079123456789", "000.00.01.H29-240115-0001", "ticket_your_number ",
		"TICKET_YOUR_NUMBER", "home_title{}", "", "no_such_key", "counters", "fields_count",
	};
	struct fx f;
	struct speech s;
	int bad = 0;

	T_OK(fx_open(&f));
	speech_init(&s, LANG_VI);
	for (size_t i = 0; i < sizeof(personal) / sizeof(personal[0]); i++) {
		const char *p = personal[i];

		bad += speech_key(&s, &f.src, p) != ERR_INVAL;
		bad += speech_service(&s, &f.src, p) != ERR_INVAL;
		bad += speech_counter(&s, &f.src, p) != ERR_INVAL;
		bad += speech_ticket(&s, &f.src, p, 1) != ERR_INVAL;
		bad += speech_counters(&s, p) != ERR_INVAL;
		bad += speech_field(&s, &f.src, p) != ERR_INVAL;
	}
	bad += speech_counters(&s, "1, 2, 079123456789") != ERR_INVAL;
	bad += speech_counters(&s, "1,2,3,4,5,6,7,8,9") != ERR_INVAL;
	bad += speech_ticket(&s, &f.src, "A", 0) != ERR_INVAL;
	bad += speech_ticket(&s, &f.src, "A", 10000) != ERR_INVAL;
	bad += speech_ticket(&s, &f.src, "Z", 1) != ERR_INVAL; /* no such service */
	bad += speech_number(&s, 123456789) != ERR_INVAL;       /* an ID number is no number */
	bad += speech_status(&s, 0) != ERR_INVAL;
	bad += speech_status(&s, 11) != ERR_INVAL;
	T_EQ(s.n, 0);
	/* A source without a catalogue takes no service or counter at all. */
	f.src.cat = NULL;
	bad += speech_service(&s, &f.src, "A") != ERR_INVAL;
	bad += speech_counter(&s, &f.src, "1") != ERR_INVAL;
	fx_close(&f);
	T_EQ(bad, 0);
	T_EQ(s.n, 0);
}

T_TEST(speech_phrase_has_a_bound)
{
	struct fx f;
	struct speech s;
	char small[16];
	int rc = 0;

	T_OK(fx_open(&f));
	speech_init(&s, LANG_VI);
	for (int i = 0; i < SPEECH_MAX_PARTS && rc == 0; i++)
		rc = speech_counter(&s, &f.src, "1");
	if (rc == 0)
		rc = speech_key(&s, &f.src, "home_title") == ERR_RANGE ? 0 : -1;
	if (rc == 0)
		rc = speech_text(&s, &f.src, small, sizeof(small)) == ERR_RANGE ? 0 : -1;
	fx_close(&f);
	T_OK(rc);
	T_EQ(s.n, SPEECH_MAX_PARTS);
	T_STREQ(small, "");
}
