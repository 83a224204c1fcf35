#!/bin/sh
# Runs every suite of checks (the unit binaries, then each integration script) and closes with
# one line "N passed, N failed, N skipped": N passed is the number of checks that ran and
# passed. Exit status 0 only when every suite passed. A suite fails, whatever its own lines
# say, when
#   - its exit status is not 0 (a crash, an abort, a FAIL),
#   - it runs out of time (SUITE_TIMEOUT seconds, default 600; 1800 with SANITIZE=1),
#   - it does not declare its plan ("plan N" on a line of its own) or runs another number of
#     checks than it planned (a unit binary plans what it registered, and registers at least
#     the T_TEST lines of its sources: tests/unit for build/unit_tests, tests/ui for
#     build/ui_tests),
#   - with SANITIZE=1, ASan, LSan or UBSan wrote a report from any process it started.
# Each suite's stdout, stderr and sanitizer reports are kept in $TEST_LOGS (default
# $B/test-logs); stderr and reports are shown when the suite fails.
#
# TESTS="unit tests/it/flow.sh ..." runs those suites only. tests/it/runner.sh tests this
# script itself against injected failures.
B=${B:-build}
export B
LOGS=${TEST_LOGS:-$B/test-logs}
case ${SANITIZE:-0} in 1) LIMIT=${SUITE_TIMEOUT:-1800} ;; *) LIMIT=${SUITE_TIMEOUT:-600} ;; esac
rm -rf "$LOGS"
mkdir -p "$LOGS" || exit 2
LOGS=$(cd "$LOGS" && pwd)
passed=0 failed=0 skipped=0 bad_suites=

if [ "${SANITIZE:-0}" = 1 ]; then
	# SDL and fontconfig keep caches for the process lifetime; those are not our leaks
	SAN_SUPP=$(pwd)/tests/lsan.supp
fi

# sanitizer_env NAME: every process of suite NAME writes its reports under $LOGS/NAME.san/
sanitizer_env() {
	[ "${SANITIZE:-0}" = 1 ] || return 0
	mkdir -p "$LOGS/$1.san"
	export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:log_path=$LOGS/$1.san/asan"
	export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$LOGS/$1.san/ubsan"
	export LSAN_OPTIONS="suppressions=$SAN_SUPP:print_suppressions=0"
}

# count FILE REGEX
count() { grep -c -- "$2" "$1"; }

# why_status RC: words for an exit status
why_status() {
	case $1 in
	124) echo "timed out after $LIMIT s" ;;
	137) echo "killed (SIGKILL), after a timeout or from outside" ;;
	13[0-9] | 1[4-9][0-9] | 2[0-5][0-9]) echo "exit status $1 (signal $(kill -l "$(($1 - 128))" 2>/dev/null || echo "$(($1 - 128))"))" ;;
	*) echo "exit status $1" ;;
	esac
}

# judge NAME RC MIN_PLAN: the suite's own lines and its end, against the rules above.
judge() {
	name=$1 rc=$2 min=$3 out=$LOGS/$1.out problems=
	ok=$(count "$out" '^ok ')
	fl=$(count "$out" '^FAIL')
	sk=$(count "$out" '^skip ')
	plans=$(count "$out" '^plan [0-9][0-9]*$')
	plan=$(sed -n 's/^plan \([0-9][0-9]*\)$/\1/p' "$out" | head -1)
	ran=$((ok + fl + sk))
	# exit status 1 with FAIL lines is those checks failing; anything else is the suite's own
	[ "$rc" -ne 0 ] && { [ "$rc" -ne 1 ] || [ "$fl" -eq 0 ]; } && problems="$problems; $(why_status "$rc")"
	[ "$rc" -eq 0 ] && [ "$fl" -gt 0 ] && problems="$problems; $fl FAIL lines but exit status 0"
	if [ "$plans" -ne 1 ]; then
		problems="$problems; $plans plan lines (want one: plan N)"
	elif [ "$ran" -ne "$plan" ]; then
		problems="$problems; planned $plan checks, ran $ran"
	elif [ "$plan" -lt "$min" ]; then
		problems="$problems; planned $plan checks, fewer than the $min its sources define"
	fi
	reports=$(find "$LOGS/$name.san" -type f 2>/dev/null | sort)
	[ -n "$reports" ] && problems="$problems; sanitizer reports: $(echo "$reports" | wc -l)"
	passed=$((passed + ok))
	failed=$((failed + fl))
	skipped=$((skipped + sk))
	[ "$rc" -ne 0 ] && bad_suites="$bad_suites $name"
	[ -z "$problems" ] && [ "$rc" -eq 0 ] && return 0
	if [ -n "$problems" ]; then
		problems=${problems#; }
		echo "FAIL suite $name: $problems"
		failed=$((failed + 1))
		case " $bad_suites " in *" $name "*) ;; *) bad_suites="$bad_suites $name" ;; esac
	fi
	if [ -s "$LOGS/$name.err" ]; then
		echo "-- stderr of $name (last 40 lines; all in $LOGS/$name.err):"
		tail -40 "$LOGS/$name.err"
	fi
	for f in $reports; do
		echo "-- $f:"
		head -60 "$f"
	done
	return 1
}

# suite NAME MIN_PLAN CMD...: runs CMD under the timeout, its stdout shown as it comes.
suite() {
	name=$1 min=$2
	shift 2
	echo "== $name"
	t0=$(date +%s)
	(
		sanitizer_env "$name"
		timeout -k 10 "$LIMIT" "$@" 2>"$LOGS/$name.err"
		echo $? >"$LOGS/$name.rc"
	) | tee "$LOGS/$name.out"
	rc=$(cat "$LOGS/$name.rc" 2>/dev/null || echo 255)
	judge "$name" "$rc" "$min"
	echo "== $name: $(($(date +%s) - t0)) s"
}

all_suites() {
	echo unit
	ls tests/ui/*.c >/dev/null 2>&1 && echo ui
	for t in tests/it/*.sh; do
		# the package's suites install it into the machine and take minutes: make test-deb
		case $t in */lib.sh | */lib-*.sh | */deb.sh | */apt.sh) continue ;; esac
		echo "$t"
	done
}

for s in ${TESTS:-$(all_suites)}; do
	case $s in
	unit)
		# every T_TEST line of tests/unit registers one test
		defined=$(cat tests/unit/*.c 2>/dev/null | grep -c '^T_TEST(')
		suite unit "$defined" "$B/unit_tests" ;;
	ui)
		# the same for the unit tests of what the screens use (tests/ui, with SDL)
		defined=$(cat tests/ui/*.c 2>/dev/null | grep -c '^T_TEST(')
		suite ui "$defined" "$B/ui_tests" ;;
	*) suite "$(basename "$s" .sh)" 0 sh "$s" ;;
	esac
done
echo "$passed passed, $failed failed, $skipped skipped"
if [ -n "$bad_suites" ]; then
	echo "failed suites:$bad_suites (logs in $LOGS)"
	exit 1
fi
exit 0
