/* The key table's names and rebinding (issue 11; SPEC 8 [keys]):
 * tui_keys_bind refuses bad names, bad keyspecs, conflicts and Ctrl-C and
 * then changes nothing; what it binds is what lookups, the names shown
 * (footer, ?) and tui_keys_each report.  NULL and empty input first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui_curses.h"
#include "tui_keys.h"
#include "tui_text.h"

#define B TUI_CTX_BROWSE
#define BT TUI_CTX_BUTTONS
#define T TUI_CTX_TEXT

static int reset(void **state)
{
	(void)state;
	tui_text_set_utf8(true);
	tui_keys_reset();
	return 0;
}

/* Binds and expects st, with an error line containing want (or none). */
static void bind_fails(const char *action, const char *spec,
		       enum tui_keys_status st, const char *want)
{
	char *err = NULL;
	enum tui_keys_status got = tui_keys_bind(action, spec, &err);
	if (got != st)
		fail_msg("bind %s = %s: %d, not %d (%s)", action ? action : "NULL",
			 spec ? spec : "NULL", got, st, err ? err : "no error");
	assert_non_null(err);
	if (want && !strstr(err, want))
		fail_msg("bind %s = %s: \"%s\" does not say \"%s\"",
			 action ? action : "NULL", spec ? spec : "NULL", err, want);
	free(err);
}

static void bind_ok(const char *action, const char *spec)
{
	char *err = NULL;
	enum tui_keys_status st = tui_keys_bind(action, spec, &err);
	if (st != TUI_KEYS_OK)
		fail_msg("bind %s = %s: %s", action, spec, err ? err : "?");
	assert_null(err);
}

static const char *action_of(unsigned ctx, int code, bool fn)
{
	const struct tui_key *k = tui_keys_find(ctx, code, fn);
	return k ? k->action_name : NULL;
}

static void null_and_empty(void **state)
{
	(void)state;
	bind_fails(NULL, "q", TUI_KEYS_NO_ACTION, "no action");
	bind_fails("", "q", TUI_KEYS_NO_ACTION, "no action ''");
	bind_fails("quit", NULL, TUI_KEYS_BAD_KEY, "no key given");
	bind_fails("quit", "", TUI_KEYS_BAD_KEY, "no key given");
	bind_fails("quit", " , ", TUI_KEYS_BAD_KEY, "no key given");
	assert_null(tui_keys_by_name(NULL));
	/* err may be NULL. */
	assert_int_equal(tui_keys_bind("nope", "q", NULL), TUI_KEYS_NO_ACTION);
	/* Nothing changed. */
	assert_string_equal(action_of(B, 'q', false), "quit");
}

static void bad_names(void **state)
{
	(void)state;
	bind_fails("nope", "q", TUI_KEYS_NO_ACTION, "'nope'");
	bind_fails("Quit", "q", TUI_KEYS_NO_ACTION, "'Quit'");
	bind_fails("quit ", "q", TUI_KEYS_NO_ACTION, NULL);
}

static void bad_keyspecs(void **state)
{
	(void)state;
	static const char *const bad[] = {"C-1", "C-", "F13", "F0", "Fx",
					  "Foo", "qq", "C-s C-@", "\x01",
					  "Ctrl-S"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		bind_fails("send", bad[i], TUI_KEYS_BAD_KEY, "send: '");
	/* The token at fault is named. */
	bind_fails("send", "C-x,Foo", TUI_KEYS_BAD_KEY, "'Foo'");
	/* Nothing changed. */
	assert_string_equal(action_of(T, TUI_CTRL('s'), false), "send");
	assert_null(action_of(T, TUI_CTRL('x'), false));
}

static void conflicts(void **state)
{
	(void)state;
	/* j moves down in the same context. */
	bind_fails("reply", "j", TUI_KEYS_CONFLICT, "move-down");
	/* The demo's keys work in every context. */
	bind_fails("reply", "F9", TUI_KEYS_CONFLICT, "demo-day");
	bind_fails("demo-switch", "C-s", TUI_KEYS_CONFLICT, "send");
	bind_fails("confirm-yes", "F9", TUI_KEYS_CONFLICT, "demo-day");
	/* The demo's keys are looked at first, in a text box too. */
	bind_fails("demo-switch", "r", TUI_KEYS_CONFLICT, "types");
	/* A printable key types in a text box. */
	bind_fails("send", "s", TUI_KEYS_CONFLICT, "types in a text box");
	bind_fails("edit-left", "h", TUI_KEYS_CONFLICT, "types in a text box");
	bind_fails("edit-left", "Space", TUI_KEYS_CONFLICT, "types");
	/* Ctrl-C always quits (SPEC 8). */
	bind_fails("quit", "C-c", TUI_KEYS_FIXED, "always quits");
	bind_fails("quit-always", "C-q", TUI_KEYS_FIXED, "always quits");
	/* One bad key of several: none is bound. */
	bind_fails("reply", "R,j", TUI_KEYS_CONFLICT, "move-down");
	assert_string_equal(action_of(B, 'r', false), "reply");
	assert_null(action_of(B, 'R', false));
	/* Another context is no conflict: r on the buttons. */
	bind_ok("smart-yes", "r");
	assert_string_equal(action_of(BT, 'r', false), "smart-yes");
	assert_string_equal(action_of(B, 'r', false), "reply");
	/* Its own keys again are no conflict either. */
	bind_ok("move-down", "Down,j");
}

static void bound_keys_act_and_show(void **state)
{
	(void)state;
	const struct tui_key *quit = tui_keys_by_name("quit");
	assert_non_null(quit);
	assert_string_equal(tui_keys_name(quit), "q");
	bind_ok("quit", "Q");
	assert_string_equal(action_of(B, 'Q', false), "quit");
	assert_null(action_of(B, 'q', false));
	assert_string_equal(tui_keys_name(quit), "Q");
	/* Ctrl-C still quits. */
	const struct tui_key *k = tui_keys_find(B, TUI_CTRL('c'), false);
	assert_non_null(k);
	assert_int_equal(k->action, TUI_ACT_QUIT);

	bind_ok("send", "C-x, F5");
	assert_string_equal(action_of(T, TUI_CTRL('x'), false), "send");
	assert_string_equal(action_of(BT, KEY_F(5), true), "send");
	assert_null(action_of(T, TUI_CTRL('s'), false));
	assert_string_equal(tui_keys_name(tui_keys_by_name("send")),
			    "Ctrl-X F5");

	/* Named keys send what a terminal sends: Enter is '\n', '\r' and
	 * KEY_ENTER, and opens in browse, so help cannot have it. */
	bind_fails("help", "Enter", TUI_KEYS_CONFLICT, "open");
	assert_string_equal(action_of(B, '?', false), "help");
	bind_ok("edit-newline", "C-j,F2");
	assert_string_equal(action_of(T, KEY_F(2), true), "edit-newline");
	bind_ok("edit-newline", "Enter");
	assert_string_equal(action_of(T, '\r', false), "edit-newline");
	assert_string_equal(action_of(T, KEY_ENTER, true), "edit-newline");
	tui_keys_reset();
	bind_ok("into-box", "S-Tab,Enter");
	assert_string_equal(action_of(BT, KEY_BTAB, true), "into-box");
	bind_ok("move-up", "é,Up");
	assert_string_equal(action_of(B, 0xe9, false), "move-up");
	assert_string_equal(tui_keys_name(tui_keys_by_name("move-up")), "é ↑");
	tui_text_set_utf8(false);
	assert_string_equal(tui_keys_name(tui_keys_by_name("move-up")), "? Up");
	tui_text_set_utf8(true);

	/* The question names its answer keys as bound. */
	assert_string_equal(tui_keys_first_name(TUI_ACT_CONFIRM_YES), "y");
	bind_ok("confirm-yes", "j");
	assert_string_equal(tui_keys_first_name(TUI_ACT_CONFIRM_YES), "j");

	/* ? shows a group's keys as bound. */
	char buf[128];
	const struct tui_key *f1 = tui_keys_by_name("folder-1");
	assert_string_equal(tui_keys_group_name(f1, buf, sizeof(buf)), "1-5");
	bind_ok("folder-3", "F3");
	assert_string_equal(tui_keys_group_name(f1, buf, sizeof(buf)),
			    "1 2 F3 4 5");

	tui_keys_reset();
	assert_string_equal(action_of(B, 'q', false), "quit");
	assert_string_equal(tui_keys_name(quit), "q");
	assert_string_equal(tui_keys_group_name(f1, buf, sizeof(buf)), "1-5");
}

struct each_seen {
	size_t n;
	const char *names[128];
	bool edit_keys, confirm;
};

static void each_one(void *arg, const struct tui_key_info *info)
{
	struct each_seen *e = arg;
	assert_non_null(info->action);
	for (const char *p = info->action; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-'))
			fail_msg("action name '%s' is not lowercase", info->action);
	for (size_t i = 0; i < e->n; i++)
		if (strcmp(e->names[i], info->action) == 0)
			fail_msg("action name '%s' twice", info->action);
	assert_true(e->n < 128);
	e->names[e->n++] = info->action;
	assert_non_null(info->help);
	assert_true(info->context && *info->context);
	assert_true(info->defaults && *info->defaults);
	assert_true(info->keys && *info->keys);
	/* The defaults parse as a keyspec: a config may copy them. */
	if (!info->fixed) {
		char *err = NULL;
		if (tui_keys_bind(info->action, info->defaults, &err) != TUI_KEYS_OK)
			fail_msg("%s = %s: %s", info->action, info->defaults, err);
	}
	if (strcmp(info->action, "edit-backspace") == 0)
		e->edit_keys = strcmp(info->context, "text") == 0;
	if (strcmp(info->action, "confirm-yes") == 0)
		e->confirm = strcmp(info->context, "confirm") == 0 &&
			     strcmp(info->defaults, "y,Y") == 0;
}

static void each_lists_every_action(void **state)
{
	(void)state;
	struct each_seen seen = {0};
	tui_keys_each(each_one, &seen);
	size_t n;
	tui_keys_table(&n);
	assert_int_equal(seen.n, n);
	assert_true(seen.edit_keys);
	assert_true(seen.confirm);
	/* After a rebind each reports the keys in force. */
	bind_ok("archive", "A");
	const struct tui_key *k = tui_keys_by_name("archive");
	assert_string_equal(k->spec, "A");
	assert_string_equal(k->defaults, "a");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(null_and_empty, reset),
		cmocka_unit_test_setup(bad_names, reset),
		cmocka_unit_test_setup(bad_keyspecs, reset),
		cmocka_unit_test_setup(conflicts, reset),
		cmocka_unit_test_setup(bound_keys_act_and_show, reset),
		cmocka_unit_test_setup(each_lists_every_action, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
