/* SPEC 3 through the CLI: credits back within 90 days (inclusive),
 * forfeited after; the response rate over counted messages with its 30-day
 * window (inclusive); thread counts. */
#include "clirun.h"

#include <string.h>

#define T0 "2026-01-01T00:00:00Z"
#define T0_PLUS_90D "2026-04-01T00:00:00Z"
#define T0_PLUS_90D_1S "2026-04-01T00:00:01Z"
#define T0_PLUS_30D "2026-01-31T00:00:00Z"
#define T0_PLUS_30D_1S "2026-01-31T00:00:01Z"

/* rita (5 credits) sends thread 1 to jose at T0. */
static void send_at_t0(struct cli *c)
{
	cli_at(c, T0);
	CAST(c, 5);
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"Staff engineer", "--body", "Hello"),
			    "1\n");
	assert_int_equal(CREDITS(c, "rita"), 4);
}

static void assert_stats(struct cli *c, long long credits, long long sent,
			 long long accepted, long long declined,
			 long long pending, long long unanswered,
			 long long counted, long long responded,
			 long long credited_back)
{
	json_t *s = STATS(c, "rita");
	assert_int_equal(JINT(s, "credits"), credits);
	assert_int_equal(JINT(s, "sent"), sent);
	assert_int_equal(JINT(s, "accepted"), accepted);
	assert_int_equal(JINT(s, "declined"), declined);
	assert_int_equal(JINT(s, "pending"), pending);
	assert_int_equal(JINT(s, "unanswered"), unanswered);
	assert_int_equal(JINT(s, "counted_messages"), counted);
	assert_int_equal(JINT(s, "responded_messages"), responded);
	assert_int_equal(JINT(s, "credited_back"), credited_back);
}

static double rate(struct cli *c)
{
	json_t *r = JGET(STATS(c, "rita"), "response_rate");
	assert_true(json_is_number(r));
	return json_number_value(r);
}

static void assert_rate_null(struct cli *c)
{
	assert_true(json_is_null(JGET(STATS(c, "rita"), "response_rate")));
}

static void response_at_exactly_90_days_refunds(void **state)
{
	struct cli *c = *state;
	send_at_t0(c);
	cli_at(c, T0_PLUS_90D);
	/* Still held at the very deadline. */
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "credit"), "held");
	assert_string_equal(JSTR(t, "credit_deadline"), T0_PLUS_90D);
	assert_stats(c, 4, 1, 0, 0, 1, 0, 1, 0, 0);
	OK(c, "jose", "reply", "1", "--smart", "yes");
	t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "credit"), "refunded");
	assert_int_equal(CREDITS(c, "rita"), 5);
	assert_stats(c, 5, 1, 1, 0, 0, 0, 1, 0, 1);
	/* Once only: more messages give nothing more back. */
	OK(c, "jose", "reply", "1", "--body", "When can we talk?");
	OK(c, "rita", "reply", "1", "--body", "Tomorrow.");
	assert_int_equal(CREDITS(c, "rita"), 5);
	assert_int_equal(JINT(STATS(c, "rita"), "credited_back"), 1);
}

static void response_at_90_days_and_1s_forfeits(void **state)
{
	struct cli *c = *state;
	send_at_t0(c);
	cli_at(c, T0_PLUS_90D_1S);
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "credit"), "forfeited");
	assert_string_equal(JSTR(t, "state"), "pending");
	/* No response, 90 days passed: unanswered, not pending. */
	assert_stats(c, 4, 1, 0, 0, 0, 1, 1, 0, 0);
	OK(c, "jose", "reply", "1", "--smart", "yes");
	t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "state"), "accepted");
	assert_string_equal(JSTR(t, "credit"), "forfeited");
	assert_int_equal(CREDITS(c, "rita"), 4);
	assert_stats(c, 4, 1, 1, 0, 0, 0, 1, 0, 0);
}

static void decline_and_custom_refund_too(void **state)
{
	struct cli *c = *state;
	cli_at(c, T0);
	CAST(c, 5);
	OK(c, "rita", "send", "--to", "jose,ana,cara", "--subject", "S", "--body",
	   "Hi");
	assert_int_equal(CREDITS(c, "rita"), 2);
	cli_at(c, "2026-02-01T00:00:00Z");
	OK(c, "jose", "reply", "1", "--smart", "no");
	OK(c, "ana", "reply", "2", "--body", "No, thank you. I'm not looking.");
	OK(c, "cara", "reply", "3", "--smart", "no", "--body", "No thanks, sorry");
	assert_int_equal(CREDITS(c, "rita"), 5);
	assert_stats(c, 5, 3, 0, 3, 0, 0, 3, 0, 3);
	for (int i = 1; i <= 3; i++) {
		char id[8];
		snprintf(id, sizeof id, "%d", i);
		assert_string_equal(JSTR(SHOW(c, "rita", id), "credit"), "refunded");
	}
}

static void pending_holds_then_forfeits(void **state)
{
	struct cli *c = *state;
	send_at_t0(c);
	cli_at(c, "2026-02-15T00:00:00Z");
	assert_string_equal(JSTR(SHOW(c, "rita", "1"), "credit"), "held");
	assert_stats(c, 4, 1, 0, 0, 1, 0, 1, 0, 0);
	cli_at(c, "2026-06-01T00:00:00Z");
	assert_string_equal(JSTR(SHOW(c, "rita", "1"), "credit"), "forfeited");
	assert_stats(c, 4, 1, 0, 0, 0, 1, 1, 0, 0);
	assert_int_equal(CREDITS(c, "rita"), 4);
}

static void rate_response_at_exactly_30_days(void **state)
{
	struct cli *c = *state;
	send_at_t0(c);
	cli_at(c, T0_PLUS_30D);
	OK(c, "jose", "reply", "1", "--smart", "yes");
	assert_stats(c, 5, 1, 1, 0, 0, 0, 1, 1, 1);
	assert_true(rate(c) == 1.0);
}

static void rate_response_at_30_days_and_1s(void **state)
{
	struct cli *c = *state;
	send_at_t0(c);
	cli_at(c, T0_PLUS_30D_1S);
	/* Before the response: the window closed, unanswered for the rate,
	 * but still pending for the thread counts and the credit. */
	assert_stats(c, 4, 1, 0, 0, 1, 0, 1, 0, 0);
	assert_true(rate(c) == 0.0);
	OK(c, "jose", "reply", "1", "--smart", "yes");
	assert_stats(c, 5, 1, 1, 0, 0, 0, 1, 0, 1);
	assert_true(rate(c) == 0.0);
	json_t *s = STATS(c, "rita");
	json_t *um = json_object_get(s, "unanswered_messages");
	if (um)
		assert_int_equal(json_integer_value(um), 1);
}

static void rate_pending_counts_in_neither(void **state)
{
	struct cli *c = *state;
	send_at_t0(c);
	cli_at(c, "2026-01-30T23:59:59Z");
	assert_stats(c, 4, 1, 0, 0, 1, 0, 1, 0, 0);
	assert_rate_null(c);
	/* Plain output shows "–", never 0 % or a division by zero. */
	const char *plain = OUT(c, "rita", "stats");
	assert_non_null(strstr(plain, "\xE2\x80\x93"));
	const char *line = strstr(plain, "response rate");
	assert_non_null(line);
	assert_non_null(strstr(line, "\xE2\x80\x93"));
	assert_null(strstr(line, "%"));
	assert_null(strstr(line, "nan"));
}

/* At exactly 30 days a response would still count: pending, in neither. */
static void rate_pending_at_exactly_30_days(void **state)
{
	struct cli *c = *state;
	send_at_t0(c);
	cli_at(c, T0_PLUS_30D);
	assert_stats(c, 4, 1, 0, 0, 1, 0, 1, 0, 0);
	assert_rate_null(c);
	cli_at(c, T0_PLUS_30D_1S);
	assert_true(rate(c) == 0.0);
}

/* --now takes a date alone: midnight UTC. */
static void date_only_clock(void **state)
{
	struct cli *c = *state;
	cli_at(c, NULL);
	static const char *const env[] = {"INMAIL_NOW", NULL};
	c->extra_env = env;
	OK(c, NULL, "--now", "2026-01-01", "init");
	OK(c, NULL, "user", "add", "rita", "--name", "Rita", "--role",
	   "recruiter", "--credits", "1");
	OK(c, NULL, "user", "add", "jose", "--name", "José Müller", "--role",
	   "candidate");
	OK(c, "rita", "--now", "2026-01-01", "send", "--to", "jose", "--subject",
	   "S", "--body", "Hi");
	json_t *t = JSON(c, "rita", "--now", "2026-01-02", "show", "1", "--json");
	assert_string_equal(JSTR(t, "created_at"), T0);
	assert_string_equal(JSTR(t, "credit_deadline"), T0_PLUS_90D);
	OK(c, "jose", "--now", "2026-04-01", "reply", "1", "--smart", "yes");
	assert_string_equal(JSTR(JSON(c, "rita", "--now", "2026-04-01", "show",
				      "1", "--json"), "credit"), "refunded");
	c->extra_env = NULL;
}

static void rate_null_with_nothing_sent(void **state)
{
	struct cli *c = *state;
	cli_at(c, T0);
	CAST(c, 5);
	assert_stats(c, 5, 0, 0, 0, 0, 0, 0, 0, 0);
	assert_rate_null(c);
	assert_non_null(strstr(OUT(c, "rita", "stats"), "\xE2\x80\x93"));
}

/* Every InMail and every follow-up (by hand or automated) is one counted
 * message, each with its own 30-day window. */
static void followups_are_counted_messages(void **state)
{
	struct cli *c = *state;
	cli_at(c, T0);
	CAST(c, 5);
	OK(c, "rita", "send", "--to", "jose", "--subject", "S", "--body", "Hi",
	   "--followup", "3:Any thoughts?");
	cli_at(c, "2026-01-02T00:00:00Z");
	OK(c, "rita", "followup", "1", "--body", "By hand");
	assert_stats(c, 4, 1, 0, 0, 1, 0, 2, 0, 0);
	cli_at(c, "2026-01-05T00:00:00Z"); /* the automated one went at 01-04 */
	assert_stats(c, 4, 1, 0, 0, 1, 0, 3, 0, 0);
	assert_rate_null(c);
	/* 2026-02-01T00:00:00Z: 31 d after the InMail (unanswered), 30 d after
	 * the hand follow-up (responded), 28 d after the automated one. */
	cli_at(c, "2026-02-01T00:00:00Z");
	OK(c, "jose", "reply", "1", "--smart", "yes");
	assert_stats(c, 5, 1, 1, 0, 0, 0, 3, 2, 1);
	double r = rate(c);
	assert_true(r > 0.6666 && r < 0.6667);
}

static void rate_over_several_threads(void **state)
{
	struct cli *c = *state;
	cli_at(c, T0);
	CAST(c, 5);
	OK(c, "rita", "send", "--to", "jose,ana,cara", "--subject", "S", "--body",
	   "Hi");
	cli_at(c, "2026-01-10T00:00:00Z");
	OK(c, "jose", "reply", "1", "--smart", "no");
	cli_at(c, "2026-02-10T00:00:00Z");
	OK(c, "ana", "reply", "2", "--smart", "yes");
	/* cara never answers. jose responded in time; ana late; cara's window
	 * closed: 1 / (1 + 2). */
	assert_stats(c, 4, 3, 1, 1, 1, 0, 3, 1, 2);
	double r = rate(c);
	assert_true(r > 0.3333 && r < 0.3334);
	/* Other recruiters' numbers are their own. */
	json_t *s = STATS(c, "rob");
	assert_int_equal(JINT(s, "sent"), 0);
	assert_int_equal(JINT(s, "counted_messages"), 0);
	assert_true(json_is_null(JGET(s, "response_rate")));
}

static void stats_for_recruiters_only(void **state)
{
	struct cli *c = *state;
	cli_at(c, T0);
	CAST(c, 5);
	FAILS(c, 77, "jose", "stats", "--json");
	FAILS(c, 77, "jose", "notifications", "--json");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(response_at_exactly_90_days_refunds, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(response_at_90_days_and_1s_forfeits, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(decline_and_custom_refund_too, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(pending_holds_then_forfeits, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(rate_response_at_exactly_30_days, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(rate_response_at_30_days_and_1s, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(rate_pending_counts_in_neither, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(rate_null_with_nothing_sent, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(rate_pending_at_exactly_30_days, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(date_only_clock, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(followups_are_counted_messages, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(rate_over_several_threads, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(stats_for_recruiters_only, cli_setup, cli_teardown),
	};
	return cli_run_group("cli_credits_rate", tests);
}
