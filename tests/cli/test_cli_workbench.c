/* SPEC 9 through the CLI: one pending InMail per candidate, mark unread,
 * templates and sending from them. */
#include "clirun.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>

static void pending_inmail_refuses_a_new_one(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"First", "--body", "One"), "1\n");
	cli_at(c, "2026-03-05T09:00:00Z");
	const struct cli_res *r = FAILS(c, 77, "rita", "send", "--to", "jose",
					"--subject", "Second", "--body", "Two");
	assert_string_equal(r->err, "inmail: José Müller has not answered your "
				    "InMail of 2 Mar yet; send a follow-up "
				    "instead\n");
	/* Several candidates: the whole send refused, naming them. */
	r = FAILS(c, 77, "rita", "send", "--to", "ana,jose", "--subject", "S",
		  "--body", "B");
	assert_string_equal(r->err, "inmail: José Müller has not answered your "
				    "InMail of 2 Mar yet; send a follow-up "
				    "instead; nothing was sent\n");
	assert_string_equal(IDS(c, "ana", "messages"), "");
	assert_int_equal(CREDITS(c, "rita"), 4);
	OK(c, "rita", "followup", "1", "--body", "Any thoughts?");
	/* The window's last second (2 Mar + 90 x 24 h), then the next. */
	cli_at(c, "2026-05-31T09:00:00Z");
	FAILS(c, 77, "rita", "send", "--to", "jose", "--subject", "S", "--body",
	      "B");
	cli_at(c, "2026-05-31T09:00:01Z");
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"Again", "--body", "B"), "2\n");
	/* After a response, at once. */
	OK(c, "jose", "reply", "2", "--smart", "no");
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose", "--subject",
				"Third", "--body", "B"), "3\n");
}

static json_t *first_row(struct cli *c, const char *as, const char *folder)
{
	return json_array_get(LIST(c, as, folder), 0);
}

static void unread_until_the_next_look(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	OK(c, "rita", "send", "--to", "jose", "--subject", "Role", "--body",
	   "Hi");
	/* Nothing from jose yet: nothing to mark, and nothing changes. */
	const struct cli_res *r = FAILS(c, 65, "rita", "unread", "1");
	assert_string_equal(r->err, "inmail: nothing to mark unread in thread "
				    "1: José Müller has written nothing in "
				    "it\n");
	OK(c, "jose", "show", "1");
	assert_false(JBOOL(first_row(c, "jose", "messages"), "unread"));
	assert_string_equal(OUT(c, "jose", "unread", "1"),
			    "thread 1 marked unread\n");
	assert_true(JBOOL(first_row(c, "jose", "messages"), "unread"));
	/* The other side's view is its own. */
	OK(c, "jose", "reply", "1", "--body", "Tell me more");
	OK(c, "rita", "show", "1");
	OK(c, "jose", "unread", "1");
	assert_false(JBOOL(first_row(c, "rita", "inbox"), "unread"));
	assert_true(JBOOL(first_row(c, "jose", "messages"), "unread"));
	/* The next look reads it. */
	OK(c, "jose", "show", "1");
	assert_false(JBOOL(first_row(c, "jose", "messages"), "unread"));
	/* Not a participant, no such thread, no thread. */
	FAILS(c, 77, "rob", "unread", "1");
	FAILS(c, 66, "jose", "unread", "9");
	FAILS(c, 64, "jose", "unread");
}

static void templates_add_list_show_rm(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	assert_string_equal(OUT(c, "rita", "template", "add", "intro",
				"--subject", "{job}, {first_name}?", "--body",
				"Hi {first_name}, {my_first_name} here.",
				"--followup", "5:Still keen on {job}?"),
			    "template intro added\n");
	OK(c, "rita", "template", "add", "plain", "--subject", "Hello",
	   "--body-file", cli_write_file(c, "b.txt", "Dear {name}", 11));
	FAILS(c, 65, "rita", "template", "add", "intro", "--subject", "S",
	      "--body", "B");
	FAILS(c, 65, "rita", "template", "add", "Bad Name", "--subject", "S",
	      "--body", "B");
	FAILS(c, 65, "rita", "template", "add", "x", "--subject", "S", "--body",
	      "a { b");
	FAILS(c, 64, "rita", "template", "add", "x", "--subject", "S");
	FAILS(c, 77, "jose", "template", "add", "x", "--subject", "S", "--body",
	      "B");
	assert_string_equal(OUT(c, "rita", "template", "list"),
			    cli_fmt(c, "%-32s  %s\n%-32s  %s\n", "intro",
				    "{job}, {first_name}?", "plain", "Hello"));
	json_t *l = JSON(c, "rita", "template", "list", "--json");
	assert_int_equal(json_array_size(l), 2);
	json_t *t0 = json_array_get(l, 0);
	assert_string_equal(JSTR(t0, "name"), "intro");
	assert_string_equal(JSTR(t0, "body"),
			    "Hi {first_name}, {my_first_name} here.");
	assert_int_equal(JINT(JGET(t0, "followup"), "days"), 5);
	assert_string_equal(JSTR(t0, "created_at"), "2026-03-02T09:00:00Z");
	assert_true(json_is_null(JGET(json_array_get(l, 1), "followup")));
	assert_string_equal(OUT(c, "rita", "template", "show", "plain"),
			    "Template: plain\nSubject: Hello\n\nDear {name}\n");
	/* Another recruiter's are not yours. */
	assert_string_equal(OUT(c, "rob", "template", "list"), "");
	FAILS(c, 66, "rob", "template", "show", "intro");
	FAILS(c, 66, "rob", "template", "rm", "intro");
	assert_string_equal(OUT(c, "rita", "template", "rm", "plain"),
			    "template plain removed\n");
	FAILS(c, 66, "rita", "template", "rm", "plain");
	FAILS(c, 64, "rita", "template", "frob");
}

static void send_from_a_template(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	OK(c, "rita", "template", "add", "intro", "--subject",
	   "{job} for {first_name}", "--body",
	   "Hi {name}, {my_name} here. {{literal}", "--followup",
	   "5:Still keen on {job}, {first_name}?");
	/* Refusals: nothing written, 65 naming the variable and the
	 * candidate. */
	const struct cli_res *r = FAILS(c, 65, "rita", "send", "--to",
					"jose,ana", "--template", "intro");
	assert_non_null(strstr(r->err, "{job}"));
	assert_non_null(strstr(r->err, "José Müller"));
	r = FAILS(c, 65, "rita", "send", "--to", "jose", "--template", "intro",
		  "--var", "job=");
	assert_non_null(strstr(r->err, "{job} has no value"));
	r = FAILS(c, 65, "rita", "send", "--to", "jose,ana", "--template",
		  "intro", "--var",
		  cli_fmt(c, "job=%s", cli_repeat(c, "é", 192)));
	/* 192 + " for Ana" is 200, José's 201: his alone refuses all. */
	assert_non_null(strstr(r->err, "too long"));
	assert_non_null(strstr(r->err, "José Müller"));
	FAILS(c, 66, "rita", "send", "--to", "jose", "--template", "nope");
	FAILS(c, 64, "rita", "send", "--to", "jose", "--template", "intro",
	      "--subject", "S");
	FAILS(c, 64, "rita", "send", "--to", "jose", "--var", "job=x",
	      "--subject", "S", "--body", "B");
	FAILS(c, 64, "rita", "send", "--to", "jose", "--template", "intro",
	      "--var", "job");
	assert_int_equal(CREDITS(c, "rita"), 5);
	assert_string_equal(OUT(c, "rita", "send", "--to", "jose,cara",
				"--template", "intro", "--var",
				"job=Platform lead"), "1\n2\n");
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "subject"), "Platform lead for José");
	assert_string_equal(JSTR(MSG(t, 0), "body"),
			    "Hi José Müller, Rita Recruiter here. {literal}");
	assert_string_equal(JSTR(SHOW(c, "rita", "2"), "subject"),
			    "Platform lead for Cara");
	cli_at(c, "2026-03-07T09:00:00Z");
	t = SHOW(c, "rita", "2");
	assert_int_equal(NMSGS(t), 2);
	assert_string_equal(JSTR(MSG(t, 1), "body"),
			    "Still keen on Platform lead, Cara?");
	assert_int_equal(CREDITS(c, "rita"), 3);
}

/* send --template --to-file: a CSV (RFC 4180, a BOM, CRLF), all or
 * nothing, --dry-run changing nothing. */
static void bulk_send_from_csv(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	OK(c, "rita", "template", "add", "intro", "--subject",
	   "{job} for {first_name}", "--body", "Hi {name}, about {job}: {note}");
	static const char csv[] =
		"\xEF\xBB\xBFhandle,job,note\r\n"
		"jose,\"Lead, platform\",\"line one\r\nline \"\"two\"\"\"\r\n"
		"cara,SRE,  spaced  \r\n";
	const char *f = cli_write_file(c, "to.csv", csv, sizeof csv - 1);
	const char *out = OUT(c, "rita", "send", "--template", "intro",
			      "--to-file", f, "--dry-run");
	assert_non_null(strstr(out, "--- 1/2 to jose\nSubject: Lead, platform "
				    "for José\n\nHi José Müller, about Lead, "
				    "platform: line one\nline \"two\"\n"));
	assert_non_null(strstr(out, "--- 2/2 to cara\nSubject: SRE for Cara\n"
				    "\nHi Cara Candidate, about SRE:   spaced  \n"));
	assert_non_null(strstr(out, "2 InMails, 2 credits (you have 5); nothing "
				    "was sent (--dry-run)\n"));
	assert_int_equal(CREDITS(c, "rita"), 5);
	assert_string_equal(IDS(c, "rita", "sent"), "");
	/* All or nothing: one empty cell refuses every row. */
	static const char bad[] = "handle,job,note\njose,SRE,x\ncara,DBA,\n";
	const struct cli_res *r = FAILS(c, 65, "rita", "send", "--template",
		"intro", "--to-file", cli_write_file(c, "bad.csv", bad,
						     sizeof bad - 1));
	assert_non_null(strstr(r->err, "{note} has no value"));
	assert_non_null(strstr(r->err, "Cara Candidate"));
	/* Malformed files: a ragged row, a bad header, a stray quote. */
	static const char ragged[] = "handle,job,note\njose,SRE\n";
	r = FAILS(c, 65, "rita", "send", "--template", "intro", "--to-file",
		  cli_write_file(c, "r.csv", ragged, sizeof ragged - 1));
	assert_non_null(strstr(r->err, "row 2 has 2 fields, the header 3"));
	static const char nohandle[] = "who,job\njose,SRE\n";
	FAILS(c, 65, "rita", "send", "--template", "intro", "--to-file",
	      cli_write_file(c, "h.csv", nohandle, sizeof nohandle - 1));
	static const char quote[] = "handle,job,note\njose,\"SRE,x\n";
	FAILS(c, 65, "rita", "send", "--template", "intro", "--to-file",
	      cli_write_file(c, "q.csv", quote, sizeof quote - 1));
	FAILS(c, 64, "rita", "send", "--template", "intro", "--to-file", f,
	      "--to", "jose");
	FAILS(c, 64, "rita", "send", "--to-file", f, "--subject", "S",
	      "--body", "B");
	/* The send: one InMail per row, ids in order. */
	assert_string_equal(OUT(c, "rita", "send", "--template", "intro",
				"--to-file", f), "1\n2\n");
	json_t *t = SHOW(c, "rita", "1");
	assert_string_equal(JSTR(t, "subject"), "Lead, platform for José");
	assert_string_equal(JSTR(MSG(t, 0), "body"),
			    "Hi José Müller, about Lead, platform: line one\n"
			    "line \"two\"");
	assert_int_equal(CREDITS(c, "rita"), 3);
	/* Again: both pending, the whole send refused naming them. */
	r = FAILS(c, 77, "rita", "send", "--template", "intro", "--to-file", f);
	assert_non_null(strstr(r->err, "José Müller, Cara Candidate have not "
				    "answered"));
}

/* Attack2 L2: at 13 of 100 answered the warning stands until its
 * seventh day, and the line says the rate is 13 % or more, not "under
 * 13 %"; the seventh day then lifts it. */
static void guardrail_line_at_thirteen_percent(void **state)
{
	struct cli *c = *state;
	CAST(c, 200);
	cli_at(c, "2026-03-02T09:00:00Z");
	char *csv = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&csv, &len);
	assert_non_null(mem);
	fputs("handle\n", mem);
	for (int i = 1; i <= 100; i++) {
		const char *h = cli_fmt(c, "k%d", i);
		OK(c, NULL, "user", "add", h, "--name", cli_fmt(c, "K %d", i),
		   "--role", "candidate");
		fprintf(mem, "%s\n", h);
	}
	fclose(mem);
	OK(c, "rita", "template", "add", "g", "--subject", "Hi {first_name}",
	   "--body", "b");
	OK(c, "rita", "send", "--template", "g", "--to-file",
	   cli_write_file(c, "k.csv", csv, len));
	free(csv);
	for (int i = 1; i <= 12; i++)
		OK(c, cli_fmt(c, "k%d", i), "reply", cli_fmt(c, "%d", i),
		   "--smart", "yes");
	assert_non_null(strstr(OUT(c, "rita", "stats"),
		"guardrail            warned since 2026-03-02T09:00:00Z (12 of "
		"100 InMails in 14 d answered, under 13 %; decided at "
		"2026-03-09T09:00:00Z)\n"));
	OK(c, "k13", "reply", "13", "--smart", "yes");
	const char *out = OUT(c, "rita", "stats");
	assert_null(strstr(out, "under 13 %"));
	assert_non_null(strstr(out,
		"guardrail            warned since 2026-03-02T09:00:00Z (13 of "
		"100 InMails in 14 d answered, 13 % or more now; decided at "
		"2026-03-09T09:00:00Z)\n"));
	cli_at(c, "2026-03-09T09:00:00Z");
	assert_non_null(strstr(OUT(c, "rita", "stats"),
			       "guardrail            ok\n"));
}

/* --dry-run refuses what the send refuses, with its exit code and line,
 * and changes nothing (attack2 F2); what it passes, the send does, and
 * its "(you have N)" counts the allotment the send would have. */
static void dry_run_checks_what_the_send_checks(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	OK(c, "rita", "template", "add", "intro", "--subject",
	   "{job}, {first_name}?", "--body", "Hi {first_name}: {job}.");
	static const char *const csvs[] = {
		"handle,job\njose,A\njose,B\n",  /* named twice: 64 */
		"handle,job\njose,A\nrob,B\n",   /* a recruiter: 77 */
		"handle,job\nana,A\n",           /* pending: 77 */
		"handle,job\njose,A\ncara,B\n",  /* 2 credits, 1 left: 69 */
	};
	static const int codes[] = {64, 77, 77, 69};
	OK(c, "rita", "send", "--to", "ana", "--subject", "S", "--body", "B");
	SQL(c, "UPDATE account SET credits = 1 WHERE handle = 'rita'");
	for (size_t k = 0; k < 4; k++) {
		const char *f = cli_write_file(c, cli_fmt(c, "d%zu.csv", k),
					       csvs[k], strlen(csvs[k]));
		const struct cli_res *r = FAILS(c, codes[k], "rita", "send",
			"--template", "intro", "--to-file", f, "--dry-run");
		assert_string_equal(r->out, "");
		const char *line = r->err;
		r = FAILS(c, codes[k], "rita", "send", "--template", "intro",
			  "--to-file", f);
		assert_string_equal(r->err, line);
	}
	/* The allotment due on 1 Apr is counted, as the send would. */
	SQL(c, "UPDATE account SET credits = 5 WHERE handle = 'rita'");
	OK(c, NULL, "credits", "allot", "rita", "3");
	cli_at(c, "2026-04-02T09:00:00Z");
	const char *f = cli_write_file(c, "ok.csv", csvs[3], strlen(csvs[3]));
	const char *out = OUT(c, "rita", "send", "--template", "intro",
			      "--to-file", f, "--dry-run");
	assert_non_null(strstr(out, "2 InMails, 2 credits (you have 8); nothing "
				    "was sent (--dry-run)\n"));
	/* Caught up now: another dry run changes not a byte of a row. */
	char *before = strdup(cli_snapshot(c));
	assert_non_null(strstr(OUT(c, "rita", "send", "--template", "intro",
				   "--to-file", f, "--dry-run"), "(you have 8)"));
	assert_string_equal(cli_snapshot(c), before);
	free(before);
	assert_string_equal(OUT(c, "rita", "send", "--template", "intro",
				"--to-file", f), "2\n3\n");
	assert_int_equal(CREDITS(c, "rita"), 6);
}

/* --var is refused as a CSV header is (attack2 L1): inmail's own
 * variables, a name given twice, a name that is no {variable}, and one
 * that is a column of the file too; exit 64, nothing sent. */
static void var_refused_as_a_header_is(void **state)
{
	struct cli *c = *state;
	CAST(c, 5);
	OK(c, "rita", "template", "add", "intro", "--subject",
	   "{job}, {first_name}?", "--body", "Hi {first_name}: {job}.");
	const struct cli_res *r = FAILS(c, 64, "rita", "send", "--template",
		"intro", "--to", "jose", "--var", "job=X", "--var",
		"first_name=Zed", "--dry-run");
	assert_string_equal(r->err, "inmail: --var first_name: {first_name} is "
				    "inmail's own variable\n");
	r = FAILS(c, 64, "rita", "send", "--template", "intro", "--to", "jose",
		  "--var", "job=X", "--var", "job=Y");
	assert_string_equal(r->err, "inmail: --var job is given twice\n");
	r = FAILS(c, 64, "rita", "send", "--template", "intro", "--to", "jose",
		  "--var", "jo b=X", "--var", "job=Y");
	assert_string_equal(r->err, "inmail: --var jo b: 'jo b' is not a "
				    "{variable} (a-z A-Z 0-9 _)\n");
	static const char csv[] = "handle,job\njose,A\n";
	const char *f = cli_write_file(c, "v.csv", csv, sizeof csv - 1);
	r = FAILS(c, 64, "rita", "send", "--template", "intro", "--to-file", f,
		  "--var", "job=X");
	assert_string_equal(r->err, "inmail: --var job: {job} is a column of "
				    "the candidates' file too\n");
	assert_non_null(strstr(OUT(c, "rita", "send", "--template", "intro",
				   "--to", "jose", "--var", "job=X",
				   "--dry-run"), "Hi José: X."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pending_inmail_refuses_a_new_one, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(unread_until_the_next_look, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(templates_add_list_show_rm, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(send_from_a_template, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(bulk_send_from_csv, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(guardrail_line_at_thirteen_percent, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(dry_run_checks_what_the_send_checks, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(var_refused_as_a_header_is, cli_setup, cli_teardown),
	};
	return cmocka_run_group_tests_name("cli_workbench", tests, NULL, NULL);
}
