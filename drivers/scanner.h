/* scanner: where dossier and ticket codes come from (a keyboard-wedge USB scanner, a camera
 * with ZBar, or an image file), behind one vtable. Results reach the UI thread as
 * struct scan_result through a callback (any thread). */
#ifndef KIOSK_SCANNER_H
#define KIOSK_SCANNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCAN_DATA_MAX 4096

/* One decoded symbol, raw: data is NOT validated here (firmware/dossier.c does that). */
struct scan_result {
	char symbology[16];          /* "CODE-128", "CODE-39", "QR-Code", ... as ZBar names them;
	                                "KEYED" for a keyboard-wedge scan */
	char data[SCAN_DATA_MAX + 1]; /* raw bytes, NUL-terminated (may contain NULs: use len) */
	size_t len;
	bool truncated;              /* the symbol held more than SCAN_DATA_MAX bytes */
};

typedef void (*scanner_cb)(void *ctx, const struct scan_result *r);

#endif
