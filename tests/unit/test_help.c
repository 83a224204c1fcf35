/* help: a call for help reaches the outbox once, with nothing of the citizen, and the rate
 * limit holds against play (a press again at once, a seventh request within the hour), on a
 * whole kiosk with a real database and a fixed clock. */
#include "../t.h"
#include "kiosk_fixture.h"
#include "../../firmware/clock.h"
#include "../../firmware/err.h"
#include "../../firmware/events.h"
#include "../../firmware/journey/journeys.h"
#include "../../firmware/journey/kiosk.h"
#include "../../firmware/store.h"

#include <stdio.h>
#include <stdlib.h>

static int open_kiosk(struct kiosk **k)
{
	return t_kiosk_open(k, 1795419000000LL);
}

/* The help.requested rows of the outbox, their bodies joined by spaces into out. */
static int help_rows(struct kiosk *k, char *out, size_t len)
{
	static struct store_outbox_row rows[32];
	int n = 0, rc = store_outbox_pending(k->store, 32, rows, &n), found = 0;
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; rc == 0 && i < n; i++) {
		if (strcmp(rows[i].kind, "help.requested") != 0)
			continue;
		used += (size_t)snprintf(out + used, len - used, "%s%s", found ? " " : "",
					 rows[i].body);
		found++;
		if (used >= len)
			return ERR_RANGE;
	}
	return rc ? rc : found;
}

T_TEST(help_request_reaches_outbox_once)
{
	struct kiosk *k;
	struct help *h;
	char bodies[2048];
	enum help_outcome o[4];
	int n;

	T_OK(open_kiosk(&k));
	h = journeys_help(k->journeys);
	o[0] = help_request(h, "home", false);
	clock_advance(&k->clock, 5000);
	o[1] = help_request(h, "services", true);       /* at once again: help is coming */
	clock_advance(&k->clock, HELP_GAP_MS);
	o[2] = help_request(h, "Nguyễn Văn An", true);   /* no screen name: "unknown" */
	o[3] = help_last(h);
	n = help_rows(k, bodies, sizeof(bodies));
	kiosk_close(k);
	T_EQ(o[0], HELP_SENT);
	T_EQ(o[1], HELP_COMING);
	T_EQ(o[2], HELP_SENT);
	T_EQ(o[3], HELP_SENT);
	T_EQ(n, 2);
	T_STREQ(bodies, "{\"screen\":\"home\",\"voice\":false} {\"screen\":\"unknown\",\"voice\":true}");
	T_STREQ(help_message_key(HELP_COMING), "help_coming");
}

T_TEST(help_limited_within_the_hour)
{
	struct kiosk *k;
	struct help *h;
	char bodies[2048];
	int sent = 0, limited = 0, n, after;

	T_OK(open_kiosk(&k));
	h = journeys_help(k->journeys);
	for (int i = 0; i < HELP_PER_HOUR + 3; i++) {
		enum help_outcome o = help_request(h, "home", false);

		sent += o == HELP_SENT;
		limited += o == HELP_LIMITED;
		clock_advance(&k->clock, HELP_GAP_MS);
	}
	n = help_rows(k, bodies, sizeof(bodies));
	/* an hour after the first, the oldest has aged out and one more may go */
	clock_advance(&k->clock, HELP_HOUR_MS - (HELP_PER_HOUR + 3) * (int64_t)HELP_GAP_MS + 1);
	after = help_request(h, "home", false);
	kiosk_close(k);
	T_EQ(sent, HELP_PER_HOUR);
	T_EQ(limited, 3);
	T_EQ(n, HELP_PER_HOUR);
	T_EQ(after, HELP_SENT);
}

T_TEST(help_body_keeps_to_fixed_words)
{
	char out[96];

	T_OK(events_help("ticket", true, out, sizeof(out)));
	T_STREQ(out, "{\"screen\":\"ticket\",\"voice\":true}");
	T_OK(events_help("079123456789", false, out, sizeof(out)));
	T_STREQ(out, "{\"screen\":\"unknown\",\"voice\":false}");
	T_OK(events_help(NULL, false, out, sizeof(out)));
	T_STREQ(out, "{\"screen\":\"unknown\",\"voice\":false}");
	T_EQ(events_help("home", false, out, 10), ERR_RANGE);
}
