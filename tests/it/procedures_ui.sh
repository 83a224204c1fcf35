#!/bin/sh
# A citizen reads about a procedure at the touch screen and leaves with its checklist and a
# number (Decree 118/2025 art. 13.2.b), in the real kiosk driven by a script: the search
# typed on the screen's own keys without accents, the page read to its second page, the
# checklist printed, a number taken for the procedure's service. Then what the printer got
# (the slip's QR code read back as the procedure's portal page, its bytes decoded to the same
# picture, the ticket), and what the kiosk counted: viewed, printed and number, each once,
# and nothing of what was typed, anywhere in its files.
. tests/it/lib.sh
plan 9

IMGDIFF=$B/imgdiff
cfg=$(mkcfg "$WORK/k")
{
	echo "clock 2026-11-23 09:00"
	echo "wait 500"
	echo "tap procedures"
	echo "wait 500"
	echo "expect screen procedures"
	echo "tap search"
	echo "wait 500"
	echo "expect screen proc_search"
	# "dang ky khai sinh" on the screen's keys
	for k in d a n g space k y space k h a i space s i n h; do echo "tap key_$k"; done
	echo "wait 500"
	echo "tap hit_1.001193"
	echo "wait 500"
	echo "expect screen procedure"
	echo "tap next"
	echo "wait 500"
	echo "tap print"
	echo "wait 1500"
	echo "tap take"
	echo "wait 1000"
	echo "expect screen ticket"
} >"$WORK/run.script"
ran=0
if kiosk_script "$cfg" "$WORK/run.script" >"$WORK/log" 2>&1; then
	ran=1
	ok procedures_ui_script
else
	fail procedures_ui_script "$(grep -m1 'error script' "$WORK/log")"
fi

prints=$WORK/k/var/prints
slip=$(ls "$prints"/checklist-1.001193-*.png 2>/dev/null | head -1)
check procedures_ui_checklist_printed test -n "$slip"
want=$(sed -n '/^\[procedure.1.001193\]/,/^\[/s/^url = //p' config/procedures-demo.ini)
got=$(zbarimg -q --raw "${slip:-/dev/null}" 2>/dev/null)
check procedures_ui_checklist_qr test -n "$want" -a "$got" = "$want"
python3 tools/escpos2png.py --trim-feed "${slip%.png}.bin" "$WORK/decoded" >/dev/null 2>&1
check procedures_ui_checklist_bytes "$IMGDIFF" --tolerance 0 "${slip:-/dev/null}" "$WORK/decoded.png" 0
# the number is for the procedure's service (A in the demo procedures and the test catalogue)
check procedures_ui_ticket_printed test -f "$prints/KIOSK-01-20261123-A001.png"

db=$WORK/k/var/kiosk.db
usage() {
	sqlite3 "$db" "select count(*) from outbox where kind = 'procedure.usage' and
		body like '%\"procedure\":\"1.001193\"%' and body like '%\"action\":\"$1\"%' and
		body like '%\"via\":\"search\"%'"
}
check procedures_ui_viewed_counted test "$(usage viewed)" = 1
check procedures_ui_printed_counted test "$(usage printed)" = 1
check procedures_ui_number_counted test "$(usage number)" = 1
# what was typed stays on the screen: not in the database, its journal or the log (once it
# was typed: a run that stopped before has nothing to hide)
check procedures_ui_query_not_kept sh -c "[ $ran = 1 ] && ! grep -rqa 'khai sinh' '$WORK/k/var' '$WORK/log' &&
	! grep -rqa 'dang ky' '$WORK/k/var' '$WORK/log'"
finish
