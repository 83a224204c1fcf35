# Shared helpers for the integration tests (sourced). A script declares how many checks it
# runs (plan N, before the first), and each check prints "ok NAME", "FAIL NAME: why" or
# "skip NAME: why"; tests/run.sh counts those lines and fails a script that runs another
# number of checks than it planned, exits non-zero, or runs out of time.
B=${B:-build}
. tests/ticket-steps.sh
KIOSK=${KIOSK:-$B/kiosk}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-it.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
PASSED=0
FAILED=0
SKIPPED=0

# plan N: the number of checks this script runs, whatever happens in it.
plan() { echo "plan $1"; }
ok() { echo "ok   $1"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL $1: $2"; FAILED=$((FAILED + 1)); }
# skip NAME WHY: a check that cannot run here, said so (counted apart from passes).
skip() { echo "skip $1: $2"; SKIPPED=$((SKIPPED + 1)); }

# check NAME COMMAND...: passes when the command exits 0.
check() {
	name=$1; shift
	if "$@" >"$WORK/check.out" 2>&1; then ok "$name"; else fail "$name" "$(tail -3 "$WORK/check.out")"; fi
}

# mkcfg DIR [INI LINES...]: a test config with its own var dir and the test catalogue.
# Extra lines go at the end of [kiosk] unless they start a section themselves.
mkcfg() {
	dir=$1; shift
	mkdir -p "$dir"
	{
		echo "[kiosk]"
		echo "var_dir = $dir/var"
		echo "catalog = tests/data/catalog-test.ini"
		for line in "$@"; do echo "$line"; done
	} >"$dir/kiosk.ini"
	echo "$dir/kiosk.ini"
}

# kiosk_script CONFIG SCRIPT [SHOTS]: runs the scripted kiosk with a 60 s guard.
kiosk_script() {
	shots=${3:-$WORK/shots}
	mkdir -p "$shots"
	timeout 60 "$KIOSK" --config "$1" --script "$2" --screenshots "$shots"
}

# sql DB QUERY: one value.
sql() { sqlite3 "$1" "$2"; }

finish() {
	echo "$(basename "$0" .sh): $PASSED passed, $FAILED failed, $SKIPPED skipped" >&2
	[ "$FAILED" -eq 0 ]
}

# For the kill loops (killloop.sh, soak/killloop-storage.sh).
sleep_ms() { sleep "$(($1 / 1000)).$(printf '%03d' $(($1 % 1000)))"; }
# collect_paper PRINTS PAPER RUN: after a killed run, the tickets it printed (PRINTS/*.bin) join
# the paper already out (PAPER); a number printed twice (a citizen's problem) is added to $dup,
# the run's newest ticket to $WORK/last-of-run
collect_paper() {
	last=$(ls -t "$1" 2>/dev/null | grep '\.bin$' | head -1)
	[ -n "$last" ] && echo "${last%.bin}" >>"$WORK/last-of-run"
	for f in "$1"/*.bin; do
		[ -f "$f" ] || continue
		b=$(basename "$f")
		[ -f "$2/$b" ] && dup="$dup ${b%.bin}"
		mv "$f" "$2/$b.$3"
		[ -f "$2/$b" ] || mv "$2/$b.$3" "$2/$b"
	done
	rm -f "$1"/*.png
}
