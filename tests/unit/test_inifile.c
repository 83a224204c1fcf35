/* The key-table engine config and catalogue share: lookup, set twice, required keys,
 * repeatable keys, and the reasons each setter gives. */
#include "../t.h"
#include "../../firmware/err.h"
#include "../../firmware/inifile.h"

#include <stddef.h>
#include <string.h>

struct thing {
	char name[8];
	int count;
	bool on;
	char colour[8];
	int adds;
};

static int add_one(void *obj, const struct inifile_key *k, const char *v, char *why,
		   size_t whylen)
{
	(void)k;
	(void)v;
	(void)why;
	(void)whylen;
	((struct thing *)obj)->adds++;
	return 0;
}

static const char *const colours[] = { "red", "blue", NULL };

#define M(m) .offset = offsetof(struct thing, m), .size = sizeof(((struct thing *)0)->m)
static const struct inifile_key thing_keys[] = {
	{ "thing", "name", inifile_set_text, M(name), .min = 1, .required = true },
	{ "thing", "count", inifile_set_int, M(count), .min = 1, .max = 9 },
	{ "thing", "on", inifile_set_bool, M(on) },
	{ "thing", "colour", inifile_set_choice, M(colour), .choices = colours },
	{ "other", "add", add_one, .repeat = true },
	{ NULL },
};

struct parse {
	struct thing t;
	int line_of[6];
};

static int on_key(void *user, struct inifile *p, const char *section, const char *key,
		  const char *value)
{
	struct parse *ps = user;

	return inifile_apply(p, &(struct inifile_keys){ thing_keys, ps->line_of, &ps->t }, section,
			     key, value, inifile_section_known(thing_keys, section) ?
			     "unknown key" : "unknown section");
}

static const struct inifile_ops ops = { NULL, on_key };

static int parse(const char *text, struct parse *ps, char *err, unsigned errlen)
{
	memset(ps, 0, sizeof(*ps));
	return inifile_parse(text, "t.ini", &ops, ps, err, errlen);
}

T_TEST(inifile_keys_set_through_their_setters)
{
	struct parse ps;
	char err[256];

	T_OK(parse("[thing]\nname = lamp\ncount = 3\non = yes\ncolour = blue\n[other]\nadd = x\n"
		   "add = y\n", &ps, err, sizeof(err)));
	T_STREQ(ps.t.name, "lamp");
	T_EQ(ps.t.count, 3);
	T_CHECK(ps.t.on);
	T_STREQ(ps.t.colour, "blue");
	T_EQ(ps.t.adds, 2);
	T_EQ(ps.line_of[1], 3);
	T_CHECK(!inifile_missing(&(struct inifile_keys){ thing_keys, ps.line_of, &ps.t }));
}

T_TEST(inifile_key_refusals_say_where_and_why)
{
	static const struct { const char *text, *err; } cases[] = {
		{ "[thing]\nname = a\nname = b\n", "t.ini:3: [thing] name: set twice (first on line 2)" },
		{ "[thing]\nnmae = a\n", "t.ini:2: [thing] nmae: unknown key" },
		{ "[thnig]\nname = a\n", "t.ini:2: [thnig] name: unknown section" },
		{ "[thing]\ncount = 10\n",
		  "t.ini:2: [thing] count: must be an integer between 1 and 9, got \"10\"" },
		{ "[thing]\non = maybe\n",
		  "t.ini:2: [thing] on: must be true or false (or yes/no, 1/0), got \"maybe\"" },
		{ "[thing]\ncolour = green\n",
		  "t.ini:2: [thing] colour: must be one of red, blue; got \"green\"" },
		{ "[thing]\nname = toolongname\n",
		  "t.ini:2: [thing] name: too long (at most 7 bytes of UTF-8)" },
		{ "[thing]\nname =\n", "t.ini:2: [thing] name: must not be empty" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct parse ps;
		char err[256];

		T_EQ(parse(cases[i].text, &ps, err, sizeof(err)), ERR_CONFIG);
		T_STREQ(err, cases[i].err);
	}
}

T_TEST(inifile_missing_names_the_first_required_key)
{
	struct parse ps;
	char err[256];
	const struct inifile_key *k;

	T_OK(parse("[thing]\ncount = 2\n", &ps, err, sizeof(err)));
	k = inifile_missing(&(struct inifile_keys){ thing_keys, ps.line_of, &ps.t });
	T_CHECK(k != NULL);
	T_STREQ(k->key, "name");
	T_CHECK(inifile_find(thing_keys, "other", "add") == &thing_keys[4]);
	T_CHECK(!inifile_find(thing_keys, "thing", "add"));
}
