#include "config_text.h"
#include "../t.h"
#include "../../firmware/config.h"
#include "../../firmware/err.h"

#include <stdio.h>

int t_config_text(struct config *c, const char *name, const char *text, char *err, unsigned len)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", t_tmpdir(), name);
	fp = fopen(path, "w");
	if (!fp)
		return ERR_IO;
	fputs(text, fp);
	fclose(fp);
	return config_load(c, path, err, len);
}
