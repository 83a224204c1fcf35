/* The [sync] section: off by default, validated like every other section. */
#include "../t.h"
#include "../../firmware/config.h"
#include "../../firmware/err.h"

#include <stdio.h>

static int load_text(struct config *c, const char *text, char *err, unsigned len)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/k.ini", t_tmpdir());
	fp = fopen(path, "w");
	if (!fp)
		return -1;
	fputs(text, fp);
	fclose(fp);
	return config_load(c, path, err, len);
}

T_TEST(config_sync_defaults_and_values)
{
	struct config c;
	char err[512];

	T_OK(config_load(&c, NULL, err, sizeof(err)));
	T_STREQ(c.sync.url, "");
	T_EQ(c.sync.batch, 500);
	T_EQ(c.sync.heartbeat_s, 60);
	T_OK(load_text(&c, "[sync]\nurl = https://127.0.0.1:8443\nca = /etc/kiosk/ca.pem\n"
		       "cert = /etc/kiosk/k.pem\nkey = /etc/kiosk/k.key\nbatch = 100\n", err,
		       sizeof(err)));
	T_STREQ(c.sync.url, "https://127.0.0.1:8443");
	T_STREQ(c.sync.ca, "/etc/kiosk/ca.pem");
	T_EQ(c.sync.batch, 100);
}

T_TEST(config_sync_rejects_bad_values_with_line)
{
	struct config c;
	char err[512];

	T_EQ(load_text(&c, "[sync]\nurl = https://x\nbatch = 900\n", err, sizeof(err)), ERR_CONFIG);
	T_CHECK(strstr(err, "k.ini:3: [sync] batch:") != NULL);
	T_EQ(load_text(&c, "[sync]\nproxy = x\n", err, sizeof(err)), ERR_CONFIG);
	T_CHECK(strstr(err, "k.ini:2: [sync] proxy:") != NULL);
	/* a link without this kiosk's certificate is refused at the url line */
	T_EQ(load_text(&c, "[sync]\nca = /etc/kiosk/ca.pem\nurl = https://x\n", err, sizeof(err)),
	     ERR_CONFIG);
	T_CHECK(strstr(err, "k.ini:3: [sync] url: needs ca, cert and key") != NULL);
}
