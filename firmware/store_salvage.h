/* store_salvage: what can still be read of a database moved aside as damaged
 * (store_quarantine), carried into the new one: the tickets of the last days (so that counts
 * and the people ahead stay right; numbering itself continues from the ledger either way)
 * and every event the central system has not acknowledged, with its own event id, so that
 * nothing is sent twice and nothing the central system lacks is lost. The damaged file is
 * opened read-only and never changed. Tables are read without their indexes (a damaged
 * index must not hide rows the table still has), row by row until the first error. Part of
 * the store module. */
#ifndef KIOSK_STORE_SALVAGE_H
#define KIOSK_STORE_SALVAGE_H

#include "store.h"

#include <stdbool.h>

struct store_salvage_report {
	int tickets;          /* ticket rows carried over */
	int events;           /* unsent events carried over */
	int events_missing;   /* outbox rows after the first unsent one whose ids are missing */
	bool complete;        /* both tables read to their end without an error */
	bool opened;          /* SQLite could open the damaged file at all */
};

/* From the file at damaged into s (a new database): tickets of service days >= since_day,
 * and unsent events. Returns 0 (what was read is in the report), or an error of s. */
int store_salvage(struct store *s, const char *damaged, int since_day,
		  struct store_salvage_report *rep);

#endif
