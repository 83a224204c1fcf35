#!/bin/sh
# Replays each fuzz target's corpus (tests/fuzz/corpus/NAME) through the target built without
# libFuzzer, so every input that ever mattered is checked on every run. `make fuzz` grows them.
. tests/it/lib.sh

for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	bin=$B/fuzz_${name}_replay
	if [ ! -x "$bin" ]; then
		fail "fuzz_$name" "$bin missing"
		continue
	fi
	# one ok line per corpus file comes from the replayer itself
	if ! timeout 120 "$bin" tests/fuzz/corpus/"$name"/* >"$WORK/out" 2>"$WORK/err"; then
		fail "fuzz_$name" "$(tail -3 "$WORK/err")"
	fi
	while read -r word rest; do
		[ "$word" = ok ] && ok "$rest"
	done <"$WORK/out"
done
finish
