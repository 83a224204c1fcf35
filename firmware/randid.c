/* randid: getrandom() never fails for 16 bytes once the pool is initialised; loop on EINTR. */
#include "randid.h"

#include <sys/random.h>

void randid_hex(char out[RANDID_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[RANDID_LEN / 2];
	size_t got = 0;

	while (got < sizeof(b)) {
		ssize_t n = getrandom(b + got, sizeof(b) - got, 0);
		if (n > 0)
			got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof(b); i++) {
		out[2 * i] = hex[b[i] >> 4];
		out[2 * i + 1] = hex[b[i] & 15];
	}
	out[RANDID_LEN] = '\0';
}
