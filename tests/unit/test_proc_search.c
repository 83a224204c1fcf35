/* proc_search: a table of queries as people type them on the kiosk -> the first result, over
 * a small set with the hard cases side by side (hoa/hòa/hoà, đ/d, codes with and without
 * dots, words shared by many names). */
#include "../t.h"
#include "../../firmware/catalog.h"
#include "../../firmware/err.h"
#include "../../firmware/proc.h"
#include "../../firmware/proc_search.h"

#include <stdio.h>

#define REST "level = commune\npaper = original, 1, Tờ khai\nfee = none\ntime_vi = 3 ngày\n" \
	"result_vi = Kết quả\nways = counter\n"

static const char SET[] =
	"[field.ho_tich]\nname_vi = Hộ tịch\nname_en = Civil status\n"
	"[field.chung_thuc]\nname_vi = Chứng thực\n"
	"[field.hoa_giai]\nname_vi = Hòa giải cơ sở\n"
	"[field.dat_dai]\nname_vi = Đất đai\n"
	"[procedure.1.001193]\nname_vi = Đăng ký khai sinh\nname_en = Birth registration\n"
	"field = ho_tich\nservices = A\n" REST
	"[procedure.1.000894]\nname_vi = Đăng ký kết hôn\nname_en = Marriage registration\n"
	"field = ho_tich\nservices = B\n" REST
	"[procedure.1.000656]\nname_vi = Đăng ký khai tử\nfield = ho_tich\n" REST
	"[procedure.1.004884]\nname_vi = Đăng ký lại khai sinh\nfield = ho_tich\n" REST
	"[procedure.1.004873]\nname_vi = Cấp Giấy xác nhận tình trạng hôn nhân\nfield = ho_tich\n"
	REST
	"[procedure.2.000815]\nname_vi = Chứng thực bản sao từ bản chính\nfield = chung_thuc\n"
	"services = K\n" REST
	"[procedure.2.000884]\nname_vi = Chứng thực chữ ký trong giấy tờ, văn bản\n"
	"field = chung_thuc\n" REST
	"[procedure.2.002080]\nname_vi = Thủ tục hoà giải tranh chấp đất đai\nfield = dat_dai\n" REST
	"[procedure.2.000777]\nname_vi = Công nhận hoa viên nghĩa trang\nfield = dat_dai\n" REST
	"[procedure.1.003003]\nname_vi = Đăng ký đất đai lần đầu\nfield = dat_dai\n" REST
	"[procedure.2.000500]\nname_vi = Thành lập tổ hòa giải\nfield = hoa_giai\n" REST;

static const char CAT[] =
	"[field.ho_tich]\nname_vi = Hộ tịch\n"
	"[service.A]\nfield = ho_tich\nname_vi = Khai sinh cho trẻ em\nmon = 07:30-11:30\n"
	"[service.B]\nfield = ho_tich\nname_vi = Đăng ký kết hôn\nmon = 07:30-11:30\n";

struct want {
	const char *query;
	bool typing;
	const char *first;     /* code of the first result, NULL: no result */
	int min_hits;
};

static const struct want table[] = {
	{ "khai sinh", false, "1.001193", 2 },
	{ "dang ky ket hon", false, "1.000894", 1 },
	{ "ĐĂNG KÝ KẾT HÔN", false, "1.000894", 1 },
	{ "đăng ky\xcc\x81 kê\xcc\x81t hôn", false, "1.000894", 1 },   /* NFD */
	{ "hon ket", false, "1.000894", 1 },        /* any order */
	{ "sinh khai lai", false, "1.004884", 1 },
	{ "khai s", true, "1.001193", 2 },          /* prefix of the last word while typing */
	{ "khai s", false, NULL, 0 },               /* ... not once typed */
	{ "kh", true, "1.001193", 3 },
	{ "1.001193", false, "1.001193", 1 },
	{ "1001193", false, "1.001193", 1 },
	{ "001193", false, "1.001193", 1 },
	{ "2.0008", true, "2.000815", 2 },          /* code prefix while typing */
	{ "dat dai", false, "1.003003", 2 },        /* own name before the field's name */
	{ "đất đai", false, "1.003003", 2 },
	{ "hoa giai", false, "2.000500", 2 },       /* shorter of the two names with both words */
	{ "hòa giải", false, "2.000500", 2 },       /* hòa typed: hòa and hoà before hoa */
	{ "hoà giải", false, "2.000500", 2 },
	{ "hòa", false, "2.000500", 3 },
	{ "hoa vien", false, "2.000777", 1 },
	{ "hoa viên", false, "2.000777", 1 },
	{ "chung thuc ban sao", false, "2.000815", 1 },
	{ "chữ ký", false, "2.000884", 1 },
	{ "birth", false, "1.001193", 1 },          /* English names too */
	{ "civil status khai tu", false, "1.000656", 1 },   /* the field's name counts */
	{ "tre em", false, "1.001193", 1 },         /* the unit's service name counts */
	{ "ddangw kys keets hoon", false, "1.000894", 1 },   /* raw Telex keys */
	{ "khai sinhf", false, "1.001193", 1 },
	{ "hoaf giair", false, "2.000500", 2 },
	{ "xyz", false, NULL, 0 },
	{ "", true, NULL, 0 },
	{ " ,. ", true, NULL, 0 },
};

T_TEST(proc_search_table)
{
	struct proc_set *s;
	struct catalog *c;
	struct proc_search *q;
	struct proc_hit hits[16];
	char err[256];

	T_OK(proc_load_string(SET, "set", &s, err, sizeof(err)));
	T_OK(catalog_load_string(CAT, "cat", &c, err, sizeof(err)));
	T_OK(proc_search_new(s, c, &q));
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct want *w = &table[i];
		size_t n = proc_search_run(q, w->query, w->typing, hits, 16);
		const char *got = n ? hits[0].p->code : NULL;

		if ((w->first == NULL) != (got == NULL) || (got && strcmp(got, w->first) != 0) ||
		    (int)n < w->min_hits) {
			t_fail(__FILE__, __LINE__, "\"%s\"%s: first %s of %zu, want %s of >= %d",
			       w->query, w->typing ? " (typing)" : "", got ? got : "none", n,
			       w->first ? w->first : "none", w->min_hits);
			break;
		}
	}
	proc_search_free(q);
	catalog_free(c);
	proc_free(s);
}

/* hòa typed ranks the words with that mark (wherever the tone sits) above hoa. */
T_TEST(proc_search_marks_rank)
{
	struct proc_set *s;
	struct proc_search *q;
	struct proc_hit hits[16];
	char err[256];
	size_t n;

	T_OK(proc_load_string(SET, "set", &s, err, sizeof(err)));
	T_OK(proc_search_new(s, NULL, &q));
	n = proc_search_run(q, "hòa", false, hits, 16);
	T_EQ(n, 3);
	T_STREQ(hits[0].p->code, "2.000500");
	T_STREQ(hits[1].p->code, "2.002080");   /* hoà: same marks, tone placed after the a */
	T_STREQ(hits[2].p->code, "2.000777");   /* hoa: a match, last */
	n = proc_search_run(q, "hoa", false, hits, 16);
	T_EQ(n, 3);
	T_CHECK(hits[0].score == hits[2].score || hits[0].score > hits[2].score);
	proc_search_free(q);
	proc_free(s);
}

/* The unit's own services first among equal matches; whole words before prefixes. */
T_TEST(proc_search_own_and_whole_words)
{
	struct proc_set *s;
	struct catalog *c;
	struct proc_search *q;
	struct proc_hit hits[16];
	char err[256];
	size_t n;

	T_OK(proc_load_string(SET, "set", &s, err, sizeof(err)));
	T_OK(catalog_load_string(CAT, "cat", &c, err, sizeof(err)));
	T_OK(proc_search_new(s, c, &q));
	T_CHECK(proc_search_own(q, proc_find(s, "1.001193")));
	T_CHECK(!proc_search_own(q, proc_find(s, "2.000815")));   /* K is not in this catalogue */
	n = proc_search_run(q, "dang ky", false, hits, 16);
	T_CHECK(n >= 5);
	T_CHECK(proc_search_own(q, hits[0].p) && proc_search_own(q, hits[1].p));
	n = proc_search_run(q, "khai", true, hits, 16);
	T_EQ(n, 3);
	T_STREQ(hits[0].p->code, "1.001193");   /* own service */
	n = proc_search_run(q, "tu", true, hits, 16);
	T_CHECK(n >= 2);
	T_STREQ(hits[0].p->code, "1.000656");   /* "tử" whole word before "từ"? both whole: shorter */
	proc_search_free(q);
	catalog_free(c);
	proc_free(s);
}
