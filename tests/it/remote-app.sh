#!/bin/sh
# The real kiosk acting on what the reference central system orders, over mutual TLS on
# loopback: the central catalogue replaces the unit's file between citizens; reprint_last
# prints the last ticket again as a copy (its QR still the ticket's id) without touching the
# ticket's record; lock shows the locked screen and stops issuing, also after a restart;
# unlock serves again; the staff strip says when the link is down; reload_config restarts the
# kiosk on a valid new configuration and keeps the running one when the new file is broken.
# Each outcome reaches the central system as an event.
. tests/it/lib.sh
. tests/it/lib-central.sh
plan 31

sh tools/devca.sh "$CERTS" >/dev/null
kc() {
	timeout 10 curl -sS --max-time 8 --cacert "$CERTS/ca.pem" --cert "$CERTS/kiosk.pem" \
		--key "$CERTS/kiosk.key" -H 'Content-Type: application/json' "$@"
}
queue() { kc -d "$1" "$URL/admin/commands" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])"; }
status() { # ID FIELD: the server's view of a command
	kc "$URL/admin/command-status" |
		python3 -c "import json,sys; print([c['$2'] for c in json.load(sys.stdin)['commands'] if c['id'] == '$1'][0])"
}
# events KIND: the bodies of the events of that kind the server stored, one per line
events() { sqlite3 "$WORK/main.db" "select body from events where kind = '$1' order by at, rowid"; }
# run NAME: the scripted kiosk on $WORK/NAME.script, log in $WORK/NAME.log
run() { kiosk_script "$CFG" "$WORK/$1.script" "$WORK/shots" >"$WORK/$1.log" 2>&1; }

# take: the steps of one citizen taking a K ticket (every demo service asks about priority)
take() { ticket_steps chung_thuc K; printf 'wait 500\ntap prio_0\n'; }

start main || fail remote_app_server_starts "no server"
CFG=$(mkcfg "$WORK/k" "[sync]" "url = https://localhost:$PORT" "ca = $CERTS/ca.pem" \
	"cert = $CERTS/kiosk.pem" "key = $CERTS/kiosk.key")
DB=$WORK/k/var/kiosk.db

# 1. the central catalogue (the demo unit: five fields) replaces the file's (two fields)
{
	echo "clock 2026-11-23 08:00"
	echo "await catalog central"
	echo "tap take"
	echo "wait 500"
	echo "expect enabled field_dat_dai"
	echo "tap back"
	echo "wait 500"
	take
	echo "expect printed 1"
} >"$WORK/a.script"
check remote_app_catalog_run run a
check remote_app_catalog_applied grep -q 'catalogue from the central system in use' "$WORK/a.log"
ticket=$(sql "$DB" "select id from tickets where status = 1")
tid=KIOSK-01-20261123-K$(printf %03d "$(sql "$DB" "select seq from tickets where id = $ticket")")
check remote_app_ticket_printed test -f "$WORK/k/var/prints/$tid.png"

# 2. reprint_last, then lock: the copy prints first; the lock stops issuing
reprint=$(queue '{"kiosk":"KIOSK-01","kind":"reprint_last"}')
lock=$(queue '{"kiosk":"KIOSK-01","kind":"lock","message":"Tạm dừng phục vụ đến 13:30"}')
printf 'clock 2026-11-23 09:00\nawait screen locked\nexpect widgets lang\nscreenshot locked\nwait 120000\nexpect screen locked\n' >"$WORK/b.script"
check remote_app_lock_run run b
# the screen locked from afar is the locked screen of the goldens (a lock restored from the
# database, tests/goldens/locked.script), pixel for pixel and box for box
check remote_app_locked_screen_is_the_golden "$B/imgdiff" --boxes tests/goldens/locked-vi-locked.boxes \
	"$WORK/shots/locked.boxes" tests/goldens/locked-vi-locked.png "$WORK/shots/locked.png"
copy=$WORK/k/var/prints/$tid-copy.png
check remote_app_copy_printed test -f "$copy"
check remote_app_copy_qr_is_the_ticket sh -c "'$KIOSK' --decode-image '$copy' | cut -f3 | grep -qx '$tid'"
# copy_is_ticket_under_a_bar TICKET COPY: the copy is the ticket, row for row, under a bar of
# its own at the top (the inverted "copy" bar, with ink)
copy_is_ticket_under_a_bar() {
	python3 - "$1" "$2" <<'PY'
import struct, sys, zlib
def grey(path):
    data, i, idat = open(path, 'rb').read(), 8, b''
    while i < len(data):
        n, t = struct.unpack('>I4s', data[i:i + 8])
        if t == b'IHDR':
            w, h, depth, ctype = struct.unpack('>IIBB', data[i + 8:i + 18])
            assert depth == 8 and ctype == 0, path + ': not 8-bit grey'
        elif t == b'IDAT':
            idat += data[i + 8:i + 8 + n]
        i += 12 + n
    raw, rows, prev = zlib.decompress(idat), [], bytearray(w)
    for y in range(h):
        f, line = raw[y * (w + 1)], bytearray(raw[y * (w + 1) + 1:(y + 1) * (w + 1)])
        for x in range(w):
            a, b, c = line[x - 1] if x else 0, prev[x], prev[x - 1] if x else 0
            p = a + b - c
            pred = (0, a, b, (a + b) // 2,
                    a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c)[f]
            line[x] = (line[x] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return rows
t, c = grey(sys.argv[1]), grey(sys.argv[2])
bar = len(c) - len(t)
differ = [y for y in range(len(t)) if bar > 0 and t[y] != c[y + bar]]
ink = sum(row.count(0) for row in c[:max(bar, 0)])
if bar <= 0 or differ or ink < 576 * 10:
    print('bar of %d rows with %d inked pixels; %d ticket rows differ, first %s' % (bar, ink, len(differ), differ[:1]))
    sys.exit(1)
PY
}
check remote_app_copy_is_the_ticket_under_a_bar copy_is_ticket_under_a_bar "$WORK/k/var/prints/$tid.png" "$copy"
check remote_app_copy_keeps_record test "$(sql "$DB" "select count(*) || ':' || group_concat(status) from tickets")" = "1:1"
check remote_app_lock_kept test "$(sql "$DB" "select value from kiosk_state where key = 'lock'")" = "Tạm dừng phục vụ đến 13:30"

# 3. a restart: still locked (from the store), nothing issued; unlock serves again
unlock=$(queue '{"kiosk":"KIOSK-01","kind":"unlock"}')
{
	echo "clock 2026-11-23 13:30"
	echo "await screen home"
	take
	echo "expect printed 1"
} >"$WORK/c.script"
check remote_app_unlock_run run c
check remote_app_lock_restored grep -q 'locked by the central system before the restart' "$WORK/c.log"
check remote_app_unlock_forgets_lock test "$(sql "$DB" "select count(*) from kiosk_state where key = 'lock'")" = 0
check remote_app_serves_after_unlock test "$(sql "$DB" "select count(*) from tickets where status = 1")" = 2

# the events reached the central system, and every command was acknowledged
sh -c "timeout 30 '$KIOSK' --config '$CFG' --sync-once" >/dev/null 2>&1
check remote_app_reprint_event test "$(events ticket.reprinted | tr -d ' ')" = '{"service":"K","day":20261123,"seq":1,"ok":true,"reason":""}'
check remote_app_lock_events test "$(events kiosk.lock | tr '\n' ' ')" = '{"locked":true,"message":"Tạm dừng phục vụ đến 13:30"} {"locked":false,"message":""} '
for c in reprint lock unlock; do
	eval "cid=\$$c"
	check "remote_app_${c}_acked" test "$(status "$cid" acked)" = True
done

# 4. the link goes down: the staff strip says so, and tickets are still issued
kill "$PID"
wait "$PID" 2>/dev/null
{
	echo "clock 2026-11-23 09:00"
	echo "await link down"
	echo "screenshot link_down"
	take
	echo "expect printed 1"
} >"$WORK/d.script"
check remote_app_link_down_run run d
# the home screen of the goldens (the near-end one: the same strip, another message), with the
# strip saying the link is down and what still works, and nothing else changed
link_down_home() {
	# the same screen as the near-end one but for the banner: the link's is two lines, so the
	# welcome heading under it is fitted smaller (the buttons do not move)
	diff tests/goldens/nearend-vi-home.boxes "$WORK/shots/link_down.boxes" | grep '^[<>]' >"$WORK/link.diff"
	printf '%s\n' '< text	48	156	984	41	48	150	984	53	30	30	12	-	Máy in sắp hết giấy — xin báo cán bộ thay cuộn giấy' \
		'< text	48	210	673	82	48	203	984	97	60	60	25	-	Chào mừng quý khách' \
		'> text	48	156	984	82	48	150	984	94	30	30	12	-	Chưa kết nối được hệ thống trung tâm: vẫn cấp số thứ tự, nhưng kết quả tra cứu hồ sơ có thể chưa cập nhật.' \
		'> text	48	246	429	52	48	244	984	56	60	38	25	-	Chào mừng quý khách' |
		diff - "$WORK/link.diff"
}
check remote_app_link_down_screen link_down_home

# 5. reload_config, in the real window loop (SDL's dummy video driver): a valid new file
# restarts the kiosk on it (same process); a broken one is refused and the kiosk serves on
start main2 || fail remote_app_server2_starts "no server"
sed -i "s|^url = .*|url = https://localhost:$PORT|" "$CFG"
echo "heartbeat_s = 10" >>"$CFG" # the commands come with the heartbeat replies
: >"$WORK/win.log" # there before the kiosk's shell opens it, for waitlog
SDL_VIDEODRIVER=dummy "$KIOSK" --config "$CFG" >"$WORK/win.log" 2>&1 &
kpid=$!
PIDS="$PIDS $kpid"
waitlog() { # REGEX COUNT: the window kiosk's log has COUNT matching lines, within 30 s
	i=0
	while [ $i -lt 300 ] && [ "$(grep -c -- "$1" "$WORK/win.log")" -lt "$2" ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(grep -c -- "$1" "$WORK/win.log")" -ge "$2" ]
}
check remote_app_window_started waitlog 'sync: worker started' 1
sed -i 's/^\[kiosk\]$/[kiosk]\nunit_name = Bộ phận Một cửa phường Mới/' "$CFG"
reload=$(queue '{"kiosk":"KIOSK-01","kind":"reload_config"}')
check remote_app_reload_restarts waitlog 'sync: worker started' 2
check remote_app_reload_same_process kill -0 "$kpid"
check remote_app_reload_logged grep -q 'configuration reloaded; restarting on it' "$WORK/win.log"
echo "bogus_key = 1" >>"$CFG"
bad=$(queue '{"kiosk":"KIOSK-01","kind":"reload_config"}')
check remote_app_bad_reload_refused waitlog 'new configuration refused, the running one stays: .*kiosk.ini:[0-9]*: ' 1
# serving on: the same process acts on the next command (a reprint; none today in real time)
queue '{"kiosk":"KIOSK-01","kind":"reprint_last"}' >/dev/null
serving() { waitlog 'remote: reprint\(ing\| not done\)' 1 && kill -0 "$kpid"; }
check remote_app_bad_reload_keeps_serving serving
check remote_app_bad_reload_no_restart test "$(grep -c 'sync: worker started' "$WORK/win.log")" = 2
kill "$kpid"
wait "$kpid" 2>/dev/null
sed -i '/^bogus_key = 1$/d' "$CFG"
sh -c "timeout 30 '$KIOSK' --config '$CFG' --sync-once" >/dev/null 2>&1
check remote_app_reload_events test "$(sqlite3 "$WORK/main2.db" "select body from events where kind = 'kiosk.reload' order by at, rowid" | tr -d ' ' | cut -c1-11 | tr '\n' ' ')" = '{"ok":true, {"ok":false '
check remote_app_reload_acked test "$(status "$reload" acked)" = True
check remote_app_bad_reload_acked test "$(status "$bad" acked)" = True
finish
