/* Fuzz target: whatever the central system answers, the reply handling (events batch, queue
 * state) neither crashes nor marks events sent unless the reply is well-formed. The first
 * input byte picks the HTTP status; the rest is the body. A real SQLite file holds three
 * outbox rows. Built with libFuzzer by `make fuzz`; its corpus is replayed in `make test`. */
#include "firmware/err.h"
#include "firmware/http.h"
#include "firmware/store.h"
#include "firmware/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const long statuses[] = { 200, 200, 200, 200, 503, 429, 403, 400, 201, 500 };

static struct store *fixture(struct store_outbox_row *rows, int *n)
{
	static struct store *st;
	static char path[64];

	if (!st) {
		snprintf(path, sizeof(path), "/tmp/kiosk-fuzz-%d.db", (int)getpid());
		unlink(path);
		if (store_open(path, &st))
			abort();
		for (int i = 0; i < 3; i++)
			store_event(st, "health.printer", "{\"printer\":\"ready\"}", 1795366800 + i);
	}
	store_exec(st, "UPDATE outbox SET sent_at = NULL");
	if (store_outbox_pending(st, 3, rows, n) || *n != 3)
		abort();
	return st;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct store_outbox_row rows[3];
	char body[1 << 16], reason[128];
	struct http_reply r = { .retry_after_s = -1 };
	struct store *st;
	int n, rc, backlog;

	if (size < 1 || size > sizeof(body))
		return 0;
	st = fixture(rows, &n);
	memcpy(body, data + 1, size - 1);
	body[size - 1] = '\0';
	r.status = statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))];
	r.body = body;
	r.len = size - 1;
	rc = sync_apply_events_reply(st, rows, n, &r, 1795367000, reason, sizeof(reason));
	if (store_outbox_backlog(st, &backlog))
		abort();
	/* marked sent only as a whole, and only on success */
	if ((rc == 0) != (backlog == 0) || (rc != 0 && backlog != 3))
		abort();
	sync_apply_queue_reply(st, &r, 1795367000, reason, sizeof(reason));
	return 0;
}
