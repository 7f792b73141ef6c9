/* Folder counts, unread counts and statistics come from tallies kept by
 * the store; here they are checked after every step against the same
 * numbers counted the slow way, straight from the rows, and a version-1
 * database is migrated to them. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "tally_oracle.h"

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

/* The rows through sqlite3 (tally_oracle.h): $N is SQLite's ?N. */
static void *raw_open(struct fx *f)
{
	return open_raw(f);
}

static void raw_close(void *db)
{
	sqlite3_close(db);
}

static sqlite3_stmt *raw_prepare(void *db, const char *sql)
{
	char *q = strdup(sql);
	assert_non_null(q);
	for (char *c = q; *c; c++)
		if (*c == '$')
			*c = '?';
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", q, sqlite3_errmsg(db));
	free(q);
	return st;
}

static int64_t raw_one(void *db, const char *sql, int64_t a, int64_t b,
		       int64_t c)
{
	sqlite3_stmt *st = raw_prepare(db, sql);
	int n = sqlite3_bind_parameter_count(st);
	const int64_t v[] = {a, b, c};
	for (int i = 0; i < n && i < 3; i++)
		sqlite3_bind_int64(st, i + 1, v[i]);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t x = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return x;
}

static void raw_rows(void *db, const char *sql, int n,
		     void (*row)(void *arg, const int64_t *v), void *arg)
{
	sqlite3_stmt *st = raw_prepare(db, sql);
	int64_t v[8];
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < n && i < 8; i++)
			v[i] = sqlite3_column_int64(st, i);
		row(arg, v);
	}
	sqlite3_finalize(st);
}

static const struct tally_raw raw = {raw_open, raw_close, raw_one, raw_rows};

static void check_all(struct fx *f)
{
	tally_check_all(f, &raw);
}

static void counts_stay_exact(void **state)
{
	tally_day_in_the_life(*state, &raw);
}

static void automated_followups_count(void **state)
{
	tally_automated_followups(*state, &raw);
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

static void gen_recounts(void **state)
{
	tally_gen_recounts(*state, &raw);
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
	assert_int_equal(im_credits_allot(f->m, "rita", 3, NULL), IM_OK);
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
