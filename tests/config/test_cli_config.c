/* The config file from outside (SPEC 8): inmail config check / show, the
 * [general] settings under the variables and the options, and one
 * FILE:LINE line with exit 64 for a bad file, whatever the command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clirun.h"

/* XDG_CONFIG_HOME is the test's directory; INMAIL_USER is unset. */
static const char *env[3];

static const char *config_path(struct cli *c)
{
	return cli_path(c, "xdg/inmail/config");
}

static void write_config(struct cli *c, const char *text)
{
	mkdir(cli_path(c, "xdg"), 0700);
	mkdir(cli_path(c, "xdg/inmail"), 0700);
	cli_write_file(c, "xdg/inmail/config", text, strlen(text));
}

static struct cli *fresh(void)
{
	struct cli *c = cli_new();
	env[0] = cli_fmt(c, "XDG_CONFIG_HOME=%s", cli_path(c, "xdg"));
	env[1] = "INMAIL_USER";
	env[2] = NULL;
	c->extra_env = env;
	cli_at(c, "2026-03-02T09:00:00Z");
	return c;
}

/* The run failed with code and one line on stderr that holds want. */
static void fails_with(const struct cli_res *r, int code, const char *want)
{
	if (r->code != code || cli_lines(r->err) != 1 || !strstr(r->err, want))
		fail_msg("want exit %d and one line with '%s'; got %d, '%s'",
			 code, want, r->code, r->err);
}

static void test_no_file(void **state)
{
	(void)state;
	struct cli *c = fresh();
	const struct cli_res *r = OK(c, NULL, "config", "check");
	assert_non_null(strstr(r->out, "no such file; the defaults are in force"));
	r = OK(c, NULL, "config", "show");
	assert_non_null(strstr(r->out, "keys.quit = q  (default)\n"));
	assert_non_null(strstr(r->out, "keys.move-down = Down j  (default)\n"));
	assert_non_null(strstr(r->out, "colors.unread = default default bold  (default)\n"));
	assert_non_null(strstr(r->out, cli_fmt(c, "general.db = %s  (INMAIL_DB)\n", c->db)));
	assert_non_null(strstr(r->out, "general.account = (none: give --as)  (default)\n"));
	/* A named file must be there. */
	fails_with(RUN(c, NULL, "config", "check", cli_path(c, "nope")), 66,
		   "nope: no such file");
	fails_with(RUN(c, NULL, "config"), 64, "check or show");
	fails_with(RUN(c, NULL, "config", "frob"), 64, "unknown 'frob'");
	assert_non_null(strstr(OUT(c, NULL, "config", "--help"), "inmail config check [FILE]"));
	cli_free(&c);
}

static void test_general_precedence(void **state)
{
	(void)state;
	struct cli *c = fresh();
	CAST(c, 5);
	write_config(c, "# mine\n[general]\naccount = rita\n");
	/* The file's account acts when neither --as nor INMAIL_USER says. */
	OK(c, NULL, "send", "--to", "jose", "--subject", "Hi", "--body", "Hello");
	assert_int_equal(CREDITS(c, "rita"), 4);
	const struct cli_res *r = OK(c, NULL, "config", "show");
	assert_non_null(strstr(r->out, cli_fmt(c, "general.account = rita  (%s:3)\n",
					       config_path(c))));
	/* The variable beats the file; the option beats both. */
	const char *env2[] = {env[0], "INMAIL_USER=rob", NULL};
	c->extra_env = env2;
	r = OK(c, NULL, "config", "show");
	assert_non_null(strstr(r->out, "general.account = rob  (INMAIL_USER)\n"));
	json_t *j = JSON(c, NULL, "stats", "--json");
	assert_int_equal(json_integer_value(json_object_get(j, "sent")), 0);
	r = OK(c, "ana", "config", "show");
	assert_non_null(strstr(r->out, "general.account = ana  (--as)\n"));
	c->extra_env = env;

	/* db: the file beats the default, the variable beats the file. */
	const char *other = cli_path(c, "other.db");
	write_config(c, cli_fmt(c, "[general]\ndb = \"%s\"\naccount = rita\n", other));
	const char *env3[] = {env[0], "INMAIL_USER", "INMAIL_DB", NULL};
	c->extra_env = env3;
	r = OK(c, NULL, "init");
	assert_non_null(strstr(r->out, other));
	struct stat st;
	assert_int_equal(stat(other, &st), 0);
	r = OK(c, NULL, "config", "show");
	assert_non_null(strstr(r->out, cli_fmt(c, "general.db = %s  (%s:2)\n", other,
					       config_path(c))));
	r = OK(c, NULL, "--db", c->db, "config", "show");
	assert_non_null(strstr(r->out, cli_fmt(c, "general.db = %s  (--db)\n", c->db)));
	c->extra_env = env;
	r = OK(c, NULL, "config", "show");
	assert_non_null(strstr(r->out, cli_fmt(c, "general.db = %s  (INMAIL_DB)\n", c->db)));
	cli_free(&c);
}

/* A bad config file stops every command with FILE:LINE: and 64. */
static void test_bad_line(void **state)
{
	(void)state;
	struct cli *c = fresh();
	CAST(c, 5);
	static const struct { const char *text, *want; } bad[] = {
		{"[general]\naccount = rita\n\nuser = x\n", ":4: unknown setting 'user' in [general]"},
		{"[mail]\n", ":1: unknown section [mail]"},
		{"[keys]\nquit = Q\nquit = q\n", ":3: 'quit' is set twice in [keys] (first on line 2)"},
		{"[keys]\nfly = f\n", ":2: no action 'fly'"},
		{"[keys]\nquit = Hyper-Q\n", ":2: quit: 'Hyper-Q'"},
		{"[keys]\narchive = C-c\n", ":2: archive: C-c always quits"},
		{"[colors]\nunread = purple default\n", ":2: unread: 'purple'"},
		{"[colors]\nunread = red default shiny\n", ":2: unread: 'shiny'"},
		{"[colors]\nunread = red blue green\n", ":2: unread: 'green'"},
		{"[colors]\nsparkle = red default\n", ":2: no drawn element 'sparkle'"},
		{"[keys]\r\nquit = \xff\r\n", ":2: not UTF-8"},
		{"[general]\naccount = \"rita\n", ":2: the quoted value has no closing"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		write_config(c, bad[i].text);
		const char *want = cli_fmt(c, "inmail: %s%s", config_path(c), bad[i].want);
		fails_with(RUN(c, "rita", "list"), 64, want);
		fails_with(RUN(c, "rita", "config", "check"), 64, want);
		fails_with(RUN(c, "rita", "config", "show"), 64, want);
		/* The same file named elsewhere. */
		const char *p = cli_write_file(c, "named.conf", bad[i].text,
					       strlen(bad[i].text));
		fails_with(RUN(c, NULL, "config", "check", p), 64,
			   cli_fmt(c, "inmail: %s%s", p, bad[i].want));
	}
	/* A bad default file does not stop checking another one. */
	const char *good = "[keys]\nquit = Q\nmove-down = j,Down C-n\n"
			   "[colors]\nunread = color208 default bold underline\n";
	const char *p = cli_write_file(c, "good.conf", good, strlen(good));
	const struct cli_res *r = OK(c, NULL, "config", "check", p);
	assert_string_equal(r->out, cli_fmt(c, "%s: ok\n", p));
	write_config(c, good);
	r = OK(c, NULL, "config", "show");
	assert_non_null(strstr(r->out, cli_fmt(c, "keys.quit = Q  (%s:2)\n", config_path(c))));
	assert_non_null(strstr(r->out, cli_fmt(c, "colors.unread = color208 default bold underline  (%s:5)\n",
					       config_path(c))));
	assert_non_null(strstr(r->out, cli_fmt(c, "keys.move-down = j Down C-n  (%s:3)\n", config_path(c))));
	assert_non_null(strstr(r->out, "keys.archive = a  (default)\n"));
	/* C-c is no setting: it always quits. */
	assert_null(strstr(r->out, "C-c  (default)"));
	OK(c, "rita", "list");
	cli_free(&c);
}

/* A file may swap two actions' keys: its bindings are checked against
 * each other, not against the defaults they replace (it was refused in
 * either order, each error saying to rebind the other first); a real
 * conflict inside the file is still one line. */
static void test_swapped_keys(void **state)
{
	(void)state;
	struct cli *c = fresh();
	CAST(c, 5);
	const char *swap = "[keys]\nmove-up = j\nmove-down = k\n";
	const char *p = cli_write_file(c, "swap.conf", swap, strlen(swap));
	const struct cli_res *r = OK(c, NULL, "config", "check", p);
	assert_string_equal(r->out, cli_fmt(c, "%s: ok\n", p));
	write_config(c, swap);
	r = OK(c, NULL, "config", "show");
	assert_non_null(strstr(r->out, cli_fmt(c, "keys.move-up = j  (%s:2)\n", config_path(c))));
	assert_non_null(strstr(r->out, cli_fmt(c, "keys.move-down = k  (%s:3)\n", config_path(c))));
	const char *clash = "[keys]\nmove-up = j\nmove-down = j\n";
	p = cli_write_file(c, "clash.conf", clash, strlen(clash));
	fails_with(RUN(c, NULL, "config", "check", p), 64,
		   cli_fmt(c, "inmail: %s:3: move-down: a key of 'j' is move-up's", p));
	cli_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_file),
		cmocka_unit_test(test_general_precedence),
		cmocka_unit_test(test_bad_line),
		cmocka_unit_test(test_swapped_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
