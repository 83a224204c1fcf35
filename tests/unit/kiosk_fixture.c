#include "kiosk_fixture.h"
#include "../t.h"
#include "../../firmware/err.h"
#include "../../firmware/journey/kiosk.h"

#include <stdio.h>

int t_kiosk_open(struct kiosk **k, int64_t clock_ms)
{
	struct kiosk_opts o = { .upto = KIOSK_SERVE, .fixed_clock = true, .clock_ms = clock_ms };
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/kiosk.ini", t_tmpdir());
	if (!(fp = fopen(path, "w")))
		return ERR_IO;
	fprintf(fp, "[kiosk]\nvar_dir = %s/var\n[scanner]\ndriver = none\n", t_tmpdir());
	fclose(fp);
	o.config = path;
	return kiosk_open(&o, k);
}
