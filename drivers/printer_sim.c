/* printer_sim: the "simulated" printer, whose state comes from config (printer.simulate), so
 * that tests and demos can walk every failure path the kiosk must survive without hardware.
 * Modes that print ("ok", "near-end") write their jobs like the virtual driver does. */
#include "drivers/printer_internal.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct sim_mode {
	const char *name;
	enum printer_state state;
	int send_rc;      /* 0: the job "prints" (into out_dir, if any) */
};

static const struct sim_mode modes[] = {
	{ "ok", PRINTER_READY, 0 },
	{ "near-end", PRINTER_PAPER_NEAR_END, 0 },
	{ "paper-out", PRINTER_PAPER_OUT, ERR_PAPER },
	{ "offline", PRINTER_OFFLINE, ERR_PRINTER },
	/* says READY, then fails: the "ghost ticket" case the queue must not issue a number for */
	{ "fail-send", PRINTER_READY, ERR_PRINTER },
};

struct sprinter {
	const struct sim_mode *mode;
	char dir[PATH_MAX]; /* empty: keep nothing */
};

static const struct sim_mode *find_mode(const char *name)
{
	if (!name[0])
		return &modes[0];
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strcmp(modes[i].name, name) == 0)
			return &modes[i];
	return NULL;
}

static int s_open(const struct config_printer *cfg, const char *out_dir, void **state)
{
	const struct sim_mode *mode = find_mode(cfg ? cfg->simulate : "");
	struct sprinter *s;

	if (!mode) {
		log_error("printer: simulated: unknown mode \"%s\"", cfg->simulate);
		return ERR_CONFIG;
	}
	if (out_dir && strlen(out_dir) >= sizeof(s->dir))
		return ERR_RANGE;
	s = calloc(1, sizeof(*s));
	if (!s)
		return ERR_NOMEM;
	s->mode = mode;
	if (out_dir)
		memcpy(s->dir, out_dir, strlen(out_dir) + 1);
	*state = s;
	return 0;
}

static void s_close(void *state)
{
	free(state);
}

static int s_send(void *state, const char *job, const uint8_t *bytes, size_t len,
		  const struct raster *r)
{
	struct sprinter *s = state;

	if (s->mode->send_rc != 0)
		return s->mode->send_rc;
	if (!s->dir[0])
		return 0;
	return printer_virtual_write_job(s->dir, job, bytes, len, r);
}

static int s_status(void *state, struct printer_status *out)
{
	struct sprinter *s = state;

	out->state = s->mode->state;
	out->cover_open = false;
	return 0;
}

const struct printer_ops printer_sim_ops = {
	.name = "simulated",
	.open = s_open,
	.close = s_close,
	.send = s_send,
	.status = s_status,
};
