/* scanner: the wrappers every caller goes through, the table of drivers by name, the
 * drivers that have no source of their own (none, wedge, image), and the file worker that
 * decodes pictures handed to scanner_submit_file for every driver. */
#include "scanner.h"

#include "drivers/scan_decode.h"
#include "drivers/scanner_internal.h"
#include "firmware/config.h"
#include "firmware/err.h"
#include "firmware/log.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FILE_QUEUE 8
#define FILE_RESULTS 4

/* The file worker: started by the first scanner_submit_file, joined by scanner_close. */
struct file_worker {
	pthread_t thread;
	bool running, quit;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *paths[FILE_QUEUE];  /* owned */
	int head, count;
	bool decoding;            /* a picture taken from the queue, its results not all posted */
};

struct scanner {
	const struct scanner_ops *ops;
	void *state;
	scanner_cb cb;
	void *ctx;
	bool started;
	struct file_worker files;
};

static const struct scanner_ops none_ops = { .name = "none" };
static const struct scanner_ops wedge_ops = { .name = "wedge" };
static const struct scanner_ops image_ops = { .name = "image" };

static const struct scanner_ops *const drivers[] = {
	&none_ops, &wedge_ops, &image_ops, &scanner_camera_ops,
};

int scanner_open(const struct config_scanner *cfg, scanner_cb cb, void *ctx,
		 struct scanner **out)
{
	const char *name = cfg && cfg->driver[0] ? cfg->driver : "none";

	*out = NULL;
	for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++)
		if (strcmp(drivers[i]->name, name) == 0)
			return scanner_open_ops(drivers[i], cfg, cb, ctx, out);
	log_error("scanner: unknown driver \"%s\"", name);
	return ERR_CONFIG;
}

int scanner_open_ops(const struct scanner_ops *ops, const struct config_scanner *cfg,
		     scanner_cb cb, void *ctx, struct scanner **out)
{
	struct scanner *s;
	int rc;

	*out = NULL;
	if (!ops)
		return ERR_INVAL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return ERR_NOMEM;
	s->ops = ops;
	s->cb = cb;
	s->ctx = ctx;
	pthread_mutex_init(&s->files.mu, NULL);
	pthread_cond_init(&s->files.cv, NULL);
	rc = ops->open ? ops->open(cfg, s, &s->state) : 0;
	if (rc != 0) {
		log_error("scanner: %s driver unavailable: %s; the kiosk goes on without it",
			  ops->name, err_str(rc));
		pthread_mutex_destroy(&s->files.mu);
		pthread_cond_destroy(&s->files.cv);
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

static void stop_files(struct file_worker *f)
{
	pthread_mutex_lock(&f->mu);
	f->quit = true;
	pthread_cond_signal(&f->cv);
	pthread_mutex_unlock(&f->mu);
	if (f->running)
		pthread_join(f->thread, NULL);
	f->running = false;
	for (int i = 0; i < f->count; i++)
		free(f->paths[(f->head + i) % FILE_QUEUE]);
	f->count = 0;
}

void scanner_close(struct scanner *s)
{
	if (!s)
		return;
	scanner_stop(s);
	stop_files(&s->files);
	if (s->ops->close)
		s->ops->close(s->state);
	pthread_mutex_destroy(&s->files.mu);
	pthread_cond_destroy(&s->files.cv);
	free(s);
}

int scanner_start(struct scanner *s)
{
	int rc;

	if (!s)
		return ERR_INVAL;
	if (s->started)
		return 0;
	rc = s->ops->start ? s->ops->start(s->state) : 0;
	s->started = rc == 0;
	if (rc)
		log_error("scanner: %s cannot start: %s", s->ops->name, err_str(rc));
	return rc;
}

void scanner_stop(struct scanner *s)
{
	if (!s || !s->started)
		return;
	if (s->ops->stop)
		s->ops->stop(s->state);
	s->started = false;
}

int scanner_preview(struct scanner *s, uint8_t *gray, int max_w, int max_h, int *w, int *h,
		    uint64_t *frame_seq)
{
	if (!s || !gray || max_w < 1 || max_h < 1 || !w || !h || !frame_seq)
		return ERR_INVAL;
	if (!s->ops->preview)
		return ERR_NOTFOUND;
	return s->ops->preview(s->state, gray, max_w, max_h, w, h, frame_seq);
}

bool scanner_files_busy(struct scanner *s)
{
	bool busy;

	if (!s)
		return false;
	pthread_mutex_lock(&s->files.mu);
	busy = s->files.count > 0 || s->files.decoding;
	pthread_mutex_unlock(&s->files.mu);
	return busy;
}

bool scanner_has_preview(const struct scanner *s)
{
	return s && s->ops->preview;
}

const char *scanner_name(const struct scanner *s)
{
	return s ? s->ops->name : "none";
}

bool scanner_uses_wedge(const struct scanner *s)
{
	return s && s->ops == &wedge_ops;
}

void scanner_post(struct scanner *s, const struct scan_result *r)
{
	if (s->cb)
		s->cb(s->ctx, r);
}

/* One picture: every symbol in it to the callback, or one empty result when there is none
 * (the person who gave it is told that nothing could be read). Only sizes and kinds are
 * logged. */
static void decode_file(struct scanner *s, const char *path)
{
	struct scan_result *res = calloc(FILE_RESULTS, sizeof(*res));
	struct scan_stats st;
	int n = res ? scan_decode_file(path, res, FILE_RESULTS, &st) : ERR_NOMEM;

	if (n < 0)
		log_warn("scanner: %s is not a picture the scanner reads: %s", path, err_str(n));
	else
		log_info("scanner: %d symbol(s) in %s (%.1f ms, pass %s)", n, path, st.ms,
			 scan_pass_name(st.found_by));
	for (int i = 0; i < n; i++)
		scanner_post(s, &res[i]);
	if (n <= 0 && res) {
		memset(&res[0], 0, sizeof(res[0]));
		snprintf(res[0].symbology, sizeof(res[0].symbology), "NONE");
		scanner_post(s, &res[0]);
	}
	free(res);
}

static void *file_main(void *arg)
{
	struct scanner *s = arg;
	struct file_worker *f = &s->files;

	pthread_mutex_lock(&f->mu);
	while (!f->quit) {
		char *path;

		if (f->count == 0) {
			pthread_cond_wait(&f->cv, &f->mu);
			continue;
		}
		path = f->paths[f->head];
		f->head = (f->head + 1) % FILE_QUEUE;
		f->count--;
		f->decoding = true;
		pthread_mutex_unlock(&f->mu);
		decode_file(s, path);
		free(path);
		pthread_mutex_lock(&f->mu);
		f->decoding = false;
	}
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

int scanner_submit_file(struct scanner *s, const char *path)
{
	struct file_worker *f;
	struct stat sb;
	char *copy;
	int rc = 0;

	if (!s || !path)
		return ERR_INVAL;
	if (stat(path, &sb) != 0)
		return err_from_errno(errno);
	copy = strdup(path);
	if (!copy)
		return ERR_NOMEM;
	f = &s->files;
	pthread_mutex_lock(&f->mu);
	if (!f->running && pthread_create(&f->thread, NULL, file_main, s) == 0)
		f->running = true;
	if (!f->running)
		rc = ERR_NOMEM;
	else if (f->count == FILE_QUEUE)
		rc = ERR_BUSY;
	else
		f->paths[(f->head + f->count++) % FILE_QUEUE] = copy;
	pthread_cond_signal(&f->cv);
	pthread_mutex_unlock(&f->mu);
	if (rc)
		free(copy);
	return rc;
}
