#!/bin/sh
# Fleet health in the heartbeat, against the reference central server over mutual TLS: the
# body the server stored carries the free disk where the database is, the database's size
# and the client certificate's expiry, each as the machine and the certificate say.
. tests/it/lib.sh
. tests/it/lib-central.sh
plan 4

sh tools/devca.sh "$CERTS" >/dev/null
start hb
cfg=$(mkcfg "$WORK/k" "[sync]" "url = https://localhost:$PORT" "ca = $CERTS/ca.pem" "cert = $CERTS/kiosk.pem" \
	"key = $CERTS/kiosk.key" "timeout_ms = 3000")
timeout 60 "$KIOSK" --config "$cfg" --sync-once >"$WORK/once.out" 2>&1
check heartbeat_sent test "$(sql "$WORK/hb.db" "select count(*) from heartbeats")" -eq 1
field() { sql "$WORK/hb.db" "select json_extract(body, '\$.health.$1') from heartbeats"; }

want=$(date -d "$(openssl x509 -in "$CERTS/kiosk.pem" -noout -enddate | sed 's/notAfter=//')" +%s)
got=$(field cert_not_after)
[ "$got" = "$want" ] && ok cert_expiry_reported || fail cert_expiry_reported "got '$got', certificate says $want"

free=$(df -Pm "$WORK/k/var" | awk 'NR == 2 { print $4 }')
got=$(field disk_free_mb)
# the disk is shared: within 1 % (and 64 MB) of what df says a moment later
if [ -n "$got" ] && [ "$got" -gt 0 ] && [ $((got > free ? got - free : free - got)) -le $((free / 100 + 64)) ]; then
	ok disk_free_reported
else fail disk_free_reported "got '$got' MB, df says $free MB"; fi

db=$(($(stat -c %s "$WORK/k/var/kiosk.db") / 1024))
got=$(field db_kb)
if [ -n "$got" ] && [ "$got" -ge "$db" ] && [ "$got" -gt 0 ]; then ok db_size_reported
else fail db_size_reported "got '$got' kB, the file has $db kB"; fi
finish
