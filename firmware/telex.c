/* telex: each key looks at the word before it (the trailing run of letters), decomposed into
 * letters of (base, shape, tone, case). A syllable is parsed as initial consonants, 1-3
 * vowels and a final consonant; a key either transforms that word (tone, hat, breve or horn,
 * đ) or is appended, and the tone is re-placed whenever the word changes. Start at
 * telex_key. */
#include "telex.h"

#include "err.h"
#include "utf8.h"

#include <stdbool.h>
#include <string.h>

#define WORD_MAX 12   /* longer runs of letters are not syllables: keys stay literal */

enum shape { SH_NONE, SH_HAT, SH_BREVE, SH_HORN, SH_STROKE };

struct letter {
	char base;             /* lowercase ASCII */
	unsigned char shape;   /* enum shape */
	unsigned char tone;    /* 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng */
	bool upper;
};

/* Lowercase vowels by (base, shape), each in the six tones, in the order of TONE_KEYS. */
static const struct {
	char base;
	unsigned char shape;
	uint32_t cp[6];
} vowels[] = {
	{ 'a', SH_NONE, { 0x61, 0xE1, 0xE0, 0x1EA3, 0xE3, 0x1EA1 } },
	{ 'a', SH_BREVE, { 0x103, 0x1EAF, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EB7 } },
	{ 'a', SH_HAT, { 0xE2, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EAD } },
	{ 'e', SH_NONE, { 0x65, 0xE9, 0xE8, 0x1EBB, 0x1EBD, 0x1EB9 } },
	{ 'e', SH_HAT, { 0xEA, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7 } },
	{ 'i', SH_NONE, { 0x69, 0xED, 0xEC, 0x1EC9, 0x129, 0x1ECB } },
	{ 'o', SH_NONE, { 0x6F, 0xF3, 0xF2, 0x1ECF, 0xF5, 0x1ECD } },
	{ 'o', SH_HAT, { 0xF4, 0x1ED1, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED9 } },
	{ 'o', SH_HORN, { 0x1A1, 0x1EDB, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EE3 } },
	{ 'u', SH_NONE, { 0x75, 0xFA, 0xF9, 0x1EE7, 0x169, 0x1EE5 } },
	{ 'u', SH_HORN, { 0x1B0, 0x1EE9, 0x1EEB, 0x1EED, 0x1EEF, 0x1EF1 } },
	{ 'y', SH_NONE, { 0x79, 0xFD, 0x1EF3, 0x1EF7, 0x1EF9, 0x1EF5 } },
};

#define NVOWELS (sizeof(vowels) / sizeof(vowels[0]))
#define D_STROKE 0x111
static const char TONE_KEYS[] = "zsfrxj";   /* index = tone */

/* Combining marks of decomposed (NFD) Vietnamese: tones, then shapes. */
static const uint32_t COMBINING_TONE[6] = { 0, 0x301, 0x300, 0x309, 0x303, 0x323 };

/* ---- letters --------------------------------------------------------------------------- */

uint32_t telex_upper(uint32_t cp)
{
	if (cp >= 'a' && cp <= 'z')
		return cp - 0x20;
	if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)
		return cp - 0x20;
	if (cp == 0x103 || cp == 0x111 || cp == 0x129 || cp == 0x169)
		return cp - 1;
	if (cp == 0x1A1 || cp == 0x1B0)
		return cp - 1;
	if (cp >= 0x1EA0 && cp <= 0x1EF9 && (cp & 1))
		return cp - 1;
	return cp;
}

static uint32_t lower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 0x20;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 0x20;
	if (cp == 0x102 || cp == 0x110 || cp == 0x128 || cp == 0x168)
		return cp + 1;
	if (cp == 0x1A0 || cp == 0x1AF)
		return cp + 1;
	if (cp >= 0x1EA0 && cp <= 0x1EF9 && !(cp & 1))
		return cp + 1;
	return cp;
}

static bool is_ascii_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static bool is_vowel_base(char c)
{
	return c && strchr("aeiouy", c) != NULL;
}

/* A Latin or Vietnamese letter as (base, shape, tone, case); false for anything else. */
static bool decompose(uint32_t cp, struct letter *l)
{
	uint32_t lc = lower(cp);

	memset(l, 0, sizeof(*l));
	l->upper = lc != cp;
	if (lc >= 'a' && lc <= 'z') {
		l->base = (char)lc;
		return true;
	}
	if (lc == D_STROKE) {
		l->base = 'd';
		l->shape = SH_STROKE;
		return true;
	}
	for (size_t v = 0; v < NVOWELS; v++) {
		for (int t = 0; t < 6; t++) {
			if (vowels[v].cp[t] == lc) {
				l->base = vowels[v].base;
				l->shape = vowels[v].shape;
				l->tone = (unsigned char)t;
				return true;
			}
		}
	}
	return false;
}

static uint32_t compose(const struct letter *l)
{
	uint32_t cp = (unsigned char)l->base;

	if (l->shape == SH_STROKE)
		cp = D_STROKE;
	for (size_t v = 0; v < NVOWELS && is_vowel_base(l->base); v++)
		if (vowels[v].base == l->base && vowels[v].shape == l->shape)
			cp = vowels[v].cp[l->tone];
	return l->upper ? telex_upper(cp) : cp;
}

static bool is_letter(uint32_t cp)
{
	struct letter l;

	return decompose(cp, &l);
}

static bool is_vowel(const struct letter *l)
{
	return is_vowel_base(l->base) && l->shape != SH_STROKE;
}

/* ---- syllables ------------------------------------------------------------------------- */

struct syl {
	int v0, v1;   /* the vowels are w[v0..v1) */
	bool ok;      /* shaped like a Vietnamese syllable */
};

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* Letters as a plain string, đ written '#', for the tables of initials and finals. */
static void spell(const struct letter *w, int from, int to, char *out)
{
	int k = 0;

	for (int i = from; i < to; i++)
		out[k++] = (char)(w[i].shape == SH_STROKE ? '#' : w[i].base);
	out[k] = '\0';
}

static const char *const INITIALS[] = {
	"", "b", "c", "ch", "d", "#", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
	"nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x", NULL,
};
static const char *const FINALS[] = { "", "c", "ch", "m", "n", "ng", "nh", "p", "t", NULL };

static struct syl parse(const struct letter *w, int m)
{
	char part[WORD_MAX + 1];
	struct syl s = { 0, 0, false };
	int i = 0;

	while (i < m && !is_vowel(&w[i]))
		i++;
	/* the u of "qu" and the i of "gi" before another vowel belong to the initial */
	if (i == 1 && w[0].base == 'q' && m > 1 && w[1].base == 'u')
		i = 2;
	else if (i == 1 && w[0].base == 'g' && m > 2 && w[1].base == 'i' && is_vowel(&w[2]))
		i = 2;
	s.v0 = i;
	while (i < m && is_vowel(&w[i]))
		i++;
	s.v1 = i;
	spell(w, 0, s.v0, part);
	s.ok = in_list(part, INITIALS);
	spell(w, s.v1, m, part);
	s.ok = s.ok && in_list(part, FINALS) && s.v1 > s.v0 && s.v1 - s.v0 <= 3;
	return s;
}

/* Current spelling: on the last vowel with a hat, breve or horn (ươ: on ơ); else the middle
 * of three; of two, the second before a final consonant and in oa, oe, uy, else the first. */
static int tone_pos(const struct letter *w, int m, struct syl s)
{
	int shaped = -1;

	for (int i = s.v0; i < s.v1; i++)
		if (w[i].shape != SH_NONE)
			shaped = i;
	if (shaped >= 0)
		return shaped;
	if (s.v1 - s.v0 == 3)
		return s.v0 + 1;
	if (s.v1 - s.v0 == 2) {
		char a = w[s.v0].base, b = w[s.v0 + 1].base;
		if (s.v1 < m || (a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y'))
			return s.v0 + 1;
	}
	return s.v0;
}

static int word_tone(const struct letter *w, int m)
{
	int tone = 0;

	for (int i = 0; i < m; i++)
		if (w[i].tone)
			tone = w[i].tone;
	return tone;
}

static void set_tone(struct letter *w, int m, int tone)
{
	struct syl s = parse(w, m);

	for (int i = 0; i < m; i++)
		w[i].tone = 0;
	if (s.ok && tone)
		w[tone_pos(w, m, s)].tone = (unsigned char)tone;
}

/* ---- the buffer ------------------------------------------------------------------------ */

void telex_clear(struct telex *t)
{
	memset(t, 0, sizeof(*t));
	t->bare_w = -1;
}

static int word_start(const struct telex *t)
{
	int i = t->n;

	while (i > 0 && is_letter(t->cp[i - 1]))
		i--;
	return i;
}

static void write_back(struct telex *t, int ws, const struct letter *w, int m)
{
	for (int i = 0; i < m; i++)
		t->cp[ws + i] = compose(&w[i]);
}

static void append(struct telex *t, uint32_t cp)
{
	t->cp[t->n++] = cp;
}

/* Undo: the key's own effect is removed by the caller; the key is typed and stays literal. */
static int literal(struct telex *t, char key, bool up)
{
	append(t, (uint32_t)(up ? key - 0x20 : key));
	t->undone |= 1u << (key - 'a');
	return 1;
}

static int tone_key(struct telex *t, int ws, struct letter *w, int m, char k, bool up)
{
	int tone = (int)(strchr(TONE_KEYS, k) - TONE_KEYS), cur = word_tone(w, m);

	if (!parse(w, m).ok || (tone == 0 && cur == 0))
		return 0;
	set_tone(w, m, cur == tone ? 0 : tone);
	write_back(t, ws, w, m);
	return cur == tone ? literal(t, k, up) : 1;
}

/* aa â, ee ê, oo ô on the last such vowel of the syllable. */
static int hat_key(struct telex *t, int ws, struct letter *w, int m, char k, bool up)
{
	struct syl s = parse(w, m);
	int target = -1, tone = word_tone(w, m);

	for (int i = s.v0; s.ok && i < s.v1; i++)
		if (w[i].base == k)
			target = i;
	if (target < 0)
		return 0;
	if (w[target].shape == SH_HAT) {
		w[target].shape = SH_NONE;
		set_tone(w, m, tone);
		write_back(t, ws, w, m);
		return literal(t, k, up);
	}
	w[target].shape = SH_HAT;
	set_tone(w, m, tone);
	write_back(t, ws, w, m);
	return 1;
}

/* The vowel a w shapes: u and o of "uo" together (ươ), else the first of u (ư), a (ă), o (ơ)
 * not yet shaped by a w. -1: none left. */
static int horn_target(const struct letter *w, struct syl s, int *second)
{
	static const char pref[] = "uao";

	*second = -1;
	for (int i = s.v0; i + 1 < s.v1; i++) {
		if (w[i].base == 'u' && w[i + 1].base == 'o') {
			if (w[i].shape == SH_HORN && w[i + 1].shape == SH_HORN)
				return -1;
			*second = i + 1;
			return i;
		}
	}
	for (const char *p = pref; *p; p++)
		for (int i = s.v0; i < s.v1; i++)
			if (w[i].base == *p && w[i].shape != SH_HORN && w[i].shape != SH_BREVE)
				return i;
	return -1;
}

static bool initial_only(const struct letter *w, int m)
{
	char part[WORD_MAX + 1];

	spell(w, 0, m, part);
	return in_list(part, INITIALS);
}

static int w_key(struct telex *t, int ws, struct letter *w, int m, bool up)
{
	struct syl s = parse(w, m);
	int tone = word_tone(w, m), target, second;

	if (t->bare_w == t->n - 1 && t->bare_w >= ws) {   /* ww: the ư goes back to a w */
		t->n--;
		return literal(t, 'w', up);
	}
	if (s.v1 == s.v0) {                                /* no vowel yet: a bare w is ư */
		if (!initial_only(w, m))
			return 0;
		append(t, up ? 0x1AF : 0x1B0);
		t->bare_w = t->n - 1;
		return 2;
	}
	if (!s.ok)
		return 0;
	target = horn_target(w, s, &second);
	if (target >= 0) {
		w[target].shape = w[target].base == 'a' ? SH_BREVE : SH_HORN;
		if (second >= 0)
			w[second].shape = SH_HORN;
	} else {
		for (int i = s.v0; i < s.v1; i++)
			if (w[i].shape == SH_BREVE || w[i].shape == SH_HORN)
				w[i].shape = SH_NONE;
	}
	set_tone(w, m, tone);
	write_back(t, ws, w, m);
	return target >= 0 ? 1 : literal(t, 'w', up);
}

/* dd đ: the first letter of the word. */
static int d_key(struct telex *t, int ws, struct letter *w, int m, bool up)
{
	if (m < 1 || w[0].base != 'd' || (m > 1 && !parse(w, m).ok))
		return 0;
	if (w[0].shape == SH_STROKE) {
		w[0].shape = SH_NONE;
		write_back(t, ws, w, m);
		return literal(t, 'd', up);
	}
	w[0].shape = SH_STROKE;
	write_back(t, ws, w, m);
	return 1;
}

/* 0: the key does not transform this word; 1: done; 2: done, and bare_w was set. */
static int transform(struct telex *t, int ws, struct letter *w, int m, char k, bool up)
{
	if (strchr(TONE_KEYS, k)) {
		int rc = tone_key(t, ws, w, m, k, up);
		if (rc)
			t->toned = true;
		return rc;
	}
	if (k == 'a' || k == 'e' || k == 'o')
		return hat_key(t, ws, w, m, k, up);
	if (k == 'w')
		return w_key(t, ws, w, m, up);
	if (k == 'd')
		return d_key(t, ws, w, m, up);
	return 0;
}

/* The word before the end of the buffer, decomposed; -1 when it is too long to be one. */
static int current_word(const struct telex *t, struct letter *w, int *ws)
{
	int m;

	*ws = word_start(t);
	m = t->n - *ws;
	if (m > WORD_MAX)
		return -1;
	for (int i = 0; i < m; i++)
		decompose(t->cp[*ws + i], &w[i]);
	return m;
}

/* A letter typed as itself: the tone a key placed follows the syllable as it grows. */
static void append_letter(struct telex *t, uint32_t key)
{
	struct letter w[WORD_MAX];
	int ws, m;

	append(t, key);
	m = current_word(t, w, &ws);
	if (m > 0 && t->toned && parse(w, m).ok) {
		set_tone(w, m, word_tone(w, m));
		write_back(t, ws, w, m);
	}
}

/* A combining mark of NFD input joins the vowel before it when that makes a Vietnamese
 * letter (canonical order may put the tone before the hat: e + U+0323 + U+0302 is ệ). */
static bool combine(struct telex *t, uint32_t mark)
{
	struct letter l;

	if (t->n == 0 || !decompose(t->cp[t->n - 1], &l) || !is_vowel(&l))
		return false;
	for (int i = 1; i < 6; i++) {
		if (mark == COMBINING_TONE[i] && l.tone == 0) {
			l.tone = (unsigned char)i;
			t->cp[t->n - 1] = compose(&l);
			return true;
		}
	}
	if (l.shape != SH_NONE)
		return false;
	if (mark == 0x302 && strchr("aeo", l.base))
		l.shape = SH_HAT;
	else if (mark == 0x306 && l.base == 'a')
		l.shape = SH_BREVE;
	else if (mark == 0x31B && strchr("ou", l.base))
		l.shape = SH_HORN;
	else
		return false;
	t->cp[t->n - 1] = compose(&l);
	return true;
}

static void end_word(struct telex *t)
{
	t->undone = 0;
	t->bare_w = -1;
	t->toned = false;
}

int telex_key(struct telex *t, uint32_t key)
{
	struct letter w[WORD_MAX];
	int ws, m, rc = 0;
	char k;
	bool up;

	if (t->n >= TELEX_MAX)
		return ERR_RANGE;
	if (!is_ascii_letter(key)) {
		if (is_letter(key)) {
			append(t, key);
		} else if (!combine(t, key)) {
			append(t, key);
			end_word(t);
		}
		t->bare_w = -1;
		return 0;
	}
	k = (char)(key | 0x20);
	up = key < 'a';
	m = current_word(t, w, &ws);
	if (m >= 0 && !(t->undone & (1u << (k - 'a'))))
		rc = transform(t, ws, w, m, k, up);
	if (rc != 2)
		t->bare_w = -1;
	if (rc == 0)
		append_letter(t, key);
	return 0;
}

/* ---- UTF-8 ----------------------------------------------------------------------------- */

/* Decodes one code point of valid UTF-8 (the caller validated it); returns its length. */
static int decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		*cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0) {
		*cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		return 3;
	}
	*cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
	      (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
	return 4;
}

static int encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int telex_input(struct telex *t, const char *utf8)
{
	const unsigned char *s = (const unsigned char *)utf8;

	if (!utf8_valid(utf8, strlen(utf8)))
		return ERR_INVAL;
	while (*s) {
		uint32_t cp;
		int len = decode(s, &cp);

		if (telex_key(t, cp) != 0)
			return ERR_RANGE;
		s += len;
	}
	return 0;
}

void telex_backspace(struct telex *t)
{
	if (t->n > 0)
		t->n--;
	t->undone = 0;
	t->bare_w = -1;
	if (word_start(t) == t->n)
		t->toned = false;
}

int telex_utf8(const struct telex *t, char *out, size_t len)
{
	char raw[TELEX_MAX * 4 + 1];
	size_t k = 0;

	for (int i = 0; i < t->n; i++)
		k += (size_t)encode(t->cp[i], raw + k);
	raw[k] = '\0';
	return utf8_nfc(raw, out, len);
}

int telex_compose(const char *keys, char *out, size_t len)
{
	struct telex t;
	int rc;

	telex_clear(&t);
	rc = telex_input(&t, keys);
	if (!rc)
		rc = telex_utf8(&t, out, len);
	return rc;
}
