/* SPEC 3: credits — cost, refusal at 0, all or nothing, 90 days inclusive,
 * forfeit, refunded once. */
#include "fixture.h"

static void send_costs_one_credit_per_candidate(void **state)
{
	struct fx *f = *state;
	const char *to[] = {"jose", "ana", "li"};
	struct im_send_request req = {.to = to, .n_to = 3, .subject = "Role",
				      .body = "Hello"};
	int64_t ids[3] = {0};
	fx_as(f, "rita");
	assert_int_equal(im_send(f->m, &req, ids), IM_OK);
	assert_int_equal(fx_credits(f, "rita"), 7);
	assert_true(ids[0] > 0 && ids[1] > ids[0] && ids[2] > ids[1]);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 3);
}

static void zero_credits_refuses_and_creates_nothing(void **state)
{
	struct fx *f = *state;
	const char *to[] = {"jose"};
	struct im_send_request req = {.to = to, .n_to = 1, .subject = "Role",
				      .body = "Hello"};
	fx_as(f, "carl");
	assert_int_equal(im_send(f->m, &req, NULL), IM_ERR_NO_CREDITS);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 0);
	assert_int_equal(fx_credits(f, "carl"), 0);
	fx_as(f, "jose");
	assert_int_equal(fx_count(f, IM_FOLDER_MESSAGES), 0);
}

static void several_candidates_all_or_nothing(void **state)
{
	struct fx *f = *state;
	assert_int_equal(im_credits_grant(f->m, "carl", 2), IM_OK);
	const char *to[] = {"jose", "ana", "li"};
	struct im_send_request req = {.to = to, .n_to = 3, .subject = "Role",
				      .body = "Hello"};
	fx_as(f, "carl");
	assert_int_equal(im_send(f->m, &req, NULL), IM_ERR_NO_CREDITS);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 0);
	assert_int_equal(fx_credits(f, "carl"), 2);
	/* One unknown candidate among good ones: nothing either. */
	const char *to2[] = {"jose", "nobody"};
	struct im_send_request req2 = {.to = to2, .n_to = 2, .subject = "Role",
				       .body = "Hello"};
	assert_int_equal(im_send(f->m, &req2, NULL), IM_ERR_NOT_FOUND);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 0);
	assert_int_equal(fx_credits(f, "carl"), 2);
}

static void response_at_exactly_90_days_is_credited_back(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	assert_int_equal(fx_credits(f, "rita"), 9);
	fx_at(f, T0 + 90 * IM_DAY);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, id, IM_SMART_NO, NULL, NULL), IM_OK);
	assert_int_equal(fx_credits(f, "rita"), 10);
	fx_as(f, "rita");
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->credit, IM_CREDIT_REFUNDED);
	im_thread_free(&t);
	struct im_stats s;
	assert_int_equal(im_stats_get(f->m, &s), IM_OK);
	assert_int_equal(s.credited_back, 1);
}

static void response_after_90_days_and_a_second_is_not(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	fx_at(f, T0 + 90 * IM_DAY + 1);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, id, IM_SMART_YES, NULL, NULL), IM_OK);
	assert_int_equal(fx_credits(f, "rita"), 9);
	fx_as(f, "rita");
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->credit, IM_CREDIT_FORFEITED);
	assert_int_equal(t->state, IM_STATE_ACCEPTED);
	im_thread_free(&t);
}

static void pending_holds_then_forfeits(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	fx_at(f, T0 + 90 * IM_DAY);
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->credit, IM_CREDIT_HELD);
	assert_int_equal(t->state, IM_STATE_PENDING);
	assert_int_equal(t->days_left, 0);
	im_thread_free(&t);
	struct im_stats s;
	assert_int_equal(im_stats_get(f->m, &s), IM_OK);
	assert_int_equal(s.pending, 1);
	assert_int_equal(s.unanswered, 0);

	fx_at(f, T0 + 90 * IM_DAY + 1);
	t = fx_thread(f, id);
	assert_int_equal(t->credit, IM_CREDIT_FORFEITED);
	assert_int_equal(t->state, IM_STATE_PENDING);
	im_thread_free(&t);
	assert_int_equal(im_stats_get(f->m, &s), IM_OK);
	assert_int_equal(s.pending, 0);
	assert_int_equal(s.unanswered, 1);
	assert_int_equal(s.credited_back, 0);
}

static void days_left_counts_down(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->days_left, 90);
	assert_int_equal(t->credit_deadline, T0 + 90 * IM_DAY);
	im_thread_free(&t);
	fx_at(f, T0 + 6 * IM_DAY);
	t = fx_thread(f, id);
	assert_int_equal(t->days_left, 84);
	im_thread_free(&t);
}

static void credit_comes_back_once(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, id, IM_SMART_NONE, "Sure, let's talk!",
				  NULL), IM_OK);
	assert_int_equal(im_reply(f->m, id, IM_SMART_NONE, "Any news?", NULL),
			 IM_OK);
	assert_int_equal(fx_credits(f, "rita"), 10);
}

static void grants_only_to_recruiters_and_positive(void **state)
{
	struct fx *f = *state;
	assert_int_equal(im_credits_grant(f->m, "rita", 5), IM_OK);
	assert_int_equal(fx_credits(f, "rita"), 15);
	assert_int_equal(im_credits_grant(f->m, "jose", 5), IM_ERR_NOT_PERMITTED);
	assert_int_equal(im_credits_grant(f->m, "rita", 0), IM_ERR_INVALID);
	assert_int_equal(im_credits_grant(f->m, "rita", -3), IM_ERR_INVALID);
	assert_int_equal(im_credits_grant(f->m, "nobody", 1), IM_ERR_NOT_FOUND);
	assert_int_equal(fx_credits(f, "rita"), 15);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(send_costs_one_credit_per_candidate, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(zero_credits_refuses_and_creates_nothing, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(several_candidates_all_or_nothing, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(response_at_exactly_90_days_is_credited_back, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(response_after_90_days_and_a_second_is_not, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(pending_holds_then_forfeits, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(days_left_counts_down, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(credit_comes_back_once, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(grants_only_to_recruiters_and_positive, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("credit", tests, NULL, NULL);
}
