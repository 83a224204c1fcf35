/* jpegio: JPEG through libjpeg-turbo (the only module that includes jpeglib.h): a phone's
 * picture of a receipt, a camera's MJPEG frame (many USB cameras give only MJPEG at useful
 * sizes), and the test pictures receiptgen writes. Reads decode straight to 8-bit grey, which
 * is all the scanner uses; the header's dimensions are judged by picture_size_ok before
 * anything is allocated. MJPEG frames often carry no Huffman tables (DHT): the standard
 * ones are used then, as the format says. */
#ifndef KIOSK_JPEGIO_H
#define KIOSK_JPEGIO_H

#include <stddef.h>
#include <stdint.h>

/* True when data starts like a JPEG (FF D8 FF). */
int jpegio_is_jpeg(const uint8_t *data, size_t len);
/* The picture in data[0..len) as grey; *gray is malloc'ed (rows *w bytes apart), caller frees.
 * ERR_RANGE over the picture limit, ERR_CORRUPT for what is not a whole JPEG, ERR_NOMEM. */
int jpegio_read_gray(const uint8_t *data, size_t len, uint8_t **gray, int *w, int *h);
/* A frame of a known size into out (w * h bytes): ERR_CORRUPT when data is not a JPEG of
 * exactly w x h (a frame of another size is not this stream's). */
int jpegio_decode_frame(const uint8_t *data, size_t len, int w, int h, uint8_t *out);
/* The file at path, as jpegio_read_gray; ERR_NOTFOUND/ERR_PERM/ERR_IO when it cannot be read,
 * ERR_RANGE also for a file over 64 MB. */
int jpegio_read_gray_file(const char *path, uint8_t **gray, int *w, int *h);
/* Writes grey (channels 1) or RGBA (4, alpha dropped) pixels as a baseline JPEG of quality
 * 1..100, atomically (temp + rename). */
int jpegio_write(const char *path, int width, int height, int channels, const uint8_t *pixels,
		 int stride, int quality);

#endif
