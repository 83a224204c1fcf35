/* tls: the kiosk's use of OpenSSL (the only module that includes its headers), for the link to
 * the central system (docs/protocol.md "Transport"):
 *
 *   - tls_check_files: what can be known of [sync] ca, cert and key before any connection:
 *     each exists and is readable, parses, the certificate is within its dates, the key
 *     matches the certificate, and the key is not readable by every user of the machine;
 *   - tls_peer_*: the kiosk's own policy on the server's certificate, on top of OpenSSL's
 *     chain and date checks and curl's host check: the leaf must name its host in a
 *     subjectAltName (a CN alone is refused) and must not be a CA certificate. With a pinned
 *     private CA there is no reason to accept either. The first reason a certificate is
 *     refused is kept, in words ("server certificate expired", "... from an unknown issuer"),
 *     so that the health screen and the heartbeat say what the log says.
 *
 * http.c installs tls_peer_attach in curl's SSL_CTX callback. */
#ifndef KIOSK_TLS_H
#define KIOSK_TLS_H

#include <stdbool.h>
#include <stddef.h>

/* Once, before any thread (from http_global_init). 0 or -1. */
int tls_global_init(void);

#define TLS_PROBLEMS_MAX 8

struct tls_problems {
	int n;
	char what[TLS_PROBLEMS_MAX][320];   /* "[sync] key /path: why" */
};

/* Checks the three files (each may be NULL or "" when not configured: then not checked).
 * Returns the number of problems found (0: all usable), each in out. now_s: the time the
 * certificate's dates are judged at. */
int tls_check_files(const char *ca, const char *cert, const char *key, long long now_s,
		    struct tls_problems *out);

/* When the certificate at path expires (UTC seconds, its notAfter), for the heartbeat's
 * health; 0, or -1 when it cannot be read (*not_after_s is then 0). */
int tls_cert_not_after(const char *path, long long *not_after_s);

/* The server certificate's verdict, filled during a handshake. */
struct tls_peer {
	bool refused;          /* a reason below is set */
	char reason[96];       /* the first one, e.g. "server certificate expired" */
};

/* Clears p before a request. */
void tls_peer_reset(struct tls_peer *p);
/* Installs the kiosk's verify policy on an OpenSSL SSL_CTX (curl's CURLOPT_SSL_CTX_FUNCTION
 * argument), recording into p, which must outlive the handshake. 0 or -1. */
int tls_peer_attach(void *ssl_ctx, struct tls_peer *p);

#endif
