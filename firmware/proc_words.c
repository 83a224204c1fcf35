/* proc_words: a procedure's lines in words (proc_words.h). */
#include "proc_words.h"

#include <stdio.h>

void proc_words_paper(const struct i18n *t, enum lang l, const struct proc_paper *pa, char *out,
		      size_t len)
{
	char count[32], num[12];

	snprintf(num, sizeof(num), "%d", pa->count);
	/* "1 copy", "2 copies": English counts its nouns */
	i18n_fill(count, sizeof(count), i18n_get(t, l, pa->count == 1 ? "proc_count_one" : "proc_count"),
		  num);
	snprintf(out, len, "%s \xe2\x80\x94 %s, %s", pa->name[l], proc_form_word(pa->form, l), count);
}

void proc_words_ways(const struct i18n *t, enum lang l, unsigned ways, char *out, size_t len)
{
	static const char *const keys[] = { "proc_way_counter", "proc_way_post",
					    "proc_way_online_part", "proc_way_online_full" };
	size_t n = 0;

	out[0] = '\0';
	for (int i = 0; i < 4 && n < len; i++)
		if (ways & (1u << i))
			n += (size_t)snprintf(out + n, len - n, "%s%s", n ? ", " : "",
					      i18n_get(t, l, keys[i]));
}
