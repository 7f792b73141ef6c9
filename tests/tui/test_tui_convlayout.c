/* The conversation laid out incrementally (src/tui/tui_convlayout.c),
 * against a fake conversation: item i has id ids[i] and one paragraph
 * "m<i> <words>", then an empty row.  Renders are counted, so each test
 * says how much was laid out, not only what shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui_convlayout.h"
#include "tui_text.h"

#define BIG 50000

struct fake {
	size_t n;
	int64_t *ids;
	const char *words; /* the body after "m<i> " */
	size_t renders;
};

static int64_t fake_id(void *arg, size_t i)
{
	return ((struct fake *)arg)->ids[i];
}

static void fake_render(void *arg, size_t i, struct tui_convlayout *l)
{
	struct fake *f = arg;
	char buf[256];
	snprintf(buf, sizeof buf, "m%zu %s", i, f->words);
	f->renders++;
	tui_convlayout_add(l, buf, 7);
	tui_convlayout_blank(l);
}

static struct fake *fake_new(size_t n, const char *words)
{
	struct fake *f = calloc(1, sizeof *f);
	f->ids = calloc(BIG + 8, sizeof *f->ids);
	for (size_t i = 0; i < BIG + 8; i++)
		f->ids[i] = (int64_t)i + 100;
	f->n = n;
	f->words = words;
	return f;
}

static void fake_free(struct fake *f)
{
	free(f->ids);
	free(f);
}

static struct tui_convlayout_src fake_src(struct fake *f)
{
	struct tui_convlayout_src s = {f->n, fake_id, fake_render, f};
	return s;
}

static size_t window(struct tui_convlayout *l, struct fake *f, int width,
		     int h, int *scroll, struct tui_convlayout_row *rows)
{
	struct tui_convlayout_src s = fake_src(f);
	return tui_convlayout_window(l, &s, 1, width, h, scroll, rows);
}

static void null_and_empty(void **state)
{
	(void)state;
	struct tui_convlayout_row rows[4];
	int scroll = 5;
	tui_convlayout_free(NULL);
	struct tui_convlayout *none = NULL;
	tui_convlayout_free(&none);
	assert_int_equal(tui_convlayout_rendered(NULL), 0);
	tui_convlayout_add(NULL, "x", 0);
	tui_convlayout_blank(NULL);
	struct fake *f = fake_new(3, "a");
	struct tui_convlayout_src s = fake_src(f);
	assert_int_equal(tui_convlayout_window(NULL, &s, 1, 20, 4, &scroll,
					       rows), 0);
	assert_int_equal(scroll, 5);
	struct tui_convlayout *l = tui_convlayout_new();
	assert_non_null(l);
	assert_int_equal(tui_convlayout_window(l, NULL, 1, 20, 4, &scroll,
					       rows), 0);
	assert_int_equal(tui_convlayout_window(l, &s, 1, 20, 4, &scroll, NULL),
			 0);
	/* No room: nothing laid out, and the place scrolled to is kept. */
	assert_int_equal(tui_convlayout_window(l, &s, 1, 0, 4, &scroll, rows),
			 0);
	assert_int_equal(tui_convlayout_window(l, &s, 1, 20, 0, &scroll, rows),
			 0);
	assert_int_equal(scroll, 5);
	assert_int_equal(f->renders, 0);
	/* NULL scroll: the newest rows. */
	assert_int_equal(tui_convlayout_window(l, &s, 1, 20, 4, NULL, rows), 4);
	assert_string_equal(rows[3].text, "");
	assert_string_equal(rows[2].text, "m2 a");
	size_t before = f->renders;
	/* No messages: nothing to show, nothing laid out. */
	f->n = 0;
	scroll = 3;
	assert_int_equal(window(l, f, 20, 4, &scroll, rows), 0);
	assert_int_equal(scroll, 0);
	assert_int_equal(f->renders, before);
	tui_convlayout_free(&l);
	assert_null(l);
	fake_free(f);
}

static void bottom_rows_in_order(void **state)
{
	(void)state;
	struct tui_convlayout *l = tui_convlayout_new();
	struct fake *f = fake_new(3, "hello");
	struct tui_convlayout_row rows[10];
	int scroll = 0;
	/* 3 items of 2 rows: all 6 fit in 10, oldest first. */
	assert_int_equal(window(l, f, 20, 10, &scroll, rows), 6);
	assert_string_equal(rows[0].text, "m0 hello");
	assert_int_equal(rows[0].style, 7);
	assert_string_equal(rows[1].text, "");
	assert_int_equal(rows[1].style, 0);
	assert_string_equal(rows[4].text, "m2 hello");
	/* Scrolling past what is there is clamped to 0 when all fits. */
	scroll = 9;
	assert_int_equal(window(l, f, 20, 10, &scroll, rows), 6);
	assert_int_equal(scroll, 0);
	/* 3 rows: the newest item's two, after the middle one's empty row. */
	assert_int_equal(window(l, f, 20, 3, &scroll, rows), 3);
	assert_string_equal(rows[0].text, "");
	assert_string_equal(rows[1].text, "m2 hello");
	scroll = 2;
	assert_int_equal(window(l, f, 20, 3, &scroll, rows), 3);
	assert_int_equal(scroll, 2);
	assert_string_equal(rows[0].text, "");
	assert_string_equal(rows[1].text, "m1 hello");
	assert_string_equal(rows[2].text, "");
	assert_int_equal(f->renders, 3); /* each laid out once */
	tui_convlayout_free(&l);
	fake_free(f);
}

static void width_change_lays_out_again(void **state)
{
	(void)state;
	struct tui_convlayout *l = tui_convlayout_new();
	struct fake *f = fake_new(2, "one two three");
	struct tui_convlayout_row rows[10];
	int scroll = 0;
	/* "m1 one two three" is 16 columns: one row at 20. */
	assert_int_equal(window(l, f, 20, 10, &scroll, rows), 4);
	assert_int_equal(f->renders, 2);
	assert_int_equal(window(l, f, 20, 10, &scroll, rows), 4);
	assert_int_equal(f->renders, 2); /* same width: kept */
	/* At 8 columns each wraps after a space into 3 rows. */
	assert_int_equal(window(l, f, 8, 10, &scroll, rows), 8);
	assert_int_equal(f->renders, 4);
	assert_string_equal(rows[4].text, "m1 one ");
	assert_string_equal(rows[5].text, "two ");
	assert_string_equal(rows[6].text, "three");
	/* A new key (another thread, another day) lays out again too. */
	struct tui_convlayout_src s = fake_src(f);
	assert_int_equal(tui_convlayout_window(l, &s, 2, 8, 10, &scroll, rows),
			 8);
	assert_int_equal(f->renders, 6);
	tui_convlayout_free(&l);
	fake_free(f);
}

static void appended_message_alone(void **state)
{
	(void)state;
	struct tui_convlayout *l = tui_convlayout_new();
	struct fake *f = fake_new(1000, "x");
	struct tui_convlayout_row rows[6];
	int scroll = 0;
	assert_int_equal(window(l, f, 30, 6, &scroll, rows), 6);
	size_t before = f->renders;
	assert_true(before <= 4); /* only what the window reaches */
	f->n = 1001; /* a message came */
	assert_int_equal(window(l, f, 30, 6, &scroll, rows), 6);
	assert_int_equal(f->renders, before + 1);
	assert_string_equal(rows[4].text, "m1000 x");
	/* Not an append: the items before are not those laid out (another
	 * thread read in with as many messages), so all goes. */
	f->ids[1000] = 7;
	assert_int_equal(window(l, f, 30, 6, &scroll, rows), 6);
	assert_int_equal(f->renders, before + 1 + 3);
	/* Fewer items than before: laid out again as well. */
	f->n = 999;
	assert_int_equal(window(l, f, 30, 6, &scroll, rows), 6);
	assert_string_equal(rows[4].text, "m998 x");
	tui_convlayout_free(&l);
	fake_free(f);
}

static void keys_cost_nothing(void **state)
{
	(void)state;
	/* Redraws with nothing new (a key typed in the composer) lay out
	 * nothing, however long the thread. */
	struct tui_convlayout *l = tui_convlayout_new();
	struct fake *f = fake_new(BIG, "typing beside a long thread");
	struct tui_convlayout_row rows[20];
	int scroll = 0;
	window(l, f, 40, 20, &scroll, rows);
	size_t first = f->renders;
	assert_true(first <= 11);
	for (int i = 0; i < 100; i++)
		assert_int_equal(window(l, f, 40, 20, &scroll, rows), 20);
	assert_int_equal(f->renders, first);
	tui_convlayout_free(&l);
	fake_free(f);
}

static void scroll_to_top_of_big_thread(void **state)
{
	(void)state;
	struct tui_convlayout *l = tui_convlayout_new();
	struct fake *f = fake_new(BIG, "w");
	struct tui_convlayout_row rows[20];
	int scroll = 1 << 30; /* Home: as far up as there is */
	assert_int_equal(window(l, f, 40, 20, &scroll, rows), 20);
	/* 2 rows per message: the top is 2 * BIG - 20 rows up. */
	assert_int_equal(scroll, 2 * BIG - 20);
	assert_string_equal(rows[0].text, "m0 w");
	assert_string_equal(rows[18].text, "m9 w");
	assert_int_equal(f->renders, BIG); /* once each */
	/* Staying there, or paging down, lays out nothing more. */
	assert_int_equal(window(l, f, 40, 20, &scroll, rows), 20);
	scroll -= 20;
	assert_int_equal(window(l, f, 40, 20, &scroll, rows), 20);
	assert_string_equal(rows[0].text, "m10 w");
	assert_int_equal(f->renders, BIG);
	assert_int_equal(tui_convlayout_rendered(l), BIG);
	tui_convlayout_free(&l);
	fake_free(f);
}

static void rows_are_shown_text(void **state)
{
	(void)state;
	/* Escape sequences never reach a row raw, and wide characters are
	 * wrapped by their columns. */
	struct tui_convlayout *l = tui_convlayout_new();
	struct fake *f = fake_new(1, "\x1b[2J李小龙李小龙");
	struct tui_convlayout_row rows[8];
	int scroll = 0;
	size_t n = window(l, f, 8, 8, &scroll, rows);
	assert_true(n >= 3);
	for (size_t i = 0; i < n; i++) {
		assert_null(strchr(rows[i].text, '\x1b'));
		assert_true(tui_text_span_width(rows[i].text,
						strlen(rows[i].text)) <= 8);
	}
	tui_convlayout_free(&l);
	fake_free(f);
}

int main(void)
{
	tui_text_set_utf8(true);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(null_and_empty),
		cmocka_unit_test(bottom_rows_in_order),
		cmocka_unit_test(width_change_lays_out_again),
		cmocka_unit_test(appended_message_alone),
		cmocka_unit_test(keys_cost_nothing),
		cmocka_unit_test(scroll_to_top_of_big_thread),
		cmocka_unit_test(rows_are_shown_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
