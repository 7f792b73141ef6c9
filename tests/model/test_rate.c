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

/* The windows move by the second, whatever the day buckets behind the
 * counts: InMails and follow-ups sent at odd hours, some answered, and
 * the clock swept across every boundary second; each reading against a
 * count made here from SPEC 3's words. */
struct sent_msg {
	im_time at;
	int64_t thread;
};

static void windows_move_by_the_second(void **state)
{
	struct fx *f = *state;
	static const char *const cands[] = {"jose", "ana", "li"};
	struct sent_msg msgs[16];
	size_t n = 0;
	im_time created[3], responded[3] = {0, 0, 0};
	int64_t ids[3];
	for (int i = 0; i < 3; i++) {
		created[i] = T0 + i * 86400 * 2 + 3600 * 7 + i * 611;
		fx_at(f, created[i]);
		ids[i] = fx_send(f, cands[i]);
		msgs[n++] = (struct sent_msg){created[i], ids[i]};
	}
	/* Follow-ups at 23:59:59 and 00:00:00 of later days. */
	im_time fu[] = {T0 + 5 * 86400 - 1, T0 + 5 * 86400, T0 + 9 * 86400 + 43210};
	for (int k = 0; k < 3; k++) {
		fx_at(f, fu[k]);
		fx_as(f, "rita");
		assert_int_equal(im_followup(f->m, ids[k % 2], "Any news?", NULL),
				 IM_OK);
		msgs[n++] = (struct sent_msg){fu[k], ids[k % 2]};
	}
	/* ana answers 31 days after her InMail: one in window, one late. */
	responded[1] = created[1] + 31 * 86400;
	fx_at(f, responded[1]);
	fx_as(f, "ana");
	assert_int_equal(im_reply(f->m, ids[1], IM_SMART_YES, NULL, NULL), IM_OK);

	im_time edges[64];
	size_t ne = 0;
	for (size_t i = 0; i < n; i++)
		for (int d = -1; d <= 1; d++)
			edges[ne++] = msgs[i].at + 30 * 86400 + d;
	for (int i = 0; i < 3; i++)
		for (int d = -1; d <= 1; d++)
			edges[ne++] = created[i] + 90 * 86400 + d;
	for (size_t e = 0; e < ne; e++) {
		im_time now = edges[e];
		if (now < responded[1])
			continue;
		int64_t want_resp = 0, want_unans = 0;
		for (size_t i = 0; i < n; i++) {
			int c = msgs[i].thread == ids[0] ? 0
				: msgs[i].thread == ids[1] ? 1 : 2;
			if (responded[c] && responded[c] - msgs[i].at <= 30 * 86400)
				want_resp++;
			else if (responded[c] || now - msgs[i].at > 30 * 86400)
				want_unans++;
		}
		int64_t want_pending = 0, want_unans_t = 0;
		for (int c = 0; c < 3; c++)
			if (!responded[c] && now - created[c] <= 90 * 86400)
				want_pending++;
			else if (!responded[c])
				want_unans_t++;
		fx_at(f, now);
		fx_as(f, "rita");
		struct im_stats st;
		assert_int_equal(im_stats_get(f->m, &st), IM_OK);
		if (st.responded_messages != want_resp ||
		    st.unanswered_messages != want_unans ||
		    st.pending != want_pending || st.unanswered != want_unans_t)
			fail_msg("at %lld: rate %lld/%lld (want %lld/%lld), "
				 "threads %lld/%lld (want %lld/%lld)",
				 (long long)now, (long long)st.responded_messages,
				 (long long)st.unanswered_messages,
				 (long long)want_resp, (long long)want_unans,
				 (long long)st.pending, (long long)st.unanswered,
				 (long long)want_pending, (long long)want_unans_t);
		assert_int_equal(st.counted_messages, (int64_t)n);
	}
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
		cmocka_unit_test_setup_teardown(windows_move_by_the_second, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("rate", tests, NULL, NULL);
}
