/* SPEC 3 folders and SPEC 2 unread through the CLI. */
#include "clirun.h"

#include <string.h>

/* rita sends threads 1 (jose), 2 (ana), 3 (cara) on 2 Mar; rob sends 4
 * (jose) on 3 Mar. */
static void four_threads(struct cli *c)
{
	CAST(c, 5);
	c->settle_as = "rita";
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose,ana,cara",
				"--subject", "Senior C engineer", "--body", "Hi"),
			    "1\n2\n3\n");
	cli_at(c, "2026-03-03T09:00:00Z");
	assert_string_equal(OUT(c, "rob", "send", "--to", "jose", "--subject",
				"Data engineer", "--body", "Hello"),
			    "4\n");
}

static void awaiting_inbox_sent(void **state)
{
	struct cli *c = *state;
	four_threads(c);
	assert_string_equal(SIDS(c, "rita", "awaiting"), "1,2,3");
	assert_string_equal(IDS(c, "rita", "inbox"), "");
	assert_string_equal(SIDS(c, "rita", "sent"), "1,2,3");

	cli_at(c, "2026-03-04T09:00:00Z");
	OK(c, "jose", "reply", "1", "--smart", "no");
	cli_at(c, "2026-03-05T09:00:00Z");
	OK(c, "cara", "reply", "3", "--body", "Sounds interesting, tell me more");
	/* Awaiting: unresponded only; Inbox: candidate activity, newest
	 * first; Sent: every InMail (order unchecked). */
	assert_string_equal(SIDS(c, "rita", "awaiting"), "2");
	assert_string_equal(IDS(c, "rita", "inbox"), "3,1");
	assert_string_equal(SIDS(c, "rita", "sent"), "1,2,3");
	assert_string_equal(SIDS(c, "rob", "awaiting"), "4");
	assert_string_equal(IDS(c, "rob", "inbox"), "");
	assert_string_equal(SIDS(c, "rob", "sent"), "4");

	/* New activity on 1 brings it to the top of the Inbox. */
	cli_at(c, "2026-03-06T09:00:00Z");
	OK(c, "jose", "reply", "1", "--body", "Well, maybe.");
	assert_string_equal(IDS(c, "rita", "inbox"), "1,3");

	/* Candidates: every thread, with the InMail label. */
	json_t *msgs = LIST(c, "jose", "messages");
	assert_string_equal(cli_sorted_ids_at(c, msgs, __FILE__, __LINE__), "1,4");
	size_t i;
	json_t *t;
	json_array_foreach(msgs, i, t) {
		assert_string_equal(JSTR(t, "label"), "InMail");
	}
	json_array_foreach(LIST(c, "rita", "sent"), i, t) {
		assert_string_equal(JSTR(t, "label"), "InMail");
	}
	/* Plain lists carry the label too. */
	assert_non_null(strstr(OUT(c, "jose", "list"), "InMail"));
	assert_non_null(strstr(OUT(c, "rita", "list", "--folder", "sent"),
			       "InMail"));
}

static void archive_is_per_side(void **state)
{
	struct cli *c = *state;
	four_threads(c);
	cli_at(c, "2026-03-04T09:00:00Z");
	OK(c, "jose", "reply", "1", "--smart", "yes");
	OK(c, "jose", "reply", "4", "--smart", "yes");

	/* The candidate archives 1: gone from Messages, in Archived; rita
	 * still sees it. */
	OK(c, "jose", "archive", "1");
	assert_string_equal(SIDS(c, "jose", "messages"), "4");
	assert_string_equal(SIDS(c, "jose", "archived"), "1");
	assert_string_equal(IDS(c, "rita", "inbox"), "1");
	assert_string_equal(SIDS(c, "rita", "archived"), "");
	/* rita may still write, jose may still read it. */
	OK(c, "rita", "reply", "1", "--body", "Let's talk");
	assert_int_equal(NMSGS(SHOW(c, "jose", "1")), 3); /* no system line */

	/* The recruiter archives 1: gone from her Inbox, in Archived; jose's
	 * side unchanged. */
	OK(c, "rita", "archive", "1");
	assert_string_equal(IDS(c, "rita", "inbox"), "");
	assert_string_equal(SIDS(c, "rita", "archived"), "1");
	assert_string_equal(SIDS(c, "jose", "archived"), "1");

	/* Unarchive, per side. */
	OK(c, "jose", "unarchive", "1");
	assert_string_equal(SIDS(c, "jose", "messages"), "1,4");
	assert_string_equal(SIDS(c, "jose", "archived"), "");
	assert_string_equal(SIDS(c, "rita", "archived"), "1");
	OK(c, "rita", "unarchive", "1");
	assert_string_equal(IDS(c, "rita", "inbox"), "1");
	assert_string_equal(SIDS(c, "rita", "archived"), "");

	/* Archiving a pending thread hides it from Awaiting Reply. */
	OK(c, "rita", "archive", "2");
	assert_string_equal(SIDS(c, "rita", "awaiting"), "3");
	assert_string_equal(SIDS(c, "rita", "archived"), "2");
	assert_string_equal(SIDS(c, "ana", "messages"), "2");

	/* Not a participant: refused, nothing changed. */
	FAILS(c, 77, "ana", "archive", "1");
	FAILS(c, 77, "rob", "archive", "1");
	FAILS(c, 66, "jose", "archive", "99");
}

static int unread_of(struct cli *c, const char *as, const char *folder,
		     long long id)
{
	size_t i;
	json_t *t;
	json_array_foreach(LIST(c, as, folder), i, t) {
		if (JINT(t, "id") == id)
			return JBOOL(t, "unread");
	}
	fail_msg("thread %lld not in %s's %s", id, as, folder);
	return -1;
}

static void unread_flips_after_show(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	OK(c, "rita", "send", "--to", "jose", "--subject", "S", "--body", "Hi");
	/* New to the candidate; the sender's own message is not unread. */
	assert_true(unread_of(c, "jose", "messages", 1));
	assert_false(unread_of(c, "rita", "sent", 1));
	OK(c, "jose", "show", "1");
	assert_false(unread_of(c, "jose", "messages", 1));

	cli_at(c, "2026-03-03T09:00:00Z");
	OK(c, "jose", "reply", "1", "--smart", "yes");
	assert_false(unread_of(c, "jose", "messages", 1));
	assert_true(unread_of(c, "rita", "inbox", 1));
	OK(c, "rita", "show", "1", "--json");
	assert_false(unread_of(c, "rita", "inbox", 1));
	assert_false(JBOOL(SHOW(c, "rita", "1"), "unread"));

	cli_at(c, "2026-03-04T09:00:00Z");
	OK(c, "rita", "reply", "1", "--body", "Call tomorrow?");
	assert_true(unread_of(c, "jose", "messages", 1));
	assert_false(unread_of(c, "rita", "inbox", 1));
	/* Someone else's show changes nothing for jose. */
	FAILS(c, 77, "ana", "show", "1");
	assert_true(unread_of(c, "jose", "messages", 1));
	OK(c, "jose", "show", "1");
	assert_false(unread_of(c, "jose", "messages", 1));
}

static void folder_names_checked(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	FAILS(c, 64, "rita", "list", "--folder", "trash");
	/* Another role's folder is a wrong role. */
	FAILS(c, 77, "rita", "list", "--folder", "messages");
	FAILS(c, 77, "jose", "list", "--folder", "sent");
	/* The default folder works for both roles. */
	OK(c, "rita", "list");
	OK(c, "jose", "list");
	assert_string_equal(cli_ids_at(c, JSON(c, "jose", "list", "--json"),
				       __FILE__, __LINE__), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(awaiting_inbox_sent, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(archive_is_per_side, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(unread_flips_after_show, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(folder_names_checked, cli_setup, cli_teardown),
	};
	return cli_run_group("cli_folders", tests);
}
