/* sync_probe: drives the sync context (firmware/sync.c) pass by pass, taking remote commands
 * and catalogues the way the UI will, for the integration tests. One line per event:
 *
 *   catalog BYTES        a catalogue offered (at start: the stored one; later: a new one)
 *   procedures BYTES     likewise the procedures
 *   command ID KIND message="…"
 *   pass N rc=CODE [error="…"]   after each sync_run_once (CODE 0 or a project error code)
 *
 * usage: sync_probe --config FILE [--passes N] [--no-take]
 *   --no-take   take nothing (commands stay waiting, as when the UI is busy)
 * The database is var_dir/kiosk.db. Exit status 0 when it ran, 1 on a usage or start error. */
#include "firmware/config.h"
#include "firmware/err.h"
#include "firmware/http.h"
#include "firmware/sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const kinds[] = { "lock", "unlock", "reprint_last", "reload_config" };

static void take_all(struct sync *s)
{
	struct sync_command c;
	char *text;

	if (sync_take_catalog(s, &text)) {
		printf("catalog %zu\n", strlen(text));
		free(text);
	}
	if (sync_take_procedures(s, &text)) {
		printf("procedures %zu\n", strlen(text));
		free(text);
	}
	while (sync_take_command(s, &c))
		printf("command %s %s message=\"%s\"\n", c.id, kinds[c.kind], c.message);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	static struct config cfg;
	const char *config = NULL;
	char err[512], db[600];
	struct sync_config sc;
	struct sync_health h;
	struct sync *s;
	int passes = 1, take = 1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--config") && i + 1 < argc)
			config = argv[++i];
		else if (!strcmp(argv[i], "--passes") && i + 1 < argc)
			passes = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--no-take"))
			take = 0;
		else
			config = NULL, i = argc;
	}
	if (!config || passes < 1 || passes > 100) {
		fprintf(stderr, "usage: sync_probe --config FILE [--passes N] [--no-take]\n");
		return 1;
	}
	if (config_load(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "sync_probe: %s\n", err);
		return 1;
	}
	if (mkdir(cfg.var_dir, 0755) != 0 && errno != EEXIST)
		return 1;
	snprintf(db, sizeof(db), "%s/kiosk.db", cfg.var_dir);
	sync_config_from(&cfg, "probe", &sc);
	if (http_global_init() != 0 || sync_open(&sc, db, &s) != 0) {
		fprintf(stderr, "sync_probe: cannot open the sync context\n");
		return 1;
	}
	for (int p = 1; p <= passes; p++) {
		int rc = sync_run_once(s);

		if (take)
			take_all(s);
		sync_status(s, &h);
		printf("pass %d rc=%d", p, rc);
		if (rc)
			printf(" error=\"%s\"", h.last_error_reason);
		printf("\n");
		fflush(stdout);
	}
	sync_stop(s);
	http_global_cleanup();
	return 0;
}
