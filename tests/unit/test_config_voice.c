/* The [voice] section: off by default; quiet hours as HH:MM-HH:MM, across midnight too; bad
 * values refused with the file, line and why. */
#include "../t.h"
#include "config_text.h"
#include "../../firmware/config.h"
#include "../../firmware/err.h"

#include <stdio.h>

static int load_text(struct config *c, const char *text, char *err, unsigned len)
{
	return t_config_text(c, "k.ini", text, err, len);
}

T_TEST(config_voice_defaults_and_values)
{
	struct config c;
	char err[512];

	T_OK(config_load(&c, NULL, err, sizeof(err)));
	T_CHECK(!c.voice.enabled);
	T_EQ(c.voice.volume, 80);
	T_EQ(c.voice.quiet_from, -1);
	T_EQ(c.voice.quiet_to, -1);
	T_STREQ(c.voice.clips, "");
	T_OK(load_text(&c, "[voice]\nenabled = true\nvolume = 55\nquiet_hours = 22:00-06:30\n"
		       "clips = /usr/share/kiosk/clips\n", err, sizeof(err)));
	T_CHECK(c.voice.enabled);
	T_EQ(c.voice.volume, 55);
	T_EQ(c.voice.quiet_from, 22 * 60);
	T_EQ(c.voice.quiet_to, 6 * 60 + 30);
	T_STREQ(c.voice.clips, "/usr/share/kiosk/clips");
}

T_TEST(config_voice_rejects_bad_values_with_line)
{
	static const struct { const char *text, *why; } bad[] = {
		{ "[voice]\nvolume = 101\n", "k.ini:2: [voice] volume:" },
		{ "[voice]\n\nquiet_hours = 12:00\n", "k.ini:3: [voice] quiet_hours: must be HH:MM-HH:MM" },
		{ "[voice]\nquiet_hours = 24:00-06:00\n", "k.ini:2: [voice] quiet_hours: must be" },
		{ "[voice]\nquiet_hours = 12:00-12:00\n", "k.ini:2: [voice] quiet_hours: starts and ends" },
		{ "[voice]\nquiet_hours = 12:00-13:00x\n", "k.ini:2: [voice] quiet_hours: must be" },
		{ "[voice]\nenabled = maybe\n", "k.ini:2: [voice] enabled:" },
	};
	struct config c;
	char err[512];
	int wrong = 0;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (load_text(&c, bad[i].text, err, sizeof(err)) != ERR_CONFIG || !strstr(err, bad[i].why)) {
			t_fail(__FILE__, __LINE__, "%s: got \"%s\"", bad[i].text, err);
			wrong++;
		}
	}
	T_EQ(wrong, 0);
}
