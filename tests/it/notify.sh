#!/bin/sh
# The kiosk and its service manager, without systemd as PID 1: the test binds the notify
# socket itself (NOTIFY_SOCKET, tests/it/notify_sink.py) and asks for a watchdog
# (WATCHDOG_USEC), starts the kiosk's window loop on SDL's dummy video driver and sees
# READY=1 after the first frame, STATUS=serving and regular WATCHDOG=1; then freezes the UI
# loop through the test hook (KIOSK_TEST_FREEZE) and sees the pings stop, and start again
# when it runs again. A program file replaced under the running kiosk (what dpkg does on an
# upgrade) is taken up between citizens: the same process runs the new file and says READY
# again; one that reads only an older database schema is not, and the kiosk serves on. The
# log lines carry journald's priority prefixes when stderr is the
# journal's stream (JOURNAL_STREAM), and their own time otherwise.
. tests/it/lib.sh

plan 12
SOCK=$WORK/notify.sock MSGS=$WORK/msgs ERR=$WORK/kiosk.err FREEZE=$WORK/freeze
: >"$MSGS"
python3 tests/it/notify_sink.py "$SOCK" "$MSGS" &
SINK=$!
CFG=$(mkcfg "$WORK/k")
: >"$ERR"
stream=$(stat -c '%d:%i' "$ERR")
trap 'kill $SINK $KPID 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

# wait_for WHAT FILE MIN: until FILE holds at least MIN lines matching WHAT (30 s at most)
wait_for() {
	i=0
	while [ "$(grep -c -- "$1" "$2")" -lt "$3" ]; do
		i=$((i + 1))
		[ $i -gt 300 ] && return 1
		sleep 0.1
	done
}
pings() { grep -c '^WATCHDOG=1$' "$MSGS"; }

i=0
while [ ! -S "$SOCK" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done

# a ping every 250 ms
NOTIFY_SOCKET=$SOCK WATCHDOG_USEC=500000 JOURNAL_STREAM=$stream KIOSK_TEST_FREEZE=$FREEZE \
	SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software "$KIOSK" --config "$CFG" 2>>"$ERR" &
KPID=$!

if wait_for '^READY=1$' "$MSGS" 1; then ok ready_after_first_frame
else fail ready_after_first_frame "no READY=1 in 30 s: $(tail -3 "$ERR")"; fi
if wait_for '^STATUS=serving$' "$MSGS" 1; then ok status_serving
else fail status_serving "got: $(grep STATUS "$MSGS" | tr '\n' ' ')"; fi
if wait_for '^WATCHDOG=1$' "$MSGS" 4; then ok watchdog_regular
else fail watchdog_regular "$(pings) pings in 30 s"; fi
[ "$(grep -c '^READY=1$' "$MSGS")" -eq 1 ] && ok ready_once || fail ready_once "$(grep -c READY "$MSGS") READY"

touch "$FREEZE"
if wait_for 'UI loop frozen by the test hook' "$ERR" 1; then
	sleep 1        # a ping sent before the freeze may still be on its way to the file
	before=$(pings)
	sleep 2        # eight intervals
	after=$(pings)
	if [ "$after" -eq "$before" ]; then ok watchdog_stops_when_ui_hangs
	else fail watchdog_stops_when_ui_hangs "$((after - before)) pings while frozen"; fi
else
	fail watchdog_stops_when_ui_hangs "the loop never froze: $(tail -2 "$ERR")"
fi
frozen=$(pings)
rm -f "$FREEZE"
if wait_for '^WATCHDOG=1$' "$MSGS" $((frozen + 2)); then ok watchdog_resumes
else fail watchdog_resumes "no ping after the loop ran again"; fi
kill $KPID 2>/dev/null; wait $KPID 2>/dev/null

# an upgrade: the program file replaced (a new file renamed over it, as dpkg does)
mkdir -p "$WORK/bin"
cp "$KIOSK" "$WORK/bin/kiosk"
: >"$MSGS"
NOTIFY_SOCKET=$SOCK SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software "$WORK/bin/kiosk" \
	--config "$CFG" 2>"$WORK/upgrade.err" &
KPID=$!
wait_for '^READY=1$' "$MSGS" 1
cp "$KIOSK" "$WORK/bin/kiosk.new" && echo >>"$WORK/bin/kiosk.new" && mv "$WORK/bin/kiosk.new" "$WORK/bin/kiosk"
if wait_for 'a new version of the program is installed' "$WORK/upgrade.err" 1 &&
	wait_for '^READY=1$' "$MSGS" 2 && kill -0 $KPID 2>/dev/null; then ok upgrade_taken_between_citizens
else fail upgrade_taken_between_citizens "$(tail -2 "$WORK/upgrade.err" | tr '\n' '|')"; fi
exe=$(readlink /proc/$KPID/exe)
if [ "$exe" = "$WORK/bin/kiosk" ] && cmp -s "$exe" "$WORK/bin/kiosk"; then ok runs_the_new_file
else fail runs_the_new_file "the process runs '$exe'"; fi
# a downgrade: the file replaced by a program that reads schema 3 at most
printf '#!/bin/sh\necho 3\n' >"$WORK/bin/kiosk.old" && chmod +x "$WORK/bin/kiosk.old"
mv "$WORK/bin/kiosk.old" "$WORK/bin/kiosk"
if wait_for 'reads databases up to schema 3, this kiosk.s is at [0-9]*: not restarting on it' "$WORK/upgrade.err" 1 &&
	wait_for '^READY=1$' "$MSGS" 2 && kill -0 $KPID 2>/dev/null && [ "$(grep -c '^READY=1$' "$MSGS")" -eq 2 ]; then
	ok older_program_refused_kiosk_serves_on
else fail older_program_refused_kiosk_serves_on "$(tail -2 "$WORK/upgrade.err" | tr '\n' '|')"; fi
kill $KPID 2>/dev/null; wait $KPID 2>/dev/null

# journald: priority prefixes, no time of the kiosk's own
if grep -q '^<4>warn UI loop frozen by the test hook$' "$ERR" && grep -q '^<6>info ' "$ERR" &&
	! grep -q '^[0-9]\{4\}-' "$ERR"; then ok journal_priority_prefixes
else fail journal_priority_prefixes "$(grep -v '^kiosk:' "$ERR" | head -3 | tr '\n' '|')"; fi
# stderr redirected elsewhere by a shell: JOURNAL_STREAM no longer names it, plain lines
JOURNAL_STREAM=$stream timeout 60 "$KIOSK" --config "$CFG" --check-config >/dev/null 2>"$WORK/plain.err"
JOURNAL_STREAM=$stream SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software timeout 60 "$KIOSK" \
	--config "$CFG" --exit-after-first-frame >/dev/null 2>"$WORK/plain.err"
if grep -q '^[0-9]\{4\}-[0-9-]*T[0-9:]*Z info ' "$WORK/plain.err" && ! grep -q '^<' "$WORK/plain.err"; then
	ok plain_lines_off_the_journal
else fail plain_lines_off_the_journal "$(head -2 "$WORK/plain.err" | tr '\n' '|')"; fi
# without a notify socket nothing is sent and the kiosk serves as before
n=$(wc -l <"$MSGS")
SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software timeout 60 "$KIOSK" --config "$CFG" \
	--exit-after-first-frame >/dev/null 2>"$WORK/nosock.err"
rc=$?
if [ $rc -eq 0 ] && [ "$(wc -l <"$MSGS")" -eq "$n" ]; then ok no_socket_no_messages
else fail no_socket_no_messages "exit $rc, $(($(wc -l <"$MSGS") - n)) messages"; fi
finish
