#!/bin/sh
# Officer ratings end to end through the real application and its database: each way in
# (directory, scanned ticket, scanned receipt), one rating per ticket and per dossier, held
# then released to the outbox at the hour, a burst flagged as possible misuse (every rating
# of it), the rater never recorded anywhere in the database file, bad input (unknown or
# unserved ticket, unknown dossier or officer, no central system, a 10 KB comment, control
# characters) refused with nothing stored, an unfinished rating left to the idle timeout
# (generous on these screens) storing nothing, the five-level scale, and Telex typing.
# The lookup answers come from the fixture backend (tests/data/rating-lookup.json);
# tests/it/rating_central.sh does it against the reference central system.
. tests/it/lib.sh
plan 35

FIXTURE=tests/data/rating-lookup.json
TICKET=KIOSK-01-20261123-A001
DOSSIER=000.00.01.H29-261120-0007

# rcfg NAME [LINES...]: a kiosk with the lookup fixture.
rcfg() {
	name=$1
	shift
	mkcfg "$WORK/$name" "$@" "[sync]" "lookup_fixture = $FIXTURE"
}
db() { echo "$WORK/$1/var/kiosk.db"; }

# 1. Each way in, and once only per ticket and per dossier.
cfg=$(rcfg ways)
cat >"$WORK/ways.txt" <<'S'
clock 2026-11-23 09:00
tap rate
wait 500
expect screen rate_start
tap by_counter
wait 500
expect screen counters
tap counter_2
wait 500
expect screen officers
tap officer_t02
wait 500
expect screen rate
tap level_1
wait 500
expect screen reasons
expect disabled send
tap reason_wait
tap reason_guidance
expect enabled send
tap comment
wait 500
expect screen keyboard
type Hoaf vaf DDaf Nawngx,
tap key_space
tap key_shift
tap key_q
tap key_u
tap key_a
tap key_a
tap key_f
tap key_y
tap key_space
tap key_3
tap key_done
wait 500
expect screen reasons
tap send
wait 500
expect screen thanks
wait 9000
expect screen home
# the next citizens, minutes apart (three within 60 s would be a burst)
clock 2026-11-23 09:10
# the ticket: the central system says t01 served it
scan KIOSK-01-20261123-A001
expect screen rate
tap level_3
wait 500
expect screen thanks
tap home
wait 500
scan KIOSK-01-20261123-A001
expect screen rate_notice
expect rating already
tap home
wait 500
# the receipt, scanned on the rating screens: the officer who received the dossier
clock 2026-11-23 09:20
tap rate
wait 500
scan 000.00.01.H29-261120-0007
expect screen rate
tap level_2
wait 500
expect screen thanks
tap home
wait 500
tap rate
wait 500
scan 000.00.01.H29-261120-0007
expect screen rate_notice
expect rating already
tap home
wait 500
# the same citizen then takes a number: its events are written now, the ratings' later
S
ticket_steps ho_tich A >>"$WORK/ways.txt"
printf 'wait 500\ntap prio_0\nwait 500\nexpect printed 1\n' >>"$WORK/ways.txt"
# both windows are over at 09:1x, but the release waits for the full hour
printf 'clock 2026-11-23 09:59\nwait 1500\n' >>"$WORK/ways.txt"
check rating_ways_in_script kiosk_script "$cfg" "$WORK/ways.txt"
cp "$WORK/check.out" "$WORK/ways.log"
# the log shows a rating screen, never which one followed the level (how the citizen rated)
check rating_log_keeps_the_level_secret sh -c "grep -q 'screen: rate_start -> ' '$WORK/ways.log' && ! grep -Eq 'screen: .*(reasons|thanks|keyboard)' '$WORK/ways.log'"
D=$(db ways)
# held: counted for misuse, not yet in the outbox or the ratings
check rating_held_until_released test "$(sql "$D" "select (select count(*) from rating_held)||'|'||(select count(*) from ratings)||'|'||(select count(*) from outbox where kind like 'rating%')")" = "3|0|0"
# at 10:00 the kiosk's poll releases them (here after a restart)
printf 'clock 2026-11-23 10:00\nwait 1500\n' >"$WORK/release.txt"
check rating_release_script kiosk_script "$cfg" "$WORK/release.txt"
check rating_released_at_the_hour test "$(sql "$D" "select (select count(*) from rating_held)||'|'||(select count(*) from ratings)||'|'||(select count(*) from outbox where kind = 'rating.submitted')")" = "0|3|3"
check rating_directory_way_stored test "$(sql "$D" "select officer_id||'|'||level||'|'||scale||'|'||reasons||'|'||via from ratings where id = 1")" = "t02|1|3|guidance,wait|directory"
check rating_telex_comment_nfc test "$(sql "$D" "select comment from ratings where id = 1")" = "Hoà và Đà Nẵng, Quầy 3"
check rating_ticket_way_stored test "$(sql "$D" "select officer_id||'|'||level||'|'||via from ratings where id = 2")" = "t01|3|ticket"
check rating_dossier_way_stored test "$(sql "$D" "select officer_id||'|'||level||'|'||via from ratings where id = 3")" = "t02|2|dossier"
check rating_one_per_ticket_and_dossier test "$(sql "$D" "select count(*) from ratings")" = 3
check rating_subjects_remembered_as_hashes test "$(sql "$D" "select count(*)||'|'||min(length(hash))||'|'||max(day) from rated_subjects")" = "2|32|20261123"
check rating_events_in_outbox test "$(sql "$D" "select count(*) from outbox where kind = 'rating.submitted'")" = 3
check rating_event_body test "$(sql "$D" "select json_extract(body, '\$.officer')||'|'||json_extract(body, '\$.via')||'|'||json_extract(body, '\$.reasons[1]')||'|'||json_extract(body, '\$.flagged') from outbox where kind = 'rating.submitted' order by id limit 1")" = "t02|directory|wait|0"

# 1b. From a dossier's status screen (a receipt scanned on the home screen): "rate the officer
# who received it".
cfg=$(rcfg status)
cat >"$WORK/status.txt" <<'S'
clock 2026-11-23 09:00
scan 000.00.01.H29-261120-0007
expect screen status
tap rate_officer
wait 500
expect screen rate
tap level_3
wait 500
expect screen thanks
clock 2026-11-23 10:00
wait 1500
S
check rating_from_status_screen_script kiosk_script "$cfg" "$WORK/status.txt"
check rating_from_status_screen_stored test "$(sql "$(db status)" "select officer_id||'|'||via||'|'||level from ratings")" = "t02|dossier|3"

# 2. Anonymity: neither the ticket id nor the dossier code is anywhere in the database file
# (the kiosk has exited, so its WAL is folded in), nor in the events.
anon() {
	for f in "$D" "$D-wal" "$D-journal"; do
		[ -f "$f" ] || continue
		grep -a -q -e "$TICKET" -e "$DOSSIER" "$f" && return 1
	done
	return 0
}
check rating_anonymous_database_file anon
check rating_anonymous_dump sh -c "! sqlite3 '$D' .dump | grep -q -e '$TICKET' -e '$DOSSIER' -e 'A001'"
check rating_anonymous_columns test "$(sql "$D" "select group_concat(name) from pragma_table_info('ratings')")" = "id,officer_id,level,scale,reasons,comment,via,flagged,flag_reason,created_at"
# time: the hour only, in the ratings, the events and their outbox rows; and the rows come
# after the ticket taken once the ratings were made, so their order tells nothing either
check rating_only_the_hour test "$(sql "$D" "select count(*) from ratings where created_at != 1795399200")|$(sql "$D" "select count(*) from outbox where kind = 'rating.submitted' and (created_at != 1795399200 or json_extract(body, '\$.at') != 1795399200)")" = "0|0"
check rating_outbox_order_says_nothing test "$(sql "$D" "select min(id) > (select max(id) from outbox where kind like 'ticket.%') from outbox where kind = 'rating.submitted'")" = 1
# the subjects' key is beside the database, not in it
check rating_key_beside_database test "$(stat -c '%s %a' "$D.rating-key")|$(sql "$D" "select count(*) from rating_secret")" = "32 600|0"

# 3. A burst at one kiosk: the third rating within 60 s is kept and sent flagged.
cfg=$(rcfg burst)
{
	echo "clock 2026-11-23 10:00"
	for o in 1 3 4; do
		printf 'tap rate\nwait 500\ntap by_counter\nwait 500\ntap counter_%s\nwait 500\n' "$o"
		printf 'tap officer_t0%s\nwait 500\ntap level_3\nwait 500\nexpect screen thanks\n' "$o"
		printf 'tap home\nwait 2000\n'
	done
	printf 'clock 2026-11-23 11:00\nwait 1500\n'
} >"$WORK/burst.txt"
check rating_burst_script kiosk_script "$cfg" "$WORK/burst.txt"
D=$(db burst)
check rating_burst_kept_not_dropped test "$(sql "$D" "select count(*) from ratings")" = 3
check rating_burst_all_flagged test "$(sql "$D" "select group_concat(flagged) from ratings")" = "1,1,1"
check rating_burst_reason test "$(sql "$D" "select count(*) from ratings where flag_reason = '3 ratings at this kiosk within 60 s'")" = 3
check rating_burst_reported test "$(sql "$D" "select group_concat(json_extract(body, '\$.flagged')||'|'||json_extract(body, '\$.flag_reason'), ';') from outbox where kind = 'rating.submitted'")" = "1|3 ratings at this kiosk within 60 s;1|3 ratings at this kiosk within 60 s;1|3 ratings at this kiosk within 60 s"

# 4. Bad input: each gets a clear notice or warning, and nothing is stored.
cfg=$(rcfg bad "idle_timeout_s = 600")
long=$(head -c 1000 /dev/zero | tr '\0' 'x')
{
	cat <<'S'
clock 2026-11-23 11:00
scan KIOSK-01-20261123-A002
expect screen rate_notice
expect rating not-served
tap home
wait 500
scan KIOSK-01-20261123-A999
expect rating unknown-ticket
expect enabled by_counter
tap home
wait 500
scan KIOSK-01-20261123-A003
expect rating unknown-officer
tap home
wait 500
scan KIOSK-01-20261123-A004
expect rating unavailable
tap home
wait 500
network off
scan KIOSK-01-20261123-A005
expect rating unavailable
tap home
wait 500
tap rate
wait 500
scan 000.00.01.H29-261120-0007
expect screen rate_notice
expect rating unavailable
network on
tap home
wait 500
tap rate
wait 500
scan 000.00.01.H29-261120-0999
expect screen rate_notice
expect rating unknown-dossier
expect enabled by_counter
tap home
wait 500
tap rate
wait 500
scan 000.00.01.H29-261120-0008
expect rating unknown-officer
tap by_counter
wait 500
expect screen counters
tap counter_1
wait 500
tap officer_t01
wait 500
tap level_1
wait 500
tap reason_attitude
tap comment
wait 500
S
	# a 10 KB comment, in lines a script can hold
	i=0
	while [ $i -lt 11 ]; do echo "type $long"; i=$((i + 1)); done
	cat <<'S'
tap key_done
wait 500
expect screen keyboard
tap back
wait 500
tap send
wait 500
expect screen keyboard
S
	printf 'key backspace\n'
	# control characters typed on a keyboard are refused whole
	printf 'type bell\007\n'
	printf 'type esc\033[2J\n'
	printf 'tap home\nwait 500\nexpect screen home\n'
} >"$WORK/bad.txt"
check rating_bad_input_script kiosk_script "$cfg" "$WORK/bad.txt"
D=$(db bad)
check rating_bad_input_nothing_stored test "$(sql "$D" "select count(*) from ratings")|$(sql "$D" "select count(*) from rating_held")|$(sql "$D" "select count(*) from rated_subjects")|$(sql "$D" "select count(*) from outbox where kind like 'rating%'")" = "0|0|0|0"

# 5b. Left unfinished: the rating screens wait longer than the others ([rating] idle_timeout_s
# against [kiosk] idle_timeout_s), then go home; nothing is stored, and nothing of it (level,
# reasons, comment, ticket) is there for the next citizen.
cfg=$(rcfg idle "idle_timeout_s = 10" "[rating]" "idle_timeout_s = 30")
cat >"$WORK/idle.txt" <<'S'
clock 2026-11-23 09:00
scan KIOSK-01-20261123-A001
expect screen rate
tap level_1
wait 500
tap reason_wait
tap comment
wait 500
type Chowf laau
wait 15000
expect screen keyboard
wait 16000
expect screen home
scan KIOSK-01-20261123-A001
expect screen rate
tap level_1
wait 500
expect screen reasons
expect disabled send
tap comment
wait 500
expect disabled key_bksp
tap home
wait 500
tap take
wait 15000
expect screen home
S
check rating_idle_script sh -c "timeout 60 '$KIOSK' --config '$cfg' --script '$WORK/idle.txt' 2>'$WORK/idle.log'"
D=$(db idle)
check rating_idle_nothing_stored test "$(sql "$D" "select count(*) from rating_held")|$(sql "$D" "select count(*) from ratings")|$(sql "$D" "select count(*) from rated_subjects")" = "0|0|0"
check rating_idle_forgotten grep -q "rate: an unfinished rating is forgotten" "$WORK/idle.log"


# 5. Without a central system a ticket cannot be checked: the counter is offered instead.
cfg=$(mkcfg "$WORK/alone")
printf 'clock 2026-11-23 09:00\nscan KIOSK-01-20261123-A001\nexpect screen rate_notice\nexpect rating unavailable\ntap by_counter\nwait 500\nexpect screen counters\n' >"$WORK/alone.txt"
check rating_no_central_system_offers_counter kiosk_script "$cfg" "$WORK/alone.txt"

# 6. Five levels from config; neutral needs no reason. A physical keyboard works too.
cfg=$(rcfg five "[rating]" "levels = 5")
cat >"$WORK/five.txt" <<'S'
clock 2026-11-23 09:00
tap directory
wait 500
expect screen directory
tap next
wait 500
tap home
wait 500
tap rate
wait 500
tap by_counter
wait 500
tap counter_4
wait 500
tap officer_t04
wait 500
expect enabled level_5
expect enabled level_1
tap level_3
wait 500
expect screen thanks
wait 9000
tap rate
wait 500
tap by_counter
wait 500
tap counter_5
wait 500
tap officer_t05
wait 500
tap level_2
wait 500
expect screen reasons
tap reason_late
tap comment
wait 500
type Trar keets
key backspace
type t quas hanj
key enter
wait 500
expect screen reasons
tap send
wait 500
expect screen thanks
clock 2026-11-23 11:00
wait 1500
S
check rating_five_levels_script kiosk_script "$cfg" "$WORK/five.txt"
D=$(db five)
check rating_five_levels_stored test "$(sql "$D" "select group_concat(level||'/'||scale||':'||reasons) from ratings")" = "3/5:,2/5:late"
check rating_physical_keyboard_comment test "$(sql "$D" "select comment from ratings where id = 2")" = "Trả kết quá hạn"
finish
