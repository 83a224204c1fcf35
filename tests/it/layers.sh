#!/bin/sh
# The layers the build enforces (Makefile, "Layers"; README.md, "Architecture"): the core and
# journey flags refuse an SDL, libusb, ZBar or ui/ header with the rule's words, the drivers'
# flags refuse SDL and ui/ but take libusb and ZBar, tools/layers.sh refuses a library that
# calls up a layer or out to a library its layer may not use (or a screen that draws past the
# frame sum, docs/ui.md), and the domain's binaries carry no SDL. Each refusal is tried on a probe of this script's own, next to one the rule lets by.
. tests/it/lib.sh

plan 18
CC=${CC:-cc}
flags() { env -u MAKEFLAGS -u MAKELEVEL make -s --no-print-directory SANITIZE="${SANITIZE:-0}" "layer-cflags-$1"; }
CORE_CFLAGS=$(flags CORE)
DRIVERS_CFLAGS=$(flags DRIVERS)

# compiles LAYER NAME LINE: a probe that includes LINE, compiled with LAYER's flags
compiles() {
	printf '%s\nint layer_probe(void);\nint layer_probe(void) { return 0; }\n' "$3" >"$WORK/$2.c"
	eval "lf=\$$1_CFLAGS"
	# shellcheck disable=SC2086
	$CC $lf -c "$WORK/$2.c" -o "$WORK/$2.o" 2>"$WORK/$2.err"
}
# refused LAYER NAME LINE REGEX: the probe does not compile, and says REGEX
refused() {
	if compiles "$1" "$2" "$3"; then
		echo "$3 compiled with the $1 flags"
		return 1
	fi
	grep -Eq -- "$4" "$WORK/$2.err" || { cat "$WORK/$2.err"; return 1; }
}

check core_refuses_sdl_header refused CORE sdl '#include <SDL.h>' 'SDL.h: firmware/ \(but main.c\) and drivers/ do not include SDL'
check core_refuses_sdl2_path refused CORE sdl2 '#include <SDL2/SDL_ttf.h>' 'SDL2/SDL_ttf.h: firmware/'
check core_refuses_zbar_header refused CORE zbar '#include <zbar.h>' 'zbar.h: only drivers/ includes libusb and ZBar'
check core_refuses_libusb_header refused CORE usb '#include <libusb.h>' 'libusb.h: only drivers/'
check core_refuses_ui_header refused CORE ui '#include "ui/app.h"' 'ui/app.h: firmware/ \(but main.c\)'
check core_takes_its_own_and_drivers_headers compiles CORE own '#include "firmware/queue.h"
#include "drivers/printq.h"'
check drivers_refuse_sdl_and_ui refused DRIVERS dsdl '#include "ui/draw.h"' 'ui/draw.h: firmware/'
check drivers_take_zbar_and_libusb compiles DRIVERS dzbar '#include <zbar.h>
#include <libusb.h>'

# tools/layers.sh on archives: the build's own, then each with a probe object put in
LIBS="$B/libui.a $B/libjourney.a $B/libdrivers.a $B/libcore.a"
# shellcheck disable=SC2086
check layers_pass_on_the_build sh tools/layers.sh $LIBS

# probe_lib LIB NAME CALL: a copy of LIB with an object that calls CALL (declared by hand)
probe_lib() {
	printf 'int %s(void);\nint layer_probe_%s(void);\nint layer_probe_%s(void) { return %s(); }\n' \
		"$3" "$2" "$2" "$3" >"$WORK/$2.c"
	$CC -c "$WORK/$2.c" -o "$WORK/$2.o" || return 1
	mkdir -p "$WORK/$2"
	cp "$1" "$WORK/$2/" && ar rs "$WORK/$2/$(basename "$1")" "$WORK/$2.o" 2>/dev/null
}
# layers_refuse NAME REGEX LIBS...: layers.sh fails on LIBS and says REGEX
layers_refuse() {
	n=$1 re=$2
	shift 2
	if sh tools/layers.sh "$@" >"$WORK/$n.out" 2>&1; then
		echo "layers.sh passed:"; cat "$WORK/$n.out"
		return 1
	fi
	grep -Eq -- "$re" "$WORK/$n.out" || { cat "$WORK/$n.out"; return 1; }
}
probe_lib "$B/libcore.a" cs SDL_GetTicks
check layers_refuse_sdl_call_in_core layers_refuse cs 'libcore.a: cs.o uses SDL_GetTicks, which its layer may not' \
	"$B/libui.a" "$B/libjourney.a" "$B/libdrivers.a" "$WORK/cs/libcore.a"
probe_lib "$B/libjourney.a" jz zbar_image_create
check layers_refuse_zbar_call_in_journeys layers_refuse jz 'libjourney.a: jz.o uses zbar_image_create' \
	"$B/libui.a" "$WORK/jz/libjourney.a" "$B/libdrivers.a" "$B/libcore.a"
probe_lib "$B/libjourney.a" ju app_screen_exists
check layers_refuse_journey_calling_a_screen layers_refuse ju 'libjourney.a: ju.o uses app_screen_exists of libui.a, a layer above it' \
	"$B/libui.a" "$WORK/ju/libjourney.a" "$B/libdrivers.a" "$B/libcore.a"
probe_lib "$B/libcore.a" cd printq_submit
check layers_refuse_core_calling_a_driver layers_refuse cd 'libcore.a: cd.o uses printq_submit of libdrivers.a' \
	"$B/libui.a" "$B/libjourney.a" "$B/libdrivers.a" "$WORK/cd/libcore.a"

probe_lib "$B/libui.a" ud SDL_RenderFillRect
check layers_refuse_a_screen_drawing_past_the_frame_sum layers_refuse ud 'libui.a: ud.o draws with SDL_RenderFillRect: only ui/draw.c and ui/text.c may' \
	"$WORK/ud/libui.a" "$B/libjourney.a" "$B/libdrivers.a" "$B/libcore.a"

# needs BIN LIB: whether BIN is linked against a shared library whose name starts with LIB
needs() { readelf -d "$1" | grep NEEDED | grep -q "\[$2"; }
no_sdl() {
	for b in "$@"; do
		if needs "$b" libSDL2; then echo "$b links SDL"; return 1; fi
	done
}
# shellcheck disable=SC2046
# no two modules include each other, on the tree and on a copy with a cycle planted
check includes_no_cycle_in_the_tree python3 tools/includes.py
includes_refuse_cycle() {
	mkdir -p "$WORK/inc" && cp -r firmware drivers ui "$WORK/inc/" &&
		echo '#include "rating.h"' >>"$WORK/inc/firmware/rating_words.c" &&
		! python3 tools/includes.py "$WORK/inc" >"$WORK/inc.out" &&
		grep -q '^cycle: .*firmware/rating firmware/rating_words$' "$WORK/inc.out"
}
check includes_refuse_a_planted_cycle includes_refuse_cycle
check domain_binaries_carry_no_sdl no_sdl "$B/unit_tests" "$B/usb_tests" "$B/receiptgen" "$B/sync_probe" \
	"$B/lookup_probe" "$B/numbers_probe" $(ls "$B"/fuzz_*_replay)
check kiosk_and_ui_tests_carry_sdl sh -c "readelf -d '$KIOSK' | grep -q 'NEEDED.*libSDL2-' && readelf -d '$B/ui_tests' | grep -q 'NEEDED.*libSDL2-'"
finish
