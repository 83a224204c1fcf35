/* http: the kiosk's HTTPS client, the only module that includes curl/curl.h.
 *
 * HTTPS only, TLS 1.2 or newer, the central CA pinned (never the system store), host name
 * verified, the server's certificate held to the kiosk's own policy as well (a subjectAltName,
 * no CA certificate: firmware/tls.h), and this kiosk's certificate and key presented (mutual
 * TLS), as docs/protocol.md requires. One curl easy handle per context, so consecutive requests reuse the connection:
 * cheap for the gateway in front of a thousand kiosks. A context belongs to one thread.
 *
 * Call http_global_init once in main, before any thread starts (curl_global_init is not
 * thread-safe), and http_global_cleanup at exit after every context is freed. */
#ifndef KIOSK_HTTP_H
#define KIOSK_HTTP_H

#include <stdatomic.h>
#include <stddef.h>

#define HTTP_BODY_MAX (1024 * 1024)   /* responses larger than this are refused: ERR_RANGE */
#define HTTP_CONNECT_TIMEOUT_MS 5000
#define HTTP_TIMEOUT_MS 15000

/* PEM file paths; all three are required. Copied by http_new. */
struct http_tls {
	const char *ca;    /* the central CA, the only trust anchor */
	const char *cert;  /* this kiosk's certificate (its CN is the kiosk id) */
	const char *key;   /* and its private key, unencrypted */
};

struct http_reply {
	long status;          /* HTTP status, 0 when no response arrived */
	const char *body;     /* NUL-terminated, borrowed from the context until the next request */
	size_t len;
	char etag[128];       /* the ETag header verbatim (quotes included), "" when absent */
	int retry_after_s;    /* Retry-After in seconds (capped at 3600), -1 when absent */
	char reason[96];      /* why the request failed, in the words of the log, the health screen
	                         and the heartbeat: "server certificate expired", "... not yet
	                         valid", "... from an unknown issuer", "host mismatch", "connection
	                         refused", "timed out", "malformed reply"...; "" on success */
};

struct http;

int http_global_init(void);
void http_global_cleanup(void);

/* timeout_ms: total per request, 0 for HTTP_TIMEOUT_MS. ERR_CONFIG when a TLS path is missing
 * or empty, ERR_NOMEM. Free with http_free. */
int http_new(const struct http_tls *tls, long timeout_ms, struct http **out);
void http_free(struct http *h);
/* While *flag is non-zero a transfer in progress is abandoned within about a second (ERR_STATE,
 * reason "cancelled"); for stopping a worker thread. NULL: never. */
void http_set_cancel(struct http *h, const atomic_int *flag);

/* The total time limit of the next requests (0: HTTP_TIMEOUT_MS); a worker with a deadline
 * gives each request what is left of it. */
void http_set_timeout(struct http *h, long timeout_ms);

/* One request. method "GET" or "POST"; body (POST only) is sent as application/json;
 * if_none_match (NULL: none) is sent verbatim as If-None-Match. Returns 0 when a response
 * arrived, whatever its status (check out->status). Otherwise out->reason says why and:
 * ERR_TIMEOUT (connect or total timeout), ERR_PERM (TLS: certificate rejected, handshake
 * refused, unusable CA/cert/key file), ERR_IO (network: refused, unreachable, reset,
 * truncated), ERR_RANGE (response over HTTP_BODY_MAX), ERR_INVAL (bad method or URL, or
 * not https), ERR_STATE (cancelled), ERR_NOMEM. */
int http_request(struct http *h, const char *method, const char *url, const char *body,
		 const char *if_none_match, struct http_reply *out);

#endif
