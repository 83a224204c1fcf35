/* Local calendar arithmetic at UTC+7, independent of the machine's TZ. */
#include "../t.h"
#include "../../firmware/clock.h"

T_TEST(clock_local_midnight_is_utc_17h)
{
	struct clock_local l;
	int64_t t = clock_from_local(2026, 11, 23, 0, 0, 0);

	clock_to_local(t, &l);
	T_EQ(l.ymd, 20261123);
	T_EQ(l.hour, 0);
	clock_to_local(t - 1, &l);
	T_EQ(l.ymd, 20261122);
	T_EQ(l.hour, 23);
	T_EQ(l.min, 59);
	/* 2026-11-22 17:00:00 UTC */
	T_EQ(t, 1795366800LL);
}

T_TEST(clock_weekday_and_leap_years)
{
	struct clock_local l;

	clock_to_local(clock_from_local(2024, 2, 29, 12, 0, 0), &l);
	T_EQ(l.ymd, 20240229);
	T_EQ(l.wday, 4); /* Thursday */
	clock_to_local(clock_from_local(2026, 11, 22, 8, 0, 0), &l);
	T_EQ(l.wday, 0); /* Sunday */
	clock_to_local(clock_from_local(2026, 12, 32, 8, 0, 0), &l);
	T_EQ(l.ymd, 20270101);
	clock_to_local(clock_from_local(2027, 0, 1, 8, 0, 0), &l);
	T_EQ(l.ymd, 20261201);
}

T_TEST(clock_parse_local)
{
	int64_t t;

	T_OK(clock_parse_local("2026-11-23 07:30", &t));
	T_EQ(t, clock_from_local(2026, 11, 23, 7, 30, 0));
	T_CHECK(clock_parse_local("2026-13-01 07:30", &t) != 0);
	T_CHECK(clock_parse_local("tomorrow", &t) != 0);
	T_CHECK(clock_parse_local("2026-11-23 07:30:00x", &t) != 0);
	T_OK(clock_parse_local("2026-11-23 07:30:15", &t));
	T_EQ(t, clock_from_local(2026, 11, 23, 7, 30, 15));
}

/* A date that does not exist, or words after the time, is a typo, never a day later. */
T_TEST(clock_parse_local_strict)
{
	int64_t t = 42;

	T_CHECK(clock_parse_local("2026-02-31 09:00", &t) != 0);
	T_CHECK(clock_parse_local("2026-02-29 09:00", &t) != 0);
	T_CHECK(clock_parse_local("2026-04-31 09:00", &t) != 0);
	T_CHECK(clock_parse_local("2026-11-23 09:00 garbage", &t) != 0);
	T_CHECK(clock_parse_local("2026-11-23 09:00 ", &t) != 0);
	T_CHECK(clock_parse_local("2026-11-23", &t) != 0);
	T_EQ(t, 42);
	T_OK(clock_parse_local("2028-02-29 09:00", &t));
	T_EQ(t, clock_from_local(2028, 2, 29, 9, 0, 0));
}

T_TEST(clock_fixed_advances_only_when_told)
{
	struct clock c;

	clock_init_fixed(&c, 5000);
	T_EQ(clock_now_ms(&c), 5000);
	clock_advance(&c, 250);
	T_EQ(clock_now_ms(&c), 5250);
	T_EQ(clock_now_s(&c), 5);
}

/* The machine's monotonic clock moves forward, and a timed wait on a condition variable of
 * that clock lasts at least as long as asked (never shorter: a lower bound only). */
T_TEST(clock_monotonic_deadline_waits_at_least_as_asked)
{
	pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t cv;
	struct timespec until;
	int64_t t0 = clock_mono_ns(), t1;

	T_OK(clock_cond_init(&cv));
	until = clock_mono_deadline(30);
	pthread_mutex_lock(&mu);
	while (pthread_cond_timedwait(&cv, &mu, &until) == 0)
		;
	pthread_mutex_unlock(&mu);
	t1 = clock_mono_ns();
	T_CHECK(t1 - t0 >= 30 * 1000000LL);
	T_CHECK((int64_t)until.tv_sec * 1000000000 + until.tv_nsec >= t0 + 30 * 1000000LL);
	pthread_cond_destroy(&cv);
}
