/* consult: the procedure journey (consult.h). The index follows cx->procs_gen; everything the
 * citizen did (query, results, the open procedure) goes at consult_leave. */
#include "consult.h"

#include "journey_internal.h"
#include "prints.h"
#include "take.h"

#include "firmware/catalog.h"
#include "firmware/err.h"
#include "firmware/events.h"
#include "firmware/log.h"
#include "firmware/queue.h"
#include "firmware/store.h"
#include "firmware/telex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct consult {
	struct journey_ctx *cx;
	struct prints *prints;
	struct take *take;
	struct proc_search *index;
	unsigned index_gen;           /* cx->procs_gen the index was built for */
	bool indexed;
	struct proc_hit hits[CONSULT_RESULTS];
	size_t nhits, total;
	char open[PROC_CODE_MAX];     /* the procedure open, "" none */
	enum consult_via via;
	enum consult_print printed;
	bool print_out;               /* a checklist sent, its result not back */
	char print_code[PROC_CODE_MAX];
	enum consult_via print_via;
	struct telex typed;           /* the search screen's query, as composed */
	char query[CONSULT_QUERY_MAX * 4 + 1];
};

int consult_new(struct journey_ctx *cx, struct prints *p, struct take *t, struct consult **out)
{
	struct consult *c = calloc(1, sizeof(*c));

	if (!c)
		return ERR_NOMEM;
	c->cx = cx;
	c->prints = p;
	c->take = t;
	telex_clear(&c->typed);
	*out = c;
	return 0;
}

void consult_free(struct consult *c)
{
	if (!c)
		return;
	proc_search_free(c->index);
	free(c);
}

/* The hits point into the set: they go with the index. */
static void forget_results(struct consult *c)
{
	memset(c->hits, 0, sizeof(c->hits));
	c->nhits = c->total = 0;
}

static struct proc_search *index_of(struct consult *c)
{
	int rc;

	if (c->indexed && c->index_gen == c->cx->procs_gen)
		return c->index;
	proc_search_free(c->index);
	c->index = NULL;
	forget_results(c);
	c->indexed = true;
	c->index_gen = c->cx->procs_gen;
	if (!c->cx->procs)
		return NULL;
	rc = proc_search_new(c->cx->procs, c->cx->cat, &c->index);
	if (rc)
		log_error("consult: cannot index the procedures: %s", err_str(rc));
	return c->index;
}

void consult_prepare(struct consult *c)
{
	index_of(c);
}

bool consult_ready(const struct consult *c)
{
	return c->indexed && c->index_gen == c->cx->procs_gen;
}

const struct proc_set *consult_set(struct consult *c)
{
	index_of(c);
	return c->cx->procs;
}

size_t consult_search(struct consult *c, const char *query, bool typing)
{
	struct proc_search *q = index_of(c);

	forget_results(c);
	if (!q)
		return 0;
	c->total = proc_search_run(q, query, typing, c->hits, CONSULT_RESULTS);
	c->nhits = c->total < CONSULT_RESULTS ? c->total : CONSULT_RESULTS;
	return c->total;
}

const struct proc_hit *consult_results(const struct consult *c, size_t *n, size_t *total)
{
	*n = c->nhits;
	if (total)
		*total = c->total;
	return c->hits;
}

/* The query changed: its text again, and the search run on it. */
static void requery(struct consult *c)
{
	if (telex_utf8(&c->typed, c->query, sizeof(c->query)) != 0)
		c->query[0] = '\0';
	consult_search(c, c->query, true);
}

int consult_key(struct consult *c, uint32_t key)
{
	struct telex before = c->typed;
	int rc = telex_key(&c->typed, key);

	if (rc == 0 && c->typed.n > CONSULT_QUERY_MAX)
		rc = ERR_RANGE;
	if (rc) {
		c->typed = before;
		return rc;
	}
	requery(c);
	return 0;
}

int consult_text(struct consult *c, const char *utf8)
{
	struct telex before = c->typed;
	int rc = telex_input(&c->typed, utf8);

	if (rc == 0 && c->typed.n > CONSULT_QUERY_MAX)
		rc = ERR_RANGE;
	if (rc) {
		c->typed = before;   /* a paste too long is refused whole: nothing half-typed */
		return rc;
	}
	requery(c);
	return 0;
}

void consult_backspace(struct consult *c)
{
	telex_backspace(&c->typed);
	requery(c);
}

void consult_clear(struct consult *c)
{
	telex_clear(&c->typed);
	c->query[0] = '\0';
	forget_results(c);
}

const char *consult_query(const struct consult *c)
{
	return c->query;
}

static const char *const via_words[] = { [CONSULT_BROWSE] = "browse", [CONSULT_SEARCH] = "search" };

static void usage_of(struct consult *c, const char *code, enum consult_via via,
		     const char *action)
{
	char body[256];
	int rc = events_procedure(code, action, via_words[via], body, sizeof(body));

	journey_event(c->cx, "consult", "procedure.usage", rc, body);
}

static void usage(struct consult *c, const char *action)
{
	usage_of(c, c->open, c->via, action);
}

const struct proc *consult_current(const struct consult *c)
{
	if (!c->open[0] || !c->cx->procs || c->index_gen != c->cx->procs_gen)
		return NULL;
	return proc_find(c->cx->procs, c->open);
}

int consult_open(struct consult *c, const char *code, enum consult_via via)
{
	const struct proc *p;

	index_of(c);
	p = c->cx->procs ? proc_find(c->cx->procs, code) : NULL;
	if (!p)
		return ERR_NOTFOUND;
	snprintf(c->open, sizeof(c->open), "%s", p->code);
	c->via = via;
	c->printed = CONSULT_PRINT_NONE;
	usage(c, "viewed");
	return 0;
}

enum consult_take consult_take_state(struct consult *c, char *prefix, size_t len, int64_t *when)
{
	const struct proc *p = consult_current(c);
	const struct catalog_service *later = NULL;
	enum queue_avail later_avail = QUEUE_CLOSED;
	int64_t first = -1;

	*when = -1;
	if (len)
		prefix[0] = '\0';
	for (int i = 0; p && i < p->nservices; i++) {
		const struct catalog_service *s = catalog_service_find(c->cx->cat, p->services[i]);
		struct queue_avail_info info;

		if (!s || take_availability(c->take, s, &info) != 0)
			continue;
		if (info.avail == QUEUE_OPEN) {
			snprintf(prefix, len, "%s", s->prefix);
			return CONSULT_TAKE_OPEN;
		}
		if (!later || (info.next_open >= 0 && (first < 0 || info.next_open < first))) {
			later = s;
			later_avail = info.avail;
			first = info.next_open;
		}
	}
	if (!later)
		return CONSULT_TAKE_NONE;
	snprintf(prefix, len, "%s", later->prefix);
	*when = first;
	return later_avail == QUEUE_FULL ? CONSULT_TAKE_FULL : CONSULT_TAKE_LATER;
}

int consult_take_number(struct consult *c, int64_t tap_ns)
{
	char prefix[8];
	int64_t when;
	enum consult_take st = consult_take_state(c, prefix, sizeof(prefix), &when);

	if (st == CONSULT_TAKE_NONE)
		return ERR_NOTFOUND;
	usage(c, "number");
	take_new_request(c->take);
	if (st == CONSULT_TAKE_OPEN)
		take_number(c->take, prefix, 0, tap_ns);
	else
		take_refuse(c->take, prefix, st == CONSULT_TAKE_FULL ? TAKE_NOTICE_FULL
							: TAKE_NOTICE_CLOSED, when);
	return 0;
}

int consult_print(struct consult *c)
{
	const struct proc *p = consult_current(c);
	int rc;

	if (!p)
		return ERR_STATE;
	rc = prints_checklist(c->prints, p);
	if (rc) {
		log_warn("consult: checklist of %s not printed: %s", p->code, err_str(rc));
		return rc;
	}
	c->printed = CONSULT_PRINT_PRINTING;
	c->print_out = true;
	snprintf(c->print_code, sizeof(c->print_code), "%s", p->code);
	c->print_via = c->via;
	return 0;
}

void consult_on_print(struct consult *c, const struct printq_result *res)
{
	if (!c->print_out)
		return;
	c->print_out = false;
	if (res->rc == 0)
		usage_of(c, c->print_code, c->print_via, "printed");   /* even if the citizen left */
	else
		log_warn("consult: checklist print failed: %s", err_str(res->rc));
	if (c->printed == CONSULT_PRINT_PRINTING)
		c->printed = res->rc == 0 ? CONSULT_PRINT_DONE : CONSULT_PRINT_FAILED;
}

enum consult_print consult_printed(const struct consult *c)
{
	return c->printed;
}

void consult_leave(struct consult *c)
{
	consult_clear(c);
	c->open[0] = '\0';
	c->printed = CONSULT_PRINT_NONE;
}
