/* SPEC 3: follow-ups — by hand while pending, one automated after N days
 * (3..28), cancelled by any response, costing no credit. */
#include <string.h>

#include "fixture.h"

static int64_t send_with_followup(struct fx *f, const char *cand, int days,
				  enum im_status expect)
{
	const char *to[] = {cand};
	struct im_send_request req = {
		.to = to, .n_to = 1, .subject = "Role", .body = "Hello",
		.followup_days = days, .followup_body = "Any thoughts?",
	};
	int64_t id = 0;
	fx_as(f, "rita");
	assert_int_equal(im_send(f->m, &req, &id), expect);
	return id;
}

static void automated_followup_fires_at_its_time(void **state)
{
	struct fx *f = *state;
	int64_t id = send_with_followup(f, "jose", 7, IM_OK);
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->followup_at, T0 + 7 * IM_DAY);
	assert_int_equal(t->n_messages, 1);
	im_thread_free(&t);

	fx_at(f, T0 + 7 * IM_DAY - 1);
	t = fx_thread(f, id);
	assert_int_equal(t->n_messages, 1);
	im_thread_free(&t);

	fx_at(f, T0 + 20 * IM_DAY);
	t = fx_thread(f, id);
	assert_int_equal(t->n_messages, 2);
	assert_int_equal(t->messages[1].kind, IM_KIND_FOLLOWUP);
	assert_int_equal(t->messages[1].sent_at, T0 + 7 * IM_DAY);
	assert_string_equal(t->messages[1].body, "Any thoughts?");
	assert_int_equal(t->followup_at, 0);
	im_thread_free(&t);
	/* It fires once, costs nothing, and counts. */
	fx_at(f, T0 + 40 * IM_DAY);
	t = fx_thread(f, id);
	assert_int_equal(t->n_messages, 2);
	im_thread_free(&t);
	assert_int_equal(fx_credits(f, "rita"), 9);
	struct im_stats s;
	assert_int_equal(im_stats_get(f->m, &s), IM_OK);
	assert_int_equal(s.counted_messages, 2);
}

static void a_response_cancels_it(void **state)
{
	struct fx *f = *state;
	int64_t id = send_with_followup(f, "jose", 3, IM_OK);
	fx_at(f, T0 + 2 * IM_DAY);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, id, IM_SMART_NO, NULL, NULL), IM_OK);
	fx_at(f, T0 + 30 * IM_DAY);
	fx_as(f, "rita");
	struct im_thread *t = fx_thread(f, id);
	for (size_t i = 0; i < t->n_messages; i++)
		assert_int_not_equal(t->messages[i].kind, IM_KIND_FOLLOWUP);
	assert_int_equal(t->followup_at, 0);
	im_thread_free(&t);
}

static void days_from_3_to_28(void **state)
{
	struct fx *f = *state;
	send_with_followup(f, "jose", 3, IM_OK);
	send_with_followup(f, "li", 28, IM_OK); /* jose's is pending */
	send_with_followup(f, "ana", 2, IM_ERR_INVALID);
	send_with_followup(f, "ana", 29, IM_ERR_INVALID);
	/* A follow-up is asked for by its text: 0 days is out of range,
	 * not "none". */
	send_with_followup(f, "ana", 0, IM_ERR_INVALID);
	fx_as(f, "ana");
	assert_int_equal(fx_count(f, IM_FOLDER_MESSAGES), 0);
	assert_int_equal(fx_credits(f, "rita"), 8);
}

static void followup_by_hand_only_while_pending(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	assert_int_equal(im_followup(f->m, id, "Hello again", NULL), IM_OK);
	assert_int_equal(fx_credits(f, "rita"), 9);
	fx_as(f, "jose");
	assert_int_equal(im_followup(f->m, id, "me too", NULL),
			 IM_ERR_NOT_PERMITTED);
	assert_int_equal(im_reply(f->m, id, IM_SMART_YES, NULL, NULL), IM_OK);
	fx_as(f, "rita");
	assert_int_equal(im_followup(f->m, id, "And again", NULL),
			 IM_ERR_NOT_PERMITTED);
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->messages[1].kind, IM_KIND_FOLLOWUP);
	assert_int_equal(t->n_messages, 4);
	im_thread_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(automated_followup_fires_at_its_time, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(a_response_cancels_it, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(days_from_3_to_28, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(followup_by_hand_only_while_pending, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("followup", tests, NULL, NULL);
}
