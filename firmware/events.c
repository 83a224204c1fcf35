/* events: jansson objects dumped compactly into the caller's buffer (events.h). */
#include "events.h"

#include "err.h"

#include <jansson.h>
#include <string.h>

/* Dumps doc into out and frees it; a NULL doc is a failed pack (not UTF-8, or no memory). */
static int dump(json_t *doc, char *out, size_t len)
{
	size_t need;

	if (len)
		out[0] = '\0';
	if (!doc)
		return ERR_INVAL;
	need = json_dumpb(doc, out, len, JSON_COMPACT);
	json_decref(doc);
	if (need == 0)
		return ERR_INVAL;
	if (need >= len) {
		if (len)
			out[0] = '\0';
		return ERR_RANGE;
	}
	out[need] = '\0';
	return 0;
}

static const char *text(const char *s)
{
	return s ? s : "";
}

int events_ticket(const struct events_ticket *t, char *out, size_t len)
{
	json_t *doc = json_pack("{s:s, s:i, s:i, s:i, s:i, s:I, s:I, s:s}", "service",
				text(t->service), "day", t->day, "seq", t->seq, "priority",
				t->priority, "status", t->status, "issued_at",
				(json_int_t)t->issued_at, "at", (json_int_t)t->at, "reason",
				text(t->reason));

	if (doc && t->numbering &&
	    (json_object_set_new(doc, "numbering", json_string(t->numbering)) ||
	     json_object_set_new(doc, "request", json_string(text(t->request))))) {
		json_decref(doc);
		doc = NULL;
	}
	return dump(doc, out, len);
}

/* "a,b" as ["a","b"]. */
static json_t *id_list(const char *ids)
{
	json_t *list = json_array();

	for (const char *p = ids; list && *p;) {
		size_t w = strcspn(p, ",");

		if (json_array_append_new(list, json_stringn(p, w))) {
			json_decref(list);
			return NULL;
		}
		p += w + (p[w] == ',');
	}
	return list;
}

int events_rating(const struct events_rating *r, char *out, size_t len)
{
	json_t *reasons = id_list(text(r->reasons));

	if (!reasons)
		return dump(NULL, out, len);
	return dump(json_pack("{s:s, s:i, s:i, s:s, s:o, s:s, s:s, s:b, s:s, s:I}", "officer",
			      text(r->officer), "level", r->level, "scale", r->scale, "level_id",
			      text(r->level_id), "reasons", reasons, "comment", text(r->comment),
			      "via", text(r->via), "flagged", r->flagged, "flag_reason",
			      text(r->flag_reason), "at", (json_int_t)r->hour),
		    out, len);
}

int events_printer(const char *state, char *out, size_t len)
{
	return dump(json_pack("{s:s}", "printer", text(state)), out, len);
}

int events_lock(bool locked, const char *message, char *out, size_t len)
{
	return dump(json_pack("{s:b, s:s}", "locked", locked, "message", text(message)), out, len);
}

int events_reload(bool ok, const char *reason, char *out, size_t len)
{
	return dump(json_pack("{s:b, s:s}", "ok", ok, "reason", text(reason)), out, len);
}

int events_reprinted(const char *service, int day, int seq, bool ok, const char *reason,
		     char *out, size_t len)
{
	if (!service)
		return dump(json_pack("{s:b, s:s}", "ok", ok, "reason", text(reason)), out, len);
	return dump(json_pack("{s:s, s:i, s:i, s:b, s:s}", "service", service, "day", day, "seq",
			      seq, "ok", ok, "reason", text(reason)), out, len);
}

int events_salvage(const struct events_salvage *e, char *out, size_t len)
{
	return dump(json_pack("{s:s, s:s, s:i, s:i, s:i, s:b, s:i}", "reason", text(e->reason),
			      "moved_to", text(e->moved_to), "tickets", e->tickets, "events",
			      e->events, "events_missing", e->events_missing, "complete",
			      e->complete, "ledger_highest", e->numbering_from), out, len);
}

int events_staff(const char *action, char *out, size_t len)
{
	return dump(json_pack("{s:s}", "action", text(action)), out, len);
}

int events_help(const char *screen, bool voice, char *out, size_t len)
{
	const char *s = text(screen);
	size_t n = strlen(s);

	if (n == 0 || n > 31 || s[strspn(s, "abcdefghijklmnopqrstuvwxyz_")])
		s = "unknown";
	return dump(json_pack("{s:s, s:b}", "screen", s, "voice", voice), out, len);
}

int events_procedure(const char *code, const char *action, const char *via, char *out,
		     size_t len)
{
	return dump(json_pack("{s:s, s:s, s:s}", "procedure", text(code), "action", text(action),
			      "via", text(via)), out, len);
}
