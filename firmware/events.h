/* events: the body of every event the kiosk puts in its outbox for the central system
 * (docs/protocol.md, "Events"), one builder per kind, all through jansson, so that any text
 * (a lock message, a comment, a reason) is escaped and nothing is written twice by hand.
 * No builder takes personal data.
 *
 * Each writes a compact JSON object, its keys in the order documented, NUL-terminated, into
 * out (len bytes, STORE_OUTBOX_BODY_MAX fits every one), and returns 0, ERR_RANGE when it does
 * not fit, or ERR_INVAL when jansson cannot build it (a text that is not UTF-8, or no memory);
 * out is "" after a failure. */
#ifndef KIOSK_EVENTS_H
#define KIOSK_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ticket.issued, .printed, .voided, .shown: a ticket's new status. */
struct events_ticket {
	const char *service;
	int day, seq, priority, status;
	int64_t issued_at, at;
	const char *reason;        /* NULL: "" */
	const char *numbering;     /* "central" or "fallback" with request; NULL for a number of
	                            * this kiosk's own, whose body says nothing of numbering */
	const char *request;       /* the request id ([0-9a-f] only), or "" */
};
int events_ticket(const struct events_ticket *t, char *out, size_t len);

/* rating.submitted: anonymous, with the hour it was made and nothing finer. */
struct events_rating {
	const char *officer;
	int level, scale;
	const char *level_id;      /* "very_satisfied"... */
	const char *reasons;       /* comma-separated reason ids, "" none */
	const char *comment;
	const char *via;           /* "ticket", "dossier", "directory" */
	bool flagged;
	const char *flag_reason;
	int64_t hour;              /* UTC seconds */
};
int events_rating(const struct events_rating *r, char *out, size_t len);

/* health.printer: {"printer": state}. */
int events_printer(const char *state, char *out, size_t len);
/* kiosk.lock: {"locked": locked, "message": message}. */
int events_lock(bool locked, const char *message, char *out, size_t len);
/* kiosk.reload: {"ok": ok, "reason": reason}. */
int events_reload(bool ok, const char *reason, char *out, size_t len);
/* ticket.reprinted: the ticket's service, day and seq (service NULL: no ticket was found),
 * then {"ok": ok, "reason": reason}. */
int events_reprinted(const char *service, int day, int seq, bool ok, const char *reason,
		     char *out, size_t len);
/* kiosk.salvage: a damaged or emptied database was replaced (firmware/store_salvage.h). */
struct events_salvage {
	const char *reason;        /* "damaged" or "empty" */
	const char *moved_to;      /* file name the damaged one was kept as; "" none */
	int tickets, events;       /* rows carried over into the new database */
	int events_missing;        /* outbox rows seen to be there that could not be read */
	bool complete;             /* the damaged file was read to its end */
	int numbering_from;        /* today's highest number, per the ledger, 0 none */
};
int events_salvage(const struct events_salvage *e, char *out, size_t len);
/* kiosk.staff: {"action": action}. */
int events_staff(const char *action, char *out, size_t len);
/* help.requested: {"screen": screen, "voice": voice}: a citizen at this kiosk asks for staff
 * to come, from the screen named (a fixed screen name: [a-z_], else "unknown"), with voice
 * guidance on or not (someone who may not see well). Nothing of the citizen. */
int events_help(const char *screen, bool voice, char *out, size_t len);

/* procedure.usage: {"procedure": national code, "action": "viewed|printed|number", "via":
 * "browse|search"}: a count for the unit of what citizens look up, nothing of who. */
int events_procedure(const char *code, const char *action, const char *via, char *out,
		     size_t len);

#endif
