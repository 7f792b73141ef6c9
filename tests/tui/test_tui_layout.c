/* The layout math (src/tui/tui_layout.c): a list row's columns at the
 * widths the demo and the TUI give a list (issue 12, review item 5). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tui_layout.h"

/* The columns' total: the lead, the name, each other shown column after
 * a blank. */
static int total(const struct tui_row_cols *c)
{
	int w = c->lead + c->name;
	const int more[] = {c->subject, c->state, c->date, c->days};
	for (size_t i = 0; i < 4; i++)
		w += more[i] ? more[i] + 1 : 0;
	return w;
}

/* A 40-column half (38 inside its box): name, state and date, whole;
 * no subject. */
static void half_of_80_keeps_name_state_date(void **state)
{
	(void)state;
	struct tui_row_need need = {.name = 14, .state = 7, .date = 6,
				    .when = 6};
	struct tui_row_cols c;
	tui_layout_row(38, &need, &c);
	assert_int_equal(c.name, 14);
	assert_int_equal(c.state, 7);
	assert_int_equal(c.date, 6);
	assert_int_equal(c.subject, 0);
	assert_int_equal(total(&c), 38);
	/* A row one column too long: the name gives it, nothing else. */
	need.state = 8;
	tui_layout_row(38, &need, &c);
	assert_int_equal(c.name, 13);
	assert_int_equal(c.state, 8);
	assert_int_equal(c.date, 6);
	assert_int_equal(total(&c), 38);
}

/* Awaiting Reply: the days take the date's place when both do not fit;
 * with room, both and a subject. */
static void days_share_the_date_column(void **state)
{
	(void)state;
	struct tui_row_need need = {.name = 12, .state = 7, .date = 10,
				    .days = 3, .when = 3};
	struct tui_row_cols c;
	tui_layout_row(38, &need, &c);
	assert_true(c.when);
	assert_int_equal(c.date, 3);
	assert_int_equal(c.days, 0);
	assert_true(total(&c) <= 38);
	tui_layout_row(58, &need, &c);
	assert_false(c.when);
	assert_int_equal(c.date, 10);
	assert_int_equal(c.days, 3);
	assert_true(c.subject >= TUI_ROW_SUBJECT_MIN);
	assert_int_equal(total(&c), 58);
}

/* Too narrow for all: the name is cut, never below one column; the
 * state and the date stay. */
static void narrow_cuts_the_name_last(void **state)
{
	(void)state;
	struct tui_row_need need = {.name = 20, .state = 8, .date = 6,
				    .when = 6};
	struct tui_row_cols c;
	tui_layout_row(34, &need, &c);
	assert_int_equal(c.state, 8);
	assert_int_equal(c.date, 6);
	assert_int_equal(c.name, 9);
	tui_layout_row(10, &need, &c);
	assert_int_equal(c.name, 1);
	assert_int_equal(c.state, 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(half_of_80_keeps_name_state_date),
		cmocka_unit_test(days_share_the_date_column),
		cmocka_unit_test(narrow_cuts_the_name_last),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
