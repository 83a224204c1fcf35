/* speak: what the voice says of the screens (docs/accessibility.md): each screen's title as
 * it is entered, and each button as it is touched in voice guidance, always through speech.h,
 * so only the catalogues' own words. A button whose words are not the catalogues' (an
 * officer's name, typed text) is not read. Leaving a screen cuts whatever was being said. */
#include "draw.h"

#include "firmware/dossier.h"
#include "firmware/log.h"
#include "firmware/rating.h"
#include "firmware/journey/voice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Buttons read by the key of their words. */
static const struct { const char *id, *key; } button_keys[] = {
	{ "take", "home_take_number" }, { "lookup", "home_lookup" }, { "rate", "home_rate" },
	{ "directory", "home_directory" }, { "help", "help_button" },
	{ "voice", "voice_button" }, { "lang", "lang_toggle" }, { "back", "back" },
	{ "home", "home" }, { "done", "ticket_done" }, { "retry", "print_retry" },
	{ "prio_0", "priority_none" }, { "prev", "prev_page" }, { "next", "next_page" },
	{ "by_counter", "rate_by_counter" }, { "comment", "rate_comment" },
	{ "send", "rate_send" }, { "key_done", "rate_kb_done" }, { "key_space", "rate_kb_space" },
	{ "key_bksp", "rate_kb_delete" }, { "key_shift", "rate_kb_shift" },
};

/* Screens read by the key of their title. */
static const struct { enum screen_id s; const char *key; } screen_keys[] = {
	{ SCR_HOME, "home_title" }, { SCR_FIELDS, "fields_title" },
	{ SCR_SERVICES, "services_title" }, { SCR_PRIORITY, "priority_title" },
	{ SCR_SCAN, "scan_title" }, { SCR_HELP, "help_button" },
	{ SCR_RATE_START, "rate_start_title" }, { SCR_COUNTERS, "rate_counters_title" },
	{ SCR_OFFICERS, "rate_officers_title" }, { SCR_RATE, "rate_question" },
	{ SCR_REASONS, "rate_reasons_title" }, { SCR_KEYBOARD, "rate_kb_title" },
	{ SCR_THANKS, "rate_thanks_title" },
};

static struct speech_src src_of(const struct app *a)
{
	return (struct speech_src){ a->d.i18n, app_cat(a) };
}

static void say(struct app *a, const struct speech *s)
{
	struct speech_src src = src_of(a);
	char words[SPEECH_TEXT_MAX];

	if (s->n == 0 || speech_text(s, &src, words, sizeof(words)) != 0)
		return;
	snprintf(a->said, sizeof(a->said), "%s", words);
	/* the words are the catalogues' own (speech.h), but on the rating screens they would
	 * tell the log which counter, officer, level or reason a citizen chose */
	if (app_journey(a) == JOURNEY_RATE || app_journey(a) == JOURNEY_DIRECTORY)
		log_info("voice: on a rating screen");
	else
		log_info("voice: on %s: \"%s\"", app_screen_name(a), words);
	voice_say(a->d.voice, &src, s);
}

/* The ticket as the counters will call it, its service and counters, and what to do. */
static void ticket_words(struct app *a, struct speech *s, const struct speech_src *src)
{
	const struct queue_ticket *t = take_ticket(a->take);
	const struct catalog_service *sv = t ? catalog_service_find(app_cat(a), t->prefix) : NULL;

	if (!t || t->seq <= 0 || !sv) {
		speech_key(s, src, "ticket_printing");
		return;
	}
	speech_key(s, src, "ticket_your_number");
	speech_ticket(s, src, t->prefix, t->seq);
	speech_service(s, src, t->prefix);
	speech_counters(s, sv->counters);
	speech_key(s, src, "ticket_take");
}

/* A dossier: its status's label and what to do, nothing more of it (no procedure, no name,
 * no code, no dates). */
static void status_words(struct app *a, struct speech *s, const struct speech_src *src)
{
	const struct dossier_info *d = enquiry_dossier(a->enquiry);
	const char *hint;

	if (!d)
		return;
	speech_status(s, d->status);
	if ((hint = dossier_hint_key(d->status)))
		speech_key(s, src, hint);
}

void app_speak_screen(struct app *a)
{
	struct speech_src src = src_of(a);
	struct speech s;

	voice_cut(a->d.voice);
	a->spoke_answer = false;
	if (!a->d.voice || !assist_voice(a->assist))
		return;
	speech_init(&s, a->lang);
	for (size_t i = 0; i < sizeof(screen_keys) / sizeof(screen_keys[0]); i++)
		if (screen_keys[i].s == a->cur)
			speech_key(&s, &src, screen_keys[i].key);
	if (a->cur == SCR_TICKET)
		ticket_words(a, &s, &src);
	else if (a->cur == SCR_HELP)
		speech_key(&s, &src, help_message_key(help_last(a->help)));
	else if (a->cur == SCR_HOME)
		speech_key(&s, &src, "home_hint");
	say(a, &s);
}

/* A reason, or a level by its built-in words (a unit's own labels are its text, not keys:
 * those faces are not read). An officer's button is never read: the name is a person's. */
static void rating_words(struct app *a, struct speech *s, const struct speech_src *src,
			 const char *id)
{
	const struct config_rating *r = &a->d.cfg->rating;
	const char *level_id;
	char key[SPEECH_KEY_MAX];

	if (id[1] == 'e' && id[2] == 'a') { /* reason_<id> */
		snprintf(key, sizeof(key), "rate_%s", id);
		speech_key(s, src, key);
		return;
	}
	level_id = r->labels[a->lang][0] ? NULL : rating_level_id(r->levels, atoi(id + 6));
	if (level_id) {
		snprintf(key, sizeof(key), "rate_level_%s", level_id);
		speech_key(s, src, key);
	}
}

void app_speak_button(struct app *a, const char *id)
{
	struct speech_src src = src_of(a);
	struct speech s;

	speech_init(&s, a->lang);
	for (size_t i = 0; i < sizeof(button_keys) / sizeof(button_keys[0]); i++)
		if (strcmp(button_keys[i].id, id) == 0)
			speech_key(&s, &src, button_keys[i].key);
	if (strncmp(id, "prio_", 5) == 0 && strcmp(id, "prio_0") != 0)
		speech_key(&s, &src, id);
	else if (strncmp(id, "field_", 6) == 0)
		speech_field(&s, &src, id + 6);
	else if (strncmp(id, "svc_", 4) == 0)
		speech_service(&s, &src, id + 4);
	else if (strncmp(id, "counter_", 8) == 0)
		speech_counter(&s, &src, id + 8);
	else if (strncmp(id, "reason_", 7) == 0 || strncmp(id, "level_", 6) == 0)
		rating_words(a, &s, &src, id);
	if (s.n == 0)
		voice_cut(a->d.voice);
	say(a, &s);
}

void app_speak_frame(struct app *a)
{
	struct speech_src src = src_of(a);
	struct speech s;

	if (a->cur != SCR_STATUS || a->spoke_answer || !a->d.voice || !assist_voice(a->assist) ||
	    !enquiry_dossier(a->enquiry))
		return;
	a->spoke_answer = true;
	speech_init(&s, a->lang);
	status_words(a, &s, &src);
	say(a, &s);
}
