/* fold: the search form of a text, so that what a citizen types on the kiosk finds what the
 * catalogue writes: "Đăng ký kết hôn", "dang ky ket hon", "ĐĂNG KÝ" (NFD or NFC) and
 * "hoà"/"hòa" all fold to the same words.
 *
 * Folding lower-cases (Unicode case folding), decomposes (NFD), drops every combining mark,
 * writes "đ" as "d", and keeps letters and digits as words; everything else (blanks,
 * punctuation, dots, dashes) separates words. The Unicode work is libunistring's
 * (u8_casefold to NFD, uc_is_general_category); only the đ rule is ours, since đ has no
 * decomposition in Unicode.
 *
 * Each word also gets its marks as a key that does not depend on where the tone mark sits
 * ("hòa" and "hoà" give the same key, "hoa" an empty one), so that a search can rank a mark
 * the citizen typed above a word that lacks it. */
#ifndef KIOSK_FOLD_H
#define KIOSK_FOLD_H

#include <stddef.h>

#define FOLD_MAX 1024        /* bytes of folded text any caller needs for one name */
#define FOLD_MARKS_MAX 16    /* bytes of a word's marks key, NUL included */

struct fold_word {
	const char *text;            /* folded, NUL-terminated, inside the caller's buf */
	char marks[FOLD_MARKS_MAX];  /* sorted marks (and đ's stroke); "" for none */
};

/* Folded s into out, words separated by one space (NUL-terminated). 0; ERR_INVAL for bad
 * UTF-8; ERR_RANGE when it does not fit (out then holds the words that fit). */
int fold_text(const char *s, char *out, size_t outlen);

/* The words of s, folded into buf (each NUL-terminated), into w[0..max). Returns the number
 * of words (at most max; words past max or past buf are left out), or ERR_INVAL. */
int fold_words(const char *s, struct fold_word *w, int max, char *buf, size_t buflen);

#endif
