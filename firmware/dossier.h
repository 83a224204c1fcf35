/* dossier: what a scanned or typed payload means, and how a dossier is shown. Pure functions,
 * no I/O, no SDL: the scanner, the lookup and the screens all go through here.
 *
 * A payload is the raw text a barcode or keyboard produced. It is one of:
 *   - a dossier code (docs/domain.md: "000.00.01.H29-240115-0001", opaque, at most 50 characters),
 *     bare, or inside a URL's query as MHS= or maHoSo= (names case-insensitive, %-decoded);
 *   - one of this unit's queue tickets ("<kiosk id>-<YYYYMMDD>-<prefix><seq>", queue.h), for
 *     rating the officer who served it;
 *   - a citizen ID card's QR code (plain text, '|'-separated, docs/privacy.md), or a bare ID
 *     number: recognised as such so that the citizen can be told, and never copied out;
 *   - anything else: refused with a reason, nothing kept.
 * Personal parameters of a URL (SGT=, the owner's ID number, and every parameter other than the
 * code) are never copied out, logged or returned. */
#ifndef KIOSK_DOSSIER_H
#define KIOSK_DOSSIER_H

#include "lang.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DOSSIER_CODE_MAX 50
#define DOSSIER_PAYLOAD_MAX 4096   /* longer payloads are refused (DP_TOO_LONG) */
#define DOSSIER_STATUS_MIN 1
#define DOSSIER_STATUS_MAX 10
#define DOSSIER_STATUS_READY 9     /* result ready at the unit */

enum dossier_payload_kind {
	DP_DOSSIER = 0,   /* out: the dossier code, NFC, trimmed, ASCII letters upper-cased */
	DP_TICKET,        /* out: the ticket id as printed in our QR */
	DP_EMPTY,         /* nothing but spaces */
	DP_BINARY,        /* NUL, control characters (other than a trailing CR/LF/TAB) or bad UTF-8 */
	DP_TOO_LONG,      /* over DOSSIER_PAYLOAD_MAX bytes, or a code over DOSSIER_CODE_MAX */
	DP_NO_CODE,       /* a URL without an MHS/maHoSo parameter */
	DP_NOT_A_CODE,    /* text that is not shaped like a code (spaces, quotes, ';', no digit...) */
	DP_ID_CARD,       /* a citizen ID card's QR ("ID|old ID|name|DDMMYYYY|sex|address|date"), or
	                     a bare 9- or 12-digit ID number: personal data, never shown or kept */
};

struct dossier_payload {
	enum dossier_payload_kind kind;
	char value[64];   /* DP_DOSSIER: the code; DP_TICKET: the ticket id; else "" */
	bool strict;      /* DP_DOSSIER: matches ^[0-9A-Z.]+-[0-9]{6}-[0-9]{4,7}$ (informative:
	                     loosely valid codes are still looked up; the central system judges) */
};

/* Never fails: every input gets a kind. data need not be NUL-terminated. */
void dossier_parse_payload(const char *data, size_t len, struct dossier_payload *out);
/* A short, fixed English name of the kind, for logs ("dossier", "ticket", "binary", ...). */
const char *dossier_payload_kind_name(enum dossier_payload_kind k);

/* Masks a person's name for a public screen: the first word (family name) kept, every other
 * word reduced to its first letter and "*" ("Nguyễn Văn An" -> "Nguyễn V* A*"). Input NFC or
 * NFD, output NFC; empty or invalid UTF-8 gives "". Idempotent on its own output. Words that
 * do not fit in out are left out whole (out stays valid UTF-8). */
void dossier_mask_name(const char *name, char *out, size_t len);

/* The due date that counts: the rescheduled one when set (Decree 118 art. 19.6), else the
 * original. 0: none. */
int64_t dossier_current_due(int64_t due_s, int64_t rescheduled_due_s);
/* True for the statuses after which nothing is late any more: 3, 7, 8, 9, 10. */
bool dossier_status_finished(int status);
/* Overdue = not finished (status not 3, 7, 8, 9, 10) and `now` is past the end of the local
 * (UTC+7) day of the current due date. Returns the whole local days late (>= 1), or 0. */
int dossier_days_overdue(int status, int64_t due_s, int64_t rescheduled_due_s, int64_t now_s);

/* i18n keys for a status code: "dossier_status_<n>" (the portal's label) and
 * "dossier_hint_<n>" (what to do). NULL for a code outside 1..10. */
const char *dossier_status_key(int status);
const char *dossier_hint_key(int status);

/* Escapes raw bytes for one line of --decode-image output: "\\" -> "\\\\", TAB -> "\\t",
 * LF -> "\\n", CR -> "\\r", other bytes < 0x20, 0x7f and bytes of invalid UTF-8 -> "\\xNN";
 * valid UTF-8 above 0x7f is kept, except the C1 controls U+0080..U+009F (NEL is a line break
 * to some tools), escaped byte by byte. out is always NUL-terminated and holds only whole
 * escapes and characters (cut before the first that does not fit); returns the length it
 * needed (like snprintf). */
size_t dossier_escape(const unsigned char *data, size_t len, char *out, size_t outlen);

#endif
