#!/bin/sh
# The Debian package (make deb) built, checked by lintian, installed into this machine with
# apt (its dependencies from the archive), its files, user, groups, state directory, conffile
# and unit checked, then removed and purged. It changes the machine, so it runs as root and
# apart from make test: `make test-deb` (building the package takes minutes).
. tests/it/lib.sh

PKG=motcua-kiosk
# scratch files beside the build rather than in /tmp
rm -rf "$WORK"
mkdir -p "$B"
WORK=$(mktemp -d "$(pwd)/$B/deb-test.XXXXXX")
plan 17
if [ "$(id -u)" -ne 0 ] || ! command -v dpkg-buildpackage >/dev/null; then
	i=0
	while [ $i -lt 17 ]; do skip "deb$i" "needs root and dpkg-dev"; i=$((i + 1)); done
	finish
	exit
fi
version=$(sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' debian/changelog)
DEB=$B/deb/${PKG}_${version}_$(dpkg --print-architecture).deb
# a package left by an earlier run goes first
dpkg -s $PKG >/dev/null 2>&1 && dpkg --purge $PKG >/dev/null

check deb_builds make -s deb B="$B"
check lintian_clean lintian --fail-on error,warning "$B/deb/${PKG}_${version}_$(dpkg --print-architecture).changes"
check installs env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
	--no-install-recommends "./$DEB"

files_present() {
	for f in /usr/bin/motcua-kiosk /etc/motcua-kiosk/kiosk.ini /lib/systemd/system/$PKG.service \
		/lib/udev/rules.d/60-$PKG.rules /usr/lib/sysusers.d/$PKG.conf \
		/usr/lib/tmpfiles.d/$PKG.conf /usr/share/motcua-kiosk/kiosk.ini \
		/usr/share/motcua-kiosk/catalog-demo.ini /usr/share/man/man1/motcua-kiosk.1.gz \
		/etc/apt/apt.conf.d/52motcua-kiosk-upgrades \
		/usr/share/doc/motcua-kiosk/examples/motcua-kiosk.sources; do
		[ -f "$f" ] || { echo "missing $f"; return 1; }
	done
}
check files_installed files_present

got=$(/usr/bin/motcua-kiosk --version 2>&1)
if [ "$got" = "motcua-kiosk $version" ]; then ok version_is_the_packages
else fail version_is_the_packages "--version says '$got', debian/changelog $version"; fi

user_ok() {
	getent passwd kiosk | grep -q ':/var/lib/motcua-kiosk:/usr/sbin/nologin$' || return 1
	[ "$(id -u kiosk)" -ne 0 ] || { echo "kiosk is root"; return 1; }
	for g in lp video render input; do
		id -nG kiosk | tr ' ' '\n' | grep -qx "$g" || { echo "kiosk not in $g: $(id -nG kiosk)"; return 1; }
	done
}
check kiosk_user_and_groups user_ok

state_ok() { [ "$(stat -c '%U %a' /var/lib/motcua-kiosk)" = "kiosk 700" ]; }
check state_dir_private state_ok

check config_is_conffile sh -c "dpkg-query -W -f='\${Conffiles}' $PKG | grep -q '^ /etc/motcua-kiosk/kiosk.ini '"
check installed_config_valid runuser -u kiosk -- /usr/bin/motcua-kiosk \
	--config /etc/motcua-kiosk/kiosk.ini --check-config

# systemd-analyze verify prints a line for each problem and may still exit 0
verify_clean() {
	out=$(systemd-analyze verify /lib/systemd/system/$PKG.service 2>&1)
	echo "$out"
	[ -z "$out" ]
}
check unit_verifies verify_clean
check unit_enabled test -L /etc/systemd/system/graphical.target.wants/$PKG.service

rules_ok() {
	r=/lib/udev/rules.d/60-$PKG.rules
	grep -q 'ID_USB_INTERFACES}=="\*:07????:\*", GROUP="lp", MODE="0660"' $r || { echo "no class 07 rule"; return 1; }
	for id in $(sed -n 's/^usb_ids *= *//p' config/kiosk.ini | tr ',' ' '); do
		v=${id%:*} p=${id#*:}
		grep -q "ATTR{idVendor}==\"$v\", ATTR{idProduct}==\"$p\", GROUP=\"lp\"" $r || { echo "no rule for $id"; return 1; }
	done
}
check udev_rules_printers rules_ok

# an administrator's change to the conffile survives removal (conffiles stay until purge);
# the rest goes
echo "; changed on site" >>/etc/motcua-kiosk/kiosk.ini
dpkg -L $PKG | sort >"$WORK/files"
dpkg-query -W -f='${Conffiles}\n' $PKG | awk 'NF { print $1 }' >"$WORK/conffiles"
check removes dpkg -r $PKG
check conffile_kept_on_remove grep -q '^; changed on site' /etc/motcua-kiosk/kiosk.ini
gone() {
	while read -r f; do
		[ -d "$f" ] || [ ! -e "$f" ] || grep -qx "$f" "$WORK/conffiles" || { echo "left: $f"; return 1; }
	done <"$WORK/files"
}
check files_gone_on_remove gone

check purges dpkg --purge $PKG
purged() {
	for f in /etc/motcua-kiosk /var/lib/motcua-kiosk /etc/systemd/system/graphical.target.wants/$PKG.service \
		$(cat "$WORK/conffiles"); do
		[ ! -e "$f" ] && [ ! -L "$f" ] || { echo "left: $f"; return 1; }
	done
	! dpkg -s $PKG >/dev/null 2>&1
}
check purge_leaves_nothing purged
finish
