/* A model's cut bytes end the ticket; a model without a cutter feeds further and cuts nothing. */
#include "../t.h"
#include "../../drivers/escpos.h"

T_TEST(escpos_ticket_model_cut_bytes)
{
	static const uint8_t full_cut[] = { 0x1d, 0x56, 0x41, 0x03 };
	struct escpos_buf b;
	struct raster *r = raster_new(16, 30);

	T_CHECK(r != NULL);
	escpos_buf_init(&b);
	T_OK(escpos_ticket_model(&b, r, 24, full_cut, sizeof(full_cut)));
	T_CHECK(b.len > 8);
	T_CHECK(memcmp(b.data + b.len - 7, "\x1b\x64\x04\x1d\x56\x41\x03", 7) == 0);
	escpos_buf_free(&b);
	escpos_buf_init(&b);
	T_OK(escpos_ticket_model(&b, r, 24, NULL, 0));
	T_CHECK(memcmp(b.data + b.len - 3, "\x1b\x64\x06", 3) == 0);
	for (size_t i = 0; i + 1 < b.len; i++)
		T_CHECK(!(b.data[i] == 0x1d && b.data[i + 1] == 0x56));
	escpos_buf_free(&b);
	raster_free(r);
}
