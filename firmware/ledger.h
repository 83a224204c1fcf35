/* ledger: what reached the printer, kept apart from the database (docs/storage.md).
 *
 * A small file beside the database (var_dir/tickets.ledger), written in full when it is
 * created, so that every later write overwrites bytes the file already owns: recording a
 * ticket can fail on a broken disk, never on a full one. It is a ring of fixed 64-byte records
 * with a checksum each: (service, day, seq, status), written with fdatasync
 *  - when a ticket is numbered, after its database commit and before its bytes go to the
 *    printer: a number a citizen may hold is here, even if the database is lost afterwards;
 *  - when its print is finished (printed, shown, voided), before the database is told: a
 *    ticket that printed while the database could not take its record is recorded printed
 *    at the next start instead of voided as "interrupted".
 * The highest number of a (service, day) is the highest of the database and of the ledger, so
 * numbering never goes back when the database is damaged, moved aside or restored. The ring
 * holds the last LEDGER_SLOTS records; numbers grow, so the newest are the highest.
 * No personal data: a ticket is its service prefix, day and number. One writer (the UI
 * thread's store); no SQLite here. */
#ifndef KIOSK_LEDGER_H
#define KIOSK_LEDGER_H

#include <stdint.h>

#define LEDGER_SLOTS 4096
#define LEDGER_RECORD 64
#define LEDGER_FILE_BYTES (LEDGER_SLOTS * LEDGER_RECORD)

struct ledger;

/* Opens path, creating it (mode 0600, written in full, fsynced with its directory) when
 * missing; records whose checksum fails (a torn write) are ignored. ERR_IO (a full disk at
 * creation: nothing is left behind), ERR_PERM, ERR_NOMEM. Caller frees with ledger_close. */
int ledger_open(const char *path, struct ledger **out);
void ledger_close(struct ledger *l);
/* Records (service, day, seq) with status (enum ticket_status) at `at`, durably. ERR_IO. */
int ledger_put(struct ledger *l, const char *service, int day, int seq, int status, int64_t at);
/* The highest seq of (service, day) within [from, to]; 0 when none. */
int ledger_highest(const struct ledger *l, const char *service, int day, int from, int to);
/* The latest status recorded for (service, day, seq); -1 when none. */
int ledger_status(const struct ledger *l, const char *service, int day, int seq);
/* Valid records held (tests). */
int ledger_count(const struct ledger *l);

#endif
