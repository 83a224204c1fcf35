/* embedded: text assets compiled into the binary (see tools/embed.py and the Makefile):
 * "assets/i18n/vi.ini", "assets/i18n/en.ini", "config/kiosk.ini", "config/catalog-demo.ini", "config/procedures-demo.ini". */
#ifndef KIOSK_EMBEDDED_H
#define KIOSK_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;
	const char *data;   /* NUL-terminated */
	size_t size;
};

extern const struct embedded_file embedded_files[];

/* The file's text, or NULL when it was not embedded. */
const char *embedded_get(const char *name, size_t *size);

#endif
