/* printer: the printer interface. A driver is a const struct printer_ops selected by name
 * from config; callers only use the printer_* wrappers. Text never goes to the printer as
 * code-page text: a ticket is a 1-bit raster, encoded as ESC/POS (escpos.h) and handed to the
 * driver's transport as bytes.
 *
 * Drivers here: "usb" (libusb, printer_usb.c), "lp" (the usblp character device, /dev/usb/lp0),
 * "tcp" (a network printer, port 9100), "file" (raw bytes appended to a device or file),
 * "virtual" (each job as NAME.bin + NAME.png in a directory), "simulated" (a fake whose state
 * comes from config, for tests and demos). */
#ifndef KIOSK_PRINTER_H
#define KIOSK_PRINTER_H

#include "firmware/config.h"
#include "firmware/raster.h"

#include <stddef.h>
#include <stdint.h>

enum printer_state {
	PRINTER_READY,
	PRINTER_PAPER_NEAR_END, /* prints, but someone should change the roll */
	PRINTER_PAPER_OUT,
	PRINTER_OFFLINE,        /* absent, cover open, error */
	PRINTER_UNKNOWN,        /* no status answer: not the same as paper out */
};

struct printer_status {
	enum printer_state state;
	bool cover_open;
};

struct printer_ops {
	const char *name;
	/* out_dir: where drivers that keep files write them (var/prints). */
	int (*open)(const struct config_printer *cfg, const char *out_dir, void **state);
	void (*close)(void *state);
	/* Send one whole job. `r` is the picture the bytes encode, for drivers that keep it. */
	int (*send)(void *state, const char *job, const uint8_t *bytes, size_t len,
		    const struct raster *r);
	int (*status)(void *state, struct printer_status *out);
};

struct printer;

/* Open the driver named cfg->driver; ERR_CONFIG for an unknown name. Caller frees with printer_close. */
int printer_open(const struct config_printer *cfg, const char *out_dir, struct printer **out);
/* Same with an explicit ops table (tests, fakes). */
int printer_open_ops(const struct printer_ops *ops, const struct config_printer *cfg,
		     const char *out_dir, struct printer **out);
void printer_close(struct printer *p);
const char *printer_name(const struct printer *p);
/* Encode r as ESC/POS (init, centred raster in bands, feed, cut) and send it as job `job`
 * (a file-safe name, e.g. the ticket id). Returns 0 or ERR_PRINTER / ERR_PAPER / ERR_IO. */
int printer_print(struct printer *p, const char *job, const struct raster *r);
int printer_status(struct printer *p, struct printer_status *out);
const char *printer_state_name(enum printer_state s);

#endif
