/* telex: Vietnamese typed on a plain Latin keyboard, the way most Vietnamese type it.
 *
 * Keys compose the letter or syllable before them:
 *   aa â, ee ê, oo ô, aw ă, ow ơ, uw ư, uow ươ, a bare w ư, dd đ (the first d of the word);
 *   s sắc, f huyền, r hỏi, x ngã, j nặng, z removes the tone.
 * The tone sits where current spelling puts it ("hoaf" -> "hoà", "thuys" -> "thuý",
 * "nguoiwf" -> "người") and moves as the syllable grows ("hofa" -> "hoà"). Pressing the same
 * key again undoes it and types the letter ("ass" -> "as", "aaa" -> "aa", "ddd" -> "dd"); the
 * key then stays literal for the rest of the word. Capitals keep their case ("DD" -> "Đ",
 * "HOAF" -> "HOÀ"). A key only transforms a word shaped like a Vietnamese syllable (initial,
 * 1-3 vowels, final), so "http", "Fax" or "email" stay as typed. Digits, spaces and punctuation end a word. Text that
 * already carries Vietnamese letters ("hòa", "hoà", NFC or NFD) is kept as it is.
 *
 * Pure: no I/O, no allocation. The buffer holds code points; telex_utf8 gives NFC UTF-8. */
#ifndef KIOSK_TELEX_H
#define KIOSK_TELEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TELEX_MAX 2048   /* code points held; a key beyond is refused with ERR_RANGE */

struct telex {
	uint32_t cp[TELEX_MAX];
	int n;
	uint32_t undone;    /* bit (key - 'a'): keys made literal in the current word */
	int bare_w;         /* index of a "ư" the previous key typed as a bare w, or -1 */
	bool toned;         /* a tone key marked the current word: its tone follows the syllable */
};

void telex_clear(struct telex *t);
/* One key (a code point). 0, or ERR_RANGE when the buffer is full (nothing changed). */
int telex_key(struct telex *t, uint32_t key);
/* Text from a keyboard, NFC-normalised first, each code point through telex_key. ERR_INVAL
 * for bad UTF-8 (nothing changed); ERR_RANGE when it did not all fit (what fitted is kept). */
int telex_input(struct telex *t, const char *utf8);
/* Deletes the last letter (a whole composed letter: "hoà" -> "ho"). */
void telex_backspace(struct telex *t);
/* The text as NFC UTF-8. ERR_RANGE when it does not fit in len (out is then ""). */
int telex_utf8(const struct telex *t, char *out, size_t len);
/* Convenience: the composition of a whole key sequence. */
int telex_compose(const char *keys, char *out, size_t len);
/* Upper case of a Latin or Vietnamese letter; other code points unchanged. */
uint32_t telex_upper(uint32_t cp);

#endif
