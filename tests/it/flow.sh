#!/bin/sh
# The ticket flow end to end through the real application: taps, numbering, the printed
# bytes and picture, the QR code on the ticket, double taps, priority and the idle timeout.
. tests/it/lib.sh
plan 22

cfg=$(mkcfg "$WORK/a")
cat >"$WORK/flow.txt" <<'S'
clock 2026-11-23 08:00
expect screen home
tap take
wait 500
expect screen fields
tap field_ho_tich
wait 500
expect screen services
tap svc_A
wait 500
expect screen priority
tap prio_0
wait 500
expect screen ticket
expect number A-001
expect printed 1
tap done
wait 500
expect screen home
tap take
wait 500
tap field_ho_tich
wait 500
tap svc_A
wait 500
tap prio_1
expect number A-002
S
check flow_script kiosk_script "$cfg" "$WORK/flow.txt"
db=$WORK/a/var/kiosk.db
check flow_two_tickets_printed test "$(sql "$db" "select group_concat(seq||':'||status||':'||priority) from tickets order by id")" = "1:1:0,2:1:1"
check flow_outbox_has_events test "$(sql "$db" "select count(*) from outbox where kind like 'ticket.%'")" = 4
bin=$WORK/a/var/prints/KIOSK-01-20261123-A001.bin
png=$WORK/a/var/prints/KIOSK-01-20261123-A001.png
check flow_escpos_starts_with_init test "$(head -c 2 "$bin" | od -An -tx1 | tr -d ' ')" = 1b40
# the bytes the printer got are that ticket, pixel for pixel (tools/escpos2png.py decodes them)
check flow_escpos_is_the_ticket sh -c "python3 tools/escpos2png.py --trim-feed '$bin' '$WORK/dec' >/dev/null && '$B/imgdiff' --tolerance 0 '$png' '$WORK/dec.png' 0"
check flow_ticket_qr_reads_back test "$(zbarimg --raw -q "$png" 2>/dev/null)" = KIOSK-01-20261123-A001

# A double and a triple tap on a service issue exactly one ticket.
cfg=$(mkcfg "$WORK/b")
cat >"$WORK/tap.txt" <<'S'
clock 2026-11-23 09:00
tap take
wait 500
tap field_chung_thuc
wait 500
# the first service button is at (540, 400) in portrait; the ticket screen has nothing
# there, and the guard swallows the second and third taps before anything is looked at
tap 540 400
tap-guarded 540 400
tap-guarded 540 400
expect screen ticket
expect number K-001
expect printed 1
wait 2000
tap done
wait 500
tap take
wait 500
tap field_chung_thuc
wait 500
tap 540 400
tap-guarded 540 400
wait 100
tap-guarded 540 400
expect screen ticket
expect number K-002
expect printed 2
S
check flow_double_tap_script kiosk_script "$cfg" "$WORK/tap.txt"
check flow_double_tap_one_ticket_each test "$(sql "$WORK/b/var/kiosk.db" "select count(*) from tickets")" = 2

# Where the next screen has a button under the finger, the second tap must not press it:
# "take" (home) sits over the second field; a failed print puts "retry" under the fifth service.
cfg=$(mkcfg "$WORK/d" "[printer]" "driver = simulated" "simulate = fail-send")
cat >"$WORK/tap2.txt" <<'S'
clock 2026-11-23 09:00
tap 540 600
tap-guarded 540 600
expect screen fields
wait 500
tap field_ho_tich
wait 500
# the fifth service (E, no priority step) is centred at (540, 1250)
tap 540 1250
tap-guarded 540 1250
expect screen ticket
expect enabled retry
S
check flow_double_tap_does_not_press_next_screen kiosk_script "$cfg" "$WORK/tap2.txt"
check flow_failed_print_voids_one_ticket test "$(sql "$WORK/d/var/kiosk.db" "select group_concat(seq||':'||status) from tickets")" = "1:2"

# The tap guard holds for 500 ms: a second tap 150 ms (a double tap) or 450 ms (a slow one)
# after a tap that changed the screen belongs to the old screen, even with a button under the
# finger ("take" on home sits over the second field); 550 ms after, the finger means it.
cfg=$(mkcfg "$WORK/g")
cat >"$WORK/guard.txt" <<'S'
clock 2026-11-23 09:00
tap 540 600
wait 150
tap-guarded 540 600
expect screen fields
wait 500
tap back
wait 500
expect screen home
tap 540 600
wait 450
tap-guarded 540 600
expect screen fields
wait 100
tap 540 600
expect screen services
S
check flow_tap_guard_150_450_ms kiosk_script "$cfg" "$WORK/guard.txt"

# Idle: back to home after idle_timeout_s without a touch, in the default language.
cfg=$(mkcfg "$WORK/c" "idle_timeout_s = 20")
cat >"$WORK/idle.txt" <<'S'
clock 2026-11-23 09:00
tap lang
tap take
wait 500
expect screen fields
wait 19000
expect screen fields
wait 1500
expect screen home
expect enabled take
S
check flow_idle_timeout kiosk_script "$cfg" "$WORK/idle.txt"

# The service day is the local (UTC+7) date whatever the machine's time zone: 08:00 on Monday
# in Hà Nội is still Sunday afternoon in Hawaii (and already Monday evening in Kiribati). Each
# zone is first checked to be known to this machine (tzdata): an unknown one is UTC to glibc,
# and the check would test nothing.
# 1795395600 is that moment: 15:00 in both zones, on Monday and on Sunday.
for tz in Pacific/Kiritimati:2026112315 Pacific/Honolulu:2026112215; do
	want=${tz#*:} tz=${tz%:*}
	check "flow_zone_known_$tz" test "$(TZ=$tz date -d @1795395600 +%Y%m%d%H)" = "$want"
	cfg=$(mkcfg "$WORK/tz-$tz")
	printf 'clock 2026-11-23 08:00\ntap take\nwait 500\ntap field_chung_thuc\nwait 500\ntap svc_K\nexpect number K-001\n' >"$WORK/tz.txt"
	TZ=$tz kiosk_script "$cfg" "$WORK/tz.txt" >/dev/null 2>&1
	check "flow_service_day_ignores_tz_$tz" test "$(sql "$WORK/tz-$tz/var/kiosk.db" "select day from tickets")" = 20261123
done

# At night (a unit open around the clock, or a kiosk left on): tickets between 00:00 and 07:00
# local time are already on the new day, whose numbers start again at 001; in UTC those hours
# are still the day before. The last ticket of Monday at 23:59, then 00:30, 03:00 and 06:59 on
# Tuesday, with the machine on UTC.
sed 's/^thu = 13:30-17:00$/&\nmon = 00:00-24:00\ntue = 00:00-24:00/' tests/data/catalog-test.ini >"$WORK/night.ini"
cfg=$(mkcfg "$WORK/n")
sed -i "s|^catalog = .*|catalog = $WORK/night.ini|" "$cfg"
{
	for t in "2026-11-23 23:59" "2026-11-24 00:30" "2026-11-24 03:00" "2026-11-24 06:59"; do
		echo "clock $t"
		ticket_steps chung_thuc L
		printf 'wait 500\ntap done\nwait 500\n'
	done
} >"$WORK/night.txt"
check flow_night_script env TZ=UTC "$KIOSK" --config "$cfg" --script "$WORK/night.txt" --screenshots "$WORK/night-shots"
check flow_night_tickets_on_the_local_day test "$(sql "$WORK/n/var/kiosk.db" "select group_concat(day || ':' || seq || ':' || status, ' ') from tickets where service = 'L' order by id")" = "20261123:1:1 20261124:1:1 20261124:2:1 20261124:3:1"
check flow_night_ticket_printed_for_its_day test -f "$WORK/n/var/prints/KIOSK-01-20261124-L003.png"
check flow_night_events_say_the_day test "$(sql "$WORK/n/var/kiosk.db" "select group_concat(json_extract(body, '$.day') || '-' || json_extract(body, '$.seq'), ' ') from outbox where kind = 'ticket.printed' order by id")" = "20261123-1 20261124-1 20261124-2 20261124-3"

# Paper near end: tickets still print, and the state goes to the outbox as health
cfg=$(mkcfg "$WORK/ne" "[printer]" "driver = simulated" "simulate = near-end")
printf 'clock 2026-11-23 08:00\nwait 1500\ntap take\nwait 500\ntap field_chung_thuc\nwait 500\ntap svc_K\nexpect printed 1\n' >"$WORK/ne.txt"
check flow_near_end_still_prints kiosk_script "$cfg" "$WORK/ne.txt"
check flow_near_end_reported_as_health test "$(sql "$WORK/ne/var/kiosk.db" "select body from outbox where kind = 'health.printer'")" = '{"printer":"paper-near-end"}'

finish
