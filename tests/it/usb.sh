#!/bin/sh
# The "usb" printer driver doing real libusb transfers against emulated USB printers
# (umockdev: fake sysfs and /dev, usbfs ioctls answered by tests/usb/test_usb.c). Runs
# $B/usb_tests under umockdev's preload and turns each of its results into an ok/FAIL line.
. tests/it/lib.sh

bin=$B/usb_tests
if [ ! -x "$bin" ]; then
	fail usb_tests "$bin missing (make all builds it)"
	finish
	exit
fi
# ASan wants to be first in the library list; umockdev's preload is.
[ "${SANITIZE:-0}" = 1 ] && export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

KIOSK_BIN=$KIOSK timeout 120 umockdev-wrapper "$bin" >"$WORK/usb.out" 2>"$WORK/usb.err"
rc=$?
why=""
while IFS= read -r line; do
	case $line in
	"ok   "*) ok "${line#ok   }"; why="" ;;
	"FAIL "*) fail "${line#FAIL }" "${why:-see stdout}"; why="" ;;
	"    "*) why="${why:+$why; }$(echo "$line" | sed 's/^ *//')" ;;
	esac
done <"$WORK/usb.out"
# a crash or a hang (timeout: 124) after the last result line
if [ "$rc" -ne 0 ] && [ "$FAILED" -eq 0 ]; then
	fail usb_tests "exit $rc: $(tail -3 "$WORK/usb.err" | tr '\n' ' ')"
fi
finish
