/* inmail list reads a folder a page at a time: every thread once, in
 * order, past the page size; --limit gives the first N. */
#include "clirun.h"

#include <string.h>

static void whole_folder_across_pages(void **state)
{
	struct cli *c = *state;
	cli_at(c, "2026-03-01T12:00:00Z");
	/* 600 threads, all rec00001's: more than two pages of 256. */
	OK(c, NULL, "gen", "--recruiters", "1", "--candidates", "300",
	   "--threads", "600", "--messages", "900");
	json_t *all = JSON(c, "rec00001", "list", "--folder", "sent", "--json");
	assert_int_equal(json_array_size(all), 600);
	long long seen = 0, prev_id = 0;
	for (size_t i = 0; i < json_array_size(all); i++) {
		json_t *t = json_array_get(all, i);
		long long id = JINT(t, "id");
		/* Sent is newest first by creation, the id breaking ties; the
		 * ISO times compare as text. */
		const char *created = JSTR(t, "created_at");
		if (i > 0) {
			const char *prev_created = JSTR(json_array_get(all, i - 1),
							"created_at");
			int cmp = strcmp(created, prev_created);
			assert_true(cmp < 0 || (cmp == 0 && id < prev_id));
		}
		prev_id = id;
		seen++;
	}
	assert_int_equal(seen, 600);
	json_t *three = JSON(c, "rec00001", "list", "--folder", "sent", "--limit",
			     "3", "--json");
	assert_int_equal(json_array_size(three), 3);
	assert_int_equal(JINT(json_array_get(three, 0), "id"),
			 JINT(json_array_get(all, 0), "id"));
	assert_int_equal(JINT(json_array_get(three, 2), "id"),
			 JINT(json_array_get(all, 2), "id"));
	/* Plain output: a header and one line a thread. */
	assert_int_equal(cli_lines(OUT(c, "rec00001", "list", "--folder", "sent")),
			 601);
	FAILS(c, 64, "rec00001", "list", "--limit", "0");
	FAILS(c, 64, "rec00001", "list", "--limit", "x");
}

static void empty_folder(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	json_t *none = JSON(c, "rita", "list", "--folder", "archived", "--json");
	assert_int_equal(json_array_size(none), 0);
	assert_non_null(strstr(OUT(c, "rita", "list"), "(no threads)"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(whole_folder_across_pages, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(empty_folder, cli_setup, cli_teardown),
	};
	return cmocka_run_group_tests_name("cli_list", tests, NULL, NULL);
}
