#!/bin/sh
# The link to the central system, before and during a connection:
#  - `--check-config` knows what it can: the URL's scheme, host and port; that the CA, the
#    certificate and the key exist, are readable, parse, are within their dates, that the
#    key matches the certificate and is not readable by every user; a world-readable key
#    also keeps the link off at start-up, where the kiosk still issues tickets;
#  - the server's certificate: one without subjectAltName, or marked CA:TRUE, is refused
#    like an expired one, a not yet valid one or one from an unknown issuer;
#  - last_error names the first exchange that failed and why, in the log's words, on
#    --sync-once and in the next heartbeat that gets through.
. tests/it/lib.sh
plan 36
. tests/it/lib-central.sh

sh tools/devca.sh "$CERTS" >/dev/null

# cc NAME INI-LINES...: --check-config on a config with those lines; output in NAME.out
cc() {
	ccname=$1
	shift
	c=$(mkcfg "$WORK/$ccname" "$@")
	"$KIOSK" --config "$c" --check-config >"$WORK/$ccname.out" 2>&1
}
link() { # the [sync] lines of a working link, with URL $1 and key file $2 (no blanks in a line:
	# they are split into mkcfg's arguments)
	echo "[sync]"; echo "url=$1"; echo "ca=$CERTS/ca.pem"
	echo "cert=$CERTS/kiosk.pem"; echo "key=${2:-$CERTS/kiosk.key}"
}
refused() { # NAME URL WHAT: --check-config refuses the URL and says WHAT
	cc "$1" "[sync]" "url = $2" "ca = $CERTS/ca.pem" "cert = $CERTS/kiosk.pem" \
		"key = $CERTS/kiosk.key"
	check "tls_url_$1" sh -c "test $? -ne 0 && grep -q '\[sync\] url: $3' '$WORK/$1.out'"
}

# ---- the URL ------------------------------------------------------------------------------
refused http "http://localhost:8443" "must start with https://"
refused ftp "ftp://localhost/" "must start with https://"
refused file "file:///etc/passwd" "must start with https://"
refused nohost "https://" "has no host name"
refused nohost_port "https://:8443" "has no host name"
refused port_big "https://localhost:99999" "the port must be 1..65535"
refused port_zero "https://localhost:0" "the port must be 1..65535"
refused port_word "https://localhost:https" "the port after .:. must be a number"
refused user "https://admin:secret@localhost:8443" "must not hold a user name"
refused query "https://localhost:8443/?x=1" "must not hold a query"
refused badhost "https://local_host:8443" "the host must be a name"
cc url_ok $(link "https://localhost:8443")
check tls_url_good_is_valid grep -q "configuration is valid" "$WORK/url_ok.out"
cc url_v6 $(link "https://[::1]:8443/gateway")
check tls_url_ipv6_and_path_valid grep -q "configuration is valid" "$WORK/url_v6.out"

# ---- the files ------------------------------------------------------------------------------
files() { # NAME CA CERT KEY: --check-config with those three
	cc "$1" "[sync]" "url = https://localhost:8443" "ca = $2" "cert = $3" "key = $4"
}
files nokey "$CERTS/ca.pem" "$CERTS/kiosk.pem" "$WORK/none.key"
check tls_files_missing_key sh -c "test $? -ne 0 && grep -q 'key $WORK/none.key: no such file' '$WORK/nokey.out'"
printf 'not a certificate\n' >"$WORK/junk.pem"
files junkca "$WORK/junk.pem" "$CERTS/kiosk.pem" "$CERTS/kiosk.key"
check tls_files_ca_not_pem sh -c "test $? -ne 0 && grep -q 'ca $WORK/junk.pem: holds no PEM certificate' '$WORK/junkca.out'"
files junkcert "$CERTS/ca.pem" "$WORK/junk.pem" "$CERTS/kiosk.key"
check tls_files_cert_not_pem sh -c "test $? -ne 0 && grep -q 'cert $WORK/junk.pem: is not a PEM certificate' '$WORK/junkcert.out'"
files dirkey "$CERTS/ca.pem" "$CERTS/kiosk.pem" "$CERTS"
check tls_files_key_unreadable sh -c "test $? -ne 0 && grep -q 'key $CERTS: is not an unencrypted PEM private key' '$WORK/dirkey.out'"
files mismatch "$CERTS/ca.pem" "$CERTS/kiosk.pem" "$CERTS/kiosk2.key"
check tls_files_key_mismatch sh -c "test $? -ne 0 && grep -q 'does not match the certificate' '$WORK/mismatch.out'"
files expired "$CERTS/ca.pem" "$CERTS/expired-server.pem" "$CERTS/expired-server.key"
check tls_files_cert_expired sh -c "test $? -ne 0 && grep -q 'cert .*expired' '$WORK/expired.out'"
cp "$CERTS/kiosk.key" "$WORK/open.key"
chmod 644 "$WORK/open.key"
files open "$CERTS/ca.pem" "$CERTS/kiosk.pem" "$WORK/open.key"
check tls_files_key_world_readable sh -c "test $? -ne 0 && grep -q 'key $WORK/open.key: readable by every user of this machine (mode 0644)' '$WORK/open.out'"
files good "$CERTS/ca.pem" "$CERTS/kiosk.pem" "$CERTS/kiosk.key"
check tls_files_good sh -c "test $? -eq 0 && grep -q 'configuration is valid' '$WORK/good.out'"

# a world-readable key at start-up: said, the link stays off, tickets are still issued
start main
c=$(mkcfg "$WORK/startkey" $(link "https://localhost:$PORT" "$WORK/open.key"))
{
	echo "clock 2026-11-23 09:00"
	ticket_steps chung_thuc K 1
	echo "expect printed 1"
} >"$WORK/one.txt"
kiosk_script "$c" "$WORK/one.txt" >"$WORK/startkey.log" 2>&1
check tls_start_world_readable_key_serves test $? = 0
check tls_start_world_readable_key_said grep -q "readable by every user.*the link to the central system stays off" "$WORK/startkey.log"
check tls_start_world_readable_key_not_used test "$(sql "$WORK/main.db" "select count(*) from events")" = 0

# ---- the server's certificate and last_error ---------------------------------------------------
{
	echo "clock 2026-11-23 09:00"
	ticket_steps chung_thuc K 1
} >"$WORK/t.txt"
# reason NAME [SERVER ARGS...]: a kiosk with one ticket's events, --sync-once against a server
# started with those arguments (none: a port nobody listens on); sets WHY to the first failure
reason() {
	rname=$1
	shift
	if [ "${1:-}" = closed ]; then
		url=https://localhost:1
	else
		start "$rname" "$@"
		url=https://localhost:$PORT
	fi
	# the ticket is taken without the link, so that --sync-once makes the first exchange
	c=$(mkcfg "$WORK/$rname")
	kiosk_script "$c" "$WORK/t.txt" >/dev/null 2>&1
	c=$(mkcfg "$WORK/$rname" $(link "$url") "timeout_ms=1000")
	timeout 60 "$KIOSK" --config "$c" --sync-once >"$WORK/$rname.out" 2>&1
	WHY=$(sed -n 's/^kiosk: sync failed: //p' "$WORK/$rname.out")
	KEPT=$(sql "$WORK/$rname/var/kiosk.db" "select value from kiosk_state where key = 'sync_error'")
}
expect_reason() { # NAME WANTED: both --sync-once and the kept reason say WANTED
	check "tls_reason_$1" test "$WHY|$KEPT" = "$2|$2"
}
reason expired --server-cert expired-server
expect_reason expired "events: server certificate expired"
reason future --server-cert future-server
expect_reason not_yet_valid "events: server certificate not yet valid"
reason otherca --server-cert other-server
expect_reason unknown_issuer "events: server certificate from an unknown issuer"
reason wronghost --server-cert wrong-host-server
expect_reason host_mismatch "events: host mismatch"
reason cnonly --server-cert cn-only-server
expect_reason no_san "events: server certificate has no subjectAltName"
check tls_no_san_nothing_sent test "$(sql "$WORK/cnonly.db" "select count(*) from events")" = 0
reason caleaf --server-cert ca-server
expect_reason ca_true "events: server certificate is a CA certificate"
check tls_ca_true_nothing_sent test "$(sql "$WORK/caleaf.db" "select count(*) from events")" = 0
reason closed closed
expect_reason refused "events: connection refused"
reason slow --slow-ms 3000
expect_reason timed_out "events: timed out"
# bytes past the Content-Length: the events are taken, the next reply on the connection is
# garbage (it was "URL is not https")
reason excess --excess
check tls_reason_excess_is_malformed test "$KEPT|${WHY#*: }" = "heartbeat: malformed reply|malformed reply"

# the next heartbeat that gets through tells the central system the first failure
start told
sed -i "s|^url=.*|url=https://localhost:$PORT|" "$WORK/expired/kiosk.ini"
timeout 60 "$KIOSK" --config "$WORK/expired/kiosk.ini" --sync-once >/dev/null 2>&1
check tls_heartbeat_last_error_is_first_failure test "$(sql "$WORK/told.db" \
	"select json_extract(body, '$.last_error.reason') from heartbeats")" = "events: server certificate expired"

finish
