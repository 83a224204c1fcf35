#!/bin/sh
# Bad input gets a clear message and loses nothing: broken config and catalogue, a corrupt or
# too-new database, a missing font, an unwritable var dir, a missing printer.
. tests/it/lib.sh
plan 17

printf 'clock 2026-11-23 09:00\nexpect screen home\n' >"$WORK/home.txt"

# expect_refusal NAME PATTERN CONFIG: the kiosk exits 2 and stderr matches PATTERN.
expect_refusal() {
	timeout 30 "$KIOSK" --config "$3" --script "$WORK/home.txt" >"$WORK/out" 2>&1
	rc=$?
	if [ $rc -eq 2 ] && grep -q -- "$2" "$WORK/out"; then ok "$1"; else fail "$1" "rc=$rc $(tail -2 "$WORK/out")"; fi
}

cfg=$(mkcfg "$WORK/c1" "colour = blue")
expect_refusal bad_config_unknown_key "kiosk.ini:4: \[kiosk\] colour: unknown key" "$cfg"
cfg=$(mkcfg "$WORK/c2" "idle_timeout_s = soon")
expect_refusal bad_config_value "kiosk.ini:4: \[kiosk\] idle_timeout_s: .*\"soon\"" "$cfg"
expect_refusal bad_config_missing_file "cannot read config $WORK/none.ini" "$WORK/none.ini"
cfg=$(mkcfg "$WORK/c3")
mkdir -p "$WORK/c3/var"
cp tests/data/catalog-test.ini "$WORK/c3/cat.ini"
sed -i 's/^counters = 3$/counter = 3/' "$WORK/c3/cat.ini"
sed -i "s|^catalog = .*|catalog = $WORK/c3/cat.ini|" "$cfg"
expect_refusal bad_catalogue_key "cat.ini:[0-9]*: \[service.B\] counter: unknown key" "$cfg"

# procedures: a bad value and a service the unit's catalogue does not have, each said at its line
mkdir -p "$WORK/c3p"
cp config/procedures-demo.ini "$WORK/c3p/procs.ini"
sed -i '0,/^level = commune$/s//level = district/' "$WORK/c3p/procs.ini"
cfg=$(mkcfg "$WORK/c3p" "procedures = $WORK/c3p/procs.ini")
expect_refusal bad_procedure_value "procs.ini:[0-9]*: \[procedure.1.001193\] level: must be one of commune" "$cfg"
python3 tools/procgen.py --count 30 --services A,Z "$WORK/c3p/gen.ini"
cfg=$(mkcfg "$WORK/c3q" "procedures = $WORK/c3p/gen.ini")
expect_refusal bad_procedure_service "gen.ini:[0-9]*: \[procedure.[0-9.]*\] services: no \[service.Z\] in the catalogue" "$cfg"

# unwritable var dir: a path below a regular file
touch "$WORK/plainfile"
cfg=$(mkcfg "$WORK/c4")
sed -i "s|^var_dir = .*|var_dir = $WORK/plainfile/var|" "$cfg"
expect_refusal bad_var_dir_unwritable "cannot write to var_dir \"$WORK/plainfile/var\"" "$cfg"

# corrupt database: kept aside byte for byte, a fresh one serves
cfg=$(mkcfg "$WORK/c5")
mkdir -p "$WORK/c5/var"
head -c 20000 /dev/urandom >"$WORK/c5/var/kiosk.db"
cp "$WORK/c5/var/kiosk.db" "$WORK/orig.db"
{
	echo "clock 2026-11-23 09:00"
	ticket_steps chung_thuc K
	echo "expect number K-001"
} >"$WORK/issue.txt"
kiosk_script "$cfg" "$WORK/issue.txt" >"$WORK/out" 2>&1
check bad_db_corrupt_still_serves test $? -eq 0
check bad_db_corrupt_reported grep -q "was damaged; kept it as $WORK/c5/var/kiosk.db.corrupt-" "$WORK/out"
check bad_db_corrupt_kept_intact cmp "$WORK/orig.db" "$(ls "$WORK"/c5/var/kiosk.db.corrupt-* | head -1)"

# a database from newer firmware is refused and left untouched
cfg=$(mkcfg "$WORK/c6")
mkdir -p "$WORK/c6/var"
sqlite3 "$WORK/c6/var/kiosk.db" "create table future(x); pragma user_version = 7;"
sum=$(sha256sum <"$WORK/c6/var/kiosk.db")
expect_refusal bad_db_newer_schema "written by newer firmware; refusing" "$cfg"
check bad_db_newer_schema_untouched test "$(sha256sum <"$WORK/c6/var/kiosk.db")" = "$sum"

# a missing font falls back to a Debian face, says so, and the kiosk runs: with Noto, the
# first fallback, the home screen is the golden's pixel for pixel, every tone mark in place
cfg=$(mkcfg "$WORK/c7" "font = /usr/share/fonts/none/Missing.ttf")
{ echo "clock 2026-11-23 09:00"; echo "screenshot home"; sed 1d "$WORK/issue.txt"; } >"$WORK/font.txt"
kiosk_script "$cfg" "$WORK/font.txt" "$WORK/font-shots" >"$WORK/out" 2>&1
check bad_font_missing_still_serves test $? -eq 0
check bad_font_missing_reported grep -q "font /usr/share/fonts/none/Missing.ttf .*cannot be opened; trying" "$WORK/out"
check bad_font_missing_home_is_the_golden "$B/imgdiff" --boxes tests/goldens/portrait-vi-home.boxes \
	"$WORK/font-shots/home.boxes" tests/goldens/portrait-vi-home.png "$WORK/font-shots/home.png"

# a printer that is not there: the kiosk runs, says so, and issues nothing
cfg=$(mkcfg "$WORK/c8" "[printer]" "driver = file" "device = /dev/usb/kiosk-test-absent")
cat >"$WORK/noprinter.txt" <<'S'
clock 2026-11-23 09:00
expect screen home
expect disabled take
S
check bad_printer_absent_disables_tickets kiosk_script "$cfg" "$WORK/noprinter.txt"
check bad_printer_absent_issues_nothing test "$(sqlite3 "$WORK/c8/var/kiosk.db" "select count(*) from tickets")" = 0
finish
