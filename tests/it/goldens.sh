#!/bin/sh
# Golden screenshots of every screen, in Vietnamese and English, portrait and landscape,
# rendered headless by the real application and compared with tests/goldens/*.png within a
# tolerance (tests/tools/imgdiff.c). `make goldens` (this script with --update) rewrites them:
# look at every image before committing it.
. tests/it/lib.sh

UPDATE=0
[ "${1:-}" = --update ] && UPDATE=1
IMGDIFF=$B/imgdiff

# shoot SET SCRIPT LANG [CONFIG LINES...]
shoot() {
	set_name=$1 script=$2 lang=$3
	shift 3
	dir=$WORK/$set_name
	cfg=$(mkcfg "$dir" "$@")
	if [ "$lang" = en ]; then
		sed 's/^@LANG@$/tap lang/' "$script" >"$dir/run.script"
	else
		sed '/^@LANG@$/d' "$script" >"$dir/run.script"
	fi
	if ! kiosk_script "$cfg" "$dir/run.script" "$dir/shots" >"$dir/log" 2>&1; then
		fail "golden_$set_name" "$(grep -m1 'error script' "$dir/log")"
		return
	fi
	for png in "$dir"/shots/*.png; do
		compare "$set_name-$(basename "$png")" "$png"
	done
}

compare() {
	echo "$1" >>"$WORK/produced"
	golden=tests/goldens/$1
	if [ $UPDATE -eq 1 ]; then
		cp "$2" "$golden" && ok "golden_${1%.png} (updated)"
	elif [ ! -f "$golden" ]; then
		fail "golden_${1%.png}" "no golden $golden: run make goldens and look at it"
	elif "$IMGDIFF" "$golden" "$2" >"$WORK/diff" 2>&1; then
		ok "golden_${1%.png}"
	else
		mkdir -p "$B/golden-failures" && cp "$2" "$B/golden-failures/$1"
		fail "golden_${1%.png}" "$(cat "$WORK/diff"); actual in $B/golden-failures/$1"
	fi
}

for lang in vi en; do
	shoot "portrait-$lang" tests/goldens/screens.script $lang
	shoot "landscape-$lang" tests/goldens/screens.script $lang "orientation = landscape"
	shoot "paperout-$lang" tests/goldens/paperout.script $lang \
		"[printer]" "driver = simulated" "simulate = paper-out"
	shoot "nearend-$lang" tests/goldens/nearend.script $lang \
		"[printer]" "driver = simulated" "simulate = near-end"
	shoot "printfail-$lang" tests/goldens/printer.script $lang \
		"[printer]" "driver = simulated" "simulate = fail-send"
	shoot "shown-$lang" tests/goldens/printer.script $lang "show_number_if_print_fails = true" \
		"[printer]" "driver = simulated" "simulate = fail-send"
	shoot "rate-$lang" tests/goldens/rate.script $lang \
		"[sync]" "lookup_fixture = tests/data/rating-lookup.json"
	shoot "rate-landscape-$lang" tests/goldens/rate-short.script $lang "orientation = landscape"
	shoot "rate5-$lang" tests/goldens/rate5.script $lang "[rating]" "levels = 5"
	shoot "ratelabels-$lang" tests/goldens/rate5.script $lang "[rating]" \
		"labels_vi = Rất hài lòng, Hài lòng, Chưa hài lòng" \
		"labels_en = Very satisfied, Satisfied, Not yet satisfied"
done

# every committed golden must still be produced
for g in tests/goldens/*.png; do
	grep -qx "${g##*/}" "$WORK/produced" 2>/dev/null || fail "golden_$(basename "$g" .png)" "no longer produced"
done
finish
