#!/bin/sh
# The test runner's own tests: tests/run.sh (or RUN_SH) in a scratch tree holding a unit
# binary with injected faults ($B/runner_inject, tests/runner/inject.c) and small scripts, one
# fault at a time. Each fault must turn the run red and say why; a clean tree stays green and
# counts what ran; a skip counts as a skip. The ASan cases need the sanitizer build
# (make test SANITIZE=1) and are skipped otherwise.
. tests/it/lib.sh

plan 13
RUN_SH=${RUN_SH:-tests/run.sh}
INJECT=$B/runner_inject

# tree NAME SCRIPT...: a scratch tree with the runner, lib.sh, the unit binary and the named
# scripts of this file (script_NAME functions below) as tests/it/NAME.sh.
tree() {
	t=$WORK/$1
	shift
	mkdir -p "$t/tests/it" "$t/tests/unit" "$t/build"
	cp "$RUN_SH" "$t/tests/run.sh"
	cp tests/it/lib.sh "$t/tests/it/lib.sh"
	cp tests/ticket-steps.sh tests/lsan.supp "$t/tests/"
	cp "$INJECT" "$t/build/unit_tests"
	for s in "$@"; do "script_$s" >"$t/tests/it/$s.sh"; done
}

script_pass() { printf '. tests/it/lib.sh\nplan 2\nok one\nok two\nfinish\n'; }
# a shell error half-way: the script dies with status 2, without a FAIL line
script_broken() { printf '. tests/it/lib.sh\nplan 2\nok one\necho "why-it-broke-7f3a" >&2\nif then\nok two\nfinish\n'; }
# a FAIL line, and the reason on stderr only
script_fails() { printf '. tests/it/lib.sh\nplan 2\nok one\necho "why-it-failed-91c2" >&2\nfail two "see stderr"\nfinish\n'; }
script_fail0() { printf '. tests/it/lib.sh\nplan 1\necho "FAIL one: said so"\nexit 0\n'; }
script_hangs() { printf '. tests/it/lib.sh\nplan 1\nsleep 100 &\necho $! >"$HANG_PID"\nwait\nok one\nfinish\n'; }
script_short() { printf '. tests/it/lib.sh\nplan 3\nok one\nexit 0\n'; }
script_noplan() { printf '. tests/it/lib.sh\nok one\nfinish\n'; }
script_skips() { printf '. tests/it/lib.sh\nplan 2\nok one\nskip two "no such device here"\nfinish\n'; }
# a child with an ASan error whose exit status the script ignores
script_asanchild() { printf '. tests/it/lib.sh\nplan 1\nT_INJECT=asan "$B/unit_tests" >/dev/null 2>&1\nok "did not look"\nfinish\n'; }

# runs NAME [ENV...]: the runner in tree NAME (30 s at most), output in $WORK/NAME.out
runs() {
	rname=$1
	shift
	# the outer run's TESTS and TEST_LOGS are not the scratch tree's
	(cd "$WORK/$rname" && env -u TESTS -u TEST_LOGS B=build SANITIZE="${SANITIZE:-0}" SUITE_TIMEOUT=3 "$@" \
		timeout 30 sh tests/run.sh >"$WORK/$rname.out" 2>&1)
	echo $? >"$WORK/$rname.rc"
}
rc() { cat "$WORK/$1.rc"; }
said() { grep -Eq -- "$2" "$WORK/$1.out"; }
last() { tail -1 "$WORK/$1.out"; }
# red NAME REGEX: the run failed by itself (not by the 30 s guard) and said REGEX
red() {
	r=$(rc "$1")
	[ "$r" -ne 0 ] && [ "$r" -ne 124 ] && said "$1" "$2" && return 0
	echo "exit $r; $(grep -E '^FAIL|passed' "$WORK/$1.out" | tail -3 | tr '\n' ' ')"
	return 1
}

# 1. a clean tree: green, and the count is what ran (5 unit tests and 2 checks)
tree green pass
runs green
check runner_green_when_all_pass sh -c "test $(rc green) -eq 0 && tail -1 '$WORK/green.out' | grep -q '^7 passed, 0 failed'"

# 2. a unit test that crashes half-way (2 of 5 ran; in the sanitizer build ASan takes the
# signal, reports it and aborts)
tree crash pass
runs crash T_INJECT=crash
check runner_red_unit_crash red crash '^FAIL suite unit: .*(signal SEGV|status 139|signal ABRT.*sanitizer reports: 1)'

# 3. a unit binary that exits 0 half-way
tree exit pass
runs exit T_INJECT=exit
check runner_red_unit_exits_early red exit '^FAIL suite unit: planned 5 checks, ran 2'

# 4. fewer unit tests registered than tests/unit defines
tree fewer pass
for i in 1 2 3 4 5 6; do echo "T_TEST(t$i) {}"; done >"$WORK/fewer/tests/unit/test_x.c"
runs fewer
check runner_red_unit_registers_fewer red fewer '^FAIL suite unit: planned 5 checks, fewer than the 6'

# 5. an ASan error in a unit test, and in a child whose status the script ignores
if [ "${SANITIZE:-0}" = 1 ]; then
	tree asan pass
	runs asan T_INJECT=asan
	check runner_red_unit_asan red asan '^FAIL suite unit: .*sanitizer reports: 1'
	check runner_shows_asan_report said asan 'heap-buffer-overflow'
	tree asanchild asanchild
	runs asanchild
	check runner_red_asan_in_ignored_child red asanchild '^FAIL suite asanchild: sanitizer reports: 1'
else
	skip runner_red_unit_asan "needs the sanitizer build (make test SANITIZE=1)"
	skip runner_shows_asan_report "needs the sanitizer build"
	skip runner_red_asan_in_ignored_child "needs the sanitizer build"
fi

# 6. a script that breaks half-way (a shell error), and one whose FAIL says why on stderr
tree broken broken
runs broken
check runner_red_script_broken red broken '^FAIL suite broken: exit status 2; planned 2 checks, ran 1'
tree fails fails
runs fails
check runner_red_script_fails_shows_stderr sh -c "test $(rc fails) -eq 1 && grep -q 'why-it-failed-91c2' '$WORK/fails.out' && tail -2 '$WORK/fails.out' | grep -q '^6 passed, 1 failed'"

# 7. a hanging script: stopped at the timeout, its children with it
tree hangs hangs
HANG_PID=$WORK/hang.pid
export HANG_PID
runs hangs
# gone: the sleeping child ends (the signal reaches it a moment after the runner goes on)
gone() {
	p=$(cat "$HANG_PID") i=0
	while [ $i -lt 50 ]; do
		case $(ps -o stat= -p "$p" 2>/dev/null) in '' | Z*) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	echo "the script's child $p still runs"
	return 1
}
check runner_red_script_hangs red hangs '^FAIL suite hangs: timed out after 3 s'
check runner_stops_the_hung_scripts_children gone

# 8. a script that stops before its plan, and one without a plan
tree short short noplan fail0
runs short
check runner_red_script_short_or_unplanned sh -c "test $(rc short) -eq 1 && grep -q '^FAIL suite short: planned 3 checks, ran 1' '$WORK/short.out' && grep -q '^FAIL suite noplan: 0 plan lines' '$WORK/short.out' && grep -q '^FAIL suite fail0: 1 FAIL lines but exit status 0' '$WORK/short.out'"

# 9. a skip is a skip: the run is green and says so
tree skips skips
runs skips
check runner_counts_skips sh -c "test $(rc skips) -eq 0 && tail -1 '$WORK/skips.out' | grep -q '^6 passed, 0 failed, 1 skipped$'"
finish
