/* SPEC 8 on the command line: inmail help [COMMAND] is inmail [COMMAND]
 * --help; an unknown command suggests the nearest; --version names the
 * version and the git revision.  None of it touches a database (FAILS
 * checks that none appears). */
#include "clirun.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The command names inmail --help lists, one per line of its Commands
 * section: every command, so one added later is checked too. */
static size_t listed_commands(struct cli *c, const char *names[], size_t max)
{
	const char *out = OUT(c, NULL, "--help");
	const char *p = strstr(out, "\nCommands");
	assert_non_null(p);
	p = strchr(p + 1, '\n');
	size_t n = 0;
	while (p && p[1] == ' ' && p[2] == ' ' && n < max) {
		const char *name = p + 3;
		size_t len = strcspn(name, " \n");
		names[n++] = cli_fmt(c, "%.*s", (int)len, name);
		p = strchr(name, '\n');
	}
	return n;
}

static void help_command_is_the_commands_own_help(void **state)
{
	struct cli *c = *state;
	const char *names[64];
	size_t n = listed_commands(c, names, 64);
	assert_true(n >= 17);
	int saw_send = 0, saw_help = 0;
	for (size_t i = 0; i < n; i++) {
		print_message("# help %s\n", names[i]);
		const struct cli_res *a = OK(c, NULL, "help", names[i]);
		const struct cli_res *b = OK(c, NULL, names[i], "--help");
		const struct cli_res *h = OK(c, NULL, names[i], "-h");
		assert_string_equal(a->out, b->out);
		assert_string_equal(a->out, h->out);
		assert_string_equal(a->err, "");
		assert_string_equal(b->err, "");
		assert_true(strncmp(a->out, "usage: inmail ", 14) == 0);
		assert_non_null(strstr(a->out, names[i]));
		saw_send += strcmp(names[i], "send") == 0;
		saw_help += strcmp(names[i], "help") == 0;
	}
	assert_int_equal(saw_send, 1);
	assert_int_equal(saw_help, 1);
	/* No command: the global help. */
	assert_string_equal(OUT(c, NULL, "help"), OUT(c, NULL, "--help"));
	/* The help of help. */
	assert_non_null(strstr(OUT(c, NULL, "help", "help"),
			       "usage: inmail help [COMMAND]"));
	/* Nothing was created on the way. */
	assert_string_equal(cli_snapshot(c), "(no database file)\n");
}

static void help_refuses_what_it_cannot_show(void **state)
{
	struct cli *c = *state;
	const struct cli_res *r = FAILS(c, 64, NULL, "help", "sned");
	assert_string_equal(r->err,
			    "inmail: unknown command 'sned'; did you mean 'send'?\n");
	FAILS(c, 64, NULL, "help", "send", "reply");
	FAILS(c, 64, NULL, "help", "--bogus");
}

static void unknown_command_suggests_the_nearest(void **state)
{
	struct cli *c = *state;
	static const char *const near[][2] = {
		{"sned", "send"},       /* two letters swapped */
		{"snd", "send"},        /* one left out */
		{"sendd", "send"},      /* one too many */
		{"lsit", "list"},
		{"shwo", "show"},
		{"stat", "stats"},
		{"replay", "reply"},
		{"follwup", "followup"},
		{"unarchiv", "unarchive"},
		{"notif", "notifications"}, /* the one command it begins */
		{"Init", "init"},
		{"hlep", "help"},
	};
	for (size_t i = 0; i < sizeof near / sizeof *near; i++) {
		print_message("# %s\n", near[i][0]);
		const struct cli_res *r = FAILS(c, 64, "rita", near[i][0], "1");
		assert_string_equal(r->err,
				    cli_fmt(c, "inmail: unknown command '%s'; did "
					    "you mean '%s'?\n", near[i][0],
					    near[i][1]));
	}
	/* Nothing near: no guess. */
	static const char *const far[] = {"xyzzy", "q", "ls", "frobnicate",
					  "credit-card"};
	for (size_t i = 0; i < sizeof far / sizeof *far; i++) {
		print_message("# %s\n", far[i]);
		const struct cli_res *r = FAILS(c, 64, NULL, far[i]);
		assert_string_equal(r->err,
				    cli_fmt(c, "inmail: unknown command '%s' (see "
					    "inmail --help)\n", far[i]));
	}
	/* What was typed is never shown raw. */
	const struct cli_res *r = FAILS(c, 64, NULL, "s\x1b[2Jnd");
	assert_null(strchr(r->err, '\x1b'));
}

/* "inmail VERSION", then " (git REVISION)" when built from a git tree. */
static void version_names_version_and_revision(void **state)
{
	struct cli *c = *state;
	const char *version = getenv("INMAIL_TEST_VERSION");
	const char *from_git = getenv("INMAIL_TEST_FROM_GIT");
	assert_non_null(version);
	assert_non_null(from_git);
	const struct cli_res *r = OK(c, NULL, "--version");
	assert_string_equal(r->err, "");
	const char *want = cli_fmt(c, "inmail %s", version);
	size_t wl = strlen(want);
	assert_true(strncmp(r->out, want, wl) == 0);
	const char *rest = r->out + wl;
	if (strcmp(from_git, "yes") != 0) {
		assert_string_equal(rest, "\n");
		return;
	}
	/* " (git 0123456789ab)" or git describe's "v1.0-3-g0123456789ab",
	 * perhaps "-dirty". */
	assert_true(strncmp(rest, " (git ", 6) == 0);
	const char *rev = rest + 6;
	size_t len = strcspn(rev, ")");
	assert_true(len >= 7);
	for (size_t i = 0; i < len; i++)
		assert_true(isalnum((unsigned char)rev[i]) || rev[i] == '-' ||
			    rev[i] == '.' || rev[i] == '_');
	assert_string_equal(rev + len, ")\n");
	/* The global options do not change it. */
	assert_string_equal(OUT(c, NULL, "--now", "2026-01-01", "--version"),
			    r->out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(help_command_is_the_commands_own_help, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(help_refuses_what_it_cannot_show, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(unknown_command_suggests_the_nearest, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(version_names_version_and_revision, cli_setup, cli_teardown),
	};
	return cmocka_run_group_tests_name("cli_help", tests, NULL, NULL);
}
