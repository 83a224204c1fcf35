/* clock: wall and monotonic time, injected so that tests and scripts are deterministic,
 * and the kiosk's local calendar.
 *
 * The kiosk's day rolls over at midnight in Asia/Ho_Chi_Minh whatever the machine's TZ.
 * Vietnam has kept UTC+7 without daylight saving since 1975, so local time is plain
 * arithmetic on UTC and never depends on the system's zoneinfo or TZ variable. */
#ifndef KIOSK_CLOCK_H
#define KIOSK_CLOCK_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define CLOCK_LOCAL_OFFSET_S (7 * 3600)

struct clock {
	bool fixed;        /* true: time moves only through clock_set/clock_advance */
	int64_t wall_ms;   /* fixed mode: UTC milliseconds since the epoch */
	int64_t mono_ms;   /* fixed mode: monotonic milliseconds */
};

struct clock_local {
	int year, month, day;   /* month 1..12, day 1..31 */
	int hour, min, sec;
	int wday;               /* 0 = Sunday .. 6 = Saturday */
	int ymd;                /* year*10000 + month*100 + day, the service day */
	int minute_of_day;      /* hour*60 + min */
};

void clock_init_real(struct clock *c);
void clock_init_fixed(struct clock *c, int64_t wall_ms);
void clock_set(struct clock *c, int64_t wall_ms);
void clock_advance(struct clock *c, int64_t ms);
int64_t clock_now_ms(const struct clock *c);    /* wall, UTC */
int64_t clock_mono_ms(const struct clock *c);   /* for timeouts and frame timing */
int64_t clock_now_s(const struct clock *c);

/* The machine's monotonic clock, never injected: for measurements and for the workers, which
 * live in real time. */
int64_t clock_mono_ns(void);
/* That clock ms milliseconds from now, for pthread_cond_timedwait on a condition variable
 * made by clock_cond_init (a wall clock moved by hand must not stretch or cut a wait). */
struct timespec clock_mono_deadline(int64_t ms);
/* A condition variable whose timed waits use the monotonic clock; 0 or ERR_NOMEM. */
int clock_cond_init(pthread_cond_t *cv);

void clock_to_local(int64_t utc_s, struct clock_local *out);
/* UTC seconds of the given local date and time; fields may overflow (day 32 = next month). */
int64_t clock_from_local(int year, int month, int day, int hour, int min, int sec);
/* UTC seconds of local midnight starting day ymd. */
int64_t clock_day_start(int ymd);
/* Parse "YYYY-MM-DD HH:MM[:SS]" as local time; 0 on success. */
int clock_parse_local(const char *s, int64_t *utc_s);

#endif
