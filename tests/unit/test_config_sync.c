/* The [sync] section: off by default, validated like every other section. */
#include "../t.h"
#include "config_text.h"
#include "../../firmware/config.h"
#include "../../firmware/err.h"

#include <stdio.h>

static int load_text(struct config *c, const char *text, char *err, unsigned len)
{
	return t_config_text(c, "k.ini", text, err, len);
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

#define LINK "[sync]\nurl = https://x\nca = /c.pem\ncert = /k.pem\nkey = /k.key\n"

T_TEST(config_numbering_defaults_and_central)
{
	struct config c;
	char err[512];

	T_OK(config_load(&c, NULL, err, sizeof(err)));
	T_STREQ(c.sync.numbering, "local");
	T_CHECK(!c.sync.numbering_central);
	T_EQ(c.sync.numbering_deadline_ms, 800);
	T_EQ(c.sync.reserved_from, 0);
	T_EQ(c.sync.reserved_to, 0);
	T_OK(load_text(&c, LINK "numbering = central\nnumbering_deadline_ms = 500\n"
		       "reserved_from = 900\nreserved_to = 949\n", err, sizeof(err)));
	T_CHECK(c.sync.numbering_central);
	T_EQ(c.sync.numbering_deadline_ms, 500);
	T_EQ(c.sync.reserved_from, 900);
	T_EQ(c.sync.reserved_to, 949);
	/* a range may be set for local numbering too (ready for the switch) */
	T_OK(load_text(&c, "[sync]\nreserved_from = 1\nreserved_to = 1\n", err, sizeof(err)));
	T_CHECK(!c.sync.numbering_central);
}

T_TEST(config_numbering_refusals_at_their_line)
{
	static const struct { const char *text, *want; } cases[] = {
		{ "[sync]\nnumbering = central\nreserved_from = 900\nreserved_to = 949\n",
		  "k.ini:2: [sync] numbering: numbering = central needs url" },
		{ LINK "numbering = central\n",
		  "k.ini:6: [sync] numbering: central needs reserved_from and reserved_to" },
		{ LINK "reserved_from = 900\nnumbering = central\n",
		  "k.ini:6: [sync] reserved_from: set both reserved_from and reserved_to" },
		{ LINK "reserved_to = 950\nreserved_from = 951\n",
		  "k.ini:7: [sync] reserved_from: reserved_from (951) must not be more than "
		  "reserved_to (950)" },
		{ LINK "reserved_from = 10000\n", "k.ini:6: [sync] reserved_from: must be an integer" },
		{ LINK "reserved_to = -1\n", "k.ini:6: [sync] reserved_to: must be an integer" },
		{ LINK "numbering = centre\n", "k.ini:6: [sync] numbering: must be one of local, central" },
		{ LINK "numbering_deadline_ms = 100\n",
		  "k.ini:6: [sync] numbering_deadline_ms: must be an integer between 200 and 5000" },
	};
	struct config c;
	char err[512];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		if (load_text(&c, cases[i].text, err, sizeof(err)) != ERR_CONFIG ||
		    !strstr(err, cases[i].want)) {
			t_fail(__FILE__, __LINE__, "case %zu: got \"%s\", want \"%s\"", i, err,
			       cases[i].want);
			return;
		}
	}
}
