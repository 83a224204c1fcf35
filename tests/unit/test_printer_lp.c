/* "lp" is the usblp character device: the same byte pipe as "file", chosen by its own name. */
#include "../t.h"
#include "../../drivers/escpos.h"
#include "../../drivers/printer.h"

#include <stdio.h>
#include <stdlib.h>

T_TEST(printer_lp_writes_the_ticket_bytes)
{
	struct config_printer c;
	struct printer *p;
	struct raster *r = raster_new(384, 60);
	struct escpos_buf want;
	uint8_t *got = NULL;
	size_t n = 0;
	FILE *fp;

	memset(&c, 0, sizeof(c));
	snprintf(c.driver, sizeof(c.driver), "lp");
	snprintf(c.device, sizeof(c.device), "%s/lp0", t_tmpdir());
	c.band_height = 24;
	for (int y = 0; r && y < 60; y++)   /* a picture, so that every band carries bits */
		for (int x = y % 5; x < 384; x += 7)
			raster_set(r, x, y, true);
	T_OK(printer_open(&c, NULL, &p));
	T_STREQ(printer_name(p), "lp");
	T_OK(printer_print(p, "A-001", r));
	printer_close(p);
	escpos_buf_init(&want);
	T_OK(escpos_ticket(&want, r, 24));
	fp = fopen(c.device, "rb");
	T_CHECK(fp != NULL);
	got = malloc(want.len + 1);
	if (got)
		n = fread(got, 1, want.len + 1, fp);
	fclose(fp);
	T_EQ(n, want.len);   /* every byte, and not one more */
	T_CHECK(memcmp(got, want.data, want.len) == 0);
	free(got);
	escpos_buf_free(&want);
	raster_free(r);
}
