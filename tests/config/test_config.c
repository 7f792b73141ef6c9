/* The configuration file's grammar and the order of precedence (SPEC 8):
 * NULL and empty first, then comments, quoting, the errors (each one line
 * naming the file and line), and the layers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

/* Parses text as "cfg"; returns the code, *err the message (or NULL). */
static int parse(struct im_config *c, const char *text, char **err)
{
	return im_config_parse(c, "cfg", text, strlen(text), err);
}

/* The error of a text that must be refused with 64. */
static char *refused(const char *text)
{
	struct im_config *c = im_config_new();
	assert_non_null(c);
	char *err = NULL;
	assert_int_equal(parse(c, text, &err), 64);
	assert_non_null(err);
	assert_null(strchr(err, '\n'));
	/* Nothing of a bad file counts. */
	assert_int_equal(im_config_count(c), 0);
	im_config_free(&c);
	return err;
}

static void expect_refused(const char *text, const char *want)
{
	char *err = refused(text);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("'%s' gave '%s', want '%s...'", text, err, want);
	free(err);
}

static void test_null_and_empty(void **state)
{
	(void)state;
	im_config_free(NULL);
	struct im_config *n = NULL;
	im_config_free(&n);
	assert_int_equal(im_config_count(NULL), 0);
	assert_null(im_config_at(NULL, 0));
	assert_null(im_config_get(NULL, "general", "db"));
	assert_null(im_config_value(NULL, "general", "db"));
	assert_int_equal(im_config_parse(NULL, "x", "", 0, NULL), 1);
	assert_int_equal(im_config_set(NULL, "general", "db", "x",
				       IM_CONFIG_FILE, NULL), 0);
	assert_int_equal(im_config_check(NULL, NULL, NULL, NULL), 0);

	struct im_config *c = im_config_new();
	char *err = (char *)"untouched";
	assert_int_equal(im_config_parse(c, "x", NULL, 0, &err), 0);
	assert_null(err);
	assert_int_equal(parse(c, "", &err), 0);
	assert_int_equal(parse(c, "\n\n   \n\t\n", &err), 0);
	assert_int_equal(im_config_count(c), 0);
	assert_null(im_config_get(c, NULL, NULL));
	assert_null(im_config_at(c, 0));
	/* NULL and "" set nothing. */
	assert_int_equal(im_config_set(c, "general", "db", NULL,
				       IM_CONFIG_ENV, "INMAIL_DB"), 0);
	assert_int_equal(im_config_set(c, "general", "db", "",
				       IM_CONFIG_ENV, "INMAIL_DB"), 0);
	assert_int_equal(im_config_count(c), 0);
	im_config_free(&c);
	assert_null(c);
}

static void test_comments_and_sections(void **state)
{
	(void)state;
	struct im_config *c = im_config_new();
	char *err = NULL;
	assert_int_equal(parse(c,
		"# a comment\n"
		"; another\n"
		"   # indented\n"
		"[general]\n"
		"account = rita\n"
		"  [ keys ]  \n"
		"move-down = j Down\n"
		"archive=a\n"
		"search = #\n"
		"[colors]\n"
		"unread = default default bold\n"
		"[general]\n"
		"db = /tmp/x.db\n", &err), 0);
	assert_null(err);
	assert_int_equal(im_config_count(c), 6);
	assert_string_equal(im_config_value(c, "general", "account"), "rita");
	assert_string_equal(im_config_value(c, "keys", "move-down"), "j Down");
	assert_string_equal(im_config_value(c, "keys", "archive"), "a");
	/* # inside a value is the value (a key may be #). */
	assert_string_equal(im_config_value(c, "keys", "search"), "#");
	const struct im_config_entry *e = im_config_get(c, "colors", "unread");
	assert_non_null(e);
	assert_string_equal(e->value, "default default bold");
	assert_int_equal(e->origin, IM_CONFIG_FILE);
	assert_string_equal(e->file, "cfg");
	assert_int_equal(e->line, 11);
	assert_string_equal(e->where, "cfg:11");
	assert_string_equal(im_config_at(c, 0)->name, "account");
	assert_string_equal(im_config_value(c, "general", "db"), "/tmp/x.db");
	im_config_free(&c);
}

static void test_quoting(void **state)
{
	(void)state;
	struct im_config *c = im_config_new();
	char *err = NULL;
	assert_int_equal(parse(c,
		"[general]\n"
		"db = \"/tmp/with space # and \\\"quote\\\" \\\\ \"\n"
		"[keys]\n"
		"quit = \"\"\n", &err), 0);
	assert_string_equal(im_config_value(c, "general", "db"),
			    "/tmp/with space # and \"quote\" \\ ");
	assert_string_equal(im_config_value(c, "keys", "quit"), "");
	im_config_free(&c);
	expect_refused("[general]\ndb = \"/tmp/x", "cfg:2: the quoted value has no closing");
	expect_refused("[general]\ndb = \"/tmp/x\" y", "cfg:2: text after the closing");
	expect_refused("[general]\ndb = \"a\\nb\"", "cfg:2: in a quoted value");
	expect_refused("[general]\ndb = \"\"", "cfg:2: 'db' has no value");
	expect_refused("[general]\ndb =", "cfg:2: 'db' has no value");
}

static void test_home(void **state)
{
	(void)state;
	struct im_config *c = im_config_new();
	char *err = NULL;
	setenv("HOME", "/home/test", 1);
	assert_int_equal(parse(c, "[general]\ndb = ~/m/i.db\n", &err), 0);
	assert_string_equal(im_config_value(c, "general", "db"),
			    "/home/test/m/i.db");
	im_config_free(&c);
	unsetenv("HOME");
	expect_refused("[general]\ndb = ~/m/i.db\n", "cfg:2: '~/m/i.db' starts with ~/ but HOME");
}

static void test_unknown(void **state)
{
	(void)state;
	expect_refused("[general]\n[mail]\n", "cfg:2: unknown section [mail]");
	expect_refused("[general\n", "cfg:1: a section is [NAME]");
	expect_refused("[general] x\n", "cfg:1: a section is [NAME]");
	expect_refused("\n[general]\nuser = rita\n",
		       "cfg:3: unknown setting 'user' in [general]");
	expect_refused("db = x\n", "cfg:1: 'db' comes before any [section]");
	expect_refused("[keys]\njust words\n", "cfg:2: expected NAME = VALUE");
	expect_refused("[keys]\n= j\n", "cfg:2: a setting with no name");
	expect_refused("[keys]\nMove Down = j\n", "cfg:2: 'Move Down' is not a name");
}

static void test_duplicate(void **state)
{
	(void)state;
	expect_refused("[keys]\nquit = q\n\n[colors]\n[keys]\nquit = Q\n",
		       "cfg:6: 'quit' is set twice in [keys] (first on line 2)");
	/* The same name in two sections is two settings. */
	struct im_config *c = im_config_new();
	assert_int_equal(parse(c, "[keys]\nhelp = ?\n[colors]\nhelp = red\n",
			       NULL), 0);
	assert_int_equal(im_config_count(c), 2);
	im_config_free(&c);
}

static void test_long_line(void **state)
{
	(void)state;
	char *text = malloc(IM_CONFIG_LINE_MAX + 64);
	assert_non_null(text);
	int n = sprintf(text, "[keys]\nquit = ");
	/* Exactly the longest line is fine... */
	memset(text + n, 'q', IM_CONFIG_LINE_MAX - 7);
	text[n + IM_CONFIG_LINE_MAX - 7] = '\0';
	struct im_config *c = im_config_new();
	assert_int_equal(parse(c, text, NULL), 0);
	im_config_free(&c);
	/* ...one byte more is not. */
	strcat(text, "q");
	char *err = refused(text);
	assert_string_equal(err, "cfg:2: the line is longer than 1024 bytes");
	free(err);
	free(text);
}

static void test_bad_bytes(void **state)
{
	(void)state;
	expect_refused("[keys]\nquit = \xff\n", "cfg:2: not UTF-8");
	expect_refused("[keys]\nquit = \xc0\xaf\n", "cfg:2: not UTF-8");
	expect_refused("[keys]\nquit = \xed\xa0\x80\n", "cfg:2: not UTF-8");
	expect_refused("[keys]\nquit = \x1b[31m\n", "cfg:2: a control character (byte 0x1b)");
	struct im_config *c = im_config_new();
	char *err = NULL;
	assert_int_equal(im_config_parse(c, "cfg", "[keys]\nq = a\0b\n", 13,
					 &err), 64);
	assert_string_equal(err, "cfg:2: a NUL byte");
	free(err);
	/* UTF-8 and a tab are text; a byte order mark is skipped. */
	assert_int_equal(parse(c, "\xef\xbb\xbf[keys]\nquit =\tQ é ß\n", &err), 0);
	assert_string_equal(im_config_value(c, "keys", "quit"), "Q é ß");
	im_config_free(&c);
}

static void test_crlf(void **state)
{
	(void)state;
	struct im_config *c = im_config_new();
	char *err = NULL;
	assert_int_equal(parse(c, "[general]\r\naccount = rita\r\n\r\n"
				  "[keys]\r\nquit = Q\r\n", &err), 0);
	assert_string_equal(im_config_value(c, "general", "account"), "rita");
	assert_string_equal(im_config_value(c, "keys", "quit"), "Q");
	assert_int_equal(im_config_get(c, "keys", "quit")->line, 5);
	im_config_free(&c);
	/* A lone CR inside a line is a control character. */
	expect_refused("[keys]\nquit = a\rb\n", "cfg:2: a control character (byte 0x0d)");
	/* The last line needs no newline. */
	c = im_config_new();
	assert_int_equal(parse(c, "[keys]\nquit = Q", NULL), 0);
	assert_string_equal(im_config_value(c, "keys", "quit"), "Q");
	im_config_free(&c);
}

static void test_precedence(void **state)
{
	(void)state;
	struct im_config *c = im_config_new();
	/* option > variable > file > default, whatever the order of calls */
	assert_int_equal(im_config_set(c, "general", "db", "/opt.db",
				       IM_CONFIG_OPTION, "--db"), 0);
	assert_int_equal(im_config_set(c, "general", "db", "/env.db",
				       IM_CONFIG_ENV, "INMAIL_DB"), 0);
	assert_int_equal(parse(c, "[general]\ndb = /file.db\naccount = rita\n",
			       NULL), 0);
	assert_int_equal(im_config_set(c, "general", "db", "/def.db",
				       IM_CONFIG_DEFAULT, "default"), 0);
	const struct im_config_entry *e = im_config_get(c, "general", "db");
	assert_string_equal(e->value, "/opt.db");
	assert_string_equal(e->where, "--db");
	assert_int_equal(e->origin, IM_CONFIG_OPTION);
	e = im_config_get(c, "general", "account");
	assert_string_equal(e->value, "rita");
	assert_string_equal(e->where, "cfg:3");
	assert_int_equal(im_config_set(c, "general", "account", "ana",
				       IM_CONFIG_ENV, "INMAIL_USER"), 0);
	assert_string_equal(im_config_value(c, "general", "account"), "ana");
	assert_string_equal(im_config_get(c, "general", "account")->where,
			    "INMAIL_USER");
	assert_string_equal(im_config_origin_name(IM_CONFIG_ENV), "variable");
	im_config_free(&c);
}

static char tmpdir[64];

static const char *write_file(const char *name, const char *text)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void test_load(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/test-config-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	char dir[128];
	snprintf(dir, sizeof dir, "%s/inmail", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	char *p = im_config_default_path();
	char want[160];
	snprintf(want, sizeof want, "%s/inmail/config", tmpdir);
	assert_string_equal(p, want);
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("HOME", "/home/t", 1);
	p = im_config_default_path();
	assert_string_equal(p, "/home/t/.config/inmail/config");
	free(p);
	unsetenv("HOME");
	unsetenv("XDG_CONFIG_HOME");
	assert_null(im_config_default_path());
	setenv("XDG_CONFIG_HOME", tmpdir, 1);

	unsetenv("INMAIL_DB");
	unsetenv("INMAIL_USER");
	/* No file: the default. */
	struct im_config *c = NULL;
	char *err = NULL;
	assert_int_equal(im_config_load(&c, NULL, "/def.db", NULL, NULL, &err), 0);
	assert_string_equal(im_config_value(c, "general", "db"), "/def.db");
	assert_string_equal(im_config_get(c, "general", "db")->where, "default");
	assert_null(im_config_get(c, "general", "account"));
	im_config_free(&c);

	/* The file, the variables, the options, in that order. */
	write_file("inmail/config", "[general]\ndb = /file.db\naccount = rita\n");
	assert_int_equal(im_config_load(&c, NULL, "/def.db", NULL, NULL, &err), 0);
	assert_string_equal(im_config_value(c, "general", "db"), "/file.db");
	assert_string_equal(im_config_value(c, "general", "account"), "rita");
	im_config_free(&c);
	setenv("INMAIL_DB", "/env.db", 1);
	setenv("INMAIL_USER", "", 1); /* empty is unset */
	assert_int_equal(im_config_load(&c, NULL, "/def.db", NULL, NULL, &err), 0);
	assert_string_equal(im_config_value(c, "general", "db"), "/env.db");
	assert_string_equal(im_config_value(c, "general", "account"), "rita");
	im_config_free(&c);
	setenv("INMAIL_USER", "ana", 1);
	assert_int_equal(im_config_load(&c, NULL, "/def.db", "/opt.db", "jose", &err), 0);
	assert_string_equal(im_config_value(c, "general", "db"), "/opt.db");
	assert_string_equal(im_config_value(c, "general", "account"), "jose");
	assert_string_equal(im_config_get(c, "general", "account")->where, "--as");
	im_config_free(&c);
	unsetenv("INMAIL_DB");
	unsetenv("INMAIL_USER");

	/* A bad default file: one line, and no config. */
	const char *cfg = write_file("inmail/config", "[general]\n\nfoo = 1\n");
	assert_int_equal(im_config_load(&c, NULL, NULL, NULL, NULL, &err), 64);
	assert_null(c);
	char want_err[200];
	snprintf(want_err, sizeof want_err, "%s:3: unknown setting 'foo'", cfg);
	assert_memory_equal(err, want_err, strlen(want_err));
	free(err);
	unlink(cfg);

	/* A named file must exist. */
	snprintf(want, sizeof want, "%s/none", tmpdir);
	assert_int_equal(im_config_load(&c, want, NULL, NULL, NULL, &err), 66);
	snprintf(want_err, sizeof want_err, "%s/none: no such file", tmpdir);
	assert_string_equal(err, want_err);
	free(err);
	/* A directory is not a config file. */
	assert_int_equal(im_config_load(&c, dir, NULL, NULL, NULL, &err), 64);
	assert_non_null(strstr(err, "is a directory"));
	free(err);
	rmdir(dir);
	rmdir(tmpdir);
	unsetenv("XDG_CONFIG_HOME");
}

static bool check_keys(void *ud, const struct im_config_entry *e, char **why)
{
	int *calls = ud;
	(*calls)++;
	if (strcmp(e->section, "keys") == 0 && strcmp(e->name, "fly") == 0) {
		*why = strdup("unknown action 'fly'");
		return false;
	}
	return strcmp(e->value, "bad") != 0;
}

static void test_check(void **state)
{
	(void)state;
	struct im_config *c = im_config_new();
	assert_int_equal(parse(c, "[general]\naccount = bad\n[keys]\nquit = Q\n"
				  "[colors]\nunread = red\n", NULL), 0);
	int calls = 0;
	char *err = NULL;
	/* [general] is the library's own: not asked. */
	assert_int_equal(im_config_check(c, check_keys, &calls, &err), 0);
	assert_int_equal(calls, 2);
	im_config_free(&c);
	c = im_config_new();
	assert_int_equal(parse(c, "[keys]\nquit = Q\n\nfly = f\n", NULL), 0);
	assert_int_equal(im_config_check(c, check_keys, &calls, &err), 64);
	assert_string_equal(err, "cfg:4: unknown action 'fly'");
	free(err);
	im_config_free(&c);
	c = im_config_new();
	assert_int_equal(parse(c, "[colors]\nunread = bad\n", NULL), 0);
	assert_int_equal(im_config_check(c, check_keys, &calls, &err), 64);
	assert_string_equal(err, "cfg:2: bad value");
	free(err);
	im_config_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_comments_and_sections),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_home),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_duplicate),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
