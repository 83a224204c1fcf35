/* voice: the worker with a fake synthesizer (samples in proportion to the text, with a gate
 * the test holds) and a fake output that counts what it is given: the text handed to the
 * synthesizer, audio produced, a new phrase or a cut stopping the old one within a block,
 * recorded clips preferred, volume and quiet hours; and what the lookup and rating screens
 * could hand it never reaching the synthesizer when it is personal. */
#include "../t.h"
#include "../../drivers/voice.h"
#include "../../firmware/catalog.h"
#include "../../firmware/clock.h"
#include "../../firmware/embedded.h"
#include "../../firmware/err.h"
#include "../../firmware/i18n.h"
#include "../../firmware/journey/voice.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define PER_CHAR 200   /* fake samples a character */

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool hold;            /* synthesis waits after its first block */
	bool held;
	char texts[2048];     /* every text given, "|"-separated */
	size_t played, stops;
	int peak;
} fk = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, false, "", 0, 0, 0 };

static int fe_open(void **state, int *rate)
{
	*state = &fk;
	*rate = VOICE_RATE;
	return 0;
}

static void fe_close(void *state) { (void)state; }

static int fe_synth(void *state, enum lang l, const char *text, voice_pcm_fn fn, void *user)
{
	int16_t block[256];
	size_t total = strlen(text) * PER_CHAR;

	(void)state, (void)l;
	for (int i = 0; i < 256; i++)
		block[i] = (int16_t)(i % 2 ? 10000 : -10000);
	pthread_mutex_lock(&fk.mu);
	snprintf(fk.texts + strlen(fk.texts), sizeof(fk.texts) - strlen(fk.texts), "%s%s",
		 fk.texts[0] ? "|" : "", text);
	pthread_mutex_unlock(&fk.mu);
	for (size_t done = 0; done < total; done += 256) {
		if (!fn(user, block, total - done < 256 ? total - done : 256))
			return 0;
		pthread_mutex_lock(&fk.mu);
		while (fk.hold) {
			fk.held = true;
			pthread_cond_broadcast(&fk.cv);
			pthread_cond_wait(&fk.cv, &fk.mu);
		}
		pthread_mutex_unlock(&fk.mu);
	}
	return 0;
}

static const struct voice_engine_ops fake_engine = { "fake", fe_open, fe_close, fe_synth };

static int fo_open(void **state, int rate) { (void)rate; *state = &fk; return 0; }
static void fo_close(void *state) { (void)state; }
static int fo_play(void *state, const int16_t *pcm, size_t n)
{
	(void)state;
	pthread_mutex_lock(&fk.mu);
	fk.played += n;
	for (size_t i = 0; i < n; i++)
		fk.peak = abs(pcm[i]) > fk.peak ? abs(pcm[i]) : fk.peak;
	pthread_mutex_unlock(&fk.mu);
	return 0;
}
static void fo_stop(void *state) { (void)state; pthread_mutex_lock(&fk.mu); fk.stops++; pthread_mutex_unlock(&fk.mu); }
static size_t fo_pending(void *state) { (void)state; return 0; }

static const struct audio_ops fake_out = { "fake", fo_open, fo_close, fo_play, fo_stop, fo_pending };

struct fx {
	struct i18n *t;
	struct catalog *cat;
	struct config_voice cfg;
	struct clock clock;
	struct voice *v;
};

static void fk_reset(void)
{
	pthread_mutex_lock(&fk.mu);
	fk.hold = fk.held = false;
	fk.texts[0] = '\0';
	fk.played = fk.stops = 0;
	fk.peak = 0;
	pthread_mutex_unlock(&fk.mu);
}

static int fx_open(struct fx *f, const char *clips)
{
	char err[128];
	struct voice_deps d;
	int rc;

	memset(f, 0, sizeof(*f));
	fk_reset();
	f->cfg = (struct config_voice){ .enabled = true, .volume = 50, .quiet_from = -1,
					.quiet_to = -1 };
	snprintf(f->cfg.clips, sizeof(f->cfg.clips), "%s", clips ? clips : "");
	clock_init_fixed(&f->clock, 1795399800000LL); /* Mon 23 Nov 2026 09:10 local */
	if ((rc = i18n_new(&f->t)) != 0 ||
	    (rc = catalog_load_string(embedded_get(CATALOG_EMBEDDED_DEMO, NULL), "demo", &f->cat,
				      err, sizeof(err))) != 0)
		return rc;
	d = (struct voice_deps){ &f->cfg, &fake_engine, &fake_out, &f->clock };
	return voice_new(&d, &f->v);
}

static void fx_close(struct fx *f)
{
	voice_free(f->v);
	catalog_free(f->cat);
	i18n_free(f->t);
}

static void ticket_phrase(struct fx *f, struct speech *s, enum lang l)
{
	struct speech_src src = { f->t, f->cat };

	speech_init(s, l);
	speech_key(s, &src, "ticket_your_number");
	speech_ticket(s, &src, "A", 42);
	speech_service(s, &src, "A");
	speech_counters(s, "1, 2");
}

T_TEST(voice_reads_the_ticket_off_the_ui_thread)
{
	struct fx f;
	struct speech s;
	struct voice_stats st;
	bool idle;
	size_t played;
	int peak;

	T_OK(fx_open(&f, NULL));
	ticket_phrase(&f, &s, LANG_VI);
	voice_say(f.v, &(struct speech_src){ f.t, f.cat }, &s);          /* returns at once: the worker speaks */
	idle = voice_wait_idle(f.v, 5000);
	voice_stats(f.v, &st);
	pthread_mutex_lock(&fk.mu);
	played = fk.played;
	peak = fk.peak;
	pthread_mutex_unlock(&fk.mu);
	fx_close(&f);
	T_CHECK(idle);
	T_STREQ(st.text, "Số thứ tự của quý khách. a, bốn mươi hai. Đăng ký khai sinh. Quầy một, hai");
	/* audio of the length the text asks for, at half volume */
	T_EQ(played, strlen(st.text) * PER_CHAR);
	T_EQ(st.samples, played);
	T_EQ(peak, 5000);
	T_EQ(st.phrases, 1);
	T_EQ(st.cuts, 0);
	T_CHECK(st.first_sample_ns > 0);
}

T_TEST(voice_cut_when_the_citizen_moves_on)
{
	struct fx f;
	struct speech s, next;
	struct voice_stats st;
	bool held = false, idle;
	size_t played, stops0, stops;

	T_OK(fx_open(&f, NULL));
	ticket_phrase(&f, &s, LANG_VI);
	pthread_mutex_lock(&fk.mu);
	fk.hold = true;
	pthread_mutex_unlock(&fk.mu);
	voice_say(f.v, &(struct speech_src){ f.t, f.cat }, &s);
	pthread_mutex_lock(&fk.mu);
	for (int i = 0; i < 500 && !fk.held; i++) {
		pthread_mutex_unlock(&fk.mu);
		nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
		pthread_mutex_lock(&fk.mu);
	}
	held = fk.held;
	stops0 = fk.stops;
	pthread_mutex_unlock(&fk.mu);
	/* the citizen leaves the screen: the next screen's title replaces the read-out */
	speech_init(&next, LANG_VI);
	speech_key(&next, &(struct speech_src){ f.t, f.cat }, "home_title");
	voice_say(f.v, &(struct speech_src){ f.t, f.cat }, &next);
	pthread_mutex_lock(&fk.mu);
	fk.hold = false;
	pthread_cond_broadcast(&fk.cv);
	pthread_mutex_unlock(&fk.mu);
	idle = voice_wait_idle(f.v, 5000);
	voice_stats(f.v, &st);
	pthread_mutex_lock(&fk.mu);
	played = fk.played;
	stops = fk.stops;
	pthread_mutex_unlock(&fk.mu);
	fx_close(&f);
	T_CHECK(held);
	T_CHECK(idle);
	T_EQ(st.cuts, 1);
	T_EQ(st.phrases, 2);
	T_CHECK(stops > stops0);     /* the output's queue was dropped for the new phrase */
	T_STREQ(st.text, "Chào mừng quý khách");
	/* one block of the read-out, then the whole title */
	T_EQ(played, 256 + strlen("Chào mừng quý khách") * PER_CHAR);
}

/* A tiny WAV file: n samples of value v, mono 16-bit at rate. */
static int write_wav(const char *path, int rate, int n, int16_t v)
{
	FILE *fp = fopen(path, "wb");
	uint32_t data = (uint32_t)n * 2, riff = 36 + data, fmt = 16, br = (uint32_t)rate * 2;
	uint16_t pcm = 1, ch = 1, ba = 2, bits = 16;
	uint32_t r = (uint32_t)rate;

	if (!fp)
		return ERR_IO;
	fwrite("RIFF", 1, 4, fp); fwrite(&riff, 4, 1, fp); fwrite("WAVEfmt ", 1, 8, fp);
	fwrite(&fmt, 4, 1, fp); fwrite(&pcm, 2, 1, fp); fwrite(&ch, 2, 1, fp);
	fwrite(&r, 4, 1, fp); fwrite(&br, 4, 1, fp); fwrite(&ba, 2, 1, fp);
	fwrite(&bits, 2, 1, fp); fwrite("data", 1, 4, fp); fwrite(&data, 4, 1, fp);
	for (int i = 0; i < n; i++)
		fwrite(&v, 2, 1, fp);
	return fclose(fp) == 0 ? 0 : ERR_IO;
}

T_TEST(voice_prefers_the_units_clip)
{
	struct fx f;
	struct speech s;
	struct voice_stats st;
	char dir[512], path[600];
	size_t played;

	snprintf(dir, sizeof(dir), "%s/clips", t_tmpdir());
	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/vi", dir);
	mkdir(path, 0755);
	/* half a second at 11025 Hz: 11025 samples once resampled to 22050 */
	snprintf(path, sizeof(path), "%s/vi/ticket_your_number.wav", dir);
	T_OK(write_wav(path, 11025, 5512, 8000));
	T_OK(fx_open(&f, dir));
	ticket_phrase(&f, &s, LANG_VI);
	voice_say(f.v, &(struct speech_src){ f.t, f.cat }, &s);
	voice_wait_idle(f.v, 5000);
	voice_stats(f.v, &st);
	pthread_mutex_lock(&fk.mu);
	played = fk.played;
	pthread_mutex_unlock(&fk.mu);
	fx_close(&f);
	T_EQ(st.clips, 1);
	/* the clip's words are not synthesised; the rest is, as one text */
	T_STREQ(st.text, "a, bốn mươi hai. Đăng ký khai sinh. Quầy một, hai");
	T_EQ(played, 11024 + strlen(st.text) * PER_CHAR);
}

T_TEST(voice_silent_in_quiet_hours)
{
	struct fx f;
	struct speech s;
	struct voice_stats st;
	bool ready;

	T_OK(fx_open(&f, NULL));
	f.cfg.quiet_from = 9 * 60;          /* 09:00-09:30; the clock says 09:10 */
	f.cfg.quiet_to = 9 * 60 + 30;
	ready = voice_ready(f.v);
	ticket_phrase(&f, &s, LANG_VI);
	voice_say(f.v, &(struct speech_src){ f.t, f.cat }, &s);
	voice_wait_idle(f.v, 5000);
	voice_stats(f.v, &st);
	clock_advance(&f.clock, 30 * 60 * 1000);
	ready = ready || !voice_ready(f.v);
	fx_close(&f);
	T_CHECK(!ready);
	T_EQ(st.phrases, 0);
	T_EQ(st.samples, 0);
}

/* What the status and rating screens hold of a citizen never reaches the synthesizer: the
 * screens can only hand the voice what speech.h accepts. */
T_TEST(voice_never_speaks_personal_data)
{
	static const char *const personal[] = {
		"Nguyễn Văn An", "079123456789", "000.00.01.H29-240115-0001", "0912345678",
		"Chờ lâu, cán bộ Trần Thị Bình", "KIOSK-01-20261123-A001",
	};
	struct fx f;
	struct speech s;
	struct speech_src src;
	struct voice_stats st;
	char texts[2048];
	int leaked = 0;

	T_OK(fx_open(&f, NULL));
	src = (struct speech_src){ f.t, f.cat };
	speech_init(&s, LANG_VI);
	/* the status screen: the title, the status label; the name and code are offered too */
	speech_key(&s, &src, "scan_title");
	speech_status(&s, 9);
	for (size_t i = 0; i < sizeof(personal) / sizeof(personal[0]); i++) {
		speech_key(&s, &src, personal[i]);
		speech_service(&s, &src, personal[i]);
		speech_counter(&s, &src, personal[i]);
		speech_counters(&s, personal[i]);
	}
	voice_say(f.v, &(struct speech_src){ f.t, f.cat }, &s);
	voice_wait_idle(f.v, 5000);
	voice_stats(f.v, &st);
	pthread_mutex_lock(&fk.mu);
	snprintf(texts, sizeof(texts), "%s", fk.texts);
	pthread_mutex_unlock(&fk.mu);
	fx_close(&f);
	for (size_t i = 0; i < sizeof(personal) / sizeof(personal[0]); i++)
		leaked += strstr(texts, personal[i]) != NULL;
	T_EQ(leaked, 0);
	T_CHECK(strstr(texts, "Đã xử lý xong") != NULL);
	T_EQ(s.n, 2);
}
