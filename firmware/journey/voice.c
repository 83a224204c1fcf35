/* voice: one worker thread, one phrase at a time (voice.h). A generation number names the
 * phrase asked for last; the worker checks it between blocks of samples and drops the rest
 * of any older phrase. Start at worker(). */
#include "voice.h"

#include "firmware/clock.h"
#include "firmware/err.h"
#include "firmware/log.h"

#include "drivers/voice.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A phrase with its words: what the worker needs, and nothing of the catalogues. */
struct said {
	enum lang lang;
	int n;
	struct {
		bool key;                    /* a string key: the unit may have a clip of it */
		char name[SPEECH_KEY_MAX];
		char text[SPEECH_TEXT_MAX / 4];
	} part[SPEECH_MAX_PARTS];
};

struct voice {
	struct voice_deps d;
	void *engine, *out;
	bool engine_ok, out_ok;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool quit;
	uint64_t gen, done;        /* asked for, finished */
	struct said next;          /* the phrase of gen */
	int64_t asked_ns;          /* when gen was asked for */
	bool first_seen;
	struct voice_stats st;
};

/* One synthesis or clip in progress: the generation it belongs to. */
struct run {
	struct voice *v;
	uint64_t gen;
	bool cut;
};

static bool current(struct run *r)
{
	bool yes;

	pthread_mutex_lock(&r->v->mu);
	yes = r->v->gen == r->gen && !r->v->quit;
	pthread_mutex_unlock(&r->v->mu);
	r->cut = r->cut || !yes;
	return yes;
}

/* Samples at the unit's volume to the output, a block at a time. */
static bool play(void *user, const int16_t *pcm, size_t n)
{
	struct run *r = user;
	struct voice *v = r->v;
	int16_t block[512];

	while (n > 0) {
		size_t k = n < 512 ? n : 512;

		if (!current(r))
			return false;
		for (size_t i = 0; i < k; i++)
			block[i] = (int16_t)(pcm[i] * v->d.cfg->volume / 100);
		if (v->d.out->play(v->out, block, k) != 0)
			return false;
		pthread_mutex_lock(&v->mu);
		if (!v->first_seen) {
			v->first_seen = true;
			v->st.first_sample_ns = clock_mono_ns() - v->asked_ns;
		}
		v->st.samples += k;
		pthread_mutex_unlock(&v->mu);
		pcm += k;
		n -= k;
	}
	return true;
}

static void note_text(struct voice *v, const char *text)
{
	size_t used;

	pthread_mutex_lock(&v->mu);
	used = strlen(v->st.text);
	if (used)
		snprintf(v->st.text + used, sizeof(v->st.text) - used, " | %s", text);
	else
		snprintf(v->st.text, sizeof(v->st.text), "%s", text);
	pthread_mutex_unlock(&v->mu);
}

static void synth(struct voice *v, struct run *r, enum lang l, char *text)
{
	if (!text[0] || !current(r))
		return;
	note_text(v, text);
	if (v->engine_ok && v->d.engine->synth(v->engine, l, text, play, r) != 0)
		log_warn("voice: synthesis failed");
	text[0] = '\0';
}

/* A key part's clip, if the unit recorded one: loaded, or NULL. */
static int16_t *clip(struct voice *v, const struct said *s, int i, size_t *n)
{
	int16_t *pcm;

	if (!s->part[i].key ||
	    voice_clip_load(v->d.cfg->clips, s->lang, s->part[i].name, v->st.rate, &pcm, n) != 0)
		return NULL;
	return pcm;
}

/* Consecutive parts without a clip are synthesised together, one sentence a part; a clip
 * is played in its place between them. */
static void speak(struct voice *v, const struct said *s, uint64_t gen)
{
	struct run r = { v, gen, false };
	char text[SPEECH_TEXT_MAX] = "";

	for (int i = 0; i < s->n && current(&r); i++) {
		const char *part = s->part[i].text;
		size_t n;
		int16_t *pcm;

		if ((pcm = clip(v, s, i, &n))) {
			synth(v, &r, s->lang, text);
			play(&r, pcm, n);
			free(pcm);
			pthread_mutex_lock(&v->mu);
			v->st.clips++;
			pthread_mutex_unlock(&v->mu);
			continue;
		}
		if (!part[0])
			continue;
		if (text[0] && strlen(text) + strlen(part) + 3 >= sizeof(text))
			synth(v, &r, s->lang, text);
		if (text[0])
			strncat(text, ". ", sizeof(text) - strlen(text) - 1);
		strncat(text, part, sizeof(text) - strlen(text) - 1);
	}
	synth(v, &r, s->lang, text);
	if (r.cut) {
		pthread_mutex_lock(&v->mu);
		v->st.cuts++;
		pthread_mutex_unlock(&v->mu);
	}
}

static void *worker(void *arg)
{
	struct voice *v = arg;
	struct said s;

	int rate = 0;

	v->engine_ok = v->d.engine && v->d.engine->open(&v->engine, &rate) == 0;
	if (v->engine_ok && rate != VOICE_RATE)
		log_warn("voice: the synthesizer speaks at %d Hz, the output plays %d Hz", rate,
			 VOICE_RATE);
	pthread_mutex_lock(&v->mu);
	for (;;) {
		while (!v->quit && v->gen == v->done)
			pthread_cond_wait(&v->cv, &v->mu);
		if (v->quit)
			break;
		uint64_t gen = v->gen;

		s = v->next;
		v->st.phrases += s.n > 0;
		v->st.text[0] = '\0';
		pthread_mutex_unlock(&v->mu);
		if (v->out_ok && v->d.out->pending(v->out) > 0) {
			/* the last phrase was still being heard: it is cut too */
			pthread_mutex_lock(&v->mu);
			v->st.cuts++;
			pthread_mutex_unlock(&v->mu);
		}
		if (v->out_ok)
			v->d.out->stop(v->out);
		if (s.n > 0 && v->out_ok)
			speak(v, &s, gen);
		pthread_mutex_lock(&v->mu);
		v->done = gen;
		pthread_cond_broadcast(&v->cv);
	}
	pthread_mutex_unlock(&v->mu);
	if (v->engine_ok)
		v->d.engine->close(v->engine);
	return NULL;
}

int voice_new(const struct voice_deps *d, struct voice **out)
{
	struct voice *v = calloc(1, sizeof(*v));

	*out = NULL;
	if (!v)
		return ERR_NOMEM;
	v->d = *d;
	pthread_mutex_init(&v->mu, NULL);
	clock_cond_init(&v->cv);
	v->st.rate = VOICE_RATE;
	/* the output opens here, on the caller's thread (SDL's audio subsystem) */
	v->out_ok = d->out && d->out->open(&v->out, VOICE_RATE) == 0;
	if (pthread_create(&v->thread, NULL, worker, v) != 0) {
		if (v->out_ok && d->out)
			d->out->close(v->out);
		pthread_cond_destroy(&v->cv);
		pthread_mutex_destroy(&v->mu);
		free(v);
		return ERR_IO;
	}
	*out = v;
	return 0;
}

void voice_free(struct voice *v)
{
	if (!v)
		return;
	pthread_mutex_lock(&v->mu);
	v->quit = true;
	pthread_cond_broadcast(&v->cv);
	pthread_mutex_unlock(&v->mu);
	pthread_join(v->thread, NULL);
	if (v->out_ok) {
		v->d.out->stop(v->out);
		v->d.out->close(v->out);
	}
	pthread_cond_destroy(&v->cv);
	pthread_mutex_destroy(&v->mu);
	free(v);
}

static bool quiet_now(const struct voice *v)
{
	const struct config_voice *c = v->d.cfg;
	struct clock_local t;
	int m;

	if (c->quiet_from < 0 || !v->d.clock)
		return false;
	clock_to_local(clock_now_s(v->d.clock), &t);
	m = t.minute_of_day;
	return c->quiet_from < c->quiet_to ? m >= c->quiet_from && m < c->quiet_to :
					     m >= c->quiet_from || m < c->quiet_to;
}

bool voice_ready(struct voice *v)
{
	return v && v->out_ok && !quiet_now(v);
}

/* s's words, read on the caller's thread; a part whose words do not fit is left out. */
static void resolve(const struct speech_src *src, const struct speech *s, struct said *out)
{
	memset(out, 0, sizeof(*out));
	out->lang = s->lang;
	for (int i = 0; i < s->n; i++) {
		if (speech_part_text(s, src, i, out->part[out->n].text,
				     sizeof(out->part[out->n].text)) != 0)
			continue;
		out->part[out->n].key = s->part[i].kind == SPEECH_KEY;
		memcpy(out->part[out->n].name, s->part[i].key, sizeof(s->part[i].key));
		out->n++;
	}
}

static void ask(struct voice *v, const struct said *s)
{
	pthread_mutex_lock(&v->mu);
	v->gen++;
	if (s)
		v->next = *s;
	else
		memset(&v->next, 0, sizeof(v->next));
	v->asked_ns = clock_mono_ns();
	v->first_seen = false;
	pthread_cond_broadcast(&v->cv);
	pthread_mutex_unlock(&v->mu);
}

void voice_say(struct voice *v, const struct speech_src *src, const struct speech *s)
{
	struct said said;

	if (!v || !v->d.cfg->enabled)
		return;
	if (quiet_now(v)) {
		ask(v, NULL);
		return;
	}
	resolve(src, s, &said);
	ask(v, &said);
}

void voice_cut(struct voice *v)
{
	if (v)
		ask(v, NULL);
}

bool voice_wait_idle(struct voice *v, int timeout_ms)
{
	struct timespec until = clock_mono_deadline(timeout_ms);
	bool idle;

	pthread_mutex_lock(&v->mu);
	while (v->done != v->gen)
		if (pthread_cond_timedwait(&v->cv, &v->mu, &until) != 0)
			break;
	idle = v->done == v->gen;
	pthread_mutex_unlock(&v->mu);
	return idle;
}

void voice_stats(struct voice *v, struct voice_stats *out)
{
	pthread_mutex_lock(&v->mu);
	*out = v->st;
	pthread_mutex_unlock(&v->mu);
}
