/* Issue 10 with real processes at once: two first responses to one InMail
 * (class 1), and reads while another connection holds the write lock
 * (class 5). */
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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dbq.h"
#include "proc.h"

#define NOW "2026-03-01T09:00:00Z"
#define LATER "2026-03-06T09:00:00Z"
#define THREADS 120
#define BATCH 20

static const char *exe;

static void run_ok(const char *db, const char *dir, char *const argv[])
{
	int st = proc_run(exe, db, dir, argv);
	/* the command's words after "inmail --now NOW", however few */
	if (st != 0) {
		char words[256] = "";
		size_t k = 0;
		for (int i = 3; argv[i] && k < sizeof words - 1; i++)
			k += (size_t)snprintf(words + k, sizeof words - k,
					      "%s%s", i > 3 ? " " : "", argv[i]);
		fail_msg("%s: exit %d", words, st);
	}
}

/* class 1: for each of 60 threads `reply --smart yes` and `--smart no` run
 * at once; exactly one wins, the other is "already answered" (77); one
 * response, one system line, one notification that agrees with the state;
 * credits = granted - sent + credited back. */
static void simultaneous_first_responses_give_one(void **state)
{
	(void)state;
	char dir[64], db[128];
	proc_tmpdir(dir, sizeof dir);
	snprintf(db, sizeof db, "%s/inmail.db", dir);
	char *gen[] = {"inmail", "--now", NOW, "gen", "--recruiters", "1",
		       "--candidates", "120", "--threads", "0", "--messages", "0",
		       NULL};
	assert_int_equal(proc_run(exe, db, dir, gen), 0);
	char *grant[] = {"inmail", "--now", NOW, "credits", "grant", "rec00001",
			 "200", NULL};
	run_ok(db, dir, grant);
	sqlite3 *h = dbq_open(db);
	int64_t granted = dbq_int(h, "SELECT credits FROM account WHERE handle = 'rec00001'");
	sqlite3_close(h);
	static char to[THREADS * 12];
	size_t k = 0;
	for (int i = 0; i < THREADS; i++)
		k += (size_t)snprintf(to + k, sizeof to - k, "%scand%06d",
				      i ? "," : "", i + 1);
	char *send[] = {"inmail", "--now", NOW, "--as", "rec00001", "send", "--to",
			to, "--subject", "Race", "--body", "Hello", NULL};
	run_ok(db, dir, send);

	int bad = 0;
	struct proc p[2 * BATCH];
	for (int b = 0; b < THREADS / BATCH; b++) {
		char as[BATCH][16], tid[BATCH][16], tag[2 * BATCH][16];
		for (int i = 0; i < BATCH; i++) {
			int n = b * BATCH + i + 1;
			snprintf(as[i], sizeof as[i], "cand%06d", n);
			snprintf(tid[i], sizeof tid[i], "%d", n);
			/* alternate who starts first */
			for (int s = 0; s < 2; s++) {
				int yes = (s + n) % 2;
				snprintf(tag[2 * i + s], sizeof tag[0], "r%d%s", n,
					 yes ? "y" : "n");
				char *argv[] = {"inmail", "--now", NOW, "--as", as[i],
						"reply", tid[i], "--smart",
						yes ? "yes" : "no", NULL};
				proc_start(&p[2 * i + s], exe, db, dir, tag[2 * i + s],
					   argv);
			}
		}
		for (int i = 0; i < 2 * BATCH; i++)
			proc_wait(&p[i]);
		for (int i = 0; i < BATCH; i++) {
			int n = b * BATCH + i + 1;
			struct proc *a = &p[2 * i], *c = &p[2 * i + 1];
			char *ea = proc_output(a, true), *ec = proc_output(c, true);
			struct proc *loser = a->status == 0 ? c : a;
			char *el = loser == a ? ea : ec;
			int ok = (a->status == 0) != (c->status == 0) &&
				 loser->status == 77 && strstr(el, "already answered");
			if (!ok) {
				fprintf(stderr, "# thread %d: exits %d and %d: [%s] [%s]\n",
					n, a->status, c->status, ea, ec);
				bad++;
			}
			free(ea);
			free(ec);
		}
	}

	h = dbq_open(db);
	int bad_rows = 0;
	for (int n = 1; n <= THREADS; n++) {
		char sql[512];
		snprintf(sql, sizeof sql,
			 "SELECT (SELECT count(*) FROM message m WHERE m.thread = t.id "
			 "AND m.sender = t.candidate) * 1000000 + "
			 "(SELECT count(*) FROM message m WHERE m.thread = t.id AND "
			 "m.kind = 3) * 10000 + (SELECT count(*) FROM notification x "
			 "WHERE x.thread = t.id) * 100 + (SELECT count(*) FROM "
			 "notification x WHERE x.thread = t.id AND ((t.state = 1 AND "
			 "x.text LIKE '%%is interested%%') OR (t.state = 2 AND x.text "
			 "LIKE '%%declined%%'))) FROM thread t WHERE t.id = %d", n);
		int64_t v = dbq_int(h, sql);
		if (v != 1010101) {
			fprintf(stderr, "# thread %d: responses %lld, system lines "
				"%lld, notifications %lld, agreeing %lld\n", n,
				(long long)(v / 1000000), (long long)(v / 10000 % 100),
				(long long)(v / 100 % 100), (long long)(v % 100));
			bad_rows++;
		}
	}
	int64_t credits = dbq_int(h, "SELECT credits FROM account WHERE handle = 'rec00001'");
	sqlite3_close(h);
	proc_rmdir(dir);
	/* every response came within 90 days: each thread refunds once */
	assert_int_equal(bad, 0);
	assert_int_equal(bad_rows, 0);
	assert_int_equal(credits, granted - THREADS + THREADS);
}

/* Runs argv with a watchdog: the exit code, or -1 when it had not exited
 * after limit_s (then it is killed). */
static int run_watchdog(const char *db, const char *dir, const char *tag,
			char *const argv[], int limit_s, double *secs)
{
	struct proc p;
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	proc_start(&p, exe, db, dir, tag, argv);
	for (;;) {
		int st = 0;
		pid_t w = waitpid(p.pid, &st, WNOHANG);
		clock_gettime(CLOCK_MONOTONIC, &t);
		*secs = (double)(t.tv_sec - t0.tv_sec) +
			(double)(t.tv_nsec - t0.tv_nsec) / 1e9;
		if (w == p.pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		if (*secs > limit_s) {
			kill(p.pid, SIGKILL);
			waitpid(p.pid, &st, 0);
			return -1;
		}
		struct timespec d = {0, 20 * 1000 * 1000};
		nanosleep(&d, NULL);
	}
}

/* class 5: with another connection holding the write lock and a follow-up
 * due, list, show, stats and notifications answer at once. */
static void reads_never_wait_for_a_writer(void **state)
{
	(void)state;
	char dir[64], db[128];
	proc_tmpdir(dir, sizeof dir);
	snprintf(db, sizeof db, "%s/inmail.db", dir);
	char *init[] = {"inmail", "--now", NOW, "init", NULL};
	char *rita[] = {"inmail", "--now", NOW, "user", "add", "rita", "--name",
			"Rita Recruiter", "--role", "recruiter", "--credits", "5",
			NULL};
	char *jose[] = {"inmail", "--now", NOW, "user", "add", "jose", "--name",
			"José Müller", "--role", "candidate", NULL};
	char *send[] = {"inmail", "--now", NOW, "--as", "rita", "send", "--to",
			"jose", "--subject", "Job", "--body", "Hello", "--followup",
			"3:ping", NULL};
	run_ok(db, dir, init);
	run_ok(db, dir, rita);
	run_ok(db, dir, jose);
	run_ok(db, dir, send);

	sqlite3 *w = NULL;
	assert_int_equal(sqlite3_open(db, &w), SQLITE_OK);
	assert_int_equal(sqlite3_exec(w, "BEGIN IMMEDIATE; UPDATE account SET "
				      "name = name || '' WHERE handle = 'rita'",
				      NULL, NULL, NULL), SQLITE_OK);
	char *cmds[][8] = {
		{"inmail", "--now", LATER, "--as", "rita", "list", NULL},
		{"inmail", "--now", LATER, "--as", "rita", "show", "1", NULL},
		{"inmail", "--now", LATER, "--as", "rita", "stats", NULL},
		{"inmail", "--now", LATER, "--as", "rita", "notifications", NULL},
		{"inmail", "--now", LATER, "--as", "jose", "list", NULL},
	};
	int n = (int)(sizeof cmds / sizeof *cmds);
	int codes[8];
	double secs[8];
	for (int i = 0; i < n; i++) {
		codes[i] = run_watchdog(db, dir, "read", cmds[i], 15, &secs[i]);
		fprintf(stderr, "# %s %s: exit %d after %.1f s\n", cmds[i][4],
			cmds[i][5], codes[i], secs[i]);
	}
	sqlite3_exec(w, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(w);
	proc_rmdir(dir);
	for (int i = 0; i < n; i++)
		assert_int_equal(codes[i], 0);
}

int main(void)
{
	exe = getenv("INMAIL_EXE");
	if (!exe)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(simultaneous_first_responses_give_one),
		cmocka_unit_test(reads_never_wait_for_a_writer),
	};
	return cmocka_run_group_tests_name("race", tests, NULL, NULL);
}
