/* audio_sdl: the voice's output through SDL audio (ui/audio_sdl.c). It lives with the screens
 * because only the SDL layer may include SDL; the voice worker (firmware/journey/voice.h) sees it as
 * one more struct audio_ops. */
#ifndef UI_AUDIO_SDL_H
#define UI_AUDIO_SDL_H

#include "drivers/voice.h"

extern const struct audio_ops audio_sdl_ops;

#endif
