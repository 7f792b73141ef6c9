/* SPEC 9 in the terminal interface at 80x24: `u` marks a thread unread
 * again.  The real binary in a pty, read back through libvterm. */
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

#define NOW "2026-03-02T09:00:00Z"
#define T HARNESS_TIMEOUT_MS

struct fx {
	char *dir;
	char db[512];
};

#define CLI(f, as, ...) \
	harness_cli_at((f)->db, NOW, (as), NULL, __VA_ARGS__, (const char *)NULL)

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->dir = harness_dbdir(f->db, sizeof f->db);
	assert_non_null(f->dir);
	assert_int_equal(CLI(f, NULL, "init"), 0);
	assert_int_equal(CLI(f, NULL, "user", "add", "rita", "--name",
			     "Rita Recruiter", "--role", "recruiter",
			     "--credits", "10"), 0);
	assert_int_equal(CLI(f, NULL, "user", "add", "jose", "--name",
			     "José Müller", "--role", "candidate"), 0);
	assert_int_equal(CLI(f, "rita", "send", "--to", "jose", "--subject",
			     "Senior C engineer", "--body", "Interested?"), 0);
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
	assert_int_equal(term_quit(t, T), 0);
}

/* Whether the acting account's list holds "unread": true. */
static bool listed_unread(struct fx *f, const char *as)
{
	char *out = NULL;
	harness_cli_at(f->db, NOW, as, &out, "list", "--json",
		       (const char *)NULL);
	bool yes = out && strstr(out, "\"unread\": true");
	free(out);
	return yes;
}

/* The candidate reads the InMail, then makes it unread again from the
 * list; it stays unread after the session. */
static void test_u_in_the_list(void **state)
{
	struct fx *f = *state;
	struct term *t = start(f, "jose");
	assert_true(term_wait(t, "Messages (1)", T));
	assert_true(term_wait(t, "1 unread", T));
	term_key(t, "Enter");
	assert_true(term_wait(t, "[ No thanks ]", T));
	assert_true(term_wait_gone(t, "1 unread", T));
	term_key(t, "Escape");
	term_key(t, "Escape");
	term_type(t, "u");
	assert_true(term_wait(t, "Marked unread.", T));
	assert_true(term_wait(t, "1 unread", T));
	quit(&t);
	assert_true(listed_unread(f, "jose"));
}

/* The recruiter, in the open conversation of an answered thread: `u`
 * closes it (showing it would be a look) and the thread is unread; on a
 * thread the other side has not written in, a line says why not. */
static void test_u_in_the_conversation(void **state)
{
	struct fx *f = *state;
	assert_int_equal(CLI(f, "jose", "reply", "1", "--body",
			     "Sounds good, tell me more"), 0);
	assert_int_equal(CLI(f, "rita", "show", "1"), 0);
	assert_false(listed_unread(f, "rita"));
	struct term *t = start(f, "rita");
	assert_true(term_wait(t, "Inbox (1)", T));
	term_key(t, "Enter");
	assert_true(term_wait(t, "tell me more", T));
	term_type(t, "u");
	assert_true(term_wait(t, "Marked unread.", T));
	quit(&t);
	assert_true(listed_unread(f, "rita"));

	assert_int_equal(CLI(f, NULL, "user", "add", "ana", "--name",
			     "Ana Lima", "--role", "candidate"), 0);
	assert_int_equal(CLI(f, "rita", "send", "--to", "ana", "--subject",
			     "Role", "--body", "Hi"), 0);
	t = start(f, "rita");
	assert_true(term_wait(t, "Inbox (1)", T));
	term_type(t, "2");
	assert_true(term_wait(t, "Ana Lima", T));
	term_type(t, "u");
	assert_true(term_wait(t, "nothing to mark unread", T));
	quit(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_u_in_the_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_u_in_the_conversation, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
