/* voice_espeak: libespeak-ng in process, synchronous, on the voice worker's thread
 * (drivers/voice.h). espeak-ng keeps its state in globals, so there is one engine per
 * process; samples come back through the synth callback, which returns 1 to stop at once.
 * Vietnamese is espeak-ng's "vi" voice, English its "en"; the rate is a little slower than
 * espeak's default, for the elderly. The only file that includes espeak-ng's headers. */
#include "voice.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <espeak-ng/espeak_ng.h>
#include <string.h>

#define ESPEAK_WPM 150

struct job {
	voice_pcm_fn fn;
	void *user;
	bool stopped;
};

static int on_samples(short *wav, int n, espeak_EVENT *ev)
{
	struct job *j = ev ? ev->user_data : NULL;

	if (!j || j->stopped)
		return 1;
	if (wav && n > 0 && !j->fn(j->user, wav, (size_t)n))
		j->stopped = true;
	return j->stopped ? 1 : 0;
}

static int espeak_open(void **state, int *rate)
{
	static int opened; /* espeak-ng's globals: one engine per process */
	espeak_ng_ERROR_CONTEXT ctx = NULL;
	espeak_ng_STATUS st;

	if (opened) {
		*state = &opened;
		*rate = espeak_ng_GetSampleRate();
		return 0;
	}
	espeak_ng_InitializePath(NULL);
	st = espeak_ng_Initialize(&ctx);
	if (st == ENS_OK)
		st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
	if (st != ENS_OK) {
		char why[160];

		espeak_ng_GetStatusCodeMessage(st, why, sizeof(why));
		log_error("voice: espeak-ng: %s", why);
		espeak_ng_ClearErrorContext(&ctx);
		return ERR_NOTFOUND;
	}
	espeak_SetSynthCallback(on_samples);
	espeak_ng_SetParameter(espeakRATE, ESPEAK_WPM, 0);
	opened = 1;
	*state = &opened;
	*rate = espeak_ng_GetSampleRate();
	return 0;
}

static void espeak_close(void *state)
{
	/* espeak_ng_Terminate would tear down the globals another open may share; the process
	 * ends soon after anyway */
	(void)state;
}

static int espeak_synth(void *state, enum lang l, const char *text, voice_pcm_fn fn,
			void *user)
{
	struct job j = { fn, user, false };
	espeak_ng_STATUS st;

	(void)state;
	st = espeak_ng_SetVoiceByName(l == LANG_EN ? "en" : "vi");
	if (st != ENS_OK) {
		log_error("voice: espeak-ng has no %s voice", lang_code(l));
		return ERR_NOTFOUND;
	}
	st = espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
				  NULL, &j);
	if (st != ENS_OK && !j.stopped)
		return ERR_IO;
	return 0;
}

const struct voice_engine_ops voice_espeak_ops = {
	.name = "espeak",
	.open = espeak_open,
	.close = espeak_close,
	.synth = espeak_synth,
};
