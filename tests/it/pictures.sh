#!/bin/sh
# Pictures the kiosk is given: one size limit judged by the header before anything is
# allocated (a 261 KB PNG claiming 16384 x 16384 pixels costs no gigabyte), phone pictures
# (JPEG) read like scans, and a camera that gives JPEG frames (as MJPEG cameras do) read up
# to the status screen.
. tests/it/lib.sh
plan 9

GEN=$B/receiptgen
FIX=tests/data/status-lookup.json

# ---- the oversized picture: a whole, valid PNG of 16384 x 16384 black pixels -------------
python3 - "$WORK/big.png" <<'PY'
import struct, sys, zlib
w = h = 16384
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
z = zlib.compressobj(9)
row = b"\0" * (w + 1)
idat = b"".join(z.compress(row) for _ in range(h)) + z.flush()
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
png += chunk(b"IDAT", idat) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
size=$(wc -c <"$WORK/big.png")
/usr/bin/env time -f %M -o "$WORK/big.rss" "$KIOSK" --decode-image "$WORK/big.png" \
	>"$WORK/big.out" 2>"$WORK/big.err"
status=$?
rss=$(tail -1 "$WORK/big.rss")
echo "pictures: a $size-byte PNG of 16384x16384: exit $status, max RSS $rss kB" >&2
check picture_big_png_small_file test "$size" -lt 400000
check picture_big_png_refused test "$status" = 1
check picture_big_png_says_why grep -q "larger than the kiosk reads" "$WORK/big.err"
# the process never holds more than a small picture's worth (1 GB before the check)
check picture_big_png_memory test "$rss" -lt 150000

# ---- phone pictures: receipts as JPEG --------------------------------------------------------
"$GEN" --seed 20261203 --per 2 --jpeg 85 "$WORK/phone" >"$WORK/phone.err" 2>&1
cut -f1 "$WORK/phone/manifest.tsv" | sed "s|^|$WORK/phone/|" >"$WORK/phone.files"
xargs "$KIOSK" --decode-image <"$WORK/phone.files" >"$WORK/phone.out" 2>"$WORK/phone.err2"
check picture_jpeg_pictures_decoded test $? = 0
bad=$(awk -F'\t' 'NR == FNR { code[$1] = $4; cond[$1] = $2; next }
	{ n = split($1, p, "/"); f = p[n]; if (cond[f] == "clean" && code[f] != $4) print f }' \
	"$WORK/phone/manifest.tsv" "$WORK/phone.out")
good=$(awk -F'\t' 'NR == FNR { code[$1] = $4; cond[$1] = $2; next }
	{ n = split($1, p, "/"); f = p[n]; if (cond[f] == "clean" && code[f] == $4) print f }' \
	"$WORK/phone/manifest.tsv" "$WORK/phone.out" | wc -l)
check picture_jpeg_clean_receipts_exact test -z "$bad" -a "$good" -ge 4
check picture_jpeg_no_id_number sh -c "! grep -Eq '[0-9]{12}' '$WORK/phone.out'"

# ---- a camera whose frames are JPEG ----------------------------------------------------------
"$GEN" --seed 20261201 --frames 2 --no-receipts --jpeg 80 "$WORK/frames" >"$WORK/gen.err" 2>&1
code=$(awk -F'\t' '$1 ~ /^0001-/ { print $4 }' "$WORK/frames/manifest.tsv")   # 1280x720, QR
mkdir -p "$WORK/cam"
for i in 0 1 2 3 4 5 6 7; do cp "$WORK/frames/0001-"*.jpg "$WORK/cam/f$i.jpg"; done
python3 - "$FIX" "$WORK/camera.json" "$code" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
d = dict(doc["dossiers"]["000.00.01.H29-261116-0009"])
d["code"] = sys.argv[3]
doc["dossiers"] = {sys.argv[3]: d}
json.dump(doc, open(sys.argv[2], "w"), ensure_ascii=False)
PY
cfg=$(mkcfg "$WORK/c" "[sync]" "lookup_fixture = $WORK/camera.json" \
	"[scanner]" "driver = camera" "device = dir:$WORK/cam" "width = 1280" "height = 720")
cat >"$WORK/c.script" <<'S'
clock 2026-11-23 09:00
tap lookup
await screen status
expect lookup found
S
kiosk_script "$cfg" "$WORK/c.script" >"$WORK/c.log" 2>&1
check picture_camera_jpeg_frames_read test $? = 0
check picture_camera_jpeg_symbol grep -q "camera read a QR-Code symbol" "$WORK/c.log"

finish
