/* printer_virtual: a printer that keeps each job as two files in a directory, NAME.bin (the
 * exact ESC/POS stream a real printer would get) and NAME.png (the picture it encodes), for
 * bring-up, demos and tests. The writers are shared with the simulated driver. */
#include "drivers/printer_internal.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct vprinter {
	char dir[PATH_MAX];
};

/* mkdir -p: every missing parent too, since var/ may itself be new. Returns 0 or an errno. */
static int make_dirs(const char *dir)
{
	char path[PATH_MAX];
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof(path))
		return ENAMETOOLONG;
	memcpy(path, dir, n + 1);
	for (char *c = path + 1; ; c++) {
		if (*c != '/' && *c != '\0')
			continue;
		char end = *c;
		*c = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			return errno;
		if (end == '\0')
			return 0;
		*c = end;
	}
}

static int write_all_fd(int fd, const uint8_t *bytes, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, bytes, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return err_from_errno(n < 0 ? errno : EIO);
		bytes += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Temp file + rename, so a half-written .bin never sits next to a finished .png. */
static int write_file_atomic(const char *path, const uint8_t *bytes, size_t len)
{
	char tmp[PATH_MAX];
	int fd, rc;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path) >= (int)sizeof(tmp))
		return ERR_RANGE;
	fd = mkstemp(tmp);
	if (fd < 0)
		return err_from_errno(errno);
	(void)fchmod(fd, 0644);
	rc = write_all_fd(fd, bytes, len);
	if (close(fd) != 0 && rc == 0)
		rc = err_from_errno(errno);
	if (rc == 0 && rename(tmp, path) != 0)
		rc = err_from_errno(errno);
	if (rc != 0)
		unlink(tmp);
	return rc;
}

/* Callers get ERR_PERM or ERR_IO: "the printer cannot write", whatever errno said. */
static int as_print_error(int rc)
{
	return rc == ERR_PERM ? ERR_PERM : ERR_IO;
}

int printer_virtual_write_job(const char *dir, const char *job, const uint8_t *bytes,
			      size_t len, const struct raster *r)
{
	char path[PATH_MAX];
	int e = make_dirs(dir), rc;

	if (e != 0) {
		log_error("printer: cannot create print directory %s: %s", dir, strerror(e));
		return as_print_error(err_from_errno(e));
	}
	if (snprintf(path, sizeof(path), "%s/%s.png", dir, job) >= (int)sizeof(path))
		return ERR_RANGE;
	/* the picture first: the bytes are the paper, and the job ends when they are written */
	rc = r ? raster_write_png(r, path) : 0;
	if (rc == 0) {
		memcpy(path + strlen(path) - 4, ".bin", sizeof(".bin")); /* with its NUL */
		rc = write_file_atomic(path, bytes, len);
	}
	if (rc != 0) {
		log_error("printer: cannot write %s: %s", path, err_str(rc));
		return as_print_error(rc);
	}
	return 0;
}

enum printer_state printer_virtual_dir_state(const char *dir)
{
	if (make_dirs(dir) != 0 || access(dir, W_OK | X_OK) != 0)
		return PRINTER_OFFLINE;
	return PRINTER_READY;
}

static int v_open(const struct config_printer *cfg, const char *out_dir, void **state)
{
	struct vprinter *v;

	(void)cfg;
	if (!out_dir || !out_dir[0] || strlen(out_dir) >= sizeof(v->dir)) {
		log_error("printer: virtual: needs an output directory");
		return ERR_CONFIG;
	}
	v = malloc(sizeof(*v));
	if (!v)
		return ERR_NOMEM;
	memcpy(v->dir, out_dir, strlen(out_dir) + 1);
	/* Not fatal: the directory may become writable later; status reports OFFLINE meanwhile. */
	if (printer_virtual_dir_state(v->dir) != PRINTER_READY)
		log_warn("printer: virtual: %s is not writable", v->dir);
	*state = v;
	return 0;
}

static void v_close(void *state)
{
	free(state);
}

static int v_send(void *state, const char *job, const uint8_t *bytes, size_t len,
		  const struct raster *r)
{
	struct vprinter *v = state;

	return printer_virtual_write_job(v->dir, job, bytes, len, r);
}

static int v_status(void *state, struct printer_status *out)
{
	struct vprinter *v = state;

	out->state = printer_virtual_dir_state(v->dir);
	out->cover_open = false;
	return 0;
}

const struct printer_ops printer_virtual_ops = {
	.name = "virtual",
	.open = v_open,
	.close = v_close,
	.send = v_send,
	.status = v_status,
};
