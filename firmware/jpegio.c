/* jpegio: libjpeg-turbo behind jpegio.h. libjpeg reports errors through error_exit, which
 * longjmps back here; as in pngio, each function with a setjmp changes state only through a
 * pointer into its caller, so nothing it owns is clobbered by the jump. */
#include "jpegio.h"

#include "err.h"
#include "log.h"
#include "picture.h"

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jpeglib.h>

#define JPEG_FILE_MAX (64L * 1024 * 1024)

struct jerr {
	struct jpeg_error_mgr pub;
	jmp_buf jump;
};

static void on_error(j_common_ptr c)
{
	struct jerr *e = (struct jerr *)c->err;
	char msg[JMSG_LENGTH_MAX];

	(*c->err->format_message)(c, msg);
	log_warn("jpegio: libjpeg: %s", msg);
	longjmp(e->jump, 1);
}

static void on_message(j_common_ptr c)
{
	(void)c;   /* warnings (extraneous bytes...) are not worth a log line per frame */
}

int jpegio_is_jpeg(const uint8_t *data, size_t len)
{
	return len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff;
}

/* What a decode needs in the caller's frame. */
struct rd {
	const uint8_t *data;
	size_t len;
	int want_w, want_h;   /* 0: any size (then out is allocated) */
	uint8_t *out;
	int w, h;
};

/* The header, judged before anything is allocated; then the rows. */
static int decode_rows(struct jpeg_decompress_struct *d, struct rd *r)
{
	int rc;

	jpeg_mem_src(d, r->data, (unsigned long)r->len);
	if (jpeg_read_header(d, TRUE) != JPEG_HEADER_OK)
		return ERR_CORRUPT;
	rc = picture_size_ok((long)d->image_width, (long)d->image_height);
	if (rc)
		return rc;
	if (r->want_w && ((int)d->image_width != r->want_w || (int)d->image_height != r->want_h))
		return ERR_CORRUPT;
	d->out_color_space = JCS_GRAYSCALE;
	jpeg_start_decompress(d);
	r->w = (int)d->output_width;
	r->h = (int)d->output_height;
	if (!r->out && !(r->out = malloc((size_t)r->w * (size_t)r->h)))
		return ERR_NOMEM;
	while (d->output_scanline < d->output_height) {
		JSAMPROW row = r->out + (size_t)d->output_scanline * (size_t)r->w;

		jpeg_read_scanlines(d, &row, 1);
	}
	jpeg_finish_decompress(d);
	return 0;
}

static int decode(struct rd *r)
{
	struct jpeg_decompress_struct d;
	struct jerr e;
	int rc;

	memset(&d, 0, sizeof(d));
	d.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = on_error;
	e.pub.output_message = on_message;
	if (setjmp(e.jump)) {
		jpeg_destroy_decompress(&d);
		return ERR_CORRUPT;
	}
	jpeg_create_decompress(&d);
	rc = decode_rows(&d, r);
	jpeg_destroy_decompress(&d);
	return rc;
}

int jpegio_read_gray(const uint8_t *data, size_t len, uint8_t **gray, int *w, int *h)
{
	struct rd r = { .data = data, .len = len };
	int rc;

	*gray = NULL;
	if (!jpegio_is_jpeg(data, len))
		return ERR_CORRUPT;
	rc = decode(&r);
	if (rc) {
		free(r.out);
		return rc;
	}
	*gray = r.out;
	*w = r.w;
	*h = r.h;
	return 0;
}

int jpegio_decode_frame(const uint8_t *data, size_t len, int w, int h, uint8_t *out)
{
	struct rd r = { .data = data, .len = len, .want_w = w, .want_h = h, .out = out };

	if (!jpegio_is_jpeg(data, len) || w < 1 || h < 1)
		return ERR_CORRUPT;
	return decode(&r);
}

static int read_file(const char *path, uint8_t **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long n;
	int rc = 0;

	if (!f)
		return err_from_errno(errno);
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		rc = ERR_IO;
	else if (n > JPEG_FILE_MAX)
		rc = ERR_RANGE;
	else if (!(*data = malloc(n > 0 ? (size_t)n : 1)))
		rc = ERR_NOMEM;
	else if (fread(*data, 1, (size_t)n, f) != (size_t)n)
		rc = ERR_IO;
	fclose(f);
	if (rc == 0)
		*len = (size_t)n;
	return rc;
}

int jpegio_read_gray_file(const char *path, uint8_t **gray, int *w, int *h)
{
	uint8_t *data = NULL;
	size_t len = 0;
	int rc = read_file(path, &data, &len);

	*gray = NULL;
	if (!rc)
		rc = jpegio_read_gray(data, len, gray, w, h);
	free(data);
	return rc;
}

/* --- writing ----------------------------------------------------------------------------- */

struct wr {
	FILE *f;
	int w, h, channels, stride, quality;
	const uint8_t *px;
	uint8_t *row;
};

static void encode_rows(struct jpeg_compress_struct *c, struct wr *o)
{
	jpeg_stdio_dest(c, o->f);
	c->image_width = (JDIMENSION)o->w;
	c->image_height = (JDIMENSION)o->h;
	c->input_components = o->channels == 1 ? 1 : 3;
	c->in_color_space = o->channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_set_defaults(c);
	jpeg_set_quality(c, o->quality, TRUE);
	jpeg_start_compress(c, TRUE);
	while (c->next_scanline < c->image_height) {
		const uint8_t *src = o->px + (size_t)c->next_scanline * (size_t)o->stride;
		JSAMPROW row = o->row;

		for (int x = 0; x < o->w; x++) {
			if (o->channels == 1) {
				o->row[x] = src[x];
				continue;
			}
			memcpy(o->row + 3 * x, src + 4 * x, 3);
		}
		jpeg_write_scanlines(c, &row, 1);
	}
	jpeg_finish_compress(c);
}

static int encode(struct wr *o)
{
	struct jpeg_compress_struct c;
	struct jerr e;

	memset(&c, 0, sizeof(c));
	c.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = on_error;
	e.pub.output_message = on_message;
	if (setjmp(e.jump)) {
		jpeg_destroy_compress(&c);
		return ERR_IO;
	}
	jpeg_create_compress(&c);
	encode_rows(&c, o);
	jpeg_destroy_compress(&c);
	return 0;
}

int jpegio_write(const char *path, int width, int height, int channels, const uint8_t *pixels,
		 int stride, int quality)
{
	struct wr o = { .w = width, .h = height, .channels = channels, .stride = stride,
			.quality = quality, .px = pixels };
	char tmp[PATH_MAX];
	int fd, rc;

	if (!path || !pixels || (channels != 1 && channels != 4) || quality < 1 || quality > 100 ||
	    picture_size_ok(width, height) != 0)
		return ERR_INVAL;
	if (snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path) >= (int)sizeof(tmp))
		return ERR_RANGE;
	fd = mkstemp(tmp);
	if (fd < 0)
		return err_from_errno(errno);
	o.f = fdopen(fd, "wb");
	o.row = malloc((size_t)width * 3);
	rc = o.f && o.row ? encode(&o) : ERR_NOMEM;
	free(o.row);
	if (o.f ? fclose(o.f) != 0 : close(fd) != 0)
		rc = rc ? rc : ERR_IO;
	if (!rc && rename(tmp, path) != 0)
		rc = err_from_errno(errno);
	if (rc)
		unlink(tmp);
	return rc;
}
