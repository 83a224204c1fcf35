/* config_check: checks of configuration values that need more than a key table: the central
 * system's URL (config.c calls it on [sync] url) and, for --check-config and start-up, the
 * TLS files behind it (firmware/tls.h). */
#ifndef KIOSK_CONFIG_CHECK_H
#define KIOSK_CONFIG_CHECK_H

#include <stddef.h>

/* 0 when url can reach a central system: "https://", a host name, an IPv4 address or a
 * bracketed IPv6 address, an optional port 1..65535, an optional path; no user information,
 * query or fragment. Otherwise ERR_CONFIG and why ("must start with https://", ...). */
int config_check_url(const char *url, char *why, size_t len);

#endif
