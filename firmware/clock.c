/* clock: time sources and UTC+7 calendar arithmetic (days-from-civil, proleptic Gregorian). */
#include "clock.h"

#include "err.h"

#include <stdio.h>
#include <time.h>

static int64_t real_wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void clock_init_real(struct clock *c)
{
	c->fixed = false;
	c->wall_ms = 0;
	c->mono_ms = 0;
}

void clock_init_fixed(struct clock *c, int64_t wall_ms)
{
	c->fixed = true;
	c->wall_ms = wall_ms;
	c->mono_ms = 1000000;
}

/* A fixed clock is moved by the thread that drives it (the script runner) and may be read by
 * another thread: its fields change atomically. */
void clock_set(struct clock *c, int64_t wall_ms)
{
	__atomic_store_n(&c->wall_ms, wall_ms, __ATOMIC_RELAXED);
}

void clock_advance(struct clock *c, int64_t ms)
{
	__atomic_fetch_add(&c->wall_ms, ms, __ATOMIC_RELAXED);
	__atomic_fetch_add(&c->mono_ms, ms, __ATOMIC_RELAXED);
}

int64_t clock_now_ms(const struct clock *c)
{
	return c->fixed ? __atomic_load_n(&c->wall_ms, __ATOMIC_RELAXED) : real_wall_ms();
}

int64_t clock_mono_ms(const struct clock *c)
{
	return c->fixed ? __atomic_load_n(&c->mono_ms, __ATOMIC_RELAXED)
			: clock_mono_ns() / 1000000;
}

int64_t clock_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

struct timespec clock_mono_deadline(int64_t ms)
{
	int64_t ns = clock_mono_ns() + (ms > 0 ? ms : 0) * 1000000;

	return (struct timespec){ .tv_sec = (time_t)(ns / 1000000000),
				  .tv_nsec = (long)(ns % 1000000000) };
}

int clock_cond_init(pthread_cond_t *cv)
{
	pthread_condattr_t ca;
	int rc = ERR_NOMEM;

	if (pthread_condattr_init(&ca) != 0)
		return ERR_NOMEM;
	if (pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) == 0 && pthread_cond_init(cv, &ca) == 0)
		rc = 0;
	pthread_condattr_destroy(&ca);
	return rc;
}

int64_t clock_now_s(const struct clock *c)
{
	int64_t ms = clock_now_ms(c);

	return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

void clock_to_local(int64_t utc_s, struct clock_local *out)
{
	int64_t t = utc_s + CLOCK_LOCAL_OFFSET_S;
	int64_t days = floor_div(t, 86400);
	int64_t rem = t - days * 86400;

	civil_from_days(days, &out->year, &out->month, &out->day);
	out->hour = (int)(rem / 3600);
	out->min = (int)(rem / 60 % 60);
	out->sec = (int)(rem % 60);
	out->wday = (int)((days % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
	out->ymd = out->year * 10000 + out->month * 100 + out->day;
	out->minute_of_day = out->hour * 60 + out->min;
}

int64_t clock_from_local(int year, int month, int day, int hour, int min, int sec)
{
	/* normalise the month first so that days_from_civil sees 1..12 */
	int64_t y = year + floor_div(month - 1, 12);
	int m = (int)(month - 1 - floor_div(month - 1, 12) * 12) + 1;
	int64_t days = days_from_civil(y, m, 1) + day - 1;

	return days * 86400 + (int64_t)hour * 3600 + (int64_t)min * 60 + sec - CLOCK_LOCAL_OFFSET_S;
}

int64_t clock_day_start(int ymd)
{
	return clock_from_local(ymd / 10000, ymd / 100 % 100, ymd % 100, 0, 0, 0);
}

int clock_parse_local(const char *s, int64_t *utc_s)
{
	int y, mo, d, h, mi, sec = 0, end = -1;
	struct clock_local l;
	int64_t t;

	if (sscanf(s, "%4d-%2d-%2d %2d:%2d%n:%2d%n", &y, &mo, &d, &h, &mi, &end, &sec, &end) < 5 ||
	    end < 0 || s[end] != '\0')
		return ERR_INVAL;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
	    sec < 0 || sec > 59)
		return ERR_INVAL;
	t = clock_from_local(y, mo, d, h, mi, sec);
	clock_to_local(t, &l);
	if (l.year != y || l.month != mo || l.day != d) /* 31 April, 29 February 2026 */
		return ERR_INVAL;
	*utc_s = t;
	return 0;
}
