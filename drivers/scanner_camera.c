/* scanner_camera: the "camera" driver. A worker thread takes frames from a frame_source (a
 * V4L2 camera, or dir:/path), keeps the newest for the preview, decodes it with
 * scan_opts_frame and posts each code it has not posted in the last SCANNER_REPEAT_MS.
 * A camera that goes away is closed and opened again every RETRY_MS; the kiosk meanwhile
 * goes on without it. Stopping only raises the quit flag, so the UI thread that leaves the
 * scan screen never waits for a frame or a decode: the worker posts nothing once the flag is
 * up, closes the device itself, and is joined by the next start or by close. Start reading
 * at worker. */
#include "drivers/frame_source.h"
#include "drivers/scan_decode.h"
#include "drivers/scanner_internal.h"
#include "firmware/config.h"
#include "firmware/clock.h"
#include "firmware/err.h"
#include "firmware/log.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WAIT_MS 200        /* the worker looks at its stop flag at least this often */
#define RETRY_MS 2000
#define PREVIEW_MAX_W 640
#define RESULTS 4
#define RECENT 4

/* A code posted lately: its kind, length and a hash, not the payload itself. */
struct recent {
	char symbology[16];
	size_t len;
	uint64_t hash;
	int64_t ms;
};

struct camera {
	struct scanner *s;
	struct config_scanner cfg;
	struct frame_source *src;      /* the worker's while it runs */
	pthread_t thread;
	bool running;                  /* a worker exists (perhaps finishing after a stop) */
	pthread_mutex_t mu;            /* quit, the preview, and posting */
	pthread_cond_t cv;
	bool quit;
	uint8_t *prev;                 /* the newest frame, scaled down to <= PREVIEW_MAX_W */
	int pw, ph;
	uint64_t seq;                  /* frames taken since open */
	struct recent recent[RECENT];
	struct scan_result res[RESULTS];
};

static int64_t mono_ms(void)
{
	return clock_mono_ns() / 1000000;
}

static uint64_t fnv1a(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 0x100000001b3ull;
	return h;
}

/* Whether r was posted within SCANNER_REPEAT_MS; if not, remember it now. */
static bool repeated(struct camera *c, const struct scan_result *r, int64_t now)
{
	uint64_t h = fnv1a(r->data, r->len);
	struct recent *oldest = &c->recent[0];

	for (int i = 0; i < RECENT; i++) {
		struct recent *e = &c->recent[i];

		if (e->len == r->len && e->hash == h && strcmp(e->symbology, r->symbology) == 0 &&
		    now - e->ms < SCANNER_REPEAT_MS) {
			e->ms = now; /* still in view: keep it quiet */
			return true;
		}
		if (e->ms < oldest->ms)
			oldest = e;
	}
	snprintf(oldest->symbology, sizeof(oldest->symbology), "%s", r->symbology);
	oldest->len = r->len;
	oldest->hash = h;
	oldest->ms = now;
	return false;
}

/* The frame, box-averaged by a whole factor to at most PREVIEW_MAX_W wide. */
static void keep_preview(struct camera *c, const uint8_t *g, int w, int h)
{
	int f = (w + PREVIEW_MAX_W - 1) / PREVIEW_MAX_W, pw = w / f, ph = h / f;

	pthread_mutex_lock(&c->mu);
	if (!c->prev || c->pw != pw || c->ph != ph) {
		free(c->prev);
		c->prev = malloc((size_t)pw * (size_t)ph);
		c->pw = c->prev ? pw : 0;
		c->ph = c->prev ? ph : 0;
	}
	for (int y = 0; c->prev && y < ph; y++)
		for (int x = 0; x < pw; x++) {
			unsigned sum = 0;

			for (int j = 0; j < f; j++)
				for (int i = 0; i < f; i++)
					sum += g[(size_t)(y * f + j) * (size_t)w + (size_t)(x * f + i)];
			c->prev[(size_t)y * (size_t)pw + (size_t)x] = (uint8_t)(sum / (unsigned)(f * f));
		}
	c->seq++;
	pthread_mutex_unlock(&c->mu);
}

static void decode_frame(struct camera *c, const uint8_t *g, int w, int h, uint64_t seq)
{
	struct scan_opts o;
	int n;

	scan_opts_frame(seq, &o);
	n = scan_decode_gray_opts(&o, g, w, h, w, c->res, RESULTS, NULL);
	for (int i = 0; i < n; i++) {
		if (repeated(c, &c->res[i], mono_ms()))
			continue;
		log_info("scanner: camera read a %s symbol of %zu bytes", c->res[i].symbology,
			 c->res[i].len);
		/* under the lock: once cam_stop has raised quit, nothing more is posted */
		pthread_mutex_lock(&c->mu);
		if (!c->quit)
			scanner_post(c->s, &c->res[i]);
		pthread_mutex_unlock(&c->mu);
	}
}

/* Sleeps up to ms unless asked to quit; true when asked. */
static bool rest(struct camera *c, int ms)
{
	struct timespec ts = clock_mono_deadline(ms);
	bool quit;

	pthread_mutex_lock(&c->mu);
	if (!c->quit)
		pthread_cond_timedwait(&c->cv, &c->mu, &ts);
	quit = c->quit;
	pthread_mutex_unlock(&c->mu);
	return quit;
}

static bool quitting(struct camera *c)
{
	bool q;

	pthread_mutex_lock(&c->mu);
	q = c->quit;
	pthread_mutex_unlock(&c->mu);
	return q;
}

static void *worker(void *arg)
{
	struct camera *c = arg;

	while (!quitting(c)) {
		const uint8_t *g;
		int w, h, rc;

		if (!c->src && frame_source_open(c->cfg.device, c->cfg.width, c->cfg.height,
						 c->cfg.fps, &c->src) != 0) {
			rest(c, RETRY_MS);
			continue;
		}
		rc = frame_source_next(c->src, WAIT_MS, &g, &w, &h);
		if (rc == ERR_TIMEOUT)
			continue;
		if (rc == ERR_CLOSED) {
			log_info("scanner: frames of %s played to the end", c->cfg.device);
			while (!rest(c, WAIT_MS * 5))
				;
			break;
		}
		if (rc != 0) {
			log_error("scanner: camera %s lost (%s); trying again every %d s",
				  c->cfg.device, err_str(rc), RETRY_MS / 1000);
			frame_source_close(c->src);
			c->src = NULL;
			rest(c, RETRY_MS);
			continue;
		}
		keep_preview(c, g, w, h);
		decode_frame(c, g, w, h, c->seq);
	}
	frame_source_close(c->src);   /* the camera rests between scans */
	c->src = NULL;
	return NULL;
}

/* The device is opened here so that a missing camera is known (and logged) at start-up. */
static int cam_open(const struct config_scanner *cfg, struct scanner *s, void **state)
{
	struct camera *c;
	int rc;

	if (!cfg)
		return ERR_INVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return ERR_NOMEM;
	c->s = s;
	c->cfg = *cfg;
	rc = frame_source_open(cfg->device, cfg->width, cfg->height, cfg->fps, &c->src);
	if (rc != 0) {
		free(c);
		return rc;
	}
	if (clock_cond_init(&c->cv) != 0) {
		frame_source_close(c->src);
		free(c);
		return ERR_NOMEM;
	}
	pthread_mutex_init(&c->mu, NULL);
	*state = c;
	return 0;
}

/* Joins a worker that was told to stop (it posts nothing more; at most one frame's work). */
static void join_worker(struct camera *c)
{
	if (!c->running)
		return;
	pthread_mutex_lock(&c->mu);
	c->quit = true;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	c->running = false;
}

/* The previous citizen's receipt is never shown to the next one: the preview starts empty. */
static int cam_start(void *state)
{
	struct camera *c = state;

	join_worker(c);
	pthread_mutex_lock(&c->mu);
	c->quit = false;
	free(c->prev);
	c->prev = NULL;
	c->pw = c->ph = 0;
	pthread_mutex_unlock(&c->mu);
	if (pthread_create(&c->thread, NULL, worker, c) != 0)
		return ERR_NOMEM;
	c->running = true;
	return 0;
}

/* Raises the quit flag and returns: the worker finishes its frame, posting nothing. */
static void cam_stop(void *state)
{
	struct camera *c = state;

	pthread_mutex_lock(&c->mu);
	c->quit = true;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

/* Nearest-neighbour copy of the preview, shrunk to fit (never enlarged). */
static int cam_preview(void *state, uint8_t *gray, int max_w, int max_h, int *w, int *h,
		       uint64_t *frame_seq)
{
	struct camera *c = state;
	int rc = ERR_NOTFOUND;

	pthread_mutex_lock(&c->mu);
	if (c->prev && c->seq > 0) {
		double k = 1.0;

		if (c->pw > max_w || c->ph > max_h)
			k = (double)max_w / c->pw < (double)max_h / c->ph ? (double)max_w / c->pw
									    : (double)max_h / c->ph;
		*w = (int)(c->pw * k) > 0 ? (int)(c->pw * k) : 1;
		*h = (int)(c->ph * k) > 0 ? (int)(c->ph * k) : 1;
		for (int y = 0; y < *h; y++)
			for (int x = 0; x < *w; x++)
				gray[(size_t)y * (size_t)*w + (size_t)x] =
					c->prev[(size_t)(y * c->ph / *h) * (size_t)c->pw +
						(size_t)(x * c->pw / *w)];
		*frame_seq = c->seq;
		rc = 0;
	}
	pthread_mutex_unlock(&c->mu);
	return rc;
}

static void cam_close(void *state)
{
	struct camera *c = state;

	if (!c)
		return;
	join_worker(c);
	frame_source_close(c->src);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	free(c->prev);
	free(c);
}

const struct scanner_ops scanner_camera_ops = {
	.name = "camera",
	.open = cam_open,
	.start = cam_start,
	.stop = cam_stop,
	.preview = cam_preview,
	.close = cam_close,
};
