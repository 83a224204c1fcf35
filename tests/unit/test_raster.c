/* raster and pngio: bit order, bounds, and PNG round trips through libpng. */
#include "../t.h"
#include "../../firmware/err.h"
#include "../../firmware/pngio.h"
#include "../../firmware/raster.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

T_TEST(raster_bits_msb_first)
{
	struct raster *r = raster_new(10, 3);

	T_CHECK(r != NULL);
	T_EQ(r->stride, 2);
	raster_set(r, 0, 0, true);
	raster_set(r, 9, 2, true);
	raster_set(r, 10, 0, true);  /* outside: ignored */
	raster_set(r, -1, 0, true);
	T_EQ(r->bits[0], 0x80);
	T_EQ(r->bits[5], 0x40);
	T_CHECK(raster_get(r, 9, 2));
	T_CHECK(!raster_get(r, 1, 0));
	T_CHECK(!raster_get(r, 10, 0));
	raster_set(r, 0, 0, false);
	T_EQ(r->bits[0], 0);
	raster_free(r);
	raster_free(NULL);
	T_CHECK(raster_new(0, 5) == NULL);
	T_CHECK(raster_new(5, -1) == NULL);
}

T_TEST(raster_png_round_trip)
{
	char path[512];
	struct raster *r = raster_new(37, 23);
	uint8_t *px = NULL;
	int w = 0, h = 0;

	T_CHECK(r != NULL);
	for (int y = 0; y < 23; y++)
		for (int x = 0; x < 37; x++)
			raster_set(r, x, y, (x * x + 3 * y) % 7 < 3);
	snprintf(path, sizeof(path), "%s/r.png", t_tmpdir());
	T_OK(raster_write_png(r, path));
	T_OK(pngio_read_rgba(path, &w, &h, &px));
	T_EQ(w, 37);
	T_EQ(h, 23);
	for (int y = 0; y < 23; y++)
		for (int x = 0; x < 37; x++) {
			const uint8_t *p = px + ((size_t)y * 37 + (size_t)x) * 4;
			int want = raster_get(r, x, y) ? 0 : 255;

			T_EQ(p[0], want);
			T_EQ(p[1], want);
			T_EQ(p[2], want);
			T_EQ(p[3], 255);
		}
	free(px);
	raster_free(r);
}

T_TEST(pngio_rgba_round_trip_with_stride)
{
	char path[512];
	enum { W = 5, H = 4, STRIDE = W * 4 + 3 };
	uint8_t in[STRIDE * H], *out = NULL;
	int w, h;

	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(i * 37 + 11);
	snprintf(path, sizeof(path), "%s/rgba.png", t_tmpdir());
	T_OK(pngio_write(path, W, H, 4, in, STRIDE));
	T_OK(pngio_read_rgba(path, &w, &h, &out));
	T_EQ(w, W);
	T_EQ(h, H);
	for (int y = 0; y < H; y++)
		T_CHECK(memcmp(out + y * W * 4, in + y * STRIDE, W * 4) == 0);
	free(out);
}

T_TEST(pngio_rejects_bad_input_and_leaves_no_temp)
{
	char path[512], dir[512];
	uint8_t px[4] = { 0 }, *out = (uint8_t *)1;
	int w, h, files = 0;
	FILE *f;
	DIR *d;
	struct dirent *e;

	snprintf(path, sizeof(path), "%s/garbage.png", t_tmpdir());
	f = fopen(path, "wb");
	T_CHECK(f != NULL);
	fputs("\x89PNG\r\n\x1a\nnot really a png at all", f);
	fclose(f);
	T_EQ(pngio_read_rgba(path, &w, &h, &out), ERR_CORRUPT);
	T_CHECK(out == NULL);
	snprintf(path, sizeof(path), "%s/missing.png", t_tmpdir());
	T_EQ(pngio_read_rgba(path, &w, &h, &out), ERR_NOTFOUND);
	T_EQ(pngio_write(path, 1, 1, 3, px, 3), ERR_INVAL);
	snprintf(dir, sizeof(dir), "%s/no/such/dir/x.png", t_tmpdir());
	T_CHECK(pngio_write(dir, 1, 1, 1, px, 1) != 0);
	d = opendir(t_tmpdir());
	T_CHECK(d != NULL);
	while ((e = readdir(d)))
		files += e->d_name[0] != '.';
	closedir(d);
	T_EQ(files, 1); /* only garbage.png */
}
