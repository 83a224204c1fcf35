/* privacy: the one rule for what any output may show of a scanned or typed payload: the log,
 * `kiosk --decode-image`, the probes and the tools all write payloads only through
 * privacy_show (docs/privacy.md). The kiosk's own screens go further and show nothing of a
 * refused payload at all.
 *
 *   - a dossier code (bare): the code, as dossier_parse_payload reads it;
 *   - one of this unit's queue tickets: its ticket id;
 *   - a URL that holds a dossier code (MHS= / maHoSo=): its scheme and host, "/…" for a path
 *     (an ID number can sit in it), the code parameter with the code as read (never the raw
 *     value, which can hide "%26SGT%3D<ID>") and "&…" when it had other parameters;
 *   - anything else, an ID card's QR code included: its kind and length only,
 *     "[id card, 97 bytes]", "[text, 12 bytes]", "[url without a dossier code, 40 bytes]".
 *
 * Pure: no I/O, no allocation. */
#ifndef KIOSK_PRIVACY_H
#define KIOSK_PRIVACY_H

#include "dossier.h"

#include <stddef.h>

/* Enough for every form above: a host is cut at 64 bytes, a code is at most 50. */
#define PRIVACY_SHOWN_MAX 192

/* Writes into out (always NUL-terminated, printable ASCII or the code's characters, no TAB or
 * newline) what may be shown of data[0..len); returns the payload's kind. data need not be
 * NUL-terminated. */
enum dossier_payload_kind privacy_show(const char *data, size_t len, char *out, size_t outlen);

/* The safety net under every log line and error message: each run of exactly 9 or 12 digits
 * that stands alone (an ID number, as on the old and the new ID card) becomes as many '*'.
 * In place. Longer or shorter runs, and digits inside a word (a hex id), are left alone.
 * firmware/privacy_scrub.c, which depends on nothing. */
void privacy_scrub(char *s);

/* The words privacy_show uses for a kind ("id card", "text", ...). */
const char *privacy_kind_words(enum dossier_payload_kind k);

#endif
