/* http: libcurl behind a small request/reply API. Start at http_new (the TLS policy, set once
 * on the reused easy handle), then http_request; every CURLcode becomes a project code and a
 * short reason in translate(). */
#include "http.h"

#include "err.h"
#include "log.h"
#include "tls.h"

#include <curl/curl.h>
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RETRY_AFTER_MAX_S 3600

struct http {
	CURL *curl;
	char ca[256], cert[256], key[256];
	char *buf;               /* response body, grows up to HTTP_BODY_MAX + 1 */
	size_t len, cap;
	bool too_big;
	const atomic_int *cancel;
	struct http_reply *reply; /* the reply being filled, for the header callback */
	struct tls_peer peer;     /* the server certificate's verdict, for the reason */
	bool https;               /* the URL asked for is https (curl's "unsupported protocol"
	                             is then a reply that is not HTTP) */
	char errbuf[CURL_ERROR_SIZE];
};

int http_global_init(void)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return ERR_NOMEM;
	return tls_global_init() == 0 ? 0 : ERR_NOMEM;
}

/* curl's SSL_CTX hook: the kiosk's own policy on the server's certificate (tls.h). */
static CURLcode on_ssl_ctx(CURL *curl, void *ssl_ctx, void *arg)
{
	struct http *h = arg;

	(void)curl;
	return tls_peer_attach(ssl_ctx, &h->peer) == 0 ? CURLE_OK : CURLE_SSL_CERTPROBLEM;
}

void http_global_cleanup(void)
{
	curl_global_cleanup();
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct http *h = arg;
	size_t n = size * nmemb;

	if (n > HTTP_BODY_MAX - h->len) {
		h->too_big = true;
		return 0;   /* short count: curl aborts with CURLE_WRITE_ERROR */
	}
	if (h->len + n + 1 > h->cap) {
		size_t cap = h->cap ? h->cap : 4096;
		char *p;

		while (cap < h->len + n + 1)
			cap *= 2;
		p = realloc(h->buf, cap);
		if (!p)
			return 0;
		h->buf = p;
		h->cap = cap;
	}
	memcpy(h->buf + h->len, data, n);
	h->len += n;
	h->buf[h->len] = '\0';
	return n;
}

/* Header value after "Name:", trimmed, into out; false when the line is another header. */
static bool header_value(const char *line, size_t n, const char *name, char *out, size_t len)
{
	size_t k = strlen(name), end;

	if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
		return false;
	for (k++; k < n && (line[k] == ' ' || line[k] == '\t'); k++)
		;
	for (end = n; end > k && isspace((unsigned char)line[end - 1]); end--)
		;
	snprintf(out, len, "%.*s", (int)(end - k), line + k);
	return true;
}

/* Only delta-seconds; an HTTP date is ignored (treated as absent). */
static int parse_retry_after(const char *v)
{
	long s = 0;

	if (!*v)
		return -1;
	for (; *v; v++) {
		if (!isdigit((unsigned char)*v))
			return -1;
		s = s * 10 + (*v - '0');
		if (s > RETRY_AFTER_MAX_S)
			s = RETRY_AFTER_MAX_S;
	}
	return (int)s;
}

static size_t on_header(char *line, size_t size, size_t nmemb, void *arg)
{
	struct http *h = arg;
	struct http_reply *r = h->reply;
	size_t n = size * nmemb;
	char v[128];

	if (n >= 5 && strncmp(line, "HTTP/", 5) == 0) {   /* a new response (after 1xx) */
		r->etag[0] = '\0';
		r->retry_after_s = -1;
	} else if (header_value(line, n, "ETag", v, sizeof(v))) {
		snprintf(r->etag, sizeof(r->etag), "%s", v);
	} else if (header_value(line, n, "Retry-After", v, sizeof(v))) {
		r->retry_after_s = parse_retry_after(v);
	}
	return n;
}

static int on_progress(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
	struct http *h = arg;

	(void)dt, (void)dn, (void)ut, (void)un;
	return h->cancel && atomic_load(h->cancel) ? 1 : 0;
}

static int copy_path(char *dst, size_t len, const char *src)
{
	if (!src || !*src || strlen(src) >= len)
		return ERR_CONFIG;
	memcpy(dst, src, strlen(src) + 1);
	return 0;
}

#define SETOPT(h, opt, val) (rc = rc ? rc : curl_easy_setopt((h)->curl, opt, val))

/* The fixed policy: see docs/protocol.md "Transport". */
static int configure(struct http *h, long timeout_ms)
{
	CURLcode rc = CURLE_OK;

	SETOPT(h, CURLOPT_PROTOCOLS_STR, "https");
	SETOPT(h, CURLOPT_FOLLOWLOCATION, 0L);
	SETOPT(h, CURLOPT_PROXY, "");               /* ignore *_proxy variables */
	SETOPT(h, CURLOPT_NOSIGNAL, 1L);            /* we run in a worker thread */
	SETOPT(h, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	SETOPT(h, CURLOPT_SSL_VERIFYPEER, 1L);
	SETOPT(h, CURLOPT_SSL_VERIFYHOST, 2L);
	SETOPT(h, CURLOPT_CAINFO, h->ca);
	SETOPT(h, CURLOPT_CAPATH, NULL);            /* no system store */
	SETOPT(h, CURLOPT_SSLCERT, h->cert);
	SETOPT(h, CURLOPT_SSLCERTTYPE, "PEM");
	SETOPT(h, CURLOPT_SSLKEY, h->key);
	SETOPT(h, CURLOPT_SSLKEYTYPE, "PEM");
	SETOPT(h, CURLOPT_CONNECTTIMEOUT_MS, (long)HTTP_CONNECT_TIMEOUT_MS);
	SETOPT(h, CURLOPT_TIMEOUT_MS, timeout_ms > 0 ? timeout_ms : (long)HTTP_TIMEOUT_MS);
	SETOPT(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)HTTP_BODY_MAX);
	SETOPT(h, CURLOPT_TCP_KEEPALIVE, 1L);
	SETOPT(h, CURLOPT_USERAGENT, "kiosk-sync/1");
	SETOPT(h, CURLOPT_ERRORBUFFER, h->errbuf);
	SETOPT(h, CURLOPT_WRITEFUNCTION, on_body);
	SETOPT(h, CURLOPT_WRITEDATA, h);
	SETOPT(h, CURLOPT_HEADERFUNCTION, on_header);
	SETOPT(h, CURLOPT_HEADERDATA, h);
	SETOPT(h, CURLOPT_XFERINFOFUNCTION, on_progress);
	SETOPT(h, CURLOPT_XFERINFODATA, h);
	SETOPT(h, CURLOPT_NOPROGRESS, 0L);
	SETOPT(h, CURLOPT_SSL_CTX_FUNCTION, on_ssl_ctx);
	SETOPT(h, CURLOPT_SSL_CTX_DATA, h);
	if (rc != CURLE_OK)
		log_error("http: setup: %s", curl_easy_strerror(rc));
	return rc == CURLE_OK ? 0 : (rc == CURLE_OUT_OF_MEMORY ? ERR_NOMEM : ERR_CONFIG);
}

int http_new(const struct http_tls *tls, long timeout_ms, struct http **out)
{
	struct http *h;
	int rc;

	*out = NULL;
	h = calloc(1, sizeof(*h));
	if (!h)
		return ERR_NOMEM;
	rc = copy_path(h->ca, sizeof(h->ca), tls->ca);
	if (!rc)
		rc = copy_path(h->cert, sizeof(h->cert), tls->cert);
	if (!rc)
		rc = copy_path(h->key, sizeof(h->key), tls->key);
	if (!rc) {
		h->curl = curl_easy_init();
		rc = h->curl ? configure(h, timeout_ms) : ERR_NOMEM;
	}
	if (rc) {
		http_free(h);
		return rc;
	}
	*out = h;
	return 0;
}

void http_free(struct http *h)
{
	if (!h)
		return;
	if (h->curl)
		curl_easy_cleanup(h->curl);
	free(h->buf);
	free(h);
}

void http_set_cancel(struct http *h, const atomic_int *flag)
{
	h->cancel = flag;
}

void http_set_timeout(struct http *h, long timeout_ms)
{
	curl_easy_setopt(h->curl, CURLOPT_TIMEOUT_MS, timeout_ms > 0 ? timeout_ms
			 : (long)HTTP_TIMEOUT_MS);
	/* a connection that cannot be made within the limit is given up with it */
	curl_easy_setopt(h->curl, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms > 0 &&
			 timeout_ms < HTTP_CONNECT_TIMEOUT_MS ? timeout_ms
			 : (long)HTTP_CONNECT_TIMEOUT_MS);
}

struct failure {
	CURLcode code;
	int err;
	const char *reason;
};

/* Anything not listed is ERR_IO with curl's own short text. The words are the ones the log,
 * the health screen and the heartbeat's last_error all say. */
static const struct failure failures[] = {
	{ CURLE_OPERATION_TIMEDOUT, ERR_TIMEOUT, "timed out" },
	{ CURLE_COULDNT_RESOLVE_HOST, ERR_IO, "host name not found" },
	{ CURLE_COULDNT_RESOLVE_PROXY, ERR_IO, "host name not found" },
	{ CURLE_PEER_FAILED_VERIFICATION, ERR_PERM, "certificate verify failed" },
	{ CURLE_SSL_CONNECT_ERROR, ERR_PERM, "TLS handshake failed" },
	{ CURLE_SSL_CERTPROBLEM, ERR_PERM, "client certificate or key unusable" },
	{ CURLE_SSL_CACERT_BADFILE, ERR_PERM, "CA file unusable" },
	{ CURLE_SSL_CIPHER, ERR_PERM, "no common TLS cipher" },
	{ CURLE_SSL_ENGINE_NOTFOUND, ERR_PERM, "TLS engine unusable" },
	{ CURLE_SSL_ENGINE_SETFAILED, ERR_PERM, "TLS engine unusable" },
	{ CURLE_SSL_ENGINE_INITFAILED, ERR_PERM, "TLS engine unusable" },
	{ CURLE_SSL_ISSUER_ERROR, ERR_PERM, "certificate issuer rejected" },
	{ CURLE_SSL_PINNEDPUBKEYNOTMATCH, ERR_PERM, "certificate verify failed" },
	{ CURLE_SSL_INVALIDCERTSTATUS, ERR_PERM, "certificate status invalid" },
	{ CURLE_SSL_CRL_BADFILE, ERR_PERM, "CRL file unusable" },
	{ CURLE_SSL_SHUTDOWN_FAILED, ERR_IO, "TLS shutdown failed" },
	{ CURLE_FILESIZE_EXCEEDED, ERR_RANGE, "response larger than 1 MiB" },
	{ CURLE_UNSUPPORTED_PROTOCOL, ERR_INVAL, "URL is not https" },   /* see translate */
	{ CURLE_URL_MALFORMAT, ERR_INVAL, "malformed URL" },
	{ CURLE_OUT_OF_MEMORY, ERR_NOMEM, "out of memory" },
	{ CURLE_ABORTED_BY_CALLBACK, ERR_STATE, "cancelled" },
	{ CURLE_PARTIAL_FILE, ERR_IO, "response truncated" },
	{ CURLE_GOT_NOTHING, ERR_IO, "connection closed without a response" },
	{ CURLE_SEND_ERROR, ERR_IO, "connection lost while sending" },
	{ CURLE_RECV_ERROR, ERR_IO, "connection lost while receiving" },
	{ CURLE_WEIRD_SERVER_REPLY, ERR_IO, "malformed reply" },
};

/* Under TLS 1.3 the server's refusal of our certificate arrives as an alert on the first read,
 * which curl reports as a receive error; OpenSSL names the alert in the error text. */
static bool server_alert(const struct http *h, char *reason, size_t len)
{
	const char *a = strstr(h->errbuf, " alert ");
	size_t n;

	if (!a)
		return false;
	a += strlen(" alert ");
	n = strcspn(a, ",");
	snprintf(reason, len, "server refused the TLS session (%.*s)", (int)n, a);
	return true;
}

/* curl checks the host name itself, after the handshake, and says so only in its text. */
static bool host_mismatch(const struct http *h)
{
	return strstr(h->errbuf, "subject name") || strstr(h->errbuf, "does not match");
}

/* The one place where curl's codes become ours. */
static int translate(struct http *h, CURLcode code, char *reason, size_t len)
{
	long os_errno = 0;

	if (h->peer.refused) {   /* the certificate's own reason, not curl's summary */
		snprintf(reason, len, "%s", h->peer.reason);
		return ERR_PERM;
	}
	if (code == CURLE_PEER_FAILED_VERIFICATION && host_mismatch(h)) {
		snprintf(reason, len, "host mismatch");
		return ERR_PERM;
	}
	/* an https URL "unsupported": the reply did not even start like HTTP (HTTP/0.9), as
	 * after a server sent more bytes than its Content-Length on a reused connection */
	if (code == CURLE_UNSUPPORTED_PROTOCOL && h->https) {
		snprintf(reason, len, "malformed reply");
		return ERR_IO;
	}
	if ((code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR ||
	     code == CURLE_SSL_CONNECT_ERROR) && server_alert(h, reason, len))
		return ERR_PERM;
	if (code == CURLE_WRITE_ERROR && h->too_big)
		code = CURLE_FILESIZE_EXCEEDED;
	if (code == CURLE_COULDNT_CONNECT) {
		curl_easy_getinfo(h->curl, CURLINFO_OS_ERRNO, &os_errno);
		snprintf(reason, len, "%s", os_errno == ECONNREFUSED ? "connection refused"
			 : os_errno ? strerror((int)os_errno) : "cannot connect");
		return os_errno == ETIMEDOUT ? ERR_TIMEOUT : ERR_IO;
	}
	for (size_t i = 0; i < sizeof(failures) / sizeof(failures[0]); i++) {
		if (failures[i].code == code) {
			snprintf(reason, len, "%s", failures[i].reason);
			return failures[i].err;
		}
	}
	snprintf(reason, len, "%s", curl_easy_strerror(code));
	return ERR_IO;
}

static int set_method(struct http *h, const char *method, const char *body)
{
	CURLcode rc = CURLE_OK;

	if (strcmp(method, "GET") == 0 && !body) {
		SETOPT(h, CURLOPT_HTTPGET, 1L);
	} else if (strcmp(method, "POST") == 0 && body) {
		SETOPT(h, CURLOPT_POST, 1L);
		SETOPT(h, CURLOPT_POSTFIELDS, body);
		SETOPT(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
	} else {
		return ERR_INVAL;
	}
	return rc == CURLE_OK ? 0 : ERR_NOMEM;
}

static struct curl_slist *request_headers(const char *body, const char *if_none_match)
{
	struct curl_slist *l = curl_slist_append(NULL, "Accept: application/json");
	char line[192];

	/* "Expect:" turns off 100-continue, which would cost a round trip on large batches. */
	if (l && body)
		l = curl_slist_append(l, "Content-Type: application/json");
	if (l && body)
		l = curl_slist_append(l, "Expect:");
	if (l && if_none_match) {
		snprintf(line, sizeof(line), "If-None-Match: %s", if_none_match);
		l = curl_slist_append(l, line);
	}
	return l;
}

static void reset_reply(struct http *h, struct http_reply *out)
{
	memset(out, 0, sizeof(*out));
	out->retry_after_s = -1;
	out->body = "";
	h->len = 0;
	if (h->buf)
		h->buf[0] = '\0';
	h->too_big = false;
	h->errbuf[0] = '\0';
	h->reply = out;
	tls_peer_reset(&h->peer);
}

/* How much of url a log may show: up to the endpoint's name ("https://host/api/v1/dossiers"),
 * never what follows (a dossier code or a ticket id is not for logs). */
static int loggable(const char *url)
{
	const char *api = strstr(url, "/api/v1/");
	size_t n = strlen(url);

	if (api)
		n = (size_t)(api - url) + strlen("/api/v1/") + strcspn(api + strlen("/api/v1/"), "/?");
	return n > 200 ? 200 : (int)n;
}

int http_request(struct http *h, const char *method, const char *url, const char *body,
		 const char *if_none_match, struct http_reply *out)
{
	struct curl_slist *hdrs;
	CURLcode code;
	int rc;

	reset_reply(h, out);
	rc = set_method(h, method, body);
	if (rc) {
		snprintf(out->reason, sizeof(out->reason), "bad request method");
		return rc;
	}
	hdrs = request_headers(body, if_none_match);
	if (!hdrs)
		return ERR_NOMEM;
	h->https = strncasecmp(url, "https://", 8) == 0;
	code = curl_easy_setopt(h->curl, CURLOPT_URL, url);
	if (code == CURLE_OK)
		code = curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, hdrs);
	if (code == CURLE_OK)
		code = curl_easy_perform(h->curl);
	curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hdrs);
	h->reply = NULL;
	if (code != CURLE_OK) {
		rc = translate(h, code, out->reason, sizeof(out->reason));
		log_warn("http: %s %.*s: %s (%s)", method, loggable(url), url, out->reason,
			 h->errbuf[0] ? h->errbuf : curl_easy_strerror(code));
		return rc;
	}
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &out->status);
	out->body = h->buf ? h->buf : "";
	out->len = h->len;
	return 0;
}
