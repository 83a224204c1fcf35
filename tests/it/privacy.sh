#!/bin/sh
# One privacy rule for every output (firmware/privacy.h, docs/privacy.md): a citizen's ID
# card held to the scanner, and ID numbers hidden in a lookup URL (inside the MHS value, in
# the path, in user information), through `kiosk --decode-image`, the scan screen (wedge,
# a picture dropped on the image driver), the log, the database, `--check-config` and the
# lookup probe. None may show the ID number, the name or the address; the scan screen says
# "this is your ID card" and keeps nothing.
. tests/it/lib.sh
plan 19

GEN=$B/receiptgen
ID=079123456789
NAME="Nguyễn Thị Hồng Nhung"
ADDR="Số 12 ngõ 34 Hàng Bạc, Hoàn Kiếm, Hà Nội"
CARD="$ID|012345678|$NAME|05071988|Nữ|$ADDR|20042021"
# every personal piece, as extended regexes: the ID numbers, the name, the birth date, the address
PERSONAL="$ID|012345678|Nhung|Hồng|05071988|Hàng Bạc|Hoàn Kiếm"

# leak FILE...: none of the personal pieces is in the files
leak() { ! grep -aEq -- "$PERSONAL" "$@"; }

# ---- --decode-image ---------------------------------------------------------------------
gen() { "$GEN" --per 1 --payload "$2" "$WORK/$1" >/dev/null 2>"$WORK/$1.err"; }
gen card "$CARD"
check receiptgen_utf8_payload_in_qr test "$(awk -F'\t' '$3 == "QR-Code"' "$WORK/card/manifest.tsv" | wc -l)" -gt 0
"$GEN" --per 1 --payload "$(printf 'A\377B')" "$WORK/bad8" >/dev/null 2>"$WORK/bad8.err"
check receiptgen_refuses_bad_utf8 sh -c "test $? = 2 && grep -q 'UTF-8' '$WORK/bad8.err'"
gen mhs "https://dvc.example.vn/tra-cuu?MHS=000.00.01.H29-240115-0001%26SGT%3D$ID"
gen path "https://dvc.example.vn/tra-cuu/$ID?MHS=000.00.01.H29-240115-0001"
gen user "https://$ID@dvc.example.vn/?maHoSo=000.00.01.H29-240115-0001"
gen bare "$ID"
# the first clean QR code of each set (ASCII payloads come as CODE128 too)
qr() { echo "$WORK/$1/$(awk -F'\t' '$2 == "clean" && $3 == "QR-Code" { print $1; exit }' "$WORK/$1/manifest.tsv")"; }
for d in card mhs path user bare; do qr $d; done >"$WORK/files"
xargs "$KIOSK" --decode-image <"$WORK/files" >"$WORK/decode.out" 2>"$WORK/decode.err"
check privacy_decode_image_runs test "$(wc -l <"$WORK/decode.out")" = 5
check privacy_decode_image_nothing_personal leak "$WORK/decode.out" "$WORK/decode.err" \
	"$WORK"/*.err
card_len=$(printf '%s' "$CARD" | wc -c)
check privacy_decode_image_id_card test "$(sed -n 1p "$WORK/decode.out" | cut -f3,4)" = \
	"[id card, $card_len bytes]	-"
check privacy_decode_image_hidden_in_mhs test "$(sed -n 2p "$WORK/decode.out" | cut -f3,4)" = \
	"[text, $(printf '%s' "https://dvc.example.vn/tra-cuu?MHS=000.00.01.H29-240115-0001%26SGT%3D$ID" | wc -c) bytes]	-"
check privacy_decode_image_id_in_path test "$(sed -n 3p "$WORK/decode.out" | cut -f3,4)" = \
	"https://dvc.example.vn/...?MHS=000.00.01.H29-240115-0001	000.00.01.H29-240115-0001"
check privacy_decode_image_id_in_user test "$(sed -n 4p "$WORK/decode.out" | cut -f3)" = \
	"https://dvc.example.vn?maHoSo=000.00.01.H29-240115-0001"
check privacy_decode_image_bare_id test "$(sed -n 5p "$WORK/decode.out" | cut -f3,4)" = \
	"[id card, 12 bytes]	-"

# ---- the scan screen: a wedge scan, a dropped picture --------------------------------------
cfg=$(mkcfg "$WORK/k" "[scanner]" "driver = image")
cat >"$WORK/k.script" <<S
clock 2026-11-23 09:00
tap lookup
wait 500
expect screen scan
scan $CARD
expect screen scan
expect refused scan_refused_id_card
screenshot scan-id-card
scan $ID
expect refused scan_refused_id_card
drop $(qr card)
expect screen scan
expect refused scan_refused_id_card
scan https://dvc.example.vn/tra-cuu?MHS=000.00.01.H29-240115-0001%26SGT%3D$ID
expect refused scan_refused_not_code
tap lang
wait 500
scan $CARD
expect refused scan_refused_id_card
screenshot scan-id-card-en
S
kiosk_script "$cfg" "$WORK/k.script" "$WORK/shots" >"$WORK/k.log" 2>&1
check privacy_scan_screen_says_id_card test $? = 0
check privacy_scan_log_nothing_personal leak "$WORK/k.log"
check privacy_scan_database_nothing_personal sh -c "sqlite3 '$WORK/k/var/kiosk.db' .dump >'$WORK/k.dump' && ! grep -aEq -- '$PERSONAL' '$WORK/k.dump'"
check privacy_scan_no_lookup_no_event test "$(sql "$WORK/k/var/kiosk.db" "select count(*) from outbox where kind not like 'health.%'")" = 0
check privacy_scan_screenshot_written test -s "$WORK/shots/scan-id-card.png"

# ---- --check-config: a value quoted back in an error ------------------------------------------
printf '[kiosk]\nkiosk_id = KIOSK|%s\n' "$ID" >"$WORK/bad.ini"
"$KIOSK" --config "$WORK/bad.ini" --check-config >"$WORK/cc.out" 2>"$WORK/cc.err"
check privacy_check_config_refuses test $? -ne 0
check privacy_check_config_error_said grep -q 'kiosk_id' "$WORK/cc.err"
check privacy_check_config_nothing_personal leak "$WORK/cc.out" "$WORK/cc.err"

# ---- the lookup probe, asked about an ID number -----------------------------------------------
pcfg=$(mkcfg "$WORK/p" "[sync]" "lookup_fixture = tests/data/status-lookup.json")
"$B/lookup_probe" --config "$pcfg" "dossier:$ID" >"$WORK/probe.out" 2>"$WORK/probe.err"
check privacy_probe_shows_kind grep -q '^dossier \[id card, 12 bytes\] ' "$WORK/probe.out"
check privacy_probe_nothing_personal leak "$WORK/probe.out" "$WORK/probe.err"

finish
