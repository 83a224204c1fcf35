/* voice: the parts the voice worker (firmware/journey/voice.h) speaks through, as vtables with a
 * fake for tests: a synthesizer that turns text into samples, recorded clips read from the
 * unit's folder, and an audio output that plays samples.
 *
 * Drivers: the synthesizer "espeak" (libespeak-ng in process, drivers/voice_espeak.c), the
 * clips (libsndfile, drivers/voice_clips.c), the output "sdl" (SDL audio, ui/audio_sdl.c;
 * SDL_AUDIODRIVER=disk writes what it plays to a file). All samples are signed 16-bit mono.
 * Every function here runs on the voice worker's thread only. */
#ifndef KIOSK_DRIVERS_VOICE_H
#define KIOSK_DRIVERS_VOICE_H

#include "firmware/lang.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Samples as they are made; return false to stop the synthesis (the citizen moved on). */
typedef bool (*voice_pcm_fn)(void *user, const int16_t *pcm, size_t n);

struct voice_engine_ops {
	const char *name;
	/* 0 and *rate (samples a second), or an error (no voice data: ERR_NOTFOUND). */
	int (*open)(void **state, int *rate);
	void (*close)(void *state);
	/* Speaks text (UTF-8) in l's voice, handing blocks of samples to fn until it is done or
	 * fn says stop; 0, or an error. */
	int (*synth)(void *state, enum lang l, const char *text, voice_pcm_fn fn, void *user);
};

struct audio_ops {
	const char *name;
	int (*open)(void **state, int rate);
	void (*close)(void *state);
	/* Queues samples to play after those queued before; never blocks for long. */
	int (*play)(void *state, const int16_t *pcm, size_t n);
	/* Drops everything queued: silence at once. */
	void (*stop)(void *state);
	/* Samples queued and not yet played. */
	size_t (*pending)(void *state);
};

extern const struct voice_engine_ops voice_espeak_ops;

/* A recorded clip for key in l: DIR/<lang>/<key>.wav or .ogg, read whole, mixed down to mono
 * and resampled to rate. 0 and *pcm (caller frees with free()), ERR_NOTFOUND when the unit has
 * none, or another error for a file that cannot be read (said in the log with its path). At
 * most VOICE_CLIP_MAX_S seconds. */
#define VOICE_CLIP_MAX_S 30
int voice_clip_load(const char *dir, enum lang l, const char *key, int rate, int16_t **pcm,
		    size_t *n);

#endif
