/* svc: the notify messages, paced and deduplicated here; the backend only sends them. */
#include "svc.h"

#include "err.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct svc {
	const struct svc_ops *ops;
	void *ctx;
	bool ready;
	int64_t wd_every_ms;      /* 0: no watchdog asked for */
	int64_t wd_last_ms;
	int watchdogs;
	char status[256];         /* the last STATUS= sent */
};

int svc_new(const struct svc_ops *ops, void *ctx, struct svc **out)
{
	struct svc *s = calloc(1, sizeof(*s));
	uint64_t usec;

	*out = NULL;
	if (!s)
		return ERR_NOMEM;
	s->ops = ops ? ops : &svc_systemd_ops;
	s->ctx = ctx;
	usec = s->ops->watchdog_usec(ctx);
	/* half the interval, as sd_watchdog_enabled(3) advises; at least every 10 ms */
	s->wd_every_ms = usec ? (int64_t)(usec / 2000) : 0;
	if (usec && s->wd_every_ms < 10)
		s->wd_every_ms = 10;
	s->wd_last_ms = INT64_MIN / 2;
	*out = s;
	return 0;
}

void svc_free(struct svc *s)
{
	free(s);
}

static void send(struct svc *s, const char *msg)
{
	int rc = s->ops->notify(s->ctx, msg);

	if (rc)
		log_warn("service manager: cannot send %.20s: %s", msg, err_str(rc));
}

void svc_ready(struct svc *s)
{
	if (s->ready)
		return;
	s->ready = true;
	send(s, "READY=1");
}

void svc_status_text(const struct svc_state *st, char *out, size_t len)
{
	size_t n = 0;

	out[0] = '\0';
	if (st->locked)
		n += (size_t)snprintf(out + n, len - n, "locked by the central system");
	if (st->printer && n < len)
		n += (size_t)snprintf(out + n, len - n, "%sprinter out: %s", n ? "; " : "",
				      st->printer);
	if (st->link_down && n < len)
		n += (size_t)snprintf(out + n, len - n, "%scentral link down", n ? "; " : "");
	if (!n)
		snprintf(out, len, "serving");
}

void svc_tick(struct svc *s, int64_t now_ms, const struct svc_state *st)
{
	char msg[sizeof(s->status) + 8];
	char words[sizeof(s->status)];

	if (s->wd_every_ms && now_ms - s->wd_last_ms >= s->wd_every_ms) {
		s->wd_last_ms = now_ms;
		s->watchdogs++;
		send(s, "WATCHDOG=1");
	}
	svc_status_text(st, words, sizeof(words));
	if (strcmp(words, s->status) != 0) {
		snprintf(s->status, sizeof(s->status), "%s", words);
		snprintf(msg, sizeof(msg), "STATUS=%s", words);
		send(s, msg);
		log_info("status: %s", words);
	}
}

int svc_watchdogs(const struct svc *s)
{
	return s->watchdogs;
}
