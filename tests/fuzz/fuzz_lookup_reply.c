/* Fuzz target: whatever the central system answers to a dossier or ticket lookup, the
 * judgement (lookup_judge_reply) neither crashes nor returns anything half-filled: a FOUND
 * answer has a status 1..10, NUL-terminated valid UTF-8 text, an owner name that is already
 * masked (masking it again changes nothing), and a served ticket names its officer; any other
 * state returns no dossier and no ticket, with a reason. The first input byte picks the HTTP
 * status (low bits) and the kind (high bit); the rest is the body. Built with libFuzzer by
 * `make fuzz`; its corpus is replayed in `make test`. */
#include "firmware/dossier.h"
#include "firmware/lookup.h"
#include "firmware/utf8.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define CODE "000.00.01.H29-261120-0001"
#define TICKET "KIOSK-01-20261123-A001"

static const long statuses[] = { 200, 200, 200, 200, 200, 404, 404, 503, 500, 301 };

static void text_ok(const char *s, size_t cap)
{
	size_t n = strnlen(s, cap);

	if (n == cap || !utf8_valid(s, n))
		abort();
}

static void check_found(const struct lookup_answer *a)
{
	const struct dossier_info *d = &a->dossier;
	char again[sizeof(d->owner_masked)];

	if (a->kind == LOOKUP_TICKET_OFFICER) {
		text_ok(a->ticket.officer_id, sizeof(a->ticket.officer_id));
		text_ok(a->ticket.counter, sizeof(a->ticket.counter));
		if (a->ticket.served != (a->ticket.officer_id[0] != '\0'))
			abort();
		if (strcmp(a->ticket.ticket_id, TICKET) != 0)
			abort();
		return;
	}
	if (d->status < DOSSIER_STATUS_MIN || d->status > DOSSIER_STATUS_MAX || !d->code[0] ||
	    !d->procedure[LANG_VI][0] || !d->procedure[LANG_EN][0])
		abort();
	if (d->received_s < 0 || d->due_s < 0 || d->rescheduled_due_s < 0)
		abort();
	text_ok(d->code, sizeof(d->code));
	text_ok(d->procedure[LANG_VI], sizeof(d->procedure[LANG_VI]));
	text_ok(d->procedure[LANG_EN], sizeof(d->procedure[LANG_EN]));
	text_ok(d->owner_masked, sizeof(d->owner_masked));
	text_ok(d->counter, sizeof(d->counter));
	text_ok(d->service, sizeof(d->service));
	text_ok(d->officer_id, sizeof(d->officer_id));
	dossier_mask_name(d->owner_masked, again, sizeof(again));
	if (strcmp(again, d->owner_masked) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const struct dossier_info no_dossier;
	static const struct ticket_officer no_ticket;
	struct lookup_answer a;
	enum lookup_kind kind;
	enum lookup_state st;

	if (size < 1)
		return 0;
	kind = (data[0] & 0x80) ? LOOKUP_TICKET_OFFICER : LOOKUP_DOSSIER;
	memset(&a, 0x5a, sizeof(a));
	st = lookup_judge_reply(kind, kind == LOOKUP_DOSSIER ? CODE : TICKET,
				statuses[(data[0] & 0x7f) % (sizeof(statuses) / sizeof(statuses[0]))],
				(const char *)data + 1, size - 1, &a);
	if (st != a.state || a.kind != kind)
		abort();
	text_ok(a.reason, sizeof(a.reason));
	if (st == LOOKUP_FOUND) {
		check_found(&a);
	} else {
		if (memcmp(&a.dossier, &no_dossier, sizeof(no_dossier)) != 0 ||
		    memcmp(&a.ticket, &no_ticket, sizeof(no_ticket)) != 0)
			abort();
		if (st != LOOKUP_NOT_FOUND && !a.reason[0])
			abort();
	}
	return 0;
}
