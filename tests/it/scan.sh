#!/bin/sh
# The scanner's decode path on generated receipts, through the real binary:
# tools/receiptgen draws receipts with realistic dossier codes (CODE128, and QR codes of the
# lookup URL with an ID number in SGT=) under each condition; `kiosk --decode-image` reads
# them. Checks: every clean receipt gives its exact code; no ID number is ever printed;
# files that are not pictures give "-" lines, exit status 1 and no crash. The decode rate per
# condition is printed for information (no threshold but the clean ones).
. tests/it/lib.sh

GEN=$B/receiptgen
SET=$WORK/receipts
"$GEN" --seed 20261122 --per 2 "$SET" >"$WORK/gen.err" 2>&1 || { fail scan_generate "$(tail -3 "$WORK/gen.err")"; finish; exit 1; }
cut -f1 "$SET/manifest.tsv" | sed "s|^|$SET/|" >"$WORK/files"
# one process for the whole set, as a kiosk operator would run it
xargs "$KIOSK" --decode-image <"$WORK/files" >"$WORK/out" 2>"$WORK/err"
status=$?

# FILE CONDITION SYMBOLOGY EXPECTED GOT_SYMBOLOGY GOT_CODE, one line per receipt
awk -F'\t' -v dir="$SET/" 'NR == FNR { sym[dir $1] = $3; code[dir $1] = $4; cond[dir $1] = $2; next }
	{ print $1 "\t" cond[$1] "\t" sym[$1] "\t" code[$1] "\t" $2 "\t" $4 }' \
	"$SET/manifest.tsv" "$WORK/out" >"$WORK/joined"

if [ "$status" -eq 0 ] && [ "$(wc -l <"$WORK/out")" -eq "$(wc -l <"$SET/manifest.tsv")" ]; then
	ok scan_decode_image_runs
else
	fail scan_decode_image_runs "exit $status, $(wc -l <"$WORK/out") lines: $(tail -2 "$WORK/err")"
fi

bad=$(awk -F'\t' '$2 == "clean" && ($4 != $6 || $3 != $5)' "$WORK/joined")
clean=$(awk -F'\t' '$2 == "clean"' "$WORK/joined" | wc -l)
if [ -z "$bad" ] && [ "$clean" -ge 4 ]; then
	ok scan_clean_receipts_exact
else
	fail scan_clean_receipts_exact "$(echo "$bad" | head -3)"
fi

# the ID number (SGT=0010 and 8 digits in the generated QR codes) never appears: a QR code
# read is shown as its host, "/..." for the path, the code and "&..." for the rest
if grep -Eq '[0-9]{12}' "$WORK/out" "$WORK/err"; then
	fail scan_no_id_number "$(grep -Eo '[^\t]*[0-9]{12}[^\t]*' "$WORK/out" | head -2)"
elif awk -F'\t' '$2 == "QR-Code" && $3 != "https://dichvucong.example.gov.vn/...?MHS=" $4 "&..."' \
	"$WORK/out" | grep -q .; then
	fail scan_no_id_number "a QR payload shown otherwise: $(awk -F'\t' '$2 == "QR-Code"' "$WORK/out" | head -1)"
else
	ok scan_no_id_number
fi

# rates per condition (information)
awk -F'\t' '{ n[$2]++; if ($4 == $6) ok[$2]++ }
	END { for (c in n) { printf "scan rate %-12s %d/%d\n", c, ok[c], n[c];
		if (c != "clean") { hn += n[c]; hok += ok[c] } }
		printf "scan rate %-12s %d/%d (%.0f %%)\n", "not-clean", hok, hn, 100 * hok / hn }' \
	"$WORK/joined" | sort

# pictures that are not: random noise (a real PNG), an empty file, a truncated PNG, text
python3 - "$WORK/noise.png" <<'PY'
import random, struct, sys, zlib
random.seed(7)
w, h = 200, 150
raw = b"".join(b"\0" + bytes(random.randrange(256) for _ in range(w)) for _ in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
: >"$WORK/empty.png"
head -c 300 "$(head -1 "$WORK/files")" >"$WORK/truncated.png"
printf 'https://dichvucong.example.gov.vn/tra-cuu?MHS=000.00.01.H29-240115-0001\n' >"$WORK/text.png"
"$KIOSK" --decode-image "$WORK/noise.png" >"$WORK/g1" 2>"$WORK/g1.err"
s1=$?
"$KIOSK" --decode-image "$WORK/empty.png" "$WORK/truncated.png" "$WORK/text.png" "$WORK/none.png" \
	>"$WORK/g2" 2>"$WORK/g2.err"
s2=$?
dashes=$(cat "$WORK/g1" "$WORK/g2" | grep -c '	-	-	-$')
if [ "$s1" -eq 0 ] && [ "$s2" -eq 1 ] && [ "$dashes" -eq 5 ] && [ "$(wc -l <"$WORK/g2.err")" -ge 4 ]; then
	ok scan_garbage_files
else
	fail scan_garbage_files "exit $s1/$s2, $dashes dash lines: $(head -2 "$WORK/g2.err")"
fi

finish
