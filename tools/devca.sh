#!/bin/sh
# Development certificate authority for the kiosk <-> central protocol (docs/protocol.md).
#
#   tools/devca.sh DIR [--force]
#
# Writes into DIR (EC P-256 keys, unencrypted):
#   ca.key ca.pem                        the development CA (CN=Kiosk Dev CA)
#   server.pem server.key                server cert, CN=localhost, SAN DNS:localhost, IP:127.0.0.1
#   kiosk.pem kiosk.key                  client cert, CN=KIOSK-01, extendedKeyUsage clientAuth
#   kiosk2.pem kiosk2.key                a second kiosk of the unit, CN=KIOSK-02
# and, for negative tests:
#   other-ca.key other-ca.pem            an unrelated CA
#   other-server.pem other-server.key    server cert (localhost/127.0.0.1) signed by the other CA
#   other-kiosk.pem other-kiosk.key      client cert CN=KIOSK-01 signed by the other CA
#   expired-server.pem expired-server.key  real CA, localhost/127.0.0.1, valid 2020-01-01..2020-01-02
#   wrong-host-server.pem wrong-host-server.key  real CA, SAN DNS:wrong.example only
#   future-server.pem future-server.key  real CA, localhost/127.0.0.1, valid from 2099-01-01
#   cn-only-server.pem cn-only-server.key  real CA, CN=localhost and no subjectAltName
#   ca-server.pem ca-server.key          real CA, localhost/127.0.0.1, but marked CA:TRUE
#   admin.pem admin.key                  the operator of the reference server, CN=central-admin:
#                                        the only certificate its /api/v1/admin/* endpoints take
#
# OpenSSL 3.0's "x509 -req" cannot set dates in the past, so the expired certificate is
# issued with "openssl ca -startdate ... -enddate ..." against a throw-away CA database.
# Idempotent: with DIR/ca.pem and ca.key there, only the files that are missing are made
# (a directory made by an older version gets the newer certificates from its own CA);
# --force makes everything again.
set -eu

usage() { echo "usage: $0 DIR [--force]" >&2; exit 2; }
dir=
force=0
for a in "$@"; do
	case $a in
	--force) force=1 ;;
	-*) usage ;;
	*) [ -z "$dir" ] || usage; dir=$a ;;
	esac
done
[ -n "$dir" ] || usage

if [ -f "$dir/ca.pem" ] && [ "$force" = 0 ] && [ ! -f "$dir/ca.key" ]; then
	exit 0
fi
mkdir -p "$dir"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/devca.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
umask 077
# missing NAME: NAME.pem is to be made (always with --force)
missing() { [ "$force" = 1 ] || [ ! -f "$dir/$1.pem" ]; }

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# ca NAME CN: a self-signed CA valid ten years.
ca() {
	missing "$1" || return 0
	key "$dir/$1.key"
	openssl req -x509 -new -key "$dir/$1.key" -out "$dir/$1.pem" -days 3650 -sha256 \
		-subj "/O=Kiosk Dev/CN=$2" \
		-addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" \
		-addext "subjectKeyIdentifier=hash" 2>/dev/null
}

# leaf NAME CA CN EXTENSIONS: a key, a CSR and a certificate signed by CA, valid two years.
leaf() {
	missing "$1" || return 0
	key "$dir/$1.key"
	printf '%s\n' "$4" >"$tmp/$1.ext"
	openssl req -new -key "$dir/$1.key" -out "$tmp/$1.csr" -subj "/O=Kiosk Dev/CN=$3" 2>/dev/null
	openssl x509 -req -in "$tmp/$1.csr" -CA "$dir/$2.pem" -CAkey "$dir/$2.key" \
		-CAcreateserial -CAserial "$tmp/$2.srl" -days 730 -sha256 \
		-extfile "$tmp/$1.ext" -out "$dir/$1.pem" 2>/dev/null
}

SERVER_EXT='basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1'
CLIENT_EXT='basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth'

ca ca "Kiosk Dev CA"
ca other-ca "Other Dev CA"
leaf server ca localhost "$SERVER_EXT"
leaf kiosk ca KIOSK-01 "$CLIENT_EXT"
leaf kiosk2 ca KIOSK-02 "$CLIENT_EXT"
leaf other-server other-ca localhost "$SERVER_EXT"
leaf other-kiosk other-ca KIOSK-01 "$CLIENT_EXT"
leaf wrong-host-server ca wrong.example 'basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:wrong.example'

leaf cn-only-server ca localhost 'basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth'
leaf ca-server ca localhost 'basicConstraints=critical,CA:TRUE
keyUsage=critical,digitalSignature,keyCertSign
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1'
leaf admin ca central-admin "$CLIENT_EXT"

# dated NAME START END: a server certificate of the real CA with explicit dates ("openssl ca"
# accepts dates in the past and the future, "x509 -req" does not).
dated() {
	missing "$1" || return 0
	key "$dir/$1.key"
	openssl req -new -key "$dir/$1.key" -out "$tmp/$1.csr" \
		-subj "/O=Kiosk Dev/CN=localhost" 2>/dev/null
	: >"$tmp/index.txt"
	echo 1000 >"$tmp/serial"
	cat >"$tmp/ca.cnf" <<EOF
[ca]
default_ca = dev
[dev]
database = $tmp/index.txt
serial = $tmp/serial
new_certs_dir = $tmp
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
x509_extensions = ext
[any]
commonName = supplied
organizationName = optional
[ext]
$SERVER_EXT
EOF
	openssl ca -batch -notext -config "$tmp/ca.cnf" -cert "$dir/ca.pem" -keyfile "$dir/ca.key" \
		-startdate "$2" -enddate "$3" -in "$tmp/$1.csr" -out "$dir/$1.pem" 2>/dev/null
}
dated expired-server 20200101000000Z 20200102000000Z
dated future-server 20990101000000Z 21000101000000Z

chmod 644 "$dir"/*.pem
