/* frame_source: grey frames for the camera driver, from a V4L2 device or from the pictures
 * of a directory. The directory plays the same role in tests and demos that the camera does
 * on a kiosk, so the camera's decode worker runs unchanged on real pictures without one. */
#ifndef KIOSK_FRAME_SOURCE_H
#define KIOSK_FRAME_SOURCE_H

#include <stdint.h>

struct frame_source;

/* device: "/dev/videoN" (V4L2: memory-mapped streaming, GREY, YUYV or MJPEG decoded with
 * libjpeg-turbo, the size and rate asked for or the nearest the device offers, within the
 * picture limit of firmware/picture.h), or "dir:/path" (the .png, .jpg, .pgm and .ppm files
 * of /path in name order, one every 1/fps s, once). ERR_NOTFOUND (no such device or
 * directory, or no pictures in it), ERR_PERM, ERR_IO (not a V4L2 capture device), each with
 * a log line. Close with frame_source_close. */
int frame_source_open(const char *device, int width, int height, int fps,
		      struct frame_source **out);

/* Waits at most timeout_ms for the next frame: 0 with *gray (rows *w bytes apart, borrowed
 * until the next call), ERR_TIMEOUT, ERR_CLOSED (a directory played to its end), ERR_IO (the
 * device went away: close and open again). */
int frame_source_next(struct frame_source *fs, int timeout_ms, const uint8_t **gray, int *w,
		      int *h);

/* NULL is a no-op. */
void frame_source_close(struct frame_source *fs);

/* What a device offers for one pixel format at the size asked (VIDIOC_TRY_FMT). */
struct frame_offer {
	uint32_t fourcc;
	int w, h;
};

/* Which of n offers (in order of preference: GREY, YUYV, MJPEG) to take for w x h: the first
 * of exactly that size, else the nearest in area (a smaller picture counting double), never
 * one under 16 px or over the picture limit. -1 when none will do. */
int frame_source_pick(const struct frame_offer *offers, int n, int w, int h);

#endif
