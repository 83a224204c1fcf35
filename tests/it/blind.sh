#!/bin/sh
# Voice guidance on the real scripted kiosk (espeak-ng, SDL's disk audio driver): the home
# screen's "Hướng dẫn bằng giọng nói" turns it on; then a first touch reads a button
# (tap-read) and a second touch within 4 s presses it. Taking a ticket, looking a dossier
# up and rating an officer this way; the words said come from the log (the catalogues' own,
# speech.h); nothing personal of the fixtures (owners' names, codes, officers' names, the
# comment) is ever said; the speech is heard (the audio file is not silence); the mode ends
# at idle.
. tests/it/lib.sh
plan 12

# bt ID: touch to hear, touch again to act
bt() { printf 'tap-read %s\nwait 500\ntap %s\nwait 500\n' "$1" "$1"; }
run() { # run NAME CONFIG SCRIPT
	SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$WORK/$1.raw" kiosk_script "$2" "$3" \
		"$WORK/$1-shots" >"$WORK/$1.log" 2>&1
}
said() { sed -n 's/.* voice: on \([a-z_]*\): "\(.*\)"$/\1: \2/p' "$WORK/$1.log"; }
cfg=$(mkcfg "$WORK/k" "[voice]" "enabled = true")

# 1. a ticket: home -> field -> service -> priority answer, each read then pressed
{
	echo "clock 2026-11-23 09:00"
	echo "tap voice"; echo "wait 500"
	bt take
	echo "expect screen fields"
	bt field_ho_tich
	echo "expect screen services"
	bt svc_A
	echo "expect screen priority"
	bt prio_0
	echo "wait 2000"
	echo "expect screen ticket"
	echo "expect printed 1"
	# the audio device plays at real time's pace: let the ticket's words be heard
	echo "hold 3000"
	# idle: back home, the mode ended: one touch presses again
	echo "wait 200000"
	echo "expect screen home"
	echo "tap take"; echo "wait 500"
	echo "expect screen fields"
} >"$WORK/ticket.script"
check blind_ticket_flow run ticket "$cfg" "$WORK/ticket.script"
said ticket >"$WORK/ticket.said"
check blind_ticket_read_out grep -qx 'ticket: Số thứ tự của quý khách. a, một. Đăng ký khai sinh. Quầy một, hai. Mời quý khách nhận vé ở khe máy in' "$WORK/ticket.said"
check blind_buttons_read sh -c "grep -qx 'home: Lấy số thứ tự' '$WORK/ticket.said' &&
	grep -qx 'fields: Hộ tịch' '$WORK/ticket.said' && grep -qx 'services: Đăng ký khai sinh' '$WORK/ticket.said' &&
	grep -qx 'priority: Không, lấy số thường' '$WORK/ticket.said' && grep -qx 'fields: Chọn lĩnh vực' '$WORK/ticket.said'"
# (the script's plain "tap take" after the idle pressed at once)
check blind_ends_at_idle grep -q 'assist: voice guidance off (idle)' "$WORK/ticket.log"
check blind_audio_heard python3 - "$WORK/ticket.raw" <<'PY'
import array, sys
a = array.array('h', open(sys.argv[1], 'rb').read())
loud = sum(1 for x in a if abs(x) > 1000)
assert loud > 2205, "%d loud samples of %d" % (loud, len(a))
PY

# 2. a dossier looked up: its status label and what to do, and nothing else of it
cfgl=$(mkcfg "$WORK/l" "[sync]" "lookup_fixture = tests/data/status-lookup.json" "[voice]" "enabled = true")
{
	echo "clock 2026-11-23 09:00"
	echo "tap voice"; echo "wait 500"
	bt lookup
	echo "expect screen scan"
	echo "scan 000.00.01.H29-261116-0009"
	echo "expect lookup found"
	echo "wait 500"
	echo "expect screen status"
} >"$WORK/lookup.script"
check blind_lookup_flow run lookup "$cfgl" "$WORK/lookup.script"
said lookup >"$WORK/lookup.said"
check blind_lookup_status_said grep -q '^status: Đã xử lý xong\. ' "$WORK/lookup.said"

# 3. an officer rated through the counters: read then pressed all the way to the thanks;
# the words said at each touch are checked in the script (the log does not hold them on the
# rating screens: they would tell which counter, officer, level and reason were chosen)
cfgr=$(mkcfg "$WORK/r" "[voice]" "enabled = true")
sd() { printf 'expect said %s\n' "$1"; }
{
	echo "clock 2026-11-23 09:00"
	echo "tap voice"; echo "wait 500"
	bt rate; sd "Đánh giá mức độ hài lòng"
	echo "tap-read by_counter"; sd "Chọn quầy và cán bộ"; echo "tap by_counter"; echo "wait 500"
	echo "tap-read counter_2"; sd "Quầy 2"; echo "tap counter_2"; echo "wait 500"
	sd "Cán bộ nào đã phục vụ?"
	# an officer's button: the name is a person's, nothing is said
	echo "tap-read officer_t02"; sd "Cán bộ nào đã phục vụ?"; echo "tap officer_t02"; echo "wait 500"
	echo "expect screen rate"
	echo "tap-read level_1"; sd "Không hài lòng"; echo "tap level_1"; echo "wait 500"
	echo "tap-read reason_guidance"; sd "Hướng dẫn không rõ, phải đi lại nhiều lần"
	echo "tap reason_guidance"
	bt comment
	echo "type Chowf laau quas, anh Traanf Vawn Minh"
	bt key_done
	sd "Vì sao quý khách chưa hài lòng?"
	echo "tap-read send"; sd "Gửi đánh giá"; echo "tap send"; echo "wait 500"
	echo "expect screen thanks"
	sd "Cảm ơn quý khách!"
	# the steps take well under a second of real time and SDL's disk driver writes at its
	# pace: the thanks is let play before the script ends
	echo "hold 2000"
} >"$WORK/rate.script"
check blind_rate_flow run rate "$cfgr" "$WORK/rate.script"
check blind_rate_not_in_log sh -c "! grep -q 'Quầy 2\|Không hài lòng\|Hướng dẫn không rõ\|Minh' '$WORK/rate.log' &&
	grep -q 'voice: on a rating screen' '$WORK/rate.log'"

# nothing personal in anything said: owners, codes, officers, the comment
cat "$WORK/ticket.said" "$WORK/lookup.said" >"$WORK/all.said"
check blind_no_personal_data sh -c "! grep -Ei 'Nguyễn|Trần|Lê Văn|H29|261116|Minh|Chờ lâu|KIOSK-01|[0-9]{4}' '$WORK/all.said'"
check blind_no_procedure_of_dossier sh -c "! grep '^status' '$WORK/lookup.said' | grep -q 'Đăng ký\|Cấp'"
check blind_rate_audio_heard python3 - "$WORK/rate.raw" <<'PY'
import array, sys
a = array.array('h', open(sys.argv[1], 'rb').read())
assert sum(1 for x in a if abs(x) > 1000) > 2205, "silent"
PY
finish
