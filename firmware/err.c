/* err: descriptions of the project's error codes. */
#include "err.h"

#include <errno.h>

static const char *const err_text[] = {
	"success",
	"out of memory",
	"input/output error",
	"invalid argument or input",
	"invalid configuration",
	"stored data is corrupt",
	"database schema is newer than this firmware",
	"resource busy",
	"not found",
	"service is closed",
	"daily limit reached",
	"printer error",
	"printer is out of paper",
	"font missing or unusable",
	"database error",
	"timed out",
	"permission denied",
	"value out of range",
	"not allowed in the current state",
	"display error",
	"no room left on the disk",
};

const char *err_str(int code)
{
	int i = -code;

	if (i < 0 || i >= (int)(sizeof(err_text) / sizeof(err_text[0])))
		return "unknown error";
	return err_text[i];
}

int err_from_errno(int e)
{
	switch (e) {
	case ENOMEM: return ERR_NOMEM;
	case EACCES: case EPERM: case EROFS: return ERR_PERM;
	case ENOENT: return ERR_NOTFOUND;
	case ENOTDIR: case EISDIR: case EINVAL: return ERR_INVAL;
	case ENAMETOOLONG: return ERR_RANGE;
	case ETIMEDOUT: return ERR_TIMEOUT;
	case EBUSY: case EAGAIN: return ERR_BUSY;
	default: return ERR_IO;
	}
}
