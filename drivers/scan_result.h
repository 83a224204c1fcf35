/* scan_result: what a scanner delivers and the decoder fills, apart from both (scanner.h,
 * scan_decode.h) so that neither needs the other's header. */
#ifndef KIOSK_SCAN_RESULT_H
#define KIOSK_SCAN_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#define SCAN_DATA_MAX 4096

/* One decoded symbol, raw: data is NOT validated here (firmware/dossier.c does that). */
struct scan_result {
	char symbology[16];          /* "CODE-128", "CODE-39", "QR-Code", ... as ZBar names them;
	                                "KEYED" for a keyboard-wedge scan */
	char data[SCAN_DATA_MAX + 1]; /* raw bytes, NUL-terminated (may contain NULs: use len) */
	size_t len;
	bool truncated;              /* the symbol held more than SCAN_DATA_MAX bytes */
};

#endif
