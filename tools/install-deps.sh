#!/bin/sh
# Installs the Debian packages the kiosk needs to build, run and test.
# Called by `make run` and `make test`; a no-op when everything is present.
set -eu

PKGS="build-essential pkg-config clang \
libsdl2-dev libsdl2-ttf-dev libinih-dev libqrencode-dev libpng-dev \
libsqlite3-dev sqlite3 libzbar-dev libunistring-dev libjpeg62-turbo-dev libssl-dev libusb-1.0-0-dev umockdev libumockdev-dev libcurl4-openssl-dev libjansson-dev libespeak-ng-dev espeak-ng-data libsndfile1-dev openssl curl time fonts-noto-core fonts-dejavu-core zbar-tools \
python3 tzdata debhelper lintian libsystemd-dev cage xwayland grim reprepro cppcheck clang-tidy"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
# shellcheck disable=SC2086
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing
