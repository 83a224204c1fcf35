/* retention: the worker that keeps the database bounded (firmware/store_retention.h), on its
 * own thread and database handle: a pass shortly after start, then every
 * RETENTION_PERIOD_S, each of small batches so that a citizen's ticket never waits behind it.
 * The limits come from [storage] (docs/storage.md). */
#ifndef KIOSK_RETENTION_H
#define KIOSK_RETENTION_H

#include "config.h"
#include "store_retention.h"

#include <stdint.h>

#define RETENTION_PERIOD_S 600
#define RETENTION_FIRST_S 5
#define RETENTION_MAX_BATCHES 40    /* per pass: 20 000 rows, the rest at the next */

struct retention;

/* The limits for `now` (UTC seconds): each "kept N days" of cfg counted back from now, the
 * tickets' from the local service day. */
void retention_limits(const struct config_storage *cfg, int64_t now, struct store_retention *out);
struct storage;
/* Starts the worker on db_path; caller stops it with retention_stop (NULL: nothing). Each pass
 * also makes the storage reserve again when it was given up and there is room (g borrowed,
 * may be NULL). */
int retention_start(const char *db_path, const struct config_storage *cfg, struct storage *g,
		    struct retention **out);
void retention_stop(struct retention *r);

#endif
