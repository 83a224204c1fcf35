/* utf8: validation and NFC normalisation (libunistring). Text is stored and compared NFC. */
#ifndef KIOSK_UTF8_H
#define KIOSK_UTF8_H

#include <stdbool.h>
#include <stddef.h>

bool utf8_valid(const char *s, size_t len);
/* NFC of the NUL-terminated s into out (NUL-terminated; s and out must not overlap).
 * ERR_INVAL for invalid UTF-8, ERR_RANGE if it does not fit (out is then ""). */
int utf8_nfc(const char *s, char *out, size_t outlen);

#endif
