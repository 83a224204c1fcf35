#!/bin/sh
# Golden ESC/POS byte streams of a fixed Vietnamese ticket (tests/tools/ticket_bytes.c) at
# 576 and 384 dots, with and without a priority line, checked byte for byte against
# tests/goldens/tickets/*.bin, then decoded by an independent decoder (tools/escpos2png.py,
# written from the ESC/POS reference, not from drivers/escpos.c): the command sequence, the
# decoded picture against the raster the bytes were made from (pixel for pixel) and the QR code
# read back. `sh tests/it/escpos.sh --update` (with B set) rewrites the goldens: look at the
# decoded PNG of each before committing them.
. tests/it/lib.sh
plan 40

UPDATE=0
[ "${1:-}" = --update ] && UPDATE=1
GOLD=tests/goldens/tickets
ID=KIOSK-01-20261123-A042
PRIO="Ưu tiên: Người cao tuổi"
REGEN="B=$B sh tests/it/escpos.sh --update"

decode() { python3 tools/escpos2png.py "$@"; }

# same_bytes GOLDEN ACTUAL
same_bytes() {
	if [ ! -f "$1" ]; then
		echo "no golden $1: run $REGEN and look at the decoded ticket"
		return 1
	fi
	cmp -s "$1" "$2" && return 0
	echo "$2 ($(wc -c <"$2") bytes) differs from $1 ($(wc -c <"$1") bytes): $(cmp "$1" "$2" 2>&1 | head -1)."
	echo "If the change is intended, regenerate the goldens with: $REGEN"
	return 1
}

# seq_is CMDS EXPECTED: the command list with consecutive GS v 0 bands folded into one line.
seq_is() {
	got=$(sed 's/^GS v 0 .*/GS v 0 .../' "$1" | uniq)
	[ "$got" = "$2" ] || { printf 'command sequence:\n%s\n' "$got"; return 1; }
}

# png_height FILE: from the IHDR chunk.
png_height() { od -An -tu1 -j20 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'; }

# qr_is PNG TEXT
qr_is() {
	got=$(zbarimg --raw -q "$1" 2>/dev/null)
	[ "$got" = "$2" ] || { echo "QR reads '$got', expected '$2'"; return 1; }
}

# ticket NAME WIDTH [PRIORITY] (not $name: check uses that)
ticket() {
	tk=$1 width=$2
	shift 2
	t=escpos_$tk
	bin=$WORK/$tk.bin          # fresh bytes; the tool writes the raster as $WORK/$tk.png
	golden=$GOLD/$tk.bin
	if ! "$B/ticket_bytes" "$bin" "$width" "$ID" "$@" >"$WORK/$tk.gen" 2>&1; then
		fail "${t}_generate" "$(tail -1 "$WORK/$tk.gen")"
		return
	fi
	if [ $UPDATE -eq 1 ]; then
		mkdir -p "$GOLD" && cp "$bin" "$golden" && ok "${t}_bytes (updated)"
	else
		check "${t}_bytes" same_bytes "$golden" "$bin"
	fi
	[ -f "$golden" ] || return

	# Decode the golden itself: it is what gets committed.
	dec=$WORK/$tk-dec
	decode --width "$width" --trim-feed "$golden" "$dec" >"$WORK/$tk.cmds" 2>"$WORK/$tk.err"
	rc=$?
	check "${t}_decodes" test "$rc" -eq 0 -a -f "$dec.png"
	check "${t}_starts_with_init" test "$(head -1 "$WORK/$tk.cmds")" = "ESC @ init"
	check "${t}_has_raster_bands" grep -q '^GS v 0 ' "$WORK/$tk.cmds"
	check "${t}_bands_span_paper" test -z "$(grep '^GS v 0 ' "$WORK/$tk.cmds" | grep -v " $((width / 8)) bytes x ")"
	check "${t}_ends_with_cut" test -n "$(tail -1 "$WORK/$tk.cmds" | grep '^GS V .* cut$')"
	check "${t}_no_unknown_bytes" test -z "$(grep -E '^(UNKNOWN|TRUNCATED|LIMIT)|INVALID' "$WORK/$tk.cmds")"
	check "${t}_sequence" seq_is "$WORK/$tk.cmds" "ESC @ init
ESC a 1 align centre
GS v 0 ...
ESC d 4 feed
GS V 66 0 partial cut"
	check "${t}_picture_equals_raster" "$B/imgdiff" --tolerance 0 "$WORK/$tk.png" "$dec.png" 0
	check "${t}_qr_reads_back" qr_is "$dec.png" "$ID"
	# Untrimmed, the paper runs on for the 4-line feed (4 x 30 dots) before the cut.
	decode --width "$width" "$golden" "$WORK/$tk-feed" >/dev/null 2>&1
	check "${t}_feed_before_cut" test "$(png_height "$WORK/$tk-feed.png")" -eq $(($(png_height "$WORK/$tk.png") + 120))
}

ticket ticket-576 576
ticket ticket-384 384
ticket ticket-576-priority 576 "$PRIO"

# The narrow ticket on wide paper: centred (ESC a 1), 96 white dots each side, QR still reads.
if [ -f "$GOLD/ticket-384.bin" ]; then
	decode --width 576 --trim-feed "$GOLD/ticket-384.bin" "$WORK/narrow" >/dev/null 2>&1
	check escpos_384_on_576_paper_qr qr_is "$WORK/narrow.png" "$ID"
fi

# Garbage never makes the decoder crash: a decode (0) or a truncated command (1), no traceback.
garbage_ok() {
	i=0
	while [ $i -lt 20 ]; do
		head -c 5000 /dev/urandom >"$WORK/garbage.bin"
		decode "$WORK/garbage.bin" "$WORK/garbage" >/dev/null 2>"$WORK/garbage.err"
		rc=$?
		if [ $rc -gt 1 ] || grep -q Traceback "$WORK/garbage.err"; then
			keep=$(mktemp /tmp/escpos-garbage.XXXXXX)
			cp "$WORK/garbage.bin" "$keep"
			echo "exit $rc on $keep: $(tail -1 "$WORK/garbage.err")"
			return 1
		fi
		i=$((i + 1))
	done
}
check escpos_decoder_survives_garbage garbage_ok

# A stream cut short inside a raster band: TRUNCATED, exit status 1.
if [ -f "$GOLD/ticket-576.bin" ]; then
	head -c 1000 "$GOLD/ticket-576.bin" >"$WORK/short.bin"
	decode "$WORK/short.bin" "$WORK/short" >"$WORK/short.cmds" 2>"$WORK/short.err"
	rc=$?
	check escpos_truncated_exits_1 test "$rc" -eq 1
	check escpos_truncated_reported grep -q '^TRUNCATED GS v 0' "$WORK/short.cmds"
fi

# The decoder on a hand-made stream: every listed command, alignment, the four raster modes and
# one PNG per piece of paper when there are several cuts.
printf '\033@\033a\001\035v0\001\001\000\002\000\360\017\033E\001\033!\010\035!\021\035L\000\000\035W\100\002\020\004\001\035(k\003\000\061Q0Hi\n\033J\030\035V\000\033a\002\035v0\003\001\000\001\000\377\033d\001\035VB\000' >"$WORK/hand.bin"
decode "$WORK/hand.bin" "$WORK/hand" >"$WORK/hand.cmds" 2>/dev/null
check escpos_decoder_lists_commands seq_is "$WORK/hand.cmds" "ESC @ init
ESC a 1 align centre
GS v 0 ...
ESC E 1 emphasis on
ESC ! 0x08 print mode: emphasis
GS ! 0x11 char size 2x2
GS L 0 left margin
GS W 576 print area width
DLE EOT 1 transmit printer status
GS ( k cn=49 fn=81 QR print symbol
TEXT \"Hi\"
LF line feed
ESC J 24 feed dots
GS V 0 full cut
ESC a 2 align right
GS v 0 ...
ESC d 1 feed
GS V 66 0 partial cut"
check escpos_decoder_one_png_per_cut test -f "$WORK/hand-1.png" -a -f "$WORK/hand-2.png" -a ! -f "$WORK/hand.png"
# piece 1: 2 rows double width, LF (30) and ESC J 24; piece 2: 2 rows double height, ESC d 1 (30)
check escpos_decoder_piece_heights test "$(png_height "$WORK/hand-1.png") $(png_height "$WORK/hand-2.png")" = "56 32"
finish
