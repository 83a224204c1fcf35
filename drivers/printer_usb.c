/* printer_usb: ESC/POS over USB with libusb (the only file that includes libusb.h).
 * Each printer has its own libusb context. The device is the first one whose VID:PID is in
 * the model's list, else the first with a printer-class (7) interface; its bulk OUT endpoint
 * carries the job, the optional bulk IN endpoint answers DLE EOT status queries.
 *
 * An absent printer is not an error: open succeeds with the printer OFFLINE, and every
 * status call (the print worker makes one every ~2 s) looks again, so unplugging and
 * replugging is noticed without a restart. Status is only asked between jobs: DLE EOT bytes
 * in the middle of a raster could be taken as picture data. A clone without an IN endpoint
 * reports UNKNOWN, never "paper out". Start reading at u_send and u_status. */
#include "drivers/printer_internal.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <libusb.h>
#include <stdlib.h>
#include <string.h>

#define USB_CHUNK 16384          /* bytes per bulk OUT transfer */
#define USB_TIMEOUT_MS 5000      /* per chunk, without any progress */
#define USB_QUERY_MS 300         /* one DLE EOT question and its one-byte answer */
#define USB_DRAIN_MS 20          /* reading stale bytes before a question */
#define USB_DRAIN_MAX 8          /* reads, so a chatty device cannot keep us here */
#define USB_IN_MAX 64
#define USB_CLASS_PRINTER 7

#define DLE_EOT_PRINTER 1        /* bit 3: offline */
#define DLE_EOT_OFFLINE_CAUSE 2  /* bit 2: cover open */
#define DLE_EOT_PAPER 4          /* bits 2-3: near end, bits 5-6: out */

#define USB_IDS_MAX CONFIG_MAX_USB_IDS

/* What the driver takes from config (see usb_ids_from_cfg). */
struct usb_model {
	int n_ids;
	struct { uint16_t vid, pid; } ids[USB_IDS_MAX]; /* tried before any class-7 device */
	bool status;      /* ask DLE EOT (needs a bulk IN endpoint too) */
	bool near_end;    /* report the paper near-end sensor */
	int timeout_ms;   /* per bulk chunk without progress */
};

struct usb_pick {
	libusb_device *dev;
	int ifc, alt;
	uint8_t ep_out, ep_in;       /* ep_in 0: none */
	uint16_t vid, pid;
};

struct uprinter {
	struct usb_model m;
	libusb_context *ctx;
	libusb_device_handle *h;     /* NULL while the printer is absent */
	struct usb_pick at;
	bool detached;               /* we took the interface from usblp: give it back */
	enum printer_state last;     /* for logging changes only */
};

static const struct { int usb, err; } usb_errs[] = {
	{ LIBUSB_ERROR_IO, ERR_IO },
	{ LIBUSB_ERROR_INVALID_PARAM, ERR_INVAL },
	{ LIBUSB_ERROR_ACCESS, ERR_PERM },
	{ LIBUSB_ERROR_NO_DEVICE, ERR_PRINTER },
	{ LIBUSB_ERROR_NOT_FOUND, ERR_NOTFOUND },
	{ LIBUSB_ERROR_BUSY, ERR_BUSY },
	{ LIBUSB_ERROR_TIMEOUT, ERR_TIMEOUT },
	{ LIBUSB_ERROR_OVERFLOW, ERR_IO },
	{ LIBUSB_ERROR_PIPE, ERR_PRINTER },
	{ LIBUSB_ERROR_INTERRUPTED, ERR_IO },
	{ LIBUSB_ERROR_NO_MEM, ERR_NOMEM },
	{ LIBUSB_ERROR_NOT_SUPPORTED, ERR_PRINTER },
};

/* The one place libusb codes become project codes. */
static int usb_err(int rc)
{
	if (rc >= 0)
		return 0;
	for (size_t i = 0; i < sizeof(usb_errs) / sizeof(usb_errs[0]); i++)
		if (usb_errs[i].usb == rc)
			return usb_errs[i].err;
	return ERR_IO;
}

/* The model's USB ids and status abilities (cfg->m), and the transport timeout. */
static void usb_ids_from_cfg(const struct config_printer *cfg, struct usb_model *m)
{
	memset(m, 0, sizeof(*m));
	m->timeout_ms = cfg && cfg->timeout_ms > 0 ? cfg->timeout_ms : USB_TIMEOUT_MS;
	if (!cfg)
		return;
	m->status = cfg->m.status;
	m->near_end = cfg->m.near_end;
	for (int i = 0; i < cfg->m.n_ids && m->n_ids < USB_IDS_MAX; i++) {
		m->ids[m->n_ids].vid = cfg->m.ids[i].vid;
		m->ids[m->n_ids].pid = cfg->m.ids[i].pid;
		m->n_ids++;
	}
}

static void note_state(struct uprinter *u, enum printer_state st, const char *why)
{
	if (st == u->last)
		return;
	log_info("printer: usb: %s -> %s%s%s", printer_state_name(u->last), printer_state_name(st),
		 why ? ": " : "", why ? why : "");
	u->last = st;
}

static bool id_listed(const struct usb_model *m, uint16_t vid, uint16_t pid)
{
	for (int i = 0; i < m->n_ids && i < USB_IDS_MAX; i++)
		if (m->ids[i].vid == vid && m->ids[i].pid == pid)
			return true;
	return false;
}

/* Bulk endpoints of one alternate setting; false without a bulk OUT. */
static bool alt_endpoints(const struct libusb_interface_descriptor *d, struct usb_pick *pk)
{
	pk->ep_out = pk->ep_in = 0;
	for (int e = 0; e < d->bNumEndpoints; e++) {
		const struct libusb_endpoint_descriptor *ep = &d->endpoint[e];

		if ((ep->bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK)
			continue;
		if ((ep->bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN) {
			if (!pk->ep_in)
				pk->ep_in = ep->bEndpointAddress;
		} else if (!pk->ep_out) {
			pk->ep_out = ep->bEndpointAddress;
		}
	}
	return pk->ep_out != 0;
}

/* The printer interface of dev, scored: printer class (7) first, then bidirectional (has a
 * bulk IN). Without any_class only class 7 counts; any_class also takes a vendor-class
 * interface with a bulk OUT (clones listed by VID:PID). */
static bool find_interface(libusb_device *dev, bool any_class, struct usb_pick *pk)
{
	struct libusb_config_descriptor *c;
	int best = -1;

	if (libusb_get_active_config_descriptor(dev, &c) != 0 &&
	    libusb_get_config_descriptor(dev, 0, &c) != 0)
		return false;
	for (int i = 0; i < c->bNumInterfaces; i++)
		for (int a = 0; a < c->interface[i].num_altsetting; a++) {
			const struct libusb_interface_descriptor *d = &c->interface[i].altsetting[a];
			bool printer = d->bInterfaceClass == USB_CLASS_PRINTER;
			struct usb_pick t = *pk;
			int score;

			if ((!printer && !any_class) || !alt_endpoints(d, &t))
				continue;
			score = (printer ? 2 : 0) + (t.ep_in ? 1 : 0);
			if (score <= best)
				continue;
			best = score;
			t.ifc = d->bInterfaceNumber;
			t.alt = d->bAlternateSetting;
			*pk = t;
		}
	libusb_free_config_descriptor(c);
	return best >= 0;
}

/* First a listed VID:PID, then any printer-class device. */
static bool pick_device(const struct usb_model *m, libusb_device **list, ssize_t n,
			struct usb_pick *pk)
{
	for (int by_class = 0; by_class < 2; by_class++)
		for (ssize_t i = 0; i < n; i++) {
			struct libusb_device_descriptor dd;

			if (libusb_get_device_descriptor(list[i], &dd) != 0)
				continue;
			if (!by_class && !id_listed(m, dd.idVendor, dd.idProduct))
				continue;
			if (!find_interface(list[i], !by_class, pk))
				continue;
			pk->dev = list[i];
			pk->vid = dd.idVendor;
			pk->pid = dd.idProduct;
			return true;
		}
	return false;
}

/* Take the interface from the kernel's usblp (if bound), claim it, select the alt setting. */
static int claim(struct uprinter *u)
{
	int rc = libusb_kernel_driver_active(u->h, u->at.ifc);

	if (rc == 1) {
		rc = libusb_detach_kernel_driver(u->h, u->at.ifc);
		if (rc != 0)
			return rc;
		u->detached = true;
		log_info("printer: usb: detached kernel driver from interface %d", u->at.ifc);
	}
	rc = libusb_claim_interface(u->h, u->at.ifc);
	if (rc == 0 && u->at.alt != 0)
		rc = libusb_set_interface_alt_setting(u->h, u->at.ifc, u->at.alt);
	return rc;
}

/* Close the handle (the printer went away, or we are closing). */
static void drop(struct uprinter *u)
{
	if (!u->h)
		return;
	libusb_release_interface(u->h, u->at.ifc);
	if (u->detached)
		libusb_attach_kernel_driver(u->h, u->at.ifc);
	libusb_close(u->h);
	u->h = NULL;
	u->detached = false;
}

/* Look for the printer and open it. ERR_NOTFOUND when there is none. */
static int attach(struct uprinter *u)
{
	libusb_device **list;
	ssize_t n = libusb_get_device_list(u->ctx, &list);
	struct usb_pick pk = { 0 };
	int rc = LIBUSB_ERROR_NOT_FOUND;

	if (n < 0)
		return usb_err((int)n);
	if (pick_device(&u->m, list, n, &pk))
		rc = libusb_open(pk.dev, &u->h);
	libusb_free_device_list(list, 1); /* an open handle keeps its own reference */
	if (rc != 0)
		return usb_err(rc);
	u->at = pk;
	u->at.dev = libusb_get_device(u->h);
	rc = claim(u);
	if (rc != 0) {
		log_error("printer: usb: %04x:%04x: cannot claim interface %d: %s", pk.vid, pk.pid,
			  pk.ifc, libusb_error_name(rc));
		drop(u);
		return usb_err(rc);
	}
	log_info("printer: usb: %04x:%04x interface %d, out 0x%02x, in 0x%02x%s", pk.vid, pk.pid,
		 pk.ifc, pk.ep_out, pk.ep_in, pk.ep_in ? "" : " (none: no status)");
	return 0;
}

/* Is our open device still on the bus? The device list is refreshed from hot-plug events. */
static bool still_present(struct uprinter *u)
{
	libusb_device **list;
	ssize_t n = libusb_get_device_list(u->ctx, &list);
	bool here = false;

	for (ssize_t i = 0; i < n && !here; i++)
		here = list[i] == u->at.dev;
	if (n >= 0)
		libusb_free_device_list(list, 1);
	return here || n < 0;
}

static int u_open(const struct config_printer *cfg, const char *out_dir, void **state)
{
	struct uprinter *u = calloc(1, sizeof(*u));
	int rc;

	(void)out_dir;
	*state = NULL;
	if (!u)
		return ERR_NOMEM;
	usb_ids_from_cfg(cfg, &u->m);
	u->last = PRINTER_UNKNOWN;
	rc = libusb_init(&u->ctx);
	if (rc != 0) {
		log_error("printer: usb: libusb_init failed: %s", libusb_error_name(rc));
		free(u);
		return usb_err(rc);
	}
	/* absent is fine: status looks again */
	if (attach(u) != 0)
		note_state(u, PRINTER_OFFLINE, "no printer found");
	*state = u;
	return 0;
}

static void u_close(void *state)
{
	struct uprinter *u = state;

	if (!u)
		return;
	drop(u);
	libusb_exit(u->ctx);
	free(u);
}

static int send_failed(struct uprinter *u, int rc, size_t done, size_t len)
{
	if (rc == LIBUSB_ERROR_NO_DEVICE) {
		drop(u);
		note_state(u, PRINTER_OFFLINE, "unplugged during a job");
		return ERR_PRINTER;
	}
	log_error("printer: usb: job stopped after %zu of %zu bytes: %s", done, len,
		  rc == LIBUSB_ERROR_TIMEOUT ? "no progress" : libusb_error_name(rc));
	return rc == LIBUSB_ERROR_TIMEOUT || rc == LIBUSB_ERROR_PIPE ? ERR_PRINTER : usb_err(rc);
}

/* One chunk, resuming after partial progress; one clear-halt after a stall. */
static int send_chunk(struct uprinter *u, const uint8_t *p, int n, int *done)
{
	bool cleared = false;

	*done = 0;
	while (*done < n) {
		int got = 0;
		int rc = libusb_bulk_transfer(u->h, u->at.ep_out, (unsigned char *)p + *done,
					      n - *done, &got, (unsigned)u->m.timeout_ms);

		*done += got;
		if ((rc == 0 || rc == LIBUSB_ERROR_TIMEOUT) && got > 0)
			continue;
		if (rc == LIBUSB_ERROR_PIPE && !cleared) {
			cleared = true;
			log_warn("printer: usb: endpoint stalled, clearing halt");
			rc = libusb_clear_halt(u->h, u->at.ep_out);
			if (rc == 0)
				continue;
		}
		return rc != 0 ? rc : LIBUSB_ERROR_TIMEOUT; /* success without a byte: no progress */
	}
	return 0;
}

static int u_send(void *state, const char *job, const uint8_t *bytes, size_t len,
		  const struct raster *r)
{
	struct uprinter *u = state;
	size_t off = 0;

	(void)job;
	(void)r;
	if (!u->h && attach(u) != 0) {
		note_state(u, PRINTER_OFFLINE, "no printer found");
		return ERR_PRINTER;
	}
	while (off < len) {
		int n = len - off > USB_CHUNK ? USB_CHUNK : (int)(len - off), done;
		int rc = send_chunk(u, bytes + off, n, &done);

		off += (size_t)done;
		if (rc != 0)
			return send_failed(u, rc, off, len);
	}
	return 0;
}

/* Throw away bytes the printer sent on its own (or late answers) before asking. */
static int drain(struct uprinter *u)
{
	unsigned char buf[USB_IN_MAX];
	int got = 0, rc = 0;

	for (int i = 0; i < USB_DRAIN_MAX; i++) {
		rc = libusb_bulk_transfer(u->h, u->at.ep_in, buf, sizeof(buf), &got, USB_DRAIN_MS);
		if (rc != 0 || got == 0)
			break;
	}
	return rc == LIBUSB_ERROR_NO_DEVICE ? rc : 0;
}

/* DLE EOT n and its answer: the byte, -1 when none came, or a libusb error < -1 (only
 * NO_DEVICE matters to the caller). */
static int ask(struct uprinter *u, uint8_t n)
{
	unsigned char q[3] = { 0x10, 0x04, n }, buf[USB_IN_MAX];
	int got = 0;
	int rc = libusb_bulk_transfer(u->h, u->at.ep_out, q, sizeof(q), &got, USB_QUERY_MS);

	if (rc == 0)
		rc = libusb_bulk_transfer(u->h, u->at.ep_in, buf, sizeof(buf), &got, USB_QUERY_MS);
	if (rc == LIBUSB_ERROR_NO_DEVICE)
		return rc;
	return rc == 0 && got > 0 ? buf[got - 1] : -1;
}

/* 0, or LIBUSB_ERROR_NO_DEVICE. */
static int query(struct uprinter *u, struct printer_status *out)
{
	int s1 = drain(u), s4 = -1, s2;

	if (s1 == 0)
		s1 = ask(u, DLE_EOT_PRINTER);
	if (s1 >= 0)
		s4 = ask(u, DLE_EOT_PAPER);
	if (s1 == LIBUSB_ERROR_NO_DEVICE || s4 == LIBUSB_ERROR_NO_DEVICE)
		return LIBUSB_ERROR_NO_DEVICE;
	printer_status_from_dle_eot(s1, s4, out);
	if (out->state == PRINTER_PAPER_NEAR_END && !u->m.near_end)
		out->state = PRINTER_READY;
	if (out->state == PRINTER_OFFLINE) {
		s2 = ask(u, DLE_EOT_OFFLINE_CAUSE);
		out->cover_open = s2 >= 0 && (s2 & 0x93) == 0x12 && (s2 & 0x04);
	}
	return 0;
}

static int u_status(void *state, struct printer_status *out)
{
	struct uprinter *u = state;

	out->state = PRINTER_OFFLINE;
	out->cover_open = false;
	if (u->h && !still_present(u)) {
		drop(u);
		note_state(u, PRINTER_OFFLINE, "unplugged");
	}
	if (!u->h && attach(u) != 0) {
		note_state(u, PRINTER_OFFLINE, NULL);
		return 0;
	}
	if (!u->at.ep_in || !u->m.status)
		out->state = PRINTER_UNKNOWN;
	else if (query(u, out) == LIBUSB_ERROR_NO_DEVICE) {
		drop(u);
		out->state = PRINTER_OFFLINE;
	}
	note_state(u, out->state, out->cover_open ? "cover open" : NULL);
	return 0;
}

const struct printer_ops printer_usb_ops = {
	.name = "usb",
	.open = u_open,
	.close = u_close,
	.send = u_send,
	.status = u_status,
};
