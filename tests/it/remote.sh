#!/bin/sh
# Remote commands and the catalogue from the central system, through the kiosk's sync client
# (build/sync_probe) against the reference server over mutual TLS: each command is given out
# once and acknowledged at the next heartbeat, also across a restart; a kind the kiosk does
# not know is acknowledged and never run; the catalogue comes with an ETag, is asked for
# conditionally, is offered again at start, and a catalogue the kiosk refuses replaces nothing.
. tests/it/lib.sh
. tests/it/lib-central.sh
plan 20

PROBE=$B/sync_probe
sh tools/devca.sh "$CERTS" >/dev/null

kc() {
	timeout 10 curl -sS --max-time 8 --cacert "$CERTS/ca.pem" --cert "$CERTS/kiosk.pem" \
		--key "$CERTS/kiosk.key" -H 'Content-Type: application/json' "$@"
}
# rcfg NAME: a kiosk config for the server on $PORT, var dir $WORK/NAME.
rcfg() {
	mkcfg "$WORK/$1" "[sync]" "url = https://localhost:$PORT" "ca = $CERTS/ca.pem" \
		"cert = $CERTS/kiosk.pem" "key = $CERTS/kiosk.key" >/dev/null
	sed -i "s|^url = .*|url = https://localhost:$PORT|" "$WORK/$1/kiosk.ini"
}
# sp NAME [ARGS]: the probe on NAME's config, output in $WORK/NAME.out
sp() {
	sname=$1
	shift
	timeout 60 "$PROBE" --config "$WORK/$sname/kiosk.ini" "$@" >"$WORK/$sname.out" 2>>"$WORK/$sname.log"
}
has() { grep -Eq -- "$2" "$WORK/$1.out"; }
count() { grep -Ec -- "$2" "$WORK/$1.out"; }
# status ID FIELD: the server's view of a command
status() {
	kc "$URL/admin/command-status" |
		python3 -c "import json,sys; print([c['$2'] for c in json.load(sys.stdin)['commands'] if c['id'] == '$1'][0])"
}
queue() { kc -d "$1" "$URL/admin/commands" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])"; }

start main || fail remote_server_starts "no server"
rcfg k
lock=$(queue '{"kiosk":"KIOSK-01","kind":"lock","message":"Tạm dừng phục vụ đến 13:30"}')
reprint=$(queue '{"kiosk":"KIOSK-01","kind":"reprint_last"}')
odd=$(queue '{"kiosk":"KIOSK-01","kind":"format_disk"}')
other=$(queue '{"kiosk":"KIOSK-02","kind":"unlock"}')

# 1. the heartbeat brings this kiosk's commands, in order; the unknown one is not given out
sp k
check remote_commands_given_out sh -c "grep '^command ' '$WORK/k.out' | tr '\n' ' ' | grep -q '^command $lock lock message=\"Tạm dừng phục vụ đến 13:30\" command $reprint reprint_last message=\"\" $'"
check remote_unknown_kind_not_given_out test "$(count k '^command ')" = 2
check remote_other_kiosk_not_given_out test "$(status "$other" delivered)" = 0
check remote_pass_ok has k '^pass 1 rc=0$'
check remote_not_acked_before_next_heartbeat test "$(status "$lock" acked)" = False

# 2. a restart: nothing is given out twice; the next heartbeat acknowledges all three
sp k
check remote_nothing_twice_after_restart test "$(count k '^command ')" = 0
check remote_acked_lock test "$(status "$lock" acked)" = True
check remote_acked_reprint test "$(status "$reprint" acked)" = True
check remote_acked_unknown_kind test "$(status "$odd" acked)" = True
sp k
check remote_acked_not_sent_again test "$(status "$lock" delivered)" = 1

# 3. commands waiting while the UI is busy survive a restart and are given out then, once
unlock=$(queue '{"kiosk":"KIOSK-01","kind":"unlock"}')
sp k --no-take
sp k --passes 2
check remote_waiting_command_after_restart test "$(count k "^command $unlock unlock ")" = 1
check remote_waiting_command_acked test "$(status "$unlock" acked)" = True

# 4. the catalogue: offered once valid, asked for with its ETag, offered again at start
rcfg c
sp c --passes 2
check remote_catalog_offered has c '^catalog [0-9]+$'
check remote_catalog_once test "$(count c '^catalog ')" = 1
check remote_catalog_conditional grep -q '^GET /api/v1/catalog 304 ' "$WORK/main.err"
size=$(sed -n 's/^catalog //p' "$WORK/c.out")
check remote_catalog_is_the_servers test "$size" = "$(kc "$URL/catalog" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['catalog'].encode()))")"
sp c
check remote_catalog_offered_at_start test "$(sed -n 's/^catalog //p' "$WORK/c.out")" = "$size"
kill "$PID"

# 5. a catalogue the kiosk refuses replaces nothing and is not offered
printf '[field.x]\nname_vi = X\n\n[service.A]\nfield = nowhere\nname_vi = A\n' >"$WORK/bad.ini"
start bad --catalog "$WORK/bad.ini"
rcfg c
sp c
check remote_bad_catalog_refused has c '^pass 1 rc=-3 error="catalog: catalogue refused: central catalogue:'
check remote_bad_catalog_keeps_the_stored_one test "$(sed -n 's/^catalog //p' "$WORK/c.out")" = "$size"
sp c
check remote_bad_catalog_not_offered test "$(count c '^catalog ')" = 1
finish
