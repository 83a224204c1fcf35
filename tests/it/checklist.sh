#!/bin/sh
# A procedure's checklist slip, printed the kiosk's way (build/checklist_print: the consult
# journey, the printer gate, the printer worker, the virtual printer): against its golden at
# tolerance 0, its ESC/POS bytes decoded independently (tools/escpos2png.py) to the same
# picture, its QR code read back by zbarimg as the procedure's portal page; a 58 mm printer
# gets the same slip, narrower; a printer out of paper prints nothing; each slip printed is a
# procedure.usage count. `make goldens` runs this with --update (look at every slip).
. tests/it/lib.sh
plan 13

UPDATE=0
[ "${1:-}" = --update ] && UPDATE=1
IMGDIFF=$B/imgdiff
PRINT=$B/checklist_print

# slip NAME CODE: the slip of CODE printed in $WORK/NAME, as $WORK/NAME/var/prints/*.png
slip_png() { ls "$WORK/$1"/var/prints/checklist-"$2"-*.png 2>/dev/null | head -1; }

# golden NAME PNG: PNG against tests/goldens/slips/NAME.png at tolerance 0, and its bytes
# decoded against it
golden() {
	g=tests/goldens/slips/$1.png
	if [ $UPDATE -eq 1 ]; then
		cp "$2" "$g" && ok "checklist_golden_$1 (updated)"
	elif [ ! -f "$g" ]; then
		fail "checklist_golden_$1" "no golden $g: run make goldens and look at it"
	elif ! "$IMGDIFF" --tolerance 0 "$g" "$2" 0 >"$WORK/diff" 2>&1; then
		mkdir -p "$B/golden-failures" && cp "$2" "$B/golden-failures/$1.png"
		fail "checklist_golden_$1" "$(cat "$WORK/diff"); printed in $B/golden-failures/$1.png"
	else
		ok "checklist_golden_$1"
	fi
	python3 tools/escpos2png.py --trim-feed "${2%.png}.bin" "$WORK/decoded" >/dev/null 2>&1
	check "checklist_bytes_$1" "$IMGDIFF" --tolerance 0 "$2" "$WORK/decoded.png" 0
	rm -f "$WORK/decoded.png"
}

# qr NAME PNG CODE: the slip's QR code is the procedure's portal link
qr() {
	want=$(sed -n "/^\[procedure.$3\]/,/^\[/s/^url = //p" config/procedures-demo.ini)
	got=$(zbarimg -q --raw "$2" 2>/dev/null)
	if [ -n "$want" ] && [ "$got" = "$want" ]; then ok "checklist_qr_$1"; else fail "checklist_qr_$1" "read \"$got\", want \"$want\""; fi
}

# 80 mm: a civil-status slip (four papers, two fee lines), a certification one, and a
# procedure with no fee and no service of the unit
cfg=$(mkcfg "$WORK/p80")
sed -i '/^catalog = /d' "$cfg"
"$PRINT" --config "$cfg" 1.001193 2.000815 1.003554 >"$WORK/p80.out" 2>"$WORK/p80.err"
check checklist_printed test "$(grep -c ' printed$' "$WORK/p80.out")" = 3
for code in 1.001193 2.000815 1.003554; do
	png=$(slip_png p80 "$code")
	[ -n "$png" ] || png=$WORK/none.png
	case $code in
	1.001193) golden "checklist-$code" "$png"; qr "$code" "$png" "$code" ;;
	2.000815) golden "checklist-$code" "$png" ;;
	1.003554) golden "checklist-$code" "$png"; qr "$code" "$png" "$code" ;;
	esac
done
check checklist_usage_counted test "$(sqlite3 "$WORK/p80/var/kiosk.db" \
	"select count(*) from outbox where kind = 'procedure.usage' and body like '%\"action\":\"printed\"%'")" = 3

# 58 mm: the same slip at 384 dots, its QR still read
cfg=$(mkcfg "$WORK/p58" "[printer]" "model = pos58")
sed -i '/^catalog = /d' "$cfg"
"$PRINT" --config "$cfg" 1.001193 >"$WORK/p58.out" 2>"$WORK/p58.err"
png=$(slip_png p58 1.001193)
check checklist_58mm_width test -n "$png" -a "$(python3 -c "import struct,sys; print(struct.unpack('>I', open(sys.argv[1],'rb').read()[16:20])[0])" "${png:-/dev/null}" 2>/dev/null)" = 384
qr 58mm "${png:-$WORK/none.png}" 1.001193

# out of paper: the gate refuses (ERR_PAPER) and nothing reaches the printer
cfg=$(mkcfg "$WORK/out" "[printer]" "driver = simulated" "simulate = paper-out")
sed -i '/^catalog = /d' "$cfg"
"$PRINT" --config "$cfg" 1.001193 >"$WORK/out.out" 2>"$WORK/out.err"
check checklist_paper_out_refused grep -q '^1.001193 refused -12$' "$WORK/out.out"
finish
