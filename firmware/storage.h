/* storage: whether the disk under var_dir can take a ticket's records (docs/storage.md).
 *
 * A ticket is issued only when the store can keep all of it: the ledger is open
 * (firmware/ledger.h), the disk has at least min_free_kb free, and the reserve is in place.
 * The reserve is a file of reserve_kb written in full (var_dir/reserve.space); when a record
 * of a ticket already printed fails for want of space, it is deleted and the record tried
 * again, so that the citizen's ticket is kept, and tickets stay off until the disk has room
 * for the reserve again and it is made again (storage_remake_reserve). Lookups and ratings do not ask. No SQLite here. */
#ifndef KIOSK_STORAGE_H
#define KIOSK_STORAGE_H

#include <stdbool.h>
#include <stdint.h>

struct storage_limits {
	int min_free_kb;   /* [storage] min_free_kb; 0: no free-space check */
	int reserve_kb;    /* [storage] reserve_kb; 0: no reserve */
};

struct storage;

/* dir is var_dir (it must exist); the reserve is made when missing and there is room. Caller
 * frees with storage_close (the reserve stays for the next start). ERR_NOMEM only. */
int storage_open(const char *dir, const struct storage_limits *lim, struct storage **out);
void storage_close(struct storage *g);
/* Tickets may be issued now (see above). Cheap (a statvfs and a stat): the UI asks it. */
bool storage_ok(struct storage *g);
/* Makes the reserve again when it is missing and the disk has room for it and min_free_kb:
 * writes reserve_kb, so it runs off the UI thread (the retention worker, and start-up).
 * Touches files only: safe beside storage_ok on another thread. */
void storage_remake_reserve(struct storage *g);
/* Tickets off (held true) for a reason found elsewhere: no ledger, a record that failed. */
void storage_hold(struct storage *g, bool held);
/* Deletes the reserve to give its space to a record; ERR_NOTFOUND when there is none. */
int storage_release(struct storage *g);
/* Free space under dir for an unprivileged writer, in KB (-1 when unknown). */
long long storage_free_kb(const struct storage *g);
const char *storage_dir(const struct storage *g);
/* The operator's sentence for a disk too full to work: the path, the space free and what to
 * do, in out. */
void storage_advice(const struct storage *g, char *out, unsigned len);

#endif
