/* svc: what the kiosk tells its service manager, in systemd's notify protocol: READY=1 once
 * the first frame is on the screen, WATCHDOG=1 from the UI loop while it runs (a hung loop
 * stops them and systemd restarts the kiosk after WatchdogSec=), and STATUS= with what the
 * kiosk is doing, sent when it changes. The messages go through a backend: systemd's
 * (firmware/svc_systemd.c, libsystemd's sd_notify, a no-op outside a notify unit) or a fake
 * of the test's own. Only the UI thread calls these. */
#ifndef KIOSK_SVC_H
#define KIOSK_SVC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct svc_ops {
	/* Sends one message ("READY=1", "STATUS=serving"); 0 or an ERR_* code. */
	int (*notify)(void *ctx, const char *msg);
	/* The watchdog interval the manager asked for in microseconds, 0 for none. */
	uint64_t (*watchdog_usec)(void *ctx);
};

/* systemd's backend (firmware/svc_systemd.c); ctx unused. */
extern const struct svc_ops svc_systemd_ops;

/* What the kiosk is doing, for STATUS=. */
struct svc_state {
	bool locked;              /* stopped by the central system */
	const char *printer;      /* why tickets cannot be printed; NULL: the printer is fine */
	bool link_down;           /* the central system cannot be reached */
};

struct svc;

/* ops NULL: systemd's. The caller frees with svc_free; ctx is borrowed. */
int svc_new(const struct svc_ops *ops, void *ctx, struct svc **out);
void svc_free(struct svc *s);
/* The first frame is on the screen (sent once). */
void svc_ready(struct svc *s);
/* From the UI loop, each pass, at monotonic time now_ms: a WATCHDOG=1 at most every half
 * interval, and STATUS= when the state's words changed. */
void svc_tick(struct svc *s, int64_t now_ms, const struct svc_state *st);
/* The STATUS= words for st ("serving", "locked by the central system; printer: paper out"). */
void svc_status_text(const struct svc_state *st, char *out, size_t len);
/* Sent so far (tests). */
int svc_watchdogs(const struct svc *s);

#endif
