/* log: writes "YYYY-mm-ddTHH:MM:SSZ LEVEL message" to stderr, through privacy_scrub.
 * KIOSK_LOG=debug shows debug lines; the default starts at info. */
#include "log.h"

#include "privacy.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const level_name[] = { "debug", "info", "warn", "error" };

void log_msg(enum log_level level, const char *fmt, ...)
{
	const char *env = getenv("KIOSK_LOG");
	char line[1024];
	char stamp[32];
	struct tm tm;
	time_t now = time(NULL);
	va_list ap;

	if (level == LOG_DEBUG && !(env && strcmp(env, "debug") == 0))
		return;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	privacy_scrub(line);   /* an ID number never reaches a log, whatever a caller passed */
	/* one fprintf keeps lines from different threads whole */
	fprintf(stderr, "%s %s %s\n", stamp, level_name[level], line);
}
