/* SPEC 3 follow-ups through the CLI: automated ones fire when a later
 * command runs past their time, at their due time, once; a response cancels
 * them; 3..28 days; follow-ups by hand while pending only, recruiters only,
 * no credit. */
#include "clirun.h"

#include <string.h>

#define T0 "2026-01-01T00:00:00Z"

static void send_with_build(struct cli *c, const void *followup)
{
	CAST(c, 5);
	c->settle_as = "rita";
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"Data engineer", "--body", "Hi", "--followup",
				(const char *)followup),
			    "1\n");
}

/* A fixture per follow-up: built once, copied for the other tests. */
static void send_with(struct cli *c, const char *followup)
{
	cli_at(c, T0);
	cli_fixture(c, cli_fmt(c, "send_with:%s", followup), send_with_build,
		    followup);
}

static void automated_followup_fires_later_at_its_time(void **state)
{
	struct cli *c = *state;
	send_with(c, "7:Any thoughts?");
	assert_int_equal(CREDITS(c, "rita"), 4);
	json_t *t = SHOW(c, "rita", "1");
	assert_int_equal(NMSGS(t), 1);
	assert_string_equal(JSTR(t, "followup_at"), "2026-01-08T00:00:00Z");

	cli_at(c, "2026-01-07T23:59:59Z");
	assert_int_equal(NMSGS(SHOW(c, "rita", "1")), 1);

	/* Days later, any command (here the candidate's list) catches up. */
	cli_at(c, "2026-01-12T15:00:00Z");
	OK(c, "jose", "list", "--json");
	t = SHOW(c, "jose", "1");
	assert_int_equal(NMSGS(t), 2);
	json_t *m = MSG(t, 1);
	assert_string_equal(JSTR(m, "kind"), "followup");
	assert_string_equal(JSTR(m, "sender"), "rita");
	assert_string_equal(JSTR(m, "body"), "Any thoughts?");
	assert_string_equal(JSTR(m, "sent_at"), "2026-01-08T00:00:00Z");
	assert_string_equal(JSTR(t, "state"), "pending");
	assert_true(json_is_null(JGET(t, "followup_at")));
	/* Once only, and free. */
	cli_at(c, "2026-02-20T00:00:00Z");
	assert_int_equal(NMSGS(SHOW(c, "rita", "1")), 2);
	assert_int_equal(CREDITS(c, "rita"), 4);
	json_t *s = STATS(c, "rita");
	assert_int_equal(JINT(s, "counted_messages"), 2);
	assert_int_equal(JINT(s, "sent"), 1);
}

static void automated_followup_fires_for_stats_too(void **state)
{
	struct cli *c = *state;
	send_with(c, "3:Ping");
	cli_at(c, "2026-01-04T00:00:00Z");
	/* The first command at the due time sees it. */
	assert_int_equal(JINT(STATS(c, "rita"), "counted_messages"), 2);
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(MSG(t, 1), "sent_at"), "2026-01-04T00:00:00Z");
}

static void response_cancels_the_automated_followup(void **state)
{
	struct cli *c = *state;
	send_with(c, "7:Any thoughts?");
	cli_at(c, "2026-01-03T00:00:00Z");
	OK(c, "jose", "reply", "1", "--smart", "yes");
	json_t *t = SHOW(c, "rita", "1");
	assert_true(json_is_null(JGET(t, "followup_at")));
	cli_at(c, "2026-02-01T00:00:00Z");
	t = SHOW(c, "rita", "1");
	size_t i;
	json_t *m;
	json_array_foreach(MSGS(t), i, m) {
		assert_string_not_equal(JSTR(m, "kind"), "followup");
	}
	assert_int_equal(NMSGS(t), 3); /* inmail, response, system */
	assert_int_equal(JINT(STATS(c, "rita"), "counted_messages"), 1);
}

static void a_declined_thread_gets_no_automated_followup(void **state)
{
	struct cli *c = *state;
	send_with(c, "3:Any thoughts?");
	cli_at(c, "2026-01-02T00:00:00Z");
	OK(c, "jose", "reply", "1", "--smart", "no");
	cli_at(c, "2026-01-30T00:00:00Z");
	assert_int_equal(NMSGS(SHOW(c, "rita", "1")), 3);
}

static void followup_days_3_and_28_accepted(void **state)
{
	struct cli *c = *state;
	send_with(c, "3:Three");
	assert_string_equal(JSTR(SHOW(c, "rita", "1"), "followup_at"),
			    "2026-01-04T00:00:00Z");
	assert_string_equal(OUT(c, "rita", "send", "--to", "ana", "--subject", "S",
				"--body", "Hi", "--followup", "28:Twenty-eight"),
			    "2\n");
	assert_string_equal(JSTR(SHOW(c, "rita", "2"), "followup_at"),
			    "2026-01-29T00:00:00Z");
	cli_at(c, "2026-01-28T23:59:59Z");
	assert_int_equal(NMSGS(SHOW(c, "rita", "2")), 1);
	cli_at(c, "2026-01-29T00:00:00Z");
	json_t *t = SHOW(c, "rita", "2");
	assert_int_equal(NMSGS(t), 2);
	assert_string_equal(JSTR(MSG(t, 1), "body"), "Twenty-eight");
}

static void followup_days_out_of_range_refused(void **state)
{
	struct cli *c = *state;
	cli_at(c, T0);
	CAST(c, 5);
	c->settle_as = "rita";
	FAILS(c, 65, "rita", "send", "--to", "jose", "--subject", "S", "--body",
	      "Hi", "--followup", "2:Too soon");
	FAILS(c, 65, "rita", "send", "--to", "jose", "--subject", "S", "--body",
	      "Hi", "--followup", "29:Too late");
	FAILS(c, 65, "rita", "send", "--to", "jose", "--subject", "S", "--body",
	      "Hi", "--followup", "0:Zero");
	FAILS(c, 65, "rita", "send", "--to", "jose,ana", "--subject", "S",
	      "--body", "Hi", "--followup", "-5:Negative");
	/* An empty follow-up text is empty data. */
	FAILS(c, 65, "rita", "send", "--to", "jose", "--subject", "S", "--body",
	      "Hi", "--followup", "7:");
	FAILS(c, 65, "rita", "send", "--to", "jose", "--subject", "S", "--body",
	      "Hi", "--followup", "7:   ");
	assert_string_equal(IDS(c, "rita", "sent"), "");
	assert_int_equal(CREDITS(c, "rita"), 5);
}

static void followup_bad_syntax_is_usage(void **state)
{
	struct cli *c = *state;
	cli_at(c, T0);
	CAST(c, 5);
	c->settle_as = "rita";
	static const char *const bad[] = {"7", "x:hi", ":hi", "7-hi", "7days:hi",
					  ""};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		FAILS(c, 64, "rita", "send", "--to", "jose", "--subject", "S",
		      "--body", "Hi", "--followup", bad[i]);
	FAILS(c, 64, "rita", "send", "--to", "jose", "--subject", "S", "--body",
	      "Hi", "--followup");
	assert_string_equal(IDS(c, "rita", "sent"), "");
	assert_int_equal(CREDITS(c, "rita"), 5);
}

static void followup_by_hand_while_pending(void **state)
{
	struct cli *c = *state;
	cli_at(c, T0);
	CAST(c, 5);
	c->settle_as = "rita";
	OK(c, "rita", "send", "--to", "jose", "--subject", "S", "--body", "Hi");
	cli_at(c, "2026-01-05T00:00:00Z");
	OK(c, "rita", "followup", "1", "--body", "Following up");
	json_t *t = SHOW(c, "jose", "1");
	assert_int_equal(NMSGS(t), 2);
	assert_string_equal(JSTR(MSG(t, 1), "kind"), "followup");
	assert_string_equal(JSTR(MSG(t, 1), "body"), "Following up");
	assert_string_equal(JSTR(MSG(t, 1), "sent_at"), "2026-01-05T00:00:00Z");
	assert_string_equal(JSTR(t, "state"), "pending");
	/* Several are allowed, none costs a credit. */
	OK(c, "rita", "followup", "1", "--body", "And again");
	assert_int_equal(CREDITS(c, "rita"), 4);
	assert_int_equal(JINT(STATS(c, "rita"), "counted_messages"), 3);
	/* Not by the candidate, not by another recruiter. */
	FAILS(c, 77, "jose", "followup", "1", "--body", "Me?");
	FAILS(c, 77, "rob", "followup", "1", "--body", "Me?");
	FAILS(c, 66, "rita", "followup", "99", "--body", "Where?");
	FAILS(c, 65, "rita", "followup", "1", "--body", "");
	/* Once responded, no more follow-ups: a reply is the way. */
	OK(c, "jose", "reply", "1", "--smart", "yes");
	FAILS(c, 77, "rita", "followup", "1", "--body", "Late");
	OK(c, "rita", "reply", "1", "--body", "Thanks!");
	t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(MSG(t, NMSGS(t) - 1), "kind"), "message");
	assert_int_equal(JINT(STATS(c, "rita"), "counted_messages"), 3);
}

/* No command ran between the due time and the response: the follow-up
 * still went out at its time, before the response. */
static void due_followup_goes_out_before_a_later_response(void **state)
{
	struct cli *c = *state;
	send_with(c, "7:Any thoughts?");
	cli_at(c, "2026-01-10T00:00:00Z");
	OK(c, "jose", "reply", "1", "--smart", "yes");
	json_t *t = SHOW(c, "rita", "1");
	assert_int_equal(NMSGS(t), 4);
	assert_string_equal(JSTR(MSG(t, 1), "kind"), "followup");
	assert_string_equal(JSTR(MSG(t, 1), "sent_at"), "2026-01-08T00:00:00Z");
	assert_string_equal(JSTR(MSG(t, 2), "sender"), "jose");
	assert_string_equal(JSTR(MSG(t, 2), "sent_at"), "2026-01-10T00:00:00Z");
	assert_string_equal(JSTR(MSG(t, 3), "kind"), "system");
	json_t *s = STATS(c, "rita");
	assert_int_equal(JINT(s, "counted_messages"), 2);
	assert_int_equal(JINT(s, "responded_messages"), 2);
}

/* The automated follow-up's 30-day window runs from its due time, not
 * from whenever a command noticed it. */
static void followup_window_runs_from_its_due_time(void **state)
{
	struct cli *c = *state;
	send_with(c, "7:Any thoughts?");
	/* Due 2026-01-08T00:00:00Z; + 30 d = 2026-02-07T00:00:00Z. */
	cli_at(c, "2026-02-07T00:00:01Z");
	OK(c, "jose", "reply", "1", "--smart", "yes");
	json_t *s = STATS(c, "rita");
	assert_int_equal(JINT(s, "counted_messages"), 2);
	assert_int_equal(JINT(s, "responded_messages"), 0);
	assert_true(json_number_value(JGET(s, "response_rate")) == 0.0);
	assert_true(json_is_number(JGET(s, "response_rate")));
}

static void followup_window_inclusive(void **state)
{
	struct cli *c = *state;
	send_with(c, "7:Any thoughts?");
	cli_at(c, "2026-02-07T00:00:00Z");
	OK(c, "jose", "reply", "1", "--smart", "no");
	json_t *s = STATS(c, "rita");
	assert_int_equal(JINT(s, "counted_messages"), 2);
	assert_int_equal(JINT(s, "responded_messages"), 1);
	assert_true(json_number_value(JGET(s, "response_rate")) == 0.5);
}

/* The follow-up is news for the candidate. */
static void automated_followup_makes_thread_unread(void **state)
{
	struct cli *c = *state;
	send_with(c, "3:Ping");
	OK(c, "jose", "show", "1");
	assert_false(JBOOL(json_array_get(LIST(c, "jose", "messages"), 0),
			   "unread"));
	cli_at(c, "2026-01-05T00:00:00Z");
	assert_true(JBOOL(json_array_get(LIST(c, "jose", "messages"), 0),
			  "unread"));
	/* ...but not for the recruiter, who sent it. */
	assert_false(JBOOL(json_array_get(LIST(c, "rita", "sent"), 0), "unread"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(automated_followup_fires_later_at_its_time, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(automated_followup_fires_for_stats_too, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(response_cancels_the_automated_followup, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(a_declined_thread_gets_no_automated_followup, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(followup_days_3_and_28_accepted, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(followup_days_out_of_range_refused, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(followup_bad_syntax_is_usage, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(followup_by_hand_while_pending, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(due_followup_goes_out_before_a_later_response, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(followup_window_runs_from_its_due_time, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(followup_window_inclusive, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(automated_followup_makes_thread_unread, cli_setup, cli_teardown),
	};
	return cli_run_group("cli_followup", tests);
}
