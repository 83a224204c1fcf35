/* rate: a citizen rates the officer who served them (Decree 118/2025 art. 29-34).
 *
 * Ways in: "Đánh giá cán bộ" on the home screen (rate_begin), a scanned queue ticket
 * (rate_from_ticket: the central system says which officer called it), a dossier whose
 * receiving officer is known (rate_from_dossier, or a receipt scanned on the rating screens:
 * rate_dossier_answer), or a counter then an officer chosen from the directory. Then one of
 * the faces; a level that is not satisfied asks why (reasons, and a comment typed the Telex
 * way), and the rating is kept (rating_submit): thanks, or a notice for every answer that is
 * not a rating (checking, already rated, not served, unknown ticket, dossier or officer, no
 * central system, refused, not kept).
 *
 * The ticket id or dossier code, the level, the reasons and the comment live here in memory
 * only while the citizen is on the rating screens: rate_leave forgets them as soon as the
 * citizen is elsewhere (home after the idle timeout, for one), and nothing of an unfinished
 * rating is ever stored. rate_poll releases held ratings to the outbox when they are due
 * (firmware/rating.h). Start reading at rate_from_ticket and rate_submit. */
#ifndef KIOSK_JOURNEY_RATE_H
#define KIOSK_JOURNEY_RATE_H

#include "firmware/lookup.h"
#include "firmware/rating.h"
#include "firmware/telex.h"

#include <stdbool.h>
#include <stdint.h>

/* What the notice screen says. */
enum rate_notice {
	RN_CHECKING,         /* asking the central system who served the ticket */
	RN_ALREADY,          /* this ticket or dossier was rated */
	RN_NOT_SERVED,       /* the ticket has not been called at a counter yet */
	RN_UNKNOWN_TICKET,   /* the central system does not know it */
	RN_UNKNOWN_DOSSIER,  /* ... nor this dossier code (scanned on the rating screens) */
	RN_UNAVAILABLE,      /* no central system, or it cannot be reached now */
	RN_UNKNOWN_OFFICER,  /* no officer given, or not in this unit's directory */
	RN_REFUSED,          /* rating_submit refused it: rate_problem says why */
	RN_NOT_KEPT,         /* the database failed */
};

struct journey_ctx;
struct rate;

int rate_new(struct journey_ctx *cx, struct rate **out);
void rate_free(struct rate *r);

/* ---- ways in ---- */
void rate_begin(struct rate *r);
/* "Choose the counter": the directory way, from the start. */
void rate_by_counter(struct rate *r);
/* A scanned queue ticket (dossier_parse_payload gave DP_TICKET). */
void rate_from_ticket(struct rate *r, const char *ticket_id);
/* "Rate the officer who received it" on a dossier's status. */
void rate_from_dossier(struct rate *r, const struct dossier_info *d);
/* The answer about a dossier scanned on the rating screens (enquiry.h). */
void rate_dossier_answer(struct rate *r, enum lookup_state st, const struct dossier_info *d);
/* A lookup answer: true when this journey asked for it (who served a ticket) and took it. */
bool rate_on_lookup(struct rate *r, const struct lookup_answer *ans);

/* ---- the steps ---- */
void rate_choose_counter(struct rate *r, const char *counter_id);
/* The officer is known: the faces. Unknown to the catalogue: a notice. */
void rate_officer(struct rate *r, const char *officer_id);
/* A face: a level that needs a reason asks for them, any other is kept at once. */
void rate_choose_level(struct rate *r, int level);
void rate_toggle_reason(struct rate *r, enum rating_reason reason);
/* The comment keyboard, and what is typed on it: a key of the screen's keyboard (shift makes
 * the next letter a capital; the space bar keeps it for the letter after), text from a physical one (control characters refused whole),
 * delete; done goes back to the reasons, unless the comment is too long. */
void rate_open_keyboard(struct rate *r);
void rate_key(struct rate *r, uint32_t cp);
void rate_text(struct rate *r, const char *utf8);
void rate_backspace(struct rate *r);
void rate_toggle_shift(struct rate *r);
void rate_comment_done(struct rate *r);
/* Keep the rating as chosen so far: thanks, or the notice or keyboard that says why not. */
void rate_submit(struct rate *r);
/* The notice screen's tick: stop waiting once the ticket question is overdue. */
void rate_tick_wait(struct rate *r);
/* The citizen left the rating screens: forget everything of an unfinished rating. */
void rate_leave(struct rate *r);
/* Every poll: the held ratings that are due go to the outbox. */
void rate_poll(struct rate *r);

/* ---- what the screens show ---- */
enum rating_via rate_via(const struct rate *r);
const char *rate_counter(const struct rate *r);
const char *rate_officer_id(const struct rate *r);
unsigned rate_reasons(const struct rate *r);      /* bit (1u << enum rating_reason) */
const struct telex *rate_comment(const struct rate *r);
bool rate_shift(const struct rate *r);
const char *rate_keyboard_warning(const struct rate *r);   /* i18n key, NULL none */
enum rate_notice rate_notice(const struct rate *r);
enum rating_problem rate_problem(const struct rate *r);
bool rate_waiting(const struct rate *r);
/* "checking", "already", "not-served", "unknown-ticket", "unknown-dossier", "unavailable",
 * "unknown-officer", "refused", "not-kept" (scripts: expect rating NAME). */
const char *rate_notice_name(enum rate_notice n);

#endif
