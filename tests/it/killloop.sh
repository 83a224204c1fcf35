#!/bin/sh
# Power-loss safety of numbering: the real kiosk issues tickets in a loop and is killed with
# SIGKILL at random moments, KILLS times (default 200). Afterwards: no duplicate number, no
# gap except recorded voids, nothing left pending, and the outbox matches the tickets.
. tests/it/lib.sh
plan 9

KILLS=${KILLS:-200}
cfg=$(mkcfg "$WORK/k")
db=$WORK/k/var/kiosk.db
{
	echo "clock 2026-11-23 09:00"
	ticket_steps chung_thuc K 1500
} >"$WORK/loop.txt"

n=0
while [ $n -lt $KILLS ]; do
	"$KIOSK" --config "$cfg" --script "$WORK/loop.txt" >/dev/null 2>&1 &
	pid=$!
	# 20..299 ms: some kills land in start-up and migration, most mid-ticket
	sleep "0.$(printf '%03d' $((20 + $(od -An -N2 -tu2 /dev/urandom) % 280)))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	n=$((n + 1))
done

# one clean start recovers what the kills left pending
printf 'clock 2026-11-23 11:00\nexpect screen home\n' >"$WORK/one.txt"
check kill_restart_after_kills kiosk_script "$cfg" "$WORK/one.txt"
issued=$(sql "$db" "select count(*) from tickets")
echo "killloop: $KILLS kills, $issued tickets, $(sql "$db" "select count(*) from tickets where status = 2") voided" >&2
check kill_issued_tickets_between_kills test "$issued" -ge 100
check kill_integrity test "$(sql "$db" "pragma integrity_check")" = ok
check kill_no_duplicate_numbers test "$(sql "$db" "select count(*) from (select 1 from tickets group by service, day, seq having count(*) > 1)")" = 0
check kill_no_gaps test "$(sql "$db" "select count(*) from (select 1 from tickets group by service, day having max(seq) != count(*))")" = 0
check kill_nothing_pending test "$(sql "$db" "select count(*) from tickets where status = 0")" = 0
check kill_voids_are_recorded test "$(sql "$db" "select count(*) from tickets where status = 2 and void_reason is null")" = 0
check kill_outbox_matches_issued test "$(sql "$db" "select count(*) from outbox where kind = 'ticket.issued'")" = "$issued"
check kill_outbox_matches_outcomes test "$(sql "$db" "select count(*) from outbox where kind in ('ticket.printed', 'ticket.voided', 'ticket.shown')")" = "$issued"
finish
