/* Folder counts, unread counts and statistics come from tallies kept by
 * the store; here they are checked after every step against the same
 * numbers counted the slow way, straight from the rows, and a version-1
 * database is migrated to them. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "inmail/gen.h"

static sqlite3 *open_raw(struct fx *f)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	return db;
}

static int64_t one(sqlite3 *db, const char *sql, int64_t a, int64_t b,
		   int64_t c)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_int64(st, 3, c);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

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

/* Every folder of the acting account against a count of the rows. */
static void check_folders(struct fx *f, sqlite3 *db)
{
	const struct im_account *me = im_model_actor(f->m);
	bool rec = me->role == IM_ROLE_RECRUITER;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT recruiter, candidate, archived_by_recruiter,"
		" archived_by_candidate, responded_at IS NOT NULL,"
		" last_from_candidate > seen_by_recruiter,"
		" last_from_recruiter > seen_by_candidate FROM thread", -1, &st,
		NULL), SQLITE_OK);
	int64_t want[IM_FOLDER_COUNT][2] = {{0}};
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct raw_thread t = {
			sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
			sqlite3_column_int(st, 4), sqlite3_column_int(st, 5),
			sqlite3_column_int(st, 6)};
		for (int i = 0; i < IM_FOLDER_COUNT; i++)
			if (in_folder(&t, me->id, rec, (enum im_folder)i)) {
				want[i][0]++;
				want[i][1] += rec ? t.unread_rec : t.unread_cand;
			}
	}
	sqlite3_finalize(st);
	for (int i = 0; i < IM_FOLDER_COUNT; i++) {
		enum im_folder folder = (enum im_folder)i;
		if (!im_folder_allowed(f->m, folder))
			continue;
		int64_t total, unread;
		assert_int_equal(im_folder_count(f->m, folder, &total, &unread),
				 IM_OK);
		if (total != want[i][0] || unread != want[i][1])
			fail_msg("%s folder %s: %lld/%lld, rows say %lld/%lld",
				 me->handle, im_folder_name(folder),
				 (long long)total, (long long)unread,
				 (long long)want[i][0], (long long)want[i][1]);
		/* And the pages hold exactly as many. */
		struct im_page page;
		assert_int_equal(im_thread_list(f->m, folder, NULL, IM_PAGE_FIRST,
						NULL, 1000, &page), IM_OK);
		assert_int_equal((int64_t)page.n, want[i][0]);
		im_page_clear(&page);
	}
}

/* The statistics of a recruiter against the rows (SPEC 3). */
static void check_stats(struct fx *f, sqlite3 *db, const char *handle)
{
	fx_as(f, handle);
	int64_t id = im_model_actor(f->m)->id, now = im_model_now(f->m);
	struct im_stats s;
	assert_int_equal(im_stats_get(f->m, &s), IM_OK);
	const char *th = "SELECT count(*) FROM thread WHERE recruiter = ?1 AND ";
	char sql[512];
#define ROWS(cond) (snprintf(sql, sizeof sql, "%s%s", th, cond), \
		    one(db, sql, id, now, 0))
	assert_int_equal(s.sent, ROWS("1"));
	assert_int_equal(s.accepted, ROWS("state = 1"));
	assert_int_equal(s.declined, ROWS("state = 2"));
	assert_int_equal(s.credited_back, ROWS("refunded"));
	assert_int_equal(s.pending, ROWS("responded_at IS NULL AND "
					  "?2 - created_at <= 90 * 86400"));
	assert_int_equal(s.unanswered, ROWS("responded_at IS NULL AND "
					     "?2 - created_at > 90 * 86400"));
#undef ROWS
	const char *msg = "SELECT count(*) FROM thread t JOIN message m"
			  " ON m.thread = t.id WHERE t.recruiter = ?1"
			  " AND m.kind IN (0, 1) AND ";
#define MSGS(cond) (snprintf(sql, sizeof sql, "%s%s", msg, cond), \
		    one(db, sql, id, now, 30 * 86400))
	assert_int_equal(s.counted_messages, MSGS("1"));
	assert_int_equal(s.responded_messages,
			 MSGS("t.responded_at - m.sent_at <= ?3"));
	assert_int_equal(s.unanswered_messages,
			 MSGS("(t.responded_at - m.sent_at > ?3 OR "
			      "(t.responded_at IS NULL AND ?2 - m.sent_at > ?3))"));
#undef MSGS
}

static void check_all(struct fx *f)
{
	sqlite3 *db = open_raw(f);
	static const char *const who[] = {"rita", "carl", "jose", "ana", "li"};
	for (size_t i = 0; i < sizeof who / sizeof *who; i++) {
		fx_as(f, who[i]);
		check_folders(f, db);
	}
	check_stats(f, db, "rita");
	sqlite3_close(db);
}

static int64_t followup(struct fx *f, int64_t thread)
{
	fx_as(f, "rita");
	return im_followup(f->m, thread, "Any thoughts?", NULL);
}

/* A day in the life: every action that moves a count, checked after
 * each one, and the clock past both windows. */
static void counts_stay_exact(void **state)
{
	struct fx *f = *state;
	check_all(f);
	int64_t a = fx_send(f, "jose");
	check_all(f);
	int64_t b = fx_send(f, "ana");
	int64_t c = fx_send(f, "li");
	check_all(f);
	fx_at(f, T0 + 5 * IM_DAY);
	assert_int_equal(followup(f, a), IM_OK);
	assert_int_equal(followup(f, b), IM_OK);
	check_all(f);
	fx_at(f, T0 + 20 * IM_DAY);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	check_all(f);
	/* A second thread, same pair: once a is answered (SPEC 9). */
	int64_t d = fx_send(f, "jose");
	check_all(f);
	fx_as(f, "ana"); /* templated decline: blocked */
	assert_int_equal(im_reply(f->m, b, IM_SMART_NO, NULL, NULL), IM_OK);
	check_all(f);
	struct im_thread *t = NULL;
	fx_as(f, "rita"); /* seen */
	assert_int_equal(im_thread_get(f->m, a, true, &t), IM_OK);
	im_thread_free(&t);
	check_all(f);
	assert_int_equal(im_reply(f->m, a, IM_SMART_NONE, "Great, a call?",
				  NULL), IM_OK);
	check_all(f);
	assert_int_equal(im_archive(f->m, a, true), IM_OK);
	assert_int_equal(im_archive(f->m, c, true), IM_OK);
	check_all(f);
	fx_as(f, "jose");
	assert_int_equal(im_archive(f->m, a, true), IM_OK);
	check_all(f);
	fx_as(f, "rita");
	assert_int_equal(im_archive(f->m, a, false), IM_OK);
	check_all(f);
	/* Past the rate window, then a late custom response. */
	fx_at(f, T0 + 45 * IM_DAY);
	check_all(f);
	fx_as(f, "li");
	assert_int_equal(im_reply(f->m, c, IM_SMART_NONE,
				  "Not interested, thanks.", NULL), IM_OK);
	check_all(f);
	/* Past the credit window, then a response that refunds nothing. */
	fx_at(f, T0 + 120 * IM_DAY); /* d's 100th day */
	check_all(f);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, d, IM_SMART_NONE, "Sure, let's talk",
				  NULL), IM_OK);
	check_all(f);
	fx_as(f, "ana"); /* writing again lifts the block */
	assert_int_equal(im_reply(f->m, b, IM_SMART_NONE, "Actually, maybe.",
				  NULL), IM_OK);
	check_all(f);
}

static void automated_followups_count(void **state)
{
	struct fx *f = *state;
	const char *to[] = {"jose"};
	struct im_send_request req = {.to = to, .n_to = 1, .subject = "Role",
				      .body = "Hello", .followup_days = 3,
				      .followup_body = "Bump"};
	int64_t id = 0;
	fx_as(f, "rita");
	assert_int_equal(im_send(f->m, &req, &id), IM_OK);
	fx_at(f, T0 + 4 * IM_DAY);
	assert_int_equal(im_model_catch_up(f->m), IM_OK);
	check_all(f);
	fx_at(f, T0 + 40 * IM_DAY);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, id, IM_SMART_YES, NULL, NULL), IM_OK);
	check_all(f);
}

/* A version-1 database (no tallies) is migrated, its counts exact. */
static void version_one_migrates(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_send(f, "jose");
	fx_send(f, "ana");
	fx_at(f, T0 + 2 * IM_DAY);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	im_model_close(&f->m);

	sqlite3 *db = open_raw(f);
	exec(db, "BEGIN");
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT type, name FROM sqlite_schema WHERE type = 'trigger'"
		" OR name LIKE '%tally%'", -1, &st, NULL), SQLITE_OK);
	char drops[4096] = "";
	while (sqlite3_step(st) == SQLITE_ROW) {
		char one_drop[128];
		snprintf(one_drop, sizeof one_drop, "DROP %s %s;",
			 (const char *)sqlite3_column_text(st, 0),
			 (const char *)sqlite3_column_text(st, 1));
		strncat(drops, one_drop, sizeof drops - strlen(drops) - 1);
	}
	sqlite3_finalize(st);
	exec(db, drops);
	exec(db, "PRAGMA user_version = 1; COMMIT");
	assert_int_equal(one(db, "SELECT count(*) FROM sqlite_schema WHERE"
				 " name LIKE '%tally%'", 0, 0, 0), 0);
	sqlite3_close(db);

	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &f->m, NULL),
			 IM_OK);
	/* A new handle has no clock until it is given one. */
	fx_at(f, T0 + 2 * IM_DAY);
	db = open_raw(f);
	assert_int_equal(one(db, "PRAGMA user_version", 0, 0, 0), 5);
	sqlite3_close(db);
	check_all(f);
	fx_as(f, "ana");
	assert_int_equal(im_reply(f->m, a + 1, IM_SMART_NO, NULL, NULL), IM_OK);
	check_all(f);
}

/* A file from before the search index and the guardrail (an older
 * version, or a version 4 file written before them): the upgrade builds
 * the index from the rows, and the guardrail's columns and buckets. */
static void upgrade_fills_search(int version, void **state)
{
	struct fx *f = *state;
	int64_t a = fx_send(f, "jose");
	fx_at(f, T0 + IM_DAY);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_NONE,
				  "Gladly, from Zürich", NULL), IM_OK);
	im_model_close(&f->m);
	sqlite3 *db = open_raw(f);
	char sql[256];
	snprintf(sql, sizeof sql,
		 "BEGIN; DROP TRIGGER search_thread_insert;"
		 " DROP TRIGGER search_thread_delete;"
		 " DROP TRIGGER search_thread_update;"
		 " DROP TRIGGER search_account_name;"
		 " DROP TRIGGER search_message_insert;");
	exec(db, sql);
	exec(db, "DROP TRIGGER search_message_delete;"
		 " DROP TRIGGER search_message_update;"
		 " DROP TABLE thread_fts; DROP TABLE message_fts;"
		 " DROP VIEW thread_text; DROP TABLE sent_day;"
		 " DROP TRIGGER tally_thread_insert; DROP TRIGGER tally_thread_delete;"
		 " DROP TRIGGER tally_thread_outcome;"
		 " ALTER TABLE account DROP COLUMN guardrail_since;"
		 " ALTER TABLE account DROP COLUMN guardrail_until;");
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d; COMMIT", version);
	exec(db, sql);
	sqlite3_close(db);

	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &f->m, NULL),
			 IM_OK);
	fx_at(f, T0 + IM_DAY);
	fx_as(f, "rita");
	struct im_page p;
	assert_int_equal(im_search(f->m, "zurich", 0, 10, &p), IM_OK);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.items[0].id, a);
	im_page_clear(&p);
	assert_int_equal(im_search(f->m, "muller senior", 0, 10, &p), IM_OK);
	assert_int_equal(p.n, 1);
	im_page_clear(&p);
	struct im_guardrail g;
	assert_int_equal(im_guardrail_get(f->m, &g), IM_OK);
	assert_int_equal(g.state, IM_GUARDRAIL_OK);
	assert_int_equal(g.sent, 1);
	assert_int_equal(g.responded, 1);
	db = open_raw(f);
	assert_int_equal(one(db, "PRAGMA user_version", 0, 0, 0), 5);
	sqlite3_close(db);
	check_all(f);
	/* And the index is kept from there on. */
	fx_send(f, "ana");
	assert_int_equal(im_search(f->m, "lima", 0, 10, &p), IM_OK);
	assert_int_equal(p.n, 1);
	im_page_clear(&p);
}

static void upgrade_from_three_fills_search(void **state)
{
	upgrade_fills_search(3, state);
}

static void early_version_four_fills_search(void **state)
{
	upgrade_fills_search(4, state);
}

/* Another program writing the rows (the sqlite3 shell) keeps them too. */
static void raw_writes_keep_counts(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_send(f, "jose");
	sqlite3 *db = open_raw(f);
	exec(db, "UPDATE thread SET archived_by_candidate = 1,"
		 " seen_by_candidate = last_from_recruiter");
	sqlite3_close(db);
	(void)a;
	check_all(f);
}

/* gen loads without triggers and recounts at the end. */
static void gen_recounts(void **state)
{
	struct fx *f = *state;
	struct im_gen_params p = {.recruiters = 3, .candidates = 20,
				  .threads = 300, .messages = 1500, .seed = 7};
	fx_at(f, T0 + 800 * IM_DAY);
	assert_int_equal(im_gen(f->m, &p), IM_OK);
	sqlite3 *db = open_raw(f);
	static const char *const who[] = {"rec00001", "rec00002", "cand000001",
					  "cand000007"};
	for (size_t i = 0; i < sizeof who / sizeof *who; i++) {
		fx_as(f, who[i]);
		check_folders(f, db);
	}
	check_stats(f, db, "rec00001");
	check_stats(f, db, "rec00003");
	sqlite3_close(db);
}

/* The ledger's sum for an account from the rows, against its balance. */
static void check_ledger(sqlite3 *db, const char *handle)
{
	int64_t id = 0;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM account WHERE"
					    " handle = ?", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, handle, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	assert_int_equal(one(db, "SELECT coalesce(sum(amount), 0) FROM ledger"
			     " WHERE account = ?1", id, 0, 0),
			 one(db, "SELECT credits FROM account WHERE id = ?1", id,
			     0, 0));
}

/* A version 4 file (before the ledger) gains it: an opening row per
 * recruiter equal to its balance, at the latest time the file holds, so
 * the balance is the sum of its ledger from then on. */
static void version_four_gains_the_ledger(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_send(f, "jose");
	fx_at(f, T0 + 3 * IM_DAY);
	fx_as(f, "jose");
	assert_int_equal(im_reply(f->m, a, IM_SMART_YES, NULL, NULL), IM_OK);
	fx_at(f, T0 + 4 * IM_DAY);
	fx_send(f, "ana");
	assert_int_equal(im_credits_grant(f->m, "carl", 7), IM_OK);
	im_model_close(&f->m);
	sqlite3 *db = open_raw(f);
	exec(db, "BEGIN; DROP TABLE ledger; DROP TABLE allotment;"
		 " PRAGMA user_version = 4; COMMIT");
	assert_int_equal(one(db, "SELECT count(*) FROM sqlite_schema WHERE"
				 " name LIKE 'ledger%'", 0, 0, 0), 0);
	sqlite3_close(db);

	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &f->m, NULL),
			 IM_OK);
	db = open_raw(f);
	assert_int_equal(one(db, "PRAGMA user_version", 0, 0, 0), 5);
	/* rita 9, carl 7: one opening row each, at T0 + 4 d; none for a
	 * candidate. */
	assert_int_equal(one(db, "SELECT count(*) FROM ledger", 0, 0, 0), 2);
	assert_int_equal(one(db, "SELECT count(*) FROM ledger WHERE kind = ?1"
			     " AND at = ?2 AND thread IS NULL", IM_LEDGER_OPENING,
			     T0 + 4 * IM_DAY, 0), 2);
	check_ledger(db, "rita");
	check_ledger(db, "carl");
	check_ledger(db, "jose");
	/* Reopening changes nothing. */
	sqlite3_close(db);
	im_model_close(&f->m);
	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &f->m, NULL),
			 IM_OK);
	db = open_raw(f);
	assert_int_equal(one(db, "SELECT count(*) FROM ledger", 0, 0, 0), 2);
	/* And every change from there is in it: a spend, an allotment. */
	fx_at(f, T0 + 5 * IM_DAY);
	fx_send(f, "li");
	assert_int_equal(im_credits_allot(f->m, "rita", 3), IM_OK);
	fx_at(f, T0 + 31 * IM_DAY);
	fx_as(f, "rita");
	assert_int_equal(im_model_catch_up(f->m), IM_OK);
	check_ledger(db, "rita");
	assert_int_equal(one(db, "SELECT credits FROM account WHERE handle ="
			     " 'rita'", 0, 0, 0), 8 + 3);
	struct im_credit_history h;
	assert_int_equal(im_credits_history(f->m, NULL, &h), IM_OK);
	assert_int_equal(h.n, 3);
	assert_int_equal(h.entries[0].kind, IM_LEDGER_OPENING);
	assert_int_equal(h.entries[0].amount, 9);
	assert_int_equal(h.entries[2].balance, h.credits);
	im_credit_history_clear(&h);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(counts_stay_exact, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(automated_followups_count,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(upgrade_from_three_fills_search,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(early_version_four_fills_search,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(version_one_migrates, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(raw_writes_keep_counts,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(gen_recounts, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(version_four_gains_the_ledger,
						fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
