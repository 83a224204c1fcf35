#!/bin/sh
# make bench: prints `name value unit` lines. Targets (issue: foundation): first frame
# <= 150 ms, p99 frame <= 16 ms at 1080x1920 with the software renderer, tap -> ticket bytes
# handed to the printer driver <= 20 ms, RSS after 1000 tickets <= 60 MB.
set -e
B=${B:-build}
W=$(mktemp -d /tmp/kiosk-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software
printf '[kiosk]\nvar_dir = %s/var\ncatalog = tests/data/catalog-test.ini\n' "$W" >"$W/kiosk.ini"

# start-up: the database exists (as on a kiosk that has run before)
"$B/kiosk" --config "$W/kiosk.ini" --exit-after-first-frame >/dev/null 2>&1
"$B/bench_start" 15 "$B/kiosk" --config "$W/kiosk.ini" --exit-after-first-frame 2>/dev/null
"$B/kiosk" --config "$W/kiosk.ini" --bench-frames 600 2>/dev/null
"$B/bench_ticket" 200

# 1000 tickets through the real flow: tap -> bytes, and memory afterwards
{
	echo "clock 2026-11-23 07:30"
	i=0
	while [ $i -lt 1000 ]; do
		printf 'tap take\nwait 500\ntap field_chung_thuc\nwait 500\ntap svc_K\nwait 500\ntap done\nwait 500\n'
		i=$((i + 1))
	done
} >"$W/tickets.txt"
rm -rf "$W/var"
printf '[kiosk]\nvar_dir = %s/var\ncatalog = tests/data/catalog-test.ini\n[printer]\ndriver = simulated\nsimulate = ok\n' "$W" >"$W/t.ini"
"$B/kiosk" --config "$W/t.ini" --script "$W/tickets.txt" --bench 2>/dev/null

# issue 3: one ticket's bytes through the libusb driver into an emulated USB printer
KIOSK_BENCH=1 umockdev-wrapper "$B/usb_tests" usb_ticket_push 2>&1 >/dev/null | grep '^usb_'
