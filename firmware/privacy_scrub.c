/* privacy_scrub: the safety net under every log line and error message (privacy.h). No
 * dependency, so that every program that logs can link it. */
#include "privacy.h"

#include <stdbool.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A digit, letter or '_' next to a run makes it part of a longer token (a hex id, a file
 * name), not an ID number of its own. */
static bool word_char(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

void privacy_scrub(char *s)
{
	for (char *p = s; *p;) {
		char *q = p;

		if (!is_digit(*p) || (p > s && word_char(p[-1]))) {
			p++;
			continue;
		}
		while (is_digit(*q))
			q++;
		if ((q - p == 9 || q - p == 12) && !word_char(*q))
			for (char *d = p; d < q; d++)
				*d = '*';
		p = q;
	}
}
