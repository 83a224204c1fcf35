#!/bin/sh
# Storage trouble, on the real kiosk (docs/storage.md): a var_dir on a small tmpfs filled
# around a ticket (the printer's file on the same disk, so that the ticket's own bytes fill
# it between its number and its record), a restart on a full disk, the guard that turns
# tickets off before the disk is too full, damaged databases of five kinds, a read-only
# database, and the modes of the files the kiosk makes.
. tests/it/lib.sh
plan 26

export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software
MNT=$WORK/mnt
mkdir -p "$MNT"
mounted=
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=16m kiosk-test "$MNT" 2>/dev/null; then
	mounted=1
	trap 'umount "$MNT" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
	trap 'exit 143' INT TERM   # a timeout's signal still unmounts
fi

printf 'clock 2026-11-23 09:00\nexpect screen home\n' >"$WORK/home.txt"
{ echo "clock 2026-11-23 09:00"; ticket_steps chung_thuc K; } >"$WORK/one.txt"

# cfg_on NAME VAR [INI LINES...]: a config whose var_dir is VAR (lines as for mkcfg's)
cfg_on() {
	d=$WORK/$1 v=$2
	shift 2
	mkdir -p "$d"
	{
		printf '[kiosk]\nvar_dir = %s\ncatalog = tests/data/catalog-test.ini\n' "$v"
		for line in "$@"; do echo "$line"; done
	} >"$d/kiosk.ini"
	echo "$d/kiosk.ini"
}
# free_kb: free space on the tmpfs
free_kb() { df -Pk "$MNT" | awk 'NR == 2 { print $4 }'; }
# fill_to KB: a filler file that leaves KB free
fill_to() {
	rm -f "$MNT/filler"
	dd if=/dev/zero of="$MNT/filler" bs=4k count=$((($(free_kb) - $1) / 4)) 2>/dev/null
}

# trials NAME MIN_FREE_KB RESERVE_KB: tickets taken one by one with the disk ever closer to
# full, the bytes of each counted in the printer's file; afterwards (room made, one restart)
# every ticket whose bytes all went out must be printed in the database. Writes
# $WORK/NAME.trials: number, bytes sent, status right after its run; $WORK/NAME.log.
trials() {
	name=$1
	var=$MNT/$name
	cfg=$(cfg_on "$name" "$var" "[printer]" "driver = file" \
		"device = $MNT/$name.bin" "[storage]" "min_free_kb = $2" "reserve_kb = $3")
	: >"$MNT/$name.bin"
	: >"$WORK/$name.trials"
	: >"$WORK/$name.log"
	timeout 60 "$KIOSK" --config "$cfg" --script "$WORK/one.txt" >/dev/null 2>&1
	size=$(stat -c %s "$MNT/$name.bin")   # one ticket's bytes
	k=0
	while [ $k -lt 18 ]; do
		before=$(stat -c %s "$MNT/$name.bin")
		fill_to $((size / 1024 + 240 - k * 12))
		timeout 60 "$KIOSK" --config "$cfg" --script "$WORK/one.txt" >"$WORK/run.log" 2>&1
		cat "$WORK/run.log" >>"$WORK/$name.log"
		sent=$(($(stat -c %s "$MNT/$name.bin") - before))
		num=$(sed -n 's/.*take: issued \(K-[0-9]*\).*/\1/p' "$WORK/run.log")
		rm -f "$MNT/filler"
		st=
		[ -n "$num" ] && st=$(sql "$var/kiosk.db" "select status from tickets where day = 20261123 and seq = ${num#K-}")
		echo "${num:-none} $sent ${st:-none}" >>"$WORK/$name.trials"
		k=$((k + 1))
	done
	timeout 60 "$KIOSK" --config "$cfg" --script "$WORK/home.txt" >>"$WORK/$name.log" 2>&1
	echo "$size" >"$WORK/$name.size"
}

# none_lost NAME: every ticket whose bytes all went out is printed, and no number twice
none_lost() {
	size=$(cat "$WORK/$1.size")
	bad=
	while read -r num sent st; do
		[ "$num" = none ] && continue
		[ "$sent" -lt "$size" ] && continue
		now=$(sql "$MNT/$1/kiosk.db" "select status || ':' || ifnull(void_reason, '') from tickets where day = 20261123 and seq = ${num#K-}")
		[ "$now" = "1:" ] || bad="$bad $num=$now"
	done <"$WORK/$1.trials"
	dups=$(awk '$1 != "none" { print $1 }' "$WORK/$1.trials" | sort | uniq -d)
	[ -z "$bad$dups" ] || { echo "lost:$bad twice: $dups"; cat "$WORK/$1.trials"; return 1; }
}

if [ -n "$mounted" ]; then
	# no guard and no reserve: only the ledger stands between a full disk and a voided ticket
	trials ledger 0 0
	check full_disk_ledger_no_printed_ticket_voided none_lost ledger
	check full_disk_ledger_trials_reached_a_failed_record grep -q "cannot record K-" "$WORK/ledger.log"
	check full_disk_ledger_recorded_at_next_start grep -q "printed before the database took their record" "$WORK/ledger.log"
	rm -rf "$MNT/ledger" "$MNT/ledger.bin"
	# the reserve: the record is kept at once, tickets then stay off
	trials reserve 0 256
	check full_disk_reserve_no_printed_ticket_voided none_lost reserve
	check full_disk_reserve_given_to_a_record grep -q "the reserve of 256 KB is given to the records" "$WORK/reserve.log"
	check full_disk_reserve_record_kept_at_once sh -c "! grep -q 'cannot record K-' '$WORK/reserve.log'"
	rm -rf "$MNT/reserve" "$MNT/reserve.bin"
	# the guard (defaults): below min_free_kb no number is given, lookups go on
	cfg=$(cfg_on guard "$MNT/guard" "[printer]" "driver = file" "device = $MNT/guard.bin")
	timeout 60 "$KIOSK" --config "$cfg" --script "$WORK/home.txt" >/dev/null 2>&1
	fill_to 3000
	printf 'clock 2026-11-23 09:00\nexpect screen home\nexpect disabled take\nscreenshot guard\ntap lookup\nexpect screen scan\n' >"$WORK/guard.txt"
	check full_disk_guard_tickets_off_lookups_on kiosk_script "$cfg" "$WORK/guard.txt"
	check full_disk_guard_says_why grep -q "bộ nhớ của máy đã đầy" "$WORK/shots/guard.boxes"
	check full_disk_guard_issued_nothing test "$(sql "$MNT/guard/kiosk.db" "select count(*) from tickets")" = 0
	rm -rf "$MNT/filler" "$MNT/guard" "$MNT/guard.bin"
	# a restart on a disk with no room at all, a ticket printed but not recorded: the
	# reserve makes room for its record, the kiosk says what to free and serves, tickets off
	cfg=$(cfg_on restart "$MNT/restart")
	timeout 60 "$KIOSK" --config "$cfg" --script "$WORK/one.txt" >/dev/null 2>&1
	sql "$MNT/restart/kiosk.db" "update tickets set status = 0 where seq = 1; delete from outbox where kind = 'ticket.printed'"
	fill_to 0
	dd if=/dev/zero of="$MNT/filler2" bs=4k 2>/dev/null
	printf 'clock 2026-11-23 09:00\nexpect screen home\nexpect disabled take\n' >"$WORK/full.txt"
	check full_disk_restart_keeps_serving sh -c "kiosk_script() { timeout 60 '$KIOSK' --config '$cfg' --script '$WORK/full.txt' --screenshots '$WORK/shots'; }; kiosk_script >'$WORK/restart.out' 2>&1"
	check full_disk_restart_says_path_and_what_to_free grep -q "the disk holding $MNT/restart is full.*free space" "$WORK/restart.out"
	rm -f "$MNT/filler" "$MNT/filler2"
	check full_disk_restart_ticket_recorded_printed test "$(sql "$MNT/restart/kiosk.db" "select status from tickets where seq = 1")" = 1
	rm -rf "$MNT/restart"
	# without a reserve a disk with no room at all cannot even open the database: said so
	cfg=$(cfg_on nores "$MNT/nores" "[storage]" "reserve_kb = 0")
	timeout 60 "$KIOSK" --config "$cfg" --script "$WORK/home.txt" >/dev/null 2>&1
	fill_to 0
	dd if=/dev/zero of="$MNT/filler2" bs=4k 2>/dev/null
	timeout 60 "$KIOSK" --config "$cfg" --script "$WORK/home.txt" >/dev/null 2>"$WORK/nores.err"
	check full_disk_no_reserve_refused_with_path_and_advice grep -q "database $MNT/nores/kiosk.db: the disk holding $MNT/nores is full.*free space" "$WORK/nores.err"
	rm -f "$MNT/filler" "$MNT/filler2"
else
	for c in full_disk_ledger_no_printed_ticket_voided full_disk_ledger_trials_reached_a_failed_record \
		full_disk_ledger_recorded_at_next_start full_disk_reserve_no_printed_ticket_voided \
		full_disk_reserve_given_to_a_record full_disk_reserve_record_kept_at_once \
		full_disk_guard_tickets_off_lookups_on full_disk_guard_says_why full_disk_guard_issued_nothing \
		full_disk_restart_keeps_serving full_disk_restart_says_path_and_what_to_free \
		full_disk_restart_ticket_recorded_printed full_disk_no_reserve_refused_with_path_and_advice; do
		skip $c "needs root to mount a tmpfs"
	done
fi

# damaged databases: K-001..K-005 printed, then the file damaged one way; the next ticket is
# K-006, the damage is reported to the central system, the unsent events that can be read go on
{
	echo "clock 2026-11-23 09:00"
	ticket_steps chung_thuc K 5
} >"$WORK/five.txt"
printf 'clock 2026-11-23 10:00\n' >"$WORK/sixth.txt"
ticket_steps chung_thuc K >>"$WORK/sixth.txt"
echo "expect number K-006" >>"$WORK/sixth.txt"
damage() {   # damage KIND DB
	size=$(stat -c %s "$2")
	case $1 in
	empty) : >"$2" ;;
	100b) truncate -s 100 "$2" ;;
	half) truncate -s $((size / 2)) "$2" ;;
	lastpage) truncate -s $((size - 4096)) "$2" ;;
	header) dd if=/dev/zero of="$2" bs=100 count=1 conv=notrunc 2>/dev/null ;;
	esac
}
for kind in empty 100b half lastpage header; do
	cfg=$(mkcfg "$WORK/d-$kind")
	db=$WORK/d-$kind/var/kiosk.db
	timeout 60 "$KIOSK" --config "$cfg" --script "$WORK/five.txt" >/dev/null 2>&1
	sql "$db" "pragma wal_checkpoint(truncate)" >/dev/null
	damage $kind "$db"
	ok_num=0
	kiosk_script "$cfg" "$WORK/sixth.txt" >"$WORK/d-$kind.log" 2>&1 && ok_num=1
	reported=$(sql "$db" "select count(*) from outbox where kind = 'kiosk.salvage'" 2>/dev/null)
	if [ $ok_num = 1 ] && [ "$reported" = 1 ]; then ok "damaged_${kind}_numbering_continues_and_reported"
	else fail "damaged_${kind}_numbering_continues_and_reported" "$(grep -E 'FAIL|error|expect' "$WORK/d-$kind.log" | tail -3) salvage events: $reported"; fi
done
# a damaged index page: the tables still read without it, so every unsent event goes on,
# with its own id, and the report says the file was read to its end
cfg=$(mkcfg "$WORK/d-index")
db=$WORK/d-index/var/kiosk.db
timeout 60 "$KIOSK" --config "$cfg" --script "$WORK/five.txt" >/dev/null 2>&1
sql "$db" "pragma wal_checkpoint(truncate)" >/dev/null
sql "$db" "select event_id from outbox where sent_at is null order by event_id" >"$WORK/unsent.before"
page=$(sql "$db" "select rootpage from sqlite_master where name = 'sqlite_autoindex_outbox_1'")
dd if=/dev/urandom of="$db" bs=4096 seek=$((page - 1)) count=1 conv=notrunc 2>/dev/null
kiosk_script "$cfg" "$WORK/sixth.txt" >"$WORK/d-index.log" 2>&1
sql "$db" "select event_id from outbox where event_id in (select event_id from outbox) order by event_id" >"$WORK/unsent.after"
check damaged_index_unsent_events_carried_with_their_ids sh -c "[ -s '$WORK/unsent.before' ] && comm -23 '$WORK/unsent.before' '$WORK/unsent.after' | wc -l | grep -qx 0"
check damaged_index_reported_complete test "$(sql "$db" "select json_extract(body, '\$.events') || ':' || json_extract(body, '\$.complete') from outbox where kind = 'kiosk.salvage'")" = "$(wc -l <"$WORK/unsent.before"):1"
check damaged_file_kept_aside sh -c "ls '$WORK/d-half/var/' | grep -q 'kiosk.db.corrupt-'"

# a read-only database: refused at start with its path (an unwritable var_dir already is)
cfg=$(mkcfg "$WORK/ro")
timeout 60 "$KIOSK" --config "$cfg" --script "$WORK/home.txt" >/dev/null 2>&1
chmod 0444 "$WORK/ro/var/kiosk.db"
check read_only_database_refused sh -c "! timeout 60 '$KIOSK' --config '$cfg' --script '$WORK/home.txt' >/dev/null 2>'$WORK/ro.err'"
check read_only_database_message_names_it grep -q "database $WORK/ro/var/kiosk.db .*read-only" "$WORK/ro.err"
chmod 0644 "$WORK/ro/var/kiosk.db"
if [ -n "$mounted" ] && mount --bind "$WORK/ro/var/kiosk.db" "$WORK/ro/var/kiosk.db" 2>/dev/null &&
   mount -o remount,ro,bind "$WORK/ro/var/kiosk.db" 2>/dev/null; then
	check read_only_mount_refused sh -c "! timeout 60 '$KIOSK' --config '$cfg' --script '$WORK/home.txt' >/dev/null 2>&1"
	umount "$WORK/ro/var/kiosk.db"
else
	umount "$WORK/ro/var/kiosk.db" 2>/dev/null
	skip read_only_mount_refused "no read-only bind mount here"
fi

# the files the kiosk makes are its own, whatever the umask
cfg=$(mkcfg "$WORK/modes")
(umask 000 && timeout 60 "$KIOSK" --config "$cfg" --script "$WORK/one.txt" >/dev/null 2>&1)
modes() {
	for f in kiosk.db tickets.ledger reserve.space; do
		m=$(stat -c %a "$WORK/modes/var/$f") || return 1
		[ "$m" = 600 ] || { echo "$f is $m"; return 1; }
	done
}
check files_are_0600_whatever_the_umask modes
# the -wal and -shm, as a kill leaves them (a clean exit removes them)
(umask 000 && exec "$KIOSK" --config "$cfg" --script "$WORK/one.txt" >/dev/null 2>&1) &
pid=$!
i=0
while [ $i -lt 100 ] && [ ! -f "$WORK/modes/var/kiosk.db-shm" ]; do sleep 0.05; i=$((i + 1)); done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
check wal_and_shm_are_0600 test "$(stat -c %a "$WORK/modes/var/kiosk.db-wal" "$WORK/modes/var/kiosk.db-shm" | sort -u)" = 600
finish
