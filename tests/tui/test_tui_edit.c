/* The text box's editing model (src/tui/tui_edit.c): UTF-8, wide and
 * combining characters, wrapping and the cursor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui_edit.h"

static void test_empty(void **state)
{
	(void)state;
	struct tui_edit e;
	assert_true(tui_edit_init(&e));
	assert_true(tui_edit_empty(&e));
	assert_false(tui_edit_backspace(&e));
	assert_false(tui_edit_delete(&e));
	assert_false(tui_edit_left(&e));
	size_t n;
	int row, col;
	struct tui_edit_line *l = tui_edit_layout(&e, 10, &n, &row, &col);
	assert_int_equal(n, 1);
	assert_int_equal(row, 0);
	assert_int_equal(col, 0);
	free(l);
	tui_edit_free(&e);
}

static void test_set_filters_controls(void **state)
{
	(void)state;
	struct tui_edit e;
	tui_edit_init(&e);
	tui_edit_set(&e, "a\033[31mb\tc\r\nd\x7f");
	assert_string_equal(e.buf, "a[31mb c\nd");
	assert_int_equal(e.cur, e.len);
	tui_edit_free(&e);
}

static void test_backspace_clusters(void **state)
{
	(void)state;
	struct tui_edit e;
	tui_edit_init(&e);
	/* e + combining acute, then a wide CJK character */
	tui_edit_set(&e, "xe\xcc\x81李");
	assert_true(tui_edit_backspace(&e));
	assert_string_equal(e.buf, "xe\xcc\x81");
	assert_true(tui_edit_backspace(&e));
	assert_string_equal(e.buf, "x");
	tui_edit_set(&e, "ae\xcc\x81z");
	tui_edit_left(&e);
	tui_edit_left(&e); /* over z, then over é as one */
	assert_int_equal(e.cur, 1);
	assert_true(tui_edit_delete(&e));
	assert_string_equal(e.buf, "az");
	tui_edit_free(&e);
}

static void test_wrap_and_cursor(void **state)
{
	(void)state;
	struct tui_edit e;
	tui_edit_init(&e);
	tui_edit_set(&e, "hello big world");
	size_t n;
	int row, col;
	struct tui_edit_line *l = tui_edit_layout(&e, 10, &n, &row, &col);
	assert_int_equal(n, 2);
	assert_int_equal(l[0].len, 10); /* "hello big " */
	assert_int_equal(row, 1);
	assert_int_equal(col, 5);
	free(l);
	/* Up keeps the column, down comes back to it. */
	assert_true(tui_edit_vertical(&e, 10, -1));
	assert_int_equal(e.cur, 5);
	assert_true(tui_edit_vertical(&e, 10, 1));
	assert_int_equal(e.cur, 15);
	/* Wide characters count two columns. */
	tui_edit_set(&e, "李小龙李小龙");
	l = tui_edit_layout(&e, 5, &n, &row, &col);
	assert_int_equal(n, 3);
	assert_int_equal(l[0].len, 6); /* two characters, 4 columns */
	free(l);
	tui_edit_free(&e);
}

static void test_newlines(void **state)
{
	(void)state;
	struct tui_edit e;
	tui_edit_init(&e);
	tui_edit_insert_str(&e, "ab\n");
	size_t n;
	int row, col;
	struct tui_edit_line *l = tui_edit_layout(&e, 10, &n, &row, &col);
	assert_int_equal(n, 2);
	assert_int_equal(row, 1);
	assert_int_equal(col, 0);
	free(l);
	tui_edit_home(&e, 10);
	assert_int_equal(e.cur, 3);
	assert_true(tui_edit_vertical(&e, 10, -1));
	assert_int_equal(e.cur, 0);
	tui_edit_end(&e, 10);
	assert_int_equal(e.cur, 2);
	tui_edit_free(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_set_filters_controls),
		cmocka_unit_test(test_backspace_clusters),
		cmocka_unit_test(test_wrap_and_cursor),
		cmocka_unit_test(test_newlines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
