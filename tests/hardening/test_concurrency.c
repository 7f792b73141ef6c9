/* Concurrency: several inmail processes on one database at once, sending,
 * replying and reading.  None sees "database is locked", no write is lost
 * or doubled, and the WAL stays small. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dbq.h"
#include "proc.h"

#define NOW "2026-03-01T09:00:00Z"
#define SENDERS 3
#define SENDS 30
#define REPLIERS 2
#define REPLIES 30
#define READERS 2
#define READS 30

static const char *exe;
static char dir[64], db[128];

/* Runs one command in a stream; a failure is a non-zero exit or anything
 * on stderr. */
static int stream_run(const char *tag, char *const argv[])
{
	struct proc p;
	proc_start(&p, exe, db, dir, tag, argv);
	proc_wait(&p);
	char *err = proc_output(&p, true);
	int bad = p.status != 0 || err[0] != '\0';
	if (bad)
		fprintf(stderr, "# %s: exit %d: %s", tag, p.status, err);
	free(err);
	return bad;
}

static pid_t stream_sender(int s)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	int bad = 0;
	char as[16], to[16], tag[32];
	snprintf(as, sizeof as, "rec%05d", s + 1);
	for (int i = 0; i < SENDS; i++) {
		snprintf(to, sizeof to, "cand%06d", 100 + s * SENDS + i + 1);
		snprintf(tag, sizeof tag, "send%d", s);
		char *argv[] = {"inmail", "--now", NOW, "--as", as, "send", "--to",
				to, "--subject", "Concurrent", "--body", "Hello",
				NULL};
		bad += stream_run(tag, argv);
	}
	_exit(bad > 255 ? 255 : bad);
}

static pid_t stream_replier(int s)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	int bad = 0;
	char as[16], tid[16], body[48], tag[32];
	for (int i = 0; i < REPLIES; i++) {
		int n = s * REPLIES + i; /* thread n+1 went to cand n+1 */
		snprintf(as, sizeof as, "cand%06d", n + 1);
		snprintf(tid, sizeof tid, "%d", n + 1);
		snprintf(body, sizeof body, "concurrent reply %d", n);
		snprintf(tag, sizeof tag, "reply%d", s);
		char *argv[] = {"inmail", "--now", NOW, "--as", as, "reply", tid,
				"--body", body, NULL};
		bad += stream_run(tag, argv);
	}
	_exit(bad > 255 ? 255 : bad);
}

static pid_t stream_reader(int s)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	int bad = 0;
	char tag[32];
	snprintf(tag, sizeof tag, "read%d", s);
	for (int i = 0; i < READS; i++) {
		char *list[] = {"inmail", "--now", NOW, "--as", "rec00004", "list",
				"--folder", "sent", NULL};
		char *stats[] = {"inmail", "--now", NOW, "--as", "rec00004",
				 "stats", "--json", NULL};
		bad += stream_run(tag, i % 2 ? list : stats);
	}
	_exit(bad > 255 ? 255 : bad);
}

static void processes_at_once(void **state)
{
	(void)state;
	proc_tmpdir(dir, sizeof dir);
	snprintf(db, sizeof db, "%s/inmail.db", dir);
	char *gen[] = {"inmail", "--now", NOW, "gen", "--recruiters", "4",
		       "--candidates", "500", "--threads", "0", "--messages", "0",
		       NULL};
	assert_int_equal(proc_run(exe, db, dir, gen), 0);
	for (int r = 1; r <= 4; r++) {
		char as[16];
		snprintf(as, sizeof as, "rec%05d", r);
		char *grant[] = {"inmail", "credits", "grant", as, "1000", NULL};
		assert_int_equal(proc_run(exe, db, dir, grant), 0);
	}
	/* The threads the repliers answer: thread n to cand n. */
	static char to[REPLIERS * REPLIES * 12];
	size_t k = 0;
	for (int i = 0; i < REPLIERS * REPLIES; i++)
		k += (size_t)snprintf(to + k, sizeof to - k, "%scand%06d",
				      i ? "," : "", i + 1);
	char *send[] = {"inmail", "--now", NOW, "--as", "rec00004", "send",
			"--to", to, "--subject", "Setup", "--body", "Hello", NULL};
	assert_int_equal(proc_run(exe, db, dir, send), 0);

	pid_t pids[SENDERS + REPLIERS + READERS];
	int n = 0;
	for (int s = 0; s < SENDERS; s++)
		pids[n++] = stream_sender(s);
	for (int s = 0; s < REPLIERS; s++)
		pids[n++] = stream_replier(s);
	for (int s = 0; s < READERS; s++)
		pids[n++] = stream_reader(s);
	int failures = 0;
	for (int i = 0; i < n; i++) {
		int st = 0;
		assert_int_equal(waitpid(pids[i], &st, 0), pids[i]);
		assert_true(WIFEXITED(st));
		failures += WEXITSTATUS(st);
	}
	assert_int_equal(failures, 0);

	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	int64_t threads = dbq_int(h, "SELECT count(*) FROM thread");
	int64_t replies = dbq_int(h, "SELECT count(DISTINCT body) FROM message"
				   " WHERE body LIKE 'concurrent reply %'");
	int64_t reply_rows = dbq_int(h, "SELECT count(*) FROM message"
				      " WHERE body LIKE 'concurrent reply %'");
	assert_int_equal(threads, REPLIERS * REPLIES + SENDERS * SENDS);
	assert_int_equal(replies, REPLIERS * REPLIES);
	assert_int_equal(reply_rows, REPLIERS * REPLIES);
	sqlite3_close(h);
	struct stat sb;
	char wal[160];
	snprintf(wal, sizeof wal, "%s-wal", db);
	off_t wal_size = stat(wal, &sb) == 0 ? sb.st_size : 0;
	printf("# %d writers and %d readers, %d commands: %lld threads, %lld "
	       "replies, none lost or doubled; WAL %lld bytes\n",
	       SENDERS + REPLIERS, READERS,
	       SENDERS * SENDS + REPLIERS * REPLIES + READERS * READS,
	       (long long)threads, (long long)replies, (long long)wal_size);
	assert_true(wal_size < 16 * 1024 * 1024);
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
		cmocka_unit_test(processes_at_once),
	};
	return cmocka_run_group_tests_name("concurrency", tests, NULL, NULL);
}
