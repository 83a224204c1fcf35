/* err: the project's error codes.
 * Every function that can fail returns 0 or one of these negative codes; third-party codes
 * (SQLite, SDL, libpng, errno) are translated at the module that calls the library. */
#ifndef KIOSK_ERR_H
#define KIOSK_ERR_H

enum {
	ERR_OK = 0,
	ERR_NOMEM = -1,     /* out of memory */
	ERR_IO = -2,        /* file or device I/O failed */
	ERR_INVAL = -3,     /* bad argument or bad input */
	ERR_CONFIG = -4,    /* configuration invalid */
	ERR_CORRUPT = -5,   /* stored data is damaged */
	ERR_SCHEMA = -6,    /* database from a newer schema version */
	ERR_BUSY = -7,      /* resource locked by someone else, try again */
	ERR_NOTFOUND = -8,  /* no such item */
	ERR_CLOSED = -9,    /* service outside opening hours */
	ERR_CAP = -10,      /* daily cap reached */
	ERR_PRINTER = -11,  /* printer failed or absent */
	ERR_PAPER = -12,    /* printer out of paper */
	ERR_FONT = -13,     /* font missing or unusable */
	ERR_DB = -14,       /* database error */
	ERR_TIMEOUT = -15,  /* operation timed out */
	ERR_PERM = -16,     /* permission denied / not writable */
	ERR_RANGE = -17,    /* value out of range / too long */
	ERR_STATE = -18,    /* operation not valid in the current state */
	ERR_VIDEO = -19,    /* display or renderer failed */
	ERR_FULL = -20,     /* no room to keep what would be written */
	ERR_MIN_ = -21
};

/* A short English description, for logs and operators. Never NULL. */
const char *err_str(int code);

/* Translate an errno value into a project code. */
int err_from_errno(int e);

#endif
