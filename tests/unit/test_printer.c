/* printer: the driver table, job names, and the virtual, simulated and file drivers. */
#include "../t.h"
#include "../../drivers/printer.h"
#include "../../firmware/err.h"
#include "../../firmware/pngio.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static struct config_printer cfg_of(const char *driver, const char *simulate, const char *device)
{
	struct config_printer c;

	memset(&c, 0, sizeof(c));
	snprintf(c.driver, sizeof(c.driver), "%s", driver);
	snprintf(c.simulate, sizeof(c.simulate), "%s", simulate);
	snprintf(c.device, sizeof(c.device), "%s", device);
	c.paper_width_dots = 576;
	c.band_height = 24;
	return c;
}

static struct raster *stripes(int w, int h)
{
	struct raster *r = raster_new(w, h);

	for (int y = 0; r && y < h; y++)
		for (int x = 0; x < w; x++)
			raster_set(r, x, y, (x / 4 + y / 4) % 2);
	return r;
}

/* Whole file into a malloc'ed buffer; NULL if missing. */
static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = malloc(1 << 20);

	*len = 0;
	if (!f || !buf) {
		if (f)
			fclose(f);
		free(buf);
		return NULL;
	}
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

static bool contains(const uint8_t *hay, size_t n, const void *needle, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return true;
	return false;
}

static bool exists(const char *dir, const char *name)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

T_TEST(printer_virtual_writes_bin_and_png)
{
	struct config_printer c = cfg_of("virtual", "", "");
	struct raster *r = stripes(64, 40);
	struct printer *p = NULL;
	struct printer_status st;
	char dir[512], path[600];
	uint8_t *bin, *px = NULL;
	size_t len;
	int w, h;

	snprintf(dir, sizeof(dir), "%s/var/prints", t_tmpdir()); /* parents missing too */
	T_OK(printer_open(&c, dir, &p));
	T_STREQ(printer_name(p), "virtual");
	T_OK(printer_status(p, &st));
	T_EQ(st.state, PRINTER_READY);
	T_OK(printer_print(p, "A-001", r));
	snprintf(path, sizeof(path), "%s/A-001.bin", dir);
	bin = slurp(path, &len);
	T_CHECK(bin != NULL);
	T_CHECK(len > 8 * 40);
	T_EQ(bin[0], 0x1b);
	T_EQ(bin[1], 0x40);
	T_CHECK(contains(bin, len, "\x1d\x76\x30\x00\x08\x00\x18\x00", 8));
	free(bin);
	snprintf(path, sizeof(path), "%s/A-001.png", dir);
	T_OK(pngio_read_rgba(path, &w, &h, &px));
	T_EQ(w, 64);
	T_EQ(h, 40);
	T_EQ(px[0], raster_get(r, 0, 0) ? 0 : 255);
	free(px);
	printer_close(p);
	raster_free(r);
}

T_TEST(printer_virtual_unwritable_dir_fails_cleanly)
{
	struct config_printer c = cfg_of("virtual", "", "");
	struct raster *r = stripes(16, 8);
	struct printer *p = NULL;
	struct printer_status st;
	char file[512], dir[600];
	FILE *f;
	int rc;

	snprintf(file, sizeof(file), "%s/plainfile", t_tmpdir());
	f = fopen(file, "w");
	T_CHECK(f != NULL);
	fclose(f);
	snprintf(dir, sizeof(dir), "%s/prints", file);
	T_OK(printer_open(&c, dir, &p));
	T_OK(printer_status(p, &st));
	T_EQ(st.state, PRINTER_OFFLINE);
	rc = printer_print(p, "A-002", r);
	T_CHECK(rc == ERR_IO || rc == ERR_PERM);
	printer_close(p);
	raster_free(r);
}

T_TEST(printer_sim_paper_out_sends_nothing)
{
	struct config_printer c = cfg_of("simulated", "paper-out", "");
	struct raster *r = stripes(16, 8);
	struct printer *p = NULL;
	struct printer_status st;

	T_OK(printer_open(&c, t_tmpdir(), &p));
	T_STREQ(printer_name(p), "simulated");
	T_OK(printer_status(p, &st));
	T_EQ(st.state, PRINTER_PAPER_OUT);
	T_STREQ(printer_state_name(st.state), "paper-out");
	T_EQ(printer_print(p, "A-003", r), ERR_PAPER);
	T_CHECK(!exists(t_tmpdir(), "A-003.bin"));
	printer_close(p);
	raster_free(r);
}

T_TEST(printer_sim_modes)
{
	static const struct { const char *mode; enum printer_state state; int rc; } cases[] = {
		{ "ok", PRINTER_READY, 0 },
		{ "near-end", PRINTER_PAPER_NEAR_END, 0 },
		{ "offline", PRINTER_OFFLINE, ERR_PRINTER },
		{ "fail-send", PRINTER_READY, ERR_PRINTER },
	};
	struct raster *r = stripes(16, 8);

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config_printer c = cfg_of("simulated", cases[i].mode, "");
		struct printer *p = NULL;
		struct printer_status st;
		char job[32];

		snprintf(job, sizeof(job), "job-%zu", i);
		T_OK(printer_open(&c, t_tmpdir(), &p));
		T_OK(printer_status(p, &st));
		T_EQ(st.state, cases[i].state);
		T_EQ(printer_print(p, job, r), cases[i].rc);
		strcat(job, ".bin");
		T_EQ(exists(t_tmpdir(), job), cases[i].rc == 0);
		printer_close(p);
	}
	struct config_printer bad = cfg_of("simulated", "on-fire", "");
	struct printer *p = (struct printer *)&bad;
	T_EQ(printer_open(&bad, t_tmpdir(), &p), ERR_CONFIG);
	T_CHECK(p == NULL);
	raster_free(r);
}

T_TEST(printer_unknown_driver_is_config_error)
{
	struct config_printer c = cfg_of("laser-9000", "", "");
	struct printer *p = (struct printer *)&c;

	T_EQ(printer_open(&c, t_tmpdir(), &p), ERR_CONFIG);
	T_CHECK(p == NULL);
	printer_close(NULL);
}

T_TEST(printer_rejects_unsafe_job_names)
{
	static const char *const bad[] = { "", ".hidden", "../etc", "a/b", "..", "x\ny" };
	struct config_printer c = cfg_of("virtual", "", "");
	struct raster *r = stripes(16, 8);
	struct printer *p = NULL;
	char dir[512];

	snprintf(dir, sizeof(dir), "%s/out", t_tmpdir());
	T_OK(printer_open(&c, dir, &p));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		T_EQ(printer_print(p, bad[i], r), ERR_INVAL);
	T_EQ(printer_print(p, NULL, r), ERR_INVAL);
	T_EQ(printer_print(p, "ok-name", NULL), ERR_INVAL);
	T_CHECK(!exists(t_tmpdir(), "etc.bin"));
	T_OK(printer_print(p, "HN01-20261123-A042", r));
	T_CHECK(exists(dir, "HN01-20261123-A042.bin"));
	printer_close(p);
	raster_free(r);
}

T_TEST(printer_file_appends_and_reports_unknown)
{
	char dev[512];
	struct config_printer c;
	struct raster *r = stripes(32, 30);
	struct printer *p = NULL;
	struct printer_status st;
	uint8_t *bin;
	size_t len;

	snprintf(dev, sizeof(dev), "%s/capture.bin", t_tmpdir());
	c = cfg_of("file", "", dev);
	T_OK(printer_open(&c, NULL, &p));
	T_OK(printer_status(p, &st));
	T_EQ(st.state, PRINTER_UNKNOWN);
	T_OK(printer_print(p, "A-1", r));
	T_OK(printer_print(p, "A-2", r));
	bin = slurp(dev, &len);
	T_CHECK(bin != NULL);
	/* two identical jobs, one after the other */
	T_EQ(len % 2, 0);
	T_CHECK(memcmp(bin, bin + len / 2, len / 2) == 0);
	T_EQ(bin[len / 2], 0x1b);
	T_EQ(bin[len / 2 + 1], 0x40);
	free(bin);
	printer_close(p);
	raster_free(r);
}

T_TEST(printer_file_never_creates_device_nodes)
{
	struct config_printer c = cfg_of("file", "", "/dev/kiosk-test-no-such-printer");
	struct config_printer empty = cfg_of("file", "", "");
	struct raster *r = stripes(16, 8);
	struct printer *p = NULL;

	T_EQ(printer_open(&empty, NULL, &p), ERR_CONFIG);
	T_OK(printer_open(&c, NULL, &p));
	T_EQ(printer_print(p, "A-1", r), ERR_PRINTER);
	T_CHECK(access(c.device, F_OK) != 0);
	printer_close(p);
	raster_free(r);
}

struct slow_reader {
	int fd;
	size_t got;
};

/* Reads in small sips so the writer meets a full pipe (EAGAIN) and partial writes. */
static void *sip(void *arg)
{
	struct slow_reader *s = arg;
	char buf[4096];
	ssize_t n;

	while ((n = read(s->fd, buf, sizeof(buf))) > 0) {
		s->got += (size_t)n;
		usleep(2000);
	}
	return NULL;
}

T_TEST(printer_file_handles_full_pipe)
{
	char fifo[512];
	struct config_printer c;
	struct raster *r = stripes(576, 1200); /* ~86 KB: more than a pipe holds */
	struct printer *p = NULL;
	struct slow_reader s = { -1, 0 };
	pthread_t th;
	int hold;

	snprintf(fifo, sizeof(fifo), "%s/lp0", t_tmpdir());
	T_OK(mkfifo(fifo, 0600));
	c = cfg_of("file", "", fifo);
	T_OK(printer_open(&c, NULL, &p));
	/* nobody reading: the "device" is absent */
	T_EQ(printer_print(p, "A-1", r), ERR_PRINTER);
	s.fd = open(fifo, O_RDONLY | O_NONBLOCK);
	T_CHECK(s.fd >= 0);
	hold = open(fifo, O_WRONLY); /* keeps the reader from seeing EOF before the job */
	T_CHECK(hold >= 0);
	T_OK(fcntl(s.fd, F_SETFL, 0));
	T_OK(pthread_create(&th, NULL, sip, &s));
	T_OK(printer_print(p, "A-2", r));
	close(hold);
	pthread_join(th, NULL);
	close(s.fd);
	/* the job after a failed one starts by completing any half-sent band (escpos_resync) */
	T_EQ(s.got, (72 * 24 + 8) + 2 + 3 + 50 * 8 + 72 * 1200 + 3 + 4);
	printer_close(p);
	raster_free(r);
}
