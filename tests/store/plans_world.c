/* The statements both stores' plan tests explain: see plans_world.h. */
#include "plans_world.h"

#include <stdint.h>
#include <stdlib.h>

/* A small world with every kind of row, so each statement gets used. */
static void populate(struct fx *f)
{
	int64_t a = fx_send(f, "jose");
	fx_send(f, "ana");
	fx_as(f, "rita");
	assert_int_equal(im_followup(f->m, a + 1, "Any news?", NULL), IM_OK);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	fx_as(f, "rita");
	assert_int_equal(im_archive(f->m, a, true), IM_OK);
}

/* Every list shape the store knows, on one side. */
static void page_every_way(struct im_store *s, int64_t account,
			   enum im_side side, int archived, int responded,
			   enum im_store_order order)
{
	static const char *const filters[] = {NULL, "jos"};
	for (size_t k = 0; k < 2; k++) {
		struct im_store_folder_query q = {account, side, archived,
						  responded, order, filters[k]};
		struct im_cursor at = {1767225600, 1};
		for (int dir = 0; dir < 4; dir++) {
			struct im_store_thread *rows = NULL;
			size_t n = 0;
			assert_int_equal(im_store_thread_page(s, &q,
				(enum im_page_dir)dir, &at, 20, &rows, &n), IM_OK);
			im_store_threads_free(&rows, n);
		}
		int64_t total, unread;
		assert_int_equal(im_store_folder_count(s, &q, &total, &unread),
				 IM_OK);
	}
}

struct im_store *plans_exercise(struct fx *f)
{
	populate(f);
	struct im_store *s = NULL;
	assert_int_equal(im_store_open(f->path, false, NULL, &s, NULL), IM_OK);
	struct im_account rita = {0}, jose = {0};
	assert_int_equal(im_store_account_by_handle(s, "rita", &rita), IM_OK);
	struct im_account again = {0};
	assert_int_equal(im_store_account_by_id(s, rita.id, &again), IM_OK);
	im_account_clear(&again);
	assert_int_equal(im_store_account_by_handle(s, "jose", &jose), IM_OK);

	/* Reading: the list shapes the model asks for (its folders, in
	 * src/model/thread.c), every direction, with and without search. */
	static const struct {
		enum im_side side;
		int archived, responded;
		enum im_store_order order;
	} shapes[] = {
		{IM_SIDE_RECRUITER, 0, 1, IM_STORE_BY_UPDATED},  /* Inbox */
		{IM_SIDE_RECRUITER, 0, 0, IM_STORE_BY_CREATED},  /* Awaiting */
		{IM_SIDE_RECRUITER, -1, -1, IM_STORE_BY_CREATED}, /* Sent */
		{IM_SIDE_RECRUITER, 1, -1, IM_STORE_BY_UPDATED}, /* Archived */
		{IM_SIDE_CANDIDATE, 0, -1, IM_STORE_BY_UPDATED}, /* Messages */
		{IM_SIDE_CANDIDATE, 1, -1, IM_STORE_BY_UPDATED}, /* Archived */
	};
	for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++)
		page_every_way(s, shapes[i].side == IM_SIDE_RECRUITER ? rita.id
								       : jose.id,
			       shapes[i].side, shapes[i].archived,
			       shapes[i].responded, shapes[i].order);
	struct im_store_thread_counts c;
	assert_int_equal(im_store_thread_counts(s, rita.id, T0 - IM_CREDIT_WINDOW,
						&c), IM_OK);
	struct im_store_rate_counts rc;
	assert_int_equal(im_store_rate_counts(s, rita.id, T0 - IM_RATE_WINDOW,
					      &rc), IM_OK);
	int64_t x;
	assert_int_equal(im_store_notification_unread(s, rita.id, &x), IM_OK);
	struct im_notification *notes = NULL;
	size_t n = 0;
	assert_int_equal(im_store_notification_list(s, rita.id, 0, 50, &notes, &n),
			 IM_OK);
	im_notifications_free(&notes, n);
	struct im_store_thread row = {0};
	assert_int_equal(im_store_thread_get(s, 1, &row), IM_OK);
	im_store_thread_clear(&row);
	struct im_message *msgs = NULL;
	assert_int_equal(im_store_messages(s, 1, &msgs, &n), IM_OK);
	for (size_t i = 0; i < n; i++)
		free(msgs[i].body);
	free(msgs);
	struct im_store_due *due = NULL;
	assert_int_equal(im_store_due_followups(s, IM_SIDE_RECRUITER, rita.id, T0, 10, &due, &n), IM_OK);
	im_store_due_free(&due, n);

	/* Writing, with the triggers that keep the tallies. */
	assert_int_equal(im_store_begin(s), IM_OK);
	struct im_store_message m = {.thread = 2, .sender = rita.id,
				     .side = IM_SIDE_RECRUITER,
				     .kind = IM_KIND_FOLLOWUP, .body = "Bump",
				     .sent_at = T0, .counted = true};
	assert_int_equal(im_store_message_insert(s, &m, NULL), IM_OK);
	assert_int_equal(im_store_thread_respond(s, 2, IM_STATE_ACCEPTED,
		IM_RESPONSE_CUSTOM, T0, false, true), IM_OK);
	assert_int_equal(im_store_rate_settle(s, 2, T0 - IM_RATE_WINDOW), IM_OK);
	assert_int_equal(im_store_thread_set_seen(s, 2, IM_SIDE_CANDIDATE, 9),
			 IM_OK);
	assert_int_equal(im_store_thread_set_archived(s, 2, IM_SIDE_CANDIDATE,
						      true), IM_OK);
	assert_int_equal(im_store_notification_mark_read(s, rita.id, 2), IM_OK);
	assert_int_equal(im_store_notification_mark_range(s, rita.id, 1, INT64_MAX), IM_OK);
	im_store_rollback(s);
	im_account_clear(&rita);
	im_account_clear(&jose);
	return s;
}
