/* A realistic Vietnamese ticket as the journeys hand it to the renderer, for the tools and
 * tests that render one: the ESC/POS goldens (ticket_bytes.c), the bench (bench_ticket.c) and
 * the renderer's tests (tests/ui/test_ticket.c). Each copies it and changes what it tests. */
#ifndef TESTS_TOOLS_TICKET_SAMPLE_H
#define TESTS_TOOLS_TICKET_SAMPLE_H

#include "firmware/ticket_view.h"

static const struct ticket_view TICKET_SAMPLE = {
	.unit_name = "Trung tâm Phục vụ hành chính công xã Minh Đức",
	.heading = "SỐ THỨ TỰ",
	.number = "A-042",
	.service = "Đăng ký khai sinh",
	.field_label = "Lĩnh vực",
	.field = "Hộ tịch",
	.counters_label = "Quầy",
	.counters = "1, 2",
	.ahead_label = "Số người chờ trước quý khách",
	.people_ahead = 7,
	.issued_label = "Thời gian lấy số",
	.issued_at = "07:45  Thứ Hai 23/11/2026",
	.ticket_id = "KIOSK-01-20261123-A042",
	.qr_caption = "Quét mã này để đánh giá cán bộ phục vụ",
	.note = "Vui lòng chờ gọi số và đến quầy khi số của quý khách hiện trên màn hình.",
};

#endif
