/* lang: language codes. */
#include "lang.h"

#include <string.h>

static const char *const codes[LANG_COUNT] = { "vi", "en" };

const char *lang_code(enum lang l)
{
	return (unsigned)l < LANG_COUNT ? codes[l] : "vi";
}

int lang_parse(const char *code)
{
	for (int i = 0; i < LANG_COUNT; i++)
		if (strcmp(code, codes[i]) == 0)
			return i;
	return -1;
}
