/* events: every outbox body as the central system reads it (docs/protocol.md): keys in
 * order, text escaped, a body that does not fit refused rather than cut. */
#include "../t.h"
#include "../../firmware/err.h"
#include "../../firmware/events.h"
#include "../../firmware/store.h"

T_TEST(events_bodies_as_documented)
{
	char out[STORE_OUTBOX_BODY_MAX];

	T_OK(events_printer("paper-near-end", out, sizeof(out)));
	T_STREQ(out, "{\"printer\":\"paper-near-end\"}");
	T_OK(events_lock(true, "Tạm dừng \"đến\" 13:30\\", out, sizeof(out)));
	T_STREQ(out, "{\"locked\":true,\"message\":\"Tạm dừng \\\"đến\\\" 13:30\\\\\"}");
	T_OK(events_lock(false, "", out, sizeof(out)));
	T_STREQ(out, "{\"locked\":false,\"message\":\"\"}");
	T_OK(events_reload(false, "kiosk.ini:3: [kiosk] x: unknown key", out, sizeof(out)));
	T_STREQ(out, "{\"ok\":false,\"reason\":\"kiosk.ini:3: [kiosk] x: unknown key\"}");
	T_OK(events_reprinted("A", 20261123, 7, true, "", out, sizeof(out)));
	T_STREQ(out, "{\"service\":\"A\",\"day\":20261123,\"seq\":7,\"ok\":true,\"reason\":\"\"}");
	T_OK(events_reprinted(NULL, 0, 0, false, "no ticket printed today", out, sizeof(out)));
	T_STREQ(out, "{\"ok\":false,\"reason\":\"no ticket printed today\"}");
	T_OK(events_staff("test_print", out, sizeof(out)));
	T_STREQ(out, "{\"action\":\"test_print\"}");
}

T_TEST(events_ticket_says_numbering_only_when_not_local)
{
	char out[STORE_OUTBOX_BODY_MAX];
	struct events_ticket t = { .service = "A", .day = 20261123, .seq = 12, .priority = 1,
				   .status = 0, .issued_at = 100, .at = 101, .reason = NULL };

	T_OK(events_ticket(&t, out, sizeof(out)));
	T_STREQ(out, "{\"service\":\"A\",\"day\":20261123,\"seq\":12,\"priority\":1,\"status\":0,"
		"\"issued_at\":100,\"at\":101,\"reason\":\"\"}");
	t.numbering = "fallback";
	t.request = "0123456789abcdef";
	t.reason = "paper out";
	T_OK(events_ticket(&t, out, sizeof(out)));
	T_STREQ(out, "{\"service\":\"A\",\"day\":20261123,\"seq\":12,\"priority\":1,\"status\":0,"
		"\"issued_at\":100,\"at\":101,\"reason\":\"paper out\",\"numbering\":\"fallback\","
		"\"request\":\"0123456789abcdef\"}");
}

T_TEST(events_rating_escapes_the_comment)
{
	char out[STORE_OUTBOX_BODY_MAX];
	struct events_rating r = { .officer = "t02", .level = 1, .scale = 3,
				   .level_id = "unsatisfied", .reasons = "wait,attitude",
				   .comment = "Chờ \"lâu\"\n", .via = "directory", .flagged = true,
				   .flag_reason = "3 ratings at this kiosk within 60 s",
				   .hour = 1795399200 };

	T_OK(events_rating(&r, out, sizeof(out)));
	T_STREQ(out, "{\"officer\":\"t02\",\"level\":1,\"scale\":3,\"level_id\":\"unsatisfied\","
		"\"reasons\":[\"wait\",\"attitude\"],\"comment\":\"Chờ \\\"lâu\\\"\\n\","
		"\"via\":\"directory\",\"flagged\":true,"
		"\"flag_reason\":\"3 ratings at this kiosk within 60 s\",\"at\":1795399200}");
	r.reasons = "";
	T_OK(events_rating(&r, out, sizeof(out)));
	T_CHECK(strstr(out, "\"reasons\":[],") != NULL);
}

T_TEST(events_refuse_what_does_not_fit_or_is_not_utf8)
{
	char out[32];

	T_OK(events_staff("opened", out, sizeof(out)));
	/* {"action":"opened"} is 19 bytes: 19 do not leave room for the NUL, 20 do */
	T_EQ(events_staff("opened", out, 19), ERR_RANGE);
	T_STREQ(out, "");
	T_OK(events_staff("opened", out, 20));
	T_STREQ(out, "{\"action\":\"opened\"}");
	T_EQ(events_lock(true, "\xff\xfe", out, sizeof(out)), ERR_INVAL);
	T_STREQ(out, "");
}
