/* log: writes "YYYY-mm-ddTHH:MM:SSZ LEVEL message" to stderr, through privacy_scrub; when
 * stderr is the journal's stream (JOURNAL_STREAM names its device and inode, systemd.exec(5))
 * a line is "<P>LEVEL message" instead: P the syslog priority journald files it under
 * (journalctl -p warning), and no time of its own (the journal has it).
 * KIOSK_LOG=debug shows debug lines; the default starts at info. */
#include "log.h"

#include "privacy.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const level_name[] = { "debug", "info", "warn", "error" };
/* syslog priorities: debug 7, info 6, warning 4, err 3 */
static const char level_prio[] = { '7', '6', '4', '3' };

/* Whether stderr is the stream systemd connected to the journal (not a file or pipe a
 * shell redirected it to). Asked each time: a line costs one fstat. */
static bool to_journal(void)
{
	const char *env = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (!env || sscanf(env, "%llu:%llu", &dev, &ino) != 2 || fstat(STDERR_FILENO, &st) != 0)
		return false;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

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
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	privacy_scrub(line);   /* an ID number never reaches a log, whatever a caller passed */
	/* one fprintf keeps lines from different threads whole */
	if (to_journal()) {
		fprintf(stderr, "<%c>%s %s\n", level_prio[level], level_name[level], line);
		return;
	}
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s %s\n", stamp, level_name[level], line);
}
