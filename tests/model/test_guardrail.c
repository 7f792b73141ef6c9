/* SPEC 9: the 13 % guardrail at its edges: the 100th InMail, 13 %
 * exactly, the seventh day, the 14th day of the restriction; one-to-one
 * InMail allowed throughout, and the warning's start recorded once. */
#include <stdio.h>
#include <string.h>

#include "fixture.h"

#define CANDS 240

/* Candidates c000 .. c139, and credits for rita. */
static int setup(void **state)
{
	int rc = fx_setup(state);
	struct fx *f = *state;
	for (int i = 0; rc == 0 && i < CANDS; i++) {
		char h[16], name[24];
		snprintf(h, sizeof h, "c%03d", i);
		snprintf(name, sizeof name, "Cand %03d", i);
		if (im_account_add(f->m, h, name, IM_ROLE_CANDIDATE, 0) != IM_OK)
			rc = -1;
	}
	if (rc == 0 && im_credits_grant(f->m, "rita", 1000) != IM_OK)
		rc = -1;
	return rc;
}

static int64_t ids[CANDS];

/* As rita, one InMail each to c<from> .. c<to - 1>. */
static void send_range(struct fx *f, int from, int to)
{
	fx_as(f, "rita");
	for (int i = from; i < to; i++) {
		char h[16];
		snprintf(h, sizeof h, "c%03d", i);
		const char *list[] = {h};
		struct im_send_request req = {.to = list, .n_to = 1,
					      .subject = "Role", .body = "Hello"};
		assert_int_equal(im_send(f->m, &req, &ids[i]), IM_OK);
	}
}

static void answer(struct fx *f, int from, int to)
{
	for (int i = from; i < to; i++) {
		char h[16];
		snprintf(h, sizeof h, "c%03d", i);
		fx_as(f, h);
		assert_int_equal(im_reply(f->m, ids[i], IM_SMART_YES, NULL, NULL),
				 IM_OK);
	}
	fx_as(f, "rita");
}

static struct im_guardrail guard(struct fx *f)
{
	struct im_guardrail g;
	fx_as(f, "rita");
	assert_int_equal(im_guardrail_get(f->m, &g), IM_OK);
	return g;
}

/* A send to two candidates not yet written to. */
static enum im_status send_two(struct fx *f, int a, int b)
{
	char ha[8], hb[8];
	snprintf(ha, sizeof ha, "c%03d", a);
	snprintf(hb, sizeof hb, "c%03d", b);
	const char *list[] = {ha, hb};
	struct im_send_request req = {.to = list, .n_to = 2, .subject = "Role",
				      .body = "Hello"};
	int64_t out[2];
	fx_as(f, "rita");
	return im_send(f->m, &req, out);
}

static void hundredth_inmail(void **state)
{
	struct fx *f = *state;
	send_range(f, 0, 99);
	struct im_guardrail g = guard(f);
	assert_int_equal(g.state, IM_GUARDRAIL_OK);
	assert_int_equal(g.sent, 99);
	assert_string_equal(im_guardrail_name(g.state), "ok");
	fx_at(f, T0 + 3600);
	send_range(f, 99, 100); /* the 100th: warned from its send */
	fx_at(f, T0 + 7200);
	g = guard(f);
	assert_int_equal(g.state, IM_GUARDRAIL_WARNED);
	assert_int_equal(g.since, T0 + 3600);
	assert_int_equal(g.sent, 100);
	assert_int_equal(g.responded, 0);
	assert_string_equal(im_guardrail_name(g.state), "warned");
	/* Warned is not restricted: a send to several goes. */
	assert_int_equal(send_two(f, 100, 101), IM_OK);
	/* Another look keeps the first moment. */
	fx_at(f, T0 + 9000);
	assert_int_equal(guard(f).since, T0 + 3600);
}

static void thirteen_percent_exactly(void **state)
{
	struct fx *f = *state;
	send_range(f, 0, 13);
	fx_at(f, T0 + 60);
	answer(f, 0, 13);
	send_range(f, 13, 100); /* 13 of 100: not fewer than 13 % */
	struct im_guardrail g = guard(f);
	assert_int_equal(g.sent, 100);
	assert_int_equal(g.state, IM_GUARDRAIL_OK);
	assert_int_equal(g.responded, 13);
	fx_at(f, T0 + 120);
	send_range(f, 100, 101); /* 13 of 101: below */
	g = guard(f);
	assert_int_equal(g.state, IM_GUARDRAIL_WARNED);
	assert_int_equal(g.since, T0 + 120);
}

static void seventh_day(void **state)
{
	struct fx *f = *state;
	send_range(f, 0, 100);
	im_time w = T0;
	assert_int_equal(guard(f).since, w);
	/* One second before 7 x 24 h: still only warned. */
	fx_at(f, w + 7 * IM_DAY - 1);
	struct im_guardrail g = guard(f);
	assert_int_equal(g.state, IM_GUARDRAIL_WARNED);
	assert_int_equal(send_two(f, 100, 101), IM_OK);
	/* At 7 x 24 h, still below: restricted for 14 days. */
	fx_at(f, w + 7 * IM_DAY);
	g = guard(f);
	assert_int_equal(g.state, IM_GUARDRAIL_RESTRICTED);
	assert_int_equal(g.until, w + 21 * IM_DAY);
	assert_string_equal(im_guardrail_name(g.state), "restricted");
	assert_int_equal(send_two(f, 102, 103), IM_ERR_NOT_PERMITTED);
	assert_non_null(strstr(im_model_error(f->m),
			       "restricted until 2026-01-22T00:00:00Z"));
	/* One-to-one stays allowed. */
	send_range(f, 104, 105);
}

static void seventh_day_recovered(void **state)
{
	struct fx *f = *state;
	send_range(f, 0, 100);
	assert_int_equal(guard(f).state, IM_GUARDRAIL_WARNED);
	fx_at(f, T0 + 3 * IM_DAY);
	answer(f, 0, 13); /* back to 13 % */
	fx_at(f, T0 + 7 * IM_DAY);
	struct im_guardrail g = guard(f);
	assert_int_equal(g.state, IM_GUARDRAIL_OK);
	assert_int_equal(g.since, 0);
	assert_int_equal(send_two(f, 100, 101), IM_OK);
}

static void fourteenth_day(void **state)
{
	struct fx *f = *state;
	send_range(f, 0, 100);
	fx_at(f, T0 + 7 * IM_DAY);
	assert_int_equal(guard(f).state, IM_GUARDRAIL_RESTRICTED);
	/* The last second of the 14 days. */
	fx_at(f, T0 + 21 * IM_DAY - 1);
	assert_int_equal(guard(f).state, IM_GUARDRAIL_RESTRICTED);
	assert_int_equal(send_two(f, 100, 101), IM_ERR_NOT_PERMITTED);
	/* Exactly 14 days: lifted; the InMails have left the window. */
	fx_at(f, T0 + 21 * IM_DAY);
	struct im_guardrail g = guard(f);
	assert_int_equal(g.state, IM_GUARDRAIL_OK);
	assert_int_equal(g.sent, 0);
	assert_int_equal(send_two(f, 100, 101), IM_OK);
}

static void restriction_observed_by_a_send(void **state)
{
	struct fx *f = *state;
	send_range(f, 0, 100);
	/* No look in between: the send itself observes the seventh day. */
	fx_at(f, T0 + 8 * IM_DAY);
	assert_int_equal(send_two(f, 100, 101), IM_ERR_NOT_PERMITTED);
	assert_non_null(strstr(im_model_error(f->m), "2026-01-22T00:00:00Z"));
	struct im_guardrail g = guard(f);
	assert_int_equal(g.until, T0 + 21 * IM_DAY);
}

/* Attack2 F1: the seventh day is judged by the measure as of it.  At
 * T0 + 7 d the rate is 12 %; answers after it, before rita's next look,
 * do not cancel the restriction, which runs from the mark. */
static void seventh_day_judged_as_of_the_mark(void **state)
{
	struct fx *f = *state;
	send_range(f, 0, 100);
	answer(f, 0, 12);
	assert_int_equal(guard(f).since, T0);
	/* Nobody looks as rita until T0 + 8 d, when 8 more answer. */
	fx_at(f, T0 + 8 * IM_DAY);
	answer(f, 12, 20);
	struct im_guardrail g = guard(f);
	assert_int_equal(g.state, IM_GUARDRAIL_RESTRICTED);
	assert_int_equal(g.since, T0);
	assert_int_equal(g.until, T0 + 21 * IM_DAY);
	assert_int_equal(send_two(f, 100, 101), IM_ERR_NOT_PERMITTED);
	assert_non_null(strstr(im_model_error(f->m),
			       "restricted until 2026-01-22T00:00:00Z"));
	assert_non_null(strstr(im_model_error(f->m),
			       "14 days to 2026-01-08T00:00:00Z"));
}

/* An answer by the mark counts: 13 of 100 at T0 + 7 d exactly. */
static void seventh_day_answer_at_the_mark(void **state)
{
	struct fx *f = *state;
	send_range(f, 0, 100);
	answer(f, 0, 12);
	assert_int_equal(guard(f).state, IM_GUARDRAIL_WARNED);
	fx_at(f, T0 + 7 * IM_DAY);
	answer(f, 12, 13);
	fx_at(f, T0 + 7 * IM_DAY + 1);
	answer(f, 13, 14); /* after the mark: not what decides */
	fx_at(f, T0 + 9 * IM_DAY);
	struct im_guardrail g = guard(f);
	assert_int_equal(g.state, IM_GUARDRAIL_OK);
	assert_int_equal(send_two(f, 100, 101), IM_OK);
}

/* A recruiter first seen on day 15 is restricted until T0 + 21 d, the
 * whole 14 days from the mark, not 14 days from the look; and one first
 * seen after the restriction would have ended is not restricted. */
static void restriction_runs_from_the_mark(void **state)
{
	struct fx *f = *state;
	send_range(f, 0, 100);
	fx_at(f, T0 + 15 * IM_DAY);
	struct im_guardrail g = guard(f);
	assert_int_equal(g.state, IM_GUARDRAIL_RESTRICTED);
	assert_int_equal(g.until, T0 + 21 * IM_DAY);
	fx_at(f, T0 + 21 * IM_DAY - 1);
	assert_int_equal(send_two(f, 100, 101), IM_ERR_NOT_PERMITTED);
}

static void restriction_passed_unobserved(void **state)
{
	struct fx *f = *state;
	send_range(f, 0, 100);
	fx_at(f, T0 + 30 * IM_DAY);
	struct im_guardrail g = guard(f);
	assert_int_equal(g.state, IM_GUARDRAIL_OK);
	assert_int_equal(g.since, 0);
	assert_int_equal(send_two(f, 100, 101), IM_OK);
}

/* A restriction that ends with the measure (as of its end) still below
 * starts the next warning at that end, not at the next look. */
static void next_warning_from_the_end(void **state)
{
	struct fx *f = *state;
	send_range(f, 0, 100);
	fx_at(f, T0 + 7 * IM_DAY);
	assert_int_equal(guard(f).state, IM_GUARDRAIL_RESTRICTED);
	/* 100 more one-to-one InMails on day 14, none answered. */
	fx_at(f, T0 + 14 * IM_DAY);
	send_range(f, 100, 200);
	fx_at(f, T0 + 24 * IM_DAY);
	struct im_guardrail g = guard(f);
	assert_int_equal(g.state, IM_GUARDRAIL_WARNED);
	assert_int_equal(g.since, T0 + 21 * IM_DAY);
	fx_at(f, T0 + 28 * IM_DAY);
	g = guard(f);
	assert_int_equal(g.state, IM_GUARDRAIL_RESTRICTED);
	assert_int_equal(g.until, T0 + 42 * IM_DAY);
}

/* A dry run of a send to several while restricted is refused as the
 * send is (SPEC 9's --dry-run checks what the send checks), and a dry
 * run to one goes; neither writes. */
static void dry_run_while_restricted(void **state)
{
	struct fx *f = *state;
	send_range(f, 0, 100);
	fx_at(f, T0 + 7 * IM_DAY);
	assert_int_equal(guard(f).state, IM_GUARDRAIL_RESTRICTED);
	struct im_template t = {.name = "g", .subject = "Hi {first_name}",
				.body = "b"};
	assert_int_equal(im_template_add(f->m, &t), IM_OK);
	const char *two[] = {"c100", "c101"};
	struct im_template_send req = {.name = "g", .to = two, .n_to = 2};
	struct im_rendered *r = NULL;
	int days;
	int64_t credits;
	int64_t before = fx_credits(f, "rita");
	assert_int_equal(im_template_dry_run(f->m, &req, &r, &days, &credits),
			 IM_ERR_NOT_PERMITTED);
	char line[512];
	snprintf(line, sizeof line, "%s", im_model_error(f->m));
	assert_non_null(strstr(line, "restricted until 2026-01-22T00:00:00Z"));
	assert_int_equal(im_template_send(f->m, &req, NULL),
			 IM_ERR_NOT_PERMITTED);
	assert_string_equal(im_model_error(f->m), line);
	req.n_to = 1;
	assert_int_equal(im_template_dry_run(f->m, &req, &r, &days, &credits),
			 IM_OK);
	assert_int_equal(credits, before);
	im_rendered_free(&r, 1);
	assert_int_equal(fx_credits(f, "rita"), before);
	fx_as(f, "c100");
	assert_int_equal(fx_count(f, IM_FOLDER_MESSAGES), 0);
}

static void candidates_have_none(void **state)
{
	struct fx *f = *state;
	fx_as(f, "jose");
	struct im_guardrail g;
	assert_int_equal(im_guardrail_get(f->m, &g), IM_ERR_NOT_PERMITTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(hundredth_inmail, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(thirteen_percent_exactly, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(seventh_day, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(seventh_day_recovered, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(fourteenth_day, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(restriction_observed_by_a_send, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(seventh_day_judged_as_of_the_mark, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(seventh_day_answer_at_the_mark, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(restriction_runs_from_the_mark, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(restriction_passed_unobserved, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(next_warning_from_the_end, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(candidates_have_none, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(dry_run_while_restricted, setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
