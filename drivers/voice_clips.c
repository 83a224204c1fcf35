/* voice_clips: a unit's recorded phrases, read whole with libsndfile (WAV, OGG/Vorbis),
 * mixed down to mono and resampled linearly to the output's rate (drivers/voice.h). The only
 * file that includes sndfile.h. */
#include "voice.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* frames of ch channels at in_rate into n mono samples at rate. */
static int16_t *to_mono(const short *in, sf_count_t frames, int ch, int in_rate, int rate,
			size_t *n)
{
	size_t out_n = (size_t)((double)frames * rate / in_rate);
	int16_t *out = malloc((out_n ? out_n : 1) * sizeof(*out));

	if (!out)
		return NULL;
	for (size_t i = 0; i < out_n; i++) {
		double pos = (double)i * in_rate / rate;
		sf_count_t a = (sf_count_t)pos, b = a + 1 < frames ? a + 1 : a;
		double f = pos - (double)a, sa = 0, sb = 0;

		for (int c = 0; c < ch; c++) {
			sa += in[a * ch + c];
			sb += in[b * ch + c];
		}
		out[i] = (int16_t)((sa * (1 - f) + sb * f) / ch);
	}
	*n = out_n;
	return out;
}

static int load(const char *path, int rate, int16_t **pcm, size_t *n)
{
	SF_INFO info = { 0 };
	SNDFILE *f = sf_open(path, SFM_READ, &info);
	short *raw;
	sf_count_t got;

	if (!f) {
		log_error("voice: %s: %s", path, sf_strerror(NULL));
		return ERR_IO;
	}
	if (info.channels < 1 || info.channels > 8 || info.samplerate < 8000 ||
	    info.samplerate > 192000 || info.frames <= 0 ||
	    info.frames > (sf_count_t)info.samplerate * VOICE_CLIP_MAX_S) {
		log_error("voice: %s: not a clip of 1 to %d s, 1 to 8 channels", path,
			  VOICE_CLIP_MAX_S);
		sf_close(f);
		return ERR_INVAL;
	}
	raw = malloc((size_t)info.frames * (size_t)info.channels * sizeof(*raw));
	got = raw ? sf_readf_short(f, raw, info.frames) : 0;
	sf_close(f);
	if (!raw)
		return ERR_NOMEM;
	*pcm = got > 0 ? to_mono(raw, got, info.channels, info.samplerate, rate, n) : NULL;
	free(raw);
	if (!*pcm)
		return got > 0 ? ERR_NOMEM : ERR_IO;
	return 0;
}

int voice_clip_load(const char *dir, enum lang l, const char *key, int rate, int16_t **pcm,
		    size_t *n)
{
	static const char *const exts[] = { "wav", "ogg" };
	char path[512];

	*pcm = NULL;
	*n = 0;
	if (!dir || !dir[0])
		return ERR_NOTFOUND;
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s/%s.%s", dir, lang_code(l), key, exts[i]);
		if (access(path, F_OK) == 0)
			return load(path, rate, pcm, n);
	}
	return ERR_NOTFOUND;
}
