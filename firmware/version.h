/* version: the firmware's version, for --version, the heartbeat and the staff screen. It is
 * the package's, from debian/changelog (the Makefile writes $(B)/gen/kiosk_version.h). */
#ifndef KIOSK_VERSION_H
#define KIOSK_VERSION_H

#include "kiosk_version.h"

#endif
