/* SPEC 9 through the CLI: one pending InMail per candidate, mark unread. */
#include "clirun.h"

#include <string.h>

static void pending_inmail_refuses_a_new_one(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"First", "--body", "One"), "1\n");
	cli_at(c, "2026-03-05T09:00:00Z");
	const struct cli_res *r = FAILS(c, 77, "rita", "send", "--to", "jose",
					"--subject", "Second", "--body", "Two");
	assert_string_equal(r->err, "inmail: José Müller has not answered your "
				    "InMail of 2 Mar yet; send a follow-up "
				    "instead\n");
	/* Several candidates: the whole send refused, naming them. */
	r = FAILS(c, 77, "rita", "send", "--to", "ana,jose", "--subject", "S",
		  "--body", "B");
	assert_string_equal(r->err, "inmail: José Müller has not answered your "
				    "InMail of 2 Mar yet; send a follow-up "
				    "instead; nothing was sent\n");
	assert_string_equal(IDS(c, "ana", "messages"), "");
	assert_int_equal(CREDITS(c, "rita"), 4);
	OK(c, "rita", "followup", "1", "--body", "Any thoughts?");
	/* The window's last second (2 Mar + 90 x 24 h), then the next. */
	cli_at(c, "2026-05-31T09:00:00Z");
	FAILS(c, 77, "rita", "send", "--to", "jose", "--subject", "S", "--body",
	      "B");
	cli_at(c, "2026-05-31T09:00:01Z");
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"Again", "--body", "B"), "2\n");
	/* After a response, at once. */
	OK(c, "jose", "reply", "2", "--smart", "no");
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"Third", "--body", "B"), "3\n");
}

static json_t *first_row(struct cli *c, const char *as, const char *folder)
{
	return json_array_get(LIST(c, as, folder), 0);
}

static void unread_until_the_next_look(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	OK(c, "rita", "send", "--to", "jose", "--subject", "Role", "--body",
	   "Hi");
	/* Nothing from jose yet: nothing to mark, and nothing changes. */
	const struct cli_res *r = FAILS(c, 65, "rita", "unread", "1");
	assert_string_equal(r->err, "inmail: nothing to mark unread in thread "
				    "1: José Müller has written nothing in "
				    "it\n");
	OK(c, "jose", "show", "1");
	assert_false(JBOOL(first_row(c, "jose", "messages"), "unread"));
	assert_string_equal(OUT(c, "jose", "unread", "1"),
			    "thread 1 marked unread\n");
	assert_true(JBOOL(first_row(c, "jose", "messages"), "unread"));
	/* The other side's view is its own. */
	OK(c, "jose", "reply", "1", "--body", "Tell me more");
	OK(c, "rita", "show", "1");
	OK(c, "jose", "unread", "1");
	assert_false(JBOOL(first_row(c, "rita", "inbox"), "unread"));
	assert_true(JBOOL(first_row(c, "jose", "messages"), "unread"));
	/* The next look reads it. */
	OK(c, "jose", "show", "1");
	assert_false(JBOOL(first_row(c, "jose", "messages"), "unread"));
	/* Not a participant, no such thread, no thread. */
	FAILS(c, 77, "rob", "unread", "1");
	FAILS(c, 66, "jose", "unread", "9");
	FAILS(c, 64, "jose", "unread");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pending_inmail_refuses_a_new_one, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(unread_until_the_next_look, cli_setup, cli_teardown),
	};
	return cmocka_run_group_tests_name("cli_workbench", tests, NULL, NULL);
}
