/* No hot query scans a table, on PostgreSQL (issue 14): the statements
 * tests/store/test_plans.c makes the store prepare, each explained by
 * the driver as its generic plan with seq scans priced out
 * (im_store_plans); a "Seq Scan" left in a plan means no index serves
 * it, and a page (LIMIT) sorted whole instead of read in index order
 * fails too.  Runs under tests/pg/pg_server.sh with INMAIL_TEST_PG=1
 * (the model fixture's switch); 77 without a server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "plans_world.h"
#include "store.h"

/* Whether a plan reads a table whole: a Seq Scan, or an index scan
 * whose Index Cond pins no key to a value (a walk of a whole index, or
 * of a range as wide as the table, which the planner takes once seq
 * scans are priced out): every hot query starts from an account or a
 * thread. */
static bool scans_whole(const char *plan)
{
	bool open_scan = false;
	for (const char *line = plan; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char buf[512];
		snprintf(buf, sizeof buf, "%.*s", (int)len, line);
		bool node = strstr(buf, "->") || line == plan;
		if (node && open_scan)
			return true;
		if (node)
			open_scan = strstr(buf, "Index Scan") ||
				    strstr(buf, "Index Only Scan");
		if (strstr(buf, "Index Cond:") && strstr(buf, " = "))
			open_scan = false;
		if (strstr(buf, "Seq Scan"))
			return true;
		line = end ? end + 1 : NULL;
	}
	return open_scan;
}

static void check_plan(void *arg, const char *sql, const char *plan)
{
	int *checked = arg;
	(*checked)++;
	/* A page of a folder: no Sort of the folder under the Limit. */
	bool sorted = strstr(sql, "LIMIT") && strstr(sql, "FROM thread t") &&
		      strstr(plan, "Sort");
	if (scans_whole(plan) || sorted)
		fail_msg("a hot query without an index:\n%s\n%s", sql, plan);
}

/* The check bites: without the notifications' own index their list is a
 * walk of the whole table (or of another index). */
static void note_scan(void *arg, const char *sql, const char *plan)
{
	if (!strstr(sql, "FROM notification") || !strstr(sql, "ORDER BY id"))
		return;
	if (scans_whole(plan))
		*(bool *)arg = true;
}

static void a_missing_index_is_caught(void **state)
{
	struct fx *f = *state;
	char cmd[512];
	snprintf(cmd, sizeof cmd,
		 "\"$PSQL\" -X -q -v ON_ERROR_STOP=1 -U \"$INMAIL_PG_SUPER\""
		 " -d %s -c 'DROP INDEX inmail.notification_recruiter_id;"
		 " DROP INDEX inmail.notification_unread' >/dev/null", f->dir);
	assert_int_equal(system(cmd), 0);
	struct im_store *s = NULL;
	assert_int_equal(im_store_open(f->path, false, NULL, &s, NULL), IM_OK);
	struct im_notification *notes = NULL;
	size_t n = 0;
	assert_int_equal(im_store_notification_list(s, 1, 0, 50, &notes, &n),
			 IM_OK);
	im_notifications_free(&notes, n);
	bool caught = false;
	assert_int_equal(im_store_plans(s, note_scan, &caught), IM_OK);
	assert_true(caught);
	im_store_close(&s);
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
		cmocka_unit_test_setup_teardown(a_missing_index_is_caught,
						fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
