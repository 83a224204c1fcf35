#!/bin/sh
# The last number before closing (a service's last_ticket_min in the catalogue; [unit] gives
# the default, tests/unit/test_catalog.c): the real scripted kiosk on the test catalogue with
# the numbers of services A and K ending 30 min before each closing. At 16:35 (both close at
# 17:00) the service list says numbers have ended today, a field none of whose services gives
# a number says when they start again, a tap explains until when numbers were given, and
# nothing is printed; at 16:29 a number is printed as usual.
. tests/it/lib.sh
plan 8

sed 's/^\[service\.\([AK]\)\]$/[service.\1]\nlast_ticket_min = 30/' tests/data/catalog-test.ini >"$WORK/catalog.ini"
cfg=$(mkcfg "$WORK/k" "catalog = $WORK/catalog.ini")
sed -i '0,/^catalog = tests/{/^catalog = tests/d}' "$cfg"
cat >"$WORK/late.script" <<'S'
clock 2026-11-23 16:35
tap take
wait 500
screenshot fields
tap field_ho_tich
wait 500
expect screen services
screenshot services
tap svc_A
wait 500
expect screen notice
expect notice closed
screenshot notice
expect printed 0
S
check lastticket_late_refused kiosk_script "$cfg" "$WORK/late.script" "$WORK/late"
# the field list: Hộ tịch still gives numbers; in Chứng thực, K's have ended and L has no
# hours on Mondays, so the field says when numbers start again
check lastticket_field_counts grep -q '	7 dịch vụ$' "$WORK/late/fields.boxes"
check lastticket_field_closed grep -q '	Ngoài giờ — mở lại 07:30 ngày mai$' "$WORK/late/fields.boxes"
check lastticket_list_says_ended grep -q 'Đã hết giờ lấy số hôm nay' "$WORK/late/services.boxes"
check lastticket_notice_says_until_when grep -q 'Hôm nay dịch vụ này cấp số đến 16:30, để kịp phục vụ mọi người trước giờ đóng cửa. Dịch vụ này sẽ nhận hồ sơ trở lại lúc 07:30 ngày mai' "$WORK/late/notice.boxes"
check lastticket_notice_title grep -q "	Đã hết giờ lấy số hôm nay$" "$WORK/late/notice.boxes"

rm -rf "$WORK/k/var"
cat >"$WORK/early.script" <<'S'
clock 2026-11-23 16:29
tap take
wait 500
tap field_ho_tich
wait 500
tap svc_A
wait 500
expect screen priority
tap prio_0
wait 500
expect screen ticket
expect printed 1
S
check lastticket_before_is_served kiosk_script "$cfg" "$WORK/early.script" "$WORK/early"
check lastticket_number_is_A001 test "$(sqlite3 "$WORK/k/var/kiosk.db" "select seq from tickets")" = 1
finish
