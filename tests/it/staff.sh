#!/bin/sh
# The staff screen's way in, on the real scripted kiosk: five taps on the header clock and the
# PIN open it; without a PIN configured nothing opens; three wrong PINs close the way for five
# minutes; the test page prints with a QR code that is no ticket; every opening and refusal
# goes to the outbox, and the PIN appears nowhere (database, log).
. tests/it/lib.sh

CLK="622 75"
taps() { for _i in 1 2 3 4 5; do echo "tap $CLK"; done; echo "wait 500"; }
pin() { for _d in $(echo "$1" | sed 's/./& /g'); do echo "tap pin_$_d"; done; echo "tap pin_ok"; }
run() { kiosk_script "$1" "$WORK/$2.script" >"$WORK/$2.log" 2>&1; }

# 1. no staff_pin: the taps open nothing
cfg0=$(mkcfg "$WORK/none")
{ echo "clock 2026-11-23 09:00"; taps; echo "expect screen home"; } >"$WORK/none.script"
check staff_no_pin_no_way_in run "$cfg0" none

# 2. wrong three times: home, the way closed; five minutes later it opens again
cfg=$(mkcfg "$WORK/k" "staff_pin = 2468")
{
	echo "clock 2026-11-23 09:00"
	taps
	echo "expect screen staff_pin"
	pin 1357; echo "expect screen staff_pin"
	pin 0000; echo "expect screen staff_pin"
	pin 9999; echo "expect screen home"
	echo "wait 500"
	taps
	echo "expect screen home"
	echo "wait 300000"
	taps
	echo "expect screen staff_pin"
	pin 2468
	echo "expect screen staff"
	echo "wait 500"
	echo "tap staff_test"
	echo "wait 500"
	echo "tap staff_close"
	echo "expect screen home"
} >"$WORK/k.script"
check staff_lockout_then_open run "$cfg" k
db=$WORK/k/var/kiosk.db
check staff_events test "$(sql "$db" "select group_concat(json_extract(body, '$.action'), ' ') from outbox where kind = 'kiosk.staff' order by id")" = \
	"pin_refused pin_refused pin_refused closed_after_tries opened test_print"
check staff_pin_not_in_database sh -c "! sqlite3 '$db' .dump | grep -q '2468\|1357'"
check staff_pin_not_in_log sh -c "! grep -q '2468\|1357' '$WORK/k.log'"
check staff_no_ticket_issued test "$(sql "$db" "select count(*) from tickets")" = 0
page=$(ls "$WORK/k/var/prints/"TEST-*.png 2>/dev/null | head -1)
check staff_test_page_printed test -n "$page"
"$KIOSK" --decode-image "$page" >"$WORK/page.txt" 2>&1
# read back, the test page's QR code is text of its own length, no ticket and no code
check staff_test_page_qr_is_no_ticket test "$(cut -f3,4 "$WORK/page.txt")" = \
	"[text, $(printf 'TEST PAGE KIOSK-01 20261123 090502' | wc -c) bytes]	-"

# 3. the way in is only from the home, closed and locked screens
{
	echo "clock 2026-11-23 09:00"
	echo "tap take"; echo "wait 500"
	taps
	echo "expect screen fields"
} >"$WORK/busy.script"
check staff_not_from_a_citizens_screen run "$cfg" busy
finish
