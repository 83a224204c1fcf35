#!/bin/sh
# The real voice without speakers: espeak-ng in process and SDL's disk audio driver, which
# writes every sample played to a file. The ticket read-out's text is the one given to the
# synthesizer; the file holds speech of plausible length (Vietnamese and English) that is not
# silence; a cut 300 ms in stops the voice well before the end.
. tests/it/lib.sh
plan 8

say() { # say NAME LANG [CUT_MS]: runs voice_say with the disk driver into $WORK/NAME.raw
	SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$WORK/$1.raw" timeout 60 "$B/voice_say" "$2" ${3:-} \
		>"$WORK/$1.out" 2>"$WORK/$1.err"
}
val() { sed -n "s/^$2	//p" "$WORK/$1.out"; }
# audio NAME MIN_S MAX_S: the file holds speech lasting MIN_S..MAX_S seconds (first to last
# loud sample at 22050 Hz; the file itself runs on in silence while the kiosk waits), loud
# enough (RMS over 300 there) and speech-like (at least a third of its 20 ms windows loud),
# not silence or a click
audio() {
	python3 - "$WORK/$1.raw" "$2" "$3" <<'PY'
import array, math, sys
a = array.array('h', open(sys.argv[1], 'rb').read())
loud = [i for i, x in enumerate(a) if abs(x) > 1000]
a = a[loud[0]:loud[-1] + 1] if loud else a[:0]
secs = len(a) / 22050
rms = math.sqrt(sum(x * x for x in a) / max(len(a), 1))
win = [a[i:i + 441] for i in range(0, len(a) - 441, 441)]
n = sum(1 for w in win if max(abs(x) for x in w) > 1000)
print("%.2f s of speech, rms %.0f, %d of %d windows loud" % (secs, rms, n, len(win)))
sys.exit(0 if float(sys.argv[2]) <= secs <= float(sys.argv[3]) and rms > 300 and n * 3 >= len(win) else 1)
PY
}

check voice_vi_runs say vi vi
check voice_vi_text test "$(val vi text)" = "Số thứ tự của quý khách. a, bốn mươi hai. Đăng ký khai sinh. Quầy một, hai"
check voice_vi_audio audio vi 2.5 15
check voice_en_runs say en en
check voice_en_text test "$(val en text)" = "Your number. ay, forty-two. Birth registration. Counter one, two"
check voice_en_audio audio en 2 15
check voice_cut_runs say cut vi 300
# cut 300 ms after it was asked for: the phrase was cut, and what was heard (the file, written
# in real time, silence once the queue is empty) holds no speech after 0.6 s, though the
# voice had made the whole phrase and the file runs on for a second after the cut
check voice_cut_stops python3 - "$WORK/cut.raw" "$(val cut cuts)" <<'PY'
import array, sys
a = array.array('h', open(sys.argv[1], 'rb').read())
loud = [i for i, x in enumerate(a) if abs(x) > 1000]
assert sys.argv[2] == "1", "not counted as cut"
assert len(a) / 22050 > 1.0, "the file stops early: %.2f s" % (len(a) / 22050)
assert loud and 0.1 < loud[-1] / 22050 < 0.6, "last speech at %s s" % (loud[-1] / 22050 if loud else None)
PY
finish
