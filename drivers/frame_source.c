/* frame_source: two implementations behind one struct. V4L2 first (open_v4l2, next_v4l2),
 * then the directory player (open_dir, next_dir). Everything read from the device is
 * bounded by the sizes the device itself reported, and those by the picture limit. */
#include "frame_source.h"

#include "drivers/scan_decode.h"
#include "firmware/clock.h"
#include "firmware/err.h"
#include "firmware/jpegio.h"
#include "firmware/log.h"
#include "firmware/picture.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DIR_PREFIX "dir:"
#define NBUF 4
#define MAX_FILES 10000

struct mbuf {
	void *p;
	size_t len;
};

struct frame_source {
	bool is_dir;
	int w, h;
	uint8_t *gray;              /* the frame handed out */
	/* V4L2 */
	int fd;
	uint32_t fourcc;
	int bpl;                    /* bytes per line */
	struct mbuf buf[NBUF];
	int nbuf;
	bool streaming;
	/* directory */
	char *dir;
	char **files;
	int nfiles, next;
	int64_t period_ms, due_ms;
};

static int64_t mono_ms(void)
{
	return clock_mono_ns() / 1000000;
}

static int xioctl(int fd, unsigned long req, void *arg)
{
	int rc;

	do
		rc = ioctl(fd, req, arg);
	while (rc < 0 && errno == EINTR);
	return rc;
}

/* --- V4L2 ------------------------------------------------------------------------------ */

static int v4l2_caps_ok(struct frame_source *fs, const char *dev)
{
	struct v4l2_capability cap;
	uint32_t caps;

	memset(&cap, 0, sizeof(cap));
	if (xioctl(fs->fd, VIDIOC_QUERYCAP, &cap) < 0) {
		log_error("scanner: camera %s is not a V4L2 device (%s)", dev, strerror(errno));
		return ERR_IO;
	}
	caps = (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
	if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING)) {
		log_error("scanner: camera %s cannot stream video capture", dev);
		return ERR_IO;
	}
	return 0;
}

/* In order of preference at the same size: GREY needs no conversion, YUYV gives its Y bytes,
 * MJPEG (and plain JPEG) is decoded. Many USB cameras offer only MJPEG at useful sizes. */
static const uint32_t formats[] = { V4L2_PIX_FMT_GREY, V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_MJPEG,
				    V4L2_PIX_FMT_JPEG };

static bool compressed(uint32_t fourcc)
{
	return fourcc == V4L2_PIX_FMT_MJPEG || fourcc == V4L2_PIX_FMT_JPEG;
}

static long area_gap(const struct frame_offer *o, int w, int h)
{
	long want = (long)w * h, got = (long)o->w * o->h;

	/* a smaller picture than asked costs more than a larger one (codes are read on it) */
	return got < want ? 2 * (want - got) : got - want;
}

int frame_source_pick(const struct frame_offer *offers, int n, int w, int h)
{
	int best = -1;

	for (int i = 0; i < n; i++) {
		const struct frame_offer *o = &offers[i];

		if (o->w < 16 || o->h < 16 || picture_size_ok(o->w, o->h) != 0)
			continue;
		if (o->w == w && o->h == h)
			return i;   /* offers come in order of preference */
		if (best < 0 || area_gap(o, w, h) < area_gap(&offers[best], w, h))
			best = i;
	}
	return best;
}

/* What the device would give for each format at w x h (VIDIOC_TRY_FMT changes nothing). */
static int v4l2_offers(struct frame_source *fs, int w, int h, struct frame_offer *o)
{
	int n = 0;

	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		struct v4l2_format f;

		memset(&f, 0, sizeof(f));
		f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		f.fmt.pix.width = (uint32_t)w;
		f.fmt.pix.height = (uint32_t)h;
		f.fmt.pix.pixelformat = formats[i];
		f.fmt.pix.field = V4L2_FIELD_ANY;
		if (xioctl(fs->fd, VIDIOC_TRY_FMT, &f) < 0 || f.fmt.pix.pixelformat != formats[i])
			continue;
		o[n++] = (struct frame_offer){ formats[i], (int)f.fmt.pix.width,
					       (int)f.fmt.pix.height };
	}
	return n;
}

/* The format and size picked among the offers, set on the device. */
static int v4l2_format(struct frame_source *fs, const char *dev, int w, int h)
{
	struct frame_offer offers[sizeof(formats) / sizeof(formats[0])];
	int n = v4l2_offers(fs, w, h, offers), k = frame_source_pick(offers, n, w, h);
	struct v4l2_format f;

	if (k < 0) {
		log_error("scanner: camera %s offers none of GREY, YUYV, MJPEG near %dx%d", dev, w, h);
		return ERR_IO;
	}
	memset(&f, 0, sizeof(f));
	f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	f.fmt.pix.width = (uint32_t)offers[k].w;
	f.fmt.pix.height = (uint32_t)offers[k].h;
	f.fmt.pix.pixelformat = offers[k].fourcc;
	f.fmt.pix.field = V4L2_FIELD_ANY;
	if (xioctl(fs->fd, VIDIOC_S_FMT, &f) < 0 || f.fmt.pix.pixelformat != offers[k].fourcc ||
	    picture_size_ok(f.fmt.pix.width, f.fmt.pix.height) != 0 || f.fmt.pix.width < 16 ||
	    f.fmt.pix.height < 16) {
		log_error("scanner: camera %s refused the format it offered", dev);
		return ERR_IO;
	}
	fs->fourcc = offers[k].fourcc;
	fs->w = (int)f.fmt.pix.width;
	fs->h = (int)f.fmt.pix.height;
	fs->bpl = (int)f.fmt.pix.bytesperline;
	if (!compressed(fs->fourcc) && fs->bpl < fs->w * (fs->fourcc == V4L2_PIX_FMT_GREY ? 1 : 2))
		fs->bpl = fs->w * (fs->fourcc == V4L2_PIX_FMT_GREY ? 1 : 2);
	log_info("scanner: camera %s gives %dx%d %s (asked %dx%d)", dev, fs->w, fs->h,
		 compressed(fs->fourcc) ? "MJPEG" : fs->fourcc == V4L2_PIX_FMT_GREY ? "GREY" : "YUYV",
		 w, h);
	return 0;
}

static void v4l2_rate(struct frame_source *fs, int fps)
{
	struct v4l2_streamparm p;

	memset(&p, 0, sizeof(p));
	p.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	p.parm.capture.timeperframe.numerator = 1;
	p.parm.capture.timeperframe.denominator = (uint32_t)fps;
	(void)xioctl(fs->fd, VIDIOC_S_PARM, &p); /* a camera that ignores it still works */
}

static int v4l2_buffers(struct frame_source *fs, const char *dev)
{
	struct v4l2_requestbuffers req;
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	memset(&req, 0, sizeof(req));
	req.count = NBUF;
	req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	req.memory = V4L2_MEMORY_MMAP;
	if (xioctl(fs->fd, VIDIOC_REQBUFS, &req) < 0 || req.count < 2) {
		log_error("scanner: camera %s: no capture buffers (%s)", dev, strerror(errno));
		return ERR_IO;
	}
	for (unsigned i = 0; i < req.count && i < NBUF; i++) {
		struct v4l2_buffer b;

		memset(&b, 0, sizeof(b));
		b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		b.memory = V4L2_MEMORY_MMAP;
		b.index = i;
		if (xioctl(fs->fd, VIDIOC_QUERYBUF, &b) < 0)
			return ERR_IO;
		fs->buf[i].len = b.length;
		fs->buf[i].p = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, fs->fd,
				    b.m.offset);
		if (fs->buf[i].p == MAP_FAILED) {
			fs->buf[i].p = NULL;
			return ERR_IO;
		}
		fs->nbuf++;
		if (xioctl(fs->fd, VIDIOC_QBUF, &b) < 0)
			return ERR_IO;
	}
	if (xioctl(fs->fd, VIDIOC_STREAMON, &type) < 0) {
		log_error("scanner: camera %s will not stream (%s)", dev, strerror(errno));
		return ERR_IO;
	}
	fs->streaming = true;
	return 0;
}

static int open_v4l2(struct frame_source *fs, const char *dev, int w, int h, int fps)
{
	struct stat sb;
	int rc;

	fs->fd = open(dev, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fs->fd < 0) {
		rc = errno == ENOENT || errno == ENODEV || errno == ENXIO ? ERR_NOTFOUND
									   : err_from_errno(errno);
		log_error("scanner: camera %s: %s", dev, rc == ERR_NOTFOUND ? "no such device"
									    : strerror(errno));
		return rc;
	}
	if (fstat(fs->fd, &sb) != 0 || !S_ISCHR(sb.st_mode)) {
		log_error("scanner: camera %s is not a device", dev);
		return ERR_IO;
	}
	if ((rc = v4l2_caps_ok(fs, dev)) != 0 || (rc = v4l2_format(fs, dev, w, h)) != 0)
		return rc;
	v4l2_rate(fs, fps);
	fs->gray = malloc((size_t)fs->w * (size_t)fs->h);
	if (!fs->gray)
		return ERR_NOMEM;
	return v4l2_buffers(fs, dev);
}

/* The grey picture out of one filled buffer (Y of YUYV: every other byte; an MJPEG frame
 * decoded, refused unless it is a whole JPEG of the negotiated size). 0, or ERR_CORRUPT for a
 * frame to skip. */
static int to_gray(struct frame_source *fs, const uint8_t *p, size_t used)
{
	int bpp = fs->fourcc == V4L2_PIX_FMT_GREY ? 1 : 2;

	if (compressed(fs->fourcc))
		return jpegio_decode_frame(p, used, fs->w, fs->h, fs->gray);

	for (int y = 0; y < fs->h; y++) {
		const uint8_t *row = p + (size_t)y * (size_t)fs->bpl;
		uint8_t *o = fs->gray + (size_t)y * (size_t)fs->w;

		if ((size_t)(y + 1) * (size_t)fs->bpl > used) {
			memset(o, 128, (size_t)fs->w * (size_t)(fs->h - y)); /* short frame */
			return 0;
		}
		if (bpp == 1)
			memcpy(o, row, (size_t)fs->w);
		else
			for (int x = 0; x < fs->w; x++)
				o[x] = row[2 * x];
	}
	return 0;
}

static int dequeue(struct frame_source *fs, struct v4l2_buffer *b)
{
	memset(b, 0, sizeof(*b));
	b->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	b->memory = V4L2_MEMORY_MMAP;
	if (xioctl(fs->fd, VIDIOC_DQBUF, b) == 0)
		return b->index < (unsigned)fs->nbuf ? 0 : ERR_IO;
	return errno == EAGAIN ? ERR_TIMEOUT : ERR_IO;
}

/* The newest frame waiting: older ones are given straight back (a slow decode must not
 * work through a backlog of stale frames). */
static int next_v4l2(struct frame_source *fs, int timeout_ms)
{
	struct pollfd pfd = { .fd = fs->fd, .events = POLLIN };
	struct v4l2_buffer b, newer;
	int rc = poll(&pfd, 1, timeout_ms);

	if (rc == 0 || (rc < 0 && errno == EINTR))
		return ERR_TIMEOUT;
	if (rc < 0 || (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)))
		return ERR_IO;
	if ((rc = dequeue(fs, &b)) != 0)
		return rc;
	while (dequeue(fs, &newer) == 0) {
		(void)xioctl(fs->fd, VIDIOC_QBUF, &b);
		b = newer;
	}
	rc = to_gray(fs, fs->buf[b.index].p, b.bytesused ? b.bytesused : fs->buf[b.index].len);
	if (xioctl(fs->fd, VIDIOC_QBUF, &b) < 0)
		return ERR_IO;
	return rc ? ERR_TIMEOUT : 0;   /* a damaged frame is skipped: the next one comes */
}

static void close_v4l2(struct frame_source *fs)
{
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	if (fs->streaming)
		(void)xioctl(fs->fd, VIDIOC_STREAMOFF, &type);
	for (int i = 0; i < fs->nbuf; i++)
		if (fs->buf[i].p)
			munmap(fs->buf[i].p, fs->buf[i].len);
	if (fs->fd >= 0)
		close(fs->fd);
}

/* --- directory ------------------------------------------------------------------------- */

static bool is_picture(const char *name)
{
	static const char *const ext[] = { ".png", ".pgm", ".ppm", ".jpg", ".jpeg" };
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (n > strlen(ext[i]) && strcasecmp(name + n - strlen(ext[i]), ext[i]) == 0)
			return true;
	return false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int open_dir(struct frame_source *fs, const char *path, int fps)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int rc = 0;

	if (!d) {
		rc = errno == ENOENT || errno == ENOTDIR ? ERR_NOTFOUND : err_from_errno(errno);
		log_error("scanner: frame directory %s: %s", path, strerror(errno));
		return rc;
	}
	fs->dir = strdup(path);
	fs->files = calloc(MAX_FILES, sizeof(char *));
	while (fs->dir && fs->files && fs->nfiles < MAX_FILES && (e = readdir(d)) != NULL)
		if (is_picture(e->d_name) && !(fs->files[fs->nfiles++] = strdup(e->d_name)))
			rc = ERR_NOMEM;
	closedir(d);
	if (!fs->dir || !fs->files)
		return ERR_NOMEM;
	if (rc == 0 && fs->nfiles == 0) {
		log_error("scanner: frame directory %s holds no .png, .jpg, .pgm or .ppm", path);
		return ERR_NOTFOUND;
	}
	qsort(fs->files, (size_t)fs->nfiles, sizeof(char *), cmp_str);
	fs->period_ms = 1000 / (fps > 0 ? fps : 1);
	fs->due_ms = mono_ms();
	return rc;
}

static int next_dir(struct frame_source *fs, int timeout_ms)
{
	char path[4096];
	int64_t now = mono_ms(), wait;
	int rc;

	if (fs->next >= fs->nfiles)
		return ERR_CLOSED;
	wait = fs->due_ms - now;
	if (wait > 0) {
		struct timespec ts;

		wait = wait < timeout_ms ? wait : timeout_ms;
		ts.tv_sec = wait / 1000;
		ts.tv_nsec = (long)(wait % 1000) * 1000000;
		nanosleep(&ts, NULL);
		if (mono_ms() < fs->due_ms)
			return ERR_TIMEOUT;
	}
	fs->due_ms += fs->period_ms;
	snprintf(path, sizeof(path), "%s/%s", fs->dir, fs->files[fs->next++]);
	free(fs->gray);
	fs->gray = NULL;
	rc = scan_load_gray(path, &fs->gray, &fs->w, &fs->h);
	if (rc != 0) {
		log_warn("scanner: frame %s skipped: %s", path, err_str(rc));
		return ERR_TIMEOUT;
	}
	return 0;
}

static void close_dir(struct frame_source *fs)
{
	for (int i = 0; fs->files && i < fs->nfiles; i++)
		free(fs->files[i]);
	free(fs->files);
	free(fs->dir);
}

/* --- the interface --------------------------------------------------------------------- */

int frame_source_open(const char *device, int width, int height, int fps,
		      struct frame_source **out)
{
	struct frame_source *fs = calloc(1, sizeof(*fs));
	int rc;

	*out = NULL;
	if (!fs)
		return ERR_NOMEM;
	fs->fd = -1;
	fs->is_dir = strncmp(device, DIR_PREFIX, strlen(DIR_PREFIX)) == 0;
	rc = fs->is_dir ? open_dir(fs, device + strlen(DIR_PREFIX), fps)
			: open_v4l2(fs, device, width, height, fps);
	if (rc != 0) {
		frame_source_close(fs);
		return rc;
	}
	*out = fs;
	return 0;
}

int frame_source_next(struct frame_source *fs, int timeout_ms, const uint8_t **gray, int *w,
		      int *h)
{
	int rc = fs->is_dir ? next_dir(fs, timeout_ms) : next_v4l2(fs, timeout_ms);

	if (rc == 0) {
		*gray = fs->gray;
		*w = fs->w;
		*h = fs->h;
	}
	return rc;
}

void frame_source_close(struct frame_source *fs)
{
	if (!fs)
		return;
	if (fs->is_dir)
		close_dir(fs);
	else
		close_v4l2(fs);
	free(fs->gray);
	free(fs);
}
