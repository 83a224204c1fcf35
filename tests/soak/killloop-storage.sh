#!/bin/sh
# The kill loop (tests/it/killloop.sh) over the storage paths: var_dir on a small tmpfs whose
# free space is drawn anew before each run (0..600 KB, the reserve 128 KB, no guard, so
# that tickets are taken right up to a full disk), the printer outside it, and one run in
# ten starting on a damaged database (emptied, cut in half, or its header zeroed), which is
# salvaged. KILLS times (default 200) SIGKILL, at start-up or 0..99 ms after a ticket. Then,
# what a citizen holds: no number printed twice, no printed ticket voided (but one whose kill
# fell between its bytes and its record), nothing left pending. `make killloop-storage`;
# needs root (tmpfs). KILL_SEED=N replays the draws.
. tests/it/lib.sh
plan 6

export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software
KILLS=${KILLS:-200}
SEED=${KILL_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
echo "killloop-storage: seed $SEED" >&2
MNT=$WORK/mnt
mkdir -p "$MNT" "$WORK/prints" "$WORK/paper"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=16m kiosk-kill "$MNT" 2>/dev/null; then
	for c in no_number_printed_twice no_printed_ticket_voided nothing_pending integrity \
		disk_filled salvaged; do skip "kill_storage_$c" "needs root to mount a tmpfs"; done
	finish
	exit $?
fi
trap 'umount "$MNT" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
trap 'exit 143' INT TERM   # a timeout's signal still unmounts
var=$MNT/var
mkdir -p "$var"
ln -s "$WORK/prints" "$var/prints"   # the printer is not on the full disk
printf '[kiosk]\nvar_dir = %s\ncatalog = tests/data/catalog-test.ini\n[storage]\nmin_free_kb = 0\nreserve_kb = 128\n' \
	"$var" >"$WORK/k.ini"
{ echo "clock 2026-11-23 09:00"; ticket_steps chung_thuc K 1500; } >"$WORK/loop.txt"
db=$var/kiosk.db
paper=$WORK/paper
R=$SEED
draw() { R=$(((R * 1103515245 + 12345) % 2147483648)); }
printed() { ls "$WORK/prints" 2>/dev/null | grep -c '\.bin$'; }
free_kb() { df -Pk "$MNT" | awk 'NR == 2 { print $4 }'; }

n=0 dup= damaged=0
: >"$WORK/all.log"
while [ $n -lt $KILLS ]; do
	draw
	rm -f "$MNT/filler" "$var"/kiosk.db.corrupt-*
	if [ $((n % 10)) -eq 9 ] && [ -f "$db" ]; then
		sqlite3 "$db" "pragma wal_checkpoint(truncate)" >/dev/null 2>&1
		case $((R % 3)) in
		0) : >"$db" ;;
		1) truncate -s $(($(stat -c %s "$db") / 2)) "$db" ;;
		2) dd if=/dev/zero of="$db" bs=100 count=1 conv=notrunc 2>/dev/null ;;
		esac
		damaged=$((damaged + 1))
	fi
	f=$(($(free_kb) - R % 600))
	[ $f -gt 0 ] && dd if=/dev/zero of="$MNT/filler" bs=1k count=$f 2>/dev/null
	"$KIOSK" --config "$WORK/k.ini" --script "$WORK/loop.txt" >>"$WORK/all.log" 2>&1 &
	pid=$!
	if [ $((n % 4)) -eq 0 ]; then
		sleep_ms $((20 + R % 200))
	else
		i=0
		while [ "$(printed)" -eq 0 ] && [ $i -lt 300 ] && kill -0 $pid 2>/dev/null; do
			sleep 0.01
			i=$((i + 1))
		done
		sleep_ms $((R % 100))
	fi
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	collect_paper "$WORK/prints" "$paper" $n
	n=$((n + 1))
done
rm -f "$MNT/filler"
printf 'clock 2026-11-23 11:00\nexpect screen home\n' >"$WORK/one.txt"
timeout 60 "$KIOSK" --config "$WORK/k.ini" --script "$WORK/one.txt" >>"$WORK/all.log" 2>&1
on_paper=$(ls "$paper" | grep -c '\.bin$')
echo "killloop-storage: $KILLS kills, $damaged damaged databases, $on_paper tickets on paper," \
	"$(grep -c 'reserve of 128 KB is given' "$WORK/all.log") reserves given," \
	"$(grep -c 'cannot record K-' "$WORK/all.log") records left to the ledger," \
	"$(grep -c 'printed before the database took' "$WORK/all.log") recovered from it" >&2
check kill_storage_no_number_printed_twice test -z "$dup"
# a ticket on paper that the database still knows is printed, or voided by a kill between its
# bytes and its record (the last of its run); one that a damaged database took with it is
# counted, not judged (the numbers after it never repeat it: the check above)
voided_on_paper() {
	lost=0
	for f in "$paper"/*.bin; do
		id=$(basename "$f" .bin)
		seq=$(echo "$id" | sed 's/.*-K0*//')
		st=$(sql "$db" "select status || ':' || ifnull(void_reason, '') from tickets where service = 'K' and day = 20261123 and seq = $seq")
		case $st in
		1:) ;;
		"") lost=$((lost + 1)) ;;
		2:interrupted) grep -qx "$id" "$WORK/last-of-run" || echo "$id: $st" ;;
		*) echo "$id: $st" ;;
		esac
	done >"$WORK/voided"
	echo "killloop-storage: $lost ticket(s) on paper not in the final database (taken by a damaged one)" >&2
	[ ! -s "$WORK/voided" ] || { head -3 "$WORK/voided" | tr '\n' ' '; return 1; }
}
check kill_storage_no_printed_ticket_voided voided_on_paper
check kill_storage_nothing_pending test "$(sql "$db" "select count(*) from tickets where status = 0")" = 0
check kill_storage_integrity test "$(sql "$db" "pragma integrity_check")" = ok
check kill_storage_disk_filled grep -q "database or disk is full" "$WORK/all.log"
check kill_storage_salvaged grep -q "kept it as\|was empty" "$WORK/all.log"
finish
