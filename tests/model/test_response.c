/* SPEC 2: the candidate's first response in its four ways, the
 * templated-only block and its lifting. */
#include <string.h>

#include "fixture.h"

static const char *blocked_reason =
	"You can't reply: José Müller declined with the templated response. "
	"Send a new InMail to start a new conversation.";

static void respond(struct fx *f, int64_t id, enum im_smart smart,
		    const char *body)
{
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, id, smart, body, NULL), IM_OK);
}

static void yes_as_template_accepts(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	respond(f, id, IM_SMART_YES, NULL);
	fx_as(f, "rita");
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->state, IM_STATE_ACCEPTED);
	assert_int_equal(t->response, IM_RESPONSE_SMART_TEMPLATE);
	assert_true(t->can_reply);
	assert_null(t->reason);
	assert_string_equal(t->messages[1].body, im_template(IM_SMART_YES));
	im_thread_free(&t);
}

static void yes_edited_accepts(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	respond(f, id, IM_SMART_YES, "Yes, I'm interested. Call me Tuesday?");
	fx_as(f, "rita");
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->state, IM_STATE_ACCEPTED);
	assert_int_equal(t->response, IM_RESPONSE_SMART_EDITED);
	assert_true(t->can_reply);
	im_thread_free(&t);
}

static void no_as_template_blocks_the_recruiter(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	respond(f, id, IM_SMART_NO, NULL);
	fx_as(f, "rita");
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->state, IM_STATE_DECLINED);
	assert_int_equal(t->response, IM_RESPONSE_SMART_TEMPLATE);
	assert_true(t->blocked);
	assert_false(t->can_reply);
	assert_string_equal(t->reason, blocked_reason);
	size_t before = t->n_messages;
	im_thread_free(&t);

	assert_int_equal(im_reply(f->m, id, IM_SMART_NONE, "Why not?", NULL),
			 IM_ERR_NOT_PERMITTED);
	assert_string_equal(im_model_error(f->m), blocked_reason);
	assert_int_equal(im_followup(f->m, id, "Still there?", NULL),
			 IM_ERR_NOT_PERMITTED);
	t = fx_thread(f, id);
	assert_int_equal(t->n_messages, before);
	im_thread_free(&t);
}

static void no_template_with_spaces_at_the_ends_is_templated(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	respond(f, id, IM_SMART_NO,
		"  \nNo thanks, I'm not interested at this time. \n");
	fx_as(f, "rita");
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->response, IM_RESPONSE_SMART_TEMPLATE);
	assert_false(t->can_reply);
	im_thread_free(&t);
}

static void no_edited_declines_but_allows_reply(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	respond(f, id, IM_SMART_NO,
		"No thanks, I'm not interested at this time. Maybe in 2027.");
	fx_as(f, "rita");
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->state, IM_STATE_DECLINED);
	assert_int_equal(t->response, IM_RESPONSE_SMART_EDITED);
	assert_false(t->blocked);
	assert_true(t->can_reply);
	im_thread_free(&t);
	assert_int_equal(im_reply(f->m, id, IM_SMART_NONE, "Understood!", NULL),
			 IM_OK);
}

static void no_with_a_word_changed_inside_is_edited(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	respond(f, id, IM_SMART_NO, "No thanks, I'm not interested at this moment.");
	fx_as(f, "rita");
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->response, IM_RESPONSE_SMART_EDITED);
	assert_true(t->can_reply);
	im_thread_free(&t);
}

static void custom_response_is_classified_and_stored(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_send(f, "jose");
	int64_t d = fx_send(f, "ana");
	respond(f, a, IM_SMART_NONE, "Sounds great, what's the salary range?");
	fx_as(f, "ana");
	assert_int_equal(im_reply(f->m, d, IM_SMART_NONE,
				  "Please stop messaging me, I'm not interested.",
				  NULL), IM_OK);
	fx_as(f, "rita");
	struct im_thread *t = fx_thread(f, a);
	assert_int_equal(t->response, IM_RESPONSE_CUSTOM);
	assert_int_equal(t->state, IM_STATE_ACCEPTED);
	assert_true(t->messages[1].classified);
	assert_int_equal(t->messages[1].label, IM_LABEL_ACCEPT);
	assert_true(t->messages[1].confidence >= 0.5 &&
		    t->messages[1].confidence <= 1.0);
	assert_true(t->can_reply);
	im_thread_free(&t);
	t = fx_thread(f, d);
	assert_int_equal(t->response, IM_RESPONSE_CUSTOM);
	assert_int_equal(t->state, IM_STATE_DECLINED);
	assert_int_equal(t->messages[1].label, IM_LABEL_DECLINE);
	/* A custom decline never blocks. */
	assert_true(t->can_reply);
	im_thread_free(&t);
}

static void candidate_word_lifts_the_block(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	respond(f, id, IM_SMART_NO, NULL);
	respond(f, id, IM_SMART_NONE, "Actually, what is the team like?");
	fx_as(f, "rita");
	struct im_thread *t = fx_thread(f, id);
	assert_true(t->can_reply);
	assert_false(t->blocked);
	/* The response stays what it was. */
	assert_int_equal(t->state, IM_STATE_DECLINED);
	assert_int_equal(t->response, IM_RESPONSE_SMART_TEMPLATE);
	im_thread_free(&t);
	assert_int_equal(im_reply(f->m, id, IM_SMART_NONE, "Small and kind.", NULL),
			 IM_OK);
}

static void smart_replies_only_while_pending(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	respond(f, id, IM_SMART_YES, NULL);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, id, IM_SMART_NO, NULL, NULL),
			 IM_ERR_NOT_PERMITTED);
	fx_as(f, "rita");
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->state, IM_STATE_ACCEPTED);
	assert_int_equal(t->n_messages, 3); /* InMail, response, system line */
	im_thread_free(&t);
}

static void recruiter_cannot_use_smart_replies(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	assert_int_equal(im_reply(f->m, id, IM_SMART_YES, NULL, NULL),
			 IM_ERR_NOT_PERMITTED);
}

static void recruiter_writing_while_pending_is_a_followup(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	assert_int_equal(im_reply(f->m, id, IM_SMART_NONE, "Any thoughts?", NULL),
			 IM_OK);
	struct im_thread *t = fx_thread(f, id);
	assert_int_equal(t->state, IM_STATE_PENDING);
	assert_int_equal(t->messages[1].kind, IM_KIND_FOLLOWUP);
	im_thread_free(&t);
}

static void later_messages_are_plain_conversation(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_send(f, "jose");
	respond(f, id, IM_SMART_YES, NULL);
	fx_as(f, "rita");
	assert_int_equal(im_reply(f->m, id, IM_SMART_NONE, "Great!", NULL), IM_OK);
	respond(f, id, IM_SMART_NONE, "No, I don't think so after all.");
	struct im_thread *t = fx_thread(f, id);
	/* The state is set by the first response only. */
	assert_int_equal(t->state, IM_STATE_ACCEPTED);
	assert_int_equal(t->messages[3].kind, IM_KIND_MESSAGE);
	assert_false(t->messages[4].classified);
	im_thread_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(yes_as_template_accepts, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(yes_edited_accepts, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(no_as_template_blocks_the_recruiter, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(no_template_with_spaces_at_the_ends_is_templated, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(no_edited_declines_but_allows_reply, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(no_with_a_word_changed_inside_is_edited, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(custom_response_is_classified_and_stored, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(candidate_word_lifts_the_block, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(smart_replies_only_while_pending, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(recruiter_cannot_use_smart_replies, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(recruiter_writing_while_pending_is_a_followup, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(later_messages_are_plain_conversation, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("response", tests, NULL, NULL);
}
