/* t: the unit-test harness. A test is `T_TEST(name) { ... }` in any .c file in tests/unit
 * (the domain, drivers and journeys: built/linked without SDL) or tests/ui (what the screens
 * use, with SDL); it registers itself, and build/unit_tests or build/ui_tests runs them all
 * (or those whose name contains argv[1]): "plan N" first, a line per test, and
 * "unit: N passed, N failed" last; exit status 1 when one failed. tests/run.sh holds each
 * binary to its plan. */
#ifndef KIOSK_T_H
#define KIOSK_T_H

#include <stdint.h>
#include <string.h>

typedef void (*t_fn)(void);
void t_register(const char *name, t_fn fn);
void t_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A scratch directory for this test, removed afterwards; path valid during the test. */
const char *t_tmpdir(void);

#define T_TEST(name)                                                   \
	static void t_##name(void);                                    \
	__attribute__((constructor)) static void t_reg_##name(void)    \
	{                                                              \
		t_register(#name, t_##name);                           \
	}                                                              \
	static void t_##name(void)

#define T_CHECK(c) do { if (!(c)) { t_fail(__FILE__, __LINE__, "%s", #c); return; } } while (0)
#define T_EQ(a, b) do { long long t_a_ = (long long)(a), t_b_ = (long long)(b); \
	if (t_a_ != t_b_) { t_fail(__FILE__, __LINE__, "%s == %lld, expected %s == %lld", \
		#a, t_a_, #b, t_b_); return; } } while (0)
#define T_STREQ(a, b) do { const char *t_a_ = (a), *t_b_ = (b); \
	if (!t_a_ || !t_b_ || strcmp(t_a_, t_b_) != 0) { t_fail(__FILE__, __LINE__, \
		"%s == \"%s\", expected \"%s\"", #a, t_a_ ? t_a_ : "(null)", t_b_ ? t_b_ : "(null)"); \
		return; } } while (0)
#define T_OK(e) do { int t_r_ = (e); if (t_r_ != 0) { \
	t_fail(__FILE__, __LINE__, "%s returned %d", #e, t_r_); return; } } while (0)

#endif
