/* proc: the procedure file's syntax, with FILE:LINE: [section] key: reason for every kind of
 * mistake, and what a procedure holds once loaded. */
#include "../t.h"
#include "../../firmware/catalog.h"
#include "../../firmware/embedded.h"
#include "../../firmware/err.h"
#include "../../firmware/proc.h"

#include <stdio.h>

static const char ONE[] =
	"[field.ho_tich]\n"                                   /* 1 */
	"name_vi = Hộ tịch\n"
	"name_en = Civil status\n"
	"[procedure.1.001193]\n"                              /* 4 */
	"name_vi = Đăng ký khai sinh\n"
	"name_en = Birth registration\n"
	"field = ho_tich\n"
	"level = commune\n"
	"services = A\n"
	"paper = original, 1, Tờ khai đăng ký khai sinh, theo mẫu\n"
	"paper_en = Birth registration form\n"
	"paper = original, 1, Giấy chứng sinh\n"
	"paper = show, 1, Giấy tờ tùy thân của người đi đăng ký\n"
	"fee = Miễn lệ phí khi đăng ký đúng hạn\n"
	"fee_en = Free when registered in time\n"
	"time_vi = Trong ngày\n"
	"result_vi = Giấy khai sinh (bản chính)\n"
	"ways = counter, post, online_full\n"
	"url = https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193\n";

T_TEST(proc_loads_a_procedure)
{
	struct proc_set *s;
	const struct proc *p;
	char err[256];
	int sl;

	T_OK(proc_load_string(ONE, "t.ini", &s, err, sizeof(err)));
	T_EQ(proc_count(s), 1);
	p = proc_find(s, "1001193");
	T_CHECK(p != NULL);
	T_CHECK(proc_find(s, "1.001193") == p);
	T_CHECK(proc_find(s, "2.000815") == NULL);
	T_STREQ(p->name[LANG_EN], "Birth registration");
	T_EQ(p->level, PROC_COMMUNE);
	T_EQ(p->npapers, 3);
	T_STREQ(p->papers[0].name[LANG_VI], "Tờ khai đăng ký khai sinh, theo mẫu");
	T_STREQ(p->papers[0].name[LANG_EN], "Birth registration form");
	T_STREQ(p->papers[1].name[LANG_EN], "Giấy chứng sinh");   /* falls back */
	T_EQ(p->papers[2].form, PROC_SHOW);
	T_EQ(p->nfees, 1);
	T_CHECK(!p->free_of_charge);
	T_STREQ(p->fees[0].text[LANG_EN], "Free when registered in time");
	T_STREQ(p->time[LANG_EN], "Trong ngày");
	T_EQ(p->ways, PROC_WAY_COUNTER | PROC_WAY_POST | PROC_WAY_ONLINE_FULL);
	T_EQ(p->nservices, 1);
	T_STREQ(p->services[0], "A");
	T_EQ(proc_line(s, p, &sl), 4);
	T_EQ(sl, 9);
	T_STREQ(proc_field_at(s, 0)->name[LANG_EN], "Civil status");
	proc_free(s);
}

/* ONE with line n replaced by `line` (or removed when line is NULL), then extra appended. */
static void variant(char *out, size_t len, int n, const char *line, const char *extra)
{
	const char *s = ONE;
	size_t w = 0;

	for (int i = 1; *s; i++) {
		size_t l = strcspn(s, "\n") + 1;

		if (i == n && line)
			w += (size_t)snprintf(out + w, len - w, "%s\n", line);
		else if (i != n)
			w += (size_t)snprintf(out + w, len - w, "%.*s", (int)l, s);
		s += l;
	}
	snprintf(out + w, len - w, "%s", extra ? extra : "");
}

struct bad {
	int line;
	const char *text;
	const char *extra;
	const char *want;
};

T_TEST(proc_refuses_with_file_line_and_reason)
{
	static const struct bad cases[] = {
		{ 4, "[procedure.1001193]", NULL, "t.ini:4: [procedure.1001193]: the national code" },
		{ 8, "level = district", NULL, "t.ini:8: [procedure.1.001193] level: must be one of" },
		{ 10, "paper = both, 1, Tờ khai", NULL, "t.ini:10: [procedure.1.001193] paper: form must" },
		{ 10, "paper = original, 0, Tờ khai", NULL, "t.ini:10: [procedure.1.001193] paper: count" },
		{ 10, "paper = original, 1", NULL, "t.ini:10: [procedure.1.001193] paper: write FORM" },
		{ 11, "fee_en = Free", NULL, "t.ini:11: [procedure.1.001193] fee_en: must follow the fee" },
		{ 15, "fee = none", NULL, "t.ini:15: [procedure.1.001193] fee: \"none\" must be the only" },
		{ 18, "ways = online", NULL, "t.ini:18: [procedure.1.001193] ways: a list of" },
		{ 19, "url = http://dichvucong.gov.vn/x", NULL, "t.ini:19: [procedure.1.001193] url: must be an https" },
		{ 19, "url = https://a b", NULL, "t.ini:19: [procedure.1.001193] url: must be printable" },
		{ 9, "services = A, b", NULL, "t.ini:9: [procedure.1.001193] services: at most 4" },
		{ 7, "field = dat_dai", NULL, "t.ini:7: [procedure.1.001193] field: no [field.dat_dai]" },
		{ 16, NULL, NULL, "t.ini:4: [procedure.1.001193]: time_vi is required" },
		{ 14, NULL, NULL, "t.ini:14: [procedure.1.001193] fee_en: must follow the fee" },
		{ 5, "colour = xanh", NULL, "t.ini:5: [procedure.1.001193] colour: unknown key" },
		{ 1, "[thu_tuc.1]", NULL, "t.ini:1: [thu_tuc.1]: unknown section" },
		{ 0, NULL, "[procedure.1.001193]\nname_vi = X\nfield = ho_tich\nlevel = commune\n"
		  "paper = copy, 2, X\nfee = none\ntime_vi = X\nresult_vi = X\nways = post\n", "t.ini:20: [procedure.1.001193]: repeated (first on line 4)" },
		{ 0, NULL, "[field.dat_dai]\nname_vi = Đất đai\n", "t.ini:20: [field.dat_dai]: no procedure" },
	};
	char text[4096], err[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct proc_set *s = NULL;

		variant(text, sizeof(text), cases[i].line, cases[i].text, cases[i].extra);
		if (proc_load_string(text, "t.ini", &s, err, sizeof(err)) != ERR_CONFIG ||
		    strncmp(err, cases[i].want, strlen(cases[i].want)) != 0) {
			t_fail(__FILE__, __LINE__, "case %zu: got \"%s\", want \"%s...\"", i, err,
			       cases[i].want);
			proc_free(s);
			return;
		}
	}
}

T_TEST(proc_free_of_charge_and_missing_file)
{
	struct proc_set *s;
	char text[4096], err[256];

	variant(text, sizeof(text), 14, "fee = none", "");
	/* line 15 (fee_en) follows none: refused; drop it too */
	{
		char t2[4096];
		const char *cut = strstr(text, "fee_en = Free when registered in time\n");

		T_CHECK(cut != NULL);
		snprintf(t2, sizeof(t2), "%.*s%s", (int)(cut - text), text,
			 cut + strlen("fee_en = Free when registered in time\n"));
		T_OK(proc_load_string(t2, "t.ini", &s, err, sizeof(err)));
	}
	T_CHECK(proc_at(s, 0)->free_of_charge);
	T_EQ(proc_at(s, 0)->nfees, 0);
	proc_free(s);
	T_EQ(proc_load_file("/nonexistent/procedures.ini", &s, err, sizeof(err)), ERR_NOTFOUND);
	T_CHECK(s == NULL);
	proc_free(NULL);
}

/* The embedded demo: at least 25 real commune-level procedures, every field and service of
 * the demo catalogue's, each with papers, a fee line (or none), a time and a portal link. */
T_TEST(proc_demo_matches_the_demo_catalogue)
{
	struct proc_set *s;
	struct catalog *c;
	char err[256];
	size_t fields[4] = { 0 };

	T_OK(proc_load_string(embedded_get(PROC_EMBEDDED_DEMO, NULL), PROC_EMBEDDED_DEMO, &s, err,
			      sizeof(err)));
	T_OK(catalog_load_string(embedded_get(CATALOG_EMBEDDED_DEMO, NULL), "demo", &c, err,
				 sizeof(err)));
	T_CHECK(proc_count(s) >= 25);
	for (size_t i = 0; i < proc_count(s); i++) {
		const struct proc *p = proc_at(s, i);
		static const char *const want[] = { "ho_tich", "chung_thuc", "dat_dai", "xa_hoi" };

		T_CHECK(catalog_field_find(c, p->field_id) != NULL);
		for (int j = 0; j < p->nservices; j++)
			T_CHECK(catalog_service_find(c, p->services[j]) != NULL);
		T_CHECK(p->npapers >= 1 && (p->nfees >= 1 || p->free_of_charge));
		T_CHECK(strncmp(p->url, "https://", 8) == 0);
		T_CHECK(p->name[LANG_EN] != p->name[LANG_VI]);   /* translated */
		for (size_t j = 0; j < 4; j++)
			fields[j] += strcmp(p->field_id, want[j]) == 0;
	}
	for (size_t j = 0; j < 4; j++)
		T_CHECK(fields[j] >= 4);
	T_CHECK(proc_find(s, "1.001193") && proc_find(s, "1.000894") && proc_find(s, "1.000656") &&
		proc_find(s, "1.004873") && proc_find(s, "2.000815") && proc_find(s, "2.000884") &&
		proc_find(s, "1.001776"));
	catalog_free(c);
	proc_free(s);
}
