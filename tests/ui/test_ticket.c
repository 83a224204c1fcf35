/* ticket: renders realistic Vietnamese tickets at both paper widths, and checks that the QR
 * code scans back (with zbarimg) to the ticket id. Also saves /tmp/ticket-576.png and
 * /tmp/ticket-384.png for a person to look at. */
#include "../t.h"
#include "../../firmware/err.h"
#include "../../ui/ticket.h"
#include "../tools/ticket_sample.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>

#define FONT "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
#define FONT_BOLD "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"

/* the sample with a long unit name, a priority and another note */
static struct ticket_view sample(void)
{
	struct ticket_view v = TICKET_SAMPLE;

	v.unit_name = "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm, thành phố Hà Nội";
	v.priority = "Ưu tiên: Người cao tuổi";
	v.people_ahead = 12;
	v.ticket_id = "HN01-20261123-A042";
	v.note = "Vui lòng chú ý màn hình và loa gọi số. Số thứ tự chỉ có giá trị trong ngày.";
	return v;
}

static bool start_ttf(void)
{
	return SDL_Init(0) == 0 && TTF_Init() == 0;
}

static void stop_ttf(void)
{
	TTF_Quit();
	SDL_Quit();
}

/* What zbarimg reads from the PNG, trailing newline removed; "" when nothing. */
static void scan(const char *png, char *out, size_t cap)
{
	char cmd[700];
	FILE *f;
	size_t n = 0;

	out[0] = '\0';
	snprintf(cmd, sizeof(cmd), "zbarimg --raw -q '%s' 2>/dev/null", png);
	f = popen(cmd, "r");
	if (!f)
		return;
	n = fread(out, 1, cap - 1, f);
	pclose(f);
	out[n] = '\0';
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
}

static int black_in_rows(const struct raster *r, int y0, int y1)
{
	int n = 0;

	for (int y = y0; y < y1 && y < r->height; y++)
		for (int x = 0; x < r->width; x++)
			n += raster_get(r, x, y);
	return n;
}

static void check_width(int width, const char *keep)
{
	struct ticket_renderer *tr = NULL;
	struct raster *r = NULL;
	struct ticket_view v = sample();
	char png[512], got[256];

	T_OK(ticket_renderer_new(FONT, FONT_BOLD, &tr));
	T_OK(ticket_render(tr, &v, width, &r));
	T_EQ(r->width, width);
	T_CHECK(r->height >= 500 && r->height <= 2500);
	T_CHECK(black_in_rows(r, 0, 60 * width / 576) > 100); /* the unit name */
	snprintf(png, sizeof(png), "%s/ticket-%d.png", t_tmpdir(), width);
	T_OK(raster_write_png(r, png));
	T_OK(raster_write_png(r, keep));
	scan(png, got, sizeof(got));
	T_STREQ(got, v.ticket_id);
	raster_free(r);
	ticket_renderer_free(tr);
}

T_TEST(ticket_renders_and_qr_scans_576)
{
	T_CHECK(start_ttf());
	check_width(576, "/tmp/ticket-576.png");
	stop_ttf();
}

T_TEST(ticket_renders_and_qr_scans_384)
{
	T_CHECK(start_ttf());
	check_width(384, "/tmp/ticket-384.png");
	stop_ttf();
}

T_TEST(ticket_missing_font_is_font_error)
{
	struct ticket_view v = sample();
	struct ticket_renderer *tr = (struct ticket_renderer *)&v; /* not NULL: must be reset */

	T_CHECK(start_ttf());
	T_EQ(ticket_renderer_new("/nonexistent/font.ttf", FONT_BOLD, &tr), ERR_FONT);
	T_CHECK(tr == NULL);
	T_EQ(ticket_renderer_new(FONT, "/nonexistent/bold.ttf", &tr), ERR_FONT);
	ticket_renderer_free(NULL);
	stop_ttf();
}

/* The priority line is white on black: some row is black across most of the content. */
static bool has_bar(const struct raster *r)
{
	for (int y = 0; y < r->height; y++)
		if (black_in_rows(r, y, y + 1) > r->width * 8 / 10)
			return true;
	return false;
}

T_TEST(ticket_priority_bar_and_long_text)
{
	struct ticket_renderer *tr = NULL;
	struct raster *a = NULL, *b = NULL, *c = NULL;
	struct ticket_view v = sample();
	static char longname[3000];

	T_CHECK(start_ttf());
	T_OK(ticket_renderer_new(FONT, FONT_BOLD, &tr));
	T_OK(ticket_render(tr, &v, 576, &a));
	v.priority = NULL;
	T_OK(ticket_render(tr, &v, 576, &b));
	T_CHECK(has_bar(a));
	T_CHECK(a->height > b->height);
	/* a name far too long: capped at three lines, so at most two lines taller */
	for (size_t i = 0; i + 11 < sizeof(longname); i += 10)
		memcpy(longname + i, "Ủy ban ", 10 - 1), longname[i + 9] = ' ';
	v.unit_name = longname;
	T_OK(ticket_render(tr, &v, 576, &c));
	T_CHECK(c->height > b->height);
	T_CHECK(c->height <= b->height + 2 * 60);
	raster_free(a);
	raster_free(b);
	raster_free(c);
	ticket_renderer_free(tr);
	stop_ttf();
}

T_TEST(ticket_rejects_bad_input)
{
	struct ticket_renderer *tr = NULL;
	struct raster *r = NULL;
	struct ticket_view v = sample();

	T_CHECK(start_ttf());
	T_OK(ticket_renderer_new(FONT, FONT_BOLD, &tr));
	T_EQ(ticket_render(tr, &v, 50, &r), ERR_INVAL);
	v.ticket_id = "";
	T_EQ(ticket_render(tr, &v, 576, &r), ERR_INVAL);
	T_CHECK(r == NULL);
	ticket_renderer_free(tr);
	stop_ttf();
}
