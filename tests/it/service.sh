#!/bin/sh
# The package's systemd unit (debian/motcua-kiosk.service) as systemd 252 reads it: verify
# clean, the start limit where it works ([Unit]; in [Service] it is an unknown key and a
# kiosk crashing five times in ten seconds would stop for good), Type=notify with a
# watchdog, the sandbox's exposure "OK" or better, and every exposure left named in the
# unit's comment with the reason it is needed.
. tests/it/lib.sh

UNIT=debian/motcua-kiosk.service
plan 5
# systemd-analyze verify prints a line for each problem and may still exit 0
verify() {
	out=$(systemd-analyze verify --man=no "$1" 2>&1)
	[ -z "$out" ] || { echo "$out"; return 1; }
}
check unit_verifies verify $UNIT

# the key in [Unit], and the same key in [Service] is what verify complains of
sed -n '/^\[Unit\]/,/^\[/p' $UNIT | grep -q '^StartLimitIntervalSec=0$' &&
	! sed -n '/^\[Service\]/,/^\[/p' $UNIT | grep -q '^StartLimit'
in_unit=$?
mkdir -p "$WORK/bad"
sed '/^StartLimitIntervalSec=/d; s/^\[Service\]$/[Service]\nStartLimitIntervalSec=0/' $UNIT >"$WORK/bad/motcua-kiosk.service"
if [ $in_unit -eq 0 ] && systemd-analyze verify --man=no "$WORK/bad/motcua-kiosk.service" 2>&1 |
	grep -q "Unknown key 'StartLimitIntervalSec' in section \[Service\]"; then ok start_limit_in_unit
else fail start_limit_in_unit "StartLimitIntervalSec=0 not in [Unit], or verify no longer tells"; fi

notify_ok() {
	for k in 'Type=notify' 'NotifyAccess=all' 'WatchdogSec=[1-9][0-9]*' 'Restart=always' 'User=kiosk'; do
		grep -q "^$k\$" $UNIT || { echo "no $k"; return 1; }
	done
}
check unit_notify_watchdog notify_ok

systemd-analyze security --offline=yes $UNIT >"$WORK/sec" 2>&1
level=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\) \([A-Z]*\).*/\1 \2/p' "$WORK/sec")
echo "# exposure $level"
case ${level#* } in
OK | SAFE | PERFECT) ok "exposure_ok ($level)" ;;
*) fail exposure_ok "exposure '${level:-none}': $(tail -2 "$WORK/sec")" ;;
esac

# each remaining exposure has its reason in the unit's comment
named() {
	comment=$(sed -n '/^# Remaining exposure/,/^$/p' $UNIT)
	for key in $(sed -n 's/^✗ \([^ ]*\).*/\1/p' "$WORK/sec"); do
		word=$(echo "$key" | sed 's/=.*//; s/^RootDirectory.*/RootDirectory/')
		case $key in *AF_NETLINK*) word=AF_NETLINK ;; *AF_UNIX*) word=AF_UNIX ;; *AF_\(INET*) word=AF_INET6 ;; esac
		echo "$comment" | grep -q -- "$word" || { echo "exposure $key not explained in the unit"; return 1; }
	done
	[ -n "$comment" ]
}
check exposures_explained named
finish
