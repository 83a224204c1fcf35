/* audio_sdl: voice output through SDL's audio queue (drivers/voice.h, ui/audio_sdl.h): samples are queued
 * from the voice worker's thread and SDL's own thread plays them; stopping clears the queue.
 * Headless, SDL_AUDIODRIVER=disk writes what is played to SDL_DISKAUDIOFILE (raw samples),
 * which the tests read back. It is in ui/ because only that layer includes SDL. */
#include "audio_sdl.h"

#include "firmware/err.h"
#include "firmware/log.h"

#include <SDL.h>
#include <stdlib.h>

struct sdl_out {
	SDL_AudioDeviceID dev;
};

static int sdl_open(void **state, int rate)
{
	SDL_AudioSpec want = { 0 }, have;
	struct sdl_out *o;

	if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		log_error("voice: no audio: %s", SDL_GetError());
		return ERR_NOTFOUND;
	}
	want.freq = rate;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = 512; /* about 23 ms at 22050 Hz: the first sample is heard soon */
	o = calloc(1, sizeof(*o));
	if (o)
		o->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (!o || !o->dev) {
		log_error("voice: audio device: %s", o ? SDL_GetError() : "no memory");
		free(o);
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		return o ? ERR_NOTFOUND : ERR_NOMEM;
	}
	log_info("voice: audio through %s at %d Hz", SDL_GetCurrentAudioDriver(), have.freq);
	SDL_PauseAudioDevice(o->dev, 0);
	*state = o;
	return 0;
}

static void sdl_close(void *state)
{
	struct sdl_out *o = state;

	if (!o)
		return;
	SDL_CloseAudioDevice(o->dev);
	SDL_QuitSubSystem(SDL_INIT_AUDIO);
	free(o);
}

static int sdl_play(void *state, const int16_t *pcm, size_t n)
{
	struct sdl_out *o = state;

	return SDL_QueueAudio(o->dev, pcm, (Uint32)(n * sizeof(*pcm))) == 0 ? 0 : ERR_IO;
}

static void sdl_stop(void *state)
{
	struct sdl_out *o = state;

	SDL_ClearQueuedAudio(o->dev);
}

static size_t sdl_pending(void *state)
{
	struct sdl_out *o = state;

	return SDL_GetQueuedAudioSize(o->dev) / sizeof(int16_t);
}

const struct audio_ops audio_sdl_ops = {
	.name = "sdl",
	.open = sdl_open,
	.close = sdl_close,
	.play = sdl_play,
	.stop = sdl_stop,
	.pending = sdl_pending,
};
