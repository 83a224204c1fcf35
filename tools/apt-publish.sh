#!/bin/sh
# Publishes kiosk packages into a signed apt repository, made and signed by Debian's own
# tools: reprepro builds the pool and the indexes, gpg signs InRelease and Release.gpg.
#
#   tools/apt-publish.sh new-key GNUPGHOME NAME            make a signing key (no passphrase:
#                                                          for a test or a signing machine)
#   tools/apt-publish.sh publish REPO GNUPGHOME DEB...     add packages (a newer version
#                                                          replaces the one published)
#
# REPO is a directory to serve over HTTP(S) as it is (or as file://). publish also writes
# REPO/motcua-kiosk-archive.gpg, the public key that kiosks name in their sources entry
# (Signed-By:, /etc/apt/sources.list.d/motcua-kiosk.sources). The key signs with the first
# secret key of GNUPGHOME unless KEY_ID says which.
set -eu

SUITE=${SUITE:-bookworm}
COMPONENT=${COMPONENT:-main}

die() { echo "apt-publish: $*" >&2; exit 2; }

new_key() {
	[ $# -eq 2 ] || die "usage: new-key GNUPGHOME NAME"
	mkdir -p "$1" && chmod 700 "$1"
	GNUPGHOME=$1 gpg --batch --quiet --passphrase '' \
		--quick-generate-key "$2 <kiosk-archive@invalid>" ed25519 sign never
	GNUPGHOME=$1 gpg --batch --list-secret-keys --with-colons | sed -n 's/^fpr:*\([0-9A-F]*\):$/\1/p' | head -1
}

publish() {
	[ $# -ge 3 ] || die "usage: publish REPO GNUPGHOME DEB..."
	repo=$1 home=$2
	shift 2
	export GNUPGHOME="$home"
	key=${KEY_ID:-$(gpg --batch --list-secret-keys --with-colons | sed -n 's/^fpr:*\([0-9A-F]*\):$/\1/p' | head -1)}
	[ -n "$key" ] || die "no secret key in $home (new-key makes one)"
	mkdir -p "$repo/conf"
	cat >"$repo/conf/distributions" <<EOF
Origin: motcua-kiosk
Label: motcua-kiosk
Suite: $SUITE
Codename: $SUITE
Architectures: amd64 arm64 i386 armhf
Components: $COMPONENT
Description: Lobby kiosk packages (motcua-kiosk)
SignWith: $key
EOF
	for deb in "$@"; do
		[ -f "$deb" ] || die "$deb: no such file"
		reprepro --silent -b "$repo" includedeb "$SUITE" "$deb"
	done
	gpg --batch --yes --export "$key" >"$repo/motcua-kiosk-archive.gpg"
	echo "apt-publish: $repo: $SUITE/$COMPONENT signed by $key"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
new-key) new_key "$@" ;;
publish) publish "$@" ;;
*) die "usage: apt-publish.sh new-key GNUPGHOME NAME | publish REPO GNUPGHOME DEB..." ;;
esac
