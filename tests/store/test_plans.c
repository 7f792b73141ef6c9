/* No hot query scans a table (issue 5): every statement the store
 * prepares while a session lists, pages, counts, shows and writes is run
 * through EXPLAIN QUERY PLAN, and a SCAN, or a sort of a whole folder for
 * one page, fails the test.  SQLite plans without statistics here (gen
 * runs no ANALYZE), so the plans are the same at ten rows as at a
 * million. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "plans_world.h"
#include "store.h"

static void check_plan(void *arg, const char *sql, const char *plan)
{
	int *checked = arg;
	(*checked)++;
	bool page = strstr(sql, "LIMIT") != NULL;
	if (strstr(plan, "SCAN ") ||
	    (page && strstr(plan, "USE TEMP B-TREE FOR ORDER BY")))
		fail_msg("a hot query without an index:\n%s\n%s", sql, plan);
}

static void hot_queries_use_indexes(void **state)
{
	struct im_store *s = plans_exercise(*state);
	int checked = 0;
	assert_int_equal(im_store_plans(s, check_plan, &checked), IM_OK);
	assert_true(checked > 40);
	im_store_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(hot_queries_use_indexes,
						fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
