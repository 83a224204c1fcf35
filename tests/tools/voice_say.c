/* voice_say: the real voice, end to end: espeak-ng in process on the voice worker, played
 * through SDL audio (ui/audio_sdl.c). Headless, run it with SDL_AUDIODRIVER=disk and
 * SDL_DISKAUDIOFILE=FILE: the samples played land in FILE (signed 16-bit mono at 22050 Hz).
 *
 *   voice_say LANG [CUT_MS]
 *   voice_say LANG bench
 *
 * Reads out ticket A-042 of the demo catalogue in LANG (vi or en), waits until it has been
 * played (or cuts it CUT_MS milliseconds after it was asked for), and prints `name value`
 * lines: the text given to the synthesizer, the samples made, the rate, the time from the
 * request to its first sample, the CPU time the process used while speaking and how long the
 * speech lasted. Exit status 0 when some audio was made (or, cut, the voice stopped).
 * With bench: `name value unit` lines for make bench: the first sample of the first phrase
 * (espeak-ng starting), the median of 5 later ones (a touch on a warm kiosk), and the CPU the
 * process used while a phrase was heard, as a percentage of one core. */
#include "drivers/voice.h"
#include "ui/audio_sdl.h"
#include "firmware/catalog.h"
#include "firmware/clock.h"
#include "firmware/embedded.h"
#include "firmware/i18n.h"
#include "firmware/journey/voice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double cpu_ms(void)
{
	struct rusage u;

	getrusage(RUSAGE_SELF, &u);
	return u.ru_utime.tv_sec * 1e3 + u.ru_utime.tv_usec / 1e3 + u.ru_stime.tv_sec * 1e3 +
	       u.ru_stime.tv_usec / 1e3;
}

static void sleep_ms(int64_t ms)
{
	struct timespec t = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };

	nanosleep(&t, NULL);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The read-out 6 times, each cut once its first sample came; then once heard whole. */
static int bench(struct voice *v, const struct speech_src *src, const struct speech *s)
{
	struct voice_stats st;
	double first[5], cold = 0, cpu0;
	int64_t t0, heard_ms;

	for (int i = 0; i < 6; i++) {
		voice_say(v, src, s);
		voice_wait_idle(v, 20000);
		voice_stats(v, &st);
		if (i == 0)
			cold = st.first_sample_ns / 1e6;
		else
			first[i - 1] = st.first_sample_ns / 1e6;
		voice_cut(v);
		voice_wait_idle(v, 20000);
	}
	qsort(first, 5, sizeof(first[0]), by_value);
	cpu0 = cpu_ms();
	t0 = clock_mono_ns();
	voice_say(v, src, s);
	voice_wait_idle(v, 20000);
	voice_stats(v, &st);
	heard_ms = (int64_t)(st.samples * 1000 / (uint64_t)st.rate);
	sleep_ms(heard_ms - (clock_mono_ns() - t0) / 1000000);
	printf("voice_first_sample_cold_ms %.1f ms\nvoice_first_sample_ms %.1f ms\n"
	       "voice_cpu_while_speaking %.1f %%\n", cold, first[2],
	       100.0 * (cpu_ms() - cpu0) / (double)heard_ms);
	return 0;
}

int main(int argc, char **argv)
{
	struct config_voice cfg = { .enabled = true, .volume = 100, .quiet_from = -1, .quiet_to = -1 };
	enum lang l = argc > 1 && strcmp(argv[1], "en") == 0 ? LANG_EN : LANG_VI;
	bool bench_mode = argc > 2 && strcmp(argv[2], "bench") == 0;
	int cut_ms = argc > 2 && !bench_mode ? atoi(argv[2]) : 0;
	struct clock clock;
	struct i18n *t;
	struct catalog *cat;
	struct voice *v;
	struct voice_deps d;
	struct voice_stats st;
	struct speech s;
	struct speech_src src;
	char err[128];
	double cpu0;
	int64_t t0, spoke_ms;

	clock_init_real(&clock);
	if (i18n_new(&t) || catalog_load_string(embedded_get(CATALOG_EMBEDDED_DEMO, NULL), "demo",
						&cat, err, sizeof(err))) {
		fprintf(stderr, "voice_say: catalogues\n");
		return 2;
	}
	src = (struct speech_src){ t, cat };
	d = (struct voice_deps){ &cfg, &voice_espeak_ops, &audio_sdl_ops, &clock };
	if (voice_new(&d, &v) != 0 || !voice_ready(v)) {
		fprintf(stderr, "voice_say: no voice\n");
		return 2;
	}
	speech_init(&s, l);
	speech_key(&s, &src, "ticket_your_number");
	speech_ticket(&s, &src, "A", 42);
	speech_service(&s, &src, "A");
	speech_counters(&s, "1, 2");
	if (bench_mode) {
		bench(v, &src, &s);
		voice_free(v);
		catalog_free(cat);
		i18n_free(t);
		return 0;
	}
	cpu0 = cpu_ms();
	t0 = clock_mono_ns();
	voice_say(v, &src, &s);
	if (cut_ms > 0) {
		sleep_ms(cut_ms);
		voice_cut(v);
	}
	if (cut_ms > 0) /* time for what was not cut to be heard (the file would grow) */
		sleep_ms(1000);
	voice_wait_idle(v, 20000);
	voice_stats(v, &st);
	spoke_ms = (int64_t)(st.samples * 1000 / (uint64_t)st.rate);
	/* the output plays in real time: wait for what was queued, as a citizen would hear it */
	if (cut_ms == 0)
		sleep_ms(spoke_ms - (clock_mono_ns() - t0) / 1000000 + 300);
	printf("text\t%s\nsamples\t%llu\nrate\t%d\nfirst_sample_ms\t%.1f\ncpu_ms\t%.0f\n"
	       "speech_ms\t%lld\ncuts\t%llu\n", st.text, (unsigned long long)st.samples, st.rate,
	       st.first_sample_ns / 1e6, cpu_ms() - cpu0, (long long)spoke_ms,
	       (unsigned long long)st.cuts);
	voice_free(v);
	catalog_free(cat);
	i18n_free(t);
	return st.samples > 0 ? 0 : 1;
}
