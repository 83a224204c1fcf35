# Starting the reference central server for integration tests (sourced after lib.sh).
CERTS=$WORK/certs
PIDS=
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done; wait; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

# start NAME [SERVER ARGS...]: starts a server in the background (120 s guard) and sets PORT
# and PID from its first stdout line, waiting at most 10 s for it.
start() {
	sname=$1; shift
	PORT=
	timeout -k 5 120 python3 tools/central_server.py --port 0 --certs "$CERTS" \
		--db "$WORK/$sname.db" "$@" >"$WORK/$sname.out" 2>"$WORK/$sname.err" &
	PID=$!
	PIDS="$PIDS $PID"
	i=0
	while [ $i -lt 100 ]; do
		PORT=$(sed -n 's/^listening \([0-9][0-9]*\)$/\1/p' "$WORK/$sname.out")
		[ -n "$PORT" ] && break
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	URL=https://localhost:$PORT/api/v1
	[ -n "$PORT" ]
}

# local_day: today's service day as the kiosk computes it (UTC+7 arithmetic, firmware/clock.h).
local_day() { date -u -d "@$(($(date +%s) + 25200))" +%Y%m%d; }
# steady_day S: when fewer than S seconds of the service day are left, waits for the next one,
# so that a script which takes less than S seconds sees one day from start to end (the
# reference server's "today" included). Call it before the first server starts.
steady_day() {
	t=$(date +%s)
	left=$((86400 - (t + 25200) % 86400))
	[ "$left" -ge "$1" ] && return 0
	echo "steady_day: $left s before local midnight, waiting for the new day" >&2
	d0=$(date -u -d "@$((t + 25200))" +%Y%m%d)
	while [ "$(local_day)" = "$d0" ]; do sleep 1; done
}

# same_events KIOSK_DB SERVER_DB [KIOSK_ID]: the server stored exactly the kiosk's outbox, event
# by event: the same ids, and for each the same kind, time and body, field by field (JSON
# compared as data); nothing else from that kiosk. Says the first difference.
same_events() {
	python3 - "$1" "$2" "${3:-KIOSK-01}" <<'PY'
import json, sqlite3, sys
kiosk = {r[0]: r[1:] for r in sqlite3.connect(sys.argv[1]).execute(
    "select event_id, kind, created_at, body from outbox")}
server = {r[0]: r[1:] for r in sqlite3.connect(sys.argv[2]).execute(
    "select id, kind, at, body from events where kiosk = ?", (sys.argv[3],))}
bad = []
for eid in sorted(set(kiosk) | set(server)):
    if eid not in server:
        bad.append("%s (%s) never reached the server" % (eid, kiosk[eid][0]))
    elif eid not in kiosk:
        bad.append("%s (%s) at the server is no event of the kiosk" % (eid, server[eid][0]))
    else:
        (kk, kat, kb), (sk, sat, sb) = kiosk[eid], server[eid]
        kb, sb = json.loads(kb), json.loads(sb)
        for field, a, b in (("kind", kk, sk), ("at", kat, sat)):
            if a != b:
                bad.append("%s: %s %r at the kiosk, %r at the server" % (eid, field, a, b))
        for key in sorted(set(kb) | set(sb)):
            if kb.get(key, "(none)") != sb.get(key, "(none)"):
                bad.append("%s (%s): body.%s %r at the kiosk, %r at the server"
                           % (eid, kk, key, kb.get(key, "(none)"), sb.get(key, "(none)")))
if bad:
    print("%d differences in %d events; %s" % (len(bad), len(kiosk), "; ".join(bad[:3])))
sys.exit(1 if bad else 0)
PY
}
