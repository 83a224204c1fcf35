#!/bin/sh
# The script runner (ui/script.c) is strict: each script of tests/scripts/bad must fail, exit
# status 1, with "script FILE:LINE: MESSAGE" as its first line says ("# fails: LINE: REGEX",
# then "# config: INI LINE" lines for its configuration). A runner that let one of them pass
# would let a typo in any test pass too.
. tests/it/lib.sh

plan "$(ls tests/scripts/bad/*.script | wc -l)"
for s in tests/scripts/bad/*.script; do
	name=script_rejects_$(basename "$s" .script)
	head=$(sed -n '1s/^# fails: //p' "$s")
	line=${head%%:*}
	want=${head#*: }
	if [ -z "$head" ] || [ "$line" = "$head" ]; then
		fail "$name" "$s: first line must be \"# fails: LINE: REGEX\""
		continue
	fi
	dir=$WORK/$(basename "$s" .script)
	cfg=$(mkcfg "$dir")
	sed -n 's/^# config: //p' "$s" >>"$cfg"
	kiosk_script "$cfg" "$s" >"$dir/log" 2>&1
	rc=$?
	got=$(grep -m1 'error script ' "$dir/log" | sed 's/.*error script //')
	if [ $rc -ne 1 ]; then
		fail "$name" "exit status $rc, want 1: $(tail -2 "$dir/log")"
	elif ! printf '%s\n' "$got" | grep -Eq -- "^$s:$line: $want"; then
		fail "$name" "said \"$got\", want \"$s:$line: $want\""
	else
		ok "$name"
	fi
done
finish
