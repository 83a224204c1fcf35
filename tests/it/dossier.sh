#!/bin/sh
# The dossier lookup through the scripted kiosk, end to end: a keyboard-wedge scan through the
# classifier (never into the keypad's field or the comment keyboard), a camera reading a
# generated receipt (dir: frames) up to the status screen, the status clearing itself after
# [kiosk] status_screen_s and on the next scan, "collect the result" printing a number for
# the right service, and garbage from every scanner (binary bytes, 10 KB lines, SQL, control
# characters, an unknown code, pictures that hold no readable code or a code of garbage):
# a clear message, no crash, nothing stored, nothing personal in the log. Answers come from
# a lookup fixture (tests/data/status-lookup.json, and one made here for the camera's code).
# The decode path itself, on files, is tests/it/scan.sh.
. tests/it/lib.sh

GEN=$B/receiptgen
FIX=tests/data/status-lookup.json
ID=001012345678                 # an ID number (SGT=) in the garbage: never in a log or file

# run NAME SCRIPT [CONFIG LINES...]: the kiosk on SCRIPT (a heredoc on stdin), log in NAME.log.
run() {
	rname=$1
	shift
	cat >"$WORK/$rname.script"
	cfg=$(mkcfg "$WORK/$rname" "$@")
	kiosk_script "$cfg" "$WORK/$rname.script" "$WORK/$rname/shots" >"$WORK/$rname.log" 2>&1
}
# expect_run NAME: the last run passed every step.
expect_run() {
	if [ "$2" -eq 0 ]; then ok "$1"; else fail "$1" "$(grep -m1 'script ' "$WORK/$1.log")"; fi
}
db() { sql "$WORK/$1/var/kiosk.db" "$2"; }
# stored_nothing NAME [KEY]: no ticket, rating, rated subject or event but health, and no
# cached answer but the one for KEY (a real code the run looked up at its end).
stored_nothing() {
	n=$(db "$1" "select (select count(*) from tickets) + (select count(*) from ratings) +
		(select count(*) from rated_subjects) +
		(select count(*) from lookup_cache where key != '${2:-}') +
		(select count(*) from outbox where kind not like 'health.%')")
	# ratings waiting for their release (the table exists once a rating was ever held)
	if [ -n "$(db "$1" "select name from sqlite_master where name = 'rating_held'")" ]; then
		n=$((n + $(db "$1" "select count(*) from rating_held")))
	fi
	[ "$n" = 0 ] || { echo "$n rows"; return 1; }
}
# clean FILE PATTERN...: no pattern (an extended regex) is in the file.
clean() {
	cfile=$1
	shift
	for pat in "$@"; do
		if grep -aEq -- "$pat" "$cfile"; then
			echo "\"$pat\" found in $cfile: $(grep -aEo -- ".{0,30}$pat.{0,30}" "$cfile" | head -1)"
			return 1
		fi
	done
}

# ---- a wedge scan is a scan, a person's typing is text -----------------------------------
run wedge "[sync]" "lookup_fixture = $FIX" <<'S'
clock 2026-11-23 09:00
tap lookup
wait 500
expect screen scan
expect camera off
tap keypad
wait 500
type 000.00.01
key backspace
type 1
expect entry 000.00.01
# the scanner reads a receipt while the keypad has the focus
wedge 000.00.01.H29-261116-0009\r\n
expect screen status
expect lookup found
expect code 000.00.01.H29-261116-0009
expect entry 000.00.01
# a scan without Enter (a scanner set up without a suffix) is still one scan
wedge 000.00.01.H29-261116-0002
expect screen status
expect code 000.00.01.H29-261116-0002
S
expect_run wedge $?

# ---- the comment keyboard of a rating never gets a scan ----------------------------------
run comment "[sync]" "lookup_fixture = tests/data/rating-lookup.json" <<'S'
clock 2026-11-23 09:00
tap rate
wait 500
tap by_counter
wait 500
tap counter_2
wait 500
tap officer_t02
wait 500
tap level_1
wait 500
tap reason_wait
tap comment
wait 500
expect screen keyboard
type Lau qua
wedge 000.00.01.H29-261120-0007\n
# the receipt is a way into rating the officer who received it: not text, not "done"
expect screen rate
tap level_3
wait 500
expect screen thanks
S
expect_run comment $?
# a rating is held (rating_held) until its misuse windows are over, then kept in ratings
all_ratings="(select via, level, comment from ratings union all select via, level, comment from rating_held)"
check dossier_scan_not_in_comment test "$(db comment "select count(*) from $all_ratings where comment like '%H29%' or comment like '%261120%'")" = 0
check dossier_scan_rated_once test "$(db comment "select count(*) from $all_ratings where via = 'dossier' and level = 3 and comment = ''")" = 1

# ---- the status clears itself after status_screen_s, and on the next scan ----------------
run clears "[sync]" "lookup_fixture = $FIX" <<'S'
clock 2026-11-23 09:00
scan 000.00.01.H29-261116-0001
expect screen status
expect code 000.00.01.H29-261116-0001
wait 28000
expect screen status
# the next scan replaces it at once
scan 000.00.01.H29-261116-0003
expect code 000.00.01.H29-261116-0003
wait 28000
expect screen status
expect code 000.00.01.H29-261116-0003
wait 3000
expect screen home
expect code ""
S
expect_run clears $?
run clears10 "status_screen_s = 10" "[sync]" "lookup_fixture = $FIX" <<'S'
clock 2026-11-23 09:00
scan 000.00.01.H29-261116-0005
expect screen status
wait 8500
expect screen status
wait 2500
expect screen home
expect code ""
S
expect_run clears10 $?
check dossier_clears_logged grep -q "the status cleared itself" "$WORK/clears10.log"

# ---- a ready result: one tap, a number for the right service ----------------------------
run collect "[sync]" "lookup_fixture = $FIX" <<'S'
clock 2026-11-23 09:00
tap lookup
wait 500
wedge 000.00.01.H29-261116-0009\n
expect screen status
expect enabled collect
tap collect
wait 500
expect screen ticket
expect number K-001
expect printed 1
S
expect_run collect $?
check dossier_collect_ticket_for_service test "$(db collect "select service || '-' || seq || ':' || status from tickets")" = "K-1:1"
check dossier_collect_ticket_printed sh -c "ls '$WORK/collect/var/prints/' | grep -q 'K001\\.png$'"
# a status other than 9 offers no number (after one that does, on the same screen)
run nocollect "[sync]" "lookup_fixture = $FIX" <<'S'
clock 2026-11-23 09:00
scan 000.00.01.H29-261116-0009
expect enabled collect
scan 000.00.01.H29-261116-0004
expect screen status
expect code 000.00.01.H29-261116-0004
expect absent collect
S
expect_run nocollect $?

# ---- the camera reads a receipt held up to it --------------------------------------------
"$GEN" --seed 20261201 --frames 2 --no-receipts "$WORK/frames" >"$WORK/gen.err" 2>&1 || fail dossier_frames "$(tail -2 "$WORK/gen.err")"
code=$(awk -F'\t' '$1 ~ /^0001-/ { print $4 }' "$WORK/frames/manifest.tsv")   # 1280x720, QR
mkdir -p "$WORK/cam"
for i in 0 1 2 3 4 5 6 7; do cp "$WORK/frames/0001-"*.png "$WORK/cam/f$i.png"; done
python3 - "$FIX" "$WORK/camera.json" "$code" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
d = dict(doc["dossiers"]["000.00.01.H29-261116-0009"])
d["code"] = sys.argv[3]
doc["dossiers"] = {sys.argv[3]: d}
json.dump(doc, open(sys.argv[2], "w"), ensure_ascii=False)
PY
run camera "[sync]" "lookup_fixture = $WORK/camera.json" \
	"[scanner]" "driver = camera" "device = dir:$WORK/cam" "width = 1280" "height = 720" <<'S'
clock 2026-11-23 09:00
expect camera off
tap lookup
# the camera starts with the scan screen; its frames are all due at once, so the code may be
# read before the next step: wait for the answer in real time
await screen status
expect lookup found
expect enabled collect
expect camera off
S
expect_run camera $?
check dossier_camera_code_shown grep -q "lookup: answer 0 " "$WORK/camera.log"
check dossier_camera_read_qr grep -q "camera read a QR-Code symbol" "$WORK/camera.log"
check dossier_camera_log_private clean "$WORK/camera.log" "$code" "SGT" "0010[0-9]{8}"
# no camera at all: logged, the kiosk serves and the code can be typed
run nocamera "[sync]" "lookup_fixture = $FIX" \
	"[scanner]" "driver = camera" "device = /dev/video-kiosk-test-none" <<'S'
clock 2026-11-23 09:00
tap lookup
wait 500
expect camera off
tap keypad
wait 500
type 000.00.01.H29-261116-0001
key enter
expect screen status
expect lookup found
S
expect_run nocamera $?
check dossier_no_camera_logged grep -q "camera driver unavailable" "$WORK/nocamera.log"

# ---- garbage from a keyboard-wedge scanner and a scanner driver --------------------------
run garbage "[sync]" "lookup_fixture = $FIX" <<S
clock 2026-11-23 09:00
tap lookup
wait 500
# control characters as a wedge types them (Escape sequences, DEL), then binary bytes
wedge \\x01\\x02\\x1b[A\\x7f\\x1b[B\\x07ABCD\\n
expect screen scan
expect refused scan_refused_unreadable
scan \\x00\\xff\\xfe\\x80QQQQ\\x00\\x01
expect refused scan_refused_unreadable
# 10 KB lines
wedge-fill 10240 7
expect refused scan_refused_long
scan-fill 10240 A
expect refused scan_refused_long
# SQL
wedge '; DROP TABLE tickets; --\\n
expect refused scan_refused_not_code
scan SELECT * FROM outbox WHERE 1=1; DELETE FROM tickets
expect refused scan_refused_not_code
# a lookup URL with the ID number and no dossier code
wedge https://dichvucong.example.gov.vn/tra-cuu?SGT=$ID\\n
expect refused scan_refused_no_code
# an unknown code: asked, not found, nothing kept
wedge 000.00.01.H29-991231-9999\\n
expect screen status
expect lookup not-found
tap again
wait 500
expect screen scan
# a person still gets their typing on the keypad afterwards
tap keypad
wait 500
type 000.00.01.H29-261116-0001
key enter
expect lookup found
S
expect_run garbage $?
check dossier_garbage_stores_nothing stored_nothing garbage 000.00.01.H29-261116-0001
check dossier_garbage_log_private clean "$WORK/garbage.log" "$ID" "DROP TABLE" "DELETE FROM" \
	"H29-" "7777" "AAAA" "QQQQ"
check dossier_garbage_db_clean clean "$WORK/garbage/var/kiosk.db" "$ID" "DROP TABLE" "DELETE FROM" \
	"H29-991231" "7777" "AAAA"
check dossier_garbage_reasons_logged grep -q "scan: KEYED, 10240 bytes\|scan: KEYED, 4096 bytes" "$WORK/garbage.log"

# pictures dropped on the image driver: noise, not a picture, a damaged barcode, and barcodes
# holding SQL or an ID number only
python3 - "$WORK/noise.png" <<'PY'
import random, struct, sys, zlib
random.seed(11)
w, h = 320, 240
raw = b"".join(b"\0" + bytes(random.randrange(256) for _ in range(w)) for _ in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
printf 'MHS=000.00.01.H29-261116-0001 is not a picture\n' >"$WORK/text.png"
"$GEN" --seed 5 --per 1 "$WORK/real" >/dev/null 2>&1
"$GEN" --seed 5 --per 1 --payload "'; DROP TABLE tickets; --" "$WORK/sql" >/dev/null 2>&1
"$GEN" --seed 5 --per 1 --payload "https://dichvucong.example.gov.vn/tra-cuu?SGT=$ID" "$WORK/idonly" >/dev/null 2>&1
# the clean CODE128 receipt with every other column of pixels of its barcode wiped: a barcode
# that no longer reads (PGM, so that the test needs no PNG writer)
python3 - "$WORK/real/0000-clean-c128.png" "$WORK/damaged.pgm" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
pos, idat, w, h = 8, b"", 0, 0
while pos < len(data):
    n, t = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if t == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype == 0, "receiptgen writes 8-bit grey"
    elif t == b"IDAT":
        idat += body
    pos += 12 + n
raw, rows, prev = zlib.decompress(idat), [], bytearray(w)
for y in range(h):
    f, line = raw[y * (w + 1)], bytearray(raw[y * (w + 1) + 1:(y + 1) * (w + 1)])
    for x in range(w):
        a = line[x - 1] if x else 0
        b, c = prev[x], (prev[x - 1] if x else 0)
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line)
    prev = line
# the barcode: the lower part of the receipt; wipe bands across it and blot every 3rd column
for y in range(h * 30 // 100, h):
    for x in range(w):
        if (x // 3) % 2 == 0 or (y // 9) % 3 == 0:
            rows[y][x] = 255 if (x + y) % 2 else 0
open(sys.argv[2], "wb").write(b"P5\n%d %d\n255\n" % (w, h) + b"".join(bytes(r) for r in rows))
PY
run image "[sync]" "lookup_fixture = $FIX" "[scanner]" "driver = image" <<S
clock 2026-11-23 09:00
tap lookup
wait 500
drop $WORK/noise.png
expect screen scan
expect refused scan_refused_unreadable
tap back
wait 500
tap lookup
wait 500
expect refused none
drop $WORK/text.png
expect refused scan_refused_unreadable
drop $WORK/damaged.pgm
expect refused scan_refused_unreadable
drop $WORK/sql/0001-clean-qr.png
expect refused scan_refused_not_code
drop $WORK/sql/0000-clean-c128.png
expect refused scan_refused_not_code
drop $WORK/idonly/0001-clean-qr.png
expect refused scan_refused_no_code
drop-missing $WORK/nothing-here.png
expect screen scan
# and a real receipt still reads
drop $WORK/real/0000-clean-c128.png
expect screen status
S
expect_run image $?
check dossier_image_missing_file_logged grep -q "a dropped file cannot be decoded" "$WORK/image.log"
check dossier_image_stores_nothing stored_nothing image "$(awk -F'\t' '$1 ~ /^0000-/ { print $4 }' "$WORK/real/manifest.tsv")"
check dossier_image_log_private clean "$WORK/image.log" "$ID" "DROP TABLE" "H29-" "SGT"
check dossier_image_db_clean clean "$WORK/image/var/kiosk.db" "$ID" "DROP TABLE"
finish
