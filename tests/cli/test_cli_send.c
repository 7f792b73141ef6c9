/* SPEC 1, 3, 5 through the CLI: sending InMail, threads, credits on send,
 * all or nothing, roles. */
#include "clirun.h"

#include <string.h>

static void send_costs_one_credit_and_starts_a_thread(void **state)
{
	struct cli *c = *state;
	CAST(c, 3);
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"Senior C engineer", "--body", "Hi José"),
			    "1\n");
	assert_int_equal(CREDITS(c, "rita"), 2);

	json_t *t = SHOW(c, "rita", "1");
	assert_int_equal(JINT(t, "id"), 1);
	assert_string_equal(JSTR(t, "subject"), "Senior C engineer");
	assert_string_equal(JSTR(t, "label"), "InMail");
	assert_string_equal(JSTR(JGET(t, "recruiter"), "handle"), "rita");
	assert_string_equal(JSTR(JGET(t, "recruiter"), "name"), "Rita Recruiter");
	assert_string_equal(JSTR(JGET(t, "candidate"), "handle"), "jose");
	assert_string_equal(JSTR(JGET(t, "candidate"), "name"), "José Müller");
	assert_string_equal(JSTR(t, "state"), "pending");
	assert_string_equal(JSTR(t, "response"), "none");
	assert_string_equal(JSTR(t, "credit"), "held");
	assert_string_equal(JSTR(t, "credit_deadline"), "2026-05-31T09:00:00Z");
	assert_string_equal(JSTR(t, "created_at"), "2026-03-02T09:00:00Z");
	assert_string_equal(JSTR(t, "updated_at"), "2026-03-02T09:00:00Z");
	assert_true(json_is_null(JGET(t, "reason")));
	/* While pending, the recruiter may follow up: can_reply. */
	assert_true(JBOOL(t, "can_reply"));
	assert_int_equal(NMSGS(t), 1);
	assert_string_equal(JSTR(MSG(t, 0), "kind"), "inmail");
	assert_string_equal(JSTR(MSG(t, 0), "sender"), "rita");
	assert_string_equal(JSTR(MSG(t, 0), "body"), "Hi José");
	assert_string_equal(JSTR(MSG(t, 0), "sent_at"), "2026-03-02T09:00:00Z");
	assert_null(json_object_get(MSG(t, 0), "classification"));

	/* The candidate sees it too, may answer, with the InMail label. */
	json_t *tc = SHOW(c, "jose", "1");
	assert_true(JBOOL(tc, "can_reply"));
	assert_string_equal(JSTR(tc, "label"), "InMail");

	json_t *s = STATS(c, "rita");
	assert_int_equal(JINT(s, "credits"), 2);
	assert_int_equal(JINT(s, "sent"), 1);
	assert_int_equal(JINT(s, "pending"), 1);
	assert_int_equal(JINT(s, "accepted"), 0);
	assert_int_equal(JINT(s, "declined"), 0);
	assert_int_equal(JINT(s, "unanswered"), 0);
	assert_int_equal(JINT(s, "credited_back"), 0);
}

static void several_candidates_one_thread_and_credit_each(void **state)
{
	struct cli *c = *state;
	CAST(c, 3);
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose,ana", "--subject",
				"Platform lead", "--body", "Hello"),
			    "1\n2\n");
	assert_int_equal(CREDITS(c, "rita"), 1);
	assert_string_equal(JSTR(JGET(SHOW(c, "rita", "1"), "candidate"), "handle"),
			    "jose");
	assert_string_equal(JSTR(JGET(SHOW(c, "rita", "2"), "candidate"), "handle"),
			    "ana");
	/* Each candidate sees only their own. */
	assert_string_equal(IDS(c, "jose", "messages"), "1");
	assert_string_equal(IDS(c, "ana", "messages"), "2");
	FAILS(c, 77, "ana", "show", "1");
}

static void second_inmail_to_same_candidate_is_a_new_thread(void **state)
{
	struct cli *c = *state;
	CAST(c, 3);
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"First", "--body", "One"), "1\n");
	/* Once the first's 90-day window has closed (SPEC 9), its credit
	 * forfeited. */
	cli_at(c, "2026-05-31T09:00:01Z");
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"Second", "--body", "Two"), "2\n");
	assert_int_equal(CREDITS(c, "rita"), 1);
	assert_int_equal(NMSGS(SHOW(c, "rita", "1")), 1);
	assert_int_equal(NMSGS(SHOW(c, "rita", "2")), 1);
	assert_string_equal(JSTR(SHOW(c, "rita", "2"), "subject"), "Second");
	assert_string_equal(SIDS(c, "rita", "sent"), "1,2");
	assert_string_equal(SIDS(c, "jose", "messages"), "1,2");
	assert_int_equal(JINT(STATS(c, "rita"), "sent"), 2);
}

static void zero_credits_refused_nothing_created(void **state)
{
	struct cli *c = *state;
	CAST(c, 0);
	c->settle_as = "rita";
	FAILS(c, 69, "rita", "send", "--to", "jose", "--subject", "S", "--body",
	      "Hi");
	assert_string_equal(IDS(c, "rita", "sent"), "");
	assert_string_equal(IDS(c, "jose", "messages"), "");
	assert_int_equal(CREDITS(c, "rita"), 0);
	assert_int_equal(JINT(STATS(c, "rita"), "sent"), 0);

	/* Spend the last credit, then refused again. */
	OK(c, NULL, "credits", "grant", "rita", "1");
	assert_int_equal(CREDITS(c, "rita"), 1);
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"S", "--body", "Hi"), "1\n");
	assert_int_equal(CREDITS(c, "rita"), 0);
	FAILS(c, 69, "rita", "send", "--to", "ana", "--subject", "S", "--body",
	      "Hi");
	assert_string_equal(IDS(c, "rita", "sent"), "1");
}

static void several_candidates_all_or_nothing(void **state)
{
	struct cli *c = *state;
	CAST(c, 2);
	c->settle_as = "rita";
	FAILS(c, 69, "rita", "send", "--to", "jose,ana,cara", "--subject", "S",
	      "--body", "Hi");
	assert_int_equal(CREDITS(c, "rita"), 2);
	assert_string_equal(IDS(c, "rita", "sent"), "");
	assert_string_equal(IDS(c, "jose", "messages"), "");
	assert_string_equal(IDS(c, "ana", "messages"), "");
	assert_string_equal(IDS(c, "cara", "messages"), "");
	/* An unknown candidate in the list: nothing sent to the others. */
	FAILS(c, 66, "rita", "send", "--to", "jose,nobody", "--subject", "S",
	      "--body", "Hi");
	/* A recruiter in the list: refused (not permitted), nothing sent. */
	FAILS(c, 77, "rita", "send", "--to", "jose,rob", "--subject", "S",
	      "--body", "Hi");
	assert_string_equal(IDS(c, "rita", "sent"), "");
	/* Exactly enough: all sent. */
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose,ana", "--subject",
				"S", "--body", "Hi"), "1\n2\n");
	assert_int_equal(CREDITS(c, "rita"), 0);
}

static void candidate_cannot_send(void **state)
{
	struct cli *c = *state;
	CAST(c, 3);
	c->settle_as = "rita";
	FAILS(c, 77, "jose", "send", "--to", "ana", "--subject", "S", "--body",
	      "Hi");
	FAILS(c, 77, "jose", "send", "--to", "jose", "--subject", "S", "--body",
	      "Hi");
	assert_string_equal(IDS(c, "jose", "messages"), "");
	assert_string_equal(IDS(c, "ana", "messages"), "");
}

static void credits_grant(void **state)
{
	struct cli *c = *state;
	CAST(c, 3);
	OK(c, NULL, "credits", "grant", "rita", "4");
	assert_int_equal(CREDITS(c, "rita"), 7);
	assert_int_equal(JINT(STATS(c, "rita"), "credits"), 7);
	/* Candidates have no credits. */
	FAILS(c, 77, NULL, "credits", "grant", "jose", "2");
	FAILS(c, 66, NULL, "credits", "grant", "nobody", "2");
	FAILS(c, 65, NULL, "credits", "grant", "rita", "0");
	assert_int_equal(CREDITS(c, "rita"), 7);
	assert_int_equal(CREDITS(c, "jose"), 0);
}

static void user_list(void **state)
{
	struct cli *c = *state;
	CAST(c, 3);
	json_t *all = JSON(c, NULL, "user", "list", "--json");
	assert_int_equal(json_array_size(all), 5);
	json_t *r = JSON(c, NULL, "user", "list", "--role", "recruiter", "--json");
	assert_int_equal(json_array_size(r), 2);
	size_t i;
	json_t *u;
	json_array_foreach(r, i, u) {
		assert_string_equal(JSTR(u, "role"), "recruiter");
	}
	json_t *cand = JSON(c, NULL, "user", "list", "--role", "candidate",
			    "--json");
	assert_int_equal(json_array_size(cand), 3);
	int seen_jose = 0;
	json_array_foreach(cand, i, u) {
		assert_string_equal(JSTR(u, "role"), "candidate");
		assert_int_equal(JINT(u, "credits"), 0);
		if (strcmp(JSTR(u, "handle"), "jose") == 0) {
			seen_jose = 1;
			assert_string_equal(JSTR(u, "name"), "José Müller");
		}
	}
	assert_true(seen_jose);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(send_costs_one_credit_and_starts_a_thread, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(several_candidates_one_thread_and_credit_each, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(second_inmail_to_same_candidate_is_a_new_thread, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(zero_credits_refused_nothing_created, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(several_candidates_all_or_nothing, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(candidate_cannot_send, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(credits_grant, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(user_list, cli_setup, cli_teardown),
	};
	return cmocka_run_group_tests_name("cli_send", tests, NULL, NULL);
}
