/* escpos: exact command bytes, banding of GS v 0, and buffer growth. */
#include "../t.h"
#include "../../drivers/escpos.h"
#include "../../firmware/err.h"

#include <stdlib.h>

static struct raster *pattern(int w, int h)
{
	struct raster *r = raster_new(w, h);

	for (int y = 0; r && y < h; y++)
		for (int x = 0; x < w; x++)
			raster_set(r, x, y, (x * 7 + y * 13) % 5 == 0 || x == y);
	return r;
}

T_TEST(escpos_simple_commands_exact_bytes)
{
	static const uint8_t want[] = {
		0x1b, 0x40,             /* ESC @ */
		0x1b, 0x61, 0x01,       /* ESC a 1 */
		0x1b, 0x64, 0x04,       /* ESC d 4 */
		0x1d, 0x56, 0x42, 0x00, /* GS V 66 0: feed to cutter, partial cut */
		0x1d, 0x56, 0x41, 0x00, /* GS V 65 0: feed to cutter, full cut */
		0x1b, 0x61, 0x02,       /* align clamped to 2 */
		0x1b, 0x64, 0xff,       /* feed clamped to 255 */
	};
	struct escpos_buf b;

	escpos_buf_init(&b);
	escpos_init(&b);
	escpos_align(&b, 1);
	escpos_feed(&b, 4);
	escpos_cut(&b, 1);
	escpos_cut(&b, 0);
	escpos_align(&b, 9);
	escpos_feed(&b, 1000);
	T_OK(b.err);
	T_EQ(b.len, sizeof(want));
	T_CHECK(memcmp(b.data, want, sizeof(want)) == 0);
	escpos_buf_free(&b);
	escpos_buf_free(NULL);
}

/* Walks the GS v 0 commands in buf from offset *at; appends their rows to bits. */
static int parse_bands(const uint8_t *d, size_t len, size_t *at, int *heights, int max,
		       uint8_t *bits, int stride)
{
	int n = 0, rows_total = 0;

	while (*at + 8 <= len && d[*at] == 0x1d && d[*at + 1] == 'v' && n < max) {
		int x = d[*at + 4] | d[*at + 5] << 8, y = d[*at + 6] | d[*at + 7] << 8;

		if (d[*at + 2] != '0' || d[*at + 3] != 0 || x != stride)
			return -1;
		memcpy(bits + (size_t)rows_total * (size_t)stride, d + *at + 8, (size_t)(x * y));
		*at += 8 + (size_t)(x * y);
		rows_total += y;
		heights[n++] = y;
	}
	return n;
}

T_TEST(escpos_raster_bands_20x50)
{
	struct raster *r = pattern(20, 50);
	struct escpos_buf b;
	uint8_t bits[3 * 50];
	int heights[8];
	size_t at = 0;
	int n;

	T_CHECK(r != NULL);
	escpos_buf_init(&b);
	escpos_raster(&b, r, 24);
	T_OK(b.err);
	T_EQ(b.len, 3 * 8 + 3 * 50);
	/* first header, byte for byte: 3 bytes per row, 24 rows */
	static const uint8_t head[] = { 0x1d, 0x76, 0x30, 0x00, 3, 0, 24, 0 };
	T_CHECK(memcmp(b.data, head, 8) == 0);
	n = parse_bands(b.data, b.len, &at, heights, 8, bits, 3);
	T_EQ(n, 3);
	T_EQ(heights[0], 24);
	T_EQ(heights[1], 24);
	T_EQ(heights[2], 2);
	T_EQ(at, b.len);
	for (int y = 0; y < 50; y++)
		for (int x = 0; x < 24; x++) {
			bool dot = bits[y * 3 + x / 8] & (0x80 >> (x % 8));
			T_EQ(dot, x < 20 && raster_get(r, x, y));
		}
	escpos_buf_free(&b);
	raster_free(r);
}

T_TEST(escpos_ticket_grows_past_100k)
{
	struct raster *r = pattern(576, 1500);
	struct escpos_buf b;
	static uint8_t bits[72 * 1500];
	int heights[80];
	size_t at = 5;
	int n;

	T_CHECK(r != NULL);
	escpos_buf_init(&b);
	T_OK(escpos_ticket(&b, r, 24));
	/* init 2 + align 3 + 63 bands (62 * 24 + 12) + feed 3 + cut 4 */
	T_EQ(b.len, 2 + 3 + 63 * 8 + 72 * 1500 + 3 + 4);
	T_CHECK(b.cap >= b.len);
	T_CHECK(memcmp(b.data, "\x1b\x40\x1b\x61\x01", 5) == 0);
	n = parse_bands(b.data, b.len, &at, heights, 80, bits, 72);
	T_EQ(n, 63);
	T_EQ(heights[62], 12);
	T_CHECK(memcmp(bits, r->bits, sizeof(bits)) == 0);
	T_CHECK(memcmp(b.data + at, "\x1b\x64\x04\x1d\x56\x42\x00", 7) == 0);
	escpos_buf_free(&b);
	raster_free(r);
}

T_TEST(escpos_error_is_sticky)
{
	struct escpos_buf b;
	size_t len;

	escpos_buf_init(&b);
	escpos_init(&b);
	len = b.len;
	escpos_raster(&b, NULL, 24);
	T_EQ(b.err, ERR_INVAL);
	escpos_feed(&b, 1);
	T_EQ(b.len, len);
	escpos_buf_free(&b);

	struct raster *r = pattern(8, 8);
	escpos_buf_init(&b);
	T_EQ(escpos_ticket(&b, r, 0), ERR_INVAL);
	escpos_buf_free(&b);
	raster_free(r);
}
