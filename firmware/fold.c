/* fold: case folding and decomposition by libunistring, then one pass over the code points
 * that drops marks and splits words (fold_words); fold_text joins its words. The only file
 * that includes unicase.h and unictype.h. */
#include "fold.h"

#include "err.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#define D_STROKE 0x0111   /* đ; Đ case-folds to it */
#define WORD_MARKS 6      /* a Vietnamese syllable has at most a vowel mark and a tone */

/* The NFD case fold of s, malloc'd (caller frees), with its length in *n. */
static uint8_t *decompose(const char *s, size_t *n)
{
	size_t len = strlen(s);

	if (u8_check((const uint8_t *)s, len))
		return NULL;
	*n = 0;
	if (len == 0)
		return calloc(1, 1);
	return u8_casefold((const uint8_t *)s, len, NULL, UNINORM_NFD, NULL, n);
}

static bool is_word_char(ucs4_t c)
{
	return uc_is_general_category(c, UC_CATEGORY_L) || uc_is_general_category(c, UC_CATEGORY_N);
}

static bool is_mark(ucs4_t c)
{
	return uc_is_general_category(c, UC_CATEGORY_M);
}

static int cmp_ucs4(const void *a, const void *b)
{
	ucs4_t x = *(const ucs4_t *)a, y = *(const ucs4_t *)b;

	return (x > y) - (x < y);
}

/* A word being built: its marks, to be sorted into the key when it ends. */
struct building {
	ucs4_t marks[WORD_MARKS];
	int nmarks;
	size_t start;     /* of its text in buf */
	bool open;
};

static void end_word(struct building *b, struct fold_word *w, char *buf, size_t *used)
{
	size_t k = 0;

	buf[(*used)++] = '\0';
	w->text = buf + b->start;
	qsort(b->marks, (size_t)b->nmarks, sizeof(b->marks[0]), cmp_ucs4);
	for (int i = 0; i < b->nmarks; i++) {
		int n = u8_uctomb((uint8_t *)w->marks + k, b->marks[i],
				  (int)(sizeof(w->marks) - 1 - k));

		if (n > 0)
			k += (size_t)n;
	}
	w->marks[k] = '\0';
	b->nmarks = 0;
	b->open = false;
}

int fold_words(const char *s, struct fold_word *w, int max, char *buf, size_t buflen)
{
	struct building b = { .open = false };
	size_t n, used = 0;
	uint8_t *d = decompose(s, &n);
	const uint8_t *p, *end;
	int nw = 0;

	if (!d)
		return errno == ENOMEM ? ERR_NOMEM : ERR_INVAL;
	for (p = d, end = d + n; p < end && nw < max;) {
		ucs4_t c;
		uint8_t one[6];
		int len;
		bool stroke;

		p += u8_mbtouc(&c, p, (size_t)(end - p));
		if (is_mark(c)) {
			if (b.open && b.nmarks < WORD_MARKS)
				b.marks[b.nmarks++] = c;
			continue;
		}
		stroke = c == D_STROKE;
		if (stroke)
			c = 'd';
		if (!is_word_char(c)) {
			if (b.open)
				end_word(&b, &w[nw++], buf, &used);
			continue;
		}
		len = u8_uctomb(one, c, (int)sizeof(one));
		if (len < 1 || used + (size_t)len + 1 > buflen)
			break;   /* the word does not fit: it and the rest are left out */
		if (!b.open)
			b = (struct building){ .start = used, .open = true };
		if (stroke && b.nmarks < WORD_MARKS)
			b.marks[b.nmarks++] = D_STROKE;
		memcpy(buf + used, one, (size_t)len);
		used += (size_t)len;
	}
	if (b.open && nw < max)
		end_word(&b, &w[nw++], buf, &used);
	free(d);
	return nw;
}

int fold_text(const char *s, char *out, size_t outlen)
{
	struct fold_word w[128];
	char buf[FOLD_MAX * 2];
	size_t k = 0;
	int n = fold_words(s, w, 128, buf, sizeof(buf)), rc = 0;

	if (outlen == 0)
		return ERR_RANGE;
	out[0] = '\0';
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(w[i].text);

		if (k + (i > 0) + len + 1 > outlen) {
			rc = ERR_RANGE;
			break;
		}
		if (i > 0)
			out[k++] = ' ';
		memcpy(out + k, w[i].text, len + 1);
		k += len;
	}
	return rc;
}
