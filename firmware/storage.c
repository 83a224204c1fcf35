/* storage: the free-space guard and the reserve (storage.h). Start at storage_ok. */
#include "storage.h"

#include "err.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

struct storage {
	char dir[256];
	char reserve[300];
	struct storage_limits lim;
	bool held;
	bool warned;         /* the last check said no, and the log has it */
};

long long storage_free_kb(const struct storage *g)
{
	struct statvfs v;

	if (statvfs(g->dir, &v) != 0)
		return -1;
	return (long long)v.f_bavail * (long long)v.f_frsize / 1024;
}

static bool have_reserve(const struct storage *g)
{
	struct stat st;

	return g->lim.reserve_kb <= 0 ||
	       (stat(g->reserve, &st) == 0 && st.st_size >= (off_t)g->lim.reserve_kb * 1024);
}

/* Written in full, so that its blocks are really held; a part of one is no reserve. */
static int make_reserve(struct storage *g)
{
	static const char zeros[65536];
	char tmp[320];
	long long left = (long long)g->lim.reserve_kb * 1024;
	int fd, rc = 0;

	snprintf(tmp, sizeof(tmp), "%s.new", g->reserve);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_from_errno(errno);
	while (!rc && left > 0) {
		size_t n = left < (long long)sizeof(zeros) ? (size_t)left : sizeof(zeros);
		ssize_t w = write(fd, zeros, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rc = w < 0 ? err_from_errno(errno) : ERR_IO;
		else
			left -= w;
	}
	if (!rc && fsync(fd) != 0)
		rc = err_from_errno(errno);
	close(fd);
	if (!rc && rename(tmp, g->reserve) != 0)
		rc = err_from_errno(errno);
	if (rc)
		unlink(tmp);
	return rc;
}

void storage_remake_reserve(struct storage *g)
{
	long long free_kb;

	if (have_reserve(g))
		return;
	free_kb = storage_free_kb(g);
	if (free_kb < (long long)g->lim.min_free_kb + g->lim.reserve_kb)
		return;
	if (make_reserve(g) == 0)
		log_info("storage: reserve of %d KB in place in %s", g->lim.reserve_kb, g->dir);
}

int storage_open(const char *dir, const struct storage_limits *lim, struct storage **out)
{
	struct storage *g = calloc(1, sizeof(*g));

	*out = NULL;
	if (!g)
		return ERR_NOMEM;
	snprintf(g->dir, sizeof(g->dir), "%s", dir);
	snprintf(g->reserve, sizeof(g->reserve), "%s/reserve.space", dir);
	g->lim = *lim;
	storage_remake_reserve(g);
	*out = g;
	return 0;
}

void storage_close(struct storage *g)
{
	free(g);
}

static bool check(struct storage *g, long long *free_kb)
{
	*free_kb = storage_free_kb(g);
	if (g->held)
		return false;
	if (g->lim.min_free_kb > 0 && *free_kb < g->lim.min_free_kb)
		return false;
	return have_reserve(g);
}

bool storage_ok(struct storage *g)
{
	long long free_kb;
	bool ok = check(g, &free_kb);

	if (!ok && !g->warned)
		log_warn("storage: tickets off: %s", g->held ? "a record could not be written" :
			 "too little free space for a ticket's records");
	else if (ok && g->warned)
		log_info("storage: tickets back on (%lld KB free in %s)", free_kb, g->dir);
	g->warned = !ok;
	return ok;
}

void storage_hold(struct storage *g, bool held)
{
	g->held = held;
}

int storage_release(struct storage *g)
{
	if (unlink(g->reserve) != 0)
		return errno == ENOENT ? ERR_NOTFOUND : err_from_errno(errno);
	log_warn("storage: the disk under %s is full; the reserve of %d KB is given to the "
		 "records and tickets stay off until there is room again", g->dir,
		 g->lim.reserve_kb);
	return 0;
}

const char *storage_dir(const struct storage *g)
{
	return g->dir;
}

void storage_advice(const struct storage *g, char *out, unsigned len)
{
	snprintf(out, len, "the disk holding %s is full (%lld KB free; tickets need %d KB): free "
		 "space on that file system (old logs, kiosk.db.corrupt-* files moved aside) or "
		 "give [kiosk] var_dir a larger one", g->dir, storage_free_kb(g),
		 g->lim.min_free_kb + g->lim.reserve_kb);
}
