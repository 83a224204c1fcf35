# Script steps (ui/script.h) for one citizen taking a ticket: home -> field -> service,
# with the pause a person takes between screens. Sourced by tests/it/lib.sh and tests/bench.sh.
# ticket_steps FIELD SERVICE [COUNT]: prints the steps COUNT times (default 1), each ending
# back on the home screen ("done") except when COUNT is 1.
ticket_steps() {
	_ts_n=${3:-1}
	_ts_i=0
	while [ $_ts_i -lt "$_ts_n" ]; do
		printf 'tap take\nwait 500\ntap field_%s\nwait 500\ntap svc_%s\n' "$1" "$2"
		[ "$_ts_n" -gt 1 ] && printf 'wait 500\ntap done\nwait 500\n'
		_ts_i=$((_ts_i + 1))
	done
}
