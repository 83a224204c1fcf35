#!/bin/sh
# make bench, the kiosk at rest in a real window: the idle home screen, fullscreen at
# 1080x1920, as the only client of cage (Debian's Wayland kiosk compositor) on its headless
# backend. For each way the kiosk can be drawn: the CPU its process used over 10 s once the
# first frame was on the screen (target <= 1 % of a core), its PSS, and whether a GL stack
# was mapped. "wayland" is how the package runs it (SDL picks its renderer); "x11_software"
# is SDL's software renderer in an X11 window (Xwayland under the same cage). Runs as the
# user nobody (cage refuses root); skipped without cage or root.
set -e
B=${B:-build}
if ! command -v cage >/dev/null || [ "$(id -u)" -ne 0 ]; then
	echo "# idle bench skipped: needs cage and root" >&2
	exit 0
fi
W=$(mktemp -d /tmp/kiosk-idle.XXXXXX)
chmod 711 "$W"
KBIN=$(cd "$(dirname "$B/kiosk")" && pwd)/kiosk
CAGE=
trap '[ -n "$CAGE" ] && kill $CAGE 2>/dev/null; wait 2>/dev/null; rm -rf "$W"' EXIT
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

for way in wayland x11_software; do
	D=$W/$way
	mkdir -p "$D/run" "$D/k"
	printf '[kiosk]\nvar_dir = %s/k/var\ncatalog = %s/tests/data/catalog-test.ini\nfullscreen = true\n' \
		"$D" "$(pwd)" >"$D/k/kiosk.ini"
	case $way in
	wayland) env="SDL_VIDEODRIVER=wayland" ;;
	x11_software) env="SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software" ;;
	esac
	chown -R nobody "$D"
	chmod 700 "$D/run"
	AS="setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH=/usr/bin:/bin XDG_RUNTIME_DIR=$D/run"
	$AS python3 tests/it/notify_sink.py "$D/notify.sock" "$D/msgs" &
	SINK=$!
	# shellcheck disable=SC2086
	$AS WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 $env \
		NOTIFY_SOCKET="$D/notify.sock" cage -d -- "$KBIN" --config "$D/k/kiosk.ini" \
		>"$D/cage.log" 2>&1 &
	CAGE=$!
	i=0
	while ! grep -q '^READY=1$' "$D/msgs" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	pid=$(pgrep -n -f "^$KBIN --config $D/k/kiosk.ini" || true)
	if [ -z "$pid" ] || ! grep -q '^READY=1$' "$D/msgs"; then
		echo "# idle bench $way: the kiosk did not start: $(tail -2 "$D/cage.log" | tr '\n' '|')" >&2
		kill $CAGE $SINK 2>/dev/null || true
		CAGE=
		continue
	fi
	sleep 2   # the first second runs at frame rate (REST_AFTER_MS in firmware/main.c)
	t0=$(ticks "$pid")
	sleep 10
	t1=$(ticks "$pid")
	hz=$(getconf CLK_TCK)
	echo "idle_cpu_$way $(awk -v d=$((t1 - t0)) -v hz="$hz" 'BEGIN { printf "%.1f", 100 * d / hz / 10 }') %"
	echo "idle_pss_$way $(awk '/^Pss:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/smaps_rollup") MiB"
	echo "idle_gl_libraries_$way $(grep -E 'libGL|libEGL|libLLVM|_dri\.so' "/proc/$pid/maps" |
		awk '{ print $6 }' | sort -u | wc -l) files"
	kill $CAGE $SINK 2>/dev/null || true
	wait $CAGE 2>/dev/null || true
	CAGE=
done
