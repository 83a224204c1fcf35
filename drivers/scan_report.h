/* scan_report: the lines of `kiosk --decode-image FILE...`, one per picture, through exactly
 * the kiosk's scan path (scan_decode_file, then dossier_parse_payload):
 *
 *   FILE<TAB>SYMBOLOGY<TAB>PAYLOAD<TAB>CODE
 *
 * PAYLOAD is what privacy_show allows of the symbol's text (firmware/privacy.h: a dossier
 * code, a ticket id or a lookup URL reduced to its host and code; anything else, an ID card's
 * QR code included, as its kind and length); CODE is the dossier code when the payload holds
 * one, else "-". A picture without
 * a symbol, or a file that is not a picture, gives FILE<TAB>-<TAB>-<TAB>-. With several
 * symbols, the line is about the first that holds a dossier code (else the first). */
#ifndef KIOSK_SCAN_REPORT_H
#define KIOSK_SCAN_REPORT_H

#include <stddef.h>
#include <stdio.h>

/* Prints the line for path to out. 0 when the file is a picture (with or without a code),
 * else the load error (ERR_NOTFOUND, ERR_CORRUPT...), also said on stderr. */
int scan_report_file(const char *path, FILE *out);

#endif
