#!/bin/sh
# layers.sh LIB...: checks the libraries of the build against the layering rules (Makefile,
# "Layers"; README.md, "Architecture"), by the symbols their objects leave undefined.
# LIBs are given top first (libui.a libjourney.a libdrivers.a libcore.a). A library fails
#   - when it uses a function or variable that a library above it defines (core calling a
#     journey, drivers calling a screen...);
#   - when core or journeys use SDL, SDL_ttf, libusb or ZBar, or drivers use SDL or
#     SDL_ttf;
#   - when a file of ui/ other than draw.c and text.c draws through SDL itself.
# Each offence is one line: the library, the object, the symbol and the rule. Exit status 1 if
# there is any.
set -eu
[ $# -ge 1 ] || { echo "usage: layers.sh LIB... (top first)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# forbidden LIB: a regex of the third-party symbols that library's layer may not use
forbidden() {
	case $(basename "$1") in
	libcore.a | libjourney.a) echo '^(SDL_|TTF_|libusb_|zbar_)' ;;
	libdrivers.a) echo '^(SDL_|TTF_)' ;;
	*) echo '^$' ;;
	esac
}

: >"$tmp/above"
bad=0
for lib in "$@"; do
	name=$(basename "$lib")
	# defined here; undefined as "object symbol", less what another object here defines
	nm -g --defined-only "$lib" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/def"
	nm -A -u "$lib" 2>/dev/null | awk '{ o = $1; sub(/:$/, "", o); sub(/^.*:/, "", o); print o, $NF }' |
		sort -u -k2,2 -k1,1 >"$tmp/undef"
	awk 'FILENAME == ARGV[1] { d[$1] = 1; next } !($2 in d)' "$tmp/def" "$tmp/undef" >"$tmp/ext"
	# calls up the stack
	awk -v lib="$name" 'FILENAME == ARGV[1] { up[$1] = $2; next }
		($2 in up) { printf "layers: %s: %s uses %s of %s, a layer above it\n", lib, $1, $2, up[$2]; n++ }
		END { exit n > 0 }' "$tmp/above" "$tmp/ext" || bad=1
	# third-party libraries the layer may not use
	re=$(forbidden "$lib")
	awk -v lib="$name" -v re="$re" '$2 ~ re { printf "layers: %s: %s uses %s, which its layer may not (SDL only in ui/ and main.c, libusb and ZBar only in drivers/)\n", lib, $1, $2; n++ }
		END { exit n > 0 }' "$tmp/ext" || bad=1
	# in ui/, only the drawing primitives draw: a frame is drawn only when the sum of what
	# they would draw changed (docs/ui.md, "Drawing only what changed")
	[ "$name" != libui.a ] || awk -v lib="$name" '$2 ~ /^SDL_(Render(Copy|Fill|Draw|Geometry)|SetRenderDraw)/ &&
		$1 != "draw.o" && $1 != "text.o" { printf "layers: %s: %s draws with %s: only ui/draw.c and ui/text.c may, or the frame sum misses what it draws\n", lib, $1, $2; n++ }
		END { exit n > 0 }' "$tmp/undef" || bad=1
	awk -v lib="$name" '{ print $1, lib }' "$tmp/def" >>"$tmp/above"
done
[ "$bad" -eq 0 ] && echo "layers: $(echo "$@" | wc -w) libraries, no call up or out of a layer"
exit "$bad"
