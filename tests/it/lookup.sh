#!/bin/sh
# The lookup worker (firmware/lookup.c, driven by build/lookup_probe) against the reference
# central server over real mutual TLS on loopback: a dossier in each status, not found, the
# cached answer (with its time) once the server is gone, unavailable without a cache, a slow
# server answered from the cache within the timeout, malformed and wrong-typed replies
# (unavailable, nothing cached), who served a ticket: not yet, served, unknown, and a server
# whose certificate names another host refused. No owner's name but masked, and no dossier
# code, in anything the kiosk shows, keeps or logs, for every dossier the server holds.
. tests/it/lib.sh
. tests/it/lib-central.sh
plan 35
# the tickets asked about are today's, at the kiosk and at the server: one day for the run
steady_day 240

PROBE=$B/lookup_probe
TIMEOUT_MS=1500
sh tools/devca.sh "$CERTS" >/dev/null

# lcfg NAME: a kiosk config for the server on $PORT, its own var dir $WORK/NAME.
lcfg() {
	mkcfg "$WORK/$1" "[sync]" "url = https://localhost:$PORT" "ca = $CERTS/ca.pem" \
		"cert = $CERTS/kiosk.pem" "key = $CERTS/kiosk.key" "lookup_timeout_ms = $TIMEOUT_MS"
}
# probe NAME [--now S] STEPS...: answers into $WORK/NAME.out (log: NAME.log).
probe() {
	pname=$1
	shift
	timeout 60 "$PROBE" --config "$WORK/$pname/kiosk.ini" "$@" >"$WORK/$pname.out" 2>>"$WORK/$pname.log"
}
# has NAME REGEX: a line of the last answers matches.
has() { grep -Eq -- "$2" "$WORK/$1.out"; }
# field NAME KEY LINE: the value of KEY= on line LINE of the answers.
field() { sed -n "$3p" "$WORK/$1.out" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
cached_rows() { sql "$WORK/$1/var/kiosk.db" "select count(*) from lookup_cache"; }
kc() {
	timeout 10 curl -sS --max-time 8 --cacert "$CERTS/ca.pem" --cert "$CERTS/kiosk.pem" \
		--key "$CERTS/kiosk.key" -H 'Content-Type: application/json' "$@"
}

start main || fail lookup_server_starts "no server"
kc "$URL/admin/dossiers" >"$WORK/dossiers.json"
python3 -c "
import json, sys
for d in json.load(sys.stdin)['dossiers']:
    print(d['code'], d['status'], int(d['overdue']), int(d['rescheduled']))" <"$WORK/dossiers.json" >"$WORK/plan"
steps=$(awk '{printf "dossier:%s ", $1}' "$WORK/plan")
lcfg k >/dev/null
# the answers' clock: now, since the cache forgets answers older than 7 days of real time
T0=$(date +%s)

# 1. every seeded dossier, found with its status; the owner's name only masked
# shellcheck disable=SC2086
probe k --now $T0 $steps
ok_all=1
i=0
while read -r c st over resch; do
	i=$((i + 1))
	line=$(sed -n "${i}p" "$WORK/k.out")
	case $line in
	"dossier $c found fetched=$T0 "*" status=$st "*) ;;
	*) ok_all=0; echo "dossier $i: $line" >&2 ;;
	esac
	r=$(field k rescheduled "$i")
	if [ "$resch" = 1 ] && [ "$r" = 0 ]; then ok_all=0; fi
	if [ "$resch" = 0 ] && [ "$r" != 0 ]; then ok_all=0; fi
done <"$WORK/plan"
check lookup_found_in_every_status test "$ok_all" = 1 -a "$i" -ge 10
check lookup_statuses_1_to_10 test "$(awk '{print $2}' "$WORK/plan" | sort -un | tr '\n' ' ')" = "1 2 3 4 5 6 7 8 9 10 "
sqlite3 "$WORK/k/var/kiosk.db" .dump >"$WORK/k.dump"
# privacy DOSSIERS.json ANSWERS [FILE...]: every dossier's answer shows its owner masked as the
# kiosk masks (the family name, then each other name's first letter and *), and no FILE (the
# answers, the log, the database) holds an owner's name past the family name, in full or from
# the second name on, or (in the log) a dossier code
privacy() {
	python3 - "$@" <<'PY'
import json, sys, unicodedata
dossiers = json.load(open(sys.argv[1], encoding='utf-8'))['dossiers']
answers = open(sys.argv[2], encoding='utf-8').read().splitlines()
files = {f: unicodedata.normalize('NFC', open(f, encoding='utf-8', errors='replace').read())
         for f in sys.argv[2:]}
bad = []
for d in dossiers:
    words = unicodedata.normalize('NFC', d['owner']).split()
    masked = ' '.join([words[0]] + [w[0] + '*' for w in words[1:]])
    line = [a for a in answers if a.startswith('dossier %s ' % d['code'])]
    if not line or ' owner="%s" ' % masked not in line[0] + ' ':
        bad.append('%s: owner not shown as "%s"' % (d['code'], masked))
    for f, text in files.items():
        for secret in (' '.join(words), ' '.join(words[1:])):
            if secret in text:
                bad.append('%s holds an owner\'s name (%d letters)' % (f.rsplit('/', 1)[-1], len(secret)))
        if f.endswith('.log') and d['code'] in text:
            bad.append('%s holds a dossier code' % f.rsplit('/', 1)[-1])
print('; '.join(sorted(set(bad))[:4]))
sys.exit(1 if bad else 0)
PY
}
check lookup_privacy_every_dossier privacy "$WORK/dossiers.json" "$WORK/k.out" "$WORK/k.log" "$WORK/k.dump"
check lookup_every_owner_in_the_plan test "$(grep -o '"owner"' "$WORK/dossiers.json" | wc -l)" = "$i"
check lookup_cached_every_answer test "$(cached_rows k)" = "$i"

# 2. an unknown code, and a code given in lower case (the central system judges)
code1=$(sed -n 1p "$WORK/plan" | cut -d' ' -f1)
lower=$(echo "$code1" | tr 'A-Z' 'a-z')
probe k dossier:000.00.01.H29-200101-9999 "dossier:$lower"
check lookup_not_found has k "^dossier 000.00.01.H29-200101-9999 not-found "
check lookup_lower_case_code has k "^dossier $code1 found "

# 3. who served a ticket: the kiosk's tickets reach the server as events (today's, as the
# kiosk counts days; steady_day above keeps it today until the end)
now=$(date +%s)
day=$(local_day)
ev() { echo "{\"id\":\"$1\",\"kind\":\"ticket.issued\",\"at\":$now,\"body\":{\"service\":\"A\",\"day\":$day,\"seq\":$2,\"priority\":0,\"status\":0,\"issued_at\":$now,\"at\":$now,\"reason\":\"\"}}"; }
kc -d "{\"kiosk\":\"KIOSK-01\",\"events\":[$(ev 000000000000000000000000000000a1 1),$(ev 000000000000000000000000000000a2 2)]}" "$URL/events" >/dev/null
probe k "ticket:KIOSK-01-$day-A001"
check lookup_ticket_not_yet_served has k "^ticket KIOSK-01-$day-A001 found .* served=0 officer= counter=$"
kc -d "{\"service\":\"A\",\"day\":$day}" "$URL/admin/call-next" >/dev/null
probe k "ticket:KIOSK-01-$day-A001" "ticket:KIOSK-01-$day-A077"
check lookup_ticket_served has k "^ticket KIOSK-01-$day-A001 found .* served=1 officer=cb[0-9]+ counter=[12]$"
check lookup_ticket_unknown has k "^ticket KIOSK-01-$day-A077 not-found "

# 4. the server is gone: the cached answer with the time it was fetched; unavailable without
kill "$PID"
wait "$PID" 2>/dev/null
probe k --now $((T0 + 3600)) "dossier:$code1" dossier:000.00.01.H29-200101-9998 \
	"ticket:KIOSK-01-$day-A001"
check lookup_cached_after_server_killed has k "^dossier $code1 cached fetched=$T0 .* status=1 "
check lookup_cached_says_why has k "^dossier $code1 cached .*reason=\"connection refused\""
check lookup_unavailable_not_cached has k "^dossier 000.00.01.H29-200101-9998 unavailable "
check lookup_ticket_cached has k "^ticket KIOSK-01-$day-A001 cached .* served=1 officer=cb"
lcfg fresh >/dev/null
probe fresh "dossier:$code1"
check lookup_unavailable_without_cache has fresh "^dossier $code1 unavailable .*reason=\"connection refused\""

# 5. a server slower than the timeout: cached or unavailable within the timeout + 700 ms
start slow --slow-ms 5000
sed -i "s|^url = .*|url = https://localhost:$PORT|" "$WORK/k/kiosk.ini"
code2=$(sed -n 2p "$WORK/plan" | cut -d' ' -f1)
lcfg slowfresh >/dev/null
probe k "dossier:$code2"
probe slowfresh "dossier:$code2"
within() { # NAME: the answer came after the timeout, and not much later
	ms=$(field "$1" elapsed_ms 1)
	[ "$ms" -ge $((TIMEOUT_MS - 50)) ] && [ "$ms" -le $((TIMEOUT_MS + 700)) ] || { echo "elapsed $ms ms"; return 1; }
}
check lookup_slow_cached has k "^dossier $code2 cached fetched=$T0 .*reason=\"timed out\""
check lookup_slow_cached_within_timeout within k
check lookup_slow_unavailable has slowfresh "^dossier $code2 unavailable .*reason=\"timed out\""
check lookup_slow_unavailable_within_timeout within slowfresh
kill "$PID"

# 6. malformed and wrong-typed replies: unavailable, and nothing cached
bad() { # NAME SERVER-ARGS...
	bname=$1
	shift
	start "$bname" --faults-on /api/v1/dossiers,/api/v1/tickets "$@"
	kc -d "{\"kiosk\":\"KIOSK-01\",\"events\":[$(ev 000000000000000000000000000000a1 1)]}" "$URL/events" >/dev/null
	lcfg "$bname" >/dev/null
	probe "$bname" "dossier:$code1" "ticket:KIOSK-01-$day-A001"
	check "lookup_${bname}_unavailable" has "$bname" "^dossier $code1 unavailable .*reason="
	check "lookup_${bname}_ticket_unavailable" has "$bname" "^ticket KIOSK-01-$day-A001 unavailable "
	check "lookup_${bname}_nothing_cached" test "$(cached_rows "$bname")" = 0
	kill "$PID"
}
bad malformed --malformed
bad wrong_types --wrong-types
bad huge --huge
bad failing --fail-first 1000 --fail-status 502
# a server whose certificate names another host: refused, said so, nothing cached
start wronghost --server-cert wrong-host-server
lcfg wronghost >/dev/null
probe wronghost "dossier:$code1"
check lookup_wrong_host_refused has wronghost "^dossier $code1 unavailable .*reason=\"host mismatch\""
check lookup_wrong_host_nothing_cached test "$(cached_rows wronghost)" = 0
kill "$PID"
check lookup_wrong_types_says_which has wrong_types "reason=\"reply's status is not an integer 1..10\""
check lookup_failing_says_status has failing "reason=\"HTTP 502\""
finish
