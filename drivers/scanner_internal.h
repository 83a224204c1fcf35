/* scanner_internal: what the scanner drivers share inside drivers/. Nothing outside drivers/
 * includes this; the public interface is scanner.h. */
#ifndef KIOSK_SCANNER_INTERNAL_H
#define KIOSK_SCANNER_INTERNAL_H

#include "drivers/scanner.h"

extern const struct scanner_ops scanner_camera_ops;

/* Results of one symbol kind and payload are reported once per this long by the camera. */
#define SCANNER_REPEAT_MS 2000

#endif
