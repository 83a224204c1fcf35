/* svc_systemd: the notify backend of a systemd unit, through libsystemd (the only file that
 * includes its header). Outside a notify unit (no NOTIFY_SOCKET) every message is a no-op. */
#include "svc.h"

#include "err.h"

#include <systemd/sd-daemon.h>

static int systemd_notify(void *ctx, const char *msg)
{
	int rc = sd_notify(0, msg);

	(void)ctx;
	return rc < 0 ? err_from_errno(-rc) : 0;
}

static uint64_t systemd_watchdog_usec(void *ctx)
{
	uint64_t usec = 0;

	(void)ctx;
	return sd_watchdog_enabled(0, &usec) > 0 ? usec : 0;
}

const struct svc_ops svc_systemd_ops = {
	.notify = systemd_notify,
	.watchdog_usec = systemd_watchdog_usec,
};
