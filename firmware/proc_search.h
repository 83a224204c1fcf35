/* proc_search: finds procedures as people type on the kiosk: without diacritics ("dang ky
 * ket hon"), with them in NFC or NFD, đ or d, any case, words in any order, the last word a
 * prefix while it is being typed, or the national code with or without its dots ("1.001193",
 * "1001193", "001193"), or as raw Telex keys from a keyboard that does not compose them
 * ("ddangw kys": firmware/telex.h). Names are folded by firmware/fold (libunistring); the ranking is
 * ours, since no Debian library ranks Vietnamese words this way.
 *
 * A procedure matches when every word of the query matches a word of its names (Vietnamese
 * and English), of its field's name or of the names of the services that receive it. Ranked,
 * best first, by: a code match; words of the procedure's own name before those of its field
 * or services, whole words before prefixes; the marks typed found as typed ("hòa" finds
 * "hoà" first, then "hoa"); words in the typed order; procedures that one of the unit's
 * own services receives; then the shorter name; then the set's order.
 *
 * Build the index once per procedure set (and catalogue); each search is a scan of it, well
 * under a frame for thousands of procedures (make bench: proc_search_p99). */
#ifndef KIOSK_PROC_SEARCH_H
#define KIOSK_PROC_SEARCH_H

#include "catalog.h"
#include "proc.h"

#include <stddef.h>

#define PROC_QUERY_MAX 256   /* bytes of a query; the rest is ignored */

struct proc_search;

struct proc_hit {
	const struct proc *p;
	int score;
};

/* s must outlive the index; cat (may be NULL) names the unit's services, and is read only
 * here. Caller frees with proc_search_free. */
int proc_search_new(const struct proc_set *s, const struct catalog *cat,
		    struct proc_search **out);
void proc_search_free(struct proc_search *q);

/* The procedures that match query, best first, into out[0..max) (max at most 64); returns
 * how many match (possibly more than max). An empty query, or one without a letter or digit, matches none.
 * typing: the last word may be a prefix (the citizen is still typing it). */
size_t proc_search_run(struct proc_search *q, const char *query, bool typing,
		       struct proc_hit *out, size_t max);

/* True when one of the unit's services (the catalogue given to proc_search_new) receives p. */
bool proc_search_own(const struct proc_search *q, const struct proc *p);

#endif
