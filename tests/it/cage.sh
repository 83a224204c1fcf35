#!/bin/sh
# The kiosk on Wayland without X11, as the package runs it: the only client of cage (Debian's
# Wayland kiosk compositor) on its headless backend with the pixman renderer, drawn through
# SDL's native wayland video driver (SDL_VIDEODRIVER=wayland: no fallback to another). cage
# refuses to run as root, so the compositor and the kiosk run as the user nobody with their
# own XDG_RUNTIME_DIR. Checks: READY=1 on the test's notify socket once the first frame is
# drawn, the driver the kiosk says it uses, and a picture of the output taken inside the
# compositor (grim) that shows the kiosk's screen: its background and header colours
# (ui/draw.c) over the window's area, black around it.
. tests/it/lib.sh

plan 4
if ! command -v cage >/dev/null || ! command -v grim >/dev/null || [ "$(id -u)" -ne 0 ]; then
	for c in ready_under_cage native_wayland_driver grim_shows_the_kiosk window_only; do
		skip $c "needs cage, grim and root (to run them as nobody)"
	done
	finish
	exit
fi
U=nobody
D=$WORK/cage
mkdir -p "$D/run" "$D/k"
chmod 711 "$WORK"
KBIN=$(cd "$(dirname "$KIOSK")" && pwd)/$(basename "$KIOSK")
cat >"$D/k/kiosk.ini" <<EOI
[kiosk]
var_dir = $D/k/var
catalog = $(pwd)/tests/data/catalog-test.ini
EOI
chown -R $U "$D"
chmod 700 "$D/run"
# setpriv and env exec (no process of root's stays between): $! is the process itself
AS="setpriv --reuid=$U --regid=nogroup --clear-groups env -i PATH=/usr/bin:/bin XDG_RUNTIME_DIR=$D/run"
$AS python3 tests/it/notify_sink.py "$D/notify.sock" "$D/msgs" &
SINK=$!
$AS WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
	SDL_VIDEODRIVER=wayland NOTIFY_SOCKET="$D/notify.sock" \
	cage -d -- "$KBIN" --config "$D/k/kiosk.ini" >"$D/cage.log" 2>&1 &
CAGE=$!
trap 'kill $SINK $CAGE 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

i=0
while ! grep -q '^READY=1$' "$D/msgs" 2>/dev/null && [ $i -lt 300 ] && kill -0 $CAGE 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
if grep -q '^READY=1$' "$D/msgs" 2>/dev/null; then ok ready_under_cage
else fail ready_under_cage "no READY=1: $(tail -3 "$D/cage.log" | tr '\n' '|')"; fi
if grep -q 'display: SDL video driver wayland, ' "$D/cage.log"; then ok native_wayland_driver
else fail native_wayland_driver "$(grep -m1 'display:\|cannot open' "$D/cage.log")"; fi

$AS WAYLAND_DISPLAY=wayland-0 grim "$D/shot.png" >"$D/grim.log" 2>&1
# bg, header, black. The development window is 540x960; cage either scales it to the 1280x720
# output's height (405 wide) or shows it at its width, cut at the output's height; what is not
# black is the window. The screen depends on the hour (open or closed: the compositor runs on
# the real clock), so the colours are checked as shares of the window: the background is at
# least 25 % (29 % on the cut home, 38 % scaled, 59 % closed), the header band at least 3 %.
set -- $(python3 tests/it/png_count.py "$D/shot.png" F4F6FA 0B3D91 000000 2>>"$D/grim.log")
echo "# grim: ${1:-?}x${2:-?}, background $3, header $4, black $5"
if [ $# -eq 5 ]; then win=$(($1 * $2 - $5)); else win=0; fi
if [ $win -gt 0 ] && [ $(($3 * 100)) -ge $((win * 25)) ] && [ $(($4 * 100)) -ge $((win * 3)) ]
then ok grim_shows_the_kiosk
else fail grim_shows_the_kiosk "$(tail -2 "$D/grim.log") $* (window $win pixels)"; fi
if [ $win -gt 0 ] && [ $win -le $((540 * $2)) ]; then ok window_only
else fail window_only "black ${5:-?} of $((${1:-0} * ${2:-0})) pixels"; fi
[ -z "${KEEP:-}" ] || cp "$D/shot.png" "$B/cage-shot.png"
finish
