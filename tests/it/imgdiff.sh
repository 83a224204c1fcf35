#!/bin/sh
# The golden comparison itself (tests/tools/imgdiff.c) against realistic breakage that a
# looser comparison let through: a grave missing from one word of body text, every mark
# missing from a line of the printed ticket's preview (both rendered by the real kiosk from a
# changed catalogue or config), green instructions turned grey, the ticket number's blue turned
# violet, the whole screen washed out by +38 per channel (tests/tools/imgmutate.c on a golden).
# Each must differ; the same screen rendered twice must not.
. tests/it/lib.sh
plan 9

IMGDIFF=$B/imgdiff
MUTATE=$B/imgmutate
G=tests/goldens

# differs NAME EXPECTED.png ACTUAL.png EXPECTED.boxes ACTUAL.boxes REGEX: imgdiff exits 1 and
# says REGEX
differs() {
	"$IMGDIFF" --boxes "$4" "$5" "$2" "$3" >"$WORK/$1.diff" 2>&1
	drc=$?
	[ $drc -eq 1 ] && grep -Eq -- "$6" "$WORK/$1.diff" && return 0
	echo "exit $drc: $(cat "$WORK/$1.diff")"
	return 1
}
# shot NAME SCRIPT CATALOG [INI LINES...]: the scripted kiosk's screenshots in $WORK/NAME/shots
shot() {
	sname=$1 sscript=$2 scat=$3
	shift 3
	scfg=$(mkcfg "$WORK/$sname" "$@")
	sed -i "s|^catalog = .*|catalog = $scat|" "$scfg"
	kiosk_script "$scfg" "$sscript" "$WORK/$sname/shots" >"$WORK/$sname.log" 2>&1 ||
		echo "kiosk: $(grep -m1 'error script' "$WORK/$sname.log")" >&2
}
INSIDE='DIFFERS: [1-9][0-9]* px differ by more than 2 inside text and pictures'

# 1. the officer directory with the test catalogue, twice, and with "Quầy 1" written "Quây 1"
printf 'clock 2026-11-23 09:00\ntap directory\nwait 500\nexpect screen directory\nscreenshot dir\n' >"$WORK/dir.txt"
CAT=tests/data/catalog-test.ini
shot dir1 "$WORK/dir.txt" $CAT
shot dir2 "$WORK/dir.txt" $CAT
sed 's/^name_vi = Quầy 1$/name_vi = Quây 1/' $CAT >"$WORK/grave.ini"
shot grave "$WORK/dir.txt" "$WORK/grave.ini"
d1=$WORK/dir1/shots/dir d2=$WORK/dir2/shots/dir gr=$WORK/grave/shots/dir
check imgdiff_same_screen_twice_is_same "$IMGDIFF" --boxes "$d1.boxes" "$d2.boxes" "$d1.png" "$d2.png"
check imgdiff_grave_missing_says_the_text differs grave "$d1.png" "$gr.png" "$d1.boxes" "$gr.boxes" 'what was drawn differs .*Quây 1'
# the pixels alone, as if the records had not changed: the grave is inside a text box
check imgdiff_grave_missing_in_the_pixels differs grave_px "$d1.png" "$gr.png" "$d1.boxes" "$d1.boxes" "$INSIDE.*Quầy 1"

# 2. a line of the printed ticket, "Quầy phục vụ" (the ticket's note here), without its marks:
# only the preview of the ticket changes, small
printf 'clock 2026-11-23 08:00\n%s\nwait 500\ntap prio_0\nwait 500\nexpect screen ticket\nscreenshot ticket\n' \
	"$(ticket_steps ho_tich A)" >"$WORK/ticket.txt"
shot note1 "$WORK/ticket.txt" $CAT "ticket_note = Quầy phục vụ"
shot note2 "$WORK/ticket.txt" $CAT "ticket_note = Quay phuc vu"
t1=$WORK/note1/shots/ticket t2=$WORK/note2/shots/ticket
check imgdiff_preview_line_without_marks differs note "$t1.png" "$t2.png" "$t1.boxes" "$t2.boxes" "$INSIDE.*\"ticket\""

# 3-5. colours and a washed-out screen, on the committed ticket golden: each channel moves less
# than 40, so none of these is a difference to a per-channel tolerance of 40
gt=$G/portrait-vi-ticket
box() { grep -P "^text\t.*\t\Q$1\E\$" "$gt.boxes" | cut -f2-5 | tr '\t' ' '; }
# shellcheck disable=SC2046
"$MUTATE" "$gt.png" "$WORK/grey.png" recolor $(box 'Vui lòng ngồi chờ và theo dõi màn hình gọi số. Khi số của quý khách hiện lên, mời đến quầy.') F4F6FA 1B5E20 3A3F47
check imgdiff_green_instructions_grey differs grey "$gt.png" "$WORK/grey.png" "$gt.boxes" "$gt.boxes" "$INSIDE.*Vui lòng ngồi"
# shellcheck disable=SC2046
"$MUTATE" "$gt.png" "$WORK/violet.png" recolor $(box A-001) F4F6FA 0D47A1 2E2A9E
check imgdiff_number_blue_to_violet differs violet "$gt.png" "$WORK/violet.png" "$gt.boxes" "$gt.boxes" "$INSIDE.*A-001"
"$MUTATE" "$gt.png" "$WORK/washed.png" wash 38
check imgdiff_washed_out differs washed "$gt.png" "$WORK/washed.png" "$gt.boxes" "$gt.boxes" "$INSIDE.*elsewhere"
# the mutations really changed something the eye sees, and nothing else: the same image is same
check imgdiff_golden_against_itself "$IMGDIFF" --boxes "$gt.boxes" "$gt.boxes" "$gt.png" "$gt.png"
# a picture of another size
"$MUTATE" "$G/landscape-vi-ticket.png" "$WORK/land.png" wash 0
check imgdiff_other_size_differs differs size "$gt.png" "$WORK/land.png" "$gt.boxes" "$gt.boxes" '^DIFFERS: size 1080x1920, now 1920x1080'
finish
