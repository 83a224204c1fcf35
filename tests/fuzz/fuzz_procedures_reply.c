/* Fuzz target: whatever the central system answers to GET /api/v1/procedures, and whatever a
 * procedures file holds, nothing crashes and the last good list stays: a reply that is not
 * accepted leaves the stored ETag and offers nothing; an accepted one offers text that
 * proc_load_string accepts again, and that text can be searched. The first input byte picks
 * the HTTP status, or (when it is 0xff) has the rest read as a procedures file directly.
 * Built with libFuzzer by `make fuzz`; its corpus is replayed in `make test`. */
#include "firmware/err.h"
#include "firmware/http.h"
#include "firmware/proc.h"
#include "firmware/proc_search.h"
#include "firmware/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const long statuses[] = { 200, 200, 200, 200, 200, 304, 503, 404, 500, 201 };
static const char *const queries[] = { "khai sinh", "dang ky ket hon", "1.001193", "đ", "x" };

static struct sync *fixture(void)
{
	static struct sync *sy;
	static char path[64];
	struct sync_config cfg = {
		.url = "https://127.0.0.1:1", .ca = "/nonexistent/ca.pem",
		.cert = "/nonexistent/k.pem", .key = "/nonexistent/k.key", .kiosk_id = "KIOSK-01",
		.batch = 3, .heartbeat_s = 60, .queue_s = 10,
	};

	if (!sy) {
		snprintf(path, sizeof(path), "/tmp/kiosk-fuzz-proc-%d.db", (int)getpid());
		unlink(path);
		if (sync_open(&cfg, path, &sy))
			abort();
	}
	return sy;
}

/* Loads text as a procedures file; when it is one, every query runs over it. */
static void parse_and_search(const char *text)
{
	struct proc_set *s = NULL;
	struct proc_search *q = NULL;
	struct proc_hit hits[8];
	char err[256];

	if (proc_load_string(text, "fuzz", &s, err, sizeof(err)) != 0) {
		if (s || !memchr(err, '\0', sizeof(err)))
			abort();
		return;
	}
	if (proc_count(s) == 0 || proc_search_new(s, NULL, &q) != 0)
		abort();
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++)
		if (proc_search_run(q, queries[i], i % 2, hits, 8) > proc_count(s))
			abort();
	proc_search_free(q);
	proc_free(s);
}

static void reply(const char *body, size_t len, long status, const unsigned char *tag)
{
	struct sync *sy = fixture();
	struct http_reply r = { .status = status, .body = body, .len = len, .retry_after_s = -1 };
	char before[128], after[128], reason[128], *text = NULL;
	int rc;

	snprintf(r.etag, sizeof(r.etag), "\"%02x%02x\"", tag[0], tag[1]);
	sync_procedures_etag(sy, before, sizeof(before));
	rc = sync_apply_procedures_reply(sy, &r, 1795367000, reason, sizeof(reason));
	sync_procedures_etag(sy, after, sizeof(after));
	if (sync_take_procedures(sy, &text)) {
		if (rc != 0 || status != 200 || strcmp(after, r.etag) != 0)
			abort();
		parse_and_search(text);
		free(text);
	} else if (strcmp(before, after) != 0 || (rc == 0 && status == 200)) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static char body[1 << 20];
	static const unsigned char zero[2];

	if (size < 1 || size > sizeof(body))
		return 0;
	memcpy(body, data + 1, size - 1);
	body[size - 1] = '\0';
	if (data[0] == 0xff)
		parse_and_search(body);
	else
		reply(body, size - 1, statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))],
		      size >= 3 ? data + 1 : zero);
	return 0;
}
