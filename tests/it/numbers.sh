#!/bin/sh
# Central numbering ([sync] numbering = central) end to end: the scripted kiosk against the
# reference central server over real mutual TLS on loopback. Server up: central numbers;
# server down: fallback numbers of the kiosk's reserved range at once; server slower than the
# deadline: a fallback number by the deadline, and once the events are synced the server
# holds its late number for that request as void and the fallback one as the ticket (called
# by the counters, the void one never); one ticket per tap; two kiosks get distinct numbers;
# malformed or wrong replies fall back; the server's own numbers used up: fallback; the
# reserved range used up: a notice and no ticket. Also the protocol through build/numbers_probe
# (the same request asked again gets the same number).
. tests/it/lib.sh
. tests/it/lib-central.sh

sh tools/devca.sh "$CERTS" >/dev/null
DEADLINE=500
DAY=20241125

# ncfg NAME KIOSK_ID CERT FROM TO [INI LINES...]: a kiosk in central numbering against $PORT,
# with its own var dir $WORK/NAME.
ncfg() {
	n=$1 kid=$2 cert=$3 from=$4 to=$5
	shift 5
	mkcfg "$WORK/$n" "kiosk_id = $kid" "[sync]" "url = https://localhost:$PORT" \
		"ca = $CERTS/ca.pem" "cert = $CERTS/$cert.pem" "key = $CERTS/$cert.key" \
		"timeout_ms = 3000" "numbering = central" "numbering_deadline_ms = $DEADLINE" \
		"reserved_from = $from" "reserved_to = $to" "$@" >/dev/null
}
repoint() { sed -i "s|^url = .*|url = https://localhost:$PORT|" "$WORK/$1/kiosk.ini"; }
# tickets COUNT NUMBERING: COUNT tickets of service K on Monday 25 November 2024, each
# checked to carry a NUMBERING number.
tickets() {
	echo "clock 2024-11-25 09:00"
	t_i=0
	while [ $t_i -lt "$1" ]; do
		ticket_steps chung_thuc K
		printf 'expect screen ticket\nexpect numbering %s\nwait 500\ntap done\nwait 500\n' "$2"
		t_i=$((t_i + 1))
	done
}
# run NAME SCRIPT: the scripted kiosk NAME (log appended to $WORK/NAME.log).
run() {
	kiosk_script "$WORK/$1/kiosk.ini" "$2" >>"$WORK/$1.log" 2>&1 && return 0
	grep 'error script' "$WORK/$1.log" | tail -1
	return 1
}
once() { timeout 60 "$KIOSK" --config "$WORK/$1/kiosk.ini" --sync-once >>"$WORK/$1.log" 2>&1; }
db() { sql "$WORK/$1/var/kiosk.db" "$2"; }
seqs() { db "$1" "select group_concat(seq, ' ') from (select seq from tickets order by id)"; }
kc() {
	timeout 10 curl -sS --max-time 8 --cacert "$CERTS/ca.pem" --cert "$CERTS/kiosk.pem" \
		--key "$CERTS/kiosk.key" -H 'Content-Type: application/json' "$@"
}
# status_is CODE CURL-ARGS...: the server answers with that HTTP status.
status_is() {
	want=$1
	shift
	test "$(kc -o /dev/null -w '%{http_code}' "$@")" = "$want"
}
# admin EXPR: a Python expression over d = GET /api/v1/admin/numbers of the server on $PORT
# (n: its numbers, t: its tickets) is true.
admin() {
	kc "$URL/admin/numbers" >"$WORK/admin.json" || return 1
	python3 -c "import json, sys
d = json.load(open('$WORK/admin.json'))
n, t = d['numbers'], d['tickets']
sys.exit(0 if ($1) else 1)" || { cat "$WORK/admin.json"; return 1; }
}
# elapsed NAME: the ms of the kiosk's last fallback (from its log)
elapsed() { sed -n 's/.*numbers: K of day [0-9]*: fallback after \([0-9]*\) ms.*/\1/p' "$WORK/$1.log" | tail -1; }

# 1. the central system numbers the tickets; its records and the kiosk's agree
start main --catalog tests/data/catalog-test.ini || fail numbers_server_starts "no server"
ncfg a KIOSK-01 kiosk 900 949
tickets 3 central >"$WORK/three.txt"
check numbers_central_tickets run a "$WORK/three.txt"
check numbers_central_1_2_3 test "$(seqs a)" = "1 2 3"
check numbers_central_recorded test "$(db a "select group_concat(numbering) from tickets")" = "1,1,1"
check numbers_central_events_say_so test "$(db a "select count(*) from outbox where kind = 'ticket.issued' and body like '%\"numbering\":\"central\",\"request\":\"________________________________\"}'")" = 3
check numbers_central_synced once a
check numbers_server_numbers_issued admin "sorted((x['kiosk'], x['seq'], x['state']) for x in n) == [('KIOSK-01', s, 'issued') for s in (1, 2, 3)]"
check numbers_server_tickets_central admin "sorted((x['seq'], x['numbering'], x['status']) for x in t) == [(s, 'central', 'printed') for s in (1, 2, 3)]"
check numbers_server_requests_match admin "{x['request'] for x in n} == {x['request'] for x in t} and len(n) == 3"

# 2. one tap, one ticket: the finger tapping again where the service was (at once, and later)
# never issues another (portrait: the first service's button is centred at 540, 395)
{
	printf 'clock 2024-11-25 09:30\ntap take\nwait 500\ntap field_chung_thuc\nwait 500\n'
	printf 'tap 540 395\ntap-guarded 540 395\ntap-guarded 540 395\nwait 600\ntap-ignored 540 395\n'
	printf 'expect screen ticket\nexpect printed 1\nexpect number K-004\n'
} >"$WORK/taps.txt"
check numbers_repeated_tap_one_ticket run a "$WORK/taps.txt"
check numbers_repeated_tap_one_number admin "len(n) == 4"
# the same request asked again (a retry) gets the same number, and the server keeps one row
ncfg probe KIOSK-01 kiosk 900 949
timeout 30 "$B/numbers_probe" --config "$WORK/probe/kiosk.ini" --day $DAY ask:K again:K \
	>"$WORK/probe.out" 2>>"$WORK/probe.log"
check numbers_same_request_same_number test "$(grep -c '^central K seq=5 ' "$WORK/probe.out")" = 2
check numbers_same_request_one_row admin "len(n) == 5"
# the server's refusals: the request id of another service, another kiosk's name, bad fields
preq=$(sed -n '1s/.* request=\([0-9a-f]*\).*/\1/p' "$WORK/probe.out")
nreq() { echo "{\"kiosk\":\"$1\",\"request\":\"$2\",\"service\":\"$3\",\"priority\":0,\"day\":$4}"; }
check numbers_server_request_reused_409 status_is 409 -d "$(nreq KIOSK-01 "$preq" A $DAY)" "$URL/numbers"
check numbers_server_kiosk_mismatch_403 status_is 403 -d "$(nreq KIOSK-02 "$(printf '%032d' 7)" K $DAY)" "$URL/numbers"
check numbers_server_bad_request_id_400 status_is 400 -d "$(nreq KIOSK-01 XYZ K $DAY)" "$URL/numbers"
check numbers_server_bad_day_400 status_is 400 -d "$(nreq KIOSK-01 "$(printf '%032d' 8)" K 20241399)" "$URL/numbers"
check numbers_server_bad_service_400 status_is 400 -d "$(nreq KIOSK-01 "$(printf '%032d' 9)" k1 $DAY)" "$URL/numbers"
check numbers_server_refusals_gave_nothing admin "len(n) == 5"

# 3. two kiosks of the unit at the same time: distinct numbers, none of them fallback
ncfg b KIOSK-02 kiosk2 950 999
tickets 4 central >"$WORK/four.txt"
run a "$WORK/four.txt" &
pa=$!
run b "$WORK/four.txt" &
pb=$!
wait $pa
ra=$?
wait $pb
check numbers_two_kiosks_both_served test $ra -eq 0 -a $? -eq 0
all=$(printf '%s %s\n' "$(seqs a)" "$(seqs b)" | tr ' ' '\n' | sort -n | tr '\n' ' ')
check numbers_two_kiosks_distinct test "$all" = "1 2 3 4 6 7 8 9 10 11 12 13 "
once a
once b
check numbers_two_kiosks_server_agrees admin "sorted(x['seq'] for x in t) == [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13] and {x['kiosk'] for x in t} == {'KIOSK-01', 'KIOSK-02'}"
kill "$PID"
wait "$PID" 2>/dev/null

# 4. the central system is down: fallback numbers at once, from this kiosk's range
ncfg down KIOSK-01 kiosk 900 949
sed -i "s|^url = .*|url = https://localhost:1|" "$WORK/down/kiosk.ini"
tickets 2 fallback >"$WORK/two-fallback.txt"
check numbers_down_fallback run down "$WORK/two-fallback.txt"
check numbers_down_900_901 test "$(seqs down)" = "900 901"
check numbers_down_says_why grep -q 'fallback after [0-9]* ms: connection refused' "$WORK/down.log"
check numbers_down_within_deadline test "$(elapsed down)" -le $DEADLINE
check numbers_down_events_say_fallback test "$(db down "select count(*) from outbox where kind = 'ticket.issued' and body like '%\"numbering\":\"fallback\"%'")" = 2
# once the central system is back, it learns of them: tickets, and requests settled
start back --catalog tests/data/catalog-test.ini
repoint down
check numbers_down_synced once down
check numbers_back_knows_fallbacks admin "sorted((x['seq'], x['numbering']) for x in t) == [(900, 'fallback'), (901, 'fallback')] and sorted(x['state'] for x in n) == ['fallback', 'fallback'] and all(x['seq'] is None for x in n)"
check numbers_back_fallback_called admin "all(x['called'] for x in t)"
# a number asked for a request the kiosk numbered itself is refused
req=$(db down "select request_id from tickets where seq = 900")
check numbers_settled_request_refused status_is 409 \
	-d "{\"kiosk\":\"KIOSK-01\",\"request\":\"$req\",\"service\":\"K\",\"priority\":0,\"day\":$DAY}" \
	"$URL/numbers"
kill "$PID"

# 5. slower than the deadline: a fallback number by the deadline; the late central number is
# void at the server once the events arrive, and the fallback one is the ticket
start slow --catalog tests/data/catalog-test.ini --faults-on /api/v1/numbers --slow-ms 3000
ncfg s KIOSK-01 kiosk 900 949
tickets 1 fallback >"$WORK/one-fallback.txt"
check numbers_slow_fallback run s "$WORK/one-fallback.txt"
check numbers_slow_900 test "$(seqs s)" = 900
check numbers_slow_timed_out grep -q 'fallback after [0-9]* ms: timed out' "$WORK/s.log"
ms=$(elapsed s)
check numbers_slow_by_the_deadline test "${ms:-0}" -ge $((DEADLINE - 50)) -a "${ms:-99999}" -le $((DEADLINE + 700))
check numbers_slow_server_assigned_anyway admin "[(x['seq'], x['state']) for x in n] == [(1, 'assigned')]"
req=$(db s "select request_id from tickets")
check numbers_slow_synced once s
check numbers_slow_late_number_void admin "[(x['seq'], x['state'], x['request']) for x in n] == [(1, 'void', '$req')]"
check numbers_slow_fallback_is_the_ticket admin "[(x['seq'], x['numbering'], x['request'], x['status']) for x in t] == [(900, 'fallback', '$req', 'printed')]"
check numbers_slow_void_never_called admin "[x['seq'] for x in t if x['called']] == [900]"
check numbers_slow_no_ticket_for_void status_is 404 "$URL/tickets/KIOSK-01-$DAY-K001/officer"
kill "$PID"

# 6. malformed or wrong replies: fallback, and the number the server gave is void
start bad --catalog tests/data/catalog-test.ini --faults-on /api/v1/numbers
ncfg m KIOSK-01 kiosk 900 949
expect_seq=900
for fault in '"malformed":true' '"wrong_types":true' '"huge":true' '"numbers_reply":"wrong-request"' \
	'"numbers_reply":"wrong-service"' '"numbers_reply":"wrong-day"' '"numbers_reply":"seq:920"' \
	'"numbers_reply":"seq:0"' '"numbers_reply":"no-seq"'; do
	kc -d "{\"malformed\":false,\"wrong_types\":false,\"huge\":false,\"numbers_reply\":\"\",$fault}" \
		"$URL/admin/faults" >/dev/null
	fname=$(echo "$fault" | tr -c 'a-z0-9\n' _ | sed 's/__*/_/g; s/^_//; s/_$//')
	check "numbers_bad_${fname}_fallback" run m "$WORK/one-fallback.txt"
	check "numbers_bad_${fname}_next_of_range" test "$(db m "select seq from tickets order by id desc limit 1")" = $expect_seq
	expect_seq=$((expect_seq + 1))
done
check numbers_bad_reasons_logged sh -c "grep -c 'fallback after [0-9]* ms: reply' '$WORK/m.log' | grep -qx 8"
check numbers_bad_huge_refused grep -q 'fallback after [0-9]* ms: response larger than 1 MiB' "$WORK/m.log"
check numbers_bad_reserved_refused grep -q "reply's seq is in this kiosk's reserved range" "$WORK/m.log"
kc -d '{"malformed":false,"wrong_types":false,"huge":false,"numbers_reply":""}' "$URL/admin/faults" >/dev/null
check numbers_bad_synced once m
check numbers_bad_all_void admin "len(n) == 9 and all(x['state'] == 'void' for x in n) and sorted(x['seq'] for x in t) == list(range(900, 909))"
kill "$PID"

# 7. the central system's own numbers are used up: fallback
start capped --catalog tests/data/catalog-test.ini --central-max 1
ncfg c KIOSK-01 kiosk 900 949
{ tickets 1 central; tickets 1 fallback; } >"$WORK/capped.txt"
check numbers_central_used_up_falls_back run c "$WORK/capped.txt"
check numbers_central_used_up_1_900 test "$(seqs c)" = "1 900"
check numbers_central_used_up_says_503 grep -q 'fallback after [0-9]* ms: HTTP 503' "$WORK/c.log"
kill "$PID"

# 8. the reserved range is used up and the central system is out of reach: no number at all
ncfg x KIOSK-01 kiosk 900 901
sed -i "s|^url = .*|url = https://localhost:1|" "$WORK/x/kiosk.ini"
{
	tickets 2 fallback
	ticket_steps chung_thuc K
	printf 'expect screen notice\nexpect notice range\nexpect printed 2\nwait 500\ntap home\n'
	printf 'wait 500\nexpect screen home\n'
} >"$WORK/exhaust.txt"
check numbers_range_used_up_notice run x "$WORK/exhaust.txt"
check numbers_range_used_up_no_ticket test "$(db x "select count(*) from tickets")" = 2
check numbers_range_used_up_no_event test "$(db x "select count(*) from outbox where kind = 'ticket.issued'")" = 2
check numbers_range_used_up_logged grep -q 'reserved range 900..901 is used up' "$WORK/x.log"
check numbers_logs_have_no_request_ids sh -c "! grep -q \"$(db x "select request_id from tickets limit 1")\" '$WORK/x.log'"
finish
