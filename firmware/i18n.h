/* i18n: string catalogues (assets/i18n/<lang>.ini and, when present, <lang>-dossier.ini,
 * <lang>-scan.ini, <lang>-rate.ini, <lang>-proc.ini...; embedded), flat `key = value` lines.
 * Vietnamese is complete; a key missing in another language falls back to Vietnamese, and a
 * key missing everywhere shows as the key itself (and is logged once at load by the test). */
#ifndef KIOSK_I18N_H
#define KIOSK_I18N_H

#include "lang.h"

#include <stddef.h>

struct i18n;

int i18n_new(struct i18n **out);
void i18n_free(struct i18n *t);
/* Borrowed until i18n_free. Never NULL. */
const char *i18n_get(const struct i18n *t, enum lang l, const char *key);
/* Keys present in Vietnamese but not in l (for the completeness test). */
size_t i18n_missing(const struct i18n *t, enum lang l, const char **keys, size_t max);
/* The key whose text in l is s, or whose "{}" template s fills; NULL when none (for reports of
 * what a screen drew, ui/layout_check.h). Borrowed until i18n_free. */
const char *i18n_key_of(const struct i18n *t, enum lang l, const char *s);
/* Copy tmpl into out with the first "{}" replaced by arg (no printf formats from data files). */
void i18n_fill(char *out, size_t len, const char *tmpl, const char *arg);

#endif
