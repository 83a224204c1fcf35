/* scan_decode: real ZBar on QR codes drawn here with libqrencode; the loaders for PNG and
 * binary PGM/PPM, and what they say about files that are not pictures. */
#include "../t.h"
#include "../../drivers/scan_decode.h"
#include "../../drivers/scan_img.h"
#include "../../drivers/scan_locate.h"
#include "../../firmware/err.h"
#include "../../firmware/pngio.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>

#define URL "https://dichvucong.example.gov.vn/tra-cuu?MHS=000.00.01.H29-240115-0001&SGT=001012345678"

/* A w x h white picture with a QR code of text, module px wide, top left at (x0, y0). */
static uint8_t *draw_qr(const char *text, int w, int h, int x0, int y0, int module)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	uint8_t *g = malloc((size_t)w * (size_t)h);

	if (!q || !g) {
		free(g);
		if (q)
			QRcode_free(q);
		return NULL;
	}
	memset(g, 235, (size_t)w * (size_t)h);
	for (int y = 0; y < q->width * module; y++)
		for (int x = 0; x < q->width * module; x++)
			if ((q->data[(y / module) * q->width + x / module] & 1) && y0 + y < h && x0 + x < w)
				g[(size_t)(y0 + y) * (size_t)w + (size_t)(x0 + x)] = 30;
	QRcode_free(q);
	return g;
}

T_TEST(scan_decode_qr_plain_and_kiosk)
{
	struct scan_result r[2];
	struct scan_stats st;
	uint8_t *g = draw_qr(URL, 320, 240, 90, 50, 4);

	T_CHECK(g != NULL);
	T_EQ(scan_decode_gray_opts(&scan_opts_zbar, g, 320, 240, 320, r, 2, &st), 1);
	T_STREQ(r[0].symbology, "QR-Code");
	T_EQ(r[0].len, strlen(URL));
	T_STREQ(r[0].data, URL);
	T_EQ(r[0].truncated, 0);
	T_EQ(st.found_by, SCAN_PASS_PLAIN);
	T_EQ(scan_decode_gray(g, 320, 240, 320, r, 2, &st), 1);
	T_STREQ(r[0].data, URL);
	T_CHECK(st.found_by != 0);
	free(g);
}

/* A picture inside a wider buffer (rows stride bytes apart) decodes the same. */
T_TEST(scan_decode_stride)
{
	struct scan_result r[1];
	uint8_t *g = draw_qr(URL, 400, 240, 100, 40, 4);

	T_CHECK(g != NULL);
	/* the left 320 columns of a 400-wide buffer */
	T_EQ(scan_decode_gray_opts(&scan_opts_kiosk, g, 320, 240, 400, r, 1, NULL), 1);
	T_STREQ(r[0].data, URL);
	free(g);
}

/* A blank picture, a uniform one, a tiny one: nothing found, no crash. */
T_TEST(scan_decode_nothing)
{
	struct scan_result r[1];
	uint8_t *g = calloc(640 * 480, 1);

	T_CHECK(g != NULL);
	T_EQ(scan_decode_gray_opts(&scan_opts_kiosk, g, 640, 480, 640, r, 1, NULL), 0);
	memset(g, 200, 640 * 480);
	T_EQ(scan_decode_gray(g, 640, 480, 640, r, 1, NULL), 0);
	T_EQ(scan_decode_gray(g, 1, 1, 1, r, 1, NULL), 0);
	for (int i = 0; i < 640 * 480; i++)
		g[i] = (uint8_t)((unsigned)i * 7919u % 251u);
	T_EQ(scan_decode_gray_opts(&scan_opts_kiosk, g, 640, 480, 640, r, 1, NULL), 0);
	free(g);
}

T_TEST(scan_decode_bad_arguments)
{
	struct scan_result r[1];
	uint8_t g[16] = { 0 };

	T_EQ(scan_decode_gray(NULL, 4, 4, 4, r, 1, NULL), ERR_INVAL);
	T_EQ(scan_decode_gray(g, 4, 4, 4, NULL, 1, NULL), ERR_INVAL);
	T_EQ(scan_decode_gray(g, 4, 4, 4, r, 0, NULL), ERR_INVAL);
	T_EQ(scan_decode_gray(g, 4, 4, 3, r, 1, NULL), ERR_INVAL);
	T_EQ(scan_decode_gray(g, 0, 4, 4, r, 1, NULL), ERR_INVAL);
	T_EQ(scan_decode_gray(g, 9000, 1, 9000, r, 1, NULL), ERR_INVAL);
}

/* Turned 30 degrees and drawn at 2 px a module: the locator finds it, ZBar reads it. */
T_TEST(scan_decode_turned_qr)
{
	struct scan_result r[1];
	struct scan_img src = { .w = 360, .h = 300 }, turned;
	uint8_t *g = draw_qr(URL, 360, 300, 120, 90, 2);

	T_CHECK(g != NULL);
	src.p = g;
	T_CHECK(scan_img_rotate(&src, 30, &turned));
	T_EQ(scan_decode_gray_opts(&scan_opts_kiosk, turned.p, turned.w, turned.h, turned.w, r, 1,
				   NULL), 1);
	T_STREQ(r[0].data, URL);
	scan_img_free(&turned);
	free(g);
}

T_TEST(scan_locate_finds_the_qr)
{
	struct scan_region reg[4];
	struct scan_img img = { .w = 640, .h = 480 };
	int n;

	img.p = draw_qr(URL, 640, 480, 400, 250, 4);
	T_CHECK(img.p != NULL);
	n = scan_locate(&img, reg, 4);
	T_CHECK(n >= 1);
	T_EQ(reg[0].linear, 0);
	T_CHECK(reg[0].x0 <= 400 && reg[0].y0 <= 250);
	T_CHECK(reg[0].x1 >= 400 + 37 * 4 - 16 && reg[0].y1 >= 250 + 37 * 4 - 16);
	free(img.p);
}

static const char *write_file(const char *name, const void *data, size_t len)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", t_tmpdir(), name);
	f = fopen(path, "wb");
	if (!f)
		return NULL;
	fwrite(data, 1, len, f);
	fclose(f);
	return path;
}

/* P5 with a comment in the header, P6 (colour to grey), 16-bit P5. */
T_TEST(scan_load_pnm)
{
	static const char p5[] = "P5\n# made by hand\n3 2\n255\n\x00\x80\xff\x10\x20\x30";
	static const char p6[] = "P6 2 1 255\n\xff\x00\x00\x00\x00\xff";
	static const char p5_16[] = "P5 2 1 65535\n\xff\xff\x80\x00";
	uint8_t *g;
	int w, h;

	T_OK(scan_load_gray(write_file("a.pgm", p5, sizeof(p5) - 1), &g, &w, &h));
	T_EQ(w, 3);
	T_EQ(h, 2);
	T_EQ(g[0], 0);
	T_EQ(g[1], 0x80);
	T_EQ(g[2], 0xff);
	T_EQ(g[5], 0x30);
	free(g);
	T_OK(scan_load_gray(write_file("b.ppm", p6, sizeof(p6) - 1), &g, &w, &h));
	T_EQ(w, 2);
	T_EQ(g[0], 77);  /* red */
	T_EQ(g[1], 29);  /* blue */
	free(g);
	T_OK(scan_load_gray(write_file("c.pgm", p5_16, sizeof(p5_16) - 1), &g, &w, &h));
	T_EQ(g[0], 255);
	T_EQ(g[1], 127);
	free(g);
}

/* Not pictures, or broken ones: a clear error, never a crash. */
T_TEST(scan_load_refuses_non_pictures)
{
	static const char truncated_pgm[] = "P5\n100 100\n255\n\x01\x02\x03";
	static const char huge_pgm[] = "P5\n9000 9000\n255\n";
	static const char text[] = "MHS=000.00.01.H29-240115-0001\n";
	static const unsigned char png_head[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0 };
	struct scan_result r[1];
	uint8_t *g = NULL;
	int w, h;

	T_EQ(scan_load_gray(write_file("t.pgm", truncated_pgm, sizeof(truncated_pgm) - 1), &g, &w,
			    &h), ERR_CORRUPT);
	T_CHECK(g == NULL);
	T_EQ(scan_load_gray(write_file("h.pgm", huge_pgm, sizeof(huge_pgm) - 1), &g, &w, &h),
	     ERR_RANGE);
	T_EQ(scan_load_gray(write_file("x.txt", text, sizeof(text) - 1), &g, &w, &h), ERR_CORRUPT);
	T_EQ(scan_load_gray(write_file("e.png", "", 0), &g, &w, &h), ERR_CORRUPT);
	T_EQ(scan_load_gray(write_file("p.png", png_head, sizeof(png_head)), &g, &w, &h),
	     ERR_CORRUPT);
	T_EQ(scan_decode_file("/nonexistent/receipt.png", r, 1, NULL), ERR_NOTFOUND);
}

/* A PNG written by pngio and read back through scan_decode_file. */
T_TEST(scan_decode_png_file)
{
	struct scan_result r[1];
	char path[512];
	uint8_t *g = draw_qr(URL, 300, 300, 60, 60, 4);

	T_CHECK(g != NULL);
	snprintf(path, sizeof(path), "%s/qr.png", t_tmpdir());
	T_OK(pngio_write(path, 300, 300, 1, g, 300));
	T_EQ(scan_decode_file(path, r, 1, NULL), 1);
	T_STREQ(r[0].data, URL);
	free(g);
}
