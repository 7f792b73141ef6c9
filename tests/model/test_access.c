/* SPEC 1: only a thread's two participants read or act on it; roles. */
#include <string.h>

#include "fixture.h"

static void outsider_can_neither_read_nor_act(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	struct im_thread *t = NULL;
	fx_as(f, "ana");
	assert_int_equal(im_thread_get(f->m, id, true, &t), IM_ERR_NOT_PERMITTED);
	assert_null(t);
	/* The refusal says nothing of the content. */
	assert_null(strstr(im_model_error(f->m), "Senior"));
	assert_null(strstr(im_model_error(f->m), "terminal tools"));
	assert_int_equal(im_reply(f->m, id, IM_SMART_YES, NULL, NULL),
			 IM_ERR_NOT_PERMITTED);
	assert_int_equal(im_archive(f->m, id, true), IM_ERR_NOT_PERMITTED);
	fx_as(f, "carl");
	assert_int_equal(im_followup(f->m, id, "hi", NULL), IM_ERR_NOT_PERMITTED);
	assert_int_equal(im_thread_get(f->m, id, false, &t), IM_ERR_NOT_PERMITTED);
	fx_as(f, "rita");
	t = fx_thread(f, id);
	assert_int_equal(t->state, IM_STATE_PENDING);
	assert_int_equal(t->n_messages, 1);
	assert_false(t->archived);
	im_thread_free(&t);
}

static void only_recruiters_send_and_only_to_candidates(void **state)
{
	struct fx *f = *state;
	const char *to[] = {"ana"};
	struct im_send_request req = {.to = to, .n_to = 1, .subject = "Hi",
				      .body = "Hello"};
	fx_as(f, "jose");
	assert_int_equal(im_send(f->m, &req, NULL), IM_ERR_NOT_PERMITTED);
	const char *to2[] = {"carl"};
	struct im_send_request req2 = {.to = to2, .n_to = 1, .subject = "Hi",
				       .body = "Hello"};
	fx_as(f, "rita");
	assert_int_equal(im_send(f->m, &req2, NULL), IM_ERR_NOT_PERMITTED);
	assert_int_equal(fx_credits(f, "rita"), 10);
	const char *twice[] = {"ana", "ana"};
	struct im_send_request req3 = {.to = twice, .n_to = 2, .subject = "Hi",
				       .body = "Hello"};
	assert_int_equal(im_send(f->m, &req3, NULL), IM_ERR_USAGE);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 0);
}

static void only_the_candidate_responds(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	/* The recruiter writing is a follow-up, never a response. */
	assert_int_equal(im_reply(f->m, id, IM_SMART_NONE, "Yes, interested!",
				  NULL), IM_OK);
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->state, IM_STATE_PENDING);
	assert_int_equal(t->response, IM_RESPONSE_NONE);
	im_thread_free(&t);
}

static void a_second_inmail_starts_a_new_thread(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_send(f, "jose");
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_NO, NULL, NULL), IM_OK);
	int64_t b = fx_send(f, "jose");
	assert_true(b != a);
	struct im_thread *t = fx_thread(f, b);
	assert_int_equal(t->state, IM_STATE_PENDING);
	assert_true(t->can_reply);
	im_thread_free(&t);
	t = fx_thread(f, a);
	assert_false(t->can_reply);
	im_thread_free(&t);
	assert_int_equal(fx_credits(f, "rita"), 9); /* one back, one spent */
}

static void unknown_things_are_not_found(void **state)
{
	struct fx *f = *state;
	struct im_thread *t = NULL;
	fx_as(f, "rita");
	assert_int_equal(im_thread_get(f->m, 999, false, &t), IM_ERR_NOT_FOUND);
	assert_int_equal(im_reply(f->m, 999, IM_SMART_NONE, "x", NULL),
			 IM_ERR_NOT_FOUND);
	assert_int_equal(im_model_set_actor(f->m, "nobody"), IM_ERR_NOT_FOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(outsider_can_neither_read_nor_act, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(only_recruiters_send_and_only_to_candidates, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(only_the_candidate_responds, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(a_second_inmail_starts_a_new_thread, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(unknown_things_are_not_found, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("access", tests, NULL, NULL);
}
