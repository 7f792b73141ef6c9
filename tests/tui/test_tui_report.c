/* SPEC 9 in the terminal interface at 80x24: the report screen (6) and
 * the new-InMail form with a template (Ctrl-T).  The real binary in a
 * pty, read back through libvterm; the CLI checks what was stored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "harness.h"

#define NOW "2026-03-02T09:00:00Z" /* a Monday */
#define T HARNESS_TIMEOUT_MS

struct fx {
	char *dir;
	char db[512];
};

#define CLI_AT(f, now, as, ...) \
	harness_cli_at((f)->db, (now), (as), NULL, __VA_ARGS__, (const char *)NULL)
#define CLI(f, as, ...) CLI_AT(f, NOW, as, __VA_ARGS__)

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->dir = harness_dbdir(f->db, sizeof f->db);
	assert_non_null(f->dir);
	assert_int_equal(CLI(f, NULL, "init"), 0);
	assert_int_equal(CLI(f, NULL, "user", "add", "rita", "--name",
			     "Rita Recruiter", "--role", "recruiter",
			     "--credits", "20"), 0);
	assert_int_equal(CLI(f, NULL, "user", "add", "jose", "--name",
			     "José Müller", "--role", "candidate"), 0);
	assert_int_equal(CLI(f, NULL, "user", "add", "ana", "--name",
			     "Ana Lima", "--role", "candidate"), 0);
	assert_int_equal(CLI(f, NULL, "user", "add", "li", "--name",
			     "李小龙", "--role", "candidate"), 0);
	assert_int_equal(CLI(f, "rita", "template", "add", "intro",
			     "--subject", "Platform lead, {first_name}?",
			     "--body", "Hi {first_name}, {my_first_name} here.",
			     "--followup", "7:Any thoughts, {first_name}?"), 0);
	assert_int_equal(CLI(f, "rita", "template", "add", "needs-job",
			     "--subject", "About {job} in {city}", "--body",
			     "Hi {first_name}, a {job} role."), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	harness_rmdir(f->dir);
	free(f);
	return 0;
}

static struct term *start(struct fx *f, const char *as)
{
	const char *args[] = {"--db", f->db, "--now", NOW, "--as", as, NULL};
	struct term *t = term_start(args, NULL, 24, 80);
	assert_non_null(t);
	return t;
}

static void quit(struct term **t)
{
	term_type(*t, "\x03"); /* Ctrl-C: quits from anywhere */
	assert_int_equal(term_end(t, T), 0);
}

static __attribute__((noinline)) char *cli_out(struct fx *f,
						 const char *as,
						 const char *a,
						 const char *b,
						 const char *c)
{
	char *out = NULL;
	harness_cli_at(f->db, NOW, as, &out, a, b, c, (const char *)NULL);
	assert_non_null(out);
	return out;
}

/* The recruiter's report: the chart, this week's row, then (scrolled)
 * the per-template rows, a deleted template and those sent without one
 * marked; Esc goes back to the list it came from. */
static void test_report_screen(void **state)
{
	struct fx *f = *state;
	/* Last week: from intro to jose (accepted), from a template later
	 * deleted to ana; this week, one without a template to li. */
	assert_int_equal(CLI(f, "rita", "template", "add", "gone", "--subject",
			     "S", "--body", "B"), 0);
	assert_int_equal(CLI_AT(f, "2026-02-24T10:00:00Z", "rita", "send",
				"--template", "intro", "--to", "jose"), 0);
	assert_int_equal(CLI_AT(f, "2026-02-24T11:00:00Z", "rita", "send",
				"--template", "gone", "--to", "ana"), 0);
	assert_int_equal(CLI_AT(f, "2026-02-25T10:00:00Z", "jose", "reply",
				"1", "--smart", "yes"), 0);
	assert_int_equal(CLI(f, "rita", "template", "rm", "gone"), 0);
	assert_int_equal(CLI(f, "rita", "send", "--to", "li", "--subject",
			     "Hello", "--body", "Hi"), 0);
	struct term *t = start(f, "rita");
	assert_true(term_wait(t, "Inbox (1)", T));
	term_type(t, "6");
	assert_true(term_wait(t, "Report · last 12 weeks", T));
	assert_true(term_wait(t, "Response rate by week", T));
	assert_true(term_wait(t, "█", T));
	assert_true(term_wait(t, "2026-W09", T));
	assert_true(term_wait(t, "2026-W10", T));
	assert_true(term_wait(t, "more lines below", T));
	assert_true(term_wait(t, "Esc back", T));
	/* The numbers are the model's: last week 2 sent, 1 responded, 1
	 * accepted, and 100 % of the 1 decided. */
	int row, col;
	assert_true(term_find(t, "2026-W09", &row, &col));
	const char *screen = term_screen(t);
	const char *line = screen;
	for (int i = 0; i < row; i++)
		line = strchr(line, '\n') + 1;
	assert_non_null(strstr(line, "2     1    1    0  100 %"));
	term_key(t, "End");
	assert_true(term_wait(t, "TEMPLATE", T));
	assert_true(term_wait(t, "intro", T));
	assert_true(term_wait(t, "gone (deleted)", T));
	assert_true(term_wait(t, "needs-job", T));
	assert_true(term_wait(t, "(no template)", T));
	assert_true(term_wait_gone(t, "more lines below", T));
	/* What does nothing here says so. */
	term_type(t, "r");
	assert_true(term_wait(t, "Esc goes back", T));
	term_key(t, "Escape");
	assert_true(term_wait(t, "Inbox (1)", T));
	assert_true(term_wait_gone(t, "Report ·", T));
	quit(&t);
}

/* Outside UTF-8 the bars are '#'. */
static void test_report_ascii(void **state)
{
	struct fx *f = *state;
	assert_int_equal(CLI_AT(f, "2026-02-24T10:00:00Z", "rita", "send",
				"--template", "intro", "--to", "jose"), 0);
	assert_int_equal(CLI_AT(f, "2026-02-25T10:00:00Z", "jose", "reply",
				"1", "--smart", "no"), 0);
	const char *args[] = {"--db", f->db, "--now", NOW, "--as", "rita", NULL};
	const char *env[] = {"LC_ALL=C", NULL};
	struct term *t = term_start(args, env, 24, 80);
	assert_non_null(t);
	assert_true(term_wait(t, "Inbox (1)", T));
	term_type(t, "6");
	assert_true(term_wait(t, "Report - last 12 weeks", T));
	assert_true(term_wait(t, "####", T));
	assert_false(strstr(term_screen(t), "\xE2\x96\x88"));
	quit(&t);
}

/* A candidate's 6: one line saying why, and no report. */
static void test_report_candidate(void **state)
{
	struct fx *f = *state;
	struct term *t = start(f, "jose");
	assert_true(term_wait(t, "Messages (0)", T));
	term_type(t, "6");
	assert_true(term_wait(t, "The report is a recruiter's", T));
	assert_false(term_wait(t, "Report ·", 300));
	quit(&t);
}

/* The form with a template: Ctrl-T lists them, Esc leaves the form as it
 * was; Enter renders the one chosen for the candidate in To (subject,
 * body and follow-up), which Ctrl-S sends as shown, recorded as sent
 * from it; a variable without a value is refused in one line. */
static void test_form_template(void **state)
{
	struct fx *f = *state;
	struct term *t = start(f, "rita");
	assert_true(term_wait(t, "Inbox (0)", T));
	term_type(t, "c");
	assert_true(term_wait(t, "New InMail", T));
	term_type(t, "jose");
	term_type(t, "\x14"); /* Ctrl-T */
	assert_true(term_wait(t, "Templates (2)", T));
	assert_true(term_wait(t, "intro · Platform lead, {first_name}?", T));
	assert_true(term_wait(t, "Enter renders it, Esc cancels.", T));
	term_key(t, "Escape");
	assert_true(term_wait(t, "No template taken", T));
	assert_true(term_wait_gone(t, "Templates (2)", T));
	/* needs-job has {job} and {city} of its own: the picker asks them,
	 * Esc leaves the form as it was. */
	term_type(t, "\x14");
	assert_true(term_wait(t, "Templates (2)", T));
	term_key(t, "Down");
	term_key(t, "Enter");
	assert_true(term_wait(t, "needs-job: values for this InMail", T));
	assert_true(term_wait(t, "{job} for this InMail: type it, Enter takes "
			      "it, Esc cancels.", T));
	term_key(t, "Escape");
	assert_true(term_wait(t, "No template taken", T));
	assert_true(term_wait_gone(t, "values for this InMail", T));
	term_type(t, "\x14");
	assert_true(term_wait(t, "Templates (2)", T));
	term_key(t, "Down");
	term_key(t, "Enter");
	assert_true(term_wait(t, "{job} for this InMail", T));
	/* None is left empty. */
	term_key(t, "Enter");
	assert_true(term_wait(t, "{job} needs a value for this InMail.", T));
	term_type(t, "Compiler engineer");
	term_key(t, "Enter");
	assert_true(term_wait(t, "{city} for this InMail", T));
	term_type(t, "\x13"); /* Ctrl-S: render now */
	assert_true(term_wait(t, "{city} needs a value for this InMail.", T));
	term_type(t, "Lyon\r");
	assert_true(term_wait(t, "New InMail from needs-job", T));
	assert_true(term_wait(t, "Compiler engineer in Lyon", T));
	assert_true(term_wait(t, "Hi José, a Compiler engineer role.", T));
	/* intro: rendered for José, the form shows it. */
	term_type(t, "\x14");
	assert_true(term_wait(t, "Templates (2)", T));
	term_key(t, "Home");
	term_key(t, "Enter");
	assert_true(term_wait(t, "New InMail from intro", T));
	assert_true(term_wait(t, "Platform lead, José?", T));
	assert_true(term_wait(t, "Hi José, Rita here.", T));
	assert_true(term_wait(t, "Any thoughts, José?", T));
	/* Killed here, the form comes back with its template. */
	quit(&t);
	t = start(f, "rita");
	assert_true(term_wait(t, "Inbox (0)", T));
	term_type(t, "c");
	assert_true(term_wait(t, "New InMail from intro", T));
	assert_true(term_wait(t, "Hi José, Rita here.", T));
	/* What is shown is what is sent. */
	term_type(t, "\x13"); /* Ctrl-S */
	assert_true(term_wait(t, "InMail sent", T));
	quit(&t);
	char *out = cli_out(f, "rita", "show", "1", "--json");
	assert_non_null(strstr(out, "Platform lead, José?"));
	assert_non_null(strstr(out, "Hi José, Rita here."));
	free(out);
	char *rep = cli_out(f, "rita", "report", "--json", NULL);
	size_t at = (size_t)(strstr(rep, "\"template\": \"intro\"") - rep);
	assert_true(at < strlen(rep));
	assert_non_null(strstr(rep + at, "\"sent\": 1"));
	free(rep);
}

/* A text rendered for one candidate is not sent to another. */
static void test_form_template_other_to(void **state)
{
	struct fx *f = *state;
	struct term *t = start(f, "rita");
	assert_true(term_wait(t, "Inbox (0)", T));
	term_type(t, "c");
	assert_true(term_wait(t, "New InMail", T));
	term_type(t, "\x14");
	assert_true(term_wait(t, "Templates (2)", T));
	term_key(t, "Enter");
	assert_true(term_wait(t, "To first", T));
	term_type(t, "jose\x14");
	assert_true(term_wait(t, "Templates (2)", T));
	term_key(t, "Enter");
	assert_true(term_wait(t, "Hi José, Rita here.", T));
	/* Back to To (Shift-Tab walks the fields), jose becomes ana. */
	term_key(t, "Tab");
	for (int i = 0; i < 4; i++)
		term_key(t, "Backspace");
	term_type(t, "ana");
	term_type(t, "\x13");
	assert_true(term_wait(t, "rendered from intro for jose", T));
	quit(&t);
	char *out = cli_out(f, "rita", "list", "--folder", "sent");
	assert_non_null(strstr(out, "(no threads)"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_report_screen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_ascii, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_candidate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_template, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_template_other_to, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
