/* voice: the kiosk speaking, on a worker thread of its own (docs/accessibility.md). The UI
 * thread hands it a phrase (firmware/speech.h: nothing but the catalogues' words) and goes on;
 * the worker cuts whatever it was saying, then plays each part from the unit's recorded clip
 * where there is one and synthesises the rest, block by block, so that a new phrase or a cut
 * (the citizen moved on) silences it within a block (about 10 ms of samples).
 *
 * A phrase's words are read from the catalogues when it is handed over, on the caller's
 * thread, so that the worker never touches a catalogue the UI thread may replace.
 *
 * Off when [voice] enabled is false or no engine or output would open (logged; the kiosk
 * serves on silent), and silent in the unit's quiet hours. */
#ifndef KIOSK_VOICE_H
#define KIOSK_VOICE_H

#include "firmware/config.h"
#include "firmware/speech.h"

#include <stdbool.h>
#include <stdint.h>

/* The rate of every sample: espeak-ng's own; clips are resampled to it. */
#define VOICE_RATE 22050

struct clock;
struct voice_engine_ops;
struct audio_ops;
struct voice;

/* What the voice borrows; all outlive it. */
struct voice_deps {
	const struct config_voice *cfg;
	const struct voice_engine_ops *engine;
	const struct audio_ops *out;
	struct clock *clock;
};

/* Starts the worker (the engine opens there; the output here). 0, or an error (*out NULL)
 * for no memory or thread; an engine or output that will not open leaves a silent voice.
 * Free with voice_free (NULL: no-op). */
int voice_new(const struct voice_deps *d, struct voice **out);
void voice_free(struct voice *v);

/* Says s, its words read from src now, cutting what was being said; nothing in quiet hours.
 * v NULL: nothing. */
void voice_say(struct voice *v, const struct speech_src *src, const struct speech *s);
/* Silence now: the phrase being said stops, the output's queue is dropped. */
void voice_cut(struct voice *v);
/* The voice can speak at this moment (opened, not in quiet hours). */
bool voice_ready(struct voice *v);
/* Waits until the worker has finished the last phrase handed to it (tests, tools); false
 * after timeout_ms. The output may still be playing its queue. */
bool voice_wait_idle(struct voice *v, int timeout_ms);

/* What the voice did, for tests and the bench. */
struct voice_stats {
	uint64_t phrases;          /* taken up by the worker */
	uint64_t cuts;             /* phrases stopped before their end (made or heard) */
	uint64_t clips;            /* parts played from a recorded clip */
	uint64_t samples;          /* handed to the output */
	int64_t first_sample_ns;   /* last phrase: from voice_say to its first sample queued */
	int rate;                  /* samples a second, 0 when not opened */
	char text[SPEECH_TEXT_MAX]; /* last phrase: every text given to the synthesizer, joined
	                             * by " | " */
};
void voice_stats(struct voice *v, struct voice_stats *out);

#endif
