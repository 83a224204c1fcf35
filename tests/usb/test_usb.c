/* test_usb: the "usb" printer driver doing real libusb transfers against emulated printers.
 * umockdev puts fake devices into a private sysfs and /dev; the program must run under its
 * preload (`umockdev-wrapper build/usb_tests`). Each emulated printer is a struct mock: an
 * ioctl handler that plays the kernel's usbfs (URBs submitted, reaped, discarded; interface
 * claims; the usblp driver bound or not) and an ESC/POS printer behind it (captures every job
 * byte, answers DLE EOT on the IN endpoint, and can stall, take half a chunk, stop taking
 * data, or vanish). The handler runs on umockdev's thread, so the mock has a mutex. */
#include "../t.h"
#include "../../drivers/escpos.h"
#include "../../drivers/printer_internal.h"
#include "../../firmware/clock.h"
#include "../../firmware/err.h"

#include <errno.h>
#include <linux/ioctl.h>
#include <linux/usbdevice_fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <umockdev.h>

#define ST_READY 0x12
#define ST_OFFLINE 0x1a      /* DLE EOT 1, bit 3 */
#define ST_COVER_OPEN 0x16   /* DLE EOT 2, bit 2 */
#define ST_NEAR_END 0x1e     /* DLE EOT 4, bits 2-3 */
#define ST_PAPER_OUT 0x72    /* DLE EOT 4, bits 5-6 */
#define NO_LIMIT (-1)

struct usbdev {              /* what the descriptors say */
	uint16_t vid, pid;
	bool vendor_ifc_first;   /* interface 0 is vendor class, the printer is interface 1 */
	uint8_t ifc_class;
	uint8_t ep_out, ep_in;   /* ep_in 0: none */
};

struct urb {
	UMockdevIoctlData *data;
	int actual, status;
	bool in;
};

struct mock {
	GMutex mu;
	struct usbdev d;
	int bus;
	char syspath[64], devnode[64];
	UMockdevIoctlBase *handler;
	GQueue held, done;       /* struct urb: in flight / ready to reap */
	GByteArray *out;         /* job bytes the printer took (status queries not included) */
	GByteArray *in;          /* bytes waiting on the IN endpoint */
	uint8_t st[5];           /* answer to DLE EOT n */
	bool answer;             /* answers DLE EOT at all */
	bool gone;               /* unplugged: every ioctl fails with ENODEV */
	bool halted;             /* OUT endpoint stalled until CLEAR_HALT */
	bool usblp;              /* kernel driver bound to the interface */
	long stall_at;           /* stall the URB that reaches this job byte, stalls times */
	int stalls;
	long take_max;           /* stop taking job bytes here (paper jam, wedged printer) */
	long unplug_at;          /* vanish when a URB reaches this job byte */
	int halves;              /* the next this many job URBs are half taken, then time out */
	int queries, claims, releases, clear_halts, disconnects, connects, submits;
};

struct bed {
	UMockdevTestbed *tb;
	struct mock *dev[3];
	int n;
	struct printer *p;
};

static void mock_lock(struct mock *m)
{
	g_mutex_lock(&m->mu);
}

static void mock_unlock(struct mock *m)
{
	g_mutex_unlock(&m->mu);
}

static struct urb *urb_new(UMockdevIoctlData *data, int actual, int status, bool in)
{
	struct urb *u = g_new0(struct urb, 1);

	u->data = umockdev_ioctl_data_ref(data);
	u->actual = actual;
	u->status = status;
	u->in = in;
	return u;
}

static void urb_free(void *p)
{
	struct urb *u = p;

	umockdev_ioctl_data_unref(u->data);
	g_free(u);
}

/* Complete a waiting IN URB with the bytes queued on the IN endpoint. */
static void feed_in(struct mock *m)
{
	for (GList *l = m->held.head; l && m->in->len > 0; l = l->next) {
		struct urb *u = l->data;
		struct usbdevfs_urb *urb = (struct usbdevfs_urb *)u->data->data;
		guint n;

		if (!u->in)
			continue;
		n = MIN(m->in->len, (guint)urb->buffer_length);
		memcpy(urb->buffer, m->in->data, n);
		g_byte_array_remove_range(m->in, 0, n);
		u->actual = (int)n;
		g_queue_unlink(&m->held, l);
		g_queue_push_tail(&m->done, u);
		g_list_free(l);
		return;
	}
}

static bool is_query(const uint8_t *b, int len)
{
	return len == 3 && b[0] == 0x10 && b[1] == 0x04 && b[2] >= 1 && b[2] <= 4;
}

/* A bulk OUT URB: what the printer does with these bytes. Returns the errno for the submit. */
static int take_out(struct mock *m, UMockdevIoctlData *data, const uint8_t *b, int len)
{
	long at = (long)m->out->len;
	int take = len;

	if (is_query(b, len)) {
		m->queries++;
		if (m->answer)
			g_byte_array_append(m->in, &m->st[b[2]], 1);
		g_queue_push_tail(&m->done, urb_new(data, len, 0, false));
		feed_in(m);
		return 0;
	}
	if (m->unplug_at != NO_LIMIT && at + len > m->unplug_at) {
		m->gone = true;
		return ENODEV;
	}
	if (m->halted || (m->stalls > 0 && m->stall_at != NO_LIMIT && at + len > m->stall_at)) {
		if (!m->halted)
			m->stalls--;
		m->halted = true;
		g_queue_push_tail(&m->done, urb_new(data, 0, -EPIPE, false));
		return 0;
	}
	if (m->take_max != NO_LIMIT && at + len > m->take_max)
		take = (int)(m->take_max > at ? m->take_max - at : 0);
	else if (m->halves > 0 && len > 1) {
		m->halves--;
		take = len / 2;
	}
	g_byte_array_append(m->out, b, (guint)take);
	/* a URB the printer did not finish stays in flight until libusb's timeout discards it */
	g_queue_push_tail(take == len ? &m->done : &m->held, urb_new(data, take, 0, false));
	return 0;
}

static bool is_req(gulong req, unsigned long code)
{
	return req == code;
}

static void ioctl_submit(struct mock *m, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
	UMockdevIoctlData *data = umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_urb), NULL);
	struct usbdevfs_urb *urb = (struct usbdevfs_urb *)data->data;
	UMockdevIoctlData *buf = umockdev_ioctl_data_resolve(data,
		G_STRUCT_OFFSET(struct usbdevfs_urb, buffer), (gsize)urb->buffer_length, NULL);
	int e = 0;

	m->submits++;
	if (urb->type != USBDEVFS_URB_TYPE_BULK || !buf)
		e = EINVAL;
	else if (urb->endpoint & 0x80) {
		g_queue_push_tail(&m->held, urb_new(data, 0, 0, true));
		feed_in(m);
	} else
		e = take_out(m, data, buf->data, urb->buffer_length);
	umockdev_ioctl_client_complete(client, e ? -1 : 0, e);
	if (buf)
		umockdev_ioctl_data_unref(buf);
	umockdev_ioctl_data_unref(data);
}

static void ioctl_reap(struct mock *m, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
	struct urb *u = g_queue_pop_head(&m->done);
	struct usbdevfs_urb *urb;
	UMockdevIoctlData *ptr;

	if (!u) {
		umockdev_ioctl_client_complete(client, -1, EAGAIN);
		return;
	}
	urb = (struct usbdevfs_urb *)u->data->data;
	urb->actual_length = u->actual;
	urb->status = u->status;
	ptr = umockdev_ioctl_data_resolve(arg, 0, sizeof(gpointer), NULL);
	umockdev_ioctl_data_set_ptr(ptr, 0, u->data);
	umockdev_ioctl_client_complete(client, 0, 0);
	umockdev_ioctl_data_unref(ptr);
	urb_free(u);
}

static void ioctl_discard(struct mock *m, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
	gulong addr = *(gulong *)arg->data;

	for (GList *l = m->held.head; l; l = l->next) {
		struct urb *u = l->data;

		if (u->data->client_addr != addr)
			continue;
		u->status = -ENOENT;
		g_queue_unlink(&m->held, l);
		g_list_free(l);
		g_queue_push_tail(&m->done, u);
		umockdev_ioctl_client_complete(client, 0, 0);
		return;
	}
	umockdev_ioctl_client_complete(client, -1, EINVAL);
}

static void ioctl_getdriver(struct mock *m, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
	UMockdevIoctlData *d = umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_getdriver), NULL);
	struct usbdevfs_getdriver *gd = (struct usbdevfs_getdriver *)d->data;

	if (m->usblp) {
		snprintf(gd->driver, sizeof(gd->driver), "usblp");
		umockdev_ioctl_client_complete(client, 0, 0);
	} else
		umockdev_ioctl_client_complete(client, -1, ENODATA);
	umockdev_ioctl_data_unref(d);
}

/* USBDEVFS_IOCTL carries DISCONNECT (detach the kernel driver) and CONNECT (give it back). */
static void ioctl_ioctl(struct mock *m, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
	UMockdevIoctlData *d = umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_ioctl), NULL);
	struct usbdevfs_ioctl *io = (struct usbdevfs_ioctl *)d->data;
	int e = 0;

	if (is_req((gulong)io->ioctl_code, USBDEVFS_DISCONNECT)) {
		e = m->usblp ? 0 : ENODATA;
		m->disconnects += !e;
		m->usblp = false;
	} else if (is_req((gulong)io->ioctl_code, USBDEVFS_CONNECT)) {
		m->connects++;
		m->usblp = true;
	} else
		e = ENOTTY;
	umockdev_ioctl_client_complete(client, e ? -1 : 0, e);
	umockdev_ioctl_data_unref(d);
}

static void ioctl_caps(UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
	UMockdevIoctlData *d = umockdev_ioctl_data_resolve(arg, 0, sizeof(guint32), NULL);

	*(guint32 *)d->data = USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
			      USBDEVFS_CAP_REAP_AFTER_DISCONNECT;
	umockdev_ioctl_client_complete(client, 0, 0);
	umockdev_ioctl_data_unref(d);
}

static gboolean on_ioctl(UMockdevIoctlBase *handler, UMockdevIoctlClient *client, gpointer user)
{
	struct mock *m = user;
	gulong req = umockdev_ioctl_client_get_request(client);
	UMockdevIoctlData *arg = umockdev_ioctl_client_get_arg(client);
	gboolean handled = TRUE;

	(void)handler;
	mock_lock(m);
	if (m->gone)
		umockdev_ioctl_client_complete(client, -1, ENODEV);
	else if (is_req(req, USBDEVFS_SUBMITURB))
		ioctl_submit(m, client, arg);
	else if (is_req(req, USBDEVFS_REAPURB) || is_req(req, USBDEVFS_REAPURBNDELAY))
		ioctl_reap(m, client, arg);
	else if (is_req(req, USBDEVFS_DISCARDURB))
		ioctl_discard(m, client, arg);
	else if (is_req(req, USBDEVFS_GETDRIVER))
		ioctl_getdriver(m, client, arg);
	else if (is_req(req, USBDEVFS_IOCTL))
		ioctl_ioctl(m, client, arg);
	else if (is_req(req, USBDEVFS_GET_CAPABILITIES))
		ioctl_caps(client, arg);
	else if (is_req(req, USBDEVFS_CLAIMINTERFACE) || is_req(req, USBDEVFS_RELEASEINTERFACE) ||
		 is_req(req, USBDEVFS_CLEAR_HALT) || is_req(req, USBDEVFS_SETINTERFACE) ||
		 is_req(req, USBDEVFS_RESETEP) || is_req(req, USBDEVFS_RESET)) {
		m->claims += is_req(req, USBDEVFS_CLAIMINTERFACE);
		m->releases += is_req(req, USBDEVFS_RELEASEINTERFACE);
		if (is_req(req, USBDEVFS_CLEAR_HALT)) {
			m->clear_halts++;
			m->halted = false;
		}
		umockdev_ioctl_client_complete(client, 0, 0);
	} else {
		if (getenv("USB_TEST_DEBUG"))
			fprintf(stderr, "mock: unhandled ioctl 0x%lx\n", req);
		handled = FALSE; /* umockdev answers ENOTTY */
	}
	mock_unlock(m);
	return handled;
}

static void put16(GByteArray *b, unsigned v)
{
	uint8_t x[2] = { (uint8_t)(v & 0xff), (uint8_t)(v >> 8) };

	g_byte_array_append(b, x, 2);
}

static void put_ep(GByteArray *b, uint8_t addr)
{
	uint8_t ep[7] = { 7, 5, addr, 2 /* bulk */, 64, 0, 0 };

	g_byte_array_append(b, ep, sizeof(ep));
}

/* Device, configuration, interface(s) and endpoint descriptors as the sysfs hex attribute. */
static char *descriptors_hex(const struct usbdev *d)
{
	GByteArray *b = g_byte_array_new();
	GString *hex = g_string_new("");
	uint8_t dev[18] = { 18, 1, 0x00, 0x02, 0, 0, 0, 64, (uint8_t)d->vid, (uint8_t)(d->vid >> 8),
			    (uint8_t)d->pid, (uint8_t)(d->pid >> 8), 0x00, 0x01, 0, 0, 0, 1 };
	int nifc = d->vendor_ifc_first ? 2 : 1, neps = d->ep_in ? 2 : 1;
	int total = 9 + nifc * 9 + (d->vendor_ifc_first ? 7 : 0) + neps * 7;
	uint8_t cfg[4] = { 1, 1, 0, 0xc0 }, ifc_v[9] = { 9, 4, 0, 0, 1, 0xff, 0, 0, 0 };
	uint8_t ifc_p[9] = { 9, 4, (uint8_t)(nifc - 1), 0, (uint8_t)neps, d->ifc_class, 1,
			     (uint8_t)(d->ep_in ? 2 : 1), 0 };

	g_byte_array_append(b, dev, sizeof(dev));
	g_byte_array_append(b, (const uint8_t *)"\x09\x02", 2);
	put16(b, (unsigned)total);
	cfg[0] = (uint8_t)nifc;
	g_byte_array_append(b, cfg, sizeof(cfg));
	g_byte_array_append(b, (const uint8_t *)"\x32", 1);
	if (d->vendor_ifc_first) {
		g_byte_array_append(b, ifc_v, sizeof(ifc_v));
		put_ep(b, 0x03);
	}
	g_byte_array_append(b, ifc_p, sizeof(ifc_p));
	put_ep(b, d->ep_out);
	if (d->ep_in)
		put_ep(b, d->ep_in);
	for (guint i = 0; i < b->len; i++)
		g_string_append_printf(hex, "%02x", b->data[i]);
	g_byte_array_free(b, TRUE);
	return g_string_free(hex, FALSE);
}

static bool mock_plug(struct bed *bed, struct mock *m)
{
	char *hex = descriptors_hex(&m->d);
	char *s = g_strdup_printf("P: %s\nN: %s\nE: SUBSYSTEM=usb\nE: DRIVER=usb\n"
		"E: BUSNUM=%03d\nE: DEVNUM=001\nE: DEVNAME=/dev/%s\nE: DEVTYPE=usb_device\n"
		"A: bConfigurationValue=1\\n\nA: busnum=%d\\n\nA: devnum=1\\n\nA: speed=12\\n\n"
		"A: idVendor=%04x\\n\nA: idProduct=%04x\\n\nA: bDeviceClass=00\\n\nH: descriptors=%s\n",
		m->syspath + 4, m->devnode + 5, m->bus, m->devnode + 5, m->bus, m->d.vid, m->d.pid, hex);
	GError *err = NULL;
	bool ok;

	mock_lock(m);
	m->gone = false;
	mock_unlock(m);
	/* the handler first, so the device works as soon as it appears */
	ok = umockdev_testbed_attach_ioctl(bed->tb, m->devnode, m->handler, &err) &&
	     umockdev_testbed_add_from_string(bed->tb, s, &err);
	if (!ok)
		fprintf(stderr, "mock: %s\n", err ? err->message : "?");
	g_clear_error(&err);
	g_free(s);
	g_free(hex);
	return ok;
}

static void mock_unplug(struct bed *bed, struct mock *m)
{
	mock_lock(m);
	m->gone = true;
	mock_unlock(m);
	umockdev_testbed_uevent(bed->tb, m->syspath, "remove");
	umockdev_testbed_remove_device(bed->tb, m->syspath);
	umockdev_testbed_detach_ioctl(bed->tb, m->devnode, NULL);
}

static struct mock *mock_add(struct bed *bed, struct usbdev d)
{
	struct mock *m = g_new0(struct mock, 1);

	g_mutex_init(&m->mu);
	m->d = d;
	m->bus = bed->n + 1;
	snprintf(m->syspath, sizeof(m->syspath), "/sys/devices/usb%d", m->bus);
	snprintf(m->devnode, sizeof(m->devnode), "/dev/bus/usb/%03d/001", m->bus);
	m->out = g_byte_array_new();
	m->in = g_byte_array_new();
	m->st[1] = m->st[2] = m->st[3] = m->st[4] = ST_READY;
	m->answer = true;
	m->stall_at = m->take_max = m->unplug_at = NO_LIMIT;
	m->handler = umockdev_ioctl_base_new();
	g_signal_connect(m->handler, "handle-ioctl", G_CALLBACK(on_ioctl), m);
	bed->dev[bed->n++] = m;
	if (!mock_plug(bed, m))
		return NULL;
	return m;
}

static void mock_free(struct mock *m)
{
	g_queue_clear_full(&m->held, urb_free);
	g_queue_clear_full(&m->done, urb_free);
	g_object_unref(m->handler);
	g_byte_array_free(m->out, TRUE);
	g_byte_array_free(m->in, TRUE);
	g_mutex_clear(&m->mu);
	g_free(m);
}

static struct bed *bed_new(void)
{
	struct bed *b = g_new0(struct bed, 1);

	b->tb = umockdev_testbed_new();
	return b;
}

static void bed_free(struct bed *b)
{
	printer_close(b->p);
	for (int i = 0; i < b->n; i++)
		if (b->dev[i])
			umockdev_testbed_detach_ioctl(b->tb, b->dev[i]->devnode, NULL);
	if (b->tb)
		g_object_unref(b->tb);
	for (int i = 0; i < b->n; i++)
		if (b->dev[i])
			mock_free(b->dev[i]);
	g_free(b);
}

static const struct usbdev tm_t20 = { 0x04b8, 0x0e15, false, 7, 0x01, 0x82 };
static const struct usbdev pos58 = { 0x0416, 0x5011, true, 7, 0x02, 0x81 };
static const struct usbdev no_in = { 0x1fc9, 0x2016, false, 7, 0x01, 0 };
static const struct usbdev vendor_only = { 0x6868, 0x0500, false, 0xff, 0x02, 0x81 };
static const struct usbdev keyboard = { 0x046d, 0xc31c, false, 3, 0x01, 0x81 };

static struct config_printer usb_cfg(int timeout_ms, uint16_t vid, uint16_t pid)
{
	struct config_printer c;

	memset(&c, 0, sizeof(c));
	snprintf(c.driver, sizeof(c.driver), "usb");
	c.paper_width_dots = 576;
	c.band_height = 24;
	c.timeout_ms = timeout_ms;
	c.m.status = true;
	c.m.near_end = true;
	if (vid) {
		c.m.n_ids = 1;
		c.m.ids[0].vid = vid;
		c.m.ids[0].pid = pid;
	}
	return c;
}

static int open_usb(struct bed *b, int timeout_ms, uint16_t vid, uint16_t pid)
{
	struct config_printer c = usb_cfg(timeout_ms, vid, pid);

	return printer_open(&c, t_tmpdir(), &b->p);
}

static enum printer_state state_of(struct bed *b)
{
	struct printer_status st;

	printer_status(b->p, &st);
	return st.state;
}

/* A 576 x rows ticket-like picture, and the exact bytes the printer must receive for it. */
static struct raster *picture(int rows, struct escpos_buf *want)
{
	struct raster *r = raster_new(576, rows);

	for (int y = 0; r && y < rows; y++)
		for (int x = 0; x < 576; x++)
			raster_set(r, x, y, ((x * 7 + y * 13) % 11) < 4);
	escpos_buf_init(want);
	if (r)
		escpos_ticket(want, r, 24);
	return r;
}

static bool got_exactly(struct mock *m, const struct escpos_buf *want)
{
	bool same;

	mock_lock(m);
	same = m->out->len == want->len && memcmp(m->out->data, want->data, want->len) == 0;
	if (!same)
		fprintf(stdout, "    printer took %u bytes, job was %zu\n", m->out->len, want->len);
	mock_unlock(m);
	return same;
}

static bool got_after_resync(struct mock *m, const struct escpos_buf *want, size_t pad)
{
	bool same;

	mock_lock(m);
	same = m->out->len == pad + want->len &&
	       memcmp(m->out->data + pad, want->data, want->len) == 0;
	for (size_t i = 0; same && i < pad; i++)
		same = m->out->data[i] == 0;
	mock_unlock(m);
	return same;
}

/* Print a 1500-row picture; *elapsed in seconds. */
static int print_big(struct bed *b, struct escpos_buf *want, double *elapsed)
{
	struct raster *r = picture(1500, want);
	double t0 = ((double)clock_mono_ns() / 1e9);
	int rc = r ? printer_print(b->p, "T-001", r) : ERR_NOMEM;

	if (elapsed)
		*elapsed = ((double)clock_mono_ns() / 1e9) - t0;
	raster_free(r);
	return rc;
}

/* Each test body gets a fresh testbed; bed_free runs even when a check fails. */
#define USB_TEST(name)                                  \
	static void body_##name(struct bed *b);         \
	T_TEST(name)                                    \
	{                                               \
		struct bed *b = bed_new();              \
		if (b->tb)                              \
			body_##name(b);                 \
		else                                    \
			T_CHECK(!"umockdev testbed");   \
		bed_free(b);                            \
	}                                               \
	static void body_##name(struct bed *b)

USB_TEST(usb_absent_printer_opens_offline)
{
	T_OK(open_usb(b, 300, 0, 0));
	T_EQ(state_of(b), PRINTER_OFFLINE);
	T_EQ(state_of(b), PRINTER_OFFLINE);
}

USB_TEST(usb_picks_listed_vid_pid_over_class)
{
	struct mock *a, *p;
	struct escpos_buf want;
	int rc;

	T_CHECK((a = mock_add(b, tm_t20)) != NULL);
	T_CHECK((p = mock_add(b, pos58)) != NULL);
	T_OK(open_usb(b, 1000, 0x0416, 0x5011));
	rc = print_big(b, &want, NULL);
	escpos_buf_free(&want);
	T_OK(rc);
	T_EQ(a->out->len, 0);
	T_CHECK(p->out->len > 100000);
	T_EQ(p->claims, 1);
}

USB_TEST(usb_finds_class7_and_skips_others)
{
	struct mock *k, *v, *p;

	T_CHECK((k = mock_add(b, keyboard)) != NULL);
	T_CHECK((v = mock_add(b, vendor_only)) != NULL);
	T_CHECK((p = mock_add(b, pos58)) != NULL);
	T_OK(open_usb(b, 1000, 0, 0));
	T_EQ(state_of(b), PRINTER_READY);
	T_EQ(k->claims + v->claims, 0);
	T_EQ(p->claims, 1);
	T_EQ(p->queries, 2);
}

USB_TEST(usb_vendor_class_only_when_listed)
{
	struct mock *v;

	T_CHECK((v = mock_add(b, vendor_only)) != NULL);
	T_OK(open_usb(b, 1000, 0, 0));
	T_EQ(state_of(b), PRINTER_OFFLINE);
	printer_close(b->p);
	b->p = NULL;
	T_OK(open_usb(b, 1000, 0x6868, 0x0500));
	T_EQ(state_of(b), PRINTER_READY);
	T_EQ(v->claims, 1);
}

/* Endpoints come from the descriptors: 0x01/0x82 on one model, 0x02/0x81 on interface 1 of
 * the other. The mock only answers on the endpoints it declared. */
USB_TEST(usb_endpoints_from_descriptors)
{
	struct mock *m;
	struct escpos_buf want;
	int rc;

	T_CHECK((m = mock_add(b, pos58)) != NULL);
	T_OK(open_usb(b, 1000, 0, 0));
	T_EQ(state_of(b), PRINTER_READY);
	rc = print_big(b, &want, NULL);
	T_CHECK(rc == 0 && got_exactly(m, &want));
	escpos_buf_free(&want);
}

USB_TEST(usb_detaches_usblp_and_gives_it_back)
{
	struct mock *m;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	m->usblp = true;
	T_OK(open_usb(b, 1000, 0, 0));
	T_EQ(m->disconnects, 1);
	T_EQ(m->claims, 1);
	T_CHECK(!m->usblp);
	printer_close(b->p);
	b->p = NULL;
	T_EQ(m->releases, 1);
	T_EQ(m->connects, 1);
	T_CHECK(m->usblp);
}

USB_TEST(usb_no_driver_no_detach)
{
	struct mock *m;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	T_OK(open_usb(b, 1000, 0, 0));
	printer_close(b->p);
	b->p = NULL;
	T_EQ(m->disconnects + m->connects, 0);
	T_EQ(m->releases, 1);
}

USB_TEST(usb_big_raster_byte_exact)
{
	struct mock *m;
	struct escpos_buf want;
	int rc;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	T_OK(open_usb(b, 1000, 0x04b8, 0x0e15));
	rc = print_big(b, &want, NULL);
	T_CHECK(want.len > 100000);
	T_CHECK(rc == 0 && got_exactly(m, &want));
	T_EQ(m->queries, 0); /* no status question inside a job */
	T_CHECK(m->submits >= (int)(want.len / 16384));
	escpos_buf_free(&want);
}

USB_TEST(usb_partial_writes_resume)
{
	struct mock *m;
	struct escpos_buf want;
	int rc;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	m->halves = 3;
	T_OK(open_usb(b, 200, 0, 0));
	rc = print_big(b, &want, NULL);
	T_CHECK(rc == 0 && got_exactly(m, &want));
	T_EQ(m->halves, 0);
	escpos_buf_free(&want);
}

USB_TEST(usb_no_progress_fails_in_bounded_time)
{
	struct mock *m;
	struct escpos_buf want;
	double t;
	int rc;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	m->take_max = 0;
	T_OK(open_usb(b, 300, 0, 0));
	rc = print_big(b, &want, &t);
	escpos_buf_free(&want);
	T_EQ(rc, ERR_PRINTER);
	T_CHECK(t >= 0.25 && t < 3.0);
	m->take_max = NO_LIMIT;
	T_EQ(state_of(b), PRINTER_READY);
}

USB_TEST(usb_stall_cleared_once_job_completes)
{
	struct mock *m;
	struct escpos_buf want;
	int rc;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	m->stall_at = 50000;
	m->stalls = 1;
	T_OK(open_usb(b, 1000, 0, 0));
	rc = print_big(b, &want, NULL);
	T_CHECK(rc == 0 && got_exactly(m, &want));
	T_EQ(m->clear_halts, 1);
	escpos_buf_free(&want);
}

USB_TEST(usb_second_stall_fails_job)
{
	struct mock *m;
	struct escpos_buf want;
	int rc;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	m->stall_at = 50000;
	m->stalls = 2;
	T_OK(open_usb(b, 1000, 0, 0));
	rc = print_big(b, &want, NULL);
	escpos_buf_free(&want);
	T_EQ(rc, ERR_PRINTER);
	T_EQ(m->clear_halts, 1);
	T_CHECK(m->out->len < 50000);
}

USB_TEST(usb_status_ready_near_end_out_offline)
{
	struct mock *m;
	struct printer_status st;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	T_OK(open_usb(b, 1000, 0, 0));
	T_EQ(state_of(b), PRINTER_READY);
	m->st[4] = ST_NEAR_END;
	T_EQ(state_of(b), PRINTER_PAPER_NEAR_END);
	m->st[4] = ST_PAPER_OUT;
	m->st[1] = ST_OFFLINE;
	T_EQ(state_of(b), PRINTER_PAPER_OUT);
	m->st[4] = ST_READY;
	m->st[2] = ST_COVER_OPEN;
	T_OK(printer_status(b->p, &st));
	T_EQ(st.state, PRINTER_OFFLINE);
	T_CHECK(st.cover_open);
	m->st[1] = m->st[2] = ST_READY;
	T_EQ(state_of(b), PRINTER_READY);
	T_EQ(m->out->len, 0); /* queries are not job bytes */
}

USB_TEST(usb_status_drains_stale_bytes)
{
	struct mock *m;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	T_OK(open_usb(b, 1000, 0, 0));
	mock_lock(m);
	g_byte_array_append(m->in, (const uint8_t *)"\x72\x72", 2); /* a late "paper out" */
	mock_unlock(m);
	T_EQ(state_of(b), PRINTER_READY);
}

USB_TEST(usb_no_answer_is_unknown)
{
	struct mock *m;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	m->answer = false;
	T_OK(open_usb(b, 1000, 0, 0));
	T_EQ(state_of(b), PRINTER_UNKNOWN);
}

USB_TEST(usb_no_in_endpoint_is_unknown_and_prints)
{
	struct mock *m;
	struct escpos_buf want;
	int rc;

	T_CHECK((m = mock_add(b, no_in)) != NULL);
	m->st[4] = ST_PAPER_OUT;
	T_OK(open_usb(b, 1000, 0, 0));
	T_EQ(state_of(b), PRINTER_UNKNOWN);
	T_EQ(m->queries, 0);
	rc = print_big(b, &want, NULL);
	T_CHECK(rc == 0 && got_exactly(m, &want));
	escpos_buf_free(&want);
}

USB_TEST(usb_paper_out_during_print)
{
	struct mock *m;
	struct escpos_buf want;
	int rc;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	T_OK(open_usb(b, 300, 0, 0));
	T_EQ(state_of(b), PRINTER_READY);
	m->take_max = 40000; /* the roll ends here: the printer takes no more */
	m->st[4] = ST_PAPER_OUT;
	rc = print_big(b, &want, NULL);
	escpos_buf_free(&want);
	T_EQ(rc, ERR_PRINTER);
	T_EQ(m->out->len, 40000);
	T_EQ(m->queries, 2); /* only the status call before the job */
	T_EQ(state_of(b), PRINTER_PAPER_OUT);
}

USB_TEST(usb_unplug_during_print_then_replug)
{
	struct mock *m;
	struct escpos_buf want;
	int rc;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	T_OK(open_usb(b, 1000, 0, 0));
	T_EQ(state_of(b), PRINTER_READY);
	m->unplug_at = 60000;
	rc = print_big(b, &want, NULL);
	escpos_buf_free(&want);
	T_EQ(rc, ERR_PRINTER);
	mock_unplug(b, m);
	T_EQ(state_of(b), PRINTER_OFFLINE);
	T_EQ(state_of(b), PRINTER_OFFLINE);
	mock_lock(m);
	m->unplug_at = NO_LIMIT;
	g_byte_array_set_size(m->out, 0);
	mock_unlock(m);
	T_CHECK(mock_plug(b, m));
	T_EQ(state_of(b), PRINTER_READY);
	rc = print_big(b, &want, NULL);
	/* after the broken job, NULs complete any half-sent band, then the ticket follows */
	T_CHECK(rc == 0 && got_after_resync(m, &want, 72 * 24 + 8));
	escpos_buf_free(&want);
}

USB_TEST(usb_unplug_while_idle_noticed_by_status)
{
	struct mock *m;

	T_CHECK((m = mock_add(b, no_in)) != NULL);
	T_OK(open_usb(b, 1000, 0, 0));
	T_EQ(state_of(b), PRINTER_UNKNOWN);
	mock_unplug(b, m);
	T_EQ(state_of(b), PRINTER_OFFLINE);
	T_CHECK(mock_plug(b, m));
	T_EQ(state_of(b), PRINTER_UNKNOWN);
	T_EQ(m->claims, 2);
}

USB_TEST(usb_appears_after_open)
{
	struct mock *m;

	T_OK(open_usb(b, 1000, 0, 0));
	T_EQ(state_of(b), PRINTER_OFFLINE);
	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	T_EQ(state_of(b), PRINTER_READY);
}

/* ---- the real kiosk (a child process on the same emulated bus) printing through it ---- */

/* Writes the kiosk's config and script into the test's scratch dir and runs KIOSK_BIN
 * (exported by tests/it/usb.sh) on them; returns the kiosk's exit status. */
static int run_kiosk(const char *script)
{
	const char *bin = getenv("KIOSK_BIN");
	char cfg[512], scr[512], cmd[2048];
	FILE *fp;

	if (!bin)
		return -1;
	snprintf(cfg, sizeof(cfg), "%s/kiosk.ini", t_tmpdir());
	snprintf(scr, sizeof(scr), "%s/run.script", t_tmpdir());
	fp = fopen(cfg, "w");
	if (!fp)
		return -1;
	fprintf(fp, "[kiosk]\nvar_dir = %s/var\ncatalog = tests/data/catalog-test.ini\n"
		"[printer]\ndriver = usb\nmodel = tm-t20\ntimeout_ms = 2000\n", t_tmpdir());
	fclose(fp);
	fp = fopen(scr, "w");
	if (!fp)
		return -1;
	fputs(script, fp);
	fclose(fp);
	snprintf(cmd, sizeof(cmd), "timeout 60 %s --config %s --script %s >%s/kiosk.log 2>&1",
		 bin, cfg, scr, t_tmpdir());
	return system(cmd);
}

/* Runs a shell check in the scratch dir; 0 when it exits 0. */
static int shell(const char *check)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), "cd %s && %s", t_tmpdir(), check);
	return system(cmd);
}

USB_TEST(usb_kiosk_ticket_end_to_end)
{
	static const char script[] =
		"clock 2026-11-23 09:00\nwait 2500\nexpect enabled take\ntap take\nwait 500\n"
		"tap field_chung_thuc\nwait 500\ntap svc_K\nexpect number K-001\nexpect printed 1\n";
	char path[512], repo[512], check[1024];
	struct mock *m;
	FILE *fp;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	T_EQ(run_kiosk(script), 0);
	snprintf(path, sizeof(path), "%s/got.bin", t_tmpdir());
	fp = fopen(path, "wb");
	T_CHECK(fp != NULL);
	mock_lock(m);
	fwrite(m->out->data, 1, m->out->len, fp);
	T_CHECK(m->out->len > 20000);
	mock_unlock(m);
	fclose(fp);
	T_CHECK(getcwd(repo, sizeof(repo)) != NULL);
	/* the bytes the printer took, decoded independently, carry the ticket's QR */
	snprintf(check, sizeof(check),
		 "python3 %s/tools/escpos2png.py --trim-feed got.bin dec >/dev/null 2>&1 && "
		 "test \"$(zbarimg --raw -q dec.png 2>/dev/null)\" = KIOSK-01-20261123-K001", repo);
	T_OK(shell(check));
	T_OK(shell("test \"$(sqlite3 var/kiosk.db 'select status from tickets')\" = 1"));
}

USB_TEST(usb_kiosk_paper_out_issues_nothing)
{
	static const char script[] =
		"clock 2026-11-23 09:00\nwait 2500\nexpect disabled take\ntap-ignored take\nwait 500\n"
		"expect screen home\n";
	struct mock *m;

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	m->st[4] = ST_PAPER_OUT;
	T_EQ(run_kiosk(script), 0);
	T_EQ(m->out->len, 0);
	T_OK(shell("test \"$(sqlite3 var/kiosk.db 'select count(*) from tickets')\" = 0"));
	/* the latest health report says why (an "unknown" before the first answer may precede it) */
	T_OK(shell("test \"$(sqlite3 var/kiosk.db \"select body from outbox where kind = "
		   "'health.printer' order by id desc limit 1\")\" = '{\"printer\":\"paper-out\"}'"));
}

/* Ten real tickets' worth of bytes through the emulated device; with KIOSK_BENCH=1 it prints
 * the median push time as a `make bench` line. */
USB_TEST(usb_ticket_push_time)
{
	struct escpos_buf want;
	struct raster *r = picture(760, &want);
	struct mock *m;
	double t[10];

	T_CHECK((m = mock_add(b, tm_t20)) != NULL);
	T_OK(open_usb(b, 2000, 0x04b8, 0x0e15));
	for (int i = 0; i < 10; i++) {
		double t0 = ((double)clock_mono_ns() / 1e9);
		mock_lock(m);
		g_byte_array_set_size(m->out, 0);
		mock_unlock(m);
		T_OK(printer_print(b->p, "B-001", r));
		t[i] = ((double)clock_mono_ns() / 1e9) - t0;
		T_CHECK(got_exactly(m, &want));
	}
	for (int i = 1; i < 10; i++)
		for (int j = i; j > 0 && t[j] < t[j - 1]; j--) {
			double x = t[j];
			t[j] = t[j - 1];
			t[j - 1] = x;
		}
	if (getenv("KIOSK_BENCH"))
		fprintf(stderr, "usb_ticket_push_p50 %.2f ms\nusb_ticket_bytes %zu bytes\n",
			t[5] * 1e3, want.len);
	escpos_buf_free(&want);
	raster_free(r);
}
