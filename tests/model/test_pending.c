/* SPEC 9: one pending InMail per candidate.  While a recruiter's InMail to
 * a candidate has no response and its 90-day window is open, a new one to
 * them is refused (77), the whole send with it; after a response, or once
 * the window has closed, a new InMail is allowed. */
#include <string.h>

#include "fixture.h"

static enum im_status send_to(struct fx *f, const char *as,
			      const char *const *to, size_t n, int64_t *ids)
{
	struct im_send_request req = {.to = to, .n_to = n, .subject = "Role",
				      .body = "Hello again"};
	fx_as(f, as);
	return im_send(f->m, &req, ids);
}

static enum im_status send_one(struct fx *f, const char *cand)
{
	const char *to[] = {cand};
	return send_to(f, "rita", to, 1, NULL);
}

static void refused_while_pending_nothing_written(void **state)
{
	struct fx *f = *state;
	fx_send(f, "jose");
	fx_at(f, T0 + 3 * IM_DAY);
	assert_int_equal(send_one(f, "jose"), IM_ERR_NOT_PERMITTED);
	assert_string_equal(im_model_error(f->m),
			    "José Müller has not answered your InMail of 1 Jan "
			    "yet; send a follow-up instead");
	assert_int_equal(fx_credits(f, "rita"), 9);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 1);
	fx_as(f, "jose");
	assert_int_equal(fx_count(f, IM_FOLDER_MESSAGES), 1);
	/* What the line advises stays allowed. */
	fx_as(f, "rita");
	struct im_page p;
	assert_int_equal(im_thread_list(f->m, IM_FOLDER_SENT, NULL,
					IM_PAGE_FIRST, NULL, 10, &p), IM_OK);
	assert_int_equal(p.n, 1);
	int64_t id = p.items[0].id;
	im_page_clear(&p);
	assert_int_equal(im_followup(f->m, id, "Any thoughts?", NULL), IM_OK);
	/* Another candidate, and another recruiter to the same one, are not
	 * concerned. */
	assert_int_equal(send_one(f, "ana"), IM_OK);
	assert_int_equal(im_credits_grant(f->m, "carl", 1), IM_OK);
	const char *to[] = {"jose"};
	assert_int_equal(send_to(f, "carl", to, 1, NULL), IM_OK);
}

/* The window is 90 x 24 h inclusive: its last second still holds the
 * InMail pending, the next one frees the candidate. */
static void window_edges(void **state)
{
	struct fx *f = *state;
	fx_send(f, "jose");
	fx_at(f, T0 + 90 * IM_DAY);
	assert_int_equal(send_one(f, "jose"), IM_ERR_NOT_PERMITTED);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 1);
	fx_at(f, T0 + 90 * IM_DAY + 1);
	assert_int_equal(send_one(f, "jose"), IM_OK);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 2);
	/* The new one is pending in its turn. */
	assert_int_equal(send_one(f, "jose"), IM_ERR_NOT_PERMITTED);
	assert_int_equal(fx_credits(f, "rita"), 8);
}

/* Any response frees the candidate at once: accept, a templated decline,
 * a custom message. */
static void allowed_after_a_response(void **state)
{
	struct fx *f = *state;
	static const enum im_smart how[] = {IM_SMART_YES, IM_SMART_NO,
					    IM_SMART_NONE};
	for (size_t i = 0; i < 3; i++) {
		fx_at(f, T0 + (im_time)i * IM_DAY);
		int64_t id = fx_send(f, "ana");
		assert_int_equal(send_one(f, "ana"), IM_ERR_NOT_PERMITTED);
		fx_at(f, T0 + (im_time)i * IM_DAY + 60);
		fx_as(f, "ana");
		assert_int_equal(im_reply(f->m, id, how[i],
					  how[i] == IM_SMART_NONE
						  ? "Not now, thanks." : NULL,
					  NULL), IM_OK);
	}
	assert_int_equal(send_one(f, "ana"), IM_OK);
	fx_as(f, "rita");
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 4);
}

static void several_candidates_refused_naming_them(void **state)
{
	struct fx *f = *state;
	fx_send(f, "jose");
	fx_send(f, "li");
	fx_at(f, T0 + IM_DAY);
	const char *three[] = {"jose", "ana", "li"};
	assert_int_equal(send_to(f, "rita", three, 3, NULL),
			 IM_ERR_NOT_PERMITTED);
	assert_string_equal(im_model_error(f->m),
			    "José Müller, 李小龙 have not answered your InMails "
			    "yet; send follow-ups instead; nothing was sent");
	assert_int_equal(fx_credits(f, "rita"), 8);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 2);
	fx_as(f, "ana");
	assert_int_equal(fx_count(f, IM_FOLDER_MESSAGES), 0);
	/* One of them pending: named alone, nothing sent either. */
	const char *two[] = {"ana", "jose"};
	assert_int_equal(send_to(f, "rita", two, 2, NULL), IM_ERR_NOT_PERMITTED);
	assert_string_equal(im_model_error(f->m),
			    "José Müller has not answered your InMail of 1 Jan "
			    "yet; send a follow-up instead; nothing was sent");
	assert_int_equal(fx_credits(f, "rita"), 8);
	fx_as(f, "ana");
	assert_int_equal(fx_count(f, IM_FOLDER_MESSAGES), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(refused_while_pending_nothing_written, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(window_edges, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(allowed_after_a_response, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(several_candidates_refused_naming_them, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
