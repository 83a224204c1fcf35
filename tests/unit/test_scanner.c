/* scanner: the drivers by name, a missing camera, the camera's decode worker on real
 * pictures played from a directory (real ZBar), the file worker, and the preview. */
#include "../t.h"
#include "../../drivers/scanner.h"
#include "../../drivers/scanner_wedge.h"
#include "../../firmware/config.h"
#include "../../firmware/err.h"
#include "../../firmware/pngio.h"

#include <pthread.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#define CODE_A "https://dichvucong.example.gov.vn/tra-cuu?MHS=000.00.01.H29-240115-0001"
#define CODE_B "H15.50.05.13-261008-0975"

struct got {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int n;
	char data[8][128];
};

static void on_scan(void *ctx, const struct scan_result *r)
{
	struct got *g = ctx;

	pthread_mutex_lock(&g->mu);
	if (g->n < 8)
		snprintf(g->data[g->n], sizeof(g->data[0]), "%.15s:%.100s", r->symbology, r->data);
	g->n++;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
}

/* Waits up to ms for at least n results; returns how many there are. */
static int wait_for(struct got *g, int n, int ms)
{
	struct timespec ts;
	int have;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000 + 1;
	pthread_mutex_lock(&g->mu);
	while (g->n < n && pthread_cond_timedwait(&g->cv, &g->mu, &ts) == 0)
		;
	have = g->n;
	pthread_mutex_unlock(&g->mu);
	return have;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* A 320x240 frame with text as a QR code (NULL: blank) at x0, written to path. */
static int write_frame(const char *path, const char *text, int x0)
{
	uint8_t *g = malloc(320 * 240);
	QRcode *q = text ? QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) : NULL;
	int rc;

	if (!g)
		return ERR_NOMEM;
	for (unsigned i = 0; i < 320 * 240; i++)   /* paper with a little sensor noise */
		g[i] = (uint8_t)(200 + ((i * 2654435761u) >> 29));
	for (int y = 0; q && y < q->width * 4; y++)
		for (int x = 0; x < q->width * 4; x++)
			if (q->data[(y / 4) * q->width + x / 4] & 1)
				g[(size_t)(40 + y) * 320 + (size_t)(x0 + x)] = 20;
	rc = pngio_write(path, 320, 240, 1, g, 320);
	if (q)
		QRcode_free(q);
	free(g);
	return rc;
}

static void camera_cfg(struct config_scanner *c, const char *device)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->driver, sizeof(c->driver), "camera");
	snprintf(c->device, sizeof(c->device), "%.250s", device);
	c->width = 640;
	c->height = 480;
	c->fps = 30;
}

T_TEST(scanner_drivers_by_name)
{
	struct config_scanner c = { .driver = "wedge" };
	struct scanner *s = NULL;
	uint8_t px[16];
	uint64_t seq;
	int w, h;

	T_OK(scanner_open(&c, NULL, NULL, &s));
	T_STREQ(scanner_name(s), "wedge");
	T_CHECK(scanner_uses_wedge(s));
	T_OK(scanner_start(s));
	T_EQ(scanner_preview(s, px, 4, 4, &w, &h, &seq), ERR_NOTFOUND);
	scanner_stop(s);
	scanner_close(s);
	snprintf(c.driver, sizeof(c.driver), "none");
	T_OK(scanner_open(&c, NULL, NULL, &s));
	T_CHECK(!scanner_uses_wedge(s));
	scanner_close(s);
	snprintf(c.driver, sizeof(c.driver), "laser");
	T_EQ(scanner_open(&c, NULL, NULL, &s), ERR_CONFIG);
	T_CHECK(s == NULL);
	scanner_close(NULL);
}

/* No camera: a clear error, no scanner, nothing else breaks. */
T_TEST(scanner_camera_missing)
{
	struct config_scanner c;
	struct scanner *s = (struct scanner *)&c;
	char path[512];

	camera_cfg(&c, "/dev/video-kiosk-test-none");
	T_EQ(scanner_open(&c, NULL, NULL, &s), ERR_NOTFOUND);
	T_CHECK(s == NULL);
	camera_cfg(&c, "/dev/null");                 /* a device, not a camera */
	T_EQ(scanner_open(&c, NULL, NULL, &s), ERR_IO);
	snprintf(path, sizeof(path), "dir:%s/none", t_tmpdir());
	camera_cfg(&c, path);
	T_EQ(scanner_open(&c, NULL, NULL, &s), ERR_NOTFOUND);
	snprintf(path, sizeof(path), "dir:%s", t_tmpdir()); /* no pictures in it */
	camera_cfg(&c, path);
	T_EQ(scanner_open(&c, NULL, NULL, &s), ERR_NOTFOUND);
}

/* Frames A A (moved) A, blank, B played at 30 fps: A once, B once, in order; the preview
 * holds the last frame. */
T_TEST(scanner_camera_dir_frames)
{
	static struct got g = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, { "" } };
	struct config_scanner c;
	struct scanner *s = NULL;
	char dir[512], path[600];
	uint8_t *px = malloc(320 * 240);
	uint64_t seq = 0;
	int w = 0, h = 0;

	T_CHECK(px != NULL);
	snprintf(dir, sizeof(dir), "%s/frames", t_tmpdir());
	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/f1.png", dir);
	T_OK(write_frame(path, CODE_A, 40));
	snprintf(path, sizeof(path), "%s/f2.png", dir);
	T_OK(write_frame(path, CODE_A, 60));
	snprintf(path, sizeof(path), "%s/f3.png", dir);
	T_OK(write_frame(path, CODE_A, 80));
	snprintf(path, sizeof(path), "%s/f4.png", dir);
	T_OK(write_frame(path, NULL, 0));
	snprintf(path, sizeof(path), "%s/f5.png", dir);
	T_OK(write_frame(path, CODE_B, 100));
	snprintf(path, sizeof(path), "%s/notes.txt", dir);    /* not a picture: not a frame */
	fclose(fopen(path, "w"));
	snprintf(path, sizeof(path), "dir:%s", dir);
	camera_cfg(&c, path);
	T_OK(scanner_open(&c, on_scan, &g, &s));
	T_EQ(scanner_preview(s, px, 320, 240, &w, &h, &seq), ERR_NOTFOUND);
	T_OK(scanner_start(s));
	T_EQ(wait_for(&g, 2, 10000), 2);
	sleep_ms(300);                                /* every frame played: nothing more */
	scanner_stop(s);
	pthread_mutex_lock(&g.mu);
	T_EQ(g.n, 2);
	T_STREQ(g.data[0], "QR-Code:" CODE_A);
	T_STREQ(g.data[1], "QR-Code:" CODE_B);
	pthread_mutex_unlock(&g.mu);
	T_OK(scanner_preview(s, px, 160, 160, &w, &h, &seq));
	T_EQ(seq, 5);
	T_EQ(w, 160);
	T_EQ(h, 120);
	T_OK(scanner_preview(s, px, 1000, 1000, &w, &h, &seq)); /* never enlarged */
	T_EQ(w, 320);
	scanner_close(s);
	free(px);
}

/* Stop returns at once and nothing is posted after it; a new start shows nothing of the last
 * one (the previous citizen's receipt): here the frames are gone, so the preview stays empty. */
T_TEST(scanner_camera_restart_starts_blank)
{
	static struct got g = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, { "" } };
	struct config_scanner c;
	struct scanner *s = NULL;
	char dir[512], path[600];
	uint8_t *px = malloc(320 * 240);
	uint64_t seq = 0;
	int w = 0, h = 0, rc = ERR_NOTFOUND;

	T_CHECK(px != NULL);
	snprintf(dir, sizeof(dir), "%s/once", t_tmpdir());
	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/f1.png", dir);
	T_OK(write_frame(path, CODE_A, 40));
	snprintf(path, sizeof(path), "dir:%s", dir);
	camera_cfg(&c, path);
	T_OK(scanner_open(&c, on_scan, &g, &s));
	T_OK(scanner_start(s));
	T_EQ(wait_for(&g, 1, 10000), 1);
	for (int i = 0; i < 200 && rc != 0; i++) {
		rc = scanner_preview(s, px, 320, 240, &w, &h, &seq);
		sleep_ms(5);
	}
	T_OK(rc);
	scanner_stop(s);
	snprintf(path, sizeof(path), "%s/f1.png", dir);
	T_OK(remove(path));
	T_OK(remove(dir));
	T_OK(scanner_start(s));
	T_EQ(scanner_preview(s, px, 320, 240, &w, &h, &seq), ERR_NOTFOUND);
	sleep_ms(100);
	T_EQ(scanner_preview(s, px, 320, 240, &w, &h, &seq), ERR_NOTFOUND);
	scanner_stop(s);
	scanner_stop(s);                              /* twice is nothing */
	scanner_close(s);
	T_EQ(g.n, 1);
	free(px);
}

/* The file worker: a picture decoded off the caller's thread, one empty result for a picture
 * with nothing to read; a missing file refused at once; busy until the results are posted;
 * stopping with work queued is clean. */
T_TEST(scanner_submit_file)
{
	static struct got g = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, { "" } };
	struct config_scanner c = { .driver = "image" };
	struct scanner *s = NULL;
	char path[512], junk[512];

	snprintf(path, sizeof(path), "%s/receipt.png", t_tmpdir());
	T_OK(write_frame(path, CODE_B, 50));
	snprintf(junk, sizeof(junk), "%s/junk.png", t_tmpdir());
	T_OK(pngio_write(junk, 1, 1, 1, (const uint8_t *)"x", 1));
	T_OK(scanner_open(&c, on_scan, &g, &s));
	T_EQ(scanner_submit_file(s, "/nonexistent/receipt.png"), ERR_NOTFOUND);
	T_CHECK(!scanner_files_busy(s));
	T_OK(scanner_submit_file(s, junk));
	T_OK(scanner_submit_file(s, path));
	T_EQ(wait_for(&g, 2, 10000), 2);
	for (int i = 0; i < 1000 && scanner_files_busy(s); i++)
		sleep_ms(5);
	T_CHECK(!scanner_files_busy(s));
	pthread_mutex_lock(&g.mu);
	T_EQ(g.n, 2);
	T_STREQ(g.data[0], "NONE:");
	T_STREQ(g.data[1], "QR-Code:" CODE_B);
	pthread_mutex_unlock(&g.mu);
	for (int i = 0; i < 4; i++)
		scanner_submit_file(s, path);
	scanner_close(s);
}

T_TEST(scanner_wedge_config_from_keys)
{
	struct config_scanner c = { .wedge_max_gap_ms = 50, .wedge_min_len = 10,
				    .wedge_end_ms = 200 };
	struct wedge_config w;

	wedge_config_from(&c, &w);
	T_EQ(w.max_gap_ms, 50);
	T_EQ(w.min_len, 10);
	T_EQ(w.end_ms, 200);
	T_EQ(w.noend_len, 10);
	c.wedge_min_len = 4;
	wedge_config_from(&c, &w);
	T_EQ(w.noend_len, 8);
}
