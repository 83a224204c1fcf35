/* What the central system's orders rest on below the UI: the kept lock, the last printed ticket
 * for a reprint, the central catalogue keeping the unit's photos, JSON text in event bodies. */
#include "../t.h"
#include "../../firmware/catalog.h"
#include "../../firmware/clock.h"
#include "../../firmware/err.h"
#include "../../firmware/queue.h"
#include "../../firmware/store.h"
#include "../../firmware/store_sync.h"

#include <stdio.h>

static const char cat_text[] =
	"[field.f]\nname_vi = Hộ tịch\n"
	"[service.A]\nfield = f\nname_vi = Khai sinh\ncounters = 1\n"
	"mon = 07:00-17:00\ntue = 07:00-17:00\n";

static int64_t mon(int h, int m)
{
	return clock_from_local(2026, 11, 23, h, m, 0);
}

T_TEST(remote_lock_state_survives_reopen)
{
	char path[300], v[64];
	struct store *s;
	int64_t at = 0;

	snprintf(path, sizeof(path), "%s/kiosk.db", t_tmpdir());
	T_OK(store_open(path, &s));
	T_EQ(store_state_get(s, "lock", v, sizeof(v), NULL), ERR_NOTFOUND);
	T_OK(store_state_put(s, "lock", "Tạm dừng phục vụ đến 13:30", 1));
	store_close(s);
	T_OK(store_open(path, &s));
	T_OK(store_state_get(s, "lock", v, sizeof(v), NULL));
	T_STREQ(v, "Tạm dừng phục vụ đến 13:30");
	T_OK(store_state_put(s, "lock", "", 2)); /* a lock without a message is still a lock */
	T_OK(store_state_get(s, "lock", v, sizeof(v), &at));
	T_STREQ(v, "");
	T_EQ(at, 2);
	T_OK(store_state_delete(s, "lock"));
	T_OK(store_state_delete(s, "lock"));
	T_EQ(store_state_get(s, "lock", v, sizeof(v), NULL), ERR_NOTFOUND);
	store_close(s);
}

T_TEST(remote_last_printed_is_todays_latest_printed)
{
	bool rep = false;
	char path[300], err[256];
	struct store *s;
	struct catalog *c;
	struct queue *q;
	struct queue_ticket t;

	snprintf(path, sizeof(path), "%s/kiosk.db", t_tmpdir());
	T_OK(catalog_load_string(cat_text, "t", &c, err, sizeof(err)));
	T_OK(store_open(path, &s));
	T_OK(queue_new(s, c, "K1", &q));
	T_EQ(queue_last_printed(q, mon(8, 0), &t), ERR_NOTFOUND);
	T_OK(queue_issue(q, "A", 0, "r1", mon(8, 0), &t, &rep));
	T_OK(queue_finish(q, t.id, TICKET_PRINTED, NULL, mon(8, 0)));
	T_OK(queue_issue(q, "A", 0, "r2", mon(8, 5), &t, &rep));
	T_OK(queue_finish(q, t.id, TICKET_PRINTED, NULL, mon(8, 5)));
	T_OK(queue_issue(q, "A", 0, "r3", mon(8, 9), &t, &rep));
	T_OK(queue_finish(q, t.id, TICKET_VOIDED, "paper", mon(8, 9)));
	T_OK(queue_issue(q, "A", 0, "r4", mon(8, 10), &t, &rep)); /* still pending */
	T_OK(queue_last_printed(q, mon(9, 0), &t));
	T_STREQ(t.number, "A-002");
	T_STREQ(t.ticket_id, "K1-20261123-A002");
	T_EQ(t.status, TICKET_PRINTED);
	/* the next day has nothing to reprint */
	T_EQ(queue_last_printed(q, clock_from_local(2026, 11, 24, 8, 0, 0), &t), ERR_NOTFOUND);
	queue_free(q);
	store_close(s);
	catalog_free(c);
}

T_TEST(remote_central_catalogue_keeps_the_units_photos)
{
	static const char base[] =
		"[field.f]\nname_vi = Hộ tịch\n[service.A]\nfield = f\nname_vi = Khai sinh\n"
		"[counter.1]\nname_vi = Quầy 1\nfields = f\n";
	char local[1024], central[1024], err[256];
	struct catalog *l, *c;

	snprintf(local, sizeof(local), "%s[officer.cb01]\nname = Nguyễn Thị Lan\ntitle_vi = CV\n"
		 "field = f\ncounter = 1\nphoto = /var/lib/kiosk/lan.png\n", base);
	snprintf(central, sizeof(central), "%s[officer.cb01]\nname = Nguyễn Thị Lan\ntitle_vi = CV\n"
		 "field = f\ncounter = 1\nphoto = /etc/passwd\n[officer.cb02]\nname = Lê Hoa\n"
		 "title_vi = CV\nfield = f\ncounter = 1\n", base);
	T_OK(catalog_load_string(local, "local", &l, err, sizeof(err)));
	T_OK(catalog_load_string(central, "central", &c, err, sizeof(err)));
	catalog_adopt_photos(c, l);
	T_STREQ(catalog_officer_find(c, "cb01")->photo, "/var/lib/kiosk/lan.png");
	T_STREQ(catalog_officer_find(c, "cb02")->photo, "");
	catalog_adopt_photos(c, NULL);
	T_STREQ(catalog_officer_find(c, "cb01")->photo, "");
	catalog_free(c);
	catalog_free(l);
}
