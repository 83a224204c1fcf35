/* rating_words: the reasons' ids and a unit's level labels. */
#include "rating_words.h"

#include "err.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const reason_ids[RR_COUNT] = {
	[RR_ATTITUDE] = "attitude", [RR_GUIDANCE] = "guidance", [RR_WAIT] = "wait",
	[RR_LATE] = "late", [RR_EXTRA] = "extra", [RR_HARASSMENT] = "harassment",
	[RR_OTHER] = "other",
};

const char *rating_reason_id(int r)
{
	return r >= 0 && r < RR_COUNT ? reason_ids[r] : NULL;
}

int rating_reason_parse(const char *s, size_t len)
{
	for (int r = 0; r < RR_COUNT; r++)
		if (strlen(reason_ids[r]) == len && strncmp(reason_ids[r], s, len) == 0)
			return r;
	return -1;
}

/* The i-th item of a comma-separated list, trimmed of spaces: *start and *n. false: none. */
static bool list_item(const char *list, int i, const char **start, size_t *n)
{
	const char *p = list;

	for (; i > 0 && p; i--) {
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	if (!p)
		return false;
	p += strspn(p, " \t");
	*n = strcspn(p, ",");
	while (*n > 0 && (p[*n - 1] == ' ' || p[*n - 1] == '\t'))
		(*n)--;
	*start = p;
	return true;
}

int rating_label_count(const char *list)
{
	const char *s;
	size_t n;
	int i = 0;

	for (; list_item(list, i, &s, &n); i++)
		if (n == 0)
			return -1;
	return i;
}

int rating_label(const char *list, int levels, int level, char *out, size_t len)
{
	const char *s;
	size_t n;

	if (!list || !list[0] || level < 1 || level > levels ||
	    rating_label_count(list) != levels || !list_item(list, levels - level, &s, &n))
		return ERR_NOTFOUND;
	snprintf(out, len, "%.*s", (int)n, s);
	return 0;
}
