/* The scrolling list over keyset paging (src/tui/tui_list.c), against a
 * fake folder of n rows with ids 1..n in folder order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui_list.h"

struct fake {
	int64_t ids[64];
	size_t n;
	int fetches;
};

/* Keyset over the position in ids[]: key = index, so a row that vanished
 * keeps its place in the order. */
static enum im_status fake_fetch(void *ctx, enum im_page_dir dir,
				 const struct im_cursor *at, size_t limit,
				 struct im_page *out)
{
	struct fake *f = ctx;
	f->fetches++;
	size_t from = 0, to = f->n;
	if (dir == IM_PAGE_AFTER)
		from = (size_t)at->key + 1;
	if (dir == IM_PAGE_BEFORE)
		to = (size_t)at->key;
	if (dir == IM_PAGE_BEFORE || dir == IM_PAGE_LAST)
		from = to > limit ? to - limit : 0;
	if (to > from + limit)
		to = from + limit;
	out->items = calloc(limit ? limit : 1, sizeof(struct im_thread));
	out->n = 0;
	for (size_t i = from; i < to && i < f->n; i++) {
		out->items[out->n].id = f->ids[i];
		out->items[out->n].updated_at = (im_time)i;
		out->n++;
	}
	return IM_OK;
}

static struct im_cursor fake_cursor(void *ctx, const struct im_thread *t)
{
	(void)ctx;
	struct im_cursor c = {t->updated_at, t->id};
	return c;
}

static void fake_init(struct fake *f, struct tui_list *l, size_t n)
{
	memset(f, 0, sizeof(*f));
	f->n = n;
	for (size_t i = 0; i < n; i++)
		f->ids[i] = (int64_t)i + 1;
	struct tui_list_source src = {fake_fetch, fake_cursor, f};
	tui_list_init(l, src);
}

static int64_t sel(const struct tui_list *l)
{
	const struct im_thread *t = tui_list_selected(l);
	return t ? t->id : 0;
}

static void test_empty(void **state)
{
	(void)state;
	struct fake f;
	struct tui_list l;
	fake_init(&f, &l, 0);
	assert_int_equal(tui_list_reset(&l, 5), IM_OK);
	assert_null(tui_list_selected(&l));
	assert_int_equal(tui_list_move(&l, 1), IM_OK);
	assert_int_equal(tui_list_end(&l), IM_OK);
	assert_null(tui_list_selected(&l));
	tui_list_clear(&l);
}

static void test_scroll_a_row_and_a_page(void **state)
{
	(void)state;
	struct fake f;
	struct tui_list l;
	fake_init(&f, &l, 20);
	tui_list_reset(&l, 5);
	assert_int_equal(l.page.n, 5);
	tui_list_move(&l, 4);
	assert_int_equal(sel(&l), 5);
	tui_list_move(&l, 1); /* scrolls one row */
	assert_int_equal(sel(&l), 6);
	assert_int_equal(l.page.items[0].id, 2);
	tui_list_move(&l, 5); /* a page */
	assert_int_equal(l.page.items[0].id, 7);
	tui_list_move(&l, -5);
	assert_int_equal(l.page.items[0].id, 2);
	tui_list_move(&l, -5); /* only one row above: the window stops there */
	assert_int_equal(l.page.items[0].id, 1);
	tui_list_end(&l);
	assert_int_equal(sel(&l), 20);
	assert_int_equal(l.page.items[0].id, 16);
	tui_list_move(&l, 1); /* nothing below */
	assert_int_equal(sel(&l), 20);
	tui_list_home(&l);
	assert_int_equal(sel(&l), 1);
	tui_list_clear(&l);
}

static void test_row_vanishes(void **state)
{
	(void)state;
	struct fake f;
	struct tui_list l;
	fake_init(&f, &l, 6);
	tui_list_reset(&l, 4);
	tui_list_move(&l, 2);
	assert_int_equal(sel(&l), 3);
	/* Row 3 goes (archived in another session): the neighbour is chosen. */
	memmove(&f.ids[2], &f.ids[3], 3 * sizeof(int64_t));
	f.n = 5;
	tui_list_reload(&l, 4);
	assert_int_equal(sel(&l), 4);
	/* A row arrives above: the selection stays on its thread. */
	memmove(&f.ids[1], &f.ids[0], 5 * sizeof(int64_t));
	f.ids[0] = 99;
	f.n = 6;
	tui_list_reload(&l, 4);
	assert_int_equal(sel(&l), 4);
	tui_list_clear(&l);
}

static void test_window_only(void **state)
{
	(void)state;
	struct fake f;
	struct tui_list l;
	fake_init(&f, &l, 64);
	tui_list_reset(&l, 3);
	/* Never more than a window and a look-ahead row is fetched. */
	assert_true(l.page.n <= 3);
	tui_list_end(&l);
	assert_int_equal(l.page.n, 3);
	assert_true(tui_list_select_row(&l, 0));
	assert_false(tui_list_select_row(&l, 3));
	tui_list_clear(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_scroll_a_row_and_a_page),
		cmocka_unit_test(test_row_vanishes),
		cmocka_unit_test(test_window_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
