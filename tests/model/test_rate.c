/* SPEC 3: the response rate over counted messages, 30 days inclusive. */
#include "fixture.h"

static struct im_stats stats(struct fx *f)
{
	struct im_stats s;
	fx_as(f, "rita");
	assert_int_equal(im_stats_get(f->m, &s), IM_OK);
	return s;
}

static void nothing_counted_has_no_rate(void **state)
{
	struct fx *f = *state;
	struct im_stats s = stats(f);
	assert_false(s.has_rate);
	assert_int_equal(s.counted_messages, 0);
	fx_send(f, "jose");
	s = stats(f);
	/* Pending is in neither number: still no rate, not 0 %. */
	assert_false(s.has_rate);
	assert_int_equal(s.counted_messages, 1);
	assert_int_equal(s.responded_messages, 0);
	assert_int_equal(s.unanswered_messages, 0);
}

static void response_at_exactly_30_days_counts(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	fx_at(f, T0 + 30 * IM_DAY);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, id, IM_SMART_NO, NULL, NULL), IM_OK);
	struct im_stats s = stats(f);
	assert_int_equal(s.responded_messages, 1);
	assert_int_equal(s.unanswered_messages, 0);
	assert_true(s.has_rate);
	assert_true(s.response_rate == 1.0);
}

static void response_after_30_days_is_unanswered(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	fx_at(f, T0 + 30 * IM_DAY + 1);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, id, IM_SMART_YES, NULL, NULL), IM_OK);
	struct im_stats s = stats(f);
	assert_int_equal(s.responded_messages, 0);
	assert_int_equal(s.unanswered_messages, 1);
	assert_true(s.has_rate);
	assert_true(s.response_rate == 0.0);
	/* Still credited back: that window is 90 days. */
	assert_int_equal(s.credited_back, 1);
}

static void silence_turns_unanswered_after_30_days(void **state)
{
	struct fx *f = *state;
	fx_send(f, "jose");
	fx_at(f, T0 + 30 * IM_DAY);
	struct im_stats s = stats(f);
	assert_int_equal(s.unanswered_messages, 0);
	assert_false(s.has_rate);
	fx_at(f, T0 + 30 * IM_DAY + 1);
	s = stats(f);
	assert_int_equal(s.unanswered_messages, 1);
	assert_true(s.has_rate);
	assert_true(s.response_rate == 0.0);
}

static void followups_are_counted_messages(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_send(f, "jose");
	fx_send(f, "ana");
	fx_at(f, T0 + 10 * IM_DAY);
	fx_as(f, "rita");
	assert_int_equal(im_followup(f->m, a, "Any thoughts?", NULL), IM_OK);
	fx_at(f, T0 + 35 * IM_DAY);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	struct im_stats s = stats(f);
	/* jose's InMail: 35 d → unanswered; its follow-up: 25 d → responded;
	 * ana's InMail: silent 35 d → unanswered. */
	assert_int_equal(s.counted_messages, 3);
	assert_int_equal(s.responded_messages, 1);
	assert_int_equal(s.unanswered_messages, 2);
	assert_true(s.response_rate > 0.333 && s.response_rate < 0.334);
}

static void stats_are_for_recruiters(void **state)
{
	struct fx *f = *state;
	struct im_stats s;
	fx_as(f, "jose");
	assert_int_equal(im_stats_get(f->m, &s), IM_ERR_NOT_PERMITTED);
}

static void thread_counts(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_send(f, "jose");
	int64_t b = fx_send(f, "ana");
	fx_send(f, "li");
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	fx_as(f, "ana");
	assert_int_equal(im_reply(f->m, b, IM_SMART_NO, NULL, NULL), IM_OK);
	struct im_stats s = stats(f);
	assert_int_equal(s.sent, 3);
	assert_int_equal(s.accepted, 1);
	assert_int_equal(s.declined, 1);
	assert_int_equal(s.pending, 1);
	assert_int_equal(s.unanswered, 0);
	assert_int_equal(s.credits, 9);
	assert_int_equal(s.credited_back, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(nothing_counted_has_no_rate, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(response_at_exactly_30_days_counts, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(response_after_30_days_is_unanswered, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(silence_turns_unanswered_after_30_days, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(followups_are_counted_messages, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(stats_are_for_recruiters, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(thread_counts, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("rate", tests, NULL, NULL);
}
