/* The config file is the TUI's (SPEC 8, issue 13): [general] account
 * opens that account's inbox, [keys] quit = Q replaces q (the footer says
 * Q), and [colors] unread = color208 draws the unread row in colour 208.
 * The real binary in a pty, read back through libvterm (tests/tui). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "harness.h"

#define T HARNESS_TIMEOUT_MS
#define NOW "2026-03-02T09:00:00Z"

/* Waits for text; on a timeout prints the screen, then fails. */
static void wait_for(struct term *t, const char *text)
{
	if (!term_wait(t, text, T))
		fail_msg("no '%s' on the screen:\n%s", text, term_screen(t));
}

static void test_config_in_the_tui(void **state)
{
	(void)state;
	char *dir = harness_tmpdir();
	assert_non_null(dir);
	char db[600], xdg[600], file[700], cmd[800];
	snprintf(db, sizeof db, "%s/i.db", dir);
	snprintf(xdg, sizeof xdg, "%s/xdg", dir);
	assert_int_equal(harness_cli_at(db, NOW, NULL, NULL, "init", NULL), 0);
	assert_int_equal(harness_cli_at(db, NOW, NULL, NULL, "user", "add", "rita",
					"--name", "Rita Recruiter", "--role",
					"recruiter", "--credits", "3", NULL), 0);
	assert_int_equal(harness_cli_at(db, NOW, NULL, NULL, "user", "add", "jose",
					"--name", "José Müller", "--role",
					"candidate", NULL), 0);
	assert_int_equal(harness_cli_at(db, NOW, "rita", NULL, "send", "--to",
					"jose", "--subject", "Senior C engineer",
					"--body", "Interested?", NULL), 0);
	mkdir(xdg, 0700);
	snprintf(file, sizeof file, "%s/inmail", xdg);
	mkdir(file, 0700);
	snprintf(file, sizeof file, "%s/inmail/config", xdg);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("[general]\naccount = jose\n[keys]\nquit = Q\n"
	      "[colors]\nunread = color208 default bold\n", f);
	assert_int_equal(fclose(f), 0);

	char e_xdg[700], e_db[700];
	snprintf(e_xdg, sizeof e_xdg, "XDG_CONFIG_HOME=%s", xdg);
	snprintf(e_db, sizeof e_db, "INMAIL_DB=%s", db);
	const char *env[] = {e_xdg, e_db, "INMAIL_NOW=" NOW, NULL};
	const char *args[] = {NULL};
	struct term *t = term_start(args, env, 30, 120);
	assert_non_null(t);
	/* The file's account: José's inbox, no --as. */
	wait_for(t, "José Müller");
	wait_for(t, "Rita Recruiter"); /* the InMail's row */
	/* The footer shows the key in force. */
	wait_for(t, "Q quit");
	/* The unread row in colour 208 (SGR 38;5;208). */
	size_t len = 0;
	const char *out = term_output(t, &len);
	assert_non_null(memmem(out, len, "38;5;208", 8));
	/* q no longer quits: the help overlay still opens after it. */
	term_type(t, "q");
	term_type(t, "?");
	wait_for(t, "Keys · any key closes");
	term_key(t, "Escape");
	assert_true(term_wait_gone(t, "Keys · any key closes", T));
	/* Q does. */
	term_type(t, "Q");
	assert_int_equal(term_wait_exit(t, T), 0);
	term_free(&t);

	/* A bad line: the TUI does not start; one line, FILE:LINE:, 64. */
	f = fopen(file, "w");
	assert_non_null(f);
	fputs("[keys]\nquit = Q\nfly = f\n", f);
	assert_int_equal(fclose(f), 0);
	t = term_start(args, env, 30, 120);
	assert_non_null(t);
	snprintf(cmd, sizeof cmd, "%s:3: no action 'fly'", file);
	wait_for(t, cmd);
	assert_int_equal(term_end(&t, T), 64);
	assert_true(harness_rmdir(dir));
}

int main(void)
{
	unsetenv("INMAIL_USER");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_in_the_tui),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
