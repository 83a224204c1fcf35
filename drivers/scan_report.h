/* scan_report: the lines of `kiosk --decode-image FILE...`, one per picture, through exactly
 * the kiosk's scan path (scan_decode_file, then dossier_parse_payload):
 *
 *   FILE<TAB>SYMBOLOGY<TAB>PAYLOAD<TAB>CODE
 *
 * PAYLOAD is the symbol's text escaped with dossier_escape, with the value of every URL
 * parameter other than MHS / maHoSo replaced by "*" (the owner's ID number in SGT= is never
 * printed); CODE is the dossier code when the payload holds one, else "-". A picture without
 * a symbol, or a file that is not a picture, gives FILE<TAB>-<TAB>-<TAB>-. With several
 * symbols, the line is about the first that holds a dossier code (else the first). */
#ifndef KIOSK_SCAN_REPORT_H
#define KIOSK_SCAN_REPORT_H

#include <stddef.h>
#include <stdio.h>

/* Prints the line for path to out. 0 when the file is a picture (with or without a code),
 * else the load error (ERR_NOTFOUND, ERR_CORRUPT...), also said on stderr. */
int scan_report_file(const char *path, FILE *out);

/* data with every "name=value" value masked as "*" unless name is MHS or maHoSo (any case);
 * pairs are separated by ?, & or ;, a # ends them. out is always NUL-terminated. */
void scan_report_redact(const char *data, size_t len, char *out, size_t outlen);

#endif
