#!/bin/sh
# Runs every test (unit binary, then each integration script) and closes with one line
# "N passed, N failed". Exit status 0 only when nothing failed.
B=${B:-build}
export B
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0

run() {
	echo "== $*"
	"$@" 2>"$out.err" | tee -a "$out" || { status=1; tail -20 "$out.err"; }
	rm -f "$out.err"
}

if [ "${SANITIZE:-0}" = 1 ]; then
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	# SDL and fontconfig keep caches for the process lifetime; those are not our leaks
	export LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0
fi
run "$B/unit_tests"
for t in tests/it/*.sh; do
	case $t in */lib.sh | */lib-*.sh) continue ;; esac
	run sh "$t"
done
passed=$(grep -c '^ok ' "$out")
failed=$(grep -c '^FAIL' "$out")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
