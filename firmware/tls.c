/* tls: OpenSSL behind tls.h. Start at tls_check_files (one check function per file), then the
 * verify callback (on_verify) that the server's certificate goes through. */
#include "tls.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* OpenSSL has a type named ERR_STATE, which is also one of our codes: this file keeps to
 * 0 / -1 and its callers translate. */

/* The SSL_CTX slot that holds the struct tls_peer of a handshake. */
static int peer_index = -1;

int tls_global_init(void)
{
	if (peer_index < 0)
		peer_index = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
	return peer_index < 0 ? -1 : 0;
}

/* ---- the files -------------------------------------------------------------------------- */

__attribute__((format(printf, 4, 5)))
static void add(struct tls_problems *out, const char *key, const char *path, const char *fmt, ...)
{
	char why[200];
	va_list ap;

	if (out->n >= TLS_PROBLEMS_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(out->what[out->n++], sizeof(out->what[0]), "[sync] %s %s: %s", key, path, why);
}

/* The file opened for reading, or NULL with the problem added. */
static FILE *open_pem(const char *key, const char *path, struct tls_problems *out)
{
	FILE *f = fopen(path, "r");

	if (!f)
		add(out, key, path, "%s", errno == ENOENT ? "no such file" : strerror(errno));
	return f;
}

static int no_password(char *buf, int size, int rwflag, void *u)
{
	(void)buf, (void)size, (void)rwflag, (void)u;
	return 0;   /* an encrypted key cannot be used unattended: refuse it */
}

static void check_ca(const char *path, struct tls_problems *out)
{
	FILE *f = open_pem("ca", path, out);
	X509 *x;
	int n = 0;

	if (!f)
		return;
	while ((x = PEM_read_X509(f, NULL, NULL, NULL)) != NULL) {
		n++;
		X509_free(x);
	}
	ERR_clear_error();
	fclose(f);
	if (n == 0)
		add(out, "ca", path, "holds no PEM certificate");
}

/* The certificate (caller frees), within its dates at now_s, or NULL. */
static X509 *check_cert(const char *path, long long now_s, struct tls_problems *out)
{
	FILE *f = open_pem("cert", path, out);
	X509 *x;
	time_t now = (time_t)now_s;

	if (!f)
		return NULL;
	x = PEM_read_X509(f, NULL, NULL, NULL);
	ERR_clear_error();
	fclose(f);
	if (!x) {
		add(out, "cert", path, "is not a PEM certificate");
		return NULL;
	}
	if (X509_cmp_time(X509_get0_notAfter(x), &now) < 0)
		add(out, "cert", path, "expired: this kiosk's certificate must be renewed");
	else if (X509_cmp_time(X509_get0_notBefore(x), &now) > 0)
		add(out, "cert", path, "not yet valid (is the clock right?)");
	return x;
}

/* A key that every user of the machine can read is no secret any more. */
static void check_key_mode(const char *path, struct tls_problems *out)
{
	struct stat st;

	if (stat(path, &st) == 0 && (st.st_mode & (S_IROTH | S_IWOTH)))
		add(out, "key", path, "readable by every user of this machine (mode %04o): "
		    "chmod 600 it, and make a new key if others may have copied it",
		    (unsigned)(st.st_mode & 07777));
}

static void check_key(const char *path, X509 *cert, struct tls_problems *out)
{
	FILE *f = open_pem("key", path, out);
	EVP_PKEY *k;

	if (!f)
		return;
	k = PEM_read_PrivateKey(f, NULL, no_password, NULL);
	ERR_clear_error();
	fclose(f);
	check_key_mode(path, out);
	if (!k) {
		add(out, "key", path, "is not an unencrypted PEM private key");
		return;
	}
	if (cert && X509_check_private_key(cert, k) != 1)
		add(out, "key", path, "does not match the certificate ([sync] cert)");
	ERR_clear_error();
	EVP_PKEY_free(k);
}

int tls_check_files(const char *ca, const char *cert, const char *key, long long now_s,
		    struct tls_problems *out)
{
	X509 *x = NULL;

	memset(out, 0, sizeof(*out));
	if (ca && ca[0])
		check_ca(ca, out);
	if (cert && cert[0])
		x = check_cert(cert, now_s, out);
	if (key && key[0])
		check_key(key, x, out);
	X509_free(x);
	return out->n;
}

/* ---- the server's certificate ------------------------------------------------------------ */

void tls_peer_reset(struct tls_peer *p)
{
	memset(p, 0, sizeof(*p));
}

static void refuse(struct tls_peer *p, const char *why)
{
	if (p && !p->refused) {
		p->refused = true;
		snprintf(p->reason, sizeof(p->reason), "%s", why);
	}
}

/* OpenSSL's verdict in the words the kiosk uses everywhere. */
static const char *verify_words(int e)
{
	switch (e) {
	case X509_V_ERR_CERT_HAS_EXPIRED: return "server certificate expired";
	case X509_V_ERR_CERT_NOT_YET_VALID: return "server certificate not yet valid";
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
		return "server certificate from an unknown issuer";
	case X509_V_ERR_HOSTNAME_MISMATCH:
	case X509_V_ERR_IP_ADDRESS_MISMATCH:
		return "host mismatch";
	case X509_V_ERR_CERT_REVOKED: return "server certificate revoked";
	default: return NULL;
	}
}

static struct tls_peer *peer_of(X509_STORE_CTX *x)
{
	SSL *ssl = X509_STORE_CTX_get_ex_data(x, SSL_get_ex_data_X509_STORE_CTX_idx());
	SSL_CTX *ctx = ssl ? SSL_get_SSL_CTX(ssl) : NULL;

	return ctx && peer_index >= 0 ? SSL_CTX_get_ex_data(ctx, peer_index) : NULL;
}

/* The leaf: a subjectAltName naming its host, and no CA of its own. */
static const char *leaf_problem(X509 *cert)
{
	GENERAL_NAMES *san = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
	int names = san ? sk_GENERAL_NAME_num(san) : 0;

	GENERAL_NAMES_free(san);
	if (names <= 0)
		return "server certificate has no subjectAltName";
	if (X509_check_ca(cert) != 0)
		return "server certificate is a CA certificate";
	return NULL;
}

static int on_verify(int ok, X509_STORE_CTX *x)
{
	struct tls_peer *p = peer_of(x);
	const char *why;
	char other[96];

	if (!ok) {
		int e = X509_STORE_CTX_get_error(x);

		why = verify_words(e);
		if (!why) {
			snprintf(other, sizeof(other), "server certificate refused (%s)",
				 X509_verify_cert_error_string(e));
			why = other;
		}
		refuse(p, why);
		return 0;
	}
	if (X509_STORE_CTX_get_error_depth(x) == 0 &&
	    (why = leaf_problem(X509_STORE_CTX_get_current_cert(x))) != NULL) {
		X509_STORE_CTX_set_error(x, X509_V_ERR_APPLICATION_VERIFICATION);
		refuse(p, why);
		return 0;
	}
	return 1;
}

int tls_peer_attach(void *ssl_ctx, struct tls_peer *p)
{
	SSL_CTX *ctx = ssl_ctx;

	if (!ctx || peer_index < 0 || SSL_CTX_set_ex_data(ctx, peer_index, p) != 1)
		return -1;
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, on_verify);
	return 0;
}

int tls_cert_not_after(const char *path, long long *not_after_s)
{
	FILE *f = path && path[0] ? fopen(path, "r") : NULL;
	X509 *x;
	struct tm tm;
	int ok;

	*not_after_s = 0;
	if (!f)
		return -1;
	x = PEM_read_X509(f, NULL, NULL, NULL);
	ERR_clear_error();
	fclose(f);
	ok = x && ASN1_TIME_to_tm(X509_get0_notAfter(x), &tm) == 1;
	X509_free(x);
	if (!ok)
		return -1;
	*not_after_s = (long long)timegm(&tm);
	return 0;
}
