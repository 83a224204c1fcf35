#!/bin/sh
# Power-loss safety of numbering: the real kiosk issues tickets in a loop and is killed with
# SIGKILL, KILLS times (default 200). One kill in four lands at a moment drawn from start-up
# (start-up and migration); the others wait until the kiosk has printed another ticket, then
# land 0..99 ms later, mid-ticket. The moments come from a seed, logged: KILL_SEED=N replays
# them. Afterwards, what a citizen would hold: no two printed tickets with one number, no
# printed ticket voided (but one whose kill fell between its bytes and its record); and in
# the database no gap except recorded voids, nothing left
# pending, the outbox matching the tickets.
. tests/it/lib.sh
plan 9

KILLS=${KILLS:-200}
SEED=${KILL_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
echo "killloop: seed $SEED (KILL_SEED=$SEED sh tests/it/killloop.sh draws the same moments)" >&2
cfg=$(mkcfg "$WORK/k")
db=$WORK/k/var/kiosk.db
prints=$WORK/k/var/prints
paper=$WORK/paper   # the bytes of every ticket handed to the printer, by ticket id
mkdir -p "$paper"
{
	echo "clock 2026-11-23 09:00"
	ticket_steps chung_thuc K 1500
} >"$WORK/loop.txt"

# draw: the next number of the seeded sequence (an LCG), in $R
R=$SEED
draw() { R=$(((R * 1103515245 + 12345) % 2147483648)); }
# printed: tickets handed to the printer by this run so far
printed() { ls "$prints" 2>/dev/null | grep -c '\.bin$'; }
# sleep_ms MS

n=0 after_ticket=0 dup=
while [ $n -lt $KILLS ]; do
	draw
	"$KIOSK" --config "$cfg" --script "$WORK/loop.txt" >/dev/null 2>&1 &
	pid=$!
	if [ $((n % 4)) -eq 0 ]; then
		sleep_ms $((20 + R % 200))
	else
		# wait (at most 30 s) for one more ticket than this run started with, then land
		i=0
		while [ "$(printed)" -eq 0 ] && [ $i -lt 3000 ] && kill -0 $pid 2>/dev/null; do
			sleep 0.01
			i=$((i + 1))
		done
		[ "$(printed)" -gt 0 ] && after_ticket=$((after_ticket + 1))
		sleep_ms $((R % 100))
	fi
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	# the paper this run printed joins the rest; a number printed twice is a citizen's problem
	collect_paper "$prints" "$paper" $n
	n=$((n + 1))
done

# one clean start recovers what the kills left pending
printf 'clock 2026-11-23 11:00\nexpect screen home\n' >"$WORK/one.txt"
check kill_restart_after_kills kiosk_script "$cfg" "$WORK/one.txt"
issued=$(sql "$db" "select count(*) from tickets")
on_paper=$(ls "$paper" | grep -c '\.bin$')
echo "killloop: $KILLS kills ($after_ticket after a printed ticket), $issued tickets, $on_paper on paper, $(sql "$db" "select count(*) from tickets where status = 2") voided" >&2
# every kill that waited for a ticket had one: the loop really issued under the kills
check kill_issued_tickets_between_kills test "$after_ticket" -eq $((KILLS - (KILLS + 3) / 4)) -a "$on_paper" -ge "$after_ticket"
check kill_integrity test "$(sql "$db" "pragma integrity_check")" = ok
check kill_no_number_printed_twice test -z "$dup"
# A ticket on paper is a citizen waiting: the counters must call it. The one exception the
# kiosk cannot avoid (no printer says it printed): a kill after a ticket's bytes went out and
# before its record, which voids it at the next start ("interrupted"). That can only be the
# last ticket of its run; any other is a ticket the kiosk went on from without recording.
voided_on_paper() {
	: >"$WORK/window"
	for f in "$paper"/*.bin; do
		id=$(basename "$f" .bin)
		seq=$(echo "$id" | sed 's/.*-K0*//')
		st=$(sql "$db" "select status || ':' || ifnull(void_reason, '') from tickets where service = 'K' and day = 20261123 and seq = $seq")
		[ "$st" = "1:" ] && continue
		if [ "$st" = "2:interrupted" ] && grep -qx "$id" "$WORK/last-of-run"; then
			echo "$id" >>"$WORK/window"
		else
			echo "$id: ${st:-no record}"
		fi
	done >"$WORK/voided-on-paper"
	[ ! -s "$WORK/voided-on-paper" ] || { head -3 "$WORK/voided-on-paper" | tr '\n' ' '; return 1; }
}
check kill_no_printed_ticket_voided_but_in_the_kill_window voided_on_paper
echo "killloop: $(wc -l <"$WORK/window") printed ticket(s) voided by a kill between their bytes and their record" >&2
check kill_no_gaps test "$(sql "$db" "select count(*) from (select 1 from tickets group by service, day having max(seq) != count(*))")" = 0
check kill_nothing_pending test "$(sql "$db" "select count(*) from tickets where status = 0")" = 0
check kill_voids_are_recorded test "$(sql "$db" "select count(*) from tickets where status = 2 and void_reason is null")" = 0
check kill_outbox_matches_tickets test "$(sql "$db" "select count(*) from outbox where kind = 'ticket.issued'"):$(sql "$db" "select count(*) from outbox where kind in ('ticket.printed', 'ticket.voided', 'ticket.shown')")" = "$issued:$issued"
finish
