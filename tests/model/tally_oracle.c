/* The tally checks both stores share: see tally_oracle.h. */
#include "tally_oracle.h"

#include <stdio.h>
#include <string.h>

#include "inmail/gen.h"

/* Whether SPEC 3 puts a thread in a folder of account me, written from
 * the SPEC's words, not from the store's or the model's code: a
 * recruiter's Inbox holds the threads with candidate activity (a
 * response), Awaiting Reply those without one, Sent every InMail; a
 * candidate's Messages every thread; Archived what that side archived;
 * archiving hides a thread from its own side's other folders only
 * (Sent keeps everything). */
struct raw_thread {
	int64_t recruiter, candidate;
	bool archived_rec, archived_cand, responded;
	bool unread_rec, unread_cand;
};

static bool in_folder(const struct raw_thread *t, int64_t me, bool rec,
		      enum im_folder folder)
{
	if (rec ? t->recruiter != me : t->candidate != me)
		return false;
	bool archived = rec ? t->archived_rec : t->archived_cand;
	switch (folder) {
	case IM_FOLDER_INBOX:
		return rec && !archived && t->responded;
	case IM_FOLDER_AWAITING:
		return rec && !archived && !t->responded;
	case IM_FOLDER_SENT:
		return rec;
	case IM_FOLDER_ARCHIVED:
		return archived;
	case IM_FOLDER_MESSAGES:
		return !rec && !archived;
	}
	return false;
}

struct folder_count {
	int64_t me;
	bool rec;
	int64_t want[IM_FOLDER_COUNT][2];
};

static void count_thread(void *arg, const int64_t *v)
{
	struct folder_count *c = arg;
	struct raw_thread t = {v[0], v[1], v[2], v[3], v[4], v[5], v[6]};
	for (int i = 0; i < IM_FOLDER_COUNT; i++)
		if (in_folder(&t, c->me, c->rec, (enum im_folder)i)) {
			c->want[i][0]++;
			c->want[i][1] += c->rec ? t.unread_rec : t.unread_cand;
		}
}

void tally_check_folders(struct fx *f, const struct tally_raw *raw, void *db)
{
	const struct im_account *me = im_model_actor(f->m);
	struct folder_count c = {.me = me->id,
				 .rec = me->role == IM_ROLE_RECRUITER};
	raw->rows(db,
		"SELECT recruiter, candidate,"
		" CASE WHEN archived_by_recruiter THEN 1 ELSE 0 END,"
		" CASE WHEN archived_by_candidate THEN 1 ELSE 0 END,"
		" CASE WHEN responded_at IS NOT NULL THEN 1 ELSE 0 END,"
		" CASE WHEN last_from_candidate > seen_by_recruiter THEN 1 ELSE 0 END,"
		" CASE WHEN last_from_recruiter > seen_by_candidate THEN 1 ELSE 0 END"
		" FROM thread", 7, count_thread, &c);
	for (int i = 0; i < IM_FOLDER_COUNT; i++) {
		enum im_folder folder = (enum im_folder)i;
		if (!im_folder_allowed(f->m, folder))
			continue;
		int64_t total, unread;
		assert_int_equal(im_folder_count(f->m, folder, &total, &unread),
				 IM_OK);
		if (total != c.want[i][0] || unread != c.want[i][1])
			fail_msg("%s folder %s: %lld/%lld, rows say %lld/%lld",
				 me->handle, im_folder_name(folder),
				 (long long)total, (long long)unread,
				 (long long)c.want[i][0], (long long)c.want[i][1]);
		/* And the pages hold exactly as many. */
		struct im_page page;
		assert_int_equal(im_thread_list(f->m, folder, NULL, IM_PAGE_FIRST,
						NULL, 1000, &page), IM_OK);
		assert_int_equal((int64_t)page.n, c.want[i][0]);
		im_page_clear(&page);
	}
}

void tally_check_stats(struct fx *f, const struct tally_raw *raw, void *db,
		       const char *handle)
{
	fx_as(f, handle);
	int64_t id = im_model_actor(f->m)->id, now = im_model_now(f->m);
	struct im_stats s;
	assert_int_equal(im_stats_get(f->m, &s), IM_OK);
	const char *th = "SELECT count(*) FROM thread WHERE recruiter = $1 AND ";
	char sql[512];
#define ROWS(cond) (snprintf(sql, sizeof sql, "%s%s", th, cond), \
		    raw->one(db, sql, id, now, 0))
	assert_int_equal(s.sent, ROWS("1 = 1"));
	assert_int_equal(s.accepted, ROWS("state = 1"));
	assert_int_equal(s.declined, ROWS("state = 2"));
	assert_int_equal(s.credited_back, ROWS("refunded"));
	assert_int_equal(s.pending, ROWS("responded_at IS NULL AND "
					  "$2 - created_at <= 90 * 86400"));
	assert_int_equal(s.unanswered, ROWS("responded_at IS NULL AND "
					     "$2 - created_at > 90 * 86400"));
#undef ROWS
	const char *msg = "SELECT count(*) FROM thread t JOIN message m"
			  " ON m.thread = t.id WHERE t.recruiter = $1"
			  " AND m.kind IN (0, 1) AND ";
#define MSGS(cond) (snprintf(sql, sizeof sql, "%s%s", msg, cond), \
		    raw->one(db, sql, id, now, 30 * 86400))
	assert_int_equal(s.counted_messages, MSGS("1 = 1"));
	assert_int_equal(s.responded_messages,
			 MSGS("t.responded_at - m.sent_at <= $3"));
	assert_int_equal(s.unanswered_messages,
			 MSGS("(t.responded_at - m.sent_at > $3 OR "
			      "(t.responded_at IS NULL AND $2 - m.sent_at > $3))"));
#undef MSGS
}

void tally_check_all(struct fx *f, const struct tally_raw *raw)
{
	void *db = raw->open(f);
	static const char *const who[] = {"rita", "carl", "jose", "ana", "li"};
	for (size_t i = 0; i < sizeof who / sizeof *who; i++) {
		fx_as(f, who[i]);
		tally_check_folders(f, raw, db);
	}
	tally_check_stats(f, raw, db, "rita");
	raw->close(db);
}

static int64_t followup(struct fx *f, int64_t thread)
{
	fx_as(f, "rita");
	return im_followup(f->m, thread, "Any thoughts?", NULL);
}

void tally_day_in_the_life(struct fx *f, const struct tally_raw *raw)
{
	tally_check_all(f, raw);
	int64_t a = fx_send(f, "jose");
	tally_check_all(f, raw);
	int64_t b = fx_send(f, "ana");
	int64_t c = fx_send(f, "li");
	tally_check_all(f, raw);
	fx_at(f, T0 + 5 * IM_DAY);
	assert_int_equal(followup(f, a), IM_OK);
	assert_int_equal(followup(f, b), IM_OK);
	tally_check_all(f, raw);
	fx_at(f, T0 + 20 * IM_DAY);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	tally_check_all(f, raw);
	/* A second thread, same pair: once a is answered (SPEC 9). */
	int64_t d = fx_send(f, "jose");
	tally_check_all(f, raw);
	fx_as(f, "ana"); /* templated decline: blocked */
	assert_int_equal(im_reply(f->m, b, IM_SMART_NO, NULL, NULL), IM_OK);
	tally_check_all(f, raw);
	struct im_thread *t = NULL;
	fx_as(f, "rita"); /* seen */
	assert_int_equal(im_thread_get(f->m, a, true, &t), IM_OK);
	im_thread_free(&t);
	tally_check_all(f, raw);
	assert_int_equal(im_reply(f->m, a, IM_SMART_NONE, "Great, a call?",
				  NULL), IM_OK);
	tally_check_all(f, raw);
	assert_int_equal(im_archive(f->m, a, true), IM_OK);
	assert_int_equal(im_archive(f->m, c, true), IM_OK);
	tally_check_all(f, raw);
	fx_as(f, "jose");
	assert_int_equal(im_archive(f->m, a, true), IM_OK);
	tally_check_all(f, raw);
	fx_as(f, "rita");
	assert_int_equal(im_archive(f->m, a, false), IM_OK);
	tally_check_all(f, raw);
	/* Past the rate window, then a late custom response. */
	fx_at(f, T0 + 45 * IM_DAY);
	tally_check_all(f, raw);
	fx_as(f, "li");
	assert_int_equal(im_reply(f->m, c, IM_SMART_NONE,
				  "Not interested, thanks.", NULL), IM_OK);
	tally_check_all(f, raw);
	/* Past the credit window, then a response that refunds nothing. */
	fx_at(f, T0 + 120 * IM_DAY); /* d's 100th day */
	tally_check_all(f, raw);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, d, IM_SMART_NONE, "Sure, let's talk",
				  NULL), IM_OK);
	tally_check_all(f, raw);
	fx_as(f, "ana"); /* writing again lifts the block */
	assert_int_equal(im_reply(f->m, b, IM_SMART_NONE, "Actually, maybe.",
				  NULL), IM_OK);
	tally_check_all(f, raw);
}

void tally_automated_followups(struct fx *f, const struct tally_raw *raw)
{
	const char *to[] = {"jose"};
	struct im_send_request req = {.to = to, .n_to = 1, .subject = "Role",
				      .body = "Hello", .followup_days = 3,
				      .followup_body = "Bump"};
	int64_t id = 0;
	fx_as(f, "rita");
	assert_int_equal(im_send(f->m, &req, &id), IM_OK);
	fx_at(f, T0 + 4 * IM_DAY);
	assert_int_equal(im_model_catch_up(f->m), IM_OK);
	tally_check_all(f, raw);
	fx_at(f, T0 + 40 * IM_DAY);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, id, IM_SMART_YES, NULL, NULL), IM_OK);
	tally_check_all(f, raw);
}

void tally_gen_recounts(struct fx *f, const struct tally_raw *raw)
{
	struct im_gen_params p = {.recruiters = 3, .candidates = 20,
				  .threads = 300, .messages = 1500, .seed = 7};
	fx_at(f, T0 + 800 * IM_DAY);
	assert_int_equal(im_gen(f->m, &p), IM_OK);
	void *db = raw->open(f);
	static const char *const who[] = {"rec00001", "rec00002", "cand000001",
					  "cand000007"};
	for (size_t i = 0; i < sizeof who / sizeof *who; i++) {
		fx_as(f, who[i]);
		tally_check_folders(f, raw, db);
	}
	tally_check_stats(f, raw, db, "rec00001");
	tally_check_stats(f, raw, db, "rec00003");
	raw->close(db);
}
