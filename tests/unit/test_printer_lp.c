/* "lp" is the usblp character device: the same byte pipe as "file", chosen by its own name. */
#include "../t.h"
#include "../../drivers/escpos.h"
#include "../../drivers/printer.h"

#include <stdio.h>
#include <sys/stat.h>

T_TEST(printer_lp_writes_the_ticket_bytes)
{
	struct config_printer c;
	struct printer *p;
	struct raster *r = raster_new(384, 60);
	struct escpos_buf want;
	struct stat st;

	memset(&c, 0, sizeof(c));
	snprintf(c.driver, sizeof(c.driver), "lp");
	snprintf(c.device, sizeof(c.device), "%s/lp0", t_tmpdir());
	c.band_height = 24;
	T_OK(printer_open(&c, NULL, &p));
	T_STREQ(printer_name(p), "lp");
	T_OK(printer_print(p, "A-001", r));
	printer_close(p);
	escpos_buf_init(&want);
	T_OK(escpos_ticket(&want, r, 24));
	T_OK(stat(c.device, &st));
	T_EQ(st.st_size, want.len);
	escpos_buf_free(&want);
	raster_free(r);
}
