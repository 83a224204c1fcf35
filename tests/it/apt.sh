#!/bin/sh
# Fleet updates through a signed apt repository (tools/apt-publish.sh: reprepro and gpg),
# served over HTTP on loopback, with apt's signature checking on (Signed-By names the
# repository's key, nothing is marked trusted): the package installed from it, a newer
# version published and taken by apt-get upgrade with the locally changed conffile kept and
# the new binary reporting the new version and its new database schema migrated; a downgrade
# below that schema refused by the package with the newer version still installed; a
# repository signed with another key refused.
# apt runs on lists and sources of the test's own; dpkg is the machine's, so this runs as
# root, apart from make test: `make test-deb`.
. tests/it/lib.sh

PKG=motcua-kiosk
plan 13
if [ "$(id -u)" -ne 0 ] || ! command -v reprepro >/dev/null || ! command -v dpkg-buildpackage >/dev/null; then
	i=0
	while [ $i -lt 13 ]; do skip "apt$i" "needs root, reprepro and dpkg-dev"; i=$((i + 1)); done
	finish
	exit
fi
rm -rf "$WORK"
mkdir -p "$B"
WORK=$(mktemp -d "$(pwd)/$B/apt-test.XXXXXX")
ARCH=$(dpkg --print-architecture)
v1=$(sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' debian/changelog)
v2=$v1+fleet1
dpkg -s $PKG >/dev/null 2>&1 && dpkg --purge $PKG >/dev/null

# v1 as the tree builds it; v2 from a copy with one more changelog entry
make -s deb B="$B" >"$WORK/v1.log" 2>&1
mkdir -p "$WORK/v2"
tar -c --exclude='./build*' --exclude=./.git --exclude=./var . | tar -x -C "$WORK/v2"
{
	printf '%s (%s) bookworm; urgency=medium\n\n  * Test release for the fleet update.\n\n' $PKG "$v2"
	printf ' -- Kiosk maintainers <maintainers@users.noreply.h-seed-569282c7.example>  %s\n\n' "$(date -R)"
	cat debian/changelog
} >"$WORK/v2/debian/changelog"
# and one more database migration, appended as a release that changes the database would
s1_want=$(($(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\)$/\1/p' firmware/store.h) + 1))
sed -i "s/^#define STORE_SCHEMA_VERSION [0-9]*\$/#define STORE_SCHEMA_VERSION $s1_want/" "$WORK/v2/firmware/store.h"
awk '/^static const char \*const migrations\[/ { in_m = 1 }
	in_m && /^};$/ { print "\t\"CREATE TABLE fleet_test (x INTEGER);\","; in_m = 0 }
	{ print }' firmware/store.c >"$WORK/v2/firmware/store.c"
(cd "$WORK/v2" && env -u MAKEFLAGS -u MAKELEVEL make -s deb) >"$WORK/v2.log" 2>&1
DEB1=$B/deb/${PKG}_${v1}_$ARCH.deb
DEB2=$WORK/v2/build/deb/${PKG}_${v2}_$ARCH.deb
if [ -f "$DEB1" ] && [ -f "$DEB2" ]; then ok two_versions_built
else fail two_versions_built "$(tail -3 "$WORK/v2.log")"; fi

KEYS=$WORK/keys OTHER=$WORK/other REPO=$WORK/repo
sh tools/apt-publish.sh new-key "$KEYS" "Kiosk archive (test)" >/dev/null 2>&1
sh tools/apt-publish.sh new-key "$OTHER" "Someone else" >/dev/null 2>&1
check publishes_signed sh -c "sh tools/apt-publish.sh publish '$REPO' '$KEYS' '$DEB1' &&
	gpgv --keyring '$REPO/motcua-kiosk-archive.gpg' '$REPO/dists/bookworm/InRelease'"

python3 -m http.server --bind 127.0.0.1 0 --directory "$WORK" >"$WORK/http.log" 2>&1 &
HTTP=$!
trap 'kill $HTTP 2>/dev/null; for h in "$KEYS" "$OTHER"; do gpgconf --homedir "$h" --kill gpg-agent 2>/dev/null; done; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
i=0
while ! grep -q 'port [0-9]' "$WORK/http.log" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$WORK/http.log" | head -1)

# apt_on REPO_DIR KEYRING CMD...: apt-get with only that repository, lists of its own
mkdir -p "$WORK/lists/partial" "$WORK/cache/archives/partial"
apt_on() {
	echo "deb [signed-by=$2] http://127.0.0.1:$PORT/$1 bookworm main" >"$WORK/sources.list"
	shift 2
	DEBIAN_FRONTEND=noninteractive apt-get -q -o Dir::Etc::SourceList="$WORK/sources.list" \
		-o Dir::Etc::SourceParts=/nonexistent -o Dir::State::Lists="$WORK/lists" \
		-o Dir::Cache="$WORK/cache" -o DPkg::Lock::Timeout=600 -o APT::Get::List-Cleanup=0 "$@"
}
KEYRING=$REPO/motcua-kiosk-archive.gpg
check update_checks_signature apt_on repo "$KEYRING" update
check installs_from_repo apt_on repo "$KEYRING" install -y --no-install-recommends $PKG
installed() { dpkg-query -W -f='${Version}' $PKG 2>/dev/null; }
echo "; changed on site" >>/etc/motcua-kiosk/kiosk.ini 2>/dev/null
# the kiosk's database, as v1 keeps it (opened by its program as the kiosk user)
DB=/var/lib/motcua-kiosk/kiosk.db
open_db() { runuser -u kiosk -- /usr/bin/motcua-kiosk --config /etc/motcua-kiosk/kiosk.ini --sync-once >/dev/null 2>&1; }
open_db

sh tools/apt-publish.sh publish "$REPO" "$KEYS" "$DEB2" >"$WORK/publish2.log" 2>&1
apt_on repo "$KEYRING" update >"$WORK/update2.log" 2>&1
apt_on repo "$KEYRING" upgrade -y >"$WORK/upgrade.log" 2>&1
if [ "$(installed)" = "$v2" ]; then ok upgrade_to_v2
else fail upgrade_to_v2 "installed '$(installed)': $(tail -3 "$WORK/upgrade.log" | tr '\n' '|')"; fi
got=$(/usr/bin/motcua-kiosk --version 2>&1)
[ "$got" = "$PKG $v2" ] && ok new_binary_reports_v2 || fail new_binary_reports_v2 "--version: $got"
check conffile_kept_on_upgrade grep -q '^; changed on site' /etc/motcua-kiosk/kiosk.ini
open_db
s1=$(sqlite3 "$DB" 'pragma user_version' 2>&1)
[ "$s1" = "$s1_want" ] && ok database_migrated_on_upgrade || fail database_migrated_on_upgrade "schema '$s1', not $s1_want"

# a downgrade to v1 (which reads one schema less) is refused before anything is unpacked
dpkg -i "$DEB1" >"$WORK/downgrade.log" 2>&1
rc=$?
if [ $rc -ne 0 ] && grep -q 'Downgrade refused' "$WORK/downgrade.log"; then ok downgrade_refused
else fail downgrade_refused "dpkg -i v1 exit $rc: $(tail -2 "$WORK/downgrade.log" | tr '\n' '|')"; fi
if [ "$(installed)" = "$v2" ] && [ "$(/usr/bin/motcua-kiosk --version)" = "$PKG $v2" ] &&
	dpkg-query -W -f='${Status}' $PKG | grep -q 'install ok installed'; then ok newer_version_stays
else fail newer_version_stays "installed '$(installed)', $(dpkg-query -W -f='${Status}' $PKG)"; fi

# the same packages signed with another key: apt refuses the repository's indexes
mkdir -p "$WORK/forged"
cp -r "$REPO/conf" "$WORK/forged/"
sh tools/apt-publish.sh publish "$WORK/forged" "$OTHER" "$DEB2" >/dev/null 2>&1
rm -rf "$WORK/lists" "$WORK/cache" && mkdir -p "$WORK/lists/partial" "$WORK/cache/archives/partial"
apt_on forged "$KEYRING" update >"$WORK/forged.log" 2>&1
rc=$?
if [ $rc -ne 0 ] && grep -q "NO_PUBKEY\|is not signed" "$WORK/forged.log"; then ok wrong_key_refused
else fail wrong_key_refused "apt-get update exit $rc: $(tail -2 "$WORK/forged.log" | tr '\n' '|')"; fi
# nothing of it is offered (the package cache was emptied too, so only the repository could)
# (apt may exit 0 on a reinstall it cannot do, saying so): no package fetched from it
apt_on forged "$KEYRING" install -y --reinstall $PKG >"$WORK/forged-install.log" 2>&1
if grep -q 'GET /forged/pool/' "$WORK/http.log"; then
	fail nothing_installed_from_forged "apt fetched a package of the forged repository"
elif ! grep -q "not possible, it cannot be downloaded\|Unable to locate\|no installation candidate" "$WORK/forged-install.log"; then
	fail nothing_installed_from_forged "apt said: $(tail -2 "$WORK/forged-install.log" | tr '\n' '|')"
else ok nothing_installed_from_forged; fi

check purges dpkg --purge $PKG
finish
