#!/bin/sh
# The kiosk's sync client against the reference central server over real mutual TLS on
# loopback: central down then up (every event arrives exactly once), the central system's
# clock days ahead or behind, injected failures, a
# replayed reply, certificate refusals on both sides, and kill -9 in the middle of a drain.
. tests/it/lib.sh
. tests/it/lib-central.sh
plan 39

sh tools/devca.sh "$CERTS" >/dev/null

# kcfg DIR URL [INI LINES...]: a kiosk config whose [sync] points at URL.
# CLIENT (default kiosk) names the client certificate; "none" leaves it out.
kcfg() {
	d=$1 u=$2
	shift 2
	if [ "${CLIENT:-kiosk}" = none ]; then
		mkcfg "$d" "[sync]" "url = $u" "ca = $CERTS/ca.pem" "timeout_ms = 3000" "$@"
	else
		mkcfg "$d" "[sync]" "url = $u" "ca = $CERTS/ca.pem" "cert = $CERTS/${CLIENT:-kiosk}.pem" \
			"key = $CERTS/${CLIENT:-kiosk}.key" "timeout_ms = 3000" "$@"
	fi
}
unsent() { sql "$1/var/kiosk.db" "select count(*) from outbox where sent_at is null"; }
total() { sql "$1/var/kiosk.db" "select count(*) from outbox"; }
# stats FIELD: from the server on $PORT (the test's own read: -k, since some of these
# servers present certificates the kiosk must refuse)
stats() {
	timeout 10 curl -sS -k --cert "$CERTS/kiosk.pem" \
		--key "$CERTS/kiosk.key" "https://localhost:$PORT/api/v1/admin/stats" |
		python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"
}
once() { timeout 60 "$KIOSK" --config "$1" --sync-once >"$WORK/once.out" 2>&1; }
said() { grep -q "$1" "$WORK/once.out"; }

{
	echo "clock 2026-11-23 09:00"
	ticket_steps chung_thuc K 2
	echo "expect printed 2"
} >"$WORK/tickets.txt"

# 1. central down: tickets still issue, events wait, nothing is lost
cfg=$(kcfg "$WORK/a" https://localhost:1)
check sync_kiosk_serves_while_central_down kiosk_script "$cfg" "$WORK/tickets.txt"
n=$(total "$WORK/a")
once "$cfg"
check sync_down_fails_clearly test $? -eq 1 -a -n "$(grep -i 'connection refused\|could not connect' "$WORK/once.out")"
check sync_down_keeps_everything test "$(unsent "$WORK/a")" = "$n" -a "$n" -ge 4

# 2. central up: every event arrives, exactly once, also after a second pass
start main
sed -i "s|^url = .*|url = https://localhost:$PORT|" "$cfg"
once "$cfg"
check sync_up_drains test $? -eq 0 -a "$(unsent "$WORK/a")" = 0
check sync_exactly_once test "$(stats events)" = "$n" -a "$(stats distinct_ids)" = "$n"
check sync_server_holds_the_outbox same_events "$WORK/a/var/kiosk.db" "$WORK/main.db"
once "$cfg"
check sync_second_pass_sends_nothing test "$(stats events)" = "$n"

# 2b. the central system's clock two days ahead, then two days behind: the kiosk never compares
# clocks, so every event still arrives once and the heartbeat is taken
skew() { # NAME SECONDS
	start "$1" --skew-s "$2"
	mkdir -p "$WORK/$1/var" && cp "$WORK/a/var/kiosk.db" "$WORK/$1/var/kiosk.db"
	sqlite3 "$WORK/$1/var/kiosk.db" "update outbox set sent_at = null"
	c=$(kcfg "$WORK/$1" "https://localhost:$PORT")
	once "$c"
	check "sync_skew_$1_drains" test $? -eq 0 -a "$(unsent "$WORK/$1")" = 0
	check "sync_skew_$1_exactly_once" test "$(stats events)" = "$n" -a "$(stats distinct_ids)" = "$n"
	check "sync_skew_$1_heartbeat" test "$(stats heartbeats)" = 1
	check "sync_skew_$1_same_events" same_events "$WORK/$1/var/kiosk.db" "$WORK/$1.db"
}
skew ahead 172800
skew behind -172800

# 3. the kiosk refuses a central system it cannot trust, and says why
refuse() { # NAME SERVER-CERT
	name=$1 cert=$2
	start "$name" --server-cert "$cert"
	c=$(kcfg "$WORK/$name" "https://localhost:$PORT")
	mkdir -p "$WORK/$name/var" && cp "$WORK/a/var/kiosk.db" "$WORK/$name/var/kiosk.db"
	sqlite3 "$WORK/$name/var/kiosk.db" "update outbox set sent_at = null"
	once "$c"
	check "sync_refuses_$name" test $? -eq 1 -a "$(stats events)" = 0 -a "$(unsent "$WORK/$name")" = "$n"
}
refuse expired expired-server
check sync_expired_says_certificate said 'certificate'
refuse wrong_host wrong-host-server
refuse other_ca other-server
# a link configured without this kiosk's certificate is a config error, said at start-up
cfg_nc=$(CLIENT=none kcfg "$WORK/nc" "https://localhost:$PORT")
once "$cfg_nc"
check sync_no_client_cert_is_config_error test $? -eq 2 -a -n "$(grep 'kiosk.ini:[0-9]*: \[sync\] url: needs ca, cert and key' "$WORK/once.out")"
CLIENT=other-kiosk refuse client_from_other_ca server
# the first heartbeat that gets through tells the central system why the kiosk was silent, once
start told
c=$(kcfg "$WORK/expired" "https://localhost:$PORT")
once "$c"
check sync_heartbeat_tells_last_error sh -c "sqlite3 '$WORK/told.db' 'select body from heartbeats' | grep -q '\"last_error\": {\"reason\": \"[a-z]*: [^\"]*certificate'"
once "$c"
check sync_last_error_told_once sh -c "! sqlite3 '$WORK/told.db' 'select body from heartbeats' | grep -q last_error"

# 4. injected failures: nothing marked sent on a bad answer, nothing doubled on the retry
flaky() { # NAME SERVER-ARGS...
	name=$1
	shift
	start "$name" "$@"
	c=$(kcfg "$WORK/$name" "https://localhost:$PORT" "batch = 2")
	mkdir -p "$WORK/$name/var" && cp "$WORK/a/var/kiosk.db" "$WORK/$name/var/kiosk.db"
	sqlite3 "$WORK/$name/var/kiosk.db" "update outbox set sent_at = null"
	once "$c"
	check "sync_${name}_fails_first" test $? -eq 1 -a "$(unsent "$WORK/$name")" = "$n"
}
flaky busy --fail-first 1 --retry-after 1
once "$c"
check sync_busy_then_exactly_once test $? -eq 0 -a "$(stats distinct_ids)" = "$n" -a "$(unsent "$WORK/busy")" = 0
check sync_busy_then_same_events same_events "$WORK/busy/var/kiosk.db" "$WORK/busy.db"
flaky cut --cut-first 1
once "$c"
check sync_lost_reply_then_exactly_once test $? -eq 0 -a "$(stats events)" = "$n" -a "$(unsent "$WORK/cut")" = 0
check sync_lost_reply_then_same_events same_events "$WORK/cut/var/kiosk.db" "$WORK/cut.db"
flaky malformed --malformed
flaky truncated --truncate
flaky huge --huge
# a reply that names the batch but counts fewer events than were sent: nothing marked sent
flaky short --short-counts
check sync_short_counts_said said 'reply counts [0-9]*+[0-9]* events, 2 were sent'
# a replayed reply marks only the batch it belongs to
start replay --replay
c=$(kcfg "$WORK/replay" "https://localhost:$PORT" "batch = 2")
mkdir -p "$WORK/replay/var" && cp "$WORK/a/var/kiosk.db" "$WORK/replay/var/kiosk.db"
sqlite3 "$WORK/replay/var/kiosk.db" "update outbox set sent_at = null"
once "$c"
check sync_replayed_reply_rejected test $? -eq 1 -a "$(unsent "$WORK/replay")" = $((n - 2)) -a "$(stats events)" = 2

# 5. kill -9 in the middle of draining a large backlog: nothing lost, nothing doubled
start big --slow-ms 50   # 40 batches take at least 2 s: the kill lands mid-drain
c=$(kcfg "$WORK/big" "https://localhost:$PORT")
mkdir -p "$WORK/big/var" && cp "$WORK/a/var/kiosk.db" "$WORK/big/var/kiosk.db"
sqlite3 "$WORK/big/var/kiosk.db" "update outbox set sent_at = null;
	with recursive k(i) as (select 1 union all select i + 1 from k where i < 20000)
	insert into outbox (event_id, kind, body, created_at)
	select lower(hex(randomblob(16))), 'health.printer', '{\"printer\":\"ready\"}', 1795366800 + i from k;"
big=$(total "$WORK/big")
"$KIOSK" --config "$c" --sync-once >/dev/null 2>&1 &
kp=$!
# the kill lands once the server holds part of the backlog (polled, at most 30 s)
i=0
while [ "$(stats events)" -lt 1000 ] && [ $i -lt 300 ] && kill -0 $kp 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
kill -9 $kp 2>/dev/null
wait $kp 2>/dev/null
part=$(stats events)
echo "sync: killed after $part of $big events reached the server" >&2
check sync_kill_landed_mid_drain test "$part" -ge 1000 -a "$part" -lt "$big"
once "$c"
check sync_kill_then_resume test $? -eq 0 -a "$(unsent "$WORK/big")" = 0
check sync_kill_nothing_lost_or_doubled test "$(stats events)" = "$big" -a "$(stats distinct_ids)" = "$big"
check sync_kill_then_same_events same_events "$WORK/big/var/kiosk.db" "$WORK/big.db"
finish
