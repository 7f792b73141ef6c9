/* The clock given to the model: --now's two forms, and nothing else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "inmail/clock.h"

static void parses_both_forms(void **state)
{
	(void)state;
	im_time t = 0;
	assert_true(im_clock_parse("2026-01-01", &t));
	assert_int_equal(t, 1767225600);
	assert_true(im_clock_parse("2026-01-31T09:00:00Z", &t));
	assert_int_equal(t, 1767225600 + 30 * 86400 + 9 * 3600);
	assert_true(im_clock_parse("2024-02-29", &t));
	char buf[IM_ISO_LEN];
	im_clock_format_iso(t, buf);
	assert_string_equal(buf, "2024-02-29T00:00:00Z");
}

static void refuses_the_rest(void **state)
{
	(void)state;
	im_time t = 42;
	const char *bad[] = {"", "2026", "2026-1-31", "2026-02-30", "2025-02-29",
			     "2026-13-01", "2026-01-31T25:00:00Z",
			     "2026-01-31T09:00:00", "2026-01-31 09:00:00Z",
			     "tomorrow", "2026-01-31T09:00:00+01:00",
			     "1969-12-31", "２０２６-01-01"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(im_clock_parse(bad[i], &t));
	assert_int_equal(t, 42);
}

static void short_dates(void **state)
{
	(void)state;
	char buf[32];
	im_time t;
	assert_true(im_clock_parse("2026-03-02", &t));
	im_clock_format_short(t, t, buf, sizeof buf);
	assert_string_equal(buf, "2 Mar");
	im_clock_format_short(t, t + 365 * 86400, buf, sizeof buf);
	assert_string_equal(buf, "2 Mar 2026");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_both_forms),
		cmocka_unit_test(refuses_the_rest),
		cmocka_unit_test(short_dates),
	};
	return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
