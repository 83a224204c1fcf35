/* lang: the languages the kiosk speaks. Vietnamese is the default and always complete. */
#ifndef KIOSK_LANG_H
#define KIOSK_LANG_H

enum lang { LANG_VI = 0, LANG_EN = 1, LANG_COUNT };

/* "vi" / "en"; lang_parse returns -1 for an unknown code. */
const char *lang_code(enum lang l);
int lang_parse(const char *code);

#endif
