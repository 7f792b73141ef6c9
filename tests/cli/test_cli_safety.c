/* SPEC 5 and 6 through the CLI: plain output never carries control
 * characters or bidi overrides that another program wrote into the
 * database; the database file's modes; init is idempotent; a foreign, a
 * non-SQLite or a newer database is refused and left untouched; a busy
 * database waits instead of failing. */
#include "clirun.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#define ESC "\x1b"
#define RLO "\xE2\x80\xAE" /* U+202E RIGHT-TO-LEFT OVERRIDE */
#define CSI1 "\xC2\x9B"    /* U+009B, a C1 control */

static void assert_clean(const char *what, const char *s)
{
	if (strchr(s, 0x1b) || strchr(s, 0x07) || strstr(s, RLO) ||
	    strstr(s, CSI1)) {
		print_error("%s carries a raw control or bidi character:\n%s\n",
			    what, s);
		fail();
	}
}

/* Another program writes ESC, BEL, C1 and U+202E into names, the subject
 * and a body. */
static void poison(struct cli *c)
{
	SQL(c, "UPDATE account SET name = 'Jos' || char(27) || '[31m' || "
	       "char(8238) || 'rellüM' WHERE handle = 'jose';"
	       "UPDATE account SET name = 'Rita' || char(27) || ']0;pwned' || "
	       "char(7) WHERE handle = 'rita';"
	       "UPDATE thread SET subject = 'Job' || char(27) || '[2J' || "
	       "char(8238) || 'gpj.exe' || char(155) || '31m' WHERE id = 1;"
	       "UPDATE message SET body = 'Hello' || char(27) || '[1;31mred' || "
	       "char(8238) || 'txt.exe' WHERE id = 1;");
}

static void plain_output_shows_marks(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	OK(c, "rita", "send", "--to", "jose", "--subject", "Job", "--body", "Hi");
	poison(c);
	cli_at(c, "2026-03-03T09:00:00Z");
	OK(c, "jose", "reply", "1", "--smart", "no");

	const char *show = OUT(c, "rita", "show", "1");
	assert_clean("show (recruiter)", show);
	assert_non_null(strstr(show, "^["));
	assert_non_null(strstr(show, "<U+202E>"));
	assert_non_null(strstr(show, "gpj.exe"));
	const char *show_c = OUT(c, "jose", "show", "1");
	assert_clean("show (candidate)", show_c);
	assert_non_null(strstr(show_c, "^["));
	assert_non_null(strstr(show_c, "<U+202E>"));

	const char *lists[][2] = {{"rita", "sent"}, {"rita", "inbox"},
				  {"jose", "messages"}};
	for (size_t i = 0; i < 3; i++) {
		const char *out = OUT(c, lists[i][0], "list", "--folder",
				      lists[i][1]);
		assert_clean(lists[i][1], out);
		assert_non_null(strstr(out, "<U+202E>"));
		assert_non_null(strstr(out, "^["));
	}
	const char *notes = OUT(c, "rita", "notifications");
	assert_clean("notifications", notes);
	const char *users = OUT(c, NULL, "user", "list");
	assert_clean("user list", users);
	assert_non_null(strstr(users, "^["));

	/* The refusal's reason quotes the name: clean on stderr too. */
	const struct cli_res *r = FAILS(c, 77, "rita", "reply", "1", "--body",
					"x");
	assert_clean("stderr", r->err);

	/* In the C locale as well. */
	static const char *const c_locale[] = {"LC_ALL=C", "LANG=C", NULL};
	c->extra_env = c_locale;
	assert_clean("show, LC_ALL=C", OUT(c, "rita", "show", "1"));
	assert_clean("list, LC_ALL=C", OUT(c, "jose", "list"));
	c->extra_env = NULL;

	/* JSON escapes them as JSON does and keeps the data. */
	const struct cli_res *j = OK(c, "rita", "show", "1", "--json");
	assert_null(strchr(j->out, 0x1b));
	assert_true(strstr(j->out, "\\u001b") || strstr(j->out, "\\u001B"));
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "subject"),
			    "Job" ESC "[2J" RLO "gpj.exe" CSI1 "31m");
	assert_string_equal(JSTR(JGET(t, "candidate"), "name"),
			    "Jos" ESC "[31m" RLO "rellüM");
	assert_string_equal(JSTR(MSG(t, 0), "body"),
			    "Hello" ESC "[1;31mred" RLO "txt.exe");
}

/* Bidi and zero-width characters typed by users are accepted, and plain
 * output shows them as marks. */
static void typed_bidi_shown_as_marks(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	OK(c, "rita", "send", "--to", "jose", "--subject", "Offer" RLO "fdp.exe",
	   "--body", "Open" RLO "me\xE2\x80\x8B" "now");
	const char *show = OUT(c, "jose", "show", "1");
	assert_clean("show", show);
	assert_non_null(strstr(show, "<U+202E>"));
	assert_null(strstr(show, "\xE2\x80\x8B"));
	assert_clean("list", OUT(c, "jose", "list"));
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

static void db_modes_and_idempotent_init(void **state)
{
	struct cli *c = *state;
	mode_t old = umask(0);
	const struct cli_res *r = cli_run(c, NULL, CLI_ARGV("init"));
	umask(old);
	assert_int_equal(r->code, 0);
	assert_int_equal(mode_of(c->db), 0600);
	assert_int_equal(mode_of(cli_path(c, "data")), 0700);

	OK(c, NULL, "user", "add", "rita", "--name", "Rita Recruiter", "--role",
	   "recruiter", "--credits", "2");
	const char *before = strdup(cli_snapshot(c));
	assert_non_null(before);
	OK(c, NULL, "init");
	OK(c, NULL, "init");
	const char *after = cli_snapshot(c);
	int same = strcmp(before, after) == 0;
	free((void *)before);
	assert_true(same);
	assert_int_equal(CREDITS(c, "rita"), 2);
	assert_int_equal(mode_of(c->db), 0600);
}

static void default_path_under_xdg_and_home(void **state)
{
	struct cli *c = *state;
	const char *xdg = cli_path(c, "xdg");
	const char *const env1[] = {"INMAIL_DB", cli_fmt(c, "XDG_DATA_HOME=%s", xdg),
				    NULL};
	c->extra_env = env1;
	OK(c, NULL, "init");
	const char *db = cli_path(c, "xdg/inmail/inmail.db");
	assert_int_equal(mode_of(db), 0600);
	assert_int_equal(mode_of(cli_path(c, "xdg/inmail")), 0700);

	const char *home = cli_path(c, "home");
	const char *const env2[] = {"INMAIL_DB", "XDG_DATA_HOME",
				    cli_fmt(c, "HOME=%s", home), NULL};
	c->extra_env = env2;
	OK(c, NULL, "init");
	assert_int_equal(mode_of(cli_path(c, "home/.local/share/inmail/inmail.db")),
			 0600);
	assert_int_equal(mode_of(cli_path(c, "home/.local/share/inmail")), 0700);
	c->extra_env = NULL;
}

/* Only NAME is in the directory DIR. */
static void only_file(struct cli *c, const char *dir, const char *name)
{
	(void)c;
	size_t n = 0;
	int found = 0;
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		if (strcmp(e->d_name, name) == 0)
			found = 1;
		else
			print_error("unexpected file %s/%s\n", dir, e->d_name);
	}
	closedir(d);
	assert_true(found);
	assert_int_equal(n, 1);
}

static void not_sqlite_refused_untouched(void **state)
{
	struct cli *c = *state;
	const char *data = cli_path(c, "data");
	assert_int_equal(mkdir(data, 0700), 0);
	static const char text[] = "Dear diary,\nthis is not a database at all.\n"
				   "It has a few lines of text and nothing else.\n";
	cli_write_file(c, "data/inmail.db", text, sizeof text - 1);
	const char *const *cmds[] = {
		CLI_ARGV("init"), CLI_ARGV("user", "list"),
		CLI_ARGV("--as", "rita", "list"),
		CLI_ARGV("user", "add", "rita", "--name", "R", "--role",
			 "recruiter"),
	};
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
		const struct cli_res *r = cli_fails_at(c, 1, NULL, cmds[i],
						       __FILE__, __LINE__);
		assert_null(strstr(r->err, "Dear diary"));
		size_t len = 0;
		const char *now = cli_read_file(c, c->db, &len);
		assert_int_equal(len, sizeof text - 1);
		assert_memory_equal(now, text, len);
	}
	only_file(c, data, "inmail.db");
}

static void foreign_sqlite_refused_untouched(void **state)
{
	struct cli *c = *state;
	assert_int_equal(mkdir(cli_path(c, "data"), 0700), 0);
	/* An SQLite database of some other program. */
	FILE *f = fopen(c->db, "wb");
	assert_non_null(f);
	fclose(f);
	SQL(c, "CREATE TABLE recipes (name TEXT); "
	       "INSERT INTO recipes VALUES ('pancakes');");
	size_t len0 = 0;
	char *bytes0 = cli_read_file(c, c->db, &len0);
	assert_non_null(bytes0);
	FAILS(c, 1, NULL, "init");
	FAILS(c, 1, NULL, "user", "list");
	size_t len1 = 0;
	char *bytes1 = cli_read_file(c, c->db, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(bytes0, bytes1, len0);
}

static void newer_schema_refused_untouched(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	OK(c, "rita", "send", "--to", "jose", "--subject", "S", "--body", "Hi");
	/* A copy, marked as written by a newer inmail. */
	size_t len = 0;
	const char *orig = cli_read_file(c, c->db, &len);
	assert_non_null(orig);
	cli_write_file(c, "data/newer.db", orig, len);
	snprintf(c->db, sizeof c->db, "%s/data/newer.db", c->dir);
	SQL(c, "PRAGMA user_version = 99;");
	size_t len0 = 0;
	char *bytes0 = cli_read_file(c, c->db, &len0);

	const struct cli_res *r = FAILS(c, 1, NULL, "init");
	assert_non_null(strstr(r->err, "newer"));
	FAILS(c, 1, NULL, "user", "list", "--json");
	FAILS(c, 1, "rita", "list", "--json");
	FAILS(c, 1, "rita", "send", "--to", "jose", "--subject", "S", "--body",
	      "Hi");
	FAILS(c, 1, "jose", "reply", "1", "--smart", "yes");

	size_t len1 = 0;
	char *bytes1 = cli_read_file(c, c->db, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(bytes0, bytes1, len0);
	const char *snap = cli_snapshot(c);
	assert_non_null(strstr(snap, "user_version 99\n"));
}

static void missing_database_is_not_created_by_commands(void **state)
{
	struct cli *c = *state;
	/* Only init creates; a command on a missing database fails. */
	const struct cli_res *r = RUN(c, "rita", "list");
	assert_int_not_equal(r->code, 0);
	assert_int_equal(cli_lines(r->err), 1);
	struct stat st;
	assert_int_not_equal(stat(c->db, &st), 0);
}

/* Another process holds the write lock for a while: the command waits
 * and succeeds. */
static void busy_database_waits(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	int ready[2];
	assert_int_equal(pipe(ready), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *db = NULL;
		char ok = 0;
		if (sqlite3_open_v2(c->db, &db, SQLITE_OPEN_READWRITE, NULL) ==
			    SQLITE_OK &&
		    sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) ==
			    SQLITE_OK)
			ok = 1;
		if (write(ready[1], &ok, 1) != 1)
			_exit(2);
		struct timespec ts = {1, 200000000};
		nanosleep(&ts, NULL);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(db);
		_exit(ok ? 0 : 1);
	}
	close(ready[1]);
	char ok = 0;
	assert_int_equal(read(ready[0], &ok, 1), 1);
	close(ready[0]);
	assert_int_equal(ok, 1);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	const struct cli_res *r = RUN(c, "rita", "send", "--to", "jose",
				      "--subject", "S", "--body", "Hi");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	int status = 0;
	waitpid(pid, &status, 0);
	if (r->code != 0)
		print_error("send while busy: exit %d: %s\n", r->code, r->err);
	assert_int_equal(r->code, 0);
	assert_string_equal(r->out, "1\n");
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	double waited = (double)(t1.tv_sec - t0.tv_sec) +
			(double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(waited > 0.5);
	assert_int_equal(CREDITS(c, "rita"), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(plain_output_shows_marks, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(typed_bidi_shown_as_marks, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(db_modes_and_idempotent_init, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(default_path_under_xdg_and_home, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(not_sqlite_refused_untouched, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(foreign_sqlite_refused_untouched, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(newer_schema_refused_untouched, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(missing_database_is_not_created_by_commands, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(busy_database_waits, cli_setup, cli_teardown),
	};
	return cmocka_run_group_tests_name("cli_safety", tests, NULL, NULL);
}
