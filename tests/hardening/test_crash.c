/* Crash safety: a bulk send and a stream of replies killed with SIGKILL at
 * random moments, round after round; after each round the database is
 * intact, every thread has its InMail, credits add up, a send is all or
 * nothing, and no reply reported sent is lost. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbq.h"
#include "proc.h"

#define NOW "2026-03-01T09:00:00Z"
#define CANDIDATES 2000
#define BULK 300
#define REPLIERS 3

static const char *exe;

static void check_invariants(sqlite3 *db, int64_t granted)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1,
					    &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	assert_int_equal(dbq_int(db, "SELECT count(*) FROM thread t WHERE NOT EXISTS"
				   " (SELECT 1 FROM message m WHERE m.thread = t.id"
				   " AND m.kind = 0)"), 0);
	/* Every credit is in the balance, spent on a thread, or came back. */
	int64_t credits = dbq_int(db, "SELECT credits FROM account WHERE handle ="
				    " 'rec00001'");
	int64_t sent = dbq_int(db, "SELECT count(*) FROM thread");
	int64_t back = dbq_int(db, "SELECT count(*) FROM thread WHERE refunded");
	assert_int_equal(credits + sent - back, granted);
	/* A notification for every response and no other. */
	assert_int_equal(dbq_int(db, "SELECT count(*) FROM notification"),
			 dbq_int(db, "SELECT count(*) FROM thread WHERE"
				   " responded_at IS NOT NULL"));
}

static void sigkill_rounds(void **state)
{
	(void)state;
	char dir[64], db[128];
	proc_tmpdir(dir, sizeof dir);
	snprintf(db, sizeof db, "%s/inmail.db", dir);
	char *gen[] = {"inmail", "--now", NOW, "gen", "--recruiters", "1",
		       "--candidates", "2000", "--threads", "0", "--messages",
		       "0", NULL};
	assert_int_equal(proc_run(exe, db, dir, gen), 0);
	char *grant[] = {"inmail", "credits", "grant", "rec00001", "1000000", NULL};
	assert_int_equal(proc_run(exe, db, dir, grant), 0);
	sqlite3 *rdb = dbq_open(db);
	int64_t granted = dbq_int(rdb, "SELECT credits FROM account WHERE handle ="
				     " 'rec00001'");
	sqlite3_close(rdb);

	const char *env_rounds = getenv("INMAIL_CRASH_ROUNDS");
	int rounds = env_rounds ? atoi(env_rounds) : 30;
	int killed_sends = 0, killed_replies = 0, replies_ok = 0;
	srand(12345);
	static char to[BULK * 12];
	for (int r = 0; r < rounds; r++) {
		/* The bulk send: BULK candidates, rotating through them all. */
		size_t k = 0;
		for (int i = 0; i < BULK; i++)
			k += (size_t)snprintf(to + k, sizeof to - k, "%scand%06d",
					      i ? "," : "",
					      (r * BULK + i) % CANDIDATES + 1);
		char subject[32];
		snprintf(subject, sizeof subject, "Round %d", r);
		char *send[] = {"inmail", "--now", NOW, "--as", "rec00001", "send",
				"--to", to, "--subject", subject, "--body",
				"A bulk InMail", NULL};
		struct proc ps, pr[REPLIERS];
		proc_start(&ps, exe, db, dir, "send", send);

		/* Replies to threads of earlier rounds, by their candidates. */
		char tid[REPLIERS][24], who[REPLIERS][40], body[REPLIERS][48];
		int n_rep = 0;
		rdb = dbq_open(db);
		sqlite3_stmt *st = NULL;
		assert_int_equal(sqlite3_prepare_v2(rdb,
			"SELECT t.id, c.handle FROM thread t JOIN account c ON"
			" c.id = t.candidate ORDER BY t.id LIMIT 1 OFFSET ?",
			-1, &st, NULL), SQLITE_OK);
		int64_t nthreads = dbq_int(rdb, "SELECT count(*) FROM thread");
		for (int i = 0; nthreads > 0 && i < REPLIERS; i++) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, rand() % nthreads);
			if (sqlite3_step(st) != SQLITE_ROW)
				continue;
			snprintf(tid[n_rep], sizeof tid[n_rep], "%lld",
				 (long long)sqlite3_column_int64(st, 0));
			snprintf(who[n_rep], sizeof who[n_rep], "%s",
				 sqlite3_column_text(st, 1));
			snprintf(body[n_rep], sizeof body[n_rep],
				 "reply round %d number %d", r, i);
			char tag[16];
			snprintf(tag, sizeof tag, "reply%d", n_rep);
			char *reply[] = {"inmail", "--now", NOW, "--as", who[n_rep],
					 "reply", tid[n_rep], "--body", body[n_rep],
					 NULL};
			proc_start(&pr[n_rep], exe, db, dir, tag, reply);
			n_rep++;
		}
		sqlite3_finalize(st);
		sqlite3_close(rdb);

		/* From before the send starts to after it is done, so kills land
		 * in every phase: start-up, the transaction, the commit. */
		usleep((useconds_t)(rand() % 120000));
		kill(ps.pid, SIGKILL);
		for (int i = 0; i < n_rep; i++)
			kill(pr[i].pid, SIGKILL);
		proc_wait(&ps);
		for (int i = 0; i < n_rep; i++)
			proc_wait(&pr[i]);

		rdb = dbq_open(db);
		check_invariants(rdb, granted);
		int64_t got = dbq_int_text(rdb, "SELECT count(*) FROM thread WHERE"
					      " subject = ?", subject);
		if (ps.status == 0)
			assert_int_equal(got, BULK);
		else
			assert_true(got == 0 || got == BULK);
		killed_sends += ps.status == 128 + SIGKILL;
		for (int i = 0; i < n_rep; i++) {
			int64_t have = dbq_int_text(rdb, "SELECT count(*) FROM message"
						       " WHERE body = ?", body[i]);
			char *out = proc_output(&pr[i], false);
			if (pr[i].status == 0 && strstr(out, "sent in thread")) {
				assert_int_equal(have, 1);
				replies_ok++;
			} else {
				assert_true(have <= 1);
				killed_replies += pr[i].status == 128 + SIGKILL;
			}
			free(out);
		}
		sqlite3_close(rdb);
	}
	printf("# %d rounds: %d bulk sends killed mid-way, %d replies killed, "
	       "%d replies reported sent and all found\n", rounds, killed_sends,
	       killed_replies, replies_ok);
	proc_rmdir(dir);
}

int main(void)
{
	exe = getenv("INMAIL_EXE");
	if (!exe) {
		fprintf(stderr, "INMAIL_EXE is not set\n");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sigkill_rounds),
	};
	return cmocka_run_group_tests_name("crash", tests, NULL, NULL);
}
