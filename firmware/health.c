/* health: the figures, each independently unknown when it cannot be read. */
#include "health.h"

#include "tls.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

static long long file_kb(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long long)st.st_size / 1024 : -1;
}

static long long free_mb(const char *db_path)
{
	char dir[512];
	char *slash;
	struct statvfs vs;

	snprintf(dir, sizeof(dir), "%s", db_path);
	slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	if (statvfs(dir, &vs) != 0)
		return -1;
	return (long long)((unsigned long long)vs.f_bavail * vs.f_frsize / (1024 * 1024));
}

void health_read(const char *db_path, const char *cert, struct health *out)
{
	char wal[600];
	long long w;

	out->disk_free_mb = free_mb(db_path);
	out->db_kb = file_kb(db_path);
	snprintf(wal, sizeof(wal), "%s-wal", db_path);
	w = file_kb(wal);
	if (out->db_kb >= 0 && w > 0)
		out->db_kb += w;
	tls_cert_not_after(cert, &out->cert_not_after);
}
