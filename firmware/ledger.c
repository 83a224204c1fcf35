/* ledger: the ring of ticket records beside the database (ledger.h). Start at ledger_open. */
#include "ledger.h"

#include "err.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LEDGER_MAGIC 0x4b4c4731u /* "KLG1" */

struct rec {
	uint32_t magic;
	uint32_t sum;       /* FNV-1a of the record with sum 0 */
	uint64_t serial;    /* 1.., the slot is serial % LEDGER_SLOTS */
	int64_t at;
	int32_t day, seq, status;
	char service[8];
	char pad[20];
};
_Static_assert(sizeof(struct rec) == LEDGER_RECORD, "a ledger record is 64 bytes");

struct ledger {
	int fd;
	uint64_t serial;    /* the last one written */
	struct rec r[LEDGER_SLOTS];
};

static uint32_t checksum(const struct rec *r)
{
	struct rec c = *r;
	const unsigned char *p = (const unsigned char *)&c;
	uint32_t h = 2166136261u;

	c.sum = 0;
	for (size_t i = 0; i < sizeof(c); i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static int valid(const struct rec *r)
{
	return r->magic == LEDGER_MAGIC && r->serial > 0 && r->sum == checksum(r);
}

static int sync_dir(const char *path)
{
	char copy[512];
	int fd;

	snprintf(copy, sizeof(copy), "%s", path);
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return err_from_errno(errno);
	if (fsync(fd) != 0 && errno != EINVAL) {
		close(fd);
		return ERR_IO;
	}
	close(fd);
	return 0;
}

static int write_all(int fd, const void *buf, size_t len, off_t at)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = pwrite(fd, p, len, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? err_from_errno(errno) : ERR_IO;
		p += n;
		len -= (size_t)n;
		at += n;
	}
	return 0;
}

/* The file in full, under a temporary name renamed into place: a ledger that exists owns all
 * its bytes. */
static int create(const char *path)
{
	static const char zeros[LEDGER_RECORD * 64];
	char tmp[520];
	int fd, rc = 0;

	snprintf(tmp, sizeof(tmp), "%s.new", path);
	fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_from_errno(errno);
	(void)fchmod(fd, 0600);
	for (off_t at = 0; !rc && at < LEDGER_FILE_BYTES; at += (off_t)sizeof(zeros))
		rc = write_all(fd, zeros, sizeof(zeros), at);
	if (!rc && fsync(fd) != 0)
		rc = err_from_errno(errno);
	close(fd);
	if (!rc && rename(tmp, path) != 0)
		rc = err_from_errno(errno);
	if (rc) {
		log_error("ledger: cannot create %s: %s", path, err_str(rc));
		unlink(tmp);
		return rc;
	}
	return sync_dir(path);
}

static int load(struct ledger *l)
{
	ssize_t n = pread(l->fd, l->r, sizeof(l->r), 0);

	if (n < 0)
		return err_from_errno(errno);
	if ((size_t)n < sizeof(l->r))
		memset((char *)l->r + n, 0, sizeof(l->r) - (size_t)n);
	for (int i = 0; i < LEDGER_SLOTS; i++) {
		if (!valid(&l->r[i]) || l->r[i].serial % LEDGER_SLOTS != (uint64_t)i) {
			memset(&l->r[i], 0, sizeof(l->r[i]));
			continue;
		}
		if (l->r[i].serial > l->serial)
			l->serial = l->r[i].serial;
	}
	return 0;
}

int ledger_open(const char *path, struct ledger **out)
{
	struct ledger *l;
	struct stat st;
	int rc = 0;

	*out = NULL;
	if (stat(path, &st) != 0 || st.st_size < LEDGER_FILE_BYTES)
		rc = create(path);
	if (rc)
		return rc;
	l = calloc(1, sizeof(*l));
	if (!l)
		return ERR_NOMEM;
	l->fd = open(path, O_RDWR | O_CLOEXEC);
	if (l->fd < 0) {
		rc = err_from_errno(errno);
		log_error("ledger: cannot open %s: %s", path, strerror(errno));
		free(l);
		return rc;
	}
	(void)fchmod(l->fd, 0600);
	rc = load(l);
	if (rc) {
		ledger_close(l);
		return rc;
	}
	*out = l;
	return 0;
}

void ledger_close(struct ledger *l)
{
	if (!l)
		return;
	close(l->fd);
	free(l);
}

int ledger_put(struct ledger *l, const char *service, int day, int seq, int status, int64_t at)
{
	struct rec r = { .magic = LEDGER_MAGIC, .serial = l->serial + 1, .at = at, .day = day,
			 .seq = seq, .status = status };
	int slot = (int)(r.serial % LEDGER_SLOTS), rc;

	snprintf(r.service, sizeof(r.service), "%s", service);
	r.sum = checksum(&r);
	rc = write_all(l->fd, &r, sizeof(r), (off_t)slot * LEDGER_RECORD);
	if (!rc && fdatasync(l->fd) != 0)
		rc = err_from_errno(errno);
	if (rc) {
		log_error("ledger: cannot record %s %d of day %d: %s", service, seq, day, err_str(rc));
		return rc;
	}
	l->serial = r.serial;
	l->r[slot] = r;
	return 0;
}

static int same(const struct rec *r, const char *service, int day)
{
	return r->serial && r->day == day && strncmp(r->service, service, sizeof(r->service)) == 0;
}

int ledger_highest(const struct ledger *l, const char *service, int day, int from, int to)
{
	int hi = 0;

	for (int i = 0; i < LEDGER_SLOTS; i++) {
		const struct rec *r = &l->r[i];
		if (same(r, service, day) && r->seq >= from && r->seq <= to && r->seq > hi)
			hi = r->seq;
	}
	return hi;
}

int ledger_status(const struct ledger *l, const char *service, int day, int seq)
{
	uint64_t latest = 0;
	int status = -1;

	for (int i = 0; i < LEDGER_SLOTS; i++) {
		const struct rec *r = &l->r[i];
		if (same(r, service, day) && r->seq == seq && r->serial > latest) {
			latest = r->serial;
			status = r->status;
		}
	}
	return status;
}

int ledger_count(const struct ledger *l)
{
	int n = 0;

	for (int i = 0; i < LEDGER_SLOTS; i++)
		n += l->r[i].serial != 0;
	return n;
}
