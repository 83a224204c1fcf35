/* printer_file: raw ESC/POS bytes written to a path, typically a printer's device node
 * (/dev/usb/lp0) or a plain file for capture. Opened per job, so a printer that is unplugged
 * and plugged back in (and gets its node again) just works on the next ticket.
 *
 * There is no back channel here, so status is UNKNOWN while the device node exists, and
 * OFFLINE when a /dev path is missing (printer unplugged or never plugged in): the kiosk then
 * says so instead of numbering tickets it cannot print. A device node is never created:
 * writing to a missing /dev/usb/lp0 with O_CREAT would silently fill /dev with tickets.
 * Writes to a device are non-blocking with a no-progress timeout, so a wedged printer fails
 * the job instead of hanging the print worker forever. */
#include "drivers/printer_internal.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILE_STALL_MS 10000

struct fprinter {
	char device[sizeof(((struct config_printer *)0)->device)];
};

static bool is_device_path(const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0)
		return !S_ISREG(st.st_mode);
	return strncmp(path, "/dev/", 5) == 0;
}

static int open_target(const char *path)
{
	int flags = O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY;
	int fd, e;

	flags |= is_device_path(path) ? O_NONBLOCK : O_CREAT;
	do
		fd = open(path, flags, 0644);
	while (fd < 0 && errno == EINTR);
	if (fd >= 0)
		return fd;
	e = errno;
	log_error("printer: file: cannot open %s: %s", path, strerror(e));
	if (e == ENOENT || e == ENODEV || e == ENXIO)
		return ERR_PRINTER; /* the printer is not there */
	return err_from_errno(e);
}

/* Wait until the device takes more bytes; ERR_PRINTER after FILE_STALL_MS without progress. */
static int wait_writable(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	int n;

	do
		n = poll(&pfd, 1, FILE_STALL_MS);
	while (n < 0 && errno == EINTR);
	if (n == 0) {
		log_error("printer: file: device took no data for %d ms", FILE_STALL_MS);
		return ERR_PRINTER;
	}
	return n < 0 ? ERR_IO : 0;
}

static int write_all(int fd, const uint8_t *bytes, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, bytes, len);
		int rc;

		if (n > 0) {
			bytes += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			rc = wait_writable(fd);
		else
			rc = ERR_IO;
		if (rc == ERR_IO)
			log_error("printer: file: write failed: %s", n < 0 ? strerror(errno) : "no progress");
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int f_open(const struct config_printer *cfg, const char *out_dir, void **state)
{
	struct fprinter *f;

	(void)out_dir;
	if (!cfg || !cfg->device[0]) {
		log_error("printer: file: no device configured");
		return ERR_CONFIG;
	}
	f = malloc(sizeof(*f));
	if (!f)
		return ERR_NOMEM;
	memcpy(f->device, cfg->device, sizeof(f->device));
	f->device[sizeof(f->device) - 1] = '\0';
	*state = f;
	return 0;
}

static void f_close(void *state)
{
	free(state);
}

static int f_send(void *state, const char *job, const uint8_t *bytes, size_t len,
		  const struct raster *r)
{
	struct fprinter *f = state;
	int fd = open_target(f->device);
	int rc;

	(void)job;
	(void)r;
	if (fd < 0)
		return fd;
	rc = write_all(fd, bytes, len);
	if (close(fd) != 0 && rc == 0) {
		log_error("printer: file: close %s failed: %s", f->device, strerror(errno));
		rc = ERR_IO;
	}
	return rc;
}

static int f_status(void *state, struct printer_status *out)
{
	const struct fprinter *f = state;

	out->state = strncmp(f->device, "/dev/", 5) == 0 && access(f->device, F_OK) != 0 ?
		     PRINTER_OFFLINE : PRINTER_UNKNOWN;
	out->cover_open = false;
	return 0;
}

const struct printer_ops printer_file_ops = {
	.name = "file",
	.open = f_open,
	.close = f_close,
	.send = f_send,
	.status = f_status,
};

/* "lp": the Linux usblp character device (/dev/usb/lp0), the same byte pipe as "file". */
const struct printer_ops printer_lp_ops = {
	.name = "lp",
	.open = f_open,
	.close = f_close,
	.send = f_send,
	.status = f_status,
};
