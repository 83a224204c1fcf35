/* config: embedded defaults, overrides from a file, and one exact error line per mistake. */
#include "../t.h"
#include "config_text.h"
#include "../../firmware/config.h"
#include "../../firmware/err.h"

#include <stdio.h>

/* Writes text to <tmpdir>/kiosk.ini and loads it over the defaults; path gets the file name. */
static int load(const char *text, struct config *cfg, char *path, size_t pathlen, char *err,
		unsigned errlen)
{
	snprintf(path, pathlen, "%s/kiosk.ini", t_tmpdir());
	return t_config_text(cfg, "kiosk.ini", text, err, errlen);
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
	T_STREQ(c.printer.device, "/dev/usb/lp0");
	T_STREQ(c.printer.host, "");
	T_EQ(c.printer.port, 9100);
	T_EQ(c.printer.timeout_ms, 5000);
}

/* The model table, the chosen model and the effective width and band height. */
static const struct config_model *model(const struct config *c, const char *name)
{
	return config_find_model(c, name);
}

T_TEST(config_model_default_is_generic)
{
	static const unsigned char cut[] = { 0x1d, 0x56, 0x42, 0x00 };
	struct config c;
	char err[256];

	T_OK(config_load(&c, NULL, err, sizeof(err)));
	T_STREQ(c.printer.model, "generic");
	T_STREQ(c.printer.m.name, "generic");
	T_EQ(c.printer.m.width_dots, 576);
	T_EQ(c.printer.m.dpi, 203);
	T_EQ(c.printer.m.band_height, 24);
	T_EQ(c.printer.m.cut_len, 4);
	T_CHECK(memcmp(c.printer.m.cut, cut, sizeof(cut)) == 0);
	T_EQ(c.printer.m.status, 1);
	T_EQ(c.printer.m.near_end, 0);
	T_EQ(c.printer.m.n_ids, 0);
	T_EQ(c.printer.paper_width_set, 0);
	T_EQ(c.printer.band_height_set, 0);
	T_EQ(c.printer.paper_width_dots, 576);
	T_EQ(c.printer.band_height, 24);
}

T_TEST(config_model_builtin_table)
{
	struct config c;
	char err[256];
	const struct config_model *m;

	T_OK(config_load(&c, NULL, err, sizeof(err)));
	T_EQ(c.nmodels, 6);
	T_CHECK(model(&c, "generic") && model(&c, "tm-t20") && model(&c, "tm-t88") &&
		model(&c, "pos58") && model(&c, "pos80") && model(&c, "xprinter"));
	T_CHECK(!model(&c, "nope"));
	m = model(&c, "tm-t20");
	T_EQ(m->width_dots, 576);
	T_EQ(m->near_end, 1);
	T_EQ(m->n_ids, 2);
	T_EQ(m->ids[0].vid, 0x04b8);
	T_EQ(m->ids[0].pid, 0x0e03);
	T_EQ(m->ids[1].pid, 0x0e15);
	m = model(&c, "tm-t88");
	T_EQ(m->width_dots, 512);
	T_EQ(m->dpi, 180);
	for (int i = 0; i < c.nmodels; i++)
		T_CHECK(c.models[i].band_height >= 8 && c.models[i].dpi >= 100);
}

T_TEST(config_model_pos58_has_no_cutter)
{
	struct config c;
	char path[300], err[512];

	T_OK(load("[printer]\nmodel = pos58\n", &c, path, sizeof(path), err, sizeof(err)));
	T_STREQ(c.printer.m.name, "pos58");
	T_EQ(c.printer.paper_width_dots, 384);
	T_EQ(c.printer.band_height, 24);
	T_EQ(c.printer.m.cut_len, 0);
	T_EQ(c.printer.m.n_ids, 1);
	T_EQ(c.printer.m.ids[0].vid, 0x0416);
	T_EQ(c.printer.m.ids[0].pid, 0x5011);
}

T_TEST(config_model_explicit_printer_keys_win)
{
	struct config c;
	char path[300], err[512];

	T_OK(load("[printer]\nmodel = pos58\npaper_width_dots = 576\nband_height = 16\n",
		  &c, path, sizeof(path), err, sizeof(err)));
	T_EQ(c.printer.m.width_dots, 384);
	T_EQ(c.printer.paper_width_dots, 576);
	T_EQ(c.printer.band_height, 16);
	/* "model" given explicitly means the model's value */
	T_OK(load("[printer]\nmodel = tm-t88\npaper_width_dots = model\nband_height = model\n",
		  &c, path, sizeof(path), err, sizeof(err)));
	T_EQ(c.printer.paper_width_dots, 512);
	T_EQ(c.printer.band_height, 24);
	/* an override in one text holds when a later text changes only the model */
	T_OK(config_load(&c, NULL, err, sizeof(err)));
	T_OK(config_parse_string(&c, "[printer]\nband_height = 32\n", "a.ini", err, sizeof(err)));
	T_OK(config_parse_string(&c, "[printer]\nmodel = pos58\n", "b.ini", err, sizeof(err)));
	T_EQ(c.printer.paper_width_dots, 384);
	T_EQ(c.printer.band_height, 32);
}

T_TEST(config_model_user_defined_and_replaced)
{
	struct config c;
	char path[300], err[512];
	const struct config_model *m;

	T_OK(load("[printer]\n"
		  "model = my-80\n"
		  "\n"
		  "[model.my-80]\n"
		  "width_dots = 576\n"
		  "dpi = 203\n"
		  "band_height = 48\n"
		  "cut = 1B 69\n"
		  "status = no\n"
		  "near_end = yes\n"
		  "usb_ids = 28E9:0289 ,0fe6:811e\n"
		  "\n"
		  "[model.generic]\n"
		  "width_dots = 384\n"
		  "dpi = 203\n"
		  "band_height = 24\n"
		  "cut = none\n"
		  "status = false\n"
		  "near_end = false\n",
		  &c, path, sizeof(path), err, sizeof(err)));
	T_EQ(c.nmodels, 7);
	T_STREQ(c.printer.m.name, "my-80");
	T_EQ(c.printer.paper_width_dots, 576);
	T_EQ(c.printer.band_height, 48);
	T_EQ(c.printer.m.cut_len, 2);
	T_EQ(c.printer.m.cut[0], 0x1b);
	T_EQ(c.printer.m.cut[1], 0x69);
	T_EQ(c.printer.m.status, 0);
	T_EQ(c.printer.m.near_end, 1);
	T_EQ(c.printer.m.n_ids, 2);
	T_EQ(c.printer.m.ids[0].vid, 0x28e9);
	T_EQ(c.printer.m.ids[0].pid, 0x0289);
	T_EQ(c.printer.m.ids[1].vid, 0x0fe6);
	T_EQ(c.printer.m.ids[1].pid, 0x811e);
	/* generic replaced as a whole, in place */
	m = model(&c, "generic");
	T_CHECK(m == &c.models[0]);
	T_EQ(m->width_dots, 384);
	T_EQ(m->cut_len, 0);
	T_EQ(m->status, 0);
	/* up to CONFIG_MAX_MODELS in all */
	{
		char text[4000];
		size_t n = 0;

		for (int i = 0; i < CONFIG_MAX_MODELS - 6 + 1; i++)
			n += (size_t)snprintf(text + n, sizeof(text) - n,
					      "[model.m%d]\nwidth_dots = 384\ndpi = 203\n"
					      "band_height = 24\ncut = none\nstatus = 1\n"
					      "near_end = 0\n", i);
		T_CONFIG_ERROR(text, ":71: [model.m10]: too many models (at most 16)");
	}
}

T_TEST(config_error_model_missing_key)
{
	/* at the line of the section, when the next section starts or the file ends */
	T_CONFIG_ERROR("[printer]\nmodel = mine\n\n[model.mine]\nwidth_dots = 576\ndpi = 203\n"
		       "band_height = 24\ncut = none\nstatus = true\n",
		       ":4: [model.mine] near_end: missing; a model sets width_dots, dpi, "
		       "band_height, cut, status and near_end");
	T_CONFIG_ERROR("[model.mine]\nwidth_dots = 576\n[kiosk]\nfullscreen = x\n",
		       ":1: [model.mine] dpi: missing");
	/* a redefined built-in model is replaced as a whole, not patched */
	T_CONFIG_ERROR("[kiosk]\nfullscreen = 1\n[model.generic]\nwidth_dots = 384\n",
		       ":3: [model.generic] dpi: missing");
	T_CONFIG_ERROR("[model.mine]\nwidth_dots = 576\nwidth_dots = 384\n",
		       ":3: [model.mine] width_dots: set twice (first on line 2)");
	T_CONFIG_ERROR("[model.mine]\nwidth_dots = 576\ncolour = red\n",
		       ":3: [model.mine] colour: unknown key");
	T_CONFIG_ERROR("[model.a]\nwidth_dots = 576\ndpi = 203\nband_height = 24\ncut = none\n"
		       "status = true\nnear_end = false\n[model.a]\n",
		       ":8: [model.a]: defined twice (first on line 1)");
	T_CONFIG_ERROR("[model.TM88]\n", ":1: [model.TM88]: a model name is");
	T_CONFIG_ERROR("[model.]\n", ":1: [model.]: a model name is");
	T_CONFIG_ERROR("[model.mine]\nwidth_dots = 500\n",
		       ":2: [model.mine] width_dots: must be one of 384, 512, 576; got \"500\"");
	T_CONFIG_ERROR("[model.mine]\nwidth_dots = model\n", ":2: [model.mine] width_dots: must be");
	T_CONFIG_ERROR("[model.mine]\ndpi = 99\n",
		       ":2: [model.mine] dpi: must be an integer between 100 and 400");
	T_CONFIG_ERROR("[model.mine]\nband_height = 256\n", ":2: [model.mine] band_height: must be");
	T_CONFIG_ERROR("[model.mine]\nstatus = sometimes\n", ":2: [model.mine] status: must be");
}

T_TEST(config_error_model_bad_cut)
{
	T_CONFIG_ERROR("[model.m]\ncut = 1d 56 4\n",
		       ":2: [model.m] cut: \"4\" is not a hex byte; use e.g. 1d 56 42 00, or none");
	T_CONFIG_ERROR("[model.m]\ncut = 1d 56 zz 00\n", ":2: [model.m] cut: \"zz\" is not a hex");
	T_CONFIG_ERROR("[model.m]\ncut = 0x1d\n", ":2: [model.m] cut: \"0x1d\" is not a hex");
	T_CONFIG_ERROR("[model.m]\ncut = 1d,56\n", ":2: [model.m] cut: \"1d,56\" is not a hex");
	T_CONFIG_ERROR("[model.m]\ncut = 00 01 02 03 04 05 06 07 08\n",
		       ":2: [model.m] cut: more than 8 bytes");
	T_CONFIG_ERROR("[model.m]\ncut =\n", ":2: [model.m] cut: must be hex bytes");
	T_CONFIG_ERROR("[model.m]\ncut = None\n", ":2: [model.m] cut: \"None\" is not a hex");
}

T_TEST(config_error_model_bad_usb_id)
{
	struct config c;
	char path[300], err[512];

	T_CONFIG_ERROR("[model.m]\nusb_ids = 04b8-0e15\n",
		       ":2: [model.m] usb_ids: \"04b8-0e15\" is not a USB id; use VVVV:PPPP in hex");
	T_CONFIG_ERROR("[model.m]\nusb_ids = 4b8:e15\n", ":2: [model.m] usb_ids: \"4b8:e15\" is not");
	T_CONFIG_ERROR("[model.m]\nusb_ids = 04b8:0g15\n", ":2: [model.m] usb_ids: \"04b8:0g15\" is");
	T_CONFIG_ERROR("[model.m]\nusb_ids = 04b8:0e15 0416:5011\n",
		       ":2: [model.m] usb_ids: \"04b8:0e15 0416:5011\" is not");
	T_CONFIG_ERROR("[model.m]\nusb_ids = 04b8:0e15,,0416:5011\n",
		       ":2: [model.m] usb_ids: \"\" is not a USB id");
	T_CONFIG_ERROR("[model.m]\nusb_ids = 04b8:0e15,\n",
		       ":2: [model.m] usb_ids: nothing after the last ','");
	T_CONFIG_ERROR("[model.m]\nusb_ids = 0001:0001, 0002:0002, 0003:0003, 0004:0004, "
		       "0005:0005, 0006:0006, 0007:0007, 0008:0008, 0009:0009\n",
		       ":2: [model.m] usb_ids: more than 8 USB ids");
	/* eight is fine, and so is none */
	T_OK(load("[printer]\nmodel = m\n[model.m]\nwidth_dots = 384\ndpi = 203\nband_height = 24\n"
		  "cut = none\nstatus = true\nnear_end = false\nusb_ids = 0001:0001, 0002:0002, "
		  "0003:0003, 0004:0004, 0005:0005, 0006:0006, 0007:0007, FFFF:ffff\n",
		  &c, path, sizeof(path), err, sizeof(err)));
	T_EQ(c.printer.m.n_ids, 8);
	T_EQ(c.printer.m.ids[7].vid, 0xffff);
	T_EQ(c.printer.m.ids[7].pid, 0xffff);
	T_OK(load("[printer]\nmodel = m\n[model.m]\nwidth_dots = 384\ndpi = 203\nband_height = 24\n"
		  "cut = none\nstatus = true\nnear_end = false\nusb_ids =\n",
		  &c, path, sizeof(path), err, sizeof(err)));
	T_EQ(c.printer.m.n_ids, 0);
}

T_TEST(config_error_unknown_model)
{
	T_CONFIG_ERROR("[kiosk]\nfullscreen = 1\n[printer]\nmodel = tm-t99\n",
		       ":4: [printer] model: unknown model \"tm-t99\" (known: generic, tm-t20, tm-t88, "
		       "pos58, pos80, xprinter)");
	T_CONFIG_ERROR("[printer]\nmodel = Generic\n",
		       ":2: [printer] model: must be a model name (1 to 31 of a-z, 0-9");
	T_CONFIG_ERROR("[printer]\nmodel =\n", ":2: [printer] model: must be a model name");
}

T_TEST(config_printer_tcp_port_and_timeout)
{
	struct config c;
	char path[300], err[512];

	T_OK(load("[printer]\ndriver = tcp\nhost = 192.168.1.50\nport = 1\ntimeout_ms = 500\n",
		  &c, path, sizeof(path), err, sizeof(err)));
	T_STREQ(c.printer.driver, "tcp");
	T_STREQ(c.printer.host, "192.168.1.50");
	T_EQ(c.printer.port, 1);
	T_EQ(c.printer.timeout_ms, 500);
	T_OK(load("[printer]\ndriver = tcp\nhost = printer-1.lan\nport = 65535\n"
		  "timeout_ms = 60000\n", &c, path, sizeof(path), err, sizeof(err)));
	T_EQ(c.printer.port, 65535);
	T_EQ(c.printer.timeout_ms, 60000);
	T_CONFIG_ERROR("[printer]\nport = 0\n",
		       ":2: [printer] port: must be an integer between 1 and 65535, got \"0\"");
	T_CONFIG_ERROR("[printer]\nport = 65536\n", ":2: [printer] port: must be an integer");
	T_CONFIG_ERROR("[printer]\nport = 91OO\n", ":2: [printer] port: must be an integer");
	T_CONFIG_ERROR("[printer]\ntimeout_ms = 499\n",
		       ":2: [printer] timeout_ms: must be an integer between 500 and 60000");
	T_CONFIG_ERROR("[printer]\ntimeout_ms = 60001\n", ":2: [printer] timeout_ms: must be");
	T_CONFIG_ERROR("[printer]\nhost = printer 1\n",
		       ":2: [printer] host: must be a host name or IP address, got \"printer 1\"");
	T_CONFIG_ERROR("[printer]\n\ndriver = tcp\n",
		       ":3: [printer] driver: tcp needs [printer] host");
	T_CONFIG_ERROR("[printer]\ndriver = tcp\nhost =\n",
		       ":3: [printer] host: must not be empty with driver = tcp");
}

T_TEST(config_printer_drivers_usb_tcp_lp)
{
	static const char *const names[] = { "virtual", "file", "lp", "usb", "tcp", "simulated" };
	struct config c;
	char text[200], path[300], err[512];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(text, sizeof(text), "[printer]\ndriver = %s\nhost = 10.0.0.9\n", names[i]);
		T_OK(load(text, &c, path, sizeof(path), err, sizeof(err)));
		T_STREQ(c.printer.driver, names[i]);
	}
	/* lp writes to device, /dev/usb/lp0 unless set */
	T_OK(load("[printer]\ndriver = lp\n", &c, path, sizeof(path), err, sizeof(err)));
	T_STREQ(c.printer.device, "/dev/usb/lp0");
	T_CONFIG_ERROR("[printer]\ndriver = USB\n", ":2: [printer] driver: must be one of");
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
	T_CONFIG_ERROR("[printer]\ndriver = serial\n",
		       ":2: [printer] driver: must be one of virtual, file, lp, usb, tcp, simulated; "
		       "got \"serial\"");
	T_CONFIG_ERROR("[printer]\nsimulate = on-fire\n", ":2: [printer] simulate: must be one of");
	T_CONFIG_ERROR("[printer]\npaper_width_dots = 500\n",
		       ":2: [printer] paper_width_dots: must be one of model, 384, 512, 576; "
		       "got \"500\"");
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
