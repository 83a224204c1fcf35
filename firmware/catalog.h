/* catalog: fields of procedures (linh vuc) and their services, from an INI catalogue.
 *
 *   [unit]             closed_dates = 2026-01-01, 2026-02-16  (repeatable; lists add up)
 *   [field.<id>]       name_vi, name_en, order
 *   [service.<prefix>] field, name_vi, name_en, counters, daily_cap, priority, order,
 *                      mon..sun = 07:30-11:30, 13:30-17:00  (or "closed")
 *   [counter.<id>]     name_vi, name_en, fields (field ids, comma-separated), order
 *   [officer.<id>]     name, title_vi, title_en, field, counter, phone, photo, order
 *
 * The prefix (1-2 capital letters) names the service and starts its ticket numbers.
 * Counters and officers are optional; they make the officer directory (Decree 118 art. 9.8:
 * name, title, field, counter and phone of every officer at the unit) and the choice of an
 * officer to rate. An officer belongs to one counter and one field; photo is an optional
 * PNG path (the screen shows initials without one). Required: name_vi of a counter; name,
 * title_vi, field and counter of an officer, naming a field and counter of this file.
 * Required: name_vi of every field and service, field of every service; at least one field,
 * every field with at least one service. Defaults: name_en = name_vi, order 0, daily_cap 0,
 * priority false (opt in per service), a missing weekday closed. Hours are local time,
 * 1-4 spans a day in order, not touching; a close of 24:00 means midnight (23:59 closes at
 * 23:59:00). Names are stored NFC. Unknown keys and bad values are errors with file, line
 * and key, as in config. The catalogue is immutable once loaded; pointers into it are
 * borrowed until catalog_free. */
#ifndef KIOSK_CATALOG_H
#define KIOSK_CATALOG_H

#include "lang.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The embedded demo catalogue (embedded_get), used when config catalog is empty. */
#define CATALOG_EMBEDDED_DEMO "config/catalog-demo.ini"

#define CATALOG_MAX_SPANS 4
#define CATALOG_MAX_CLOSED 64

struct catalog_day {
	int nspans;
	struct { int open, close; } span[CATALOG_MAX_SPANS]; /* minutes after local midnight */
};

struct catalog_field {
	char id[32];
	char name[LANG_COUNT][160];
	int order;
};

struct catalog_service {
	char prefix[4];          /* "A", "B", "KS" */
	char field_id[32];
	char name[LANG_COUNT][200];
	char counters[64];       /* as shown: "1, 2" */
	int daily_cap;           /* 0: no cap */
	bool priority;           /* priority tickets allowed */
	int order;
	struct catalog_day week[7]; /* 0 = Sunday */
	int last_ticket_min;     /* numbers end this many minutes before each closing ([unit]'s
				  * last_ticket_min unless the service says) */
};

#define CATALOG_MAX_COUNTER_FIELDS 8

struct catalog_counter {
	char id[32];             /* a-z, 0-9, _ and -: "1", "2", "tra-ket-qua" */
	char name[LANG_COUNT][120];
	char fields[CATALOG_MAX_COUNTER_FIELDS][32];
	int nfields;
	int order;
};

struct catalog_officer {
	char id[32];             /* as the central system names the officer: A-Z, a-z, 0-9, _ . - */
	char name[120];          /* full name, NFC (public: art. 9.8) */
	char title[LANG_COUNT][120];
	char field_id[32];
	char counter_id[32];
	char phone[32];          /* the officer's work phone, public; "" none */
	char photo[256];         /* PNG path, "" none */
	int order;
};

struct catalog;

int catalog_load_file(const char *path, struct catalog **out, char *err, unsigned errlen);
int catalog_load_string(const char *text, const char *name, struct catalog **out, char *err,
			unsigned errlen);
void catalog_free(struct catalog *c);

/* Fields sorted by order then id; services sorted by order then prefix. */
size_t catalog_field_count(const struct catalog *c);
const struct catalog_field *catalog_field_at(const struct catalog *c, size_t i);
size_t catalog_service_count(const struct catalog *c);
const struct catalog_service *catalog_service_at(const struct catalog *c, size_t i);
const struct catalog_service *catalog_service_find(const struct catalog *c, const char *prefix);
/* Fills out[] with up to max services of the field, returns how many the field has. */
size_t catalog_field_services(const struct catalog *c, const char *field_id,
			      const struct catalog_service **out, size_t max);

const struct catalog_field *catalog_field_find(const struct catalog *c, const char *id);

/* Counters sorted by order then id; officers by order then id. */
size_t catalog_counter_count(const struct catalog *c);
const struct catalog_counter *catalog_counter_at(const struct catalog *c, size_t i);
const struct catalog_counter *catalog_counter_find(const struct catalog *c, const char *id);
size_t catalog_officer_count(const struct catalog *c);
const struct catalog_officer *catalog_officer_at(const struct catalog *c, size_t i);
const struct catalog_officer *catalog_officer_find(const struct catalog *c, const char *id);
/* Fills out[] with up to max officers of the counter, returns how many it has. */
size_t catalog_counter_officers(const struct catalog *c, const char *counter_id,
				const struct catalog_officer **out, size_t max);

/* A catalogue from the central system names no local files: each officer's photo becomes the
 * one src (the unit's own catalogue, may be NULL) gives the same officer id, or none. Call
 * before the catalogue is in use. */
void catalog_adopt_photos(struct catalog *dst, const struct catalog *src);

/* Opening hours, evaluated in local (UTC+7) time. A closed date closes every service.
 * Open means numbers are given: within a span and before its last_ticket_min. */
bool catalog_is_open(const struct catalog *c, const struct catalog_service *s, int64_t utc_s);
/* Within a span but past its last number: that last number's time, minutes after local
 * midnight ("numbers until 16:45"); -1 otherwise (open, or outside every span). */
int catalog_last_ticket(const struct catalog *c, const struct catalog_service *s, int64_t utc_s);
/* UTC seconds of the next opening strictly after utc_s (within 60 days), or -1. While a span
 * is open this is the start of the next span, not utc_s: "open again at" after this one. */
int64_t catalog_next_open(const struct catalog *c, const struct catalog_service *s, int64_t utc_s);

#endif
