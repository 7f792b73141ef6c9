/* The drawn elements' names and looks (issue 11; SPEC 8 [colors]):
 * tui_draw_set_style refuses bad names, bad specs and conflicts and then
 * changes nothing; what it sets is what tui_draw_each_style reports and
 * what tui_draw_init draws with, colours only when allowed (NO_COLOR
 * wins).  NULL and empty input first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui_curses.h"
#include "tui_draw.h"

static int reset(void **state)
{
	(void)state;
	tui_draw_reset_styles();
	return 0;
}

static void set_fails(const char *element, const char *spec,
		      enum tui_draw_status st, const char *want)
{
	char *err = NULL;
	enum tui_draw_status got = tui_draw_set_style(element, spec, &err);
	if (got != st)
		fail_msg("%s = %s: %d, not %d (%s)", element ? element : "NULL",
			 spec, got, st, err ? err : "no error");
	assert_non_null(err);
	if (want && !strstr(err, want))
		fail_msg("%s = %s: \"%s\" does not say \"%s\"",
			 element ? element : "NULL", spec, err, want);
	free(err);
}

struct look {
	const char *element;
	char now[96];
	size_t n;
};

static void find_look(void *arg, const char *element, const char *defaults,
		      const char *now)
{
	struct look *l = arg;
	assert_non_null(defaults);
	l->n++;
	if (strcmp(element, l->element) == 0)
		snprintf(l->now, sizeof(l->now), "%s", now);
}

static const char *look_of(const char *element)
{
	static struct look l;
	memset(&l, 0, sizeof(l));
	l.element = element;
	tui_draw_each_style(find_look, &l);
	assert_int_equal(l.n, TUI_ST_COUNT);
	return l.now;
}

static void null_and_empty(void **state)
{
	(void)state;
	set_fails(NULL, "bold", TUI_DRAW_NO_ELEMENT, "no drawn element");
	set_fails("", "bold", TUI_DRAW_NO_ELEMENT, "''");
	assert_int_equal(tui_draw_set_style("nope", "bold", NULL),
			 TUI_DRAW_NO_ELEMENT);
	/* An empty spec is the terminal's own look. */
	assert_int_equal(tui_draw_set_style("unread", "", NULL), TUI_DRAW_OK);
}

static void bad_names_and_specs(void **state)
{
	(void)state;
	set_fails("Unread", "bold", TUI_DRAW_NO_ELEMENT, "'Unread'");
	set_fails("unread", "default default purple", TUI_DRAW_BAD_SPEC,
		  "unread: 'purple'");
	set_fails("unread", "color256", TUI_DRAW_BAD_SPEC, "'color256'");
	set_fails("unread", "colorx", TUI_DRAW_BAD_SPEC, "'colorx'");
	set_fails("unread", "bold,", TUI_DRAW_BAD_SPEC, "'bold,'");
	/* Conflicts: three colours; the text on its own colour. */
	set_fails("unread", "red blue green", TUI_DRAW_CONFLICT, "'green'");
	set_fails("unread", "red red bold", TUI_DRAW_CONFLICT, "would not show");
	/* Nothing changed. */
	assert_string_equal(look_of("unread"), "default default bold");
}

static void names_are_stable(void **state)
{
	(void)state;
	static const char *const names[] = {"normal", "header", "header-off",
		"title", "title-focus", "selected", "unread", "pending",
		"accepted", "declined", "blocked", "system", "button",
		"button-on", "button-cursor", "hint", "note", "error", "dim"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_int_equal(tui_draw_set_style(names[i], "default", NULL),
				 TUI_DRAW_OK);
	assert_int_equal(sizeof(names) / sizeof(names[0]), TUI_ST_COUNT);
}

/* What is set is drawn; without colour only its attributes are. */
static void set_looks_are_drawn_no_color_wins(void **state)
{
	(void)state;
	assert_int_equal(tui_draw_set_style("unread", "red default underline",
					    NULL), TUI_DRAW_OK);
	assert_int_equal(tui_draw_set_style("pending", "color200 black", NULL),
			 TUI_DRAW_OK);
	assert_string_equal(look_of("unread"), "red default underline");
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	assert_non_null(out);
	assert_non_null(in);
	SCREEN *scr = newterm("xterm-256color", out, in);
	if (!scr)
		skip();
	tui_draw_init(false);
	assert_int_equal(tui_draw_attr(TUI_ST_UNREAD), A_UNDERLINE);
	assert_int_equal(tui_draw_attr(TUI_ST_PENDING) & A_COLOR, 0);
	/* The system line is dim without colour, cyan with it. */
	assert_int_equal(tui_draw_attr(TUI_ST_SYSTEM), A_DIM);
	if (has_colors()) {
		tui_draw_init(true);
		int a = tui_draw_attr(TUI_ST_UNREAD);
		assert_true((a & A_UNDERLINE) && (a & A_COLOR));
		assert_true(tui_draw_attr(TUI_ST_PENDING) & A_COLOR);
		assert_int_equal(tui_draw_attr(TUI_ST_SYSTEM) & A_DIM, 0);
		assert_int_equal(tui_draw_attr(TUI_ST_NORMAL), A_NORMAL);
	}
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(null_and_empty, reset),
		cmocka_unit_test_setup(bad_names_and_specs, reset),
		cmocka_unit_test_setup(names_are_stable, reset),
		cmocka_unit_test_setup(set_looks_are_drawn_no_color_wins, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
