/* Fuzz target: whatever the central system answers to POST /api/v1/numbers, the judgement
 * (numbers_judge_reply) neither crashes nor hands out a number it should not: a CENTRAL answer
 * has a number 1..9999 outside the reserved range and no reason; a FALLBACK one has no number
 * and a reason; both name the request asked about and hold NUL-terminated text. The first
 * input byte picks the HTTP status; the rest is the body. Built with libFuzzer by `make fuzz`;
 * its corpus is replayed in `make test`. */
#include "firmware/numbers.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const long statuses[] = { 200, 200, 200, 200, 200, 409, 503, 500, 404, 301 };

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const struct numbers_request q = { "0123456789abcdef0123456789abcdef", "A", 0,
						  20261123 };
	static const struct numbers_range r = { 900, 949 };
	struct numbers_answer a;
	enum numbers_result res;

	if (size < 1)
		return 0;
	memset(&a, 0x5a, sizeof(a));
	res = numbers_judge_reply(&q, r, statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))],
				  (const char *)data + 1, size - 1, &a);
	if (res != a.result || strcmp(a.request_id, q.request_id) != 0 ||
	    !memchr(a.reason, '\0', sizeof(a.reason)))
		abort();
	if (res == NUMBERS_CENTRAL &&
	    (a.seq < 1 || a.seq > NUMBERS_SEQ_MAX || (a.seq >= r.from && a.seq <= r.to) ||
	     a.reason[0]))
		abort();
	if (res == NUMBERS_FALLBACK && (a.seq != 0 || !a.reason[0]))
		abort();
	if (res != NUMBERS_CENTRAL && res != NUMBERS_FALLBACK)
		abort();
	return 0;
}
