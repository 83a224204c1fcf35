#!/bin/sh
# The reference central server is strict where the protocol is (docs/protocol.md): JSON as
# RFC 8259 has it (no NaN or Infinity), no NUL in any string, only the event kinds the
# protocol defines, an event id unique per kiosk (another kiosk's id never makes this
# kiosk's event a "duplicate"), and a body that must arrive within its deadline however
# slowly it drips. Each case against the running server, with what it stored.
. tests/it/lib.sh
. tests/it/lib-central.sh
plan 9

# as KIOSK ARGS...: curl with that kiosk's certificate (kiosk or kiosk2)
as() {
	who=$1; shift
	timeout 20 curl -sS --max-time 18 --cacert "$CERTS/ca.pem" --cert "$CERTS/$who.pem" \
		--key "$CERTS/$who.key" -H 'Content-Type: application/json' "$@"
}
code() { who=$1; shift; as "$who" -o /dev/null -w '%{http_code}' "$@"; }
is() { want=$1; shift; got=$("$@"); [ "$got" = "$want" ] || { echo "got: $got"; return 1; }; }
ev() { echo "{\"kiosk\":\"$1\",\"events\":[{\"id\":\"$2\",\"kind\":\"$3\",\"at\":1795406400,\"body\":$4}]}"; }
stored() { sqlite3 "$WORK/main.db" "select count(*) from events"; }

check strict_devca timeout 20 sh tools/devca.sh "$CERTS"
check strict_server_starts start main
id=0000000000000000000000000000aaaa
check strict_nan_refused is 400 code kiosk -d "$(ev KIOSK-01 $id health.printer '{"x":NaN}')" "$URL/events"
check strict_infinity_refused is 400 code kiosk -d "$(ev KIOSK-01 $id health.printer '{"x":-Infinity}')" "$URL/events"
check strict_nul_in_kind_refused is 400 code kiosk -d "$(ev KIOSK-01 $id 'health.printer\u0000x' '{}')" "$URL/events"
check strict_unknown_kind_refused is 400 code kiosk -d "$(ev KIOSK-01 $id ticket.invented '{}')" "$URL/events"
check strict_refusals_stored_nothing is 0 stored
# KIOSK-02 sends an id first; KIOSK-01's own event with that id is new, not a duplicate
as kiosk2 -d "$(ev KIOSK-02 $id health.printer '{"printer":"ready"}')" "$URL/events" >/dev/null
check strict_duplicates_are_per_kiosk is '{"accepted":1,"duplicates":0}' as kiosk -d "$(ev KIOSK-01 $id health.printer '{"printer":"ready"}')" "$URL/events"
# a body of 60 bytes sent one a second: cut off at the deadline (10 s), not held for a minute
cat >"$WORK/slow.py" <<'PY'
import socket, ssl, sys, time
port, certs = int(sys.argv[1]), sys.argv[2]
ctx = ssl.create_default_context(cafile=certs + '/ca.pem')
ctx.load_cert_chain(certs + '/kiosk.pem', certs + '/kiosk.key')
s = ctx.wrap_socket(socket.create_connection(('localhost', port)), server_hostname='localhost')
s.sendall(b'POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n'
          b'Content-Length: 60\r\n\r\n')
s.settimeout(1.5)
reply = b''
for _ in range(60):
    try:
        s.sendall(b' ')
    except OSError:
        break
    try:
        reply += s.recv(4096)
    except socket.timeout:
        pass
    except OSError:
        break
    if b'\r\n\r\n' in reply:
        break
print(reply.split(b'\r\n')[0].decode())
PY
check strict_slow_body_cut_at_its_deadline sh -c "python3 '$WORK/slow.py' '$PORT' '$CERTS' | grep -q ' 408 '"
finish
