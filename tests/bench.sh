#!/bin/sh
# make bench: prints `name value unit` lines. Targets (issue: foundation): first frame
# <= 150 ms, p99 frame <= 16 ms at 1080x1920 with the software renderer, tap -> ticket bytes
# handed to the printer driver <= 20 ms, RSS after 1000 tickets <= 60 MB.
set -e
B=${B:-build}
W=$(mktemp -d /tmp/kiosk-bench.XXXXXX)
srv=
trap '[ -n "$srv" ] && kill $srv 2>/dev/null; rm -rf "$W"' EXIT
. tests/ticket-steps.sh
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software
printf '[kiosk]\nvar_dir = %s/var\ncatalog = tests/data/catalog-test.ini\n' "$W" >"$W/kiosk.ini"

# start-up: the database exists (as on a kiosk that has run before)
"$B/kiosk" --config "$W/kiosk.ini" --exit-after-first-frame >/dev/null 2>&1
"$B/bench_start" 15 "$B/kiosk" --config "$W/kiosk.ini" --exit-after-first-frame 2>/dev/null
"$B/kiosk" --config "$W/kiosk.ini" --bench-frames 600 2>/dev/null
"$B/bench_ticket" 200

# issue 11: the kiosk at rest in a real window, CPU and memory (tests/bench_idle.sh)
sh tests/bench_idle.sh

# 1000 tickets through the real flow: tap -> bytes, and memory afterwards
{
	echo "clock 2026-11-23 07:30"
	ticket_steps chung_thuc K 1000
} >"$W/tickets.txt"
rm -rf "$W/var"
printf '[kiosk]\nvar_dir = %s/var\ncatalog = tests/data/catalog-test.ini\n[printer]\ndriver = simulated\nsimulate = ok\n' "$W" >"$W/t.ini"
"$B/kiosk" --config "$W/t.ini" --script "$W/tickets.txt" --bench 2>/dev/null

# issue 13: the voice, espeak-ng through SDL's disk audio driver (no speakers): request to the
# first sample queued (target <= 150 ms), and CPU while a phrase is heard
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$W/voice.raw" "$B/voice_say" vi bench 2>/dev/null
# issue 15: a tap on an empty database and on one with a year of history (365 000 tickets,
# 730 000 sent events, as a kiosk without retention would have), in the same run; then the
# store's own figures after a simulated year with the default retention (tests/tools/bench_store.c)
{ echo "clock 2026-11-23 07:30"; ticket_steps chung_thuc K 200; } >"$W/t200.txt"
for h in empty year; do
	rm -rf "$W/h"
	mkdir -p "$W/h"
	printf '[kiosk]\nvar_dir = %s/h/var\ncatalog = tests/data/catalog-test.ini\n[printer]\ndriver = simulated\nsimulate = ok\n' "$W" >"$W/h.ini"
	if [ $h = year ]; then
		"$B/kiosk" --config "$W/h.ini" --exit-after-first-frame >/dev/null 2>&1
		sqlite3 "$W/h/var/kiosk.db" "with recursive k(i) as (select 0 union all select i + 1 from k where i < 364999)
			insert into tickets (service, day, seq, status, issued_at, finished_at, request_id)
			select 'K', cast(strftime('%Y%m%d', 1763856000 + (i / 1000) * 86400, 'unixepoch') as integer),
			i % 1000 + 1, 1, 1763856000 + (i / 1000) * 86400 + i % 1000, 1763856000 + (i / 1000) * 86400 + i % 1000,
			lower(hex(randomblob(16))) from k;
			with recursive k(i) as (select 0 union all select i + 1 from k where i < 729999)
			insert into outbox (event_id, kind, body, created_at, sent_at)
			select lower(hex(randomblob(16))), 'ticket.printed', '{\"service\":\"K\",\"day\":20251123,\"seq\":' || i
			|| ',\"priority\":0,\"status\":\"printed\",\"issued_at\":1763856000,\"at\":1763856000}',
			1763856000 + i * 43, 1763856000 + i * 43 + 60 from k;"
		echo "db_year_no_retention_size $(($(stat -c %s "$W/h/var/kiosk.db") / 1000000)) MB"
	fi
	"$B/kiosk" --config "$W/h.ini" --script "$W/t200.txt" --bench 2>/dev/null |
		sed -n "s/^tap_to_bytes/tap_to_bytes_$h/p"
done
mkdir -p "$W/bs"
"$B/bench_store" "$W/bs" 2>/dev/null

# issue 3: one ticket's bytes through the libusb driver into an emulated USB printer
KIOSK_BENCH=1 umockdev-wrapper "$B/usb_tests" usb_ticket_push 2>&1 >/dev/null | grep '^usb_'

# issue 6: draining a 100 000-event backlog to the reference server over mutual TLS on loopback
sh tools/devca.sh "$W/certs" >/dev/null
timeout -k 5 300 python3 tools/central_server.py --port 0 --certs "$W/certs" --db "$W/central.db" \
	>"$W/central.out" 2>/dev/null &
srv=$!
i=0
while [ $i -lt 100 ] && ! grep -q '^listening' "$W/central.out"; do sleep 0.1; i=$((i + 1)); done
port=$(sed -n 's/^listening //p' "$W/central.out")
mkdir -p "$W/sync/var"
printf '[kiosk]\nvar_dir = %s/sync/var\ncatalog = tests/data/catalog-test.ini\n[sync]\nurl = https://localhost:%s\nca = %s/certs/ca.pem\ncert = %s/certs/kiosk.pem\nkey = %s/certs/kiosk.key\ntimeout_ms = 30000\n' \
	"$W" "$port" "$W" "$W" "$W" >"$W/sync.ini"
"$B/kiosk" --config "$W/sync.ini" --check-config >/dev/null
sqlite3 "$W/sync/var/kiosk.db" "pragma user_version" >/dev/null 2>&1
"$B/kiosk" --config "$W/sync.ini" --sync-once >/dev/null 2>&1 || true
sqlite3 "$W/sync/var/kiosk.db" "with recursive k(i) as (select 1 union all select i + 1 from k where i < 100000)
	insert into outbox (event_id, kind, body, created_at)
	select lower(hex(randomblob(16))), 'health.printer', '{\"printer\":\"ready\"}', 1795366800 + i from k;"
t0=$(date +%s.%N)
/usr/bin/env time -f "%U %S" -o "$W/cpu" "$B/kiosk" --config "$W/sync.ini" --sync-once >"$W/drain.log" 2>&1 || { tail -3 "$W/drain.log"; exit 1; }
t1=$(date +%s.%N)
python3 - "$t0" "$t1" "$W/cpu" <<'PY'
import sys
t0, t1 = float(sys.argv[1]), float(sys.argv[2])
user, sys_ = (float(x) for x in open(sys.argv[3]).read().split()[-2:])
print("sync_drain_rate %.0f events/s" % (100000 / (t1 - t0)))
print("sync_drain_kiosk_cpu %.0f %%" % (100 * (user + sys_) / (t1 - t0)))
PY

# the UI while the in-process sync worker drains another 100 000 events
sqlite3 "$W/sync/var/kiosk.db" "with recursive k(i) as (select 1 union all select i + 1 from k where i < 100000)
	insert into outbox (event_id, kind, body, created_at)
	select lower(hex(randomblob(16))), 'health.printer', '{\"printer\":\"ready\"}', 1795366800 + i from k;"
"$B/kiosk" --config "$W/sync.ini" --bench-frames 4000 2>/dev/null | sed 's/^frame_/frame_during_drain_/'
echo "sync_drain_left_after_frames $(sqlite3 "$W/sync/var/kiosk.db" "select count(*) from outbox where sent_at is null") events"

# a dossier lookup as a citizen waits for it: submit to answer through the lookup worker, over
# mutual TLS on loopback to the same server (the first one sets up the connection), 50 times
code=$(curl -sS --cacert "$W/certs/ca.pem" --cert "$W/certs/kiosk.pem" --key "$W/certs/kiosk.key" \
	"https://localhost:$port/api/v1/admin/dossiers" |
	python3 -c "import json,sys; print(json.load(sys.stdin)['dossiers'][0]['code'])")
"$B/lookup_probe" --config "$W/sync.ini" --bench 51 "dossier:$code" 2>/dev/null

# a central queue number as a citizen waits for it: submit to answer through the numbers
# worker, over mutual TLS on loopback to the same server (the first one sets up the
# connection), 201 times; numbers_fallbacks counts answers that missed the 800 ms deadline
{ cat "$W/sync.ini"; printf 'numbering = central\nreserved_from = 9000\nreserved_to = 9999\n'; } >"$W/numbers.ini"
"$B/numbers_probe" --config "$W/numbers.ini" --bench 201 2>/dev/null
# and against a server slower than the deadline: how close to the 800 ms the fallback comes
timeout -k 5 120 python3 tools/central_server.py --port 0 --certs "$W/certs" --db "$W/slow.db" \
	--faults-on /api/v1/numbers --slow-ms 3000 >"$W/slow.out" 2>/dev/null &
slow=$!
i=0
while [ $i -lt 100 ] && ! grep -q '^listening' "$W/slow.out"; do sleep 0.1; i=$((i + 1)); done
sed "s|^url = .*|url = https://localhost:$(sed -n 's/^listening //p' "$W/slow.out")|" \
	"$W/numbers.ini" >"$W/slow.ini"
"$B/numbers_probe" --config "$W/slow.ini" --bench 11 2>/dev/null |
	sed 's/^numbers_round_trip_/numbers_slow_server_fallback_/; s/^numbers_fallbacks/numbers_slow_server_fallbacks/'
kill $slow 2>/dev/null

# issue 12: procedure search per keystroke over 2 000 generated procedures (on the UI thread)
python3 tools/procgen.py --count 2000 --services A,B,K "$W/procedures.ini"
"$B/bench_search" "$W/procedures.ini" 5
# the procedure screens, drawn by the real app: tap on a procedure to its page's first frame,
# a key of the search to the frame with its matches (software renderer, 1080x1920)
TMPDIR=$W SDL_VIDEODRIVER=dummy "$B/bench_screens" 100 2>/dev/null

# scanner: time per camera frame (640x480, 1280x720; median and p90) and decode rate per
# condition, plain ZBar against the kiosk's scan path, on generated receipts and frames
"$B/receiptgen" --seed 1 --per 4 --frames 20 "$W/receipts" >/dev/null
"$B/bench_scan" "$W/receipts" 3
