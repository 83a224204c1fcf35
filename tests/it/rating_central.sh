#!/bin/sh
# Rating through the ways in that need the central system, with real parts end to end: the
# reference server over mutual TLS on loopback, tickets printed by the kiosk's virtual printer
# and read back by the kiosk's own decode path (kiosk --decode-image), receipts drawn by
# receiptgen for a dossier the server knows. The officer rated is the one the server says
# called the ticket, or received the dossier; each is rated once; the ratings reach the
# server once released, and neither the kiosk's database nor the server's events hold a ticket
# id or dossier code.
. tests/it/lib.sh
. tests/it/lib-central.sh

sh tools/devca.sh "$CERTS" >/dev/null
start main --catalog tests/data/catalog-test.ini || fail rating_central_server_starts "no server"
cfg=$(mkcfg "$WORK/k" "[sync]" "url = https://localhost:$PORT" "ca = $CERTS/ca.pem" \
	"cert = $CERTS/kiosk.pem" "key = $CERTS/kiosk.key")
D=$WORK/k/var/kiosk.db
SD=$WORK/main.db
kc() {
	timeout 10 curl -sS --max-time 8 --cacert "$CERTS/ca.pem" --cert "$CERTS/kiosk.pem" \
		--key "$CERTS/kiosk.key" -H 'Content-Type: application/json' "$@"
}
# field KEY: the value of KEY in the JSON object on stdin ("" when absent or false).
field() { python3 -c "import json,sys; print(json.load(sys.stdin).get('$1') or '')"; }
# decoded FILE COLUMN: one column of the kiosk's decode of a picture (2 symbology, 3 payload,
# 4 dossier code).
decoded() { "$KIOSK" --decode-image "$1" 2>/dev/null | cut -f "$2"; }

# 1. Two tickets, printed on a Monday morning, and their events sent to the server.
{
	echo "clock 2026-11-23 09:00"
	for i in 1 2; do
		ticket_steps ho_tich A
		printf 'wait 500\ntap prio_0\nwait 500\nexpect screen ticket\ntap done\nwait 500\n'
	done
	echo "expect printed 2"
} >"$WORK/take.txt"
check rating_central_tickets_printed kiosk_script "$cfg" "$WORK/take.txt"
check rating_central_events_sent timeout 30 "$KIOSK" --config "$cfg" --sync-once
P1=$WORK/k/var/prints/KIOSK-01-20261123-A001.png
P2=$WORK/k/var/prints/KIOSK-01-20261123-A002.png
T1=$(decoded "$P1" 3)
T2=$(decoded "$P2" 3)
check rating_central_ticket_qr_decoded test "$(decoded "$P1" 2)|$T1|$T2" = "QR-Code|KIOSK-01-20261123-A001|KIOSK-01-20261123-A002"
# who called them, as the server says (its simulated counters have called both by now)
kc "$URL/tickets/$T1/officer" >"$WORK/t1.json"
kc "$URL/tickets/$T2/officer" >"$WORK/t2.json"
O1=$(field officer <"$WORK/t1.json")
O2=$(field officer <"$WORK/t2.json")
check rating_central_tickets_served test "$(field served <"$WORK/t1.json")|$(field served <"$WORK/t2.json")" = "True|True"
check rating_central_two_officers sh -c "test -n '$O1' && test -n '$O2' && test '$O1' != '$O2'"

# 2. A dossier the server knows, with the officer who received it, on generated receipts
# (CODE128, and the portal's QR code with the owner's ID number in it).
kc "$URL/admin/dossiers" >"$WORK/dossiers.json"
CODE=$(python3 -c "import json,sys; print(json.load(sys.stdin)['dossiers'][0]['code'])" <"$WORK/dossiers.json")
kc "$URL/dossiers/$CODE" >"$WORK/dossier.json"
O3=$(field officer <"$WORK/dossier.json")
check rating_central_dossier_has_receiver test -n "$O3"
"$B/receiptgen" --per 1 --code "$CODE" "$WORK/receipts" >/dev/null
R1=$WORK/receipts/0000-clean-c128.png
R2=$WORK/receipts/0005-rot10-qr.png
B1=$(decoded "$R1" 3)
B2=$(decoded "$R2" 3)
check rating_central_receipts_decoded test "$(decoded "$R1" 4)|$(decoded "$R2" 4)|$B1" = "$CODE|$CODE|$CODE"
check rating_central_receipt_id_masked sh -c "echo '$B2' | grep -q 'MHS=$CODE&\\.\\.\\.\$' && ! echo '$B2' | grep -q SGT"

# 3. Rating: each ticket scanned, the receipt scanned twice (CODE128, then the QR code), the
# first ticket again; minutes apart, as citizens are. Then the next hour: released.
cat >"$WORK/rate.txt" <<S
clock 2026-11-23 10:00
scan $T1
expect screen rate
tap level_3
wait 500
expect screen thanks
tap home
wait 500
clock 2026-11-23 10:05
scan $T2
expect screen rate
tap level_2
wait 500
expect screen thanks
tap home
wait 500
clock 2026-11-23 10:10
tap rate
wait 500
scan $B1
expect screen rate
tap level_1
wait 500
tap reason_late
tap send
wait 500
expect screen thanks
tap home
wait 500
tap rate
wait 500
scan $B2
expect screen rate_notice
expect rating already
tap home
wait 500
scan $T1
expect screen rate_notice
expect rating already
tap home
wait 500
clock 2026-11-23 11:00
wait 1500
S
check rating_central_rate_script kiosk_script "$cfg" "$WORK/rate.txt"
check rating_central_officers_as_the_server_says test "$(sql "$D" "select group_concat(officer_id||':'||via||':'||level, ' ') from ratings")" = "$O1:ticket:3 $O2:ticket:2 $O3:dossier:1"
check rating_central_events_sent_again timeout 30 "$KIOSK" --config "$cfg" --sync-once
check rating_central_server_has_ratings test "$(sql "$SD" "select group_concat(json_extract(body, '\$.officer')||':'||json_extract(body, '\$.via')||':'||at, ' ') from events where kind = 'rating.submitted'")" = "$O1:ticket:1795402800 $O2:ticket:1795402800 $O3:dossier:1795402800"

# 4. No ticket id or dossier code in the kiosk's database file (the kiosk has exited), nor in
# what the server received with the ratings.
check rating_central_kiosk_db_anonymous sh -c "! grep -a -q -e '$T1' -e '$T2' -e '$CODE' '$D' && ! sqlite3 '$D' .dump | grep -q -e '$T1' -e '$T2' -e '$CODE' -e 'A001'"
check rating_central_events_anonymous sh -c "! sqlite3 '$SD' \"select body from events where kind = 'rating.submitted'\" | grep -q -e 'KIOSK-01-2026' -e '$CODE' -e 'SGT'"
finish
