/* Fuzz target: whatever the central system answers, the reply handling (events batch, queue
 * state, heartbeat with remote commands, catalogue) neither crashes nor marks events sent
 * unless the reply is well-formed, and never gives out a command twice. The first input byte
 * picks the HTTP status; the rest is the body. A real SQLite file holds three outbox rows.
 * Built with libFuzzer by `make fuzz`; its corpus is replayed in `make test`. */
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

static char path[64];

static struct sync *sync_fixture(void)
{
	static struct sync *sy;
	struct sync_config cfg = {
		.url = "https://127.0.0.1:1", .ca = "/nonexistent/ca.pem",
		.cert = "/nonexistent/k.pem", .key = "/nonexistent/k.key", .kiosk_id = "KIOSK-01",
		.batch = 3, .heartbeat_s = 60, .queue_s = 10,
	};

	if (!sy && sync_open(&cfg, path, &sy))
		abort();
	return sy;
}

/* Heartbeat and catalogue replies through a sync context on the same file: every command
 * given out is one never given out before. */
static void commands_and_catalog(const struct http_reply *r)
{
	static char seen[64][40];
	static int nseen;
	struct sync *sy = sync_fixture();
	struct sync_command c;
	char reason[128], *body = NULL, *text = NULL;

	if (sync_heartbeat_body(sy, &body) == 0)
		free(body);
	sync_apply_heartbeat_reply(sy, r, 1795367000, reason, sizeof(reason));
	while (sync_take_command(sy, &c)) {
		for (int i = 0; i < nseen; i++)
			if (strcmp(seen[i], c.id) == 0)
				abort();
		if (nseen < 64)
			snprintf(seen[nseen++], sizeof(seen[0]), "%s", c.id);
	}
	sync_apply_catalog_reply(sy, r, 1795367000, reason, sizeof(reason));
	if (sync_take_catalog(sy, &text))
		free(text);
}

static struct store *fixture(struct store_outbox_row *rows, int *n)
{
	static struct store *st;

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
	commands_and_catalog(&r);
	return 0;
}
