/* catalog: the embedded demo, strict parsing with file:line errors, and opening hours in
 * local (UTC+7) time. 2026-11-23 is a Monday; 2026-11-25 is a closed date in HOURS. */
#include "../t.h"
#include "../../firmware/catalog.h"
#include "../../firmware/clock.h"
#include "../../firmware/embedded.h"
#include "../../firmware/err.h"
#include "../../firmware/utf8.h"

#include <stdio.h>
#include <string.h>

#define WEEKDAYS "mon = 07:30-11:30, 13:30-17:00\ntue = 07:30-11:30, 13:30-17:00\n" \
	"wed = 07:30-11:30, 13:30-17:00\nthu = 07:30-11:30, 13:30-17:00\n" \
	"fri = 07:30-11:30, 13:30-17:00\n"

static const char HOURS[] =
	"[unit]\n"
	"closed_dates = 2026-11-25\n"
	"[field.ho_tich]\n"
	"name_vi = Hộ tịch\n"
	"[service.A]\n"
	"field = ho_tich\n"
	"name_vi = Đăng ký khai sinh\n"
	WEEKDAYS
	"[service.B]\n"
	"field = ho_tich\n"
	"name_vi = Chứng thực bản sao\n"
	WEEKDAYS
	"sat = 07:30-11:30\n";

/* Header lines 1-4 of every error case: a field and the start of service A on line 3. */
#define HEAD "[field.f]\nname_vi = Lĩnh vực\n[service.A]\nfield = f\nname_vi = Dịch vụ\n"

static int64_t at(int day, int hour, int min)
{
	return clock_from_local(2026, 11, day, hour, min, 0);
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

#define T_CATALOG_ERROR(text, want) do { \
	struct catalog *c_ = (struct catalog *)1; char e_[512]; \
	T_EQ(catalog_load_string(text, "cat.ini", &c_, e_, sizeof(e_)), ERR_CONFIG); \
	T_CHECK(c_ == NULL); \
	if (!starts_with(e_, want)) { \
		t_fail(__FILE__, __LINE__, "error \"%s\" does not start with \"%s\"", e_, want); \
		return; \
	} \
} while (0)

T_TEST(catalog_demo_loads_and_pages)
{
	const char *text = embedded_get(CATALOG_EMBEDDED_DEMO, NULL);
	const struct catalog_service *list[16];
	size_t most = 0, n;
	struct catalog *c;
	char err[512];

	T_CHECK(text != NULL);
	T_OK(catalog_load_string(text, CATALOG_EMBEDDED_DEMO, &c, err, sizeof(err)));
	T_CHECK(catalog_field_count(c) >= 5);
	T_CHECK(catalog_service_count(c) >= 10 && catalog_service_count(c) <= 14);
	for (size_t i = 0; i < catalog_field_count(c); i++) {
		n = catalog_field_services(c, catalog_field_at(c, i)->id, list, 16);
		most = n > most ? n : most;
	}
	T_CHECK(most >= 7); /* one field needs a second page at 6 services a page */
	for (size_t i = 0; i < catalog_service_count(c); i++) {
		const struct catalog_service *s = catalog_service_at(c, i);

		T_CHECK(s->name[LANG_EN][0] && strcmp(s->name[LANG_EN], s->name[LANG_VI]) != 0);
		T_CHECK(utf8_valid(s->name[LANG_VI], strlen(s->name[LANG_VI])));
	}
	T_STREQ(catalog_field_at(c, 0)->name[LANG_VI], "Hộ tịch");
	T_STREQ(catalog_service_find(c, "A")->name[LANG_VI], "Đăng ký khai sinh");
	T_EQ(catalog_service_find(c, "M")->daily_cap, 30);
	T_CHECK(catalog_is_open(c, catalog_service_find(c, "K"), at(28, 9, 0)));  /* Saturday */
	T_CHECK(!catalog_is_open(c, catalog_service_find(c, "A"), at(28, 9, 0)));
	/* Tết 2026: closed on a Tuesday, open again the Monday after the holiday week */
	T_CHECK(!catalog_is_open(c, catalog_service_find(c, "A"),
				 clock_from_local(2026, 2, 17, 9, 0, 0)));
	T_EQ(catalog_next_open(c, catalog_service_find(c, "A"), clock_from_local(2026, 2, 13, 18, 0, 0)),
	     clock_from_local(2026, 2, 23, 7, 30, 0));
	catalog_free(c);
}

T_TEST(catalog_fields_and_services_sorted)
{
	struct catalog *c;
	char err[512];
	const struct catalog_service *list[2];

	T_OK(catalog_load_string("[field.b]\nname_vi = B\norder = 1\n"
				 "[field.a]\nname_vi = A\norder = 1\n"
				 "[field.z]\nname_vi = Z\n"
				 "[service.C]\nfield = a\nname_vi = c\n"
				 "[service.B]\nfield = b\nname_vi = b\norder = 2\n"
				 "[service.KS]\nfield = a\nname_vi = ks\norder = 1\n"
				 "[service.D]\nfield = z\nname_vi = d\norder = 1\n"
				 "[service.E]\nfield = a\nname_vi = e\norder = 1\n",
				 "t", &c, err, sizeof(err)));
	T_STREQ(catalog_field_at(c, 0)->id, "z");
	T_STREQ(catalog_field_at(c, 1)->id, "a");
	T_STREQ(catalog_field_at(c, 2)->id, "b");
	T_CHECK(catalog_field_at(c, 3) == NULL);
	T_STREQ(catalog_service_at(c, 0)->prefix, "C");
	T_STREQ(catalog_service_at(c, 1)->prefix, "D");
	T_STREQ(catalog_service_at(c, 2)->prefix, "E");
	T_STREQ(catalog_service_at(c, 3)->prefix, "KS");
	T_EQ(catalog_field_services(c, "a", list, 2), 3);
	T_STREQ(list[0]->prefix, "C");
	T_STREQ(list[1]->prefix, "E");
	T_CHECK(catalog_service_find(c, "X") == NULL);
	catalog_free(c);
}

T_TEST(catalog_defaults_and_nfc_names)
{
	struct catalog *c;
	char err[512];
	const struct catalog_service *s;

	/* decomposed "Hòa giải" (o + U+0300) and "Hộ" (o + U+0323 + U+0302) */
	T_OK(catalog_load_string("[field.f]\nname_vi = Ho\xcc\xa3\xcc\x82 ti\xcc\xa3" "ch\n"
				 "[service.A]\nfield = f\nname_vi = Ho\xcc\x80" "a gia\xcc\x89i\n",
				 "t", &c, err, sizeof(err)));
	s = catalog_service_find(c, "A");
	T_STREQ(s->name[LANG_VI], "Hòa giải");
	T_STREQ(s->name[LANG_EN], "Hòa giải");  /* falls back to name_vi */
	T_STREQ(catalog_field_at(c, 0)->name[LANG_VI], "Hộ tịch");
	T_STREQ(catalog_field_at(c, 0)->name[LANG_EN], "Hộ tịch");
	T_EQ(s->daily_cap, 0);
	T_EQ(s->priority, 0);  /* priority tickets are opt-in per service */
	for (int d = 0; d < 7; d++)
		T_EQ(s->week[d].nspans, 0);
	T_EQ(catalog_next_open(c, s, at(23, 8, 0)), -1);
	catalog_free(c);
}

T_TEST(catalog_hours_open_and_lunch_break)
{
	struct catalog *c;
	const struct catalog_service *a;
	char err[512];

	T_OK(catalog_load_string(HOURS, "t", &c, err, sizeof(err)));
	a = catalog_service_find(c, "A");
	T_CHECK(catalog_is_open(c, a, at(23, 8, 0)));
	T_CHECK(!catalog_is_open(c, a, at(23, 7, 30) - 1));
	T_CHECK(catalog_is_open(c, a, at(23, 7, 30)));
	T_CHECK(catalog_is_open(c, a, at(23, 11, 30) - 1));
	T_CHECK(!catalog_is_open(c, a, at(23, 11, 30)));
	T_CHECK(!catalog_is_open(c, a, at(23, 12, 0)));
	T_EQ(catalog_next_open(c, a, at(23, 12, 0)), at(23, 13, 30));
	/* while open: the next opening after this span */
	T_EQ(catalog_next_open(c, a, at(23, 8, 0)), at(23, 13, 30));
	T_EQ(catalog_next_open(c, a, at(23, 7, 30)), at(23, 13, 30));
	T_EQ(catalog_next_open(c, a, at(23, 7, 30) - 1), at(23, 7, 30));
	/* Sunday before: Monday morning */
	T_EQ(catalog_next_open(c, a, at(22, 10, 0)), at(23, 7, 30));
	catalog_free(c);
}

/* Numbers end last_ticket_min before each closing: the unit's default, a service's own
 * (0 too), and the time of the last number while the counters still serve. */
T_TEST(catalog_last_ticket_before_closing)
{
	static const char text[] =
		"[unit]\nlast_ticket_min = 30\n[field.ho_tich]\nname_vi = Hộ tịch\n"
		"[service.A]\nfield = ho_tich\nname_vi = Đăng ký khai sinh\n" WEEKDAYS
		"[service.B]\nfield = ho_tich\nname_vi = Chứng thực\nlast_ticket_min = 0\n" WEEKDAYS
		"[service.C]\nfield = ho_tich\nname_vi = Hộ tịch khác\nlast_ticket_min = 10\n" WEEKDAYS;
	struct catalog *c;
	const struct catalog_service *a, *b, *cs;
	char err[512];

	T_OK(catalog_load_string(text, "t", &c, err, sizeof(err)));
	a = catalog_service_find(c, "A");
	b = catalog_service_find(c, "B");
	cs = catalog_service_find(c, "C");
	T_EQ(a->last_ticket_min, 30);
	T_EQ(b->last_ticket_min, 0);
	T_EQ(cs->last_ticket_min, 10);
	/* A: numbers until 16:30 (and 11:00 in the morning) */
	T_CHECK(catalog_is_open(c, a, at(23, 16, 30) - 1));
	T_EQ(catalog_last_ticket(c, a, at(23, 16, 30) - 1), -1);
	T_CHECK(!catalog_is_open(c, a, at(23, 16, 30)));
	T_EQ(catalog_last_ticket(c, a, at(23, 16, 30)), 16 * 60 + 30);
	T_EQ(catalog_last_ticket(c, a, at(23, 16, 59)), 16 * 60 + 30);
	T_EQ(catalog_last_ticket(c, a, at(23, 17, 0)), -1);      /* closed: no longer "past" */
	T_EQ(catalog_last_ticket(c, a, at(23, 11, 15)), 11 * 60);
	T_EQ(catalog_next_open(c, a, at(23, 16, 45)), at(24, 7, 30));
	/* B: to the minute; C: ten minutes before */
	T_CHECK(catalog_is_open(c, b, at(23, 16, 59)));
	T_CHECK(catalog_is_open(c, cs, at(23, 16, 49)));
	T_CHECK(!catalog_is_open(c, cs, at(23, 16, 50)));
	catalog_free(c);
	/* out of range: refused with the line */
	T_CHECK(catalog_load_string("[unit]\nlast_ticket_min = 300\n" HEAD, "t", &c, err,
				    sizeof(err)) != 0);
	T_CHECK(strstr(err, "t:2") != NULL);
}

T_TEST(catalog_hours_weekend_and_closed_date)
{
	struct catalog *c;
	const struct catalog_service *a, *b;
	char err[512];

	T_OK(catalog_load_string(HOURS, "t", &c, err, sizeof(err)));
	a = catalog_service_find(c, "A");
	b = catalog_service_find(c, "B");
	/* Friday 17:30: A reopens Monday, B on Saturday morning */
	T_CHECK(!catalog_is_open(c, a, at(27, 17, 30)));
	T_EQ(catalog_next_open(c, a, at(27, 17, 30)), at(30, 7, 30));
	T_EQ(catalog_next_open(c, b, at(27, 17, 30)), at(28, 7, 30));
	T_CHECK(catalog_is_open(c, b, at(28, 11, 0)));
	T_CHECK(!catalog_is_open(c, a, at(28, 11, 0)));
	/* Wednesday 25 is a closed date: Tuesday evening points to Thursday */
	T_CHECK(!catalog_is_open(c, a, at(25, 8, 0)));
	T_EQ(catalog_next_open(c, a, at(24, 17, 30)), at(26, 7, 30));
	T_EQ(catalog_next_open(c, a, at(25, 9, 0)), at(26, 7, 30));
	/* local midnight, not UTC midnight, starts the day: 23:59 local Tuesday is UTC Tuesday */
	T_EQ(catalog_next_open(c, a, at(24, 23, 59)), at(26, 7, 30));
	catalog_free(c);
}

T_TEST(catalog_error_unknown_key_and_section)
{
	T_CATALOG_ERROR(HEAD "colour = red\n", "cat.ini:6: [service.A] colour: unknown key");
	T_CATALOG_ERROR("[field.f]\nname_vi = x\nname = y\n", "cat.ini:3: [field.f] name: unknown key");
	T_CATALOG_ERROR(HEAD "[services.B]\n", "cat.ini:6: [services.B]: unknown section");
	T_CATALOG_ERROR(HEAD "[unit]\nopen = yes\n", "cat.ini:7: [unit] open: unknown key");
	T_CATALOG_ERROR(HEAD "daily_cap = 10000\n",
			"cat.ini:6: [service.A] daily_cap: must be an integer between 0 and 9999");
	T_CATALOG_ERROR(HEAD "priority = often\n", "cat.ini:6: [service.A] priority: must be true");
	T_CATALOG_ERROR(HEAD "name_vi = again\n",
			"cat.ini:6: [service.A] name_vi: set twice (first on line 5)");
	T_CATALOG_ERROR(HEAD "[service.A]\n", "cat.ini:6: [service.A]: repeated (first on line 3)");
}

T_TEST(catalog_error_bad_prefix_and_ids)
{
	T_CATALOG_ERROR(HEAD "[service.a]\n", "cat.ini:6: [service.a]: prefix must be");
	T_CATALOG_ERROR(HEAD "[service.ABC]\n", "cat.ini:6: [service.ABC]: prefix must be");
	T_CATALOG_ERROR(HEAD "[service.Đ]\n", "cat.ini:6: [service.Đ]: prefix must be");
	T_CATALOG_ERROR(HEAD "[service.]\n", "cat.ini:6: [service.]: prefix must be");
	T_CATALOG_ERROR(HEAD "[field.Hộ tịch]\n", "cat.ini:6: [field.Hộ tịch]: field id must be");
}

T_TEST(catalog_error_hours)
{
	T_CATALOG_ERROR(HEAD "mon = 07:30-11:30, 11:00-17:00\n",
			"cat.ini:6: [service.A] mon: spans must be in time order");
	T_CATALOG_ERROR(HEAD "tue = 13:30-17:00, 07:30-11:30\n",
			"cat.ini:6: [service.A] tue: spans must be in time order");
	T_CATALOG_ERROR(HEAD "wed = 07:30-11:30, 11:30-17:00\n",
			"cat.ini:6: [service.A] wed: spans must be in time order");
	T_CATALOG_ERROR(HEAD "thu = 11:30-07:30\n",
			"cat.ini:6: [service.A] thu: a span must open before it closes");
	T_CATALOG_ERROR(HEAD "fri = 7:30-11:30\n",
			"cat.ini:6: [service.A] fri: bad span \"7:30-11:30\"");
	T_CATALOG_ERROR(HEAD "sat = 07:30-24:01\n", "cat.ini:6: [service.A] sat: bad span");
	T_CATALOG_ERROR(HEAD "sun = 07:30-11:30,\n", "cat.ini:6: [service.A] sun: bad span");
	T_CATALOG_ERROR(HEAD "mon = open\n", "cat.ini:6: [service.A] mon: bad span \"open\"");
	T_CATALOG_ERROR(HEAD "mon = 01:00-02:00, 03:00-04:00, 05:00-06:00, 07:00-08:00, "
			"09:00-10:00\n", "cat.ini:6: [service.A] mon: at most 4 spans");
	T_CATALOG_ERROR("[unit]\nclosed_dates = 2026-01-01, 2026-02-30\n" HEAD,
			"cat.ini:2: [unit] closed_dates: bad date \"2026-02-30\"");
}

T_TEST(catalog_hours_accept_closed_and_spacing)
{
	struct catalog *c;
	char err[512];
	const struct catalog_service *s;

	T_OK(catalog_load_string(HEAD "mon = closed\ntue = 07:30 - 11:30 ,13:30-24:00\n"
				 "[unit]\nclosed_dates =\n", "t", &c, err, sizeof(err)));
	s = catalog_service_find(c, "A");
	T_EQ(s->week[1].nspans, 0);
	T_EQ(s->week[2].nspans, 2);
	T_EQ(s->week[2].span[0].open, 7 * 60 + 30);
	T_EQ(s->week[2].span[1].close, 24 * 60);
	catalog_free(c);
}

T_TEST(catalog_error_whole_file_checks)
{
	T_CATALOG_ERROR(HEAD "[service.B]\nfield = nope\nname_vi = x\n",
			"cat.ini:7: [service.B] field: no [field.nope] in this catalogue");
	T_CATALOG_ERROR(HEAD "[service.B]\nfield = f\n",
			"cat.ini:6: [service.B]: name_vi is required");
	T_CATALOG_ERROR(HEAD "[service.B]\nname_vi = x\n", "cat.ini:6: [service.B]: field is required");
	T_CATALOG_ERROR(HEAD "[field.empty]\nname_vi = x\n",
			"cat.ini:6: [field.empty]: no service belongs to this field");
	T_CATALOG_ERROR(HEAD "[field.g]\nname_en = x\n", "cat.ini:6: [field.g]: name_vi is required");
	T_CATALOG_ERROR("[field.f]\nname_vi = x\n", "cat.ini: no services");
	T_CATALOG_ERROR("; nothing\n", "cat.ini: no fields");
}

T_TEST(catalog_missing_file)
{
	struct catalog *c;
	char path[300], err[512], want[600];

	snprintf(path, sizeof(path), "%s/none.ini", t_tmpdir());
	T_EQ(catalog_load_file(path, &c, err, sizeof(err)), ERR_NOTFOUND);
	T_CHECK(c == NULL);
	snprintf(want, sizeof(want), "cannot read catalog %s: No such file or directory", path);
	T_STREQ(err, want);
}

T_TEST(catalog_load_file_reports_path)
{
	struct catalog *c;
	char path[300], err[512], want[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/cat.ini", t_tmpdir());
	f = fopen(path, "w");
	T_CHECK(f != NULL);
	fputs(HEAD "\n\ndaily_cap = lots\n", f);
	fclose(f);
	T_EQ(catalog_load_file(path, &c, err, sizeof(err)), ERR_CONFIG);
	snprintf(want, sizeof(want), "%s:8: [service.A] daily_cap: must be", path);
	T_CHECK(starts_with(err, want));
	f = fopen(path, "w");
	T_CHECK(f != NULL);
	fputs(HOURS, f);
	fclose(f);
	T_OK(catalog_load_file(path, &c, err, sizeof(err)));
	T_EQ(catalog_service_count(c), 2);
	catalog_free(c);
}

T_TEST(catalog_closed_dates_add_up_over_repeated_keys)
{
	struct catalog *c;
	char err[512];
	const struct catalog_service *a;

	T_OK(catalog_load_string("[unit]\nclosed_dates = 2026-11-23\n" HEAD WEEKDAYS
				 "[unit]\nclosed_dates = 2026-11-24, 2026-11-26\n",
				 "t", &c, err, sizeof(err)));
	a = catalog_service_find(c, "A");
	T_CHECK(!catalog_is_open(c, a, at(23, 8, 0)));
	T_CHECK(!catalog_is_open(c, a, at(24, 8, 0)));
	T_CHECK(catalog_is_open(c, a, at(25, 8, 0)));
	T_EQ(catalog_next_open(c, a, at(22, 8, 0)), at(25, 7, 30));
	T_EQ(catalog_next_open(c, a, at(25, 17, 0)), at(27, 7, 30));
	catalog_free(c);
}
