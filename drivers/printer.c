/* printer: the wrappers every caller goes through, and the table of drivers by name.
 * A driver only moves bytes (printer_ops.send); encoding the raster as ESC/POS happens here
 * once, so every transport prints the same stream. Start reading at printer_print. */
#include "printer.h"

#include "drivers/escpos.h"
#include "drivers/printer_internal.h"
#include "firmware/clock.h"
#include "firmware/err.h"
#include "firmware/log.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PRINTER_DEFAULT_BAND 24
#define PRINTER_JOB_MAX 128

struct printer {
	const struct printer_ops *ops;
	void *state;
	struct config_printer cfg;
	bool resync;   /* the last job failed: the printer may be stuck inside a raster command */
};

static const struct printer_ops *const drivers[] = {
	&printer_virtual_ops,
	&printer_file_ops,
	&printer_sim_ops,
	&printer_tcp_ops,
	&printer_lp_ops,
	&printer_usb_ops,
};

static const char *const state_names[] = {
	[PRINTER_READY] = "ready",
	[PRINTER_PAPER_NEAR_END] = "paper-near-end",
	[PRINTER_PAPER_OUT] = "paper-out",
	[PRINTER_OFFLINE] = "offline",
	[PRINTER_UNKNOWN] = "unknown",
};

int printer_open(const struct config_printer *cfg, const char *out_dir, struct printer **out)
{
	const char *name = cfg && cfg->driver[0] ? cfg->driver : "virtual";

	for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++)
		if (strcmp(drivers[i]->name, name) == 0)
			return printer_open_ops(drivers[i], cfg, out_dir, out);
	log_error("printer: unknown driver \"%s\"", name);
	*out = NULL;
	return ERR_CONFIG;
}

int printer_open_ops(const struct printer_ops *ops, const struct config_printer *cfg,
		     const char *out_dir, struct printer **out)
{
	struct printer *p;
	int rc;

	*out = NULL;
	if (!ops || !ops->send)
		return ERR_INVAL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return ERR_NOMEM;
	p->ops = ops;
	if (cfg)
		p->cfg = *cfg;
	rc = ops->open ? ops->open(&p->cfg, out_dir, &p->state) : 0;
	if (rc != 0) {
		log_error("printer: cannot open driver %s: %s", ops->name, err_str(rc));
		free(p);
		return rc;
	}
	*out = p;
	return 0;
}

void printer_close(struct printer *p)
{
	if (!p)
		return;
	if (p->ops->close)
		p->ops->close(p->state);
	free(p);
}

const char *printer_name(const struct printer *p)
{
	return p ? p->ops->name : "none";
}

/* The job name becomes a file name in some drivers: no paths, no hidden files. */
static bool job_name_ok(const char *job)
{
	if (!job || !job[0] || job[0] == '.' || strlen(job) > PRINTER_JOB_MAX)
		return false;
	for (const char *c = job; *c; c++)
		if (*c == '/' || *c == '\\' || (unsigned char)*c < 0x20)
			return false;
	return true;
}

/* The widest raster row any job on this printer can have, in bytes. */
static int raster_stride_max(const struct printer *p)
{
	int w = p->cfg.paper_width_dots > 0 ? p->cfg.paper_width_dots : 576;

	return (w + 7) / 8;
}

int printer_print_stamped(struct printer *p, const char *job, const struct raster *r,
			  int64_t *sent_mono_ns)
{
	struct escpos_buf b;
	int band = p->cfg.band_height > 0 ? p->cfg.band_height : PRINTER_DEFAULT_BAND;
	int rc;

	if (sent_mono_ns)
		*sent_mono_ns = 0;
	if (!job_name_ok(job) || !r)
		return ERR_INVAL;
	escpos_buf_init(&b);
	if (p->resync)
		escpos_resync(&b, raster_stride_max(p), band);
	/* a config without a resolved model (tests building one by hand) prints as generic */
	if (p->cfg.m.name[0])
		rc = escpos_ticket_model(&b, r, band, p->cfg.m.cut, (size_t)p->cfg.m.cut_len);
	else
		rc = escpos_ticket(&b, r, band);
	if (rc == 0) {
		if (sent_mono_ns)
			*sent_mono_ns = clock_mono_ns();
		rc = p->ops->send(p->state, job, b.data, b.len, r);
	}
	p->resync = rc != 0;
	if (rc != 0)
		log_warn("printer: %s: job %s failed: %s", p->ops->name, job, err_str(rc));
	escpos_buf_free(&b);
	return rc;
}

int printer_print(struct printer *p, const char *job, const struct raster *r)
{
	return printer_print_stamped(p, job, r, NULL);
}

int printer_status(struct printer *p, struct printer_status *out)
{
	int rc;

	out->state = PRINTER_UNKNOWN;
	out->cover_open = false;
	if (!p->ops->status)
		return 0;
	rc = p->ops->status(p->state, out);
	if (rc != 0)
		out->state = PRINTER_UNKNOWN; /* a failed query says nothing about paper */
	return rc;
}

const char *printer_state_name(enum printer_state s)
{
	if ((unsigned)s >= sizeof(state_names) / sizeof(state_names[0]))
		return "invalid";
	return state_names[s];
}

/* Real status bytes have bit 4 set and bits 0, 1 and 7 clear; anything else is noise. */
static int dle_eot_valid(int b)
{
	return b >= 0 && (b & 0x93) == 0x12 ? b : -1;
}

void printer_status_from_dle_eot(int printer_byte, int paper_byte, struct printer_status *out)
{
	int p1 = dle_eot_valid(printer_byte), p4 = dle_eot_valid(paper_byte);

	out->cover_open = false;
	out->state = PRINTER_UNKNOWN;
	if (p1 < 0 && p4 < 0)
		return;
	out->state = PRINTER_READY;
	if (p1 >= 0 && (p1 & 0x08))
		out->state = PRINTER_OFFLINE;
	if (p4 >= 0 && (p4 & 0x60))
		out->state = PRINTER_PAPER_OUT;
	else if (p4 >= 0 && (p4 & 0x0c) && out->state == PRINTER_READY)
		out->state = PRINTER_PAPER_NEAR_END;
}
