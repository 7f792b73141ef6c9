/* Hostile and broken input through the real binary: each is refused with
 * one line on stderr and leaves the database as it was. */
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
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc.h"

#define NOW "2026-03-01T09:00:00Z"

static const char *exe;

struct env {
	char dir[64];
	char db[128];
};

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);
	proc_tmpdir(e->dir, sizeof e->dir);
	snprintf(e->db, sizeof e->db, "%s/inmail.db", e->dir);
	char *gen[] = {"inmail", "--now", NOW, "gen", "--recruiters", "2",
		       "--candidates", "50", "--threads", "40", "--messages",
		       "120", NULL};
	assert_int_equal(proc_run(exe, e->db, e->dir, gen), 0);
	char *grant[] = {"inmail", "credits", "grant", "rec00001", "1000", NULL};
	assert_int_equal(proc_run(exe, e->db, e->dir, grant), 0);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;
	proc_rmdir(e->dir);
	free(e);
	return 0;
}

/* What the data is, in a form that changes with any row: counts and sums
 * of the tables that a refused command could touch. */
static char *fingerprint(const char *db)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(h,
		"SELECT (SELECT count(*) || '/' || total(credits) FROM account)"
		" || '|' || (SELECT count(*) || '/' || total(updated_at) FROM thread)"
		" || '|' || (SELECT count(*) || '/' || total(length(body)) FROM message)"
		" || '|' || (SELECT count(*) FROM notification)", -1, &st, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *fp = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return fp;
}

/* Runs argv; expects exit code and exactly one line on stderr. */
static void refused(struct env *e, int code, char *argv[], const char *says)
{
	char *before = fingerprint(e->db);
	struct proc p;
	proc_start(&p, exe, e->db, e->dir, "hostile", argv);
	proc_wait(&p);
	char *err = proc_output(&p, true);
	char *out = proc_output(&p, false);
	if (p.status != code)
		fprintf(stderr, "# exit %d, stderr: %s\n", p.status, err);
	assert_int_equal(p.status, code);
	size_t len = strlen(err);
	assert_true(len > 0 && err[len - 1] == '\n');
	assert_null(strchr(err, '\n') == err + len - 1 ? NULL : err);
	if (says && !strstr(err, says))
		fail_msg("expected '%s' in: %s", says, err);
	assert_string_equal(out, "");
	char *after = fingerprint(e->db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(err);
	free(out);
}

static void write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static void bodies_that_are_not_text(void **state)
{
	struct env *e = *state;
	char path[160];
	snprintf(path, sizeof path, "%s/body", e->dir);
	char *send[] = {"inmail", "--now", NOW, "--as", "rec00001", "send", "--to",
			"cand000001", "--subject", "Hi", "--body-file", path, NULL};

	size_t big = 10u << 20;
	char *ten = malloc(big);
	memset(ten, 'a', big);
	write_file(path, ten, big);
	free(ten);
	refused(e, 65, send, "too long");

	write_file(path, "Hello\0world", 11);
	refused(e, 65, send, "NUL");

	write_file(path, "caf\xc3\x28 \xff\xfe", 8);
	refused(e, 65, send, "UTF-8");

	static const char osc[] = "Hi \x1b]52;c;ZXZpbA==\x07 there";
	write_file(path, osc, sizeof osc - 1);
	refused(e, 65, send, "control character");

	write_file(path, "\xe2\x80\xae\xe2\x80\x8b \t\n", 9);
	refused(e, 65, send, "empty");
}

static void names_handles_and_clocks(void **state)
{
	struct env *e = *state;
	char *long_handle[] = {"inmail", "user", "add",
			       "abcdefghijklmnopqrstuvwxyz0123456789", "--name",
			       "X", "--role", "candidate", NULL};
	refused(e, 65, long_handle, "handle");
	char *bad_name[] = {"inmail", "user", "add", "evil", "--name",
			    "Evil\x1b[2J", "--role", "candidate", NULL};
	refused(e, 65, bad_name, "control character");
	const char *clocks[] = {"2026-02-30", "yesterday", "2026-01-01T10:00:00",
				"9999999999", ""};
	for (size_t i = 0; i < sizeof clocks / sizeof *clocks; i++) {
		char *cmd[] = {"inmail", "--now", (char *)clocks[i], "--as",
			       "rec00001", "stats", NULL};
		refused(e, 64, cmd, "--now");
	}
}

static void disk_full_is_said_and_changes_nothing(void **state)
{
	struct env *e = *state;
	/* Forty candidates with no InMail from rec00001 yet: one pending
	 * InMail per candidate (SPEC 9) would refuse gen's. */
	for (int i = 1; i <= 40; i++) {
		char h[16];
		snprintf(h, sizeof h, "free%02d", i);
		char *add[] = {"inmail", "user", "add", h, "--name", h, "--role",
			       "candidate", NULL};
		assert_int_equal(proc_run(exe, e->db, e->dir, add), 0);
	}
	char *before = fingerprint(e->db);
	/* A file-size limit stands in for a full disk: SQLite's writes past
	 * it fail with EFBIG, which it reports as SQLITE_FULL. */
	char err_path[160];
	snprintf(err_path, sizeof err_path, "%s/full.err", e->dir);
	pid_t pid = fork();
	if (pid == 0) {
		/* Room for SQLite's shared-memory index (32 KiB), not for
		 * the write-ahead log of forty InMails. */
		struct rlimit rl = {64 * 1024, 64 * 1024};
		setrlimit(RLIMIT_FSIZE, &rl);
		signal(SIGXFSZ, SIG_IGN);
		freopen(err_path, "w", stderr);
		freopen("/dev/null", "w", stdout);
		setenv("INMAIL_DB", e->db, 1);
		static char body[1800];
		memset(body, 'x', sizeof body - 1);
		static char to[50 * 12];
		size_t k = 0;
		for (int i = 1; i <= 40; i++)
			k += (size_t)snprintf(to + k, sizeof to - k, "%sfree%02d",
					      i > 1 ? "," : "", i);
		execl(exe, "inmail", "--now", NOW, "--as", "rec00001", "send",
		      "--to", to, "--subject", "Hi", "--body", body, (char *)NULL);
		_exit(127);
	}
	int st = 0;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 1);
	struct proc p = {0};
	snprintf(p.err_path, sizeof p.err_path, "%s", err_path);
	char *err = proc_output(&p, true);
	if (!strstr(err, "disk full"))
		fail_msg("expected a full disk, got: %s", err);
	assert_ptr_equal(strchr(err, '\n'), err + strlen(err) - 1);
	free(err);
	char *after = fingerprint(e->db);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void broken_database_files(void **state)
{
	struct env *e = *state;
	char path[160];
	char *cmd[] = {"inmail", "--db", path, "user", "list", NULL};
	char *init[] = {"inmail", "--db", path, "init", NULL};

	/* Truncated: the first 3000 bytes of a real database. */
	snprintf(path, sizeof path, "%s/trunc.db", e->dir);
	FILE *in = fopen(e->db, "rb");
	char head[3000];
	assert_int_equal(fread(head, 1, sizeof head, in), sizeof head);
	fclose(in);
	write_file(path, head, sizeof head);
	struct proc p;
	proc_start(&p, exe, e->db, e->dir, "trunc", cmd);
	proc_wait(&p);
	assert_int_equal(p.status, 1);
	proc_start(&p, exe, e->db, e->dir, "trunc", init);
	proc_wait(&p);
	assert_int_equal(p.status, 1);
	char back[4096];
	FILE *f = fopen(path, "rb");
	assert_int_equal(fread(back, 1, sizeof back, f), sizeof head);
	fclose(f);
	assert_memory_equal(back, head, sizeof head);

	/* In a directory that does not exist: nothing is created by use. */
	snprintf(path, sizeof path, "%s/no/such/dir/inmail.db", e->dir);
	proc_start(&p, exe, e->db, e->dir, "nodir", cmd);
	proc_wait(&p);
	assert_int_equal(p.status, 1);
	struct stat sb;
	snprintf(path, sizeof path, "%s/no", e->dir);
	assert_int_not_equal(stat(path, &sb), 0);
}

int main(void)
{
	exe = getenv("INMAIL_EXE");
	if (!exe) {
		fprintf(stderr, "INMAIL_EXE is not set\n");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(bodies_that_are_not_text, setup, teardown),
		cmocka_unit_test_setup_teardown(names_handles_and_clocks, setup, teardown),
		cmocka_unit_test_setup_teardown(disk_full_is_said_and_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(broken_database_files, setup, teardown),
	};
	return cmocka_run_group_tests_name("hostile", tests, NULL, NULL);
}
