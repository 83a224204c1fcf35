/* lookup: placeholder until the worker lands; every question is unavailable. */
#include "lookup.h"

#include "err.h"

int lookup_start(const struct sync_config *cfg, const char *fixture, const char *db_path,
		 int timeout_ms, lookup_cb cb, void *ctx, struct lookup **out)
{
	(void)cfg; (void)fixture; (void)db_path; (void)timeout_ms; (void)cb; (void)ctx;
	*out = NULL;
	return ERR_STATE;
}

void lookup_stop(struct lookup *l) { (void)l; }

int lookup_submit(struct lookup *l, enum lookup_kind kind, const char *key, int64_t now_s,
		  uint32_t tag)
{
	(void)l; (void)kind; (void)key; (void)now_s; (void)tag;
	return ERR_STATE;
}

void lookup_set_offline(struct lookup *l, bool offline) { (void)l; (void)offline; }
