/* The guided demo (`inmail demo --guide`, issue 12) at 80x24, played by
 * keyboard as a presenter would, and at 120x40: each line of the guide
 * shows, whole, and moves on when the step's outcome shows; a click does
 * a step as well as a key; the story played another way or out of order
 * never leaves it waiting; F10 hides the line and brings it back; plain
 * `inmail demo` has none. */
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
	return harness_rmdir(*state) ? 0 : -1;
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
	/* Without the blanks that pad it. */
	while (len > 0 && out[len - 1] == ' ')
		out[--len] = '\0';
}

/* The guide's line as the screen shows it: row 2, and row 3 when the
 * line wrapped onto it (a session's header starts " recruiter"). */
static void guide_text(struct term *t, char *out, size_t n)
{
	char row[1024];
	screen_row(t, 1, out, n);
	screen_row(t, 2, row, sizeof row);
	if (strncmp(row, " recruiter", 10) != 0 && strlen(out) + strlen(row) < n)
		strcat(out, row); /* its leading blank joins the words */
}

/* The guide shows step k's line, with these words, under the demo's
 * line, read off the screen, whole: never cut (review item 4). */
static void guide_at(struct term *t, int k, const char *words)
{
	char mark[64], text[2048] = "";
	snprintf(mark, sizeof mark, "Guide %d/10 ", k);
	for (int i = 0; i < 100; i++) {
		guide_text(t, text, sizeof text);
		if (strstr(text, mark) && (!words || strstr(text, words)))
			break;
		term_read(t, 100);
	}
	if (!strstr(text, mark) || (words && !strstr(text, words)))
		fail_msg("the guide is not at step %d (%s): '%s'\n%s", k,
			 words ? words : "", text, term_screen(t));
	/* Whole: no ellipsis where the words end. */
	const char *f10 = strstr(text, " \xC2\xB7 F10");
	size_t end = f10 ? (size_t)(f10 - text) : strlen(text);
	if (end >= 3 && strncmp(text + end - 3, "\xE2\x80\xA6", 3) == 0 &&
	    !strstr(text, "interested\xE2\x80\xA6:"))
		fail_msg("step %d is cut: '%s'", k, text);
	char row[1024];
	screen_row(t, 0, row, sizeof row);
	assert_non_null(strstr(row, " DEMO "));
}

/* The guide stays at step k for a while: what was done is not its
 * outcome. */
static void guide_stays(struct term *t, int k)
{
	char mark[64], text[2048];
	snprintf(mark, sizeof mark, "Guide %d/10 ", k);
	for (int i = 0; i < 5; i++) {
		term_read(t, 100);
		guide_text(t, text, sizeof text);
		if (!strstr(text, mark))
			fail_msg("the guide left step %d: '%s'\n%s", k, text,
				 term_screen(t));
	}
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

/* The whole story, by keyboard, every step's line read off the screen;
 * each step moves on when its outcome shows, not on a key. */
static void guided_story_at(const char *dir, int rows, int cols)
{
	struct term *t = demo_at(dir, true, rows, cols);
	guide_at(t, 1, "Ctrl-W, Enter on Rita Recruiter's InMail: "
		 "Jos\xC3\xA9 M\xC3\xBCller opens it");
	/* 1. The candidate opens the InMail. */
	term_type(t, CTRL_W);
	assert_true(term_wait(t, "keyboard: candidate", T));
	guide_at(t, 1, "\xC2\xB7 Enter on Rita Recruiter's InMail");
	term_key(t, "Enter");
	assert_true(term_wait(t, "[ No thanks ]", T));
	guide_at(t, 2, "\xC2\xB7 n picks No thanks");
	/* 2. No thanks. */
	term_type(t, "n");
	guide_at(t, 3, "y switches to Yes, interested");
	/* 3. Switched: the untouched template is replaced. */
	term_type(t, "y");
	guide_at(t, 4, "Ctrl-S sends the bare");
	/* 4. Back to No thanks, sent as it is: the block. */
	term_type(t, "n");
	guide_stays(t, 4);
	term_type(t, CTRL_S);
	guide_at(t, 5, "Ctrl-W, 5, Enter: the notification, the block");
	/* 5. The recruiter: the notification, the block and its reason.
	 * The folder alone is not it (review item 1). */
	term_type(t, CTRL_W);
	assert_true(term_wait(t, "keyboard: recruiter", T));
	guide_at(t, 5, "\xC2\xB7 5, Enter: the notification");
	term_type(t, "5");
	assert_true(term_wait(t, "Notifications (5)", T));
	guide_stays(t, 5);
	term_key(t, "Enter");
	assert_true(term_wait(t, "You can't reply", T));
	guide_at(t, 6, "c: a new InMail to Jos\xC3\xA9 M\xC3\xBCller");
	/* 6. c: a new InMail instead, sent. */
	term_type(t, "c");
	assert_true(term_wait(t, "To (handle): jose", T));
	guide_at(t, 6, "then Ctrl-S sends the new InMail");
	term_type(t, "A staff role instead?");
	guide_stays(t, 6);
	term_type(t, CTRL_S);
	assert_true(term_wait(t, "InMail sent", T));
	guide_at(t, 7, "r: Jos\xC3\xA9 M\xC3\xBCller writes again; Ctrl-S "
		 "lifts the block");
	/* 7. The candidate writes again in the declined thread. */
	term_type(t, CTRL_W);
	assert_true(term_wait(t, "keyboard: candidate", T));
	term_type(t, "r");
	guide_at(t, 7, "types a line; Ctrl-S lifts the block");
	term_type(t, "Actually, tell me more.");
	assert_true(term_wait(t, "tell me more", T));
	term_type(t, CTRL_S);
	assert_true(term_wait(t, "the block is lifted", T));
	guide_at(t, 8, "the automated follow-up to Gus Oliveira");
	/* 8. F9 until the automated follow-up is sent: the line counts. */
	int days = 0;
	guide_at(t, 8, "F9 \xC3\x97" "4");
	press_f9(t, &days);
	guide_at(t, 8, "F9 \xC3\x97" "3");
	press_f9(t, &days);
	press_f9(t, &days);
	guide_at(t, 8, "F9 \xC3\x97" "1");
	press_f9(t, &days);
	/* 9. F9 until a 90-day window closes: two days later. */
	guide_at(t, 9, "F9 \xC3\x97" "2: a 90-day window closes");
	press_f9(t, &days);
	guide_at(t, 9, "F9 \xC3\x97" "1: a 90-day window closes");
	press_f9(t, &days);
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
	quit(&t);
}

static void guided_story(void **state)
{
	guided_story_at(*state, 24, 80);
}

static void guided_story_120x40(void **state)
{
	guided_story_at(*state, 40, 120);
}

/* The candidate answers Yes instead of No thanks: no block can come, so
 * the guide says so and goes on with the recruiter's look and the clock
 * (review item 2: it stayed on "answered otherwise" for good). */
static void yes_instead_of_no_goes_on(void **state)
{
	struct term *t = demo(*state, true);
	term_type(t, CTRL_W);
	assert_true(term_wait(t, "keyboard: candidate", T));
	term_key(t, "Enter");
	assert_true(term_wait(t, "[ No thanks ]", T));
	term_type(t, "y");
	guide_at(t, 2, NULL);
	term_type(t, CTRL_S);
	guide_at(t, 5, "Jos\xC3\xA9 M\xC3\xBCller accepted: no block");
	guide_at(t, 5, "Ctrl-W, 5, Enter: Rita Recruiter sees it");
	/* By the mouse this time: the folder is not it, the notification's
	 * thread is. */
	term_type(t, CTRL_W);
	int row = 0, col = 0;
	if (!term_wait(t, "5 Notifications", T) ||
	    !term_find(t, "5 Notifications", &row, &col))
		fail_msg("no folder:\n%s", term_screen(t));
	term_click(t, row, col + 2);
	assert_true(term_wait(t, "Notifications (5)", T));
	guide_stays(t, 5);
	if (!term_wait(t, "2 Mar \xC2\xB7 Candidate", T) ||
	    !term_find(t, "2 Mar \xC2\xB7 Candidate", &row, &col))
		fail_msg("no notification:\n%s", term_screen(t));
	term_click(t, row, col + 2);
	assert_true(term_wait(t, "accepted with the template", T));
	/* c and the lifted block have nothing to show: the clock next. */
	guide_at(t, 8, "the automated follow-up to Gus Oliveira");
	int days = 0;
	press_f9_until(t, &days, "Guide 9/10", 6);
	press_f9_until(t, &days, "Guide 10/10", 4);
	guide_at(t, 10, "The stats: ");
	quit(&t);
}

/* Out of order: the clock first (the follow-up and the window are done
 * before their steps come), the keyboard switched at odd times, the
 * InMail left and opened again: the line always names the keys from
 * where the keyboard is, and steps done early are passed. */
static void out_of_order_never_strands(void **state)
{
	struct term *t = demo(*state, true);
	int days = 0;
	for (int i = 0; i < 7; i++)
		press_f9(t, &days);
	guide_at(t, 1, "Ctrl-W, Enter on Rita Recruiter's InMail");
	/* Another thread opened first (Rob's): not the story's; out of it
	 * first. */
	term_type(t, CTRL_W);
	term_type(t, "j");
	term_key(t, "Enter");
	assert_true(term_wait(t, "Data platform engineer", T));
	guide_at(t, 1, "\xC2\xB7 Esc, Enter on Rita Recruiter's InMail");
	term_key(t, "Escape");
	guide_at(t, 1, "\xC2\xB7 Enter on Rita Recruiter's InMail");
	term_type(t, "k");
	term_key(t, "Enter");
	assert_true(term_wait(t, "[ No thanks ]", T));
	guide_at(t, 2, "\xC2\xB7 n picks No thanks");
	/* Switched away and back. */
	term_type(t, CTRL_W);
	guide_at(t, 2, "\xC2\xB7 Ctrl-W, n picks No thanks");
	term_type(t, CTRL_W);
	guide_at(t, 2, "\xC2\xB7 n picks No thanks");
	/* Into the text box: back to the buttons first. */
	term_key(t, "Tab");
	guide_at(t, 2, "\xC2\xB7 Shift-Tab, n picks No thanks");
	/* Out to the list: the InMail again. */
	term_key(t, "Escape");
	guide_at(t, 2, "Enter on Rita Recruiter's InMail, n picks");
	term_key(t, "Enter");
	assert_true(term_wait(t, "[ No thanks ]", T));
	term_type(t, "n");
	term_type(t, "y");
	term_type(t, "n");
	term_type(t, CTRL_S);
	guide_at(t, 5, NULL);
	term_type(t, CTRL_W);
	term_type(t, "1");
	term_key(t, "Enter"); /* José's thread, the newest, from the Inbox */
	guide_at(t, 6, NULL);
	/* The candidate writes again before any new InMail: past 6 and 7,
	 * and past 8 and 9, done by the clock already. */
	term_type(t, CTRL_W);
	term_type(t, "r");
	term_type(t, "Still there?");
	assert_true(term_wait(t, "Still there?", T));
	term_type(t, CTRL_S);
	guide_at(t, 10, "The stats: ");
	quit(&t);
}

/* Any way of doing a step counts: a click on [ No thanks ] moves the
 * guide as n does.  F10 hides the line and the demo's line says how to
 * bring it back; F10 again shows it, at the step the story is at now
 * (review item 3: F10 hid it for good). */
static void click_advances_and_f10_toggles(void **state)
{
	struct term *t = demo(*state, true);
	guide_at(t, 1, NULL);
	term_type(t, CTRL_W);
	assert_true(term_wait(t, "keyboard: candidate", T));
	term_key(t, "Enter");
	guide_at(t, 2, "F10 hides/shows");
	int row = 0, col = 0;
	if (!term_wait(t, "[ No thanks ]", T) ||
	    !term_find(t, "[ No thanks ]", &row, &col))
		fail_msg("no button:\n%s", term_screen(t));
	term_click(t, row, col + 3);
	guide_at(t, 3, NULL);
	term_type(t, F10);
	assert_true(term_wait_gone(t, "Guide 3/10", T));
	assert_true(term_wait(t, "F10 guide \xC2\xB7 keyboard: candidate", T));
	/* Hidden, it keeps watching: y is done meanwhile. */
	term_type(t, "y");
	assert_true(term_wait(t, "[\xE2\x96\xB8Yes", T));
	assert_false(term_wait(t, "Guide ", 300));
	term_type(t, F10);
	guide_at(t, 4, "Ctrl-S sends the bare");
	assert_true(term_wait_gone(t, "F10 guide", T));
	quit(&t);
}

/* Every line fits 80 columns and is cut between characters: a step's
 * line at 80x24 never runs into the panes below. */
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
	assert_null(strstr(row, "InMail "));
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
		cmocka_unit_test_setup_teardown(guided_story_120x40, setup,
						teardown),
		cmocka_unit_test_setup_teardown(yes_instead_of_no_goes_on, setup,
						teardown),
		cmocka_unit_test_setup_teardown(out_of_order_never_strands,
						setup, teardown),
		cmocka_unit_test_setup_teardown(click_advances_and_f10_toggles,
						setup, teardown),
		cmocka_unit_test_setup_teardown(lines_fit_80_columns, setup,
						teardown),
		cmocka_unit_test_setup_teardown(plain_demo_has_no_guide, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
