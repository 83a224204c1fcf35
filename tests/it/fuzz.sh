#!/bin/sh
# Replays each fuzz target's corpus (tests/fuzz/corpus/NAME) through the target built without
# libFuzzer, so every input that ever mattered is checked on every run: one check per target,
# passed when every file of its corpus went through. `make fuzz` grows the corpora.
. tests/it/lib.sh

plan "$(ls tests/fuzz/fuzz_*.c | wc -l)"
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	bin=$B/fuzz_${name}_replay
	files=$(ls tests/fuzz/corpus/"$name" 2>/dev/null | wc -l)
	if [ ! -x "$bin" ]; then
		fail "fuzz_$name" "$bin missing"
	elif [ "$files" -eq 0 ]; then
		fail "fuzz_$name" "no corpus in tests/fuzz/corpus/$name"
	elif ! timeout 120 "$bin" tests/fuzz/corpus/"$name"/* >"$WORK/out" 2>"$WORK/err"; then
		fail "fuzz_$name" "stopped at $(grep '^replay: ' "$WORK/err" | tail -1 | cut -c9-): $(grep -v '^replay: ' "$WORK/err" | tail -3)"
	elif [ "$(cat "$WORK/out")" != "replayed $files" ]; then
		fail "fuzz_$name" "replayed $(cat "$WORK/out"), not $files files"
	else
		ok "fuzz_$name ($files corpus files)"
	fi
done
finish
