/* After a job breaks off, the next one first completes any half-sent raster band with NULs,
 * so a printer left inside GS v 0 does not swallow the new ticket as picture data. */
#include "../t.h"
#include "../../drivers/printer.h"
#include "../../firmware/err.h"

#include <stdlib.h>

static struct capture {
	int calls, failures;
	uint8_t *last;
	size_t len;
} cap;

static int cap_open(const struct config_printer *cfg, const char *out_dir, void **state)
{
	(void)cfg;
	(void)out_dir;
	*state = &cap;
	return 0;
}

static int cap_send(void *state, const char *job, const uint8_t *bytes, size_t len,
		    const struct raster *r)
{
	struct capture *c = state;

	(void)job;
	(void)r;
	free(c->last);
	c->last = malloc(len);
	memcpy(c->last, bytes, len);
	c->len = len;
	return c->calls++ < c->failures ? ERR_PRINTER : 0;
}

static const struct printer_ops capture_ops = { "capture", cap_open, NULL, cap_send, NULL };

static size_t leading_nuls(void)
{
	size_t n = 0;

	while (n < cap.len && cap.last[n] == 0)
		n++;
	return n;
}

T_TEST(printer_resyncs_after_a_broken_job)
{
	struct config_printer cfg = { .paper_width_dots = 576, .band_height = 24 };
	struct printer *p;
	struct raster *r = raster_new(576, 40);
	size_t pad = 72 * 24 + 8;

	memset(&cap, 0, sizeof(cap));
	cap.failures = 1;
	T_OK(printer_open_ops(&capture_ops, &cfg, t_tmpdir(), &p));
	T_EQ(printer_print(p, "J-1", r), ERR_PRINTER);
	T_EQ(leading_nuls(), 0);
	T_OK(printer_print(p, "J-2", r));
	T_EQ(leading_nuls(), pad);
	T_CHECK(cap.last[pad] == 0x1b && cap.last[pad + 1] == 0x40);
	T_OK(printer_print(p, "J-3", r));
	T_EQ(leading_nuls(), 0);
	printer_close(p);
	raster_free(r);
	free(cap.last);
}
