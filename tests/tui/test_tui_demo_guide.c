/* The guided demo (`inmail demo --guide`, issue 12) at 80x24, played by
 * keyboard as a presenter would: each line of the guide shows, and moves
 * on when the step is done; a click does a step as well as a key; F10
 * hides the line; plain `inmail demo` has none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "harness.h"

#define T HARNESS_TIMEOUT_MS
#define CTRL_W "\x17"
#define CTRL_S "\x13"
#define F10 "\x1b[21~" /* xterm's; the harness names F9 alone */

static int setup(void **state)
{
	*state = harness_tmpdir();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	char *dir = *state;
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return -1;
	free(dir);
	return 0;
}

static struct term *demo_at(const char *dir, bool guide, int rows, int cols)
{
	char tmpdir[600];
	snprintf(tmpdir, sizeof tmpdir, "TMPDIR=%s", dir);
	const char *args[] = {"demo", guide ? "--guide" : NULL, NULL};
	const char *env[] = {tmpdir, NULL};
	struct term *t = term_start(args, env, rows, cols);
	assert_non_null(t);
	assert_true(term_wait(t, "keyboard: recruiter", T));
	assert_true(term_wait(t, "Inbox (4)", T));
	return t;
}

static struct term *demo(const char *dir, bool guide)
{
	return demo_at(dir, guide, 24, 80);
}

static void quit(struct term **t)
{
	term_type(*t, "q");
	assert_int_equal(term_wait_exit(*t, T), 0);
	term_free(t);
}

/* Row r of the screen (0-based), as text. */
static void screen_row(struct term *t, int r, char *out, size_t n)
{
	const char *s = term_screen(t);
	for (int i = 0; i < r && s; i++) {
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	size_t len = s ? strcspn(s, "\n") : 0;
	if (len >= n)
		len = n - 1;
	memcpy(out, s ? s : "", len);
	out[len] = '\0';
}

/* The guide shows step k's line, with these words, on the second row. */
static void guide_at(struct term *t, int k, const char *words)
{
	char mark[64], row[1024];
	snprintf(mark, sizeof mark, "Guide %d/10", k);
	if (!term_wait(t, mark, 10 * T) || (words && !term_wait(t, words, T)))
		fail_msg("no '%s' (%s):\n%s", mark, words ? words : "",
			 term_screen(t));
	screen_row(t, 1, row, sizeof row);
	if (!strstr(row, mark) || (words && !strstr(row, words)))
		fail_msg("row 2 is not step %d (%s): '%s'\n%s", k,
			 words ? words : "", row, term_screen(t));
	/* With the seed's names every line is whole at 80 columns. */
	if (strstr(row, "\xE2\x80\xA6 ") || strstr(row, "\xE2\x80\xA6\n"))
		fail_msg("step %d is cut: '%s'", k, row);
	/* The demo's own line is still the first. */
	screen_row(t, 0, row, sizeof row);
	assert_non_null(strstr(row, " DEMO "));
}

/* The demo's clock after days presses of F9, as its line shows it. */
static void demo_day(int days, char *out, size_t n)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May",
					     "Jun", "Jul", "Aug", "Sep", "Oct",
					     "Nov", "Dec"};
	time_t at = (time_t)1772452800 + (time_t)days * 86400; /* 2 Mar 2026 */
	struct tm tm;
	gmtime_r(&at, &tm);
	snprintf(out, n, "DEMO \xC2\xB7 %d %s %d \xC2\xB7", tm.tm_mday,
		 months[tm.tm_mon], tm.tm_year + 1900);
}

/* F9, and the new day shown. */
static void press_f9(struct term *t, int *days)
{
	char day[64];
	term_key(t, "F9");
	demo_day(++*days, day, sizeof day);
	if (!term_wait(t, day, T))
		fail_msg("no '%s':\n%s", day, term_screen(t));
}

/* Presses F9 until mark shows, at most most times. */
static void press_f9_until(struct term *t, int *days, const char *mark,
			   int most)
{
	for (int i = 0; i < most; i++) {
		int row, col;
		if (term_find(t, mark, &row, &col))
			return;
		press_f9(t, days);
	}
	if (!term_wait(t, mark, T))
		fail_msg("no '%s' after %d F9:\n%s", mark, most, term_screen(t));
}

/* The whole story, by keyboard, at 80x24. */
static void guided_story(void **state)
{
	struct term *t = demo(*state, true);
	guide_at(t, 1, "Ctrl-W, then Enter: Jos\xC3\xA9 M\xC3\xBCller opens");
	/* 1. The candidate opens the InMail. */
	term_type(t, CTRL_W);
	assert_true(term_wait(t, "keyboard: candidate", T));
	term_key(t, "Enter");
	assert_true(term_wait(t, "\xE2\x94\x8C Senior C engineer", T));
	guide_at(t, 2, "n picks No thanks");
	/* 2. No thanks. */
	term_type(t, "n");
	guide_at(t, 3, "y switches to Yes, interested");
	/* 3. Switched: the untouched template is replaced. */
	term_type(t, "y");
	guide_at(t, 4, "Ctrl-S sends the bare");
	/* 4. Back to No thanks, sent as it is: the block. */
	term_type(t, "n");
	term_type(t, CTRL_S);
	guide_at(t, 5, "Enter: the notification, the block");
	/* 5. The recruiter: the notification, the block and its reason. */
	term_type(t, CTRL_W);
	assert_true(term_wait(t, "keyboard: recruiter", T));
	term_type(t, "5");
	assert_true(term_wait(t, "declined", T));
	term_key(t, "Enter");
	assert_true(term_wait(t, "You can't reply", T));
	guide_at(t, 6, "c: a new InMail to");
	/* 6. c: a new InMail instead, sent. */
	term_type(t, "c");
	assert_true(term_wait(t, "To (handle): jose", T));
	term_type(t, "A staff role instead?");
	term_type(t, CTRL_S);
	assert_true(term_wait(t, "InMail sent", T));
	guide_at(t, 7, "writes again; Ctrl-S lifts the block");
	/* 7. The candidate writes again in the declined thread. */
	term_type(t, CTRL_W);
	assert_true(term_wait(t, "keyboard: candidate", T));
	term_type(t, "r");
	term_type(t, "Actually, tell me more.");
	assert_true(term_wait(t, "tell me more", T));
	term_type(t, CTRL_S);
	guide_at(t, 8, "the automated follow-up to Gus Oliveira");
	/* 8. F9 until the automated follow-up is sent: the line counts. */
	int days = 0;
	guide_at(t, 8, "F9 \xC3\x97" "4");
	press_f9(t, &days);
	guide_at(t, 8, "F9 \xC3\x97" "3");
	press_f9_until(t, &days, "Guide 9/10", 6);
	/* 9. F9 until a 90-day window closes. */
	guide_at(t, 9, "a 90-day window closes");
	press_f9_until(t, &days, "Guide 10/10", 90);
	/* 10. The statistics. */
	guide_at(t, 10, "The stats: ");
	guide_at(t, 10, "credited back");
	/* F10: the line goes, and the panes take its row. */
	term_type(t, F10);
	assert_true(term_wait_gone(t, "Guide ", T));
	int row, col;
	assert_true(term_wait(t, "candidate \xC2\xB7 Jos", T));
	assert_true(term_find(t, "candidate \xC2\xB7 Jos", &row, &col));
	assert_int_equal(row, 1);
	assert_true(term_wait(t, "InMail sent", T)); /* the panes, redrawn */
	quit(&t);
}

/* Any way of doing a step counts: a click on [ No thanks ] moves the
 * guide as n does.  F10 at once removes the line for good; the next F10
 * is the demo's own business again. */
static void click_advances_and_f10_hides(void **state)
{
	struct term *t = demo(*state, true);
	guide_at(t, 1, NULL);
	term_type(t, CTRL_W);
	assert_true(term_wait(t, "keyboard: candidate", T));
	term_key(t, "Enter");
	guide_at(t, 2, NULL);
	int row = 0, col = 0;
	if (!term_wait(t, "[ No thanks ]", T) ||
	    !term_find(t, "[ No thanks ]", &row, &col))
		fail_msg("no button:\n%s", term_screen(t));
	term_click(t, row, col + 3);
	guide_at(t, 3, NULL);
	term_type(t, F10);
	assert_true(term_wait_gone(t, "Guide 3/10", T));
	/* Gone for good: the next step done brings it back no more. */
	term_type(t, "y");
	assert_true(term_wait(t, "[\xE2\x96\xB8Yes", T));
	assert_false(term_wait(t, "Guide ", 300));
	quit(&t);
}

/* Every line fits 80 columns and is cut between characters: a step's
 * line at 80x24 never wraps into the pane below. */
static void lines_fit_80_columns(void **state)
{
	struct term *t = demo(*state, true);
	char row[1024];
	guide_at(t, 1, NULL);
	screen_row(t, 1, row, sizeof row);
	/* Valid UTF-8 to its end (a cut through a character would leave a
	 * stray lead byte, shown as U+FFFD). */
	assert_null(strstr(row, "\xEF\xBF\xBD"));
	screen_row(t, 2, row, sizeof row);
	assert_null(strstr(row, "Guide"));
	assert_null(strstr(row, "InMail"));
	quit(&t);
}

/* At 120x40 (halves of 60 columns) the guide shows, whole, and moves on
 * the same way; F10 hides it there too. */
static void at_120x40(void **state)
{
	struct term *t = demo_at(*state, true, 40, 120);
	guide_at(t, 1, "Rita Recruiter's InMail \xC2\xB7 F10 hides");
	term_type(t, CTRL_W);
	assert_true(term_wait(t, "keyboard: candidate", T));
	term_key(t, "Enter");
	guide_at(t, 2, "n picks No thanks");
	term_type(t, "n");
	guide_at(t, 3, NULL);
	term_type(t, F10);
	assert_true(term_wait_gone(t, "Guide ", T));
	quit(&t);
}

/* Plain demo: no guide line, the panes right under the demo's. */
static void plain_demo_has_no_guide(void **state)
{
	struct term *t = demo(*state, false);
	int row, col;
	assert_false(term_find(t, "Guide ", &row, &col));
	assert_true(term_find(t, "candidate \xC2\xB7 Jos", &row, &col));
	assert_int_equal(row, 1);
	term_type(t, F10);
	assert_false(term_wait(t, "Guide ", 300));
	quit(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(guided_story, setup, teardown),
		cmocka_unit_test_setup_teardown(click_advances_and_f10_hides,
						setup, teardown),
		cmocka_unit_test_setup_teardown(lines_fit_80_columns, setup,
						teardown),
		cmocka_unit_test_setup_teardown(at_120x40, setup, teardown),
		cmocka_unit_test_setup_teardown(plain_demo_has_no_guide, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
