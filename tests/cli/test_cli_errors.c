/* SPEC 1 and 5 refusals through the CLI: authorization, unknown things,
 * usage, invalid data; each exits with its code, prints exactly one line on
 * stderr, nothing on stdout, and leaves every row of the database as it
 * was (FAILS compares a dump of all tables before and after). */
#include "clirun.h"

#include <string.h>
#include <sys/stat.h>

#define SUBJECT "Confidential: Staff role at Acme"
#define BODY "Secret salary band 180k, ask for Dana"

static void one_inmail_build(struct cli *c, const void *arg)
{
	(void)arg;
	CAST(c, 5);
	c->settle_as = "rita";
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				SUBJECT, "--body", BODY),
			    "1\n");
}

/* A fixture: built once, copied for the other tests. */
static void one_inmail(struct cli *c)
{
	cli_fixture(c, "one_inmail", one_inmail_build, NULL);
}

static void no_leak(const struct cli_res *r)
{
	assert_null(strstr(r->err, "Confidential"));
	assert_null(strstr(r->err, "Secret"));
	assert_null(strstr(r->err, "Acme"));
	assert_null(strstr(r->err, "José"));
	assert_null(strstr(r->out, "Confidential"));
	assert_null(strstr(r->out, "Secret"));
}

/* The harness itself: a prepared database copied for a test (CAST) is the
 * database the commands make, row for row, with the same modes. */
static void fixture_copy_is_the_built_database(void **state)
{
	struct cli *c = *state;
	CAST(c, 5); /* the fixture is there (built now or before) */
	struct cli *built = cli_new();
	assert_non_null(built);
	static const char *const no_env[] = {NULL};
	built->extra_env = no_env; /* never a copy */
	CAST(built, 5);
	struct cli *copied = cli_new();
	assert_non_null(copied);
	CAST(copied, 5);
	struct stat a, b, da, db;
	assert_int_equal(stat(built->db, &a), 0);
	assert_int_equal(stat(copied->db, &b), 0);
	assert_int_equal(stat(cli_fmt(built, "%s/data", built->dir), &da), 0);
	assert_int_equal(stat(cli_fmt(copied, "%s/data", copied->dir), &db), 0);
	assert_int_equal(a.st_mode & 07777, 0600);
	assert_int_equal(b.st_mode & 07777, 0600);
	assert_int_equal(da.st_mode & 07777, 0700);
	assert_int_equal(db.st_mode & 07777, 0700);
	char *want = strdup(cli_snapshot(built));
	assert_non_null(want);
	const char *got = cli_snapshot(copied);
	int same = strcmp(want, got) == 0;
	free(want);
	/* And the copy is a working database of its own. */
	OK(copied, "rita", "send", "--to", "jose", "--subject", "S", "--body", "B");
	assert_int_equal(CREDITS(copied, "rita"), 4);
	assert_int_equal(CREDITS(built, "rita"), 5);
	cli_free(&built);
	cli_free(&copied);
	assert_true(same);
}

/* The harness itself: a change shows in the snapshot. */
static void snapshot_sees_changes(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	char *before = strdup(cli_snapshot(c));
	assert_non_null(before);
	OK(c, "rita", "send", "--to", "jose", "--subject", "S", "--body", "B");
	const char *after = cli_snapshot(c);
	int same = strcmp(before, after) == 0;
	free(before);
	assert_false(same);
	assert_non_null(strstr(after, "'B'"));
}

static void non_participant_learns_nothing(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	/* ana (candidate), rob (recruiter): not participants. */
	static const char *const who[] = {"ana", "rob"};
	for (size_t i = 0; i < 2; i++) {
		no_leak(FAILS(c, 77, who[i], "show", "1"));
		no_leak(FAILS(c, 77, who[i], "show", "1", "--json"));
		no_leak(FAILS(c, 77, who[i], "reply", "1", "--body", "Hi"));
		no_leak(FAILS(c, 77, who[i], "reply", "1", "--smart", "yes"));
		no_leak(FAILS(c, 77, who[i], "followup", "1", "--body", "Hi"));
		no_leak(FAILS(c, 77, who[i], "archive", "1"));
		no_leak(FAILS(c, 77, who[i], "unarchive", "1"));
		assert_string_equal(IDS(c, who[i], "archived"), "");
	}
	no_leak(FAILS(c, 77, "ana", "reply", "1", "--smart", "no", "--body", "x"));
	assert_string_equal(IDS(c, "ana", "messages"), "");
	assert_string_equal(IDS(c, "rob", "sent"), "");
	/* After a response, too. */
	OK(c, "jose", "reply", "1", "--smart", "yes");
	no_leak(FAILS(c, 77, "rob", "show", "1", "--json"));
	no_leak(FAILS(c, 77, "ana", "reply", "1", "--body", "Hi"));
}

static void unknown_thread_and_account(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	FAILS(c, 66, "rita", "show", "99");
	FAILS(c, 66, "rita", "show", "99", "--json");
	FAILS(c, 66, "jose", "reply", "99", "--smart", "yes");
	FAILS(c, 66, "rita", "followup", "2", "--body", "Hi");
	FAILS(c, 66, "rita", "archive", "99");
	FAILS(c, 66, "nobody", "list");
	FAILS(c, 66, "nobody", "show", "1");
	FAILS(c, 66, "nobody", "send", "--to", "jose", "--subject", "S", "--body",
	      "B");
	FAILS(c, 66, "rita", "send", "--to", "nobody", "--subject", "S", "--body",
	      "B");
	FAILS(c, 66, "rita", "send", "--to", "jose", "--subject", "S",
	      "--body-file", cli_path(c, "missing.txt"));
	FAILS(c, 66, NULL, "credits", "grant", "nobody", "3");
}

static void usage_errors(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	/* Who acts? Neither --as nor INMAIL_USER. */
	FAILS(c, 64, NULL, "list");
	FAILS(c, 64, NULL, "show", "1");
	FAILS(c, 64, NULL, "send", "--to", "jose", "--subject", "S", "--body", "B");
	/* Not a time. */
	FAILS(c, 64, "rita", "--now", "yesterday", "list");
	FAILS(c, 64, "rita", "--now", "2026-13-01", "list");
	FAILS(c, 64, "rita", "--now", "2026-02-30T09:00:00Z", "list");
	FAILS(c, 64, "rita", "--now", "2026-01-31T25:00:00Z", "list");
	FAILS(c, 64, "rita", "--now", "", "list");
	cli_at(c, "not-a-time");
	FAILS(c, 64, "rita", "list");
	cli_at(c, "2026-03-02T09:00:00Z");
	/* Malformed commands. */
	FAILS(c, 64, "rita", "frobnicate");
	FAILS(c, 64, "rita", "--bogus", "list");
	FAILS(c, 64, "rita", "show", "abc");
	FAILS(c, 64, "rita", "show", "0");
	FAILS(c, 64, "rita", "show", "-1");
	FAILS(c, 64, "rita", "show");
	FAILS(c, 64, "rita", "show", "1", "2");
	FAILS(c, 64, "jose", "reply", "1");
	FAILS(c, 64, "jose", "reply", "1", "--smart", "maybe");
	FAILS(c, 64, "jose", "reply", "1", "--body", "a", "--body-file",
	      cli_write_file(c, "b.txt", "b", 1));
	FAILS(c, 64, "rita", "send", "--to", "jose", "--subject", "S");
	FAILS(c, 64, "rita", "send", "--to", "jose", "--body", "B");
	FAILS(c, 64, "rita", "send", "--subject", "S", "--body", "B");
	FAILS(c, 64, "rita", "send", "--to", "jose,,ana", "--subject", "S",
	      "--body", "B");
	FAILS(c, 64, "rita", "send", "--to", "jose", "--subject", "S", "--body",
	      "B", "--bogus");
	FAILS(c, 64, "rita", "list", "--folder");
	FAILS(c, 64, NULL, "user", "add", "zed", "--name", "Zed", "--role", "boss");
	FAILS(c, 64, NULL, "user", "add", "zed", "--role", "candidate");
	FAILS(c, 64, NULL, "user", "frob");
	FAILS(c, 64, NULL, "credits", "grant", "rita");
	assert_string_equal(SIDS(c, "rita", "sent"), "1");
	assert_int_equal(CREDITS(c, "rita"), 4);
}

static void actor_from_environment(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	static const char *const env[] = {"INMAIL_USER=jose", NULL};
	c->extra_env = env;
	assert_string_equal(JSTR(JSON(c, NULL, "show", "1", "--json"), "subject"),
			    SUBJECT);
	/* --as wins over INMAIL_USER. */
	assert_string_equal(SIDS(c, "ana", "messages"), "");
	static const char *const bad[] = {"INMAIL_USER=ghost", NULL};
	c->extra_env = bad;
	FAILS(c, 66, NULL, "list");
	/* --db and --now as options. */
	c->extra_env = NULL;
	char dbopt[700];
	snprintf(dbopt, sizeof dbopt, "--db=%s", c->db);
	static const char *const nodb[] = {"INMAIL_DB", "INMAIL_NOW", NULL};
	c->extra_env = nodb;
	json_t *t = JSON(c, "rita", dbopt, "--now", "2026-03-04", "show", "1",
			 "--json");
	assert_string_equal(JSTR(t, "subject"), SUBJECT);
	c->extra_env = NULL;
}

static void empty_and_whitespace_refused(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "S", "--body", "");
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "S", "--body",
	      "  \n\t ");
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "", "--body", "B");
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "   ", "--body",
	      "B");
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "S",
	      "--body-file", cli_write_file(c, "empty.txt", "", 0));
	FAILS(c, 65, "jose", "reply", "1", "--body", "");
	FAILS(c, 65, "jose", "reply", "1", "--body", " \n ");
	FAILS(c, 65, "jose", "reply", "1", "--smart", "no", "--body", "   ");
	FAILS(c, 65, "rita", "followup", "1", "--body", "\t");
	assert_string_equal(JSTR(SHOW(c, "rita", "1"), "state"), "pending");
	assert_int_equal(CREDITS(c, "rita"), 4);
}

static void lengths_count_characters(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	/* "é" is 2 bytes, "𝄞" 4: 1,900 characters are fine, 1,901 are not. */
	const char *b1900 = cli_repeat(c, "\xC3\xA9", 1900);
	const char *b1901 = cli_repeat(c, "\xC3\xA9", 1901);
	const char *g1900 = cli_repeat(c, "\xF0\x9D\x84\x9E", 1900);
	const char *a1901 = cli_repeat(c, "a", 1901);
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "S", "--body",
	      b1901);
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "S", "--body",
	      a1901);
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "S",
	      "--body-file", cli_write_file(c, "long.txt", b1901, strlen(b1901)));
	FAILS(c, 65, "jose", "reply", "1", "--body", b1901);
	FAILS(c, 65, "jose", "reply", "1", "--smart", "yes", "--body", b1901);
	FAILS(c, 65, "rita", "followup", "1", "--body", b1901);
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "S", "--body",
	      "B", "--followup", cli_fmt(c, "7:%s", b1901));

	assert_string_equal(OUT(c, "rita", "send", "--to", "ana", "--subject",
				"S", "--body", b1900),
			    "2\n");
	assert_string_equal(JSTR(MSG(SHOW(c, "rita", "2"), 0), "body"), b1900);
	assert_string_equal(OUT(c, "rita", "send", "--to", "cara", "--subject",
				"S", "--body-file",
				cli_write_file(c, "g.txt", g1900, strlen(g1900))),
			    "3\n");
	assert_string_equal(JSTR(MSG(SHOW(c, "rita", "3"), 0), "body"), g1900);
	OK(c, "jose", "reply", "1", "--body", b1900);

	/* Subject: 200 characters fine, 201 not. */
	const char *s200 = cli_repeat(c, "\xC3\xBC", 200);
	const char *s201 = cli_repeat(c, "\xC3\xBC", 201);
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", s201, "--body",
	      "B");
	/* Ana answers 2 first: one pending InMail per candidate (SPEC 9). */
	OK(c, "ana", "reply", "2", "--body", "Thanks");
	assert_string_equal(OUT(c, "rita", "send", "--to", "ana", "--subject",
				s200, "--body", "B"),
			    "4\n");
	assert_string_equal(JSTR(SHOW(c, "rita", "4"), "subject"), s200);
}

static void bad_text_refused(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	/* Invalid UTF-8: a lone continuation byte, an overlong encoding, a
	 * surrogate. */
	static const char *const bad_utf8[] = {"Hi \x80 there", "\xC0\xAF",
					       "\xED\xA0\x80", "caf\xC3"};
	for (size_t i = 0; i < 4; i++) {
		const char *f = cli_write_file(c, "bad.txt", bad_utf8[i],
					       strlen(bad_utf8[i]));
		FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "S",
		      "--body-file", f);
		FAILS(c, 65, "jose", "reply", "1", "--body-file", f);
		FAILS(c, 65, "jose", "reply", "1", "--body", bad_utf8[i]);
	}
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "Caf\xC3",
	      "--body", "B");
	/* Control characters: ESC, BEL, DEL, a C1 (U+009B CSI), NUL in a
	 * file. */
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "S", "--body",
	      "Hi \x1b[31mred");
	FAILS(c, 65, "rita", "send", "--to", "ana", "--subject", "\x1b]0;x\x07",
	      "--body", "B");
	FAILS(c, 65, "jose", "reply", "1", "--body", "ding\x07");
	FAILS(c, 65, "jose", "reply", "1", "--body", "del\x7f");
	FAILS(c, 65, "jose", "reply", "1", "--body", "csi\xC2\x9B" "31m");
	FAILS(c, 65, "jose", "reply", "1", "--body-file",
	      cli_write_file(c, "nul.txt", "a\0b", 3));
	FAILS(c, 65, "jose", "reply", "1", "--body-file",
	      cli_write_file(c, "esc.txt", "a\x1b" "b", 3));
	FAILS(c, 65, "rita", "followup", "1", "--body", "x\x1b");
	assert_int_equal(CREDITS(c, "rita"), 4);
	assert_string_equal(JSTR(SHOW(c, "rita", "1"), "state"), "pending");
}

static void newlines_and_tabs_kept(void **state)
{
	struct cli *c = *state;
	one_inmail(c);
	OK(c, "jose", "reply", "1", "--body", "Line one\n\tindented\r\nlast");
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(MSG(t, 1), "body"),
			    "Line one\n\tindented\nlast");
	/* Bidi and zero-width characters are accepted as data. */
	OK(c, "jose", "reply", "1", "--body", "abc\xE2\x80\xAE" "def\xE2\x80\x8B");
	assert_string_equal(JSTR(MSG(SHOW(c, "rita", "1"), 3), "body"),
			    "abc\xE2\x80\xAE" "def\xE2\x80\x8B");
}

static void account_checks(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	c->settle_as = "rita";
	static const char *const bad[] = {"Rita2", "has space", "",
		"a23456789012345678901234567890123", "jos\xC3\xA9", "a/b", "a+b"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		FAILS(c, 65, NULL, "user", "add", bad[i], "--name", "X", "--role",
		      "candidate");
	OK(c, NULL, "user", "add", "a2345678901234567890123456789012", "--name",
	   "Thirty Two", "--role", "candidate");
	OK(c, NULL, "user", "add", "d.o_t-1", "--name", "Dot", "--role",
	   "candidate");
	/* Taken. */
	FAILS(c, 65, NULL, "user", "add", "rita", "--name", "Other", "--role",
	      "candidate");
	/* Names: 1..100 characters, no control characters. */
	FAILS(c, 65, NULL, "user", "add", "zed", "--name", "", "--role",
	      "candidate");
	FAILS(c, 65, NULL, "user", "add", "zed", "--name",
	      cli_repeat(c, "\xE6\x9D\x8E", 101), "--role", "candidate");
	FAILS(c, 65, NULL, "user", "add", "zed", "--name", "Evil\x1b[2J",
	      "--role", "candidate");
	OK(c, NULL, "user", "add", "li", "--name",
	   cli_repeat(c, "\xE6\x9D\x8E", 100), "--role", "candidate");
	/* Credits are for recruiters (a usage error for a candidate); never
	 * negative. */
	FAILS(c, 64, NULL, "user", "add", "zed", "--name", "Z", "--role",
	      "candidate", "--credits", "3");
	FAILS(c, 65, NULL, "user", "add", "zed", "--name", "Z", "--role",
	      "recruiter", "--credits", "-1");
	assert_int_equal(json_array_size(JSON(c, NULL, "user", "list", "--json")),
			 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(fixture_copy_is_the_built_database, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(snapshot_sees_changes, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(non_participant_learns_nothing, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(unknown_thread_and_account, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(usage_errors, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(actor_from_environment, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(empty_and_whitespace_refused, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(lengths_count_characters, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(bad_text_refused, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(newlines_and_tabs_kept, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(account_checks, cli_setup, cli_teardown),
	};
	return cli_run_group("cli_errors", tests);
}
