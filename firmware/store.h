/* store: the kiosk's SQLite database, the truth for what this kiosk did.
 *
 * WAL mode, synchronous=FULL (a printed ticket must survive a power cut: losing its row would
 * hand out its number twice), versioned migrations in PRAGMA user_version. A database from a
 * newer schema is refused (ERR_SCHEMA); a damaged file is reported (ERR_CORRUPT) and the
 * caller moves it aside with store_quarantine, never overwriting it.
 *
 * Every write that matters is one transaction together with its outbox event, so the central
 * system hears of exactly what happened. sqlite3.h stays inside this module. Each thread opens
 * its own store handle. */
#ifndef KIOSK_STORE_H
#define KIOSK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_SCHEMA_VERSION 5
/* An outbox body is at most this long, NUL included (store_event refuses longer ones). */
#define STORE_OUTBOX_BODY_MAX 2048

enum ticket_status {
	TICKET_PENDING = 0,  /* numbered, print not yet confirmed */
	TICKET_PRINTED = 1,
	TICKET_VOIDED = 2,   /* print failed or interrupted: recorded, never called */
	TICKET_SHOWN = 3,    /* printing impossible, number shown on screen (if the unit allows) */
};

/* Where a ticket's number came from ([sync] numbering, docs/protocol.md "Numbers"). */
enum store_numbering {
	STORE_NUM_LOCAL = 0,     /* this kiosk is the numbering authority: the next of the day */
	STORE_NUM_CENTRAL = 1,   /* the central system's number for the ticket's request id */
	STORE_NUM_FALLBACK = 2,  /* no usable central number in time: from the reserved range */
};

struct store_ticket {
	int64_t id;
	char service[8];
	int day;              /* local service day, YYYYMMDD */
	int seq;              /* 1.. per service and day */
	int priority;         /* enum priority_group */
	int status;           /* enum ticket_status */
	int64_t issued_at;    /* UTC seconds */
	char request_id[40];  /* one per citizen intent: a repeated tap replays, never re-issues */
	int numbering;        /* enum store_numbering */
};

/* numbering LOCAL: the next number of (service, day). CENTRAL: exactly seq, unless this kiosk
 * already holds that number for (service, day) (the central system repeated itself): then the
 * next number of [range_from, range_to] and the ticket is FALLBACK. FALLBACK: the next number
 * of that range. The range is this kiosk's own, [sync] reserved_from..reserved_to. */
struct store_issue {
	const char *service;
	int day;
	int cap;              /* 0: none; counts every ticket of the day that is not voided */
	int priority;
	int64_t now;
	const char *request_id;
	int numbering;        /* enum store_numbering; 0 (LOCAL) as before */
	int seq;              /* CENTRAL: the central system's number */
	int range_from, range_to;
};

/* One event waiting for the central system (store_outbox_pending). */
struct store_outbox_row {
	int64_t id;                         /* outbox row id, for store_outbox_mark_sent */
	char event_id[40];                  /* 32 hex digits, unique forever */
	char kind[32];
	char body[STORE_OUTBOX_BODY_MAX];   /* JSON object text */
	bool truncated;                     /* body did not fit: a bug, see sync.c */
	int64_t created_at;                 /* UTC seconds */
};

struct store;

/* Opens (creating if missing, mode 0600 with its -wal and -shm) and migrates. ERR_CORRUPT,
 * ERR_SCHEMA, ERR_PERM (the file or its -wal/-shm is read-only: refused before SQLite opens
 * it), ERR_IO (a full disk), ERR_DB. */
int store_open(const char *path, struct store **out);
void store_close(struct store *s);
struct ledger;
/* The ledger of what reached the printer (firmware/ledger.h), borrowed: numbering takes the
 * highest of the database and the ledger, each issued number is recorded in it after its
 * commit, each print's outcome before. Only the handle that issues tickets has one. */
void store_set_ledger(struct store *s, struct ledger *l);
/* The database had no schema when opened (a new file, or one truncated to nothing). */
bool store_fresh(const struct store *s);
/* Moves a damaged database (and its -wal/-shm) to PATH.corrupt-<utc seconds>; the new name
 * goes into moved_to. The kiosk then starts on a fresh file and says so in the log. */
int store_quarantine(const char *path, int64_t now, char *moved_to, size_t len);

/* Issue a number of (service, day) as req says, in one IMMEDIATE transaction, with its outbox
 * event. Returns 0 with *replayed false for a new ticket, or true when request_id was already
 * issued (out = that ticket, nothing written); ERR_CAP at the cap, ERR_RANGE when a fallback
 * finds the reserved range used up (nothing issued), ERR_BUSY if another process holds the
 * database too long. A ticket that is not LOCAL says so in its events' bodies ("numbering",
 * "request"). */
int store_ticket_issue(struct store *s, const struct store_issue *req, struct store_ticket *out,
		       bool *replayed);
/* The ticket of a request id, or ERR_NOTFOUND. */
int store_ticket_by_request(struct store *s, const char *request_id, struct store_ticket *out);
/* The next fallback number after highest (the highest number of the day already taken in
 * [from, to], 0 when none): from, or highest + 1; ERR_RANGE when that is beyond to, and for a
 * range that is not 1 <= from <= to. */
int store_range_next(int from, int to, int highest, int *seq);
/* "local", "central", "fallback". */
const char *store_numbering_name(int numbering);
/* PENDING → PRINTED / VOIDED / SHOWN, with its outbox event. ERR_STATE if not pending. */
int store_ticket_finish(struct store *s, int64_t id, int status, const char *reason, int64_t now);
int store_ticket_get(struct store *s, int64_t id, struct store_ticket *out);
/* Tickets of service day `day` by status: counts[TICKET_PENDING..TICKET_SHOWN]. */
int store_ticket_counts(struct store *s, int day, int counts[4]);
/* The ticket of service day `day` printed last; ERR_NOTFOUND when none. */
int store_ticket_last_printed(struct store *s, int day, struct store_ticket *out);
/* At start-up: every PENDING ticket (interrupted print) becomes VOIDED, unless the ledger
 * (store_set_ledger) says it printed or was shown: then that, with its event. */
int store_recover_pending(struct store *s, int64_t now, int *voided, int *printed);
/* store_recover_pending, counting the voided ones only. */
int store_void_pending(struct store *s, int64_t now, int *count);
/* Latest service day that has a ticket, 0 when none. */
int store_last_day(struct store *s, int *ymd);
/* Tickets of (service, day) that are not voided. */
int store_count_active(struct store *s, const char *service, int day, int *n);
/* Not-voided tickets of (service, day) with after < seq < before. */
int store_count_between(struct store *s, const char *service, int day, int after, int before,
			int *n);
/* Not-voided tickets of (service, day) issued before ticket id and after the ticket numbered
 * called (all before id when called is 0): the people ahead in the order of issue, which is
 * the order of numbers unless fallback numbers are mixed in. ERR_NOTFOUND when called is not
 * a number of this kiosk. */
int store_count_ahead(struct store *s, const char *service, int day, int called, int64_t id,
		      int *n);
/* Last number called at the counters for (service, day), from the central system; ERR_NOTFOUND
 * when unknown or older than max_age_s. */
int store_last_called(struct store *s, const char *service, int day, int64_t now,
		      int64_t max_age_s, int *seq);
int store_set_last_called(struct store *s, const char *service, int day, int seq, int64_t now);
int store_outbox_count(struct store *s, int *n);
/* An event for the central system (kind e.g. "health.printer", body JSON without personal data).
 * ERR_RANGE when body is STORE_OUTBOX_BODY_MAX bytes or longer. */
int store_event(struct store *s, const char *kind, const char *body, int64_t now);
/* Up to max unsent rows, oldest first, into rows[0..*n). */
int store_outbox_pending(struct store *s, int max, struct store_outbox_row *rows, int *n);
/* Marks rows sent at `now`, all in one transaction (rows already sent keep their time). */
int store_outbox_mark_sent(struct store *s, const int64_t *ids, int n, int64_t now);
/* Rows not yet sent. */
int store_outbox_backlog(struct store *s, int *n);

/* Runs one statement with no result (tests and tools). */
int store_exec(struct store *s, const char *sql);

#endif
