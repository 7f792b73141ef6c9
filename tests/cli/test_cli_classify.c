/* inmail classify through the real binary (SPEC 5 "Output", issue 15):
 * standard input is read in lines of at most 8192 bytes, a longer line
 * stops it with 65 and one line naming it, endless input (/dev/zero) is
 * refused without growing, a write error exits 1 with one line, and what
 * was stripped shows under --explain. */
#include "clirun.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Runs inmail classify with stdin and stdout opened from the given paths
 * and stderr to err_path; returns the exit status (128 + signal), killing
 * it after 60 s (unbounded input would otherwise run until memory ends). */
static int run_redirected(struct cli *c, const char *in, const char *out,
			  const char *err_path)
{
	const char *av[] = {c->exe, "classify", NULL};
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st = 0;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_int_equal(posix_spawn(&pid, c->exe, &fa, NULL, (char *const *)av, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	for (int i = 0; i < 600; i++) {
		pid_t w = waitpid(pid, &st, WNOHANG);

		if (w == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		usleep(100000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	fail_msg("inmail classify still ran after 60 s");
	return -1;
}

static void test_line_too_long(void **state)
{
	struct cli *c = cli_new();
	const struct cli_res *r;
	const char *in;

	(void)state;
	/* Exactly 8192 bytes is fine. */
	c->stdin_data = cli_fmt(c, "yes\n%s\n", cli_repeat(c, "a", 8192));
	r = RUN(c, NULL, "classify");
	assert_int_equal(r->code, 0);
	assert_int_equal(cli_lines(r->out), 2);
	/* One more stops it at that line, with what came before printed. */
	in = cli_fmt(c, "yes\nno thanks\n%s\nyes\n", cli_repeat(c, "a", 8193));
	c->stdin_data = in;
	r = RUN(c, NULL, "classify");
	assert_int_equal(r->code, 65);
	assert_string_equal(r->err, "inmail: classify: line 3 is longer than 8192 bytes\n");
	assert_int_equal(cli_lines(r->out), 2);
	/* A last line without its newline counts the same. */
	c->stdin_data = cli_repeat(c, "b", 9000);
	r = RUN(c, NULL, "classify");
	assert_int_equal(r->code, 65);
	assert_string_equal(r->err, "inmail: classify: line 1 is longer than 8192 bytes\n");
	cli_free(&c);
}

static void test_dev_zero(void **state)
{
	struct cli *c = cli_new();
	const char *err = cli_path(c, "err");
	char *text;
	size_t n;

	(void)state;
	assert_int_equal(run_redirected(c, "/dev/zero", "/dev/null", err), 65);
	text = cli_read_file(c, err, &n);
	assert_non_null(text);
	assert_string_equal(text, "inmail: classify: line 1 is longer than 8192 bytes\n");
	cli_free(&c);
}

static void test_write_error(void **state)
{
	struct cli *c = cli_new();
	const char *err = cli_path(c, "err");
	const char *in = cli_write_file(c, "in", "yes\nno\n", 7);
	char *text;
	size_t n;

	(void)state;
	if (access("/dev/full", W_OK) != 0)
		skip();
	assert_int_equal(run_redirected(c, in, "/dev/full", err), 1);
	text = cli_read_file(c, err, &n);
	assert_non_null(text);
	assert_non_null(strstr(text, "inmail: classify: cannot write the output"));
	assert_int_equal(cli_lines(text), 1);
	cli_free(&c);
}

static void test_explain_stripped(void **state)
{
	struct cli *c = cli_new();
	const struct cli_res *r;

	(void)state;
	c->stdin_data = "No.\\n\\n> Would you like to hear more? Let's talk!\n";
	r = RUN(c, NULL, "classify", "--explain");
	assert_int_equal(r->code, 0);
	assert_true(!strncmp(r->out, "decline\t", 8));
	assert_non_null(strstr(r->out, "\tstripped quote: > Would you like to hear more?"));
	c->stdin_data = "No.\\n\\n> Would you like to hear more? Let's talk!\n";
	r = RUN(c, NULL, "classify", "--explain", "--json");
	assert_int_equal(r->code, 0);
	assert_non_null(strstr(r->out, "\"stripped\":[{\"kind\":\"quote\""));
	cli_free(&c);
}

/* show --json explains a custom response: the features that weighed most,
 * the strongest pushing the way its stored label went (issue 15). */
static void test_show_explains(void **state)
{
	struct cli *c = cli_new();
	(void)state;
	CAST(c, 5);
	OK(c, "rita", "send", "--to", "jose", "--subject", "Role", "--body", "Hi");
	OK(c, "jose", "reply", "1", "--body",
	   "nah not for me rn, I just joined a new company");
	json_t *t = SHOW(c, "rita", "1");
	json_t *m = MSG(t, 1);
	assert_string_equal(JSTR(m, "classification"), "decline");
	json_t *ex = JGET(m, "explanation");
	assert_true(json_array_size(ex) > 0);
	double w = json_real_value(JGET(json_array_get(ex, 0), "weight"));
	assert_true(w > 0); /* > 0 pushes toward decline */
	assert_non_null(JSTR(json_array_get(ex, 0), "feature"));
	/* A smart reply is not classified: nothing to explain. */
	OK(c, "rita", "send", "--to", "ana", "--subject", "Role", "--body", "Hi");
	OK(c, "ana", "reply", "2", "--smart", "yes");
	assert_null(json_object_get(MSG(SHOW(c, "rita", "2"), 1), "explanation"));
	cli_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_too_long),
		cmocka_unit_test(test_dev_zero),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_explain_stripped),
		cmocka_unit_test(test_show_explains),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
