/* pngio: the one file that talks to libpng. Writes go to a temp file in the same directory
 * and are renamed into place, so a reader (a person, a golden test) never sees half a PNG.
 * libpng reports errors by longjmp: each setjmp function only changes state through a
 * pointer to a context in its caller, so nothing it owns is clobbered by the jump. */
#include "pngio.h"

#include "err.h"
#include "log.h"
#include "picture.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The largest picture written (tickets and test pictures are far smaller). What is read is
 * bounded by picture_size_ok instead, the limit of every loader. */
#define PNGIO_MAX_SIDE 16384
/* libpng's own guard on a header's dimensions (its default), so that our check, after the
 * header and before any allocation, is the one that speaks. */
#define PNGIO_HEADER_MAX 1000000

struct wctx {
	FILE *f;
	int width, height, channels, stride;
	const uint8_t *pixels;
};

struct rctx {
	FILE *f;
	int width, height;
	uint8_t *pixels;
	png_bytep *rows;
};

static void on_png_error(png_structp png, png_const_charp msg)
{
	log_error("pngio: libpng: %s", msg);
	png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	log_warn("pngio: libpng: %s", msg);
}

static int encode(struct wctx *c)
{
	png_structp png;
	png_infop info;
	int type = c->channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB_ALPHA;

	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, on_png_error, on_png_warning);
	if (!png)
		return ERR_NOMEM;
	info = png_create_info_struct(png);
	if (!info) {
		png_destroy_write_struct(&png, NULL);
		return ERR_NOMEM;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		return ERR_IO;
	}
	png_init_io(png, c->f);
	png_set_IHDR(png, info, (png_uint_32)c->width, (png_uint_32)c->height, 8, type,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < c->height; y++)
		png_write_row(png, c->pixels + (size_t)y * (size_t)c->stride);
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	return 0;
}

static bool write_args_ok(const char *path, int width, int height, int channels,
			  const uint8_t *pixels, int stride)
{
	return path && pixels && width > 0 && height > 0 && width <= PNGIO_MAX_SIDE &&
	       height <= PNGIO_MAX_SIDE && (channels == 1 || channels == 4) &&
	       stride >= width * channels;
}

/* Encode into the already-open temp file, flush it to disk, close it. */
static int write_temp(int fd, struct wctx *c)
{
	int rc;

	c->f = fdopen(fd, "wb");
	if (!c->f) {
		close(fd);
		return err_from_errno(errno);
	}
	rc = encode(c);
	if (rc == 0 && (fflush(c->f) != 0 || fsync(fileno(c->f)) != 0))
		rc = err_from_errno(errno);
	if (fclose(c->f) != 0 && rc == 0)
		rc = err_from_errno(errno);
	return rc;
}

int pngio_write(const char *path, int width, int height, int channels, const uint8_t *pixels,
		int stride)
{
	struct wctx c = { NULL, width, height, channels, stride, pixels };
	char tmp[PATH_MAX];
	int fd, rc;

	if (!write_args_ok(path, width, height, channels, pixels, stride))
		return ERR_INVAL;
	if (snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path) >= (int)sizeof(tmp))
		return ERR_RANGE;
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = err_from_errno(errno);
		log_error("pngio: cannot create a file next to %s: %s", path, strerror(errno));
		return rc;
	}
	(void)fchmod(fd, 0644); /* mkstemp makes 0600; prints are for people to look at */
	rc = write_temp(fd, &c);
	if (rc == 0 && rename(tmp, path) != 0) {
		rc = err_from_errno(errno);
		log_error("pngio: cannot rename into %s: %s", path, strerror(errno));
	}
	if (rc != 0)
		unlink(tmp);
	return rc;
}

/* Whatever the file holds (palette, grey, 16-bit, interlaced), ask libpng for RGBA 8. */
static void set_rgba_transforms(png_structp png, png_infop info)
{
	png_byte type = png_get_color_type(png, info);

	png_set_expand(png);
	png_set_strip_16(png);
	png_set_packing(png);
	if (type == PNG_COLOR_TYPE_GRAY || type == PNG_COLOR_TYPE_GRAY_ALPHA)
		png_set_gray_to_rgb(png);
	/* a filler on a file that turns out to have alpha (tRNS) is ignored by libpng */
	png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
	(void)png_set_interlace_handling(png);
	png_read_update_info(png, info);
}

/* Allocate the picture and the row table into c (freed by the caller on any outcome). */
static int alloc_rows(struct rctx *c, size_t rowbytes)
{
	c->pixels = malloc(rowbytes * (size_t)c->height);
	c->rows = malloc(sizeof(*c->rows) * (size_t)c->height);
	if (!c->pixels || !c->rows)
		return ERR_NOMEM;
	for (int y = 0; y < c->height; y++)
		c->rows[y] = c->pixels + (size_t)y * rowbytes;
	return 0;
}

static int decode_body(png_structp png, png_infop info, struct rctx *c)
{
	size_t rowbytes;
	int rc;

	png_init_io(png, c->f);
	png_set_user_limits(png, PNGIO_HEADER_MAX, PNGIO_HEADER_MAX);
	png_read_info(png, info);
	/* by the header's dimensions, before a byte of the picture is allocated */
	rc = picture_size_ok((long)png_get_image_width(png, info),
			     (long)png_get_image_height(png, info));
	if (rc != 0)
		return rc;
	set_rgba_transforms(png, info);
	c->width = (int)png_get_image_width(png, info);
	c->height = (int)png_get_image_height(png, info);
	rowbytes = png_get_rowbytes(png, info);
	if (rowbytes != (size_t)c->width * 4)
		return ERR_CORRUPT;
	rc = alloc_rows(c, rowbytes);
	if (rc != 0)
		return rc;
	png_read_image(png, c->rows);
	png_read_end(png, NULL);
	return 0;
}

static int decode(struct rctx *c)
{
	png_structp png;
	png_infop info;
	int rc;

	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, on_png_error, on_png_warning);
	if (!png)
		return ERR_NOMEM;
	info = png_create_info_struct(png);
	if (!info) {
		png_destroy_read_struct(&png, NULL, NULL);
		return ERR_NOMEM;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_read_struct(&png, &info, NULL);
		return ERR_CORRUPT;
	}
	rc = decode_body(png, info, c);
	png_destroy_read_struct(&png, &info, NULL);
	return rc;
}

int pngio_read_rgba(const char *path, int *width, int *height, uint8_t **pixels)
{
	struct rctx c = { NULL, 0, 0, NULL, NULL };
	int rc;

	if (!path || !width || !height || !pixels)
		return ERR_INVAL;
	*pixels = NULL;
	c.f = fopen(path, "rb");
	if (!c.f)
		return err_from_errno(errno);
	rc = decode(&c);
	fclose(c.f);
	free(c.rows);
	if (rc != 0) {
		free(c.pixels);
		return rc;
	}
	*width = c.width;
	*height = c.height;
	*pixels = c.pixels;
	return 0;
}
