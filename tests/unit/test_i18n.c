/* String catalogues: English covers every Vietnamese key; placeholders are filled safely. */
#include "../t.h"
#include "../../firmware/i18n.h"

#include <stdio.h>

T_TEST(i18n_english_has_every_key)
{
	struct i18n *t;
	const char *missing[8];
	size_t n;

	T_OK(i18n_new(&t));
	n = i18n_missing(t, LANG_EN, missing, 8);
	for (size_t i = 0; i < n && i < 8; i++)
		printf("    missing in en: %s\n", missing[i]);
	T_EQ(n, 0);
	T_STREQ(i18n_get(t, LANG_VI, "ticket_done"), "Xong");
	T_STREQ(i18n_get(t, LANG_EN, "ticket_done"), "Done");
	T_STREQ(i18n_get(t, LANG_EN, "no_such_key"), "no_such_key");
	i18n_free(t);
}

T_TEST(i18n_fill_replaces_first_hole_only)
{
	char out[64];

	i18n_fill(out, sizeof(out), "Quầy {} và {}", "1, 2");
	T_STREQ(out, "Quầy 1, 2 và {}");
	i18n_fill(out, sizeof(out), "no hole", "x");
	T_STREQ(out, "no hole");
	i18n_fill(out, sizeof(out), "{}", "%s%n%d");
	T_STREQ(out, "%s%n%d");
}
