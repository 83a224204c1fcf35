/* store_retention: bounded growth (docs/storage.md). Old rows go in small batches, each its
 * own short transaction, so that a ticket waits for at most one batch; what they leave is
 * freed (incremental vacuum on a file made with it) or reused by later rows. Never deleted:
 * an event the central system does not have, a ticket still pending. Part of the store
 * module; run by the retention worker (firmware/retention.h) on its own handle. */
#ifndef KIOSK_STORE_RETENTION_H
#define KIOSK_STORE_RETENTION_H

#include "store.h"

#include <stdint.h>

#define STORE_RETENTION_BATCH 500

struct store_retention {
	int64_t events_before;    /* sent outbox rows sent before this (UTC seconds) */
	int tickets_before;       /* tickets and counter state of service days before (YYYYMMDD) */
	int64_t ratings_before;   /* ratings made before this */
	int64_t comments_before;  /* comment text of ratings made before this, cleared */
	int64_t cache_before;     /* cached answers fetched before this */
};

/* One pass: at most max_batches batches of STORE_RETENTION_BATCH rows in all; *deleted gets
 * the rows deleted or cleared. Returns 0, or the first error (what was done stays done). */
int store_retention_run(struct store *s, const struct store_retention *r, int max_batches,
			int *deleted);

#endif
