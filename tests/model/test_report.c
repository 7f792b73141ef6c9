/* SPEC 9: the weekly report at its edges: the week from Monday 00:00:00
 * UTC, responded within 30 days (the last second counts), the rate over
 * the week's decided InMails, the number of weeks. */
#include <string.h>

#include "fixture.h"

/* 2026-01-05, a Monday; T0 (2026-01-01) is a Thursday. */
#define MON (T0 + 4 * IM_DAY)

static int64_t send_to(struct fx *f, const char *cand, im_time at)
{
	fx_at(f, at);
	return fx_send(f, cand);
}

static void reply_at(struct fx *f, const char *cand, int64_t id, im_time at,
		     enum im_smart smart)
{
	fx_at(f, at);
	fx_as(f, cand);
	assert_int_equal(im_reply(f->m, id, smart, NULL, NULL), IM_OK);
	fx_as(f, "rita");
}

static void week_edges(void **state)
{
	struct fx *f = *state;
	assert_int_equal(im_report_week_start(MON), MON);
	assert_int_equal(im_report_week_start(MON - 1), MON - 7 * IM_DAY);
	assert_int_equal(im_report_week_start(MON + 7 * IM_DAY - 1), MON);
	int64_t a = send_to(f, "jose", MON - 1); /* Sunday 23:59:59 */
	int64_t b = send_to(f, "ana", MON);      /* Monday 00:00:00 */
	send_to(f, "li", MON + 7 * IM_DAY - 1);  /* Sunday 23:59:59 */
	/* a: answered at exactly 30 days; b: one second after. */
	reply_at(f, "jose", a, MON - 1 + 30 * IM_DAY, IM_SMART_YES);
	reply_at(f, "ana", b, MON + 30 * IM_DAY + 1, IM_SMART_NO);
	fx_at(f, MON + 40 * IM_DAY);
	struct im_report_week w[7];
	assert_int_equal(im_report_weeks(f->m, 7, w), IM_OK);
	/* The current week is last; MON's week is six weeks back. */
	assert_int_equal(w[6].start, im_report_week_start(MON + 40 * IM_DAY));
	assert_int_equal(w[1].start, MON);
	assert_int_equal(w[0].start, MON - 7 * IM_DAY);
	assert_int_equal(w[0].sent, 1);
	assert_int_equal(w[0].responded, 1);
	assert_int_equal(w[0].accepted, 1);
	assert_true(w[0].has_rate);
	assert_true(w[0].rate == 1.0);
	assert_int_equal(w[1].sent, 2);
	assert_int_equal(w[1].responded, 0);  /* b came a second late */
	assert_int_equal(w[1].declined, 1);
	assert_int_equal(w[1].accepted, 0);
	assert_true(w[1].has_rate); /* b responded, li's is past 30 days */
	assert_true(w[1].rate == 0.0);
	for (int i = 2; i < 7; i++) {
		assert_int_equal(w[i].sent, 0);
		assert_false(w[i].has_rate);
	}
}

static void undecided_has_no_rate(void **state)
{
	struct fx *f = *state;
	int64_t a = send_to(f, "jose", MON);
	send_to(f, "ana", MON + 60);
	fx_at(f, MON + IM_DAY);
	struct im_report_week w[1];
	assert_int_equal(im_report_weeks(f->m, 1, w), IM_OK);
	assert_int_equal(w[0].sent, 2);
	assert_false(w[0].has_rate);
	reply_at(f, "jose", a, MON + 2 * IM_DAY, IM_SMART_YES);
	assert_int_equal(im_report_weeks(f->m, 1, w), IM_OK);
	assert_true(w[0].has_rate);
	assert_true(w[0].rate == 1.0); /* 1 of the 1 decided */
	/* 30 days on, ana's counts as unanswered. */
	fx_at(f, MON + 60 + 30 * IM_DAY + 1);
	struct im_report_week w6[6];
	assert_int_equal(im_report_weeks(f->m, 6, w6), IM_OK);
	assert_int_equal(w6[1].start, MON);
	assert_true(w6[1].rate == 0.5);
}

static void weeks_and_roles(void **state)
{
	struct fx *f = *state;
	struct im_report_week w[1];
	fx_as(f, "rita");
	assert_int_equal(im_report_weeks(f->m, 0, w), IM_ERR_USAGE);
	assert_int_equal(im_report_weeks(f->m, IM_REPORT_MAX_WEEKS + 1, w),
			 IM_ERR_USAGE);
	fx_as(f, "jose");
	assert_int_equal(im_report_weeks(f->m, 1, w), IM_ERR_NOT_PERMITTED);
	/* Another recruiter's InMails are not in mine. */
	send_to(f, "ana", MON);
	fx_as(f, "carl");
	assert_int_equal(im_report_weeks(f->m, 1, w), IM_OK);
	assert_int_equal(w[0].sent, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(week_edges, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(undecided_has_no_rate, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(weeks_and_roles, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
