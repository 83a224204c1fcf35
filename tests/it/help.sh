#!/bin/sh
# The call for help ("Cần hỗ trợ") end to end: the scripted kiosk's home button, the screen
# that says help is coming, the rate limit against play (a second press at once sends
# nothing), the event through the outbox over mutual TLS to the reference central system,
# which lists it for the guidance counter (GET /api/v1/admin/help) and refuses a
# help.requested body with anything more than a screen name and the voice flag.
. tests/it/lib.sh
. tests/it/lib-central.sh
plan 8

sh tools/devca.sh "$CERTS" >/dev/null
start main || fail help_server_starts "no server"
cfg=$(mkcfg "$WORK/k" "[sync]" "url = https://localhost:$PORT" "ca = $CERTS/ca.pem" \
	"cert = $CERTS/kiosk.pem" "key = $CERTS/kiosk.key")
D=$WORK/k/var/kiosk.db
kc() {
	timeout 10 curl -sS --max-time 8 --cacert "$CERTS/ca.pem" --cert "$CERTS/kiosk.pem" \
		--key "$CERTS/kiosk.key" -H 'Content-Type: application/json' "$@"
}

{
	echo "clock 2026-11-23 09:00"
	echo "tap help"
	echo "wait 500"
	echo "expect screen help"
	echo "screenshot help_sent"
	echo "tap home"
	echo "wait 500"
	echo "expect screen home"
	echo "tap help"
	echo "wait 500"
	echo "expect screen help"
	echo "screenshot help_coming"
	echo "tap home"
	echo "wait 500"
	echo "expect screen home"
} >"$WORK/help.script"
check help_scripted kiosk_script "$cfg" "$WORK/help.script" "$WORK/shots"
check help_one_event test "$(sql "$D" "select count(*) || '|' || group_concat(body) from outbox where kind = 'help.requested'")" = \
	'1|{"screen":"home","voice":false}'
check help_screens_drawn test -s "$WORK/shots/help_sent.png" -a -s "$WORK/shots/help_coming.png"
# what each screen said, from the records of what was drawn
check help_messages_differ sh -c "grep -q 'Cán bộ sẽ đến ngay' '$WORK/shots/help_sent.boxes' &&
	grep -q 'đang đến' '$WORK/shots/help_coming.boxes'"
check help_sent_to_server timeout 30 "$KIOSK" --config "$cfg" --sync-once
kc "$URL/admin/help" >"$WORK/help.json"
check help_listed_for_counter python3 - "$WORK/help.json" <<'PY'
import json, sys
calls = json.load(open(sys.argv[1]))["help"]
assert len(calls) == 1, calls
c = calls[0]
assert (c["kiosk"], c["screen"], c["voice"]) == ("KIOSK-01", "home", False), c
assert set(c) == {"kiosk", "at", "screen", "voice", "received_at"}, c
PY
# the server takes nothing else in a help call: a name riding along is refused
body='{"kiosk":"KIOSK-01","events":[{"id":"0123456789abcdef0123456789abcdef","kind":"help.requested","at":1,"body":{"screen":"home","voice":false,"name":"Nguyễn Văn An"}}]}'
check help_extra_field_refused sh -c "kc() { timeout 10 curl -sS -o /dev/null -w '%{http_code}' --cacert '$CERTS/ca.pem' --cert '$CERTS/kiosk.pem' --key '$CERTS/kiosk.key' -H 'Content-Type: application/json' \"\$@\"; }; test \"\$(kc -d '$body' '$URL/events')\" = 400"
kc "$URL/admin/help" >"$WORK/help2.json"
check help_list_unchanged test "$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['help']))" "$WORK/help2.json")" = 1
finish
