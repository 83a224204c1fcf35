/* catalog: counters and officers, the directory of Decree 118 art. 9.8. */
#include "../t.h"
#include "../../firmware/catalog.h"
#include "../../firmware/embedded.h"
#include "../../firmware/err.h"

#include <stdio.h>

#define BASE "[field.ho_tich]\nname_vi = Hộ tịch\n[field.dat_dai]\nname_vi = Đất đai\n" \
	"[service.A]\nfield = ho_tich\nname_vi = Khai sinh\n" \
	"[service.M]\nfield = dat_dai\nname_vi = Đất\n"
/* BASE is 10 lines; the sections below start on line 11. */

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

#define T_CATALOG_ERROR(text, want) do { \
	struct catalog *c_ = (struct catalog *)1; char e_[512]; \
	T_EQ(catalog_load_string(BASE text, "cat.ini", &c_, e_, sizeof(e_)), ERR_CONFIG); \
	T_CHECK(c_ == NULL); \
	if (!starts_with(e_, want)) { \
		t_fail(__FILE__, __LINE__, "error \"%s\" does not start with \"%s\"", e_, want); \
		return; \
	} \
} while (0)

T_TEST(catalog_officers_and_counters_load_sorted)
{
	static const char text[] = BASE
		"[counter.2]\nname_vi = Quầy 2\nname_en = Counter 2\nfields = dat_dai\norder = 2\n"
		"[counter.1]\nname_vi = Quầy 1\nfields = ho_tich, dat_dai\norder = 1\n"
		"[officer.CB-02]\nname = Trần Văn Minh\ntitle_vi = Công chức\ntitle_en = Officer\n"
		"field = dat_dai\ncounter = 2\nphone = (0243) 123-4567\norder = 2\n"
		"[officer.cb.01]\nname = Nguyễn Thị Lan\ntitle_vi = Chuyên viên\nfield = ho_tich\n"
		"counter = 1\nphoto = /var/lib/kiosk/lan.png\norder = 1\n"
		"[officer.cb03]\nname = Lê Hoa\ntitle_vi = Phó Giám đốc\nfield = ho_tich\ncounter = 1\n"
		"order = 3\n";
	const struct catalog_officer *list[4];
	const struct catalog_counter *k;
	const struct catalog_officer *o;
	struct catalog *c;
	char err[512];

	T_OK(catalog_load_string(text, "cat.ini", &c, err, sizeof(err)));
	T_EQ(catalog_counter_count(c), 2);
	T_STREQ(catalog_counter_at(c, 0)->id, "1");
	k = catalog_counter_find(c, "1");
	T_STREQ(k->name[LANG_EN], "Quầy 1");          /* name_en defaults to name_vi */
	T_EQ(k->nfields, 2);
	T_STREQ(k->fields[1], "dat_dai");
	T_STREQ(catalog_counter_find(c, "2")->name[LANG_EN], "Counter 2");
	T_CHECK(catalog_counter_find(c, "3") == NULL);
	T_EQ(catalog_officer_count(c), 3);
	T_STREQ(catalog_officer_at(c, 0)->id, "cb.01");
	o = catalog_officer_find(c, "CB-02");
	T_STREQ(o->name, "Trần Văn Minh");
	T_STREQ(o->title[LANG_EN], "Officer");
	T_STREQ(o->phone, "(0243) 123-4567");
	T_STREQ(o->photo, "");
	o = catalog_officer_find(c, "cb.01");
	T_STREQ(o->title[LANG_EN], "Chuyên viên");
	T_STREQ(o->photo, "/var/lib/kiosk/lan.png");
	T_CHECK(catalog_officer_find(c, "nobody") == NULL);
	T_CHECK(catalog_officer_find(c, NULL) == NULL);
	T_EQ(catalog_counter_officers(c, "1", list, 4), 2);
	T_STREQ(list[0]->id, "cb.01");
	T_STREQ(list[1]->id, "cb03");
	T_EQ(catalog_counter_officers(c, "1", list, 1), 2);
	T_EQ(catalog_counter_officers(c, "9", list, 4), 0);
	T_STREQ(catalog_field_find(c, "dat_dai")->name[LANG_VI], "Đất đai");
	T_CHECK(catalog_field_find(c, "x") == NULL);
	catalog_free(c);
}

T_TEST(catalog_officer_errors_name_file_line_and_key)
{
	T_CATALOG_ERROR("[counter.Q1]\nname_vi = Q\n", "cat.ini:11: [counter.Q1]: counter id");
	T_CATALOG_ERROR("[counter.1]\nname_en = One\n", "cat.ini:11: [counter.1]: name_vi is required");
	T_CATALOG_ERROR("[counter.1]\nname_vi = Q\nfields = ho_tich, xa_hoi\n",
			"cat.ini:11: [counter.1] fields: no [field.xa_hoi]");
	T_CATALOG_ERROR("[counter.1]\nname_vi = Q\n[counter.1]\nname_vi = R\n",
			"cat.ini:13: [counter.1]: repeated (first on line 11)");
	T_CATALOG_ERROR("[counter.1]\nname_vi = Q\n[officer.a b]\nname = X\n",
			"cat.ini:13: [officer.a b]: officer id");
	T_CATALOG_ERROR("[counter.1]\nname_vi = Q\n[officer.x]\nname = X\ntitle_vi = T\nfield = ho_tich\n",
			"cat.ini:13: [officer.x]: counter is required");
	T_CATALOG_ERROR("[counter.1]\nname_vi = Q\n[officer.x]\ntitle_vi = T\nfield = ho_tich\n"
			"counter = 1\n", "cat.ini:13: [officer.x]: name is required");
	T_CATALOG_ERROR("[counter.1]\nname_vi = Q\n[officer.x]\nname = X\ntitle_vi = T\n"
			"field = ho_tich\ncounter = 7\n", "cat.ini:17: [officer.x] counter: no [counter.7]");
	T_CATALOG_ERROR("[counter.1]\nname_vi = Q\n[officer.x]\nname = X\ntitle_vi = T\n"
			"field = xa_hoi\ncounter = 1\n", "cat.ini:16: [officer.x] field: no [field.xa_hoi]");
	T_CATALOG_ERROR("[counter.1]\nname_vi = Q\n[officer.x]\nname = X\nphone = call me\n",
			"cat.ini:15: [officer.x] phone: a phone number is digits");
	T_CATALOG_ERROR("[counter.1]\nname_vi = Q\n[officer.x]\nname = X\nrank = 3\n",
			"cat.ini:15: [officer.x] rank: unknown key");
	T_CATALOG_ERROR("[counter.1]\nname_vi = Q\n[officer.x]\nname = X\nname = Y\n",
			"cat.ini:15: [officer.x] name: set twice");
	T_CATALOG_ERROR("[desk.1]\nname_vi = Q\n", "cat.ini:11: [desk.1]: unknown section");
}

/* Counters and officers are optional: catalogues without them still load. */
T_TEST(catalog_without_officers_loads)
{
	struct catalog *c;
	char err[512];

	T_OK(catalog_load_string(BASE, "cat.ini", &c, err, sizeof(err)));
	T_EQ(catalog_counter_count(c), 0);
	T_EQ(catalog_officer_count(c), 0);
	T_CHECK(catalog_counter_at(c, 0) == NULL);
	T_CHECK(catalog_officer_at(c, 0) == NULL);
	catalog_free(c);
}

/* The demo and test catalogues have a directory: every officer at a counter that serves
 * the officer's field. */
T_TEST(catalog_demo_directory_is_consistent)
{
	const char *text = embedded_get(CATALOG_EMBEDDED_DEMO, NULL);
	struct catalog *cats[2] = { NULL, NULL };
	char err[512];

	T_OK(catalog_load_string(text, "demo", &cats[0], err, sizeof(err)));
	T_OK(catalog_load_file("tests/data/catalog-test.ini", &cats[1], err, sizeof(err)));
	for (int k = 0; k < 2; k++) {
		struct catalog *c = cats[k];
		T_CHECK(catalog_officer_count(c) >= 4);
		T_CHECK(catalog_counter_count(c) >= 2);
		for (size_t i = 0; i < catalog_officer_count(c); i++) {
			const struct catalog_officer *o = catalog_officer_at(c, i);
			const struct catalog_counter *ct = catalog_counter_find(c, o->counter_id);
			bool serves = false;
			for (int j = 0; ct && j < ct->nfields; j++)
				serves = serves || strcmp(ct->fields[j], o->field_id) == 0;
			if (!serves) {
				t_fail(__FILE__, __LINE__, "officer %s: counter %s does not serve %s",
				       o->id, o->counter_id, o->field_id);
				return;
			}
			T_CHECK(o->phone[0] != '\0');
		}
		catalog_free(c);
	}
}
