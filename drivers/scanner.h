/* scanner: where dossier and ticket codes come from (a keyboard-wedge USB scanner, a camera
 * with ZBar, or an image file), behind one vtable. Results reach the UI thread as
 * struct scan_result through a callback (any thread).
 *
 * Drivers ([scanner] driver):
 *   none    no scanner: codes are typed on the screen.
 *   wedge   a USB scanner that types like a keyboard: no worker; the UI feeds its keys to the
 *           classifier in scanner_wedge.h (scanner_uses_wedge).
 *   camera  V4L2 capture (device, width, height, fps; YUYV or GREY) on a worker thread that
 *           decodes every frame (scan_decode.h) and reports each code once per 2 s, and keeps
 *           the latest frame for a live preview. device = dir:/path plays the pictures of a
 *           directory as frames instead (tests, demos). Runs only between start and stop:
 *           the UI starts it on the scan screen.
 *   image   no live source: only pictures given with scanner_submit_file.
 * Every driver takes scanner_submit_file (pictures dropped on a development window): a worker
 * thread of its own decodes them, so the UI never waits on a decode. A picture in which
 * nothing can be read (or a file that is not a picture) gives one empty result (len 0,
 * symbology "NONE"), so that the UI can say so.
 * Start reading at scanner_open (scanner.c); the camera is in scanner_camera.c. */
#ifndef KIOSK_SCANNER_H
#define KIOSK_SCANNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scan_result.h"

typedef void (*scanner_cb)(void *ctx, const struct scan_result *r);

struct config_scanner;
struct scanner;

/* A driver. Every operation but open may be NULL (nothing to do / not supported). */
struct scanner_ops {
	const char *name;
	/* Checks and opens the source (the camera device...): ERR_NOTFOUND, ERR_PERM, ERR_IO
	 * with a log line saying what and where. Results go to scanner_post(s, ...). */
	int (*open)(const struct config_scanner *cfg, struct scanner *s, void **state);
	int (*start)(void *state);   /* begin capturing and decoding */
	void (*stop)(void *state);   /* end it without waiting; no result is posted once it
	                                returns (a worker still finishing a frame is joined by
	                                the next start, or by close) */
	int (*preview)(void *state, uint8_t *gray, int max_w, int max_h, int *w, int *h,
		       uint64_t *frame_seq);
	void (*close)(void *state);
};

/* The driver named by cfg->driver. On error *out is NULL, the error is logged, and the
 * kiosk carries on without that scanner (ERR_CONFIG for an unknown name). cb is called from
 * worker threads, with r valid only during the call. Close with scanner_close. */
int scanner_open(const struct config_scanner *cfg, scanner_cb cb, void *ctx,
		 struct scanner **out);
/* The same with a driver of the caller's (tests). */
int scanner_open_ops(const struct scanner_ops *ops, const struct config_scanner *cfg,
		     scanner_cb cb, void *ctx, struct scanner **out);
/* Stops, joins every worker, frees. NULL is a no-op. */
void scanner_close(struct scanner *s);

/* Start capturing (the camera; nothing for the other drivers). A new start never shows the
 * frames of the previous one: the preview is empty until a new frame comes. Stop returns at
 * once (the UI thread calls it when the scan screen is left). */
int scanner_start(struct scanner *s);
void scanner_stop(struct scanner *s);

/* True when the driver has a live picture to preview (the camera). */
bool scanner_has_preview(const struct scanner *s);
/* Copies the latest camera frame, grey, scaled down to fit max_w x max_h (aspect kept), into
 * gray (rows *w bytes apart). *frame_seq counts frames since open: the same value means the
 * same picture. ERR_NOTFOUND when there is no frame (yet, or no camera). */
int scanner_preview(struct scanner *s, uint8_t *gray, int max_w, int max_h, int *w, int *h,
		    uint64_t *frame_seq);

/* Decodes a picture file (PNG, PGM, PPM) on the file worker; each symbol found goes to the
 * callback. Returns at once: 0 queued, ERR_NOTFOUND no such file, ERR_BUSY too many queued. */
int scanner_submit_file(struct scanner *s, const char *path);
/* True while submitted pictures are queued or being decoded (their results not all posted
 * yet). Scripted runs wait on it. NULL: false. */
bool scanner_files_busy(struct scanner *s);

const char *scanner_name(const struct scanner *s);
/* "wedge": the UI classifies keyboard input itself (scanner_wedge.h). */
bool scanner_uses_wedge(const struct scanner *s);

/* For drivers: hands a result to the callback (any thread). */
void scanner_post(struct scanner *s, const struct scan_result *r);

#endif
