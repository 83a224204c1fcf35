#!/bin/sh
# Procedures from the central system (docs/protocol.md, GET /api/v1/procedures), through the
# kiosk's sync client (build/sync_probe) against the reference server over mutual TLS: the
# list comes with an ETag and is asked for conditionally, is stored and offered again at
# start, a changed list replaces it; a list the kiosk refuses, a malformed reply, an
# oversized one and a province-sized list over the reply limit each keep the last good one.
. tests/it/lib.sh
. tests/it/lib-central.sh
plan 17

PROBE=$B/sync_probe
sh tools/devca.sh "$CERTS" >/dev/null

kc() {
	timeout 10 curl -sS --max-time 8 --cacert "$CERTS/ca.pem" --cert "$CERTS/kiosk.pem" \
		--key "$CERTS/kiosk.key" "$@"
}
rcfg() {
	mkcfg "$WORK/$1" "[sync]" "url = https://localhost:$PORT" "ca = $CERTS/ca.pem" \
		"cert = $CERTS/kiosk.pem" "key = $CERTS/kiosk.key" >/dev/null
	sed -i "s|^url = .*|url = https://localhost:$PORT|" "$WORK/$1/kiosk.ini"
}
sp() {
	sname=$1
	shift
	timeout 60 "$PROBE" --config "$WORK/$sname/kiosk.ini" "$@" >"$WORK/$sname.out" 2>>"$WORK/$sname.log"
}
has() { grep -Eq -- "$2" "$WORK/$1.out"; }
count() { grep -Ec -- "$2" "$WORK/$1.out"; }
offered() { sed -n 's/^procedures //p' "$WORK/$1.out"; }
# stored: the ETag of the procedures in the kiosk's database
stored() { sqlite3 "$WORK/k/var/kiosk.db" "select etag from sync_procedures"; }
# served: the server's ETag for the procedures now
served() { kc -s -D - -o /dev/null "$URL/procedures" | tr -d '\r' | sed -n 's/^ETag: //Ip'; }
# bytes: the size of the procedures text the server sends
bytes() { kc "$URL/procedures" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['procedures'].encode()))"; }

python3 tools/procgen.py --count 40 --seed 1 --services A,B "$WORK/p.ini"
start main --procedures "$WORK/p.ini" || fail procedures_server_starts "no server"
rcfg k

# 1. offered once valid, stored with the server's ETag, then asked for conditionally
sp k --passes 2
check procedures_offered_once test "$(count k '^procedures ')" = 1
check procedures_are_the_servers test "$(offered k)" = "$(bytes)"
check procedures_stored_with_etag test "$(stored)" = "$(served)"
check procedures_conditional_304 grep -q '^GET /api/v1/procedures 304 ' "$WORK/main.err"
check procedures_pass_ok has k '^pass 2 rc=0$'

# 2. offered again at start, from the store
first=$(offered k)
sp k
check procedures_offered_at_start test "$(offered k)" = "$first"

# 3. a changed list replaces the stored one
python3 tools/procgen.py --count 60 --seed 2 --services A "$WORK/p.ini"
sp k
check procedures_changed_offered test "$(offered k | tail -1)" = "$(bytes)" -a "$(offered k | tail -1)" != "$first"
check procedures_changed_stored test "$(stored)" = "$(served)"
good=$(stored)
kill "$PID"

# 4. a list the kiosk refuses (a bad level on its line) keeps the stored one
sed '0,/^level = commune$/s//level = district/' config/procedures-demo.ini >"$WORK/bad.ini"
badline=$(grep -n '^level = district$' "$WORK/bad.ini" | cut -d: -f1)
start bad --procedures "$WORK/bad.ini"
rcfg k
sp k

check procedures_refused_with_line has k "^pass 1 rc=-3 error=\"procedures: procedures refused: central procedures:$badline: \\[procedure.1.001193\\] level"
check procedures_refused_keeps_stored test "$(stored)" = "$good"
kill "$PID"

# 5. a malformed and an oversized reply keep it too
start malformed --procedures "$WORK/p.ini" --faults-on /api/v1/procedures --malformed
rcfg k
sp k
check procedures_malformed_reply has k '^pass 1 rc=-3 error="procedures: malformed reply'
check procedures_malformed_keeps_stored test "$(stored)" = "$good"
kill "$PID"
start huge --procedures "$WORK/p.ini" --faults-on /api/v1/procedures --huge
rcfg k
sp k
check procedures_oversized_refused has k '^pass 1 rc=-17 '
check procedures_oversized_keeps_stored test "$(stored)" = "$good"
kill "$PID"

# 6. 2 000 procedures (about 1 MB of text) are over the 1 MiB reply limit: refused, kept
python3 tools/procgen.py --count 2000 "$WORK/p2000.ini"
start big --procedures "$WORK/p2000.ini"
rcfg k
sp k
check procedures_over_limit_refused has k '^pass 1 rc=-17 '
check procedures_over_limit_keeps_stored test "$(stored)" = "$good"
kill "$PID"

# 7. the demo list the server serves by default is accepted as it is
start demo
rcfg d
sp d
check procedures_demo_accepted test "$(offered d)" = "$(wc -c <config/procedures-demo.ini | tr -d ' ')"
finish
