/* The [scanner] section: defaults, values, and one exact error line per bad value. */
#include "../t.h"
#include "config_text.h"
#include "../../firmware/config.h"
#include "../../firmware/err.h"

#include <stdio.h>

static int load_text(struct config *c, const char *text, char *err, unsigned len)
{
	return t_config_text(c, "s.ini", text, err, len);
}

T_TEST(config_scanner_defaults)
{
	struct config c;
	char err[512] = "";

	T_OK(config_load(&c, NULL, err, sizeof(err)));
	T_STREQ(c.scanner.driver, "wedge");
	T_STREQ(c.scanner.device, "/dev/video0");
	T_EQ(c.scanner.width, 640);
	T_EQ(c.scanner.height, 480);
	T_EQ(c.scanner.fps, 15);
	T_EQ(c.scanner.wedge_max_gap_ms, 35);
	T_EQ(c.scanner.wedge_min_len, 4);
	T_EQ(c.scanner.wedge_end_ms, 100);
}

T_TEST(config_scanner_values)
{
	struct config c;
	char err[512] = "";

	T_OK(load_text(&c, "[scanner]\ndriver = camera\ndevice = dir:/tmp/frames\nwidth = 1280\n"
		       "height = 720\nfps = 30\nwedge_max_gap_ms = 50\nwedge_min_len = 6\n"
		       "wedge_end_ms = 200\n", err, sizeof(err)));
	T_STREQ(c.scanner.driver, "camera");
	T_STREQ(c.scanner.device, "dir:/tmp/frames");
	T_EQ(c.scanner.width, 1280);
	T_EQ(c.scanner.height, 720);
	T_EQ(c.scanner.fps, 30);
	T_EQ(c.scanner.wedge_max_gap_ms, 50);
	T_EQ(c.scanner.wedge_min_len, 6);
	T_EQ(c.scanner.wedge_end_ms, 200);
	T_OK(load_text(&c, "[scanner]\ndriver = none\n", err, sizeof(err)));
	T_STREQ(c.scanner.driver, "none");
	T_OK(load_text(&c, "[scanner]\ndriver = image\n", err, sizeof(err)));
	T_STREQ(c.scanner.driver, "image");
}

/* Each bad value is refused at its line, with the key named. */
T_TEST(config_scanner_bad_values)
{
	static const struct { const char *text, *where; } bad[] = {
		{ "[scanner]\ndriver = usb\n", "s.ini:2: [scanner] driver:" },
		{ "[scanner]\ndevice =\n", "s.ini:2: [scanner] device:" },
		{ "[scanner]\n\nwidth = 100\n", "s.ini:3: [scanner] width:" },
		{ "[scanner]\nheight = 4000\n", "s.ini:2: [scanner] height:" },
		{ "[scanner]\nfps = 0\n", "s.ini:2: [scanner] fps:" },
		{ "[scanner]\nfps = fast\n", "s.ini:2: [scanner] fps:" },
		{ "[scanner]\nwedge_max_gap_ms = 500\n", "s.ini:2: [scanner] wedge_max_gap_ms:" },
		{ "[scanner]\nwedge_min_len = 1\n", "s.ini:2: [scanner] wedge_min_len:" },
		{ "[scanner]\nwedge_end_ms = 10\n", "s.ini:2: [scanner] wedge_end_ms:" },
		{ "[scanner]\nresolution = 640x480\n", "s.ini:2: [scanner] resolution:" },
		/* the end silence must be longer than a gap inside a scan */
		{ "[scanner]\nwedge_end_ms = 30\n", "s.ini:2: [scanner] wedge_end_ms:" },
		{ "[scanner]\nwedge_end_ms = 60\nwedge_max_gap_ms = 60\n",
		  "s.ini:3: [scanner] wedge_max_gap_ms:" },
	};
	struct config c;
	char err[512];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		T_EQ(load_text(&c, bad[i].text, err, sizeof(err)), ERR_CONFIG);
		if (!strstr(err, bad[i].where)) {
			t_fail(__FILE__, __LINE__, "\"%s\" does not contain \"%s\"", err, bad[i].where);
			return;
		}
	}
}
