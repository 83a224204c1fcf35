#!/bin/sh
# The reference central system (tools/central_server.py) against docs/protocol.md, driven
# with curl over mutual TLS: idempotent events, heartbeat, queue, conditional catalogue,
# certificate checks on both sides, validation and injected failures.
. tests/it/lib.sh

. tests/it/lib-central.sh
plan 64
# the queue's "today" is the server's: one service day for the whole run
steady_day 240

# kc ARGS...: curl as KIOSK-01 with the pinned dev CA.
kc() {
	timeout 10 curl -sS --max-time 8 --cacert "$CERTS/ca.pem" \
		--cert "$CERTS/kiosk.pem" --key "$CERTS/kiosk.key" \
		-H 'Content-Type: application/json' "$@"
}
# code ARGS...: only the HTTP status of kc.
code() { kc -o /dev/null -w '%{http_code}' "$@"; }
# is EXPECTED CMD...: the command's output equals EXPECTED.
is() { want=$1; shift; got=$("$@"); [ "$got" = "$want" ] || { echo "got: $got"; return 1; }; }
# refused CMD...: the command fails.
refused() { ! "$@"; }
# pyjson EXPR: EXPR over the JSON on stdin (as d) is true.
pyjson() { python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if ($1) else 1)"; }

# --- certificates ---------------------------------------------------------------------------
check central_devca timeout 10 sh tools/devca.sh "$CERTS"
for f in ca server kiosk other-ca other-server other-kiosk expired-server wrong-host-server; do
	[ -s "$CERTS/$f.pem" ] || fail central_devca_files "$f.pem missing"
done
sum=$(cksum <"$CERTS/ca.pem")
check central_devca_idempotent sh -c "timeout 10 sh tools/devca.sh '$CERTS' && test \"\$(cksum <'$CERTS/ca.pem')\" = '$sum'"
check central_devca_chain openssl verify -CAfile "$CERTS/ca.pem" "$CERTS/server.pem" "$CERTS/kiosk.pem"
check central_devca_expired sh -c "openssl verify -CAfile '$CERTS/ca.pem' '$CERTS/expired-server.pem' 2>&1 | grep -q expired"
check central_devca_other_ca refused openssl verify -CAfile "$CERTS/ca.pem" "$CERTS/other-server.pem"

# --- the normal server ----------------------------------------------------------------------
check central_server_starts start main
now=$(date +%s)
day=$(local_day)
id1=00000000000000000000000000000001
id2=00000000000000000000000000000002
ev() { echo "{\"id\":\"$1\",\"kind\":\"ticket.issued\",\"at\":$2,\"body\":{\"service\":\"A\",\"day\":$day,\"seq\":$3,\"priority\":0,\"status\":0,\"issued_at\":$2,\"at\":$2,\"reason\":\"\"}}"; }
batch="{\"kiosk\":\"KIOSK-01\",\"events\":[$(ev $id1 $((now - 400)) 1),$(ev $id2 $((now - 10)) 2)]}"
check central_events_accepted is '{"accepted":2,"duplicates":0}' kc -d "$batch" "$URL/events"
check central_events_retry_duplicates is '{"accepted":0,"duplicates":2}' kc -d "$batch" "$URL/events"
check central_stats_exactly_once is '{"events":2,"distinct_ids":2,"by_kind":{"ticket.issued":2},"heartbeats":0}' kc "$URL/admin/stats"

hb='{"kiosk":"KIOSK-01","version":"0.3.0","uptime_s":3600,"printer":"ready","backlog":0,"time":1795366800}'
heartbeat_ok() { kc -d "$hb" "$URL/heartbeat" | grep -Eq '^\{"time":[0-9]+,"commands":\[\]\}$'; }
check central_heartbeat heartbeat_ok
check central_heartbeat_wrong_kiosk_403 is 403 code -d "$(echo "$hb" | sed s/KIOSK-01/KIOSK-02/)" "$URL/heartbeat"

kc -D "$WORK/queue.hdr" "$URL/queue" >"$WORK/queue.json"
# seq 1 was issued 400 s ago (called after 150 s), seq 2 10 s ago (not yet)
check central_queue_json pyjson "d['day'] == $day and d['services'] == {'A': {'last_called': 1, 'waiting': 1, 'avg_service_s': 300, 'open_counters': 2}}" <"$WORK/queue.json"
check central_queue_cache_control grep -qi '^cache-control: max-age=10' "$WORK/queue.hdr"

kc -D "$WORK/cat.hdr" "$URL/catalog" >"$WORK/cat.json"
etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\("[0-9a-f]*"\).*/\1/p' "$WORK/cat.hdr")
# the file as it is (it has its own counters and officers)
check central_catalog_body pyjson "d['format'] == 'ini' and d['catalog'] == open('config/catalog-demo.ini', encoding='utf-8').read()" <"$WORK/cat.json"
python3 -c "import json,sys; sys.stdout.write(json.load(sys.stdin)['catalog'])" <"$WORK/cat.json" >"$WORK/served.ini"
printf '[kiosk]\nvar_dir = %s/cat-var\ncatalog = %s/served.ini\n' "$WORK" "$WORK" >"$WORK/cat-kiosk.ini"
check central_catalog_valid_for_the_kiosk "$KIOSK" --config "$WORK/cat-kiosk.ini" --check-config
check central_catalog_etag_strong test "${#etag}" = 66
check central_catalog_304 is 304 code -H "If-None-Match: $etag" "$URL/catalog"
check central_catalog_stale_etag_200 is 200 code -H 'If-None-Match: "0000"' "$URL/catalog"

# --- the demo unit: dossiers, tickets served by officers, photos ------------------------------
kc "$URL/admin/dossiers" >"$WORK/dossiers.json"
check central_dossiers_every_status pyjson "sorted({x['status'] for x in d['dossiers']}) == list(range(1, 11))" <"$WORK/dossiers.json"
check central_dossiers_overdue_and_rescheduled pyjson "any(x['overdue'] and not x['rescheduled'] for x in d['dossiers']) and any(x['rescheduled'] and not x['overdue'] for x in d['dossiers']) and any(x['rescheduled'] and x['overdue'] for x in d['dossiers'])" <"$WORK/dossiers.json"
check central_dossier_codes_shaped pyjson "all(__import__('re').match(r'^[0-9A-Z.]+-[0-9]{6}-[0-9]{4,7}\Z', x['code']) for x in d['dossiers'])" <"$WORK/dossiers.json"
code1=$(python3 -c "import json,sys; print(json.load(sys.stdin)['dossiers'][0]['code'])" <"$WORK/dossiers.json")
kc "$URL/dossiers/$code1" >"$WORK/dossier.json"
check central_dossier_found pyjson "d['code'] == '$code1' and d['status'] == 1 and d['procedure']['vi'] and len(d['owner'].split()) >= 2 and isinstance(d['received_at'], int) and d['officer'].startswith('cb')" <"$WORK/dossier.json"
check central_dossier_url_encoded is 200 code "$URL/dossiers/$(echo "$code1" | sed 's/-/%2D/g; s/\./%2E/g')"
check central_dossier_not_found is '{"error":"not found"}' kc "$URL/dossiers/000.00.01.H29-200101-9999"
check central_dossier_404_status is 404 code "$URL/dossiers/000.00.01.H29-200101-9999"
check central_log_elides_codes sh -c "grep -q '^GET /api/v1/dossiers/… 200 ' '$WORK/main.err' && ! grep -q '$code1' '$WORK/main.err'"
tid=KIOSK-01-$day-A002
check central_ticket_not_yet_served is "{\"ticket\":\"$tid\",\"served\":false}" kc "$URL/tickets/$tid/officer"
check central_ticket_unknown_404 is 404 code "$URL/tickets/KIOSK-01-$day-A099/officer"
check central_ticket_bad_id_404 is 404 code "$URL/tickets/nonsense/officer"
check central_call_next is '{"called":2}' kc -d '{"service":"A"}' "$URL/admin/call-next"
kc "$URL/tickets/$tid/officer" >"$WORK/served.json"
check central_ticket_served pyjson "d['served'] is True and d['ticket'] == '$tid' and d['officer'].startswith('cb') and d['counter'] in ('1', '2') and isinstance(d['called_at'], int)" <"$WORK/served.json"
check central_call_next_nobody_waiting is '{"called":null}' kc -d '{"service":"A"}' "$URL/admin/call-next"
kc "$URL/queue" >"$WORK/queue2.json"
check central_queue_moves pyjson "d['services']['A']['last_called'] == 2 and d['services']['A']['waiting'] == 0" <"$WORK/queue2.json"
kc -o "$WORK/photo.png" -D "$WORK/photo.hdr" "$URL/officers/cb01/photo"
check central_officer_photo_png sh -c "head -c 8 '$WORK/photo.png' | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a' && grep -qi '^content-type: image/png' '$WORK/photo.hdr'"
check central_officer_photo_unknown_404 is 404 code "$URL/officers/nobody/photo"

# --- refusals -------------------------------------------------------------------------------
check central_no_client_cert_refused refused timeout 10 curl -sS --max-time 8 --cacert "$CERTS/ca.pem" "$URL/queue"
check central_other_ca_client_refused refused timeout 10 curl -sS --max-time 8 --cacert "$CERTS/ca.pem" \
	--cert "$CERTS/other-kiosk.pem" --key "$CERTS/other-kiosk.key" "$URL/queue"
check central_tls11_refused refused kc --tls-max 1.1 "$URL/queue"
other="{\"kiosk\":\"KIOSK-02\",\"events\":[$(ev 00000000000000000000000000000003 "$now" 3)]}"
check central_kiosk_mismatch_403 is 403 code -d "$other" "$URL/events"
check central_malformed_400 is 400 code -d 'not json' "$URL/events"
check central_bad_id_400 is 400 code -d '{"kiosk":"KIOSK-01","events":[{"id":"ABC","kind":"x","at":1,"body":{}}]}' "$URL/events"
check central_empty_batch_400 is 400 code -d '{"kiosk":"KIOSK-01","events":[]}' "$URL/events"
check central_error_is_json pyjson "isinstance(d.get('error'), str)" <<EOF
$(kc -d 'not json' "$URL/events")
EOF
check central_refusals_stored_nothing is '{"events":2,"distinct_ids":2,"by_kind":{"ticket.issued":2},"heartbeats":1}' kc "$URL/admin/stats"
check central_log_has_no_bodies sh -c "grep -q '^POST /api/v1/events 200 ' '$WORK/main.err' && ! grep -q KIOSK '$WORK/main.err'"
kill "$PID"
check central_sigterm_clean wait "$PID"

# --- the kiosk's view of bad server certificates --------------------------------------------
for bad in expired-server wrong-host-server other-server; do
	if start "$bad" --server-cert "$bad"; then
		check "central_client_refuses_$bad" refused kc "$URL/queue"
	else
		fail "central_client_refuses_$bad" "server did not start"
	fi
done

# --- injected failures ----------------------------------------------------------------------
check central_fail_server_starts start fail --fail-first 2 --retry-after 3
codes=
for i in 1 2 3; do codes="$codes $(code -D "$WORK/fail.hdr.$i" -d "$batch" "$URL/events")"; done
check central_fail_first_503_twice_then_200 test "$codes" = " 503 503 200"
check central_fail_retry_after grep -qi '^retry-after: 3' "$WORK/fail.hdr.1"
check central_fail_stored_once is '{"events":2,"distinct_ids":2,"by_kind":{"ticket.issued":2},"heartbeats":0}' kc "$URL/admin/stats"

# a catalogue without counters and officers: the server derives them from the services
python3 -c "import sys; t = open('config/catalog-demo.ini', encoding='utf-8').read(); sys.stdout.write(t[:t.index('; ---- Counters and officers')])" >"$WORK/nodir.ini"
check central_lookup_faults_server_starts start lf --wrong-types --faults-on /api/v1/dossiers,/api/v1/tickets --catalog "$WORK/nodir.ini"
kc "$URL/catalog" | python3 -c "import json,sys; sys.stdout.write(json.load(sys.stdin)['catalog'])" >"$WORK/served.ini"
check central_catalog_directory_derived sh -c "grep -q '^\[counter.4\]' '$WORK/served.ini' && grep -q '^fields = dat_dai, kinh_doanh' '$WORK/served.ini' && grep -q '^\[officer.cb08\]' '$WORK/served.ini'"
check central_catalog_derived_valid_for_the_kiosk "$KIOSK" --config "$WORK/cat-kiosk.ini" --check-config
code4=$(kc "$URL/admin/dossiers" | python3 -c "import json,sys; print(json.load(sys.stdin)['dossiers'][3]['code'])")
kc "$URL/dossiers/$code4" >"$WORK/wrong.json"
check central_wrong_types pyjson "d['status'] == '4' and isinstance(d['received_at'], str)" <"$WORK/wrong.json"
check central_faults_on_spares_other_paths heartbeat_ok
kc -d '{"slow_ms": 300, "wrong_types": false}' "$URL/admin/faults" >"$WORK/faults.json"
check central_runtime_faults pyjson "d['slow_ms'] == 300 and d['wrong_types'] is False" <"$WORK/faults.json"
check central_runtime_slow sh -c "kc() { timeout 10 curl -sS --cacert '$CERTS/ca.pem' --cert '$CERTS/kiosk.pem' --key '$CERTS/kiosk.key' \"\$@\"; }; kc -o /dev/null -w '%{time_total}' '$URL/dossiers/$code4' | python3 -c 'import sys; sys.exit(0 if float(sys.stdin.read()) >= 0.3 else 1)'"
check central_runtime_faults_refuse_unknown is 400 code -d '{"nonsense": 1}' "$URL/admin/faults"

check central_cut_server_starts start cut --cut-first 1
check central_cut_first_no_reply refused kc -d "$batch" "$URL/events"
check central_cut_then_duplicates is '{"accepted":0,"duplicates":2}' kc -d "$batch" "$URL/events"

finish
