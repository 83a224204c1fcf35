#!/bin/sh
# Golden screenshots of every screen, in Vietnamese and English, portrait and landscape,
# rendered headless by the real application and compared with tests/goldens/*.png and the
# records of what was drawn where (*.boxes): no pixel may differ inside a text or picture,
# almost none elsewhere (tests/tools/imgdiff.c, docs/testing.md). `make goldens` (this
# script with --update) rewrites them: look at every image before committing it.
. tests/it/lib.sh

# the voice golden sets offer voice guidance: no sound card is needed for their pictures
export SDL_AUDIODRIVER=dummy
UPDATE=0
[ "${1:-}" = --update ] && UPDATE=1
# one comparison per committed golden screenshot, and one per ticket the sets print (A-001,
# B-001 and B-002 in the four portrait and landscape sets, K-900 in the two range sets, the
# test page in the four staff sets, a procedure's checklist and the K-001 taken from a
# procedure in the four procedure sets)
plan $(($(ls tests/goldens/*.png | wc -l) + 4 * 3 + 2 + 4 + 4 * 2))
IMGDIFF=$B/imgdiff

# shoot SET SCRIPT LANG [CONFIG LINES...]
shoot() {
	set_name=$1 script=$2 lang=$3
	shift 3
	dir=$WORK/$set_name
	cfg=$(mkcfg "$dir" "$@")
	clk="622 75" # the header clock's centre (the staff's way in), portrait and landscape
	grep -q '^orientation = landscape$' "$cfg" && clk="1292 75"
	if [ "$lang" = en ]; then
		sed "s/^@LANG@\$/tap lang/; s/@CLOCK@/$clk/" "$script" >"$dir/run.script"
	else
		sed "/^@LANG@\$/d; s/@CLOCK@/$clk/" "$script" >"$dir/run.script"
	fi
	if ! kiosk_script "$cfg" "$dir/run.script" "$dir/shots" >"$dir/log" 2>&1; then
		fail "golden_$set_name" "$(grep -m1 'error script' "$dir/log")"
		return
	fi
	for png in "$dir"/shots/*.png; do
		compare "$set_name-$(basename "$png")" "$png"
	done
	for png in "$dir"/var/prints/*.png; do
		[ -f "$png" ] && compare_print "$set_name" "$png"
	done
}

# compare_print SET TICKET.png: a ticket the kiosk printed, against tests/goldens/prints/ at
# tolerance 0 (number, service, priority, counters, time and QR code as the citizen holds
# them), and the bytes the printer got, decoded independently (tools/escpos2png.py), against
# that picture
compare_print() {
	pname=$(basename "$2")
	echo "prints/$pname" >>"$WORK/produced"
	golden=tests/goldens/prints/$pname
	if [ $UPDATE -eq 1 ]; then
		mkdir -p tests/goldens/prints && cp "$2" "$golden" && ok "print_$1_${pname%.png} (updated)"
		return
	fi
	python3 tools/escpos2png.py --trim-feed "${2%.png}.bin" "$WORK/decoded" >/dev/null 2>&1
	if [ ! -f "$golden" ]; then
		fail "print_$1_${pname%.png}" "no golden $golden: run make goldens and look at it"
	elif ! "$IMGDIFF" --tolerance 0 "$golden" "$2" 0 >"$WORK/diff" 2>&1; then
		mkdir -p "$B/golden-failures" && cp "$2" "$B/golden-failures/print-$pname"
		fail "print_$1_${pname%.png}" "$(cat "$WORK/diff"); printed in $B/golden-failures/print-$pname"
	elif ! "$IMGDIFF" --tolerance 0 "$2" "$WORK/decoded.png" 0 >"$WORK/diff" 2>&1; then
		fail "print_$1_${pname%.png}" "the printer's bytes decode to another picture: $(cat "$WORK/diff")"
	else
		ok "print_$1_${pname%.png}"
	fi
	rm -f "$WORK/decoded.png"
}

# compare NAME.png ACTUAL.png: the picture and what was drawn where (ACTUAL.boxes beside it)
# against tests/goldens/NAME.png and NAME.boxes (tests/tools/imgdiff.c)
compare() {
	echo "$1" >>"$WORK/produced"
	golden=tests/goldens/$1
	boxes=${2%.png}.boxes
	if [ $UPDATE -eq 1 ]; then
		cp "$2" "$golden" && cp "$boxes" "${golden%.png}.boxes" && ok "golden_${1%.png} (updated)"
	elif [ ! -f "$golden" ] || [ ! -f "${golden%.png}.boxes" ]; then
		fail "golden_${1%.png}" "no golden $golden and its .boxes: run make goldens and look at it"
	elif "$IMGDIFF" --boxes "${golden%.png}.boxes" "$boxes" "$golden" "$2" >"$WORK/diff" 2>&1; then
		ok "golden_${1%.png}"
	else
		mkdir -p "$B/golden-failures" && cp "$2" "$boxes" "$B/golden-failures/" &&
			mv "$B/golden-failures/$(basename "$2")" "$B/golden-failures/$1" &&
			mv "$B/golden-failures/$(basename "$boxes")" "$B/golden-failures/${1%.png}.boxes"
		fail "golden_${1%.png}" "$(cat "$WORK/diff"); actual in $B/golden-failures/$1"
	fi
}

# seed_lock DIR: a database holding a lock from the central system, as left before a restart
seed_lock() {
	mkdir -p "$1/var"
	sqlite3 "$1/var/kiosk.db" "CREATE TABLE kiosk_state (key TEXT PRIMARY KEY, value TEXT NOT NULL,
		at INTEGER NOT NULL); INSERT INTO kiosk_state VALUES ('lock', 'Tạm dừng phục vụ đến 13:30', 0);"
}
# the camera's picture: a generated receipt held up without its code in view (nothing is read,
# so the scan screen stays), played as the camera's only frame
"$B/receiptgen" --seed 7 --frames 5 --no-receipts "$WORK/frames" >/dev/null 2>&1 &&
	mkdir -p "$WORK/camera" && cp "$WORK/frames/0008-frame640-empty-none.png" "$WORK/camera/" ||
	fail golden_camera_frames "receiptgen"

for lang in vi en; do
	shoot "portrait-$lang" tests/goldens/screens.script $lang
	shoot "landscape-$lang" tests/goldens/screens.script $lang "orientation = landscape"
	shoot "paperout-$lang" tests/goldens/paperout.script $lang \
		"[printer]" "driver = simulated" "simulate = paper-out"
	shoot "nearend-$lang" tests/goldens/nearend.script $lang \
		"[printer]" "driver = simulated" "simulate = near-end"
	shoot "printfail-$lang" tests/goldens/printer.script $lang \
		"[printer]" "driver = simulated" "simulate = fail-send"
	shoot "shown-$lang" tests/goldens/printer.script $lang "show_number_if_print_fails = true" \
		"[printer]" "driver = simulated" "simulate = fail-send"
	shoot "rate-$lang" tests/goldens/rate.script $lang \
		"[sync]" "lookup_fixture = tests/data/rating-lookup.json"
	shoot "rate-landscape-$lang" tests/goldens/rate-short.script $lang "orientation = landscape"
	shoot "rate5-$lang" tests/goldens/rate5.script $lang "[rating]" "levels = 5"
	shoot "staff-$lang" tests/goldens/staff.script $lang "staff_pin = 2468"
	shoot "staff-landscape-$lang" tests/goldens/staff.script $lang "staff_pin = 2468" \
		"orientation = landscape"
	seed_lock "$WORK/locked-$lang"
	shoot "locked-$lang" tests/goldens/locked.script $lang
	shoot "range-$lang" tests/goldens/range.script $lang "[sync]" "url = https://localhost:1" \
		"ca = $WORK/none/ca.pem" "cert = $WORK/none/k.pem" "key = $WORK/none/k.key" \
		"numbering = central" "reserved_from = 900" "reserved_to = 900"
	shoot "status-$lang" tests/goldens/status.script $lang \
		"[sync]" "lookup_fixture = tests/data/status-lookup.json"
	shoot "status-landscape-$lang" tests/goldens/status-short.script $lang "orientation = landscape" \
		"[sync]" "lookup_fixture = tests/data/status-lookup.json"
	shoot "status-wait-$lang" tests/goldens/status-wait.script $lang \
		"[sync]" "lookup_fixture = tests/data/status-slow.json" "lookup_timeout_ms = 30000"
	shoot "camera-$lang" tests/goldens/camera.script $lang \
		"[scanner]" "driver = camera" "device = dir:$WORK/camera"
	shoot "camera-landscape-$lang" tests/goldens/camera.script $lang "orientation = landscape" \
		"[scanner]" "driver = camera" "device = dir:$WORK/camera"
	shoot "help-$lang" tests/goldens/help.script $lang
	shoot "help-landscape-$lang" tests/goldens/help.script $lang "orientation = landscape"
	shoot "voice-$lang" tests/goldens/voice.script $lang "[voice]" "enabled = true"
	shoot "voice-landscape-$lang" tests/goldens/voice.script $lang "orientation = landscape" \
		"[voice]" "enabled = true"
	shoot "procs-$lang" tests/goldens/procs.script $lang
	shoot "procs-landscape-$lang" tests/goldens/procs.script $lang "orientation = landscape"
	shoot "ratelabels-$lang" tests/goldens/rate5.script $lang "[rating]" \
		"labels_vi = Rất hài lòng, Hài lòng, Chưa hài lòng" \
		"labels_en = Very satisfied, Satisfied, Not yet satisfied"
done

# every committed golden must still be produced (its .boxes goes with it)
for g in tests/goldens/*.png tests/goldens/prints/*.png; do
	case $g in */prints/*) p=prints/${g##*/} ;; *) p=${g##*/} ;; esac
	grep -qx "$p" "$WORK/produced" 2>/dev/null || fail "golden_$(basename "$g" .png)" "no longer produced"
done
finish
