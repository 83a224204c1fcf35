/* printer_internal: what the printer drivers and the print worker share inside drivers/.
 * Nothing outside drivers/ includes this; the public interface is printer.h. */
#ifndef KIOSK_PRINTER_INTERNAL_H
#define KIOSK_PRINTER_INTERNAL_H

#include "drivers/printer.h"

#include <stdint.h>

extern const struct printer_ops printer_virtual_ops;
extern const struct printer_ops printer_file_ops;
extern const struct printer_ops printer_sim_ops;
extern const struct printer_ops printer_usb_ops;
extern const struct printer_ops printer_tcp_ops;
extern const struct printer_ops printer_lp_ops;

/* printer_print, and when sent_mono_ns is not NULL it receives CLOCK_MONOTONIC in ns taken
 * just before the bytes are handed to the driver's send (0 if they never were). */
int printer_print_stamped(struct printer *p, const char *job, const struct raster *r,
			  int64_t *sent_mono_ns);

/* The "virtual" output, shared with the simulated driver: creates dir (and parents) when
 * missing, then writes dir/JOB.bin (bytes) and dir/JOB.png (r, if not NULL), each atomically.
 * ERR_PERM / ERR_IO / ERR_RANGE on failure, with one log line saying which path and why. */
int printer_virtual_write_job(const char *dir, const char *job, const uint8_t *bytes,
			      size_t len, const struct raster *r);
/* READY when dir exists (or can be created) and is writable, OFFLINE otherwise. */
enum printer_state printer_virtual_dir_state(const char *dir);

/* Status from the answers to DLE EOT 1 (printer status) and DLE EOT 4 (roll paper sensor),
 * each a byte or -1 when the printer did not answer. No answer at all is UNKNOWN, never
 * "paper out". Shared by the transports that have a back channel (usb, tcp). */
void printer_status_from_dle_eot(int printer_byte, int paper_byte, struct printer_status *out);

#endif
