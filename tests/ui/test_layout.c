/* The layout check (ui/layout.c) on frames made up record by record: each rule fails the
 * frame it is about, names the text by its string key, and a frame that fits passes. */
#include "../t.h"
#include "../../ui/layout_check.h"

#include <stdio.h>
#include <string.h>

static struct text_record text_rec(const char *s, SDL_Rect drawn, SDL_Rect box, int size,
				   const char *owner)
{
	struct text_record r = { .kind = 't', .drawn = drawn, .box = box, .size = size,
				 .size_drawn = size, .s = (char *)s };
	snprintf(r.owner, sizeof(r.owner), "%s", owner);
	return r;
}

static int check(const struct widget *w, int nw, const struct text_record *r, int nr,
		 const struct i18n *t, char *why, size_t len)
{
	struct layout_frame f = { .screen = "test", .w = 1080, .h = 1920, .floor = 30,
				  .widgets = w, .nwidgets = nw, .recs = r, .nrecs = nr, .i18n = t,
				  .lang = LANG_VI };
	return layout_check(&f, why, len);
}

T_TEST(layout_frame_that_fits_passes)
{
	struct widget w[1] = { { .id = "done", .r = { 48, 1700, 984, 170 } } };
	struct text_record r[2] = {
		text_rec("Xong", (SDL_Rect){ 500, 1760, 80, 50 }, (SDL_Rect){ 72, 1712, 936, 146 }, 50,
			 "done"),
		text_rec("A-001", (SDL_Rect){ 300, 400, 480, 300 }, (SDL_Rect){ 48, 400, 984, 330 },
			 220, ""),
	};
	char why[512];

	T_EQ(check(w, 1, r, 2, NULL, why, sizeof(why)), 0);
	T_STREQ(why, "");
}

T_TEST(layout_text_out_of_its_box_named_by_key)
{
	struct i18n *t;
	struct text_record r[1] = {
		text_rec("Mời quý khách nhận vé ở khe máy in", (SDL_Rect){ 48, 1000, 380, 140 },
			 (SDL_Rect){ 48, 1000, 380, 120 }, 42, ""),
	};
	char why[512];

	T_OK(i18n_new(&t));
	T_EQ(check(NULL, 0, r, 1, t, why, sizeof(why)), 1);
	T_CHECK(strstr(why, "screen test: text ticket_take overflows its box") != NULL);
	T_CHECK(strstr(why, "by 20 px below") != NULL);
	i18n_free(t);
}

T_TEST(layout_text_under_widget_or_off_screen_or_small)
{
	struct widget w[1] = { { .id = "done", .r = { 48, 1700, 984, 170 } } };
	struct text_record r[3] = {
		/* a service name running under the Done button */
		text_rec("Giải quyết chế độ trợ cấp", (SDL_Rect){ 48, 1600, 984, 140 },
			 (SDL_Rect){ 48, 1600, 984, 140 }, 50, ""),
		/* a banner below the screen's edge */
		text_rec("Ưu tiên", (SDL_Rect){ 48, 1850, 984, 100 }, (SDL_Rect){ 48, 1850, 984, 100 },
			 42, ""),
		/* shrunk under the floor */
		text_rec("Chưa kết nối", (SDL_Rect){ 48, 150, 600, 30 }, (SDL_Rect){ 48, 150, 984, 30 },
			 22, ""),
	};
	char why[1024];

	T_EQ(check(w, 1, r, 3, NULL, why, sizeof(why)), 4);
	T_CHECK(strstr(why, "\"Giải quyết chế độ trợ cấp\" is drawn over widget done") != NULL);
	T_CHECK(strstr(why, "\"Ưu tiên\" overflows the screen") != NULL);
	T_CHECK(strstr(why, "\"Ưu tiên\" is drawn over widget done") != NULL);
	T_CHECK(strstr(why, "drawn at 22 px, under the floor of 30 px") != NULL);
}

T_TEST(layout_widget_text_outside_its_widget_and_overlaps)
{
	struct widget w[2] = { { .id = "svc_A", .r = { 48, 300, 984, 200 } },
			       { .id = "svc_B", .r = { 48, 480, 984, 200 } } };
	struct text_record r[2] = {
		text_rec("Đăng ký khai sinh", (SDL_Rect){ 72, 320, 936, 200 },
			 (SDL_Rect){ 72, 320, 936, 200 }, 50, "svc_A"),
		text_rec("Quầy 1", (SDL_Rect){ 72, 500, 300, 50 }, (SDL_Rect){ 72, 500, 936, 50 }, 36,
			 "svc_B"),
	};
	char why[1024];

	T_EQ(check(w, 2, r, 2, NULL, why, sizeof(why)), 4);
	T_CHECK(strstr(why, "widget svc_A overlaps widget svc_B") != NULL);
	T_CHECK(strstr(why, "(widget svc_A) overflows its widget") != NULL);
	T_CHECK(strstr(why, "(widget svc_A) is drawn over widget svc_B") != NULL);
	T_CHECK(strstr(why, "overlaps text \"Quầy 1\" (widget svc_B)") != NULL);
}

T_TEST(layout_picture_over_a_widget)
{
	struct widget w[1] = { { .id = "done", .r = { 48, 1700, 984, 170 } } };
	struct text_record r[1] = { { .kind = 'i', .drawn = { 650, 1200, 380, 600 },
				      .box = { 650, 1200, 380, 600 }, .s = (char *)"ticket" } };
	char why[256];

	T_EQ(check(w, 1, r, 1, NULL, why, sizeof(why)), 1);
	T_STREQ(why, "screen test: picture ticket is drawn over widget done");
}

T_TEST(layout_report_is_bounded)
{
	struct text_record r[40];
	char why[100];

	for (int i = 0; i < 40; i++)
		r[i] = text_rec("x", (SDL_Rect){ 0, 0, 10, 10 }, (SDL_Rect){ 0, 0, 10, 10 }, 10, "");
	/* 40 under the floor and every pair overlapping: all counted, the report cut short */
	T_EQ(check(NULL, 0, r, 40, NULL, why, sizeof(why)), 40 + 40 * 39 / 2);
	T_CHECK(strlen(why) < sizeof(why));
}
