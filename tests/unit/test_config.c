/* config: embedded defaults, overrides from a file, and one exact error line per mistake. */
#include "../t.h"
#include "../../firmware/config.h"
#include "../../firmware/err.h"

#include <stdio.h>

/* Writes text to <tmpdir>/kiosk.ini and loads it over the defaults; path gets the file name. */
static int load(const char *text, struct config *cfg, char *path, size_t pathlen, char *err,
		unsigned errlen)
{
	FILE *f;

	snprintf(path, pathlen, "%s/kiosk.ini", t_tmpdir());
	f = fopen(path, "w");
	if (!f)
		return ERR_IO;
	fputs(text, f);
	fclose(f);
	return config_load(cfg, path, err, errlen);
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Loads text, expects ERR_CONFIG and an error line "PATH" + where. */
#define T_CONFIG_ERROR(text, where) do { \
	struct config c_; char p_[300], e_[512], want_[600]; \
	T_EQ(load(text, &c_, p_, sizeof(p_), e_, sizeof(e_)), ERR_CONFIG); \
	snprintf(want_, sizeof(want_), "%s%s", p_, where); \
	if (!starts_with(e_, want_)) { \
		t_fail(__FILE__, __LINE__, "error \"%s\" does not start with \"%s\"", e_, want_); \
		return; \
	} \
} while (0)

T_TEST(config_defaults_load)
{
	struct config c;
	char err[256] = "";

	T_OK(config_load(&c, NULL, err, sizeof(err)));
	T_STREQ(err, "");
	T_STREQ(c.kiosk_id, "KIOSK-01");
	T_CHECK(strstr(c.unit_name, "Trung tâm Phục vụ hành chính công") == c.unit_name);
	T_EQ(c.language, LANG_VI);
	T_EQ(c.landscape, 0);
	T_EQ(c.width, 1080);
	T_EQ(c.height, 1920);
	T_EQ(c.fullscreen, 0);
	T_EQ(c.idle_timeout_s, 60);
	T_EQ(c.ticket_screen_s, 15);
	T_STREQ(c.var_dir, "var");
	T_STREQ(c.catalog, "");
	T_STREQ(c.font, "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf");
	T_STREQ(c.font_bold, "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf");
	T_EQ(c.priority_mask, (1u << PRIO_ELDERLY) | (1u << PRIO_PREGNANT) | (1u << PRIO_DISABILITY));
	T_EQ(c.show_number_if_print_fails, 0);
	T_CHECK(starts_with(c.ticket_note, "Vui lòng chờ gọi số"));
	T_STREQ(c.printer.driver, "virtual");
	T_STREQ(c.printer.simulate, "ok");
	T_EQ(c.printer.paper_width_dots, 576);
	T_EQ(c.printer.band_height, 24);
}

T_TEST(config_file_overrides_some_keys)
{
	struct config c;
	char path[300], err[512];

	T_OK(load("; local settings\n"
		  "[kiosk]\n"
		  "orientation = landscape\n"
		  "language=en\n"
		  "fullscreen = YES\n"
		  "idle_timeout_s = 120 ; two minutes\n"
		  "priority_groups = disability ,elderly\n"
		  "catalog = /etc/kiosk/catalog.ini\n"
		  "\n"
		  "[printer]\n"
		  "driver = file\n"
		  "device = /dev/usb/lp1\n"
		  "paper_width_dots = 384\n"
		  "band_height = 255\n",
		  &c, path, sizeof(path), err, sizeof(err)));
	T_EQ(c.landscape, 1);
	T_EQ(c.width, 1920);
	T_EQ(c.height, 1080);
	T_EQ(c.language, LANG_EN);
	T_EQ(c.fullscreen, 1);
	T_EQ(c.idle_timeout_s, 120);
	T_EQ(c.priority_mask, (1u << PRIO_ELDERLY) | (1u << PRIO_DISABILITY));
	T_STREQ(c.catalog, "/etc/kiosk/catalog.ini");
	T_STREQ(c.printer.driver, "file");
	T_STREQ(c.printer.device, "/dev/usb/lp1");
	T_EQ(c.printer.paper_width_dots, 384);
	T_EQ(c.printer.band_height, 255);
	/* untouched keys keep their defaults */
	T_STREQ(c.kiosk_id, "KIOSK-01");
	T_EQ(c.ticket_screen_s, 15);
	T_STREQ(c.printer.simulate, "ok");
}

T_TEST(config_booleans_and_empty_priority_groups)
{
	static const struct { const char *text; int want; } cases[] = {
		{ "true", 1 }, { "yes", 1 }, { "1", 1 }, { "True", 1 },
		{ "false", 0 }, { "no", 0 }, { "0", 0 }, { "NO", 0 },
	};
	struct config c;
	char text[200], path[300], err[512];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), "[kiosk]\nshow_number_if_print_fails = %s\n",
			 cases[i].text);
		T_OK(load(text, &c, path, sizeof(path), err, sizeof(err)));
		T_EQ(c.show_number_if_print_fails, cases[i].want);
	}
	T_OK(load("[kiosk]\npriority_groups =\n", &c, path, sizeof(path), err, sizeof(err)));
	T_EQ(c.priority_mask, 0);
}

T_TEST(config_text_is_stored_nfc)
{
	struct config c;
	char path[300], err[512];

	/* "Hòa" with a combining grave accent */
	T_OK(load("[kiosk]\nunit_name = UBND xa\xcc\x83 Ho\xcc\x80" "a Bi\xcc\x80nh\n",
		  &c, path, sizeof(path), err, sizeof(err)));
	T_STREQ(c.unit_name, "UBND xã Hòa Bình");
}

T_TEST(config_error_unknown_key_has_file_and_line)
{
	T_CONFIG_ERROR("[kiosk]\nkiosk_id = K2\ncolour = red\n", ":3: [kiosk] colour: unknown key");
	T_CONFIG_ERROR("[printer]\n\n\nidle_timeout_s = 60\n",
		       ":4: [printer] idle_timeout_s: unknown key");
}

T_TEST(config_error_unknown_section)
{
	/* reported at the header, even though the section has no keys */
	T_CONFIG_ERROR("[kiosk]\nkiosk_id = K2\n[display]\n", ":3: [display]: unknown section");
	T_CONFIG_ERROR("idle_timeout_s = 60\n", ":1: idle_timeout_s: key before any [section]");
	T_CONFIG_ERROR("[kiosk] extra\n", ":1: [kiosk]: unexpected text");
}

T_TEST(config_error_integers)
{
	T_CONFIG_ERROR("[kiosk]\nidle_timeout_s = abc\n",
		       ":2: [kiosk] idle_timeout_s: must be an integer between 5 and 3600, "
		       "got \"abc\"");
	T_CONFIG_ERROR("[kiosk]\nidle_timeout_s = 4\n", ":2: [kiosk] idle_timeout_s: must be");
	T_CONFIG_ERROR("[kiosk]\nidle_timeout_s = 3601\n", ":2: [kiosk] idle_timeout_s: must be");
	T_CONFIG_ERROR("[kiosk]\nidle_timeout_s = 60s\n", ":2: [kiosk] idle_timeout_s: must be");
	T_CONFIG_ERROR("[kiosk]\nidle_timeout_s =\n", ":2: [kiosk] idle_timeout_s: must be");
	T_CONFIG_ERROR("[kiosk]\nticket_screen_s = 99999999999999999999\n",
		       ":2: [kiosk] ticket_screen_s: must be an integer between 3 and 120");
	T_CONFIG_ERROR("[printer]\nband_height = 7\n", ":2: [printer] band_height: must be");
}

T_TEST(config_error_booleans_and_choices)
{
	T_CONFIG_ERROR("[kiosk]\nfullscreen = maybe\n",
		       ":2: [kiosk] fullscreen: must be true or false (or yes/no, 1/0), "
		       "got \"maybe\"");
	T_CONFIG_ERROR("[printer]\ndriver = usb\n",
		       ":2: [printer] driver: must be one of virtual, file, simulated; got \"usb\"");
	T_CONFIG_ERROR("[printer]\nsimulate = on-fire\n", ":2: [printer] simulate: must be one of");
	T_CONFIG_ERROR("[printer]\npaper_width_dots = 512\n",
		       ":2: [printer] paper_width_dots: must be one of 384, 576");
	T_CONFIG_ERROR("[kiosk]\nlanguage = fr\n", ":2: [kiosk] language: must be one of vi, en");
	T_CONFIG_ERROR("[kiosk]\norientation = square\n", ":2: [kiosk] orientation: must be one");
	T_CONFIG_ERROR("[kiosk]\npriority_groups = elderly, children\n",
		       ":2: [kiosk] priority_groups: unknown group \"children\"");
}

T_TEST(config_error_text_values)
{
	char text[400];

	T_CONFIG_ERROR("[kiosk]\n\nunit_name = Trung t\xe2m\n", ":3: [kiosk] unit_name: invalid UTF-8");
	T_CONFIG_ERROR("[kiosk]\nkiosk_id = 0123456789012345678901234567890123\n",
		       ":2: [kiosk] kiosk_id: too long (at most 31 bytes");
	T_CONFIG_ERROR("[kiosk]\nkiosk_id = KIOSK 01\n", ":2: [kiosk] kiosk_id: only letters");
	T_CONFIG_ERROR("[kiosk]\nfont =\n", ":2: [kiosk] font: must not be empty");
	/* a line longer than libinih's buffer is refused, not split in two */
	snprintf(text, sizeof(text), "[kiosk]\nticket_note = %0250d\n", 0);
	T_CONFIG_ERROR(text, ":2: line too long");
}

T_TEST(config_error_structure)
{
	T_CONFIG_ERROR("[kiosk]\nkiosk_id = A\nkiosk_id = B\n",
		       ":3: [kiosk] kiosk_id: set twice (first on line 2)");
	T_CONFIG_ERROR("[kiosk]\nticket_note = Vui lòng\n  chờ gọi số\n",
		       ":3: [kiosk] ticket_note: indented line 3 would continue");
	T_CONFIG_ERROR("[kiosk]\nfullscreen\n", ":2: syntax error");
	T_CONFIG_ERROR("[kiosk\nfullscreen = true\n", ":1: syntax error");
}

T_TEST(config_error_stops_at_first_and_changes_nothing)
{
	struct config c, before;
	char err[512];

	T_OK(config_load(&c, NULL, err, sizeof(err)));
	before = c;
	T_EQ(config_parse_string(&c, "[kiosk]\nidle_timeout_s = 99\nfullscreen = x\n"
				 "colour = red\n", "t.ini", err, sizeof(err)), ERR_CONFIG);
	T_CHECK(starts_with(err, "t.ini:3: [kiosk] fullscreen:"));
	T_CHECK(memcmp(&c, &before, sizeof(c)) == 0);
	T_OK(config_parse_string(&c, "[kiosk]\nidle_timeout_s = 99\n", "t.ini", err, sizeof(err)));
	T_EQ(c.idle_timeout_s, 99);
}

T_TEST(config_missing_file)
{
	struct config c;
	char path[300], err[512], want[600];

	snprintf(path, sizeof(path), "%s/nope.ini", t_tmpdir());
	T_EQ(config_load(&c, path, err, sizeof(err)), ERR_NOTFOUND);
	snprintf(want, sizeof(want), "cannot read config %s: No such file or directory", path);
	T_STREQ(err, want);
	T_EQ(config_load(&c, t_tmpdir(), err, sizeof(err)), ERR_IO);
	T_CHECK(starts_with(err, "cannot read config "));
}
