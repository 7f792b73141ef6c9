/* SPEC 2-3: folders, per-side archive, unread, notifications, paging. */
#include <stdio.h>
#include <string.h>

#include "fixture.h"

static int64_t first_id(struct fx *f, enum im_folder folder)
{
	struct im_page p;
	assert_int_equal(im_thread_list(f->m, folder, NULL, IM_PAGE_FIRST, NULL,
					10, &p), IM_OK);
	int64_t id = p.n ? p.items[0].id : 0;
	im_page_clear(&p);
	return id;
}

static void recruiter_folders(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_send(f, "jose");
	fx_at(f, T0 + 60);
	int64_t b = fx_send(f, "ana");
	assert_int_equal(fx_count(f, IM_FOLDER_AWAITING), 2);
	assert_int_equal(fx_count(f, IM_FOLDER_INBOX), 0);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 2);
	assert_int_equal(first_id(f, IM_FOLDER_AWAITING), b); /* newest first */
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	fx_as(f, "rita");
	assert_int_equal(fx_count(f, IM_FOLDER_AWAITING), 1);
	assert_int_equal(first_id(f, IM_FOLDER_AWAITING), b);
	assert_int_equal(fx_count(f, IM_FOLDER_INBOX), 1);
	assert_int_equal(first_id(f, IM_FOLDER_INBOX), a);
	assert_int_equal(fx_count(f, IM_FOLDER_SENT), 2);
	assert_false(im_folder_allowed(f->m, IM_FOLDER_MESSAGES));
	struct im_page p;
	assert_int_equal(im_thread_list(f->m, IM_FOLDER_MESSAGES, NULL,
					IM_PAGE_FIRST, NULL, 10, &p),
			 IM_ERR_NOT_PERMITTED);
}

static void archive_is_per_side(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_send(f, "jose");
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	fx_as(f, "rita");
	assert_int_equal(im_archive(f->m, a, true), IM_OK);
	assert_int_equal(fx_count(f, IM_FOLDER_INBOX), 0);
	assert_int_equal(fx_count(f, IM_FOLDER_ARCHIVED), 1);
	fx_as(f, "jose");
	assert_int_equal(fx_count(f, IM_FOLDER_MESSAGES), 1);
	assert_int_equal(fx_count(f, IM_FOLDER_ARCHIVED), 0);
	assert_int_equal(im_archive(f->m, a, true), IM_OK);
	assert_int_equal(fx_count(f, IM_FOLDER_MESSAGES), 0);
	fx_as(f, "rita");
	assert_int_equal(im_archive(f->m, a, false), IM_OK);
	assert_int_equal(fx_count(f, IM_FOLDER_INBOX), 1);
	fx_as(f, "jose");
	assert_int_equal(fx_count(f, IM_FOLDER_ARCHIVED), 1);
}

static void unread_until_looked_at(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_send(f, "jose");
	struct im_thread *t = fx_thread(f, a);
	assert_false(t->unread); /* one's own InMail */
	im_thread_free(&t);
	fx_as(f, "jose");
	t = fx_thread(f, a);
	assert_true(t->unread);
	im_thread_free(&t);
	assert_int_equal(im_thread_get(f->m, a, true, &t), IM_OK);
	assert_true(t->unread); /* as it was before this look */
	im_thread_free(&t);
	t = fx_thread(f, a);
	assert_false(t->unread);
	im_thread_free(&t);
	/* Writing is looking: the writer's side is read. */
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	t = fx_thread(f, a);
	assert_false(t->unread);
	im_thread_free(&t);
	fx_as(f, "rita");
	int64_t total, unread;
	assert_int_equal(im_folder_count(f->m, IM_FOLDER_INBOX, &total, &unread),
			 IM_OK);
	assert_int_equal(unread, 1);
}

/* Mark unread (SPEC 9): unread again for the acting account, until its
 * next look; the other side and the counts follow. */
static void marked_unread_until_the_next_look(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_send(f, "jose");
	/* rita has nothing from jose yet: nothing to read again. */
	assert_int_equal(im_thread_mark_unread(f->m, a), IM_ERR_INVALID);
	assert_non_null(strstr(im_model_error(f->m), "José Müller"));
	fx_as(f, "jose");
	struct im_thread *t = NULL;
	assert_int_equal(im_thread_get(f->m, a, true, &t), IM_OK);
	im_thread_free(&t);
	t = fx_thread(f, a);
	assert_false(t->unread);
	im_thread_free(&t);
	assert_int_equal(im_thread_mark_unread(f->m, a), IM_OK);
	t = fx_thread(f, a);
	assert_true(t->unread);
	im_thread_free(&t);
	int64_t total, unread;
	assert_int_equal(im_folder_count(f->m, IM_FOLDER_MESSAGES, &total,
					 &unread), IM_OK);
	assert_int_equal(unread, 1);
	/* The next look reads it. */
	assert_int_equal(im_thread_get(f->m, a, true, &t), IM_OK);
	im_thread_free(&t);
	assert_int_equal(im_folder_count(f->m, IM_FOLDER_MESSAGES, &total,
					 &unread), IM_OK);
	assert_int_equal(unread, 0);
	/* The recruiter's side, after the answer, and a stranger. */
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	fx_as(f, "rita");
	assert_int_equal(im_thread_get(f->m, a, true, &t), IM_OK);
	im_thread_free(&t);
	assert_int_equal(im_thread_mark_unread(f->m, a), IM_OK);
	assert_int_equal(im_folder_count(f->m, IM_FOLDER_INBOX, &total, &unread),
			 IM_OK);
	assert_int_equal(unread, 1);
	fx_as(f, "ana");
	assert_int_equal(im_thread_mark_unread(f->m, a), IM_ERR_NOT_PERMITTED);
	assert_int_equal(im_thread_mark_unread(f->m, 999), IM_ERR_NOT_FOUND);
}

static void notifications_once_per_thread_with_exact_text(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_send(f, "jose");
	int64_t b = fx_send(f, "ana");
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_NONE,
				  "Yes please, I'd love to chat.", NULL), IM_OK);
	assert_int_equal(im_reply(f->m, a, IM_SMART_NONE, "Hello?", NULL), IM_OK);
	fx_as(f, "ana");
	assert_int_equal(im_reply(f->m, b, IM_SMART_NO, NULL, NULL), IM_OK);
	fx_as(f, "rita");
	struct im_notification *n = NULL;
	size_t count = 0;
	int64_t unread = 0;
	assert_int_equal(im_notification_unread(f->m, &unread), IM_OK);
	assert_int_equal(unread, 2);
	assert_int_equal(im_notification_list(f->m, 0, 50, &n, &count), IM_OK);
	assert_int_equal(count, 2);
	assert_int_equal(n[0].thread, b);
	assert_string_equal(n[0].text, "Candidate Ana Lima declined your message.");
	assert_int_equal(n[1].thread, a);
	assert_string_equal(n[1].text,
			    "Candidate José Müller is interested in starting a "
			    "conversation. Please follow up soon to continue the "
			    "conversation.");
	im_notifications_free(&n, count);
	/* The candidate's view of the thread holds no notification line. */
	fx_as(f, "ana");
	struct im_thread *tc = fx_thread(f, b);
	assert_int_equal(tc->n_messages, 2);
	for (size_t i = 0; i < tc->n_messages; i++)
		assert_int_not_equal(tc->messages[i].kind, IM_KIND_SYSTEM);
	im_thread_free(&tc);
	fx_as(f, "rita");
	/* The same line stands in the recruiter's view of the thread. */
	struct im_thread *t = fx_thread(f, b);
	assert_int_equal(t->messages[2].kind, IM_KIND_SYSTEM);
	assert_string_equal(t->messages[2].body,
			    "Candidate Ana Lima declined your message.");
	im_thread_free(&t);
	/* Opening a thread reads its notification. */
	assert_int_equal(im_thread_get(f->m, b, true, &t), IM_OK);
	im_thread_free(&t);
	assert_int_equal(im_notification_unread(f->m, &unread), IM_OK);
	assert_int_equal(unread, 1);
	assert_int_equal(im_notification_mark_read(f->m, 1, INT64_MAX), IM_OK);
	assert_int_equal(im_notification_unread(f->m, &unread), IM_OK);
	assert_int_equal(unread, 0);
	fx_as(f, "jose");
	assert_int_equal(im_notification_list(f->m, 0, 50, &n, &count),
			 IM_ERR_NOT_PERMITTED);
}

static void pages_walk_both_ways_without_gaps(void **state)
{
	struct fx *f = *state;
	assert_int_equal(im_credits_grant(f->m, "rita", 100), IM_OK);
	int64_t ids[25];
	for (int i = 0; i < 25; i++) {
		/* One candidate each: one pending InMail per candidate
		 * (SPEC 9). */
		char h[8];
		snprintf(h, sizeof h, "c%d", i);
		assert_int_equal(im_account_add(f->m, h, h, IM_ROLE_CANDIDATE, 0),
				 IM_OK);
		/* Pairs share a second, so the id breaks ties. */
		fx_at(f, T0 + (i / 2) * 60);
		ids[i] = fx_send(f, h);
	}
	struct im_page p;
	struct im_cursor at;
	size_t seen = 0;
	int64_t expect = 24;
	assert_int_equal(im_thread_list(f->m, IM_FOLDER_SENT, NULL, IM_PAGE_FIRST,
					NULL, 10, &p), IM_OK);
	while (p.n) {
		for (size_t i = 0; i < p.n; i++, seen++)
			assert_int_equal(p.items[i].id, ids[expect--]);
		at = im_thread_cursor(IM_FOLDER_SENT, &p.items[p.n - 1]);
		im_page_clear(&p);
		assert_int_equal(im_thread_list(f->m, IM_FOLDER_SENT, NULL,
						IM_PAGE_AFTER, &at, 10, &p), IM_OK);
	}
	im_page_clear(&p);
	assert_int_equal(seen, 25);

	assert_int_equal(im_thread_list(f->m, IM_FOLDER_SENT, NULL, IM_PAGE_LAST,
					NULL, 10, &p), IM_OK);
	assert_int_equal(p.n, 10);
	assert_int_equal(p.items[0].id, ids[9]);
	assert_int_equal(p.items[9].id, ids[0]);
	at = im_thread_cursor(IM_FOLDER_SENT, &p.items[0]);
	im_page_clear(&p);
	assert_int_equal(im_thread_list(f->m, IM_FOLDER_SENT, NULL, IM_PAGE_BEFORE,
					&at, 3, &p), IM_OK);
	assert_int_equal(p.n, 3);
	assert_int_equal(p.items[0].id, ids[12]);
	assert_int_equal(p.items[2].id, ids[10]);
	im_page_clear(&p);
}

static void filter_matches_subject_and_name_ignoring_case(void **state)
{
	struct fx *f = *state;
	fx_send(f, "jose");
	fx_send(f, "li");
	struct im_page p;
	fx_as(f, "rita");
	assert_int_equal(im_thread_list(f->m, IM_FOLDER_SENT, "JOSÉ", IM_PAGE_FIRST,
					NULL, 10, &p), IM_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.items[0].candidate.handle, "jose");
	im_page_clear(&p);
	assert_int_equal(im_thread_list(f->m, IM_FOLDER_SENT, "李小", IM_PAGE_FIRST,
					NULL, 10, &p), IM_OK);
	assert_int_equal(p.n, 1);
	im_page_clear(&p);
	assert_int_equal(im_thread_list(f->m, IM_FOLDER_SENT, "senior c",
					IM_PAGE_FIRST, NULL, 10, &p), IM_OK);
	assert_int_equal(p.n, 2);
	im_page_clear(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(recruiter_folders, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(archive_is_per_side, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(unread_until_looked_at, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(marked_unread_until_the_next_look, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(notifications_once_per_thread_with_exact_text, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(pages_walk_both_ways_without_gaps, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(filter_matches_subject_and_name_ignoring_case, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("folders", tests, NULL, NULL);
}
