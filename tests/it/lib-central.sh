# Starting the reference central server for integration tests (sourced after lib.sh).
CERTS=$WORK/certs
PIDS=
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done; wait; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

# start NAME [SERVER ARGS...]: starts a server in the background (120 s guard) and sets PORT
# and PID from its first stdout line, waiting at most 10 s for it.
start() {
	sname=$1; shift
	PORT=
	timeout -k 5 120 python3 tools/central_server.py --port 0 --certs "$CERTS" \
		--db "$WORK/$sname.db" "$@" >"$WORK/$sname.out" 2>"$WORK/$sname.err" &
	PID=$!
	PIDS="$PIDS $PID"
	i=0
	while [ $i -lt 100 ]; do
		PORT=$(sed -n 's/^listening \([0-9][0-9]*\)$/\1/p' "$WORK/$sname.out")
		[ -n "$PORT" ] && break
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	URL=https://localhost:$PORT/api/v1
	[ -n "$PORT" ]
}

