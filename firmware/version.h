/* version: the firmware's version, for the heartbeat and the staff screen. */
#ifndef KIOSK_VERSION_H
#define KIOSK_VERSION_H

#define KIOSK_VERSION "0.3.0"

#endif
