#!/bin/sh
# The "usb" printer driver doing real libusb transfers against emulated USB printers
# (umockdev: fake sysfs and /dev, usbfs ioctls answered by tests/usb/test_usb.c). Runs
# $B/usb_tests under umockdev's preload and turns each of its results into an ok/FAIL line.
. tests/it/lib.sh

bin=$B/usb_tests
# one check per USB_TEST of tests/usb, and one for the binary's own end
defined=$(cat tests/usb/*.c | grep -c '^USB_TEST(')
plan $((defined + 1))
if [ ! -x "$bin" ]; then
	fail usb_tests "$bin missing (make all builds it)"
	finish
	exit
fi
# ASan wants to be first in the library list; umockdev's preload is. With the preload first,
# ASan opening its log file at start-up crashes the binary (open is umockdev's by then), so
# its reports go to stderr (usb.err) here; abort_on_error still fails the suite on one.
if [ "${SANITIZE:-0}" = 1 ]; then
	ASAN_OPTIONS=$(printf '%s' "${ASAN_OPTIONS:-}" | sed 's/\(^\|:\)log_path=[^:]*//; s/^://')
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
fi

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
# the binary ran every test it registered and ended by itself (a crash or a hang, 124, after
# the last result line would not show in those lines)
registered=$(sed -n 's/^plan \([0-9]*\)$/\1/p' "$WORK/usb.out")
results=$(grep -c '^ok   \|^FAIL ' "$WORK/usb.out")
if [ "$rc" -gt 1 ] || { [ "$rc" -eq 1 ] && [ "$FAILED" -eq 0 ]; }; then
	fail usb_tests "exit $rc: $(tail -3 "$WORK/usb.err" | tr '\n' ' ')"
elif [ "${registered:-0}" -ne "$defined" ] || [ "$results" -ne "$defined" ]; then
	fail usb_tests "$defined USB_TEST in tests/usb, ${registered:-no} registered, $results ran"
else
	ok usb_tests
fi
finish
