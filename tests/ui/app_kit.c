/* The real app over a whole kiosk, for the screens' tests (app_kit.h). */
#include "app_kit.h"

#include "../../firmware/err.h"
#include "../../firmware/journey/kiosk.h"
#include "../../ui/app.h"
#include "../../ui/input.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <string.h>

int kit_open_in(struct kit *k, const char *dir, long long clock_s)
{
	struct kiosk_opts ko = { .upto = KIOSK_SERVE, .fixed_clock = true,
				 .clock_ms = (clock_s ? clock_s : 1795400000LL) * 1000 };
	struct wedge_config wc = WEDGE_CONFIG_DEFAULT;
	struct input_config ic = { .width = 1080, .height = 1920, .wedge = &wc };
	struct input_sink sink;
	struct app_deps d;
	char path[512];
	FILE *f;
	int rc;

	memset(k, 0, sizeof(*k));
	snprintf(path, sizeof(path), "%s/kiosk.ini", dir);
	f = fopen(path, "w");
	if (!f)
		return ERR_IO;
	fprintf(f, "[kiosk]\nvar_dir = %s\n[printer]\ndriver = simulated\n", dir);
	fclose(f);
	ko.config = path;
	if ((rc = kiosk_open(&ko, &k->kiosk)) != 0)
		return rc;
	if (SDL_Init(0) != 0 || TTF_Init() != 0)
		return ERR_VIDEO;
	k->surface = SDL_CreateRGBSurfaceWithFormat(0, 1080, 1920, 32, SDL_PIXELFORMAT_ARGB8888);
	k->ren = k->surface ? SDL_CreateSoftwareRenderer(k->surface) : NULL;
	if (!k->ren)
		return ERR_VIDEO;
	d = (struct app_deps){ .cfg = &k->kiosk->cfg, .journeys = k->kiosk->journeys,
			       .i18n = k->kiosk->i18n, .clock = &k->kiosk->clock, .ren = k->ren,
			       .width = 1080, .height = 1920 };
	if ((rc = app_new(&d, &k->app)) != 0)
		return rc;
	input_sink_app(k->app, &sink);
	return input_new(&ic, &sink, &k->in);
}

void kit_close(struct kit *k)
{
	input_free(k->in);
	app_free(k->app);
	if (k->ren)
		SDL_DestroyRenderer(k->ren);
	if (k->surface)
		SDL_FreeSurface(k->surface);
	kiosk_close(k->kiosk);
	TTF_Quit();
	SDL_Quit();
}
