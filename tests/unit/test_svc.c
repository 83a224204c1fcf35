/* svc: the notify messages through a fake backend that records them: READY once, WATCHDOG
 * at most every half interval and only when the loop calls, none without a watchdog, STATUS
 * when its words change, and the words for each state. */
#include "../t.h"
#include "../../firmware/svc.h"

#include <stdio.h>
#include <string.h>

struct rec {
	uint64_t usec;
	char msgs[32][128];
	int n;
};

static int rec_notify(void *ctx, const char *msg)
{
	struct rec *r = ctx;

	if (r->n < 32)
		snprintf(r->msgs[r->n++], sizeof(r->msgs[0]), "%s", msg);
	return 0;
}

static uint64_t rec_usec(void *ctx)
{
	return ((struct rec *)ctx)->usec;
}

static const struct svc_ops rec_ops = { rec_notify, rec_usec };

static int count(const struct rec *r, const char *prefix)
{
	int n = 0;

	for (int i = 0; i < r->n; i++)
		n += strncmp(r->msgs[i], prefix, strlen(prefix)) == 0;
	return n;
}

T_TEST(svc_ready_once_and_watchdog_paced)
{
	static struct rec r = { .usec = 2000000 };  /* WatchdogSec=2: a ping every second */
	const struct svc_state ok = { 0 };
	struct svc *s;

	T_OK(svc_new(&rec_ops, &r, &s));
	svc_ready(s);
	svc_ready(s);
	T_EQ(count(&r, "READY=1"), 1);
	for (int64_t t = 0; t <= 3000; t += 100)   /* the loop's passes over 3 s */
		svc_tick(s, t, &ok);
	T_EQ(count(&r, "WATCHDOG=1"), 4);          /* at 0, 1000, 2000, 3000 */
	T_EQ(svc_watchdogs(s), 4);
	/* a loop that stops calling sends nothing more, whatever the time */
	T_EQ(count(&r, "WATCHDOG=1"), 4);
	svc_tick(s, 60000, &ok);
	T_EQ(count(&r, "WATCHDOG=1"), 5);
	svc_free(s);
}

T_TEST(svc_no_watchdog_when_not_asked)
{
	static struct rec r = { .usec = 0 };
	const struct svc_state ok = { 0 };
	struct svc *s;

	T_OK(svc_new(&rec_ops, &r, &s));
	for (int64_t t = 0; t <= 10000; t += 500)
		svc_tick(s, t, &ok);
	T_EQ(count(&r, "WATCHDOG="), 0);
	T_EQ(count(&r, "STATUS=serving"), 1);
	svc_free(s);
}

T_TEST(svc_status_sent_when_changed)
{
	static struct rec r = { .usec = 0 };
	struct svc_state st = { 0 };
	struct svc *s;

	T_OK(svc_new(&rec_ops, &r, &s));
	svc_tick(s, 0, &st);
	svc_tick(s, 10, &st);
	st.printer = "paper out";
	svc_tick(s, 20, &st);
	svc_tick(s, 30, &st);
	st.printer = NULL;
	st.link_down = true;
	svc_tick(s, 40, &st);
	T_EQ(r.n, 3);
	T_STREQ(r.msgs[0], "STATUS=serving");
	T_STREQ(r.msgs[1], "STATUS=printer out: paper out");
	T_STREQ(r.msgs[2], "STATUS=central link down");
	svc_free(s);
}

T_TEST(svc_status_words)
{
	char out[128];
	struct svc_state st = { .locked = true, .printer = "no printer", .link_down = true };

	svc_status_text(&st, out, sizeof(out));
	T_STREQ(out, "locked by the central system; printer out: no printer; central link down");
	st.locked = false;
	svc_status_text(&st, out, sizeof(out));
	T_STREQ(out, "printer out: no printer; central link down");
	svc_status_text(&(struct svc_state){ 0 }, out, sizeof(out));
	T_STREQ(out, "serving");
}
