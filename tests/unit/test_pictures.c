/* Pictures: one size limit for every loader, judged by the header before anything is
 * allocated (PNG, PGM, JPEG, camera frames), and JPEG for phones and MJPEG cameras. */
#include "../t.h"
#include "../../drivers/frame_source.h"
#include "../../drivers/scan_decode.h"
#include "../../firmware/err.h"
#include "../../firmware/jpegio.h"
#include "../../firmware/picture.h"
#include "../../firmware/pngio.h"

#include <linux/videodev2.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return ~c;
}

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* A PNG that claims w x h grey pixels, with an IHDR whose CRC is right and a token IDAT: what
 * a hostile file looks like up to its header. */
static const char *png_claiming(uint32_t w, uint32_t h)
{
	static char path[512];
	static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	uint8_t ihdr[25] = { 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
	static const uint8_t idat[] = { 0, 0, 0, 2, 'I', 'D', 'A', 'T', 0x78, 0x9c, 0, 0, 0, 0 };
	FILE *f;

	be32(ihdr + 8, w);
	be32(ihdr + 12, h);
	ihdr[16] = 8;   /* 8 bits, grey, deflate, no filter, no interlace */
	be32(ihdr + 21, crc32_of(ihdr + 4, 17));
	snprintf(path, sizeof(path), "%s/claim-%ux%u.png", t_tmpdir(), w, h);
	f = fopen(path, "wb");
	if (!f)
		return path;
	fwrite(sig, 1, sizeof(sig), f);
	fwrite(ihdr, 1, sizeof(ihdr), f);
	fwrite(idat, 1, sizeof(idat), f);
	fclose(f);
	return path;
}

T_TEST(picture_limit_is_one_for_all)
{
	T_EQ(picture_size_ok(8192, 4096), 0);
	T_EQ(picture_size_ok(4032, 3024), 0);
	T_EQ(picture_size_ok(8193, 10), ERR_RANGE);
	T_EQ(picture_size_ok(8192, 4097), ERR_RANGE);
	T_EQ(picture_size_ok(8192, 8192), ERR_RANGE);
	T_EQ(picture_size_ok(0, 10), ERR_CORRUPT);
}

T_TEST(picture_png_refused_by_header)
{
	uint8_t *px = NULL;
	int w, h;

	T_EQ(pngio_read_rgba(png_claiming(16384, 16384), &w, &h, &px), ERR_RANGE);
	T_CHECK(px == NULL);
	T_EQ(pngio_read_rgba(png_claiming(8192, 8192), &w, &h, &px), ERR_RANGE);
	T_EQ(pngio_read_rgba(png_claiming(100000, 1), &w, &h, &px), ERR_RANGE);
	/* within the limit the header passes; the token IDAT then fails as a damaged file */
	T_EQ(pngio_read_rgba(png_claiming(640, 480), &w, &h, &px), ERR_CORRUPT);
	/* and the scanner's loader says the same */
	T_EQ(scan_load_gray(png_claiming(16384, 16384), &px, &w, &h), ERR_RANGE);
}

T_TEST(picture_pnm_refused_by_header)
{
	char path[512];
	uint8_t *g = NULL;
	int w, h;
	FILE *f;

	snprintf(path, sizeof(path), "%s/big.pgm", t_tmpdir());
	f = fopen(path, "wb");
	T_CHECK(f != NULL);
	fputs("P5\n8192 8192\n255\n", f);   /* 64 Mpx: over the pixel limit */
	fclose(f);
	T_EQ(scan_load_gray(path, &g, &w, &h), ERR_RANGE);
	T_CHECK(g == NULL);
}

/* A w x h grey gradient with a dark square, written as JPEG; returns the path. */
static const char *jpeg_of(int w, int h, const char *name)
{
	static char path[512];
	uint8_t *px = malloc((size_t)w * (size_t)h);

	snprintf(path, sizeof(path), "%s/%s", t_tmpdir(), name);
	if (!px)
		return path;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			px[y * w + x] = (x > w / 4 && x < w / 2 && y > h / 4 && y < h / 2) ? 20
					: (uint8_t)(100 + x * 100 / w);
	jpegio_write(path, w, h, 1, px, w, 90);
	free(px);
	return path;
}

static uint8_t *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b = malloc(1 << 20);

	*n = f && b ? fread(b, 1, 1 << 20, f) : 0;
	if (f)
		fclose(f);
	return b;
}

T_TEST(picture_jpeg_read_as_grey)
{
	uint8_t *g = NULL;
	int w = 0, h = 0;

	T_OK(scan_load_gray(jpeg_of(320, 200, "phone.jpg"), &g, &w, &h));
	T_EQ(w, 320);
	T_EQ(h, 200);
	T_CHECK(g[120 * 320 / 2 + 100] < 60);    /* inside the dark square */
	T_CHECK(g[150 * 320 + 300] > 150);       /* the bright end of the gradient */
	free(g);
}

/* The JPEG with the dimensions in its SOF0 header replaced: a hostile header. */
T_TEST(picture_jpeg_refused_by_header)
{
	size_t n;
	uint8_t *b = slurp(jpeg_of(64, 48, "small.jpg"), &n), *g = NULL;
	int w, h, patched = 0;

	for (size_t i = 0; b && i + 9 < n; i++)
		if (b[i] == 0xff && b[i + 1] == 0xc0) {
			b[i + 5] = 0x40, b[i + 6] = 0x00;   /* height 16384 */
			b[i + 7] = 0x40, b[i + 8] = 0x00;   /* width 16384 */
			patched = 1;
			break;
		}
	T_CHECK(patched);
	T_EQ(jpegio_read_gray(b, n, &g, &w, &h), ERR_RANGE);
	T_CHECK(g == NULL);
	T_EQ(jpegio_read_gray((const uint8_t *)"not a jpeg", 10, &g, &w, &h), ERR_CORRUPT);
	free(b);
}

/* An MJPEG camera's frame: no Huffman tables (DHT segments removed), the standard ones apply;
 * a frame of another size than the stream's is refused. */
T_TEST(picture_mjpeg_frame_without_huffman_tables)
{
	size_t n, m = 0;
	uint8_t *b = slurp(jpeg_of(64, 48, "frame.jpg"), &n), *f = malloc(n), out[64 * 48];
	int dht = 0;

	T_CHECK(b && f);
	for (size_t i = 0; i < n;) {
		if (i + 3 < n && b[i] == 0xff && b[i + 1] == 0xc4) {   /* DHT: skip it */
			i += 2 + ((size_t)b[i + 2] << 8 | b[i + 3]);
			dht++;
			continue;
		}
		f[m++] = b[i++];
	}
	T_CHECK(dht > 0);
	T_OK(jpegio_decode_frame(f, m, 64, 48, out));
	T_CHECK(out[20 * 64 + 24] < 60);
	T_CHECK(out[40 * 64 + 60] > 150);
	T_EQ(jpegio_decode_frame(f, m, 640, 480, out), ERR_CORRUPT);
	free(b);
	free(f);
}

T_TEST(picture_camera_format_pick)
{
	struct frame_offer yuyv_small[] = {
		{ V4L2_PIX_FMT_YUYV, 640, 480 }, { V4L2_PIX_FMT_MJPEG, 1280, 720 },
	};
	struct frame_offer both[] = {
		{ V4L2_PIX_FMT_YUYV, 1280, 720 }, { V4L2_PIX_FMT_MJPEG, 1280, 720 },
	};
	struct frame_offer odd[] = {
		{ V4L2_PIX_FMT_GREY, 8, 8 }, { V4L2_PIX_FMT_MJPEG, 16384, 16384 },
		{ V4L2_PIX_FMT_MJPEG, 1920, 1080 }, { V4L2_PIX_FMT_YUYV, 320, 240 },
	};

	/* the camera gives 1280x720 only in MJPEG: MJPEG it is */
	T_EQ(frame_source_pick(yuyv_small, 2, 1280, 720), 1);
	/* the same size in both: no decoding needed */
	T_EQ(frame_source_pick(both, 2, 1280, 720), 0);
	/* nothing exact: nearest in area, never a too small or too large one */
	T_EQ(frame_source_pick(odd, 4, 1280, 720), 2);
	T_EQ(frame_source_pick(odd, 2, 1280, 720), -1);
	T_EQ(frame_source_pick(NULL, 0, 640, 480), -1);
}

T_TEST(picture_camera_dir_plays_jpeg)
{
	char dir[512], dev[600];
	struct frame_source *fs = NULL;
	const uint8_t *g;
	int w, h;

	snprintf(dir, sizeof(dir), "%s/frames", t_tmpdir());
	mkdir(dir, 0700);
	jpeg_of(320, 240, "frames/0001.jpg");
	snprintf(dev, sizeof(dev), "dir:%s", dir);
	T_OK(frame_source_open(dev, 640, 480, 30, &fs));
	T_OK(frame_source_next(fs, 1000, &g, &w, &h));
	T_EQ(w, 320);
	T_EQ(h, 240);
	frame_source_close(fs);
}
