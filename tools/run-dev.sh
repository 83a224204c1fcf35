#!/bin/sh
# make run: the kiosk in a window with its embedded defaults, linked to the reference central
# system (tools/central_server.py) on loopback with development certificates (tools/devca.sh),
# so that a newcomer sees the outbox drain and the people-ahead figures move. The kiosk does
# not need the server: if it cannot start, the kiosk runs alone and says so in its log.
# usage: tools/run-dev.sh KIOSK [CONFIG]
set -u
kiosk=$1
config=${2:-}
if [ -n "$config" ]; then
	exec "$kiosk" --config "$config"
fi
mkdir -p var
sh tools/devca.sh var/certs >/dev/null || echo "run-dev: no development certificates" >&2
python3 tools/central_server.py --port 0 --certs var/certs --db var/central.db \
	>var/central.out 2>var/central.log &
server=$!
trap 'kill $server 2>/dev/null' EXIT INT TERM
port=
i=0
while [ $i -lt 50 ] && [ -z "$port" ]; do
	port=$(sed -n 's/^listening \([0-9]*\)$/\1/p' var/central.out 2>/dev/null)
	kill -0 $server 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
if [ -z "$port" ]; then
	echo "run-dev: the reference central server did not start (var/central.log); running alone" >&2
	"$kiosk"
	exit $?
fi
cat >var/kiosk-dev.ini <<INI
; written by tools/run-dev.sh for make run: the embedded defaults plus the local central system
[sync]
url = https://localhost:$port
ca = var/certs/ca.pem
cert = var/certs/kiosk.pem
key = var/certs/kiosk.key
heartbeat_s = 10
queue_s = 5
; the central system numbers the tickets; this kiosk falls back to 900..999 without it
numbering = central
reserved_from = 900
reserved_to = 999
[kiosk]
; the staff screen: five taps on the clock in the header, then this PIN (development only)
staff_pin = 1234
INI
echo "run-dev: central system on https://localhost:$port (log: var/central.log);" \
	"staff screen: five taps on the header clock, PIN 1234" >&2
"$kiosk" --config var/kiosk-dev.ini
