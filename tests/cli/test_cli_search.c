/* SPEC 9 through the command line: search (exit 0 and no rows for no
 * match, 64 and one line for a bad query, --json, --after pages), the
 * guardrail in stats, report's weeks and chart. */
#include "clirun.h"

#include <string.h>

static void search_cli(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	cli_at(c, "2026-03-02T10:00:00Z");
	OK(c, "rita", "send", "--to", "jose", "--subject", "Platform lead",
	   "--body", "We sponsor a visa.");
	OK(c, "rita", "send", "--to", "ana", "--subject", "Visa question",
	   "--body", "Hello");
	json_t *both = JSON(c, "rita", "search", "VISA", "--json");
	assert_int_equal(json_array_size(both), 2);
	long long newest = JINT(json_array_get(both, 0), "id");
	long long older = JINT(json_array_get(both, 1), "id");
	assert_true(newest > older);
	json_t *next = JSON(c, "rita", "search", "visa", "--after",
			    cli_fmt(c, "%lld", newest), "--json");
	assert_int_equal(json_array_size(next), 1);
	assert_int_equal(JINT(json_array_get(next, 0), "id"), older);
	json_t *one = JSON(c, "rita", "search", "visa", "--limit", "1", "--json");
	assert_int_equal(json_array_size(one), 1);
	/* No match: exit 0, nothing printed. */
	const struct cli_res *r = OK(c, "rita", "search", "kotlin");
	assert_string_equal(r->out, "");
	assert_int_equal(json_array_size(JSON(c, "rita", "search", "kotlin",
					      "--json")), 0);
	/* Plain: one line a thread. */
	assert_int_equal(cli_lines(OUT(c, "rita", "search", "visa")), 2);
	/* The candidate finds only her own. */
	assert_int_equal(json_array_size(JSON(c, "ana", "search", "visa",
					      "--json")), 1);
	r = FAILS(c, 64, "rita", "search", "visa is:nothing");
	assert_non_null(strstr(r->err, "at column 6"));
	FAILS(c, 64, "rita", "search", "\"open");
	FAILS(c, 64, "rita", "search");
	FAILS(c, 64, "rita", "search", "a", "b");
	FAILS(c, 64, "rita", "search", "visa", "--limit", "0");
	FAILS(c, 64, "rita", "search", "visa", "--after", "x");
	/* A query starting with '-' is named whole, with the way to give
	 * it (attack2 L4); given after --, it is a query. */
	r = FAILS(c, 64, "rita", "search", "-zebra");
	assert_string_equal(r->err, "inmail: search: unknown option '-zebra' "
				    "(see inmail search --help; a word starting "
				    "with '-' goes after --)\n");
	r = FAILS(c, 64, "rita", "search", "--zebra");
	assert_string_equal(r->err, "inmail: search: unknown option '--zebra' "
				    "(see inmail search --help)\n");
	OK(c, "rita", "search", "--", "-zebra");
	r = FAILS(c, 64, "rita", "search", "\xff");
	assert_string_equal(r->err, "inmail: search: a byte that is not UTF-8 "
				    "(0xFF) at column 1\n");
	FAILS(c, 64, "rita", "search", "a\x01" "b");
	assert_int_equal(json_array_size(JSON(c, "rita", "search",
		"after:1970-01-01", "--json")), 2);
}

/* The report tells templates apart by identity, not name (attack2 F6):
 * a template removed and added again under its name is another row,
 * the removed one's kept and marked. */
static void report_tells_templates_apart(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	OK(c, "rita", "template", "add", "t", "--subject", "Old {first_name}",
	   "--body", "old");
	OK(c, "rita", "send", "--template", "t", "--to", "jose");
	OK(c, "rita", "template", "rm", "t");
	OK(c, "rita", "template", "add", "t", "--subject", "New {first_name}",
	   "--body", "new");
	OK(c, "rita", "send", "--template", "t", "--to", "ana");
	json_t *tpl = JGET(JSON(c, "rita", "report", "--weeks", "1", "--json"),
			   "templates");
	assert_int_equal(json_array_size(tpl), 2);
	assert_string_equal(JSTR(json_array_get(tpl, 0), "template"), "t");
	assert_true(json_is_false(JGET(json_array_get(tpl, 0), "deleted")));
	assert_int_equal(JINT(json_array_get(tpl, 0), "sent"), 1);
	assert_string_equal(JSTR(json_array_get(tpl, 1), "template"), "t");
	assert_true(json_is_true(JGET(json_array_get(tpl, 1), "deleted")));
	assert_int_equal(JINT(json_array_get(tpl, 1), "sent"), 1);
	const char *plain = OUT(c, "rita", "report", "--weeks", "1");
	assert_non_null(strstr(plain, "\nt                 "));
	assert_non_null(strstr(plain, "\nt (deleted)       "));
}

/* The week of the epoch starts on Monday 1969-12-29, a date like any
 * other in the report (attack2 L3). */
static void report_at_the_epoch(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	cli_at(c, "1970-01-08T00:00:00Z");
	json_t *weeks = JGET(JSON(c, "rita", "report", "--weeks", "2", "--json"),
			     "weeks");
	assert_string_equal(JSTR(json_array_get(weeks, 0), "week"), "1970-W01");
	assert_string_equal(JSTR(json_array_get(weeks, 0), "start"),
			    "1969-12-29");
	assert_string_equal(JSTR(json_array_get(weeks, 1), "start"),
			    "1970-01-05");
	assert_non_null(strstr(OUT(c, "rita", "report", "--weeks", "2"),
			       "\n1970-W01    1969-12-29 "));
}

static void guardrail_and_report_cli(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	cli_at(c, "2026-03-02T10:00:00Z");
	OK(c, "rita", "send", "--to", "jose", "--subject", "Role", "--body",
	   "Hello");
	json_t *s = JSON(c, "rita", "stats", "--json");
	assert_string_equal(JSTR(s, "guardrail"), "ok");
	assert_null(json_object_get(s, "guardrail_since"));
	assert_non_null(strstr(OUT(c, "rita", "stats"), "guardrail            ok"));
	json_t *rep = JSON(c, "rita", "report", "--weeks", "2", "--json");
	json_t *weeks = JGET(rep, "weeks");
	assert_int_equal(json_array_size(weeks), 2);
	json_t *now = json_array_get(weeks, 1);
	assert_string_equal(JSTR(now, "week"), "2026-W10");
	assert_string_equal(JSTR(now, "start"), "2026-03-02");
	assert_int_equal(JINT(now, "sent"), 1);
	assert_true(json_is_null(JGET(now, "response_rate")));
	const char *plain = OUT(c, "rita", "report");
	/* A header, 12 weeks, a blank line, the chart's title and line;
	 * a blank line, the per-template title, its header and one row:
	 * the InMail sent without a template. */
	assert_int_equal(cli_lines(plain), 20);
	assert_non_null(strstr(plain, "\nper template\n"));
	assert_non_null(strstr(plain, "\n(no template)    "));
	json_t *tpl = JGET(rep, "templates");
	assert_int_equal(json_array_size(tpl), 1);
	json_t *none = json_array_get(tpl, 0);
	assert_true(json_is_null(JGET(none, "template")));
	assert_true(json_is_false(JGET(none, "deleted")));
	assert_int_equal(JINT(none, "sent"), 1);
	assert_true(json_is_null(JGET(none, "response_rate")));
	/* A template's InMails have its row, deleted since or not. */
	OK(c, "rita", "template", "add", "intro", "--subject", "Hi {first_name}",
	   "--body", "Hello");
	OK(c, "rita", "send", "--template", "intro", "--to", "ana");
	OK(c, "rita", "template", "rm", "intro");
	rep = JSON(c, "rita", "report", "--weeks", "1", "--json");
	tpl = JGET(rep, "templates");
	assert_int_equal(json_array_size(tpl), 2);
	json_t *intro = json_array_get(tpl, 0);
	assert_string_equal(JSTR(intro, "template"), "intro");
	assert_true(json_is_true(JGET(intro, "deleted")));
	assert_int_equal(JINT(intro, "sent"), 1);
	assert_non_null(strstr(OUT(c, "rita", "report", "--weeks", "1"),
			       "\nintro (deleted)  "));
	FAILS(c, 64, "rita", "report", "--weeks", "0");
	FAILS(c, 77, "jose", "report");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(search_cli, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(guardrail_and_report_cli, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(report_at_the_epoch, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(report_tells_templates_apart, cli_setup, cli_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
