/* What only the PostgreSQL driver has (issue 14, SPEC 7): another
 * session's commit is seen (LISTEN/NOTIFY), a serialization failure says
 * its SQLSTATE (40001) for the whole change to be retried, a change that
 * waits on another's row lock gives up after begin_within's wait, a
 * missing schema is refused without create and a newer one left
 * untouched, an unreachable server is said so in one line.  Runs under
 * tests/pg/pg_server.sh with INMAIL_TEST_PG=1; 77 without a server. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "store.h"

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Runs sql on the test's database as the server's superuser; the first
 * value of its result (malloc'd), or NULL for none. */
static char *admin_value(struct fx *f, const char *sql)
{
	char info[160];
	snprintf(info, sizeof info, "dbname=%s user=%s", f->dir,
		 getenv("INMAIL_PG_SUPER"));
	PGconn *c = PQconnectdb(info);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	PQsetNoticeProcessor(c, quiet, NULL);
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK &&
	    PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	char *v = PQntuples(r) > 0 && PQnfields(r) > 0
			  ? strdup(PQgetvalue(r, 0, 0)) : NULL;
	PQclear(r);
	PQfinish(c);
	return v;
}

static void admin(struct fx *f, const char *sql)
{
	free(admin_value(f, sql));
}

/* A change of a balance as the model makes it: with its ledger row
 * (SPEC 9), or the server refuses the commit. */
static enum im_status add_credits(struct im_store *s, int64_t account,
				  int64_t delta)
{
	enum im_status st = im_store_credits_add(s, account, delta);
	if (st == IM_OK)
		st = im_store_ledger_add(s, account, IM_LEDGER_GRANT, delta, 0,
					 T0);
	return st;
}

static struct im_store *open_store(struct fx *f)
{
	struct im_store *s = NULL;
	char *err = NULL;
	if (im_store_open(f->path, false, NULL, &s, &err) != IM_OK)
		fail_msg("%s", err ? err : "?");
	return s;
}

static int64_t account_id(struct im_store *s, const char *handle)
{
	struct im_account a = {0};
	assert_int_equal(im_store_account_by_handle(s, handle, &a), IM_OK);
	int64_t id = a.id;
	im_account_clear(&a);
	return id;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Another session's commit shows within 250 ms (SPEC 7); our own and
 * a read do not count. */
static void another_session_is_seen(void **state)
{
	struct fx *f = *state;
	struct im_model *other = NULL;
	assert_int_equal(im_model_open(f->path, IM_OPEN_EXISTING, &other, NULL),
			 IM_OK);
	assert_false(im_model_changed(other));
	fx_send(f, "jose");
	double start = now_ms();
	bool seen = false;
	while (!seen && now_ms() - start < 250) {
		seen = im_model_changed(other);
		if (!seen)
			usleep(2000);
	}
	assert_true(seen);
	assert_false(im_model_changed(other));
	/* Its own change is not another's. */
	im_model_set_now(other, T0);
	assert_int_equal(im_model_set_actor(other, "rita"), IM_OK);
	const char *to[] = {"ana"};
	struct im_send_request req = {.to = to, .n_to = 1, .subject = "Hi",
				      .body = "Hello"};
	int64_t id = 0;
	assert_int_equal(im_send(other, &req, &id), IM_OK);
	usleep(100000);
	assert_false(im_model_changed(other));
	im_model_close(&other);
}

/* A person connected as their own login (a password, as at another
 * machine) reads under the policies: their own threads, not another's;
 * and hears of a change to their threads on their own channel, not of
 * another's. */
static void a_person_sees_their_own(void **state)
{
	struct fx *f = *state;
	/* user add made the login (SPEC 7); a password is the DBA's. */
	admin(f, "ALTER ROLE jose PASSWORD 'jose-pw'");
	int64_t mine = fx_send(f, "jose");
	int64_t theirs = fx_send(f, "ana");
	char info[160];
	snprintf(info, sizeof info, "pg:dbname=%s user=jose password=jose-pw",
		 f->dir);
	struct im_store *s = NULL;
	char *err = NULL;
	if (im_store_open(info, false, NULL, &s, &err) != IM_OK)
		fail_msg("%s", err);
	struct im_store_thread row = {0};
	assert_int_equal(im_store_thread_get(s, mine, &row), IM_OK);
	assert_string_equal(row.t.candidate.handle, "jose");
	im_store_thread_clear(&row);
	/* Another's thread is hidden, and said to be there (SPEC 1's "not
	 * permitted", not "no such thread"); one that is not there is not. */
	assert_int_equal(im_store_thread_get(s, theirs, &row),
			 IM_ERR_NOT_PERMITTED);
	assert_int_equal(im_store_thread_get(s, theirs + 100, &row),
			 IM_ERR_NOT_FOUND);
	/* Others' balances read as 0. */
	struct im_account a = {0};
	assert_int_equal(im_store_account_by_handle(s, "rita", &a), IM_OK);
	assert_int_equal(a.credits, 0);
	im_account_clear(&a);
	assert_false(im_store_changed(s));
	/* Another's new thread (ana's InMail is pending: li's, SPEC 9),
	 * then a change to jose's own: a follow-up in it. */
	fx_send(f, "li");
	usleep(150000);
	assert_false(im_store_changed(s));
	assert_int_equal(im_followup(f->m, mine, "Any thoughts?", NULL), IM_OK);
	double start = now_ms();
	bool seen = false;
	while (!seen && now_ms() - start < 250) {
		seen = im_store_changed(s);
		if (!seen)
			usleep(2000);
	}
	assert_true(seen);
	im_store_close(&s);
	admin(f, "DROP OWNED BY jose; DROP ROLE jose");
}

/* Whether a statement reading accounts was prepared on the connection. */
static void note_account_read(void *arg, const char *sql, const char *plan)
{
	(void)plan;
	if (strstr(sql, "FROM account a"))
		*(bool *)arg = true;
}

static void account_is(const struct im_account *a, int64_t id,
		       const char *handle, int64_t credits)
{
	assert_int_equal(a->id, id);
	assert_string_equal(a->handle, handle);
	assert_string_equal(a->name, "Rita Recruiter");
	assert_int_equal(a->role, IM_ROLE_RECRUITER);
	assert_int_equal(a->credits, credits);
}

/* The open reads a person's own account with the session (pg.c,
 * open_fast): the model's first reads of who is acting (by handle, then
 * by id) are answered from it without a statement, as a query would
 * answer them; once the connection has sent anything else, or in a
 * transaction, they are read again, so a balance that changed since is
 * never answered from the open. */
static void a_persons_first_reads_of_themselves(void **state)
{
	struct fx *f = *state;
	admin(f, "ALTER ROLE rita PASSWORD 'rita-pw'");
	char *v = admin_value(f, "SELECT id FROM inmail.account"
				 " WHERE handle = 'rita'");
	int64_t id = strtoll(v, NULL, 10);
	free(v);
	int64_t credits = fx_credits(f, "rita");
	char info[160];
	snprintf(info, sizeof info, "pg:dbname=%s user=rita password=rita-pw",
		 f->dir);
	struct im_store *s = NULL;
	assert_int_equal(im_store_open(info, false, NULL, &s, NULL), IM_OK);
	struct im_account a = {0};
	assert_int_equal(im_store_account_by_handle(s, "rita", &a), IM_OK);
	account_is(&a, id, "rita", credits);
	im_account_clear(&a);
	assert_int_equal(im_store_account_by_id(s, id, &a), IM_OK);
	account_is(&a, id, "rita", credits);
	im_account_clear(&a);
	bool read = false;
	assert_int_equal(im_store_plans(s, note_account_read, &read), IM_OK);
	assert_false(read);
	im_store_close(&s);
	/* Another account is read; the balance changes meanwhile: read
	 * again, never the open's. */
	assert_int_equal(im_store_open(info, false, NULL, &s, NULL), IM_OK);
	assert_int_equal(im_store_account_by_handle(s, "jose", &a), IM_OK);
	im_account_clear(&a);
	admin(f, "SELECT inmail.credits_grant((SELECT id FROM inmail.account"
		 " WHERE handle = 'rita'), 5)");
	assert_int_equal(im_store_account_by_id(s, id, &a), IM_OK);
	account_is(&a, id, "rita", credits + 5);
	im_account_clear(&a);
	assert_int_equal(im_store_account_by_handle(s, "rita", &a), IM_OK);
	account_is(&a, id, "rita", credits + 5);
	im_account_clear(&a);
	im_store_close(&s);
	/* In a transaction, from its snapshot. */
	assert_int_equal(im_store_open(info, false, NULL, &s, NULL), IM_OK);
	admin(f, "SELECT inmail.credits_grant((SELECT id FROM inmail.account"
		 " WHERE handle = 'rita'), 1)");
	assert_int_equal(im_store_begin_read(s), IM_OK);
	assert_int_equal(im_store_account_by_id(s, id, &a), IM_OK);
	account_is(&a, id, "rita", credits + 6);
	im_account_clear(&a);
	im_store_end_read(s);
	im_store_close(&s);
	admin(f, "DROP OWNED BY rita; DROP ROLE rita");
}

/* A person's model on their own login. */
static struct im_model *as_person(struct fx *f, const char *handle,
				  im_time now)
{
	char info[160];
	snprintf(info, sizeof info, "pg:dbname=%s user=%s password=%s-pw",
		 f->dir, handle, handle);
	struct im_model *m = NULL;
	char *err = NULL;
	if (im_model_open(info, IM_OPEN_EXISTING, &m, &err) != IM_OK)
		fail_msg("%s", err);
	im_model_set_now(m, now);
	assert_int_equal(im_model_set_actor(m, handle), IM_OK);
	return m;
}

/* SPEC 1-3 between two people at their own logins, every cross-account
 * effect through the schema's definer functions: the InMail spends a
 * credit (inmail.spend), the automated follow-up is sent by the
 * candidate's catch-up (inmail.send_due_followup), the response gives
 * the credit back, writes its system line and notifies the recruiter
 * (inmail.respond, system_line, notify), a second word lifts the block
 * (inmail.unblock); the owner's view of it all agrees. */
static void people_at_their_own_logins(void **state)
{
	struct fx *f = *state;
	admin(f, "UPDATE inmail.setting SET value = 'client' WHERE key = 'clock';"
		 " ALTER ROLE rita PASSWORD 'rita-pw';"
		 " ALTER ROLE jose PASSWORD 'jose-pw'");
	struct im_model *rita = as_person(f, "rita", T0);
	const char *to[] = {"jose"};
	struct im_send_request req = {.to = to, .n_to = 1, .subject = "Role",
				      .body = "Hello", .followup_days = 3,
				      .followup_body = "Bump"};
	int64_t id = 0;
	assert_int_equal(im_send(rita, &req, &id), IM_OK);
	assert_int_equal(fx_credits(f, "rita"), 9);

	struct im_model *jose = as_person(f, "jose", T0 + 4 * IM_DAY);
	assert_int_equal(im_model_catch_up(jose), IM_OK);
	struct im_thread *t = NULL;
	assert_int_equal(im_thread_get(jose, id, false, &t), IM_OK);
	assert_int_equal(t->n_messages, 2);
	assert_int_equal(t->messages[1].kind, IM_KIND_FOLLOWUP);
	assert_int_equal(t->messages[1].sent_at, T0 + 3 * IM_DAY);
	im_thread_free(&t);
	assert_int_equal(im_reply(jose, id, IM_SMART_NO, NULL, NULL), IM_OK);
	/* A second word lifts the templated decline's block. */
	im_model_set_now(jose, T0 + 5 * IM_DAY);
	assert_int_equal(im_reply(jose, id, IM_SMART_NONE, "Actually, maybe.",
				  NULL), IM_OK);

	fx_as(f, "rita");
	assert_int_equal(fx_credits(f, "rita"), 10);
	t = fx_thread(f, id);
	assert_int_equal(t->state, IM_STATE_DECLINED);
	assert_false(t->blocked);
	assert_int_equal(t->n_messages, 5); /* InMail, follow-up, no, line, word */
	assert_int_equal(t->messages[3].kind, IM_KIND_SYSTEM);
	im_thread_free(&t);
	struct im_notification *notes = NULL;
	size_t n = 0;
	im_model_set_now(rita, T0 + 5 * IM_DAY);
	assert_int_equal(im_notification_list(rita, 0, 10, &notes, &n), IM_OK);
	assert_int_equal(n, 1);
	assert_int_equal(notes[0].thread, id);
	im_notifications_free(&notes, n);
	struct im_stats st;
	assert_int_equal(im_stats_get(rita, &st), IM_OK);
	assert_int_equal(st.declined, 1);
	assert_int_equal(st.credited_back, 1);
	assert_int_equal(st.counted_messages, 2);
	assert_int_equal(st.responded_messages, 2);
	/* What no rule writes is refused by the server: jose cannot answer
	 * rita's thread a second time by its function. */
	im_model_close(&jose);
	im_model_close(&rita);
	struct im_store *s = NULL;
	char info[160];
	snprintf(info, sizeof info, "pg:dbname=%s user=jose password=jose-pw",
		 f->dir);
	assert_int_equal(im_store_open(info, false, NULL, &s, NULL), IM_OK);
	assert_int_equal(im_store_begin(s), IM_OK);
	assert_int_equal(im_store_thread_respond(s, id, IM_STATE_ACCEPTED,
		IM_RESPONSE_SMART_TEMPLATE, T0 + 5 * IM_DAY, false, true),
		IM_ERR_NOT_PERMITTED);
	im_store_rollback(s);
	assert_int_equal(im_store_begin(s), IM_OK);
	assert_int_equal(im_store_credits_add(s, account_id(s, "rita"), 5),
			 IM_ERR_NOT_PERMITTED);
	im_store_rollback(s);
	im_store_close(&s);
	admin(f, "DROP OWNED BY rita, jose; DROP ROLE rita, jose");
}

/* A search folds case as on SQLite (src/text), whatever the server's
 * locale, and finds matches across the batches it reads the folder in:
 * 300 InMails, three of them with the word, the oldest first of all. */
static void a_search_reads_the_whole_folder(void **state)
{
	struct fx *f = *state;
	struct im_store *s = open_store(f);
	int64_t rita = account_id(s, "rita"), jose = account_id(s, "jose");
	assert_int_equal(im_store_begin(s), IM_OK);
	assert_int_equal(add_credits(s, rita, 400), IM_OK);
	assert_int_equal(im_store_commit(s), IM_OK);
	int64_t hits[3] = {0};
	fx_as(f, "rita");
	for (int i = 0; i < 300; i++) {
		char subject[64];
		snprintf(subject, sizeof subject, "%s %d",
			 i == 0 || i == 150 || i == 299 ? "Straße ÉCOLE" : "Role", i);
		const char *to[] = {"jose"};
		struct im_send_request req = {.to = to, .n_to = 1,
					      .subject = subject, .body = "Hi"};
		int64_t id = 0;
		/* Each once the last one's window has closed: one pending
		 * InMail per candidate (SPEC 9). */
		fx_at(f, T0 + i * (IM_CREDIT_WINDOW + 1));
		assert_int_equal(im_send(f->m, &req, &id), IM_OK);
		if (i == 0 || i == 150 || i == 299)
			hits[i == 0 ? 0 : i == 150 ? 1 : 2] = id;
	}
	struct im_store_folder_query q = {rita, IM_SIDE_RECRUITER, -1, -1,
					  IM_STORE_BY_CREATED, "straße école"};
	struct im_store_thread *rows = NULL;
	size_t n = 0;
	assert_int_equal(im_store_thread_page(s, &q, IM_PAGE_FIRST, NULL, 2,
					      &rows, &n), IM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].t.id, hits[2]);
	assert_int_equal(rows[1].t.id, hits[1]);
	struct im_cursor at = {rows[1].t.created_at, rows[1].t.id};
	im_store_threads_free(&rows, n);
	assert_int_equal(im_store_thread_page(s, &q, IM_PAGE_AFTER, &at, 2,
					      &rows, &n), IM_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].t.id, hits[0]);
	im_store_threads_free(&rows, n);
	assert_int_equal(im_store_thread_page(s, &q, IM_PAGE_LAST, NULL, 2,
					      &rows, &n), IM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].t.id, hits[1]);
	assert_int_equal(rows[1].t.id, hits[0]);
	im_store_threads_free(&rows, n);
	int64_t total = 0, unread = 0;
	assert_int_equal(im_store_folder_count(s, &q, &total, &unread), IM_OK);
	assert_int_equal(total, 3);
	/* The candidate's side, by the recruiter's name. */
	struct im_store_folder_query c = {jose, IM_SIDE_CANDIDATE, 0, -1,
					  IM_STORE_BY_UPDATED, "RITA"};
	assert_int_equal(im_store_folder_count(s, &c, &total, &unread), IM_OK);
	assert_int_equal(total, 300);
	assert_int_equal(unread, 300);
	im_store_close(&s);
}

/* Two serializable changes of one balance: the second to commit fails
 * with SQLSTATE 40001 in its line, as IM_ERR_DATABASE, and nothing of
 * it is kept. */
static void a_conflict_says_its_sqlstate(void **state)
{
	struct fx *f = *state;
	struct im_store *a = open_store(f), *b = open_store(f);
	int64_t rita = account_id(a, "rita"), carl = account_id(a, "carl");
	int64_t before = 0;
	assert_int_equal(im_store_begin(a), IM_OK);
	/* One transaction at a time, as on SQLite. */
	assert_int_equal(im_store_begin(a), IM_ERR_DATABASE);
	assert_int_equal(im_store_begin_read(a), IM_ERR_DATABASE);
	assert_int_equal(im_store_begin(b), IM_OK);
	/* Each reads what the other writes: write skew, which only
	 * SERIALIZABLE refuses. */
	struct im_account x = {0};
	assert_int_equal(im_store_account_by_id(a, carl, &x), IM_OK);
	im_account_clear(&x);
	assert_int_equal(im_store_account_by_id(b, rita, &x), IM_OK);
	before = x.credits;
	im_account_clear(&x);
	assert_int_equal(add_credits(a, rita, -1), IM_OK);
	assert_int_equal(add_credits(b, carl, 1), IM_OK);
	assert_int_equal(im_store_commit(a), IM_OK);
	enum im_status st = im_store_commit(b);
	assert_int_equal(st, IM_ERR_DATABASE);
	assert_non_null(strstr(im_store_error(b), "40001"));
	assert_null(strchr(im_store_error(b), '\n'));
	/* b's change is gone, a's is kept, and b works again. */
	assert_int_equal(im_store_account_by_id(b, carl, &x), IM_OK);
	assert_int_equal(x.credits, 0);
	im_account_clear(&x);
	assert_int_equal(im_store_account_by_id(b, rita, &x), IM_OK);
	assert_int_equal(x.credits, before - 1);
	im_account_clear(&x);
	im_store_close(&a);
	im_store_close(&b);
}

/* A change that meets another's row lock waits begin_within's wait,
 * not the default 30 s, and says so. */
static void a_held_lock_is_waited_on_so_long(void **state)
{
	struct fx *f = *state;
	struct im_store *a = open_store(f), *b = open_store(f);
	int64_t rita = account_id(a, "rita");
	assert_int_equal(im_store_begin(a), IM_OK);
	assert_int_equal(add_credits(a, rita, -1), IM_OK);
	bool busy = true;
	assert_int_equal(im_store_begin_within(b, 200, &busy), IM_OK);
	double start = now_ms();
	assert_int_equal(im_store_credits_add(b, rita, -1), IM_ERR_DATABASE);
	double took = now_ms() - start;
	assert_true(took >= 150 && took < 5000);
	assert_non_null(strstr(im_store_error(b), "55P03"));
	im_store_rollback(b);
	assert_int_equal(im_store_commit(a), IM_OK);
	/* And b goes on once a is done. */
	assert_int_equal(im_store_begin(b), IM_OK);
	assert_int_equal(add_credits(b, rita, -1), IM_OK);
	assert_int_equal(im_store_commit(b), IM_OK);
	struct im_account x = {0};
	assert_int_equal(im_store_account_by_id(b, rita, &x), IM_OK);
	assert_int_equal(x.credits, 8);
	im_account_clear(&x);
	im_store_close(&a);
	im_store_close(&b);
}

/* Without create an empty database is refused; a newer schema is
 * refused even with create, and left as it was. */
static void schemas_are_checked(void **state)
{
	struct fx *f = *state;
	admin(f, "INSERT INTO inmail.migration (version) VALUES (99)");
	struct im_store *s = NULL;
	char *err = NULL;
	assert_int_equal(im_store_open(f->path, true, NULL, &s, &err),
			 IM_ERR_DATABASE);
	assert_null(s);
	assert_non_null(err);
	assert_non_null(strstr(err, "newer"));
	free(err);
	admin(f, "DELETE FROM inmail.migration WHERE version = 99");
	/* An older schema (1, before the ledger) waits for init. */
	admin(f, "DELETE FROM inmail.migration WHERE version >= 2");
	err = NULL;
	assert_int_equal(im_store_open(f->path, false, NULL, &s, &err),
			 IM_ERR_DATABASE);
	assert_null(s);
	assert_non_null(strstr(err, "older inmail (schema 1)"));
	assert_non_null(strstr(err, "'inmail init'"));
	free(err);
	admin(f, "DROP SCHEMA inmail CASCADE");
	err = NULL;
	assert_int_equal(im_store_open(f->path, false, NULL, &s, &err),
			 IM_ERR_DATABASE);
	assert_non_null(strstr(err, "not initialised"));
	free(err);
	/* create needs the model's rules, which the guards hold writes to;
	 * with them it installs the schema again, and the windows are the
	 * rules' (a number of the test's own, not the model's). */
	err = NULL;
	assert_int_equal(im_store_open(f->path, true, NULL, &s, &err),
			 IM_ERR_DATABASE);
	assert_non_null(strstr(err, "rules"));
	free(err);
	const struct im_store_rules rules = {
		.counted = {IM_KIND_INMAIL, IM_KIND_FOLLOWUP},
		.rate_window = 31 * IM_DAY, .credit_window = 91 * IM_DAY};
	assert_int_equal(im_store_open(f->path, true, &rules, &s, NULL), IM_OK);
	im_store_close(&s);
	char *v = admin_value(f, "SELECT inmail.rate_window() || ' ' ||"
				 " inmail.credit_window()");
	char want[64];
	snprintf(want, sizeof want, "%lld %lld", (long long)(31 * IM_DAY),
		 (long long)(91 * IM_DAY));
	assert_string_equal(v, want);
	free(v);
}

/* A server that is not there: one line, naming no password. */
static void an_unreachable_server_is_one_line(void **state)
{
	(void)state;
	struct im_store *s = NULL;
	char *err = NULL;
	assert_int_equal(im_store_open("postgresql://rita:secret@/inmail"
				       "?host=/nonexistent-inmail-sock",
				       false, NULL, &s, &err), IM_ERR_DATABASE);
	assert_null(s);
	assert_non_null(err);
	assert_non_null(strstr(err, "PostgreSQL"));
	assert_null(strstr(err, "secret"));
	assert_null(strchr(err, '\n'));
	free(err);
}

/* A person's draft and template go through the definer functions
 * (policies.sql grants no table-level DELETE, which would let any login
 * LOCK the table): kept, removed, and a removal of none is no error for a
 * draft, "no template" for a template. */
static void a_person_removes_their_own(void **state)
{
	struct fx *f = *state;
	/* The template's time is the test's (T0), as a --client-clock
	 * database takes it. */
	admin(f, "UPDATE inmail.setting SET value = 'client' WHERE key = 'clock';"
		 " ALTER ROLE rita PASSWORD 'rita-pw';"
		 " ALTER ROLE jose PASSWORD 'jose-pw'");
	int64_t mine = fx_send(f, "jose");
	char info[160];
	snprintf(info, sizeof info, "pg:dbname=%s user=jose password=jose-pw",
		 f->dir);
	struct im_store *s = NULL;
	char *err = NULL;
	if (im_store_open(info, false, NULL, &s, &err) != IM_OK)
		fail_msg("%s", err);
	struct im_account me = {0};
	assert_int_equal(im_store_account_by_handle(s, "jose", &me), IM_OK);
	struct im_draft d = {.body = "Tell me more", .saved_at = T0};
	assert_int_equal(im_store_draft_save(s, me.id, mine, &d), IM_OK);
	struct im_draft got = {0};
	assert_int_equal(im_store_draft_load(s, me.id, mine, &got), IM_OK);
	assert_string_equal(got.body, "Tell me more");
	im_draft_clear(&got);
	assert_int_equal(im_store_draft_discard(s, me.id, mine), IM_OK);
	assert_int_equal(im_store_draft_load(s, me.id, mine, &got),
			 IM_ERR_NOT_FOUND);
	assert_int_equal(im_store_draft_discard(s, me.id, mine), IM_OK);
	im_account_clear(&me);
	im_store_close(&s);

	snprintf(info, sizeof info, "pg:dbname=%s user=rita password=rita-pw",
		 f->dir);
	if (im_store_open(info, false, NULL, &s, &err) != IM_OK)
		fail_msg("%s", err);
	assert_int_equal(im_store_account_by_handle(s, "rita", &me), IM_OK);
	struct im_store_template t = {.name = "intro", .subject = "Hi",
				      .body = "Hello", .created_at = T0};
	assert_int_equal(im_store_template_insert(s, me.id, &t), IM_OK);
	assert_int_equal(im_store_template_delete(s, me.id, "intro"), IM_OK);
	assert_int_equal(im_store_template_delete(s, me.id, "intro"),
			 IM_ERR_NOT_FOUND);
	im_account_clear(&me);
	im_store_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(another_session_is_seen,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(a_person_sees_their_own,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(a_person_removes_their_own,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(a_search_reads_the_whole_folder,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			a_persons_first_reads_of_themselves, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(people_at_their_own_logins,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(a_conflict_says_its_sqlstate,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(a_held_lock_is_waited_on_so_long,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(schemas_are_checked, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(an_unreachable_server_is_one_line,
						fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
