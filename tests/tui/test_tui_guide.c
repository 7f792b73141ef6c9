/* The guided demo's step machine and its line (src/tui/tui_guide.c), fed
 * with observations made up here: what a model would report at each
 * moment of the story.  (tests/tui/test_tui_demo_guide.c plays it on the
 * real binary.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui_guide.h"
#include "tui_text.h"

#define NOW ((im_time)1772452800) /* 2 Mar 2026 12:00 */

/* The seed at the start, as the models report it. */
static struct tui_guide_obs start_obs(void)
{
	struct tui_guide_obs o;
	memset(&o, 0, sizeof o);
	o.ok = true;
	o.now = NOW;
	snprintf(o.recruiter, sizeof o.recruiter, "Rita Recruiter");
	snprintf(o.candidate, sizeof o.candidate, "José Müller");
	o.story = 9;
	o.state = IM_STATE_PENDING;
	o.sent = 7;
	o.unanswered = 1;
	o.credits = 28;
	o.followup_thread = 8;
	o.followup_pending = true;
	o.followup_at = NOW + 4 * IM_DAY - 600;
	snprintf(o.followup_to, sizeof o.followup_to, "Gus Oliveira");
	o.window_at = NOW + 87 * IM_DAY;
	return o;
}

static const char *line(const struct tui_guide *g, int cols)
{
	static char buf[1024];
	tui_guide_line(g, buf, sizeof buf, cols);
	return buf;
}

/* The line's rows joined again, as one reads them. */
static const char *joined(const struct tui_guide *g, int cols)
{
	static char buf[1024];
	const char *l = line(g, cols);
	size_t o = 0;
	for (size_t i = 0; l[i] && o + 1 < sizeof buf; i++)
		if (l[i] != '\n') /* the blank after a break stays */
			buf[o++] = l[i];
	buf[o] = '\0';
	return buf;
}

/* Whether s is whole UTF-8: no sequence cut at its end or inside. */
static bool utf8_whole(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t k = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3
			 : *p >= 0xC0 ? 2 : 0;
		if (!k)
			return false;
		for (size_t i = 1; i < k; i++)
			if ((p[i] & 0xC0) != 0x80)
				return false;
		p += k;
	}
	return true;
}

/* Each row of l fits cols columns; at most TUI_GUIDE_ROWS rows. */
static void rows_fit(const char *l, int cols)
{
	int rows = 0;
	for (const char *r = l; r; rows++) {
		const char *nl = strchr(r, '\n');
		size_t len = nl ? (size_t)(nl - r) : strlen(r);
		if (tui_text_span_width(r, len) > cols)
			fail_msg("row wider than %d: '%.*s'", cols, (int)len, r);
		r = nl ? nl + 1 : NULL;
	}
	assert_true(rows <= TUI_GUIDE_ROWS);
}

/* Whether l was cut: its last row ends with the ellipsis. */
static bool ends_cut(const char *l)
{
	size_t n = strlen(l);
	const char *dots = tui_text_utf8() ? "…" : "...";
	size_t d = strlen(dots);
	const char *end = strstr(l, " · F10") ? strstr(l, " · F10") : l + n;
	if (!tui_text_utf8() && strstr(l, " - F10"))
		end = strstr(l, " - F10");
	return (size_t)(end - l) >= d && strncmp(end - d, dots, d) == 0;
}

static void null_and_empty(void **state)
{
	(void)state;
	tui_guide_free(NULL);
	struct tui_guide *none = NULL;
	tui_guide_free(&none);
	assert_int_equal(tui_guide_step(NULL), TUI_GUIDE_OPEN);
	char buf[8] = "x";
	tui_guide_line(NULL, buf, sizeof buf, 80);
	assert_string_equal(buf, "");
	tui_guide_line(NULL, NULL, 0, 80);
	struct tui_guide_obs o = start_obs();
	assert_false(tui_guide_advance(NULL, &o));
	struct tui_guide *g = tui_guide_new();
	assert_non_null(g);
	assert_false(tui_guide_advance(g, NULL));
	/* A model that failed moves nothing and is no baseline. */
	o.ok = false;
	o.story_seen = true;
	assert_false(tui_guide_advance(g, &o));
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_OPEN);
	tui_guide_observe(NULL, NULL, NULL, &o);
	assert_false(o.ok);
	tui_guide_observe(g, NULL, NULL, &o);
	assert_false(o.ok);
	tui_guide_observe(g, NULL, NULL, NULL);
	tui_guide_line(g, buf, sizeof buf, 0);
	assert_string_equal(buf, "");
	tui_guide_free(&g);
	assert_null(g);
}

/* The story, one reported fact after another. */
static void the_story_step_by_step(void **state)
{
	(void)state;
	struct tui_guide *g = tui_guide_new();
	struct tui_guide_obs o = start_obs();
	assert_true(tui_guide_advance(g, &o));
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_OPEN);
	assert_non_null(strstr(line(g, 80), "Guide 1/10"));
	assert_non_null(strstr(line(g, 80), "Ctrl-W, Enter on Rita Recruiter's "
				       "InMail: José Müller opens it"));
	/* The candidate's side has the keyboard: no Ctrl-W. */
	o.keys = 1;
	assert_true(tui_guide_advance(g, &o));
	assert_non_null(strstr(line(g, 80), "· Enter on Rita Recruiter's"));
	/* The same facts again (a key that did nothing): no step. */
	assert_false(tui_guide_advance(g, &o));
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_OPEN);

	o.story_seen = true;
	o.at[1] = TUI_GUIDE_AT_BUTTONS;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_PICK_NO);
	assert_non_null(strstr(line(g, 80), "· n picks No thanks"));
	/* In the text box: back to the buttons first. */
	o.at[1] = TUI_GUIDE_AT_STORY_BOX;
	tui_guide_advance(g, &o);
	assert_non_null(strstr(line(g, 80), "· Shift-Tab, n picks No thanks"));
	/* Reading another thread: out of it first. */
	o.at[1] = TUI_GUIDE_AT_OTHER;
	tui_guide_advance(g, &o);
	assert_non_null(strstr(line(g, 80), "· Esc, Enter on Rita Recruiter's "
				       "InMail, n picks"));
	/* Gone back to the list: the InMail again. */
	o.at[1] = TUI_GUIDE_AT_LIST;
	tui_guide_advance(g, &o);
	assert_non_null(strstr(line(g, 80), "· Enter on Rita Recruiter's "
				       "InMail, n picks"));
	o.at[1] = TUI_GUIDE_AT_BUTTONS;
	o.draft_smart = IM_SMART_NO;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_SWITCH);
	o.draft_smart = IM_SMART_YES;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_SEND_NO);
	assert_non_null(strstr(line(g, 80), "sends the bare No thanks"));
	o.draft_smart = IM_SMART_NO; /* back: still this step */
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_SEND_NO);
	o.draft_smart = IM_SMART_NONE; /* sent: the draft is gone */
	o.state = IM_STATE_DECLINED;
	o.response = IM_RESPONSE_SMART_TEMPLATE;
	o.blocked = true;
	o.rec_seen = false; /* the answer is news to the recruiter */
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_SEE_BLOCK);
	assert_non_null(strstr(line(g, 80), "· Ctrl-W, 5, Enter: the "
				       "notification"));
	/* Notifications read are not the block seen (review item 1: the
	 * step went on at 5 alone); only the recruiter's look at the
	 * thread is. */
	o.keys = 0;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_SEE_BLOCK);
	assert_non_null(strstr(line(g, 80), "· 5, Enter: the notification"));
	o.rec_seen = true;
	o.at[0] = TUI_GUIDE_AT_STORY;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_NEW_INMAIL);
	assert_non_null(strstr(line(g, 80), "a new InMail to José Müller"));
	/* More InMails to others are not it. */
	o.sent = 8;
	o.credits = 27;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_NEW_INMAIL);
	o.new_inmail = true;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_UNBLOCK);
	o.blocked = false;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_FOLLOWUP);
	assert_non_null(strstr(line(g, 80), "F9 ×4: the automated follow-up "
				       "to Gus Oliveira"));
	/* The count follows the clock. */
	o.now += IM_DAY;
	assert_true(tui_guide_advance(g, &o));
	assert_non_null(strstr(line(g, 80), "F9 ×3"));
	o.now += 3 * IM_DAY;
	o.followup_pending = false;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_WINDOW);
	assert_non_null(strstr(line(g, 80), "F9 ×83 (hold it)"));
	o.now = o.window_at + 60;
	o.unanswered = 2;
	o.has_rate = true;
	o.rate = 0.6;
	o.credited_back = 5;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_STATS);
	assert_non_null(strstr(line(g, 80), "The stats: 27 cr · rate 60% · 5 "
				       "credited back"));
	/* The end stays the end. */
	o.unanswered = 3;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_STATS);
	tui_guide_free(&g);
}

/* The thread's milestones count for the steps before them, however the
 * presenter got there; the guide never goes back. */
static void milestones_skip_ahead(void **state)
{
	(void)state;
	struct tui_guide *g = tui_guide_new();
	struct tui_guide_obs o = start_obs();
	tui_guide_advance(g, &o);
	/* Sent straight away (Ctrl-S on the buttons after a click). */
	o.state = IM_STATE_DECLINED;
	o.blocked = true;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_SEE_BLOCK);
	/* The candidate wrote again before the recruiter looked: past the
	 * recruiter's steps too. */
	o.blocked = false;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_FOLLOWUP);
	/* A new InMail sent now changes nothing. */
	o.new_inmail = true;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_FOLLOWUP);
	tui_guide_free(&g);

	/* A new InMail at the start is no story step done. */
	g = tui_guide_new();
	o = start_obs();
	tui_guide_advance(g, &o);
	o.new_inmail = true;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_OPEN);
	/* y before n: the switch is shown, then the send. */
	o.story_seen = true;
	o.draft_smart = IM_SMART_YES;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_PICK_NO);
	o.draft_smart = IM_SMART_NO;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_SWITCH);
	tui_guide_free(&g);
}

/* Another answer than the bare No thanks (Yes, interested, or No thanks
 * with words of one's own): no block can come, so the line says so and
 * the story goes on with the recruiter's look and the clock, never
 * waiting for a block (review item 2: it stayed on "answered otherwise"
 * for good). */
static void another_answer_goes_on(void **state)
{
	(void)state;
	static const enum im_state states[] = {IM_STATE_ACCEPTED,
					       IM_STATE_DECLINED};
	for (size_t i = 0; i < 2; i++) {
		struct tui_guide *g = tui_guide_new();
		struct tui_guide_obs o = start_obs();
		tui_guide_advance(g, &o);
		o.story_seen = true;
		o.draft_smart = IM_SMART_YES;
		tui_guide_advance(g, &o);
		o.draft_smart = IM_SMART_NONE;
		o.state = states[i];
		o.response = IM_RESPONSE_SMART_EDITED;
		o.keys = 1;
		tui_guide_advance(g, &o);
		assert_int_equal(tui_guide_step(g), TUI_GUIDE_SEE_BLOCK);
		const char *l = joined(g, 80);
		if (!strstr(l, im_state_name(states[i])) ||
		    !strstr(l, "no block") || !strstr(l, "Ctrl-W, 5, Enter"))
			fail_msg("not the other way's line: '%s'", l);
		o.rec_seen = true;
		tui_guide_advance(g, &o);
		/* c and the block's lifting have nothing to show. */
		assert_int_equal(tui_guide_step(g), TUI_GUIDE_FOLLOWUP);
		o.followup_pending = false;
		tui_guide_advance(g, &o);
		o.unanswered++;
		tui_guide_advance(g, &o);
		assert_int_equal(tui_guide_step(g), TUI_GUIDE_STATS);
		tui_guide_free(&g);
	}
	/* Answered before the steps were shown (Ctrl-S at once): the
	 * candidate's steps count as done, the recruiter's look is next. */
	struct tui_guide *g = tui_guide_new();
	struct tui_guide_obs o = start_obs();
	tui_guide_advance(g, &o);
	o.state = IM_STATE_ACCEPTED;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_SEE_BLOCK);
	tui_guide_free(&g);
}

/* No automated follow-up in the data: its step is passed when reached. */
static void no_followup_to_wait_for(void **state)
{
	(void)state;
	struct tui_guide *g = tui_guide_new();
	struct tui_guide_obs o = start_obs();
	o.followup_thread = 0;
	o.followup_pending = false;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_OPEN);
	o.blocked = true;
	o.state = IM_STATE_DECLINED;
	tui_guide_advance(g, &o);
	o.blocked = false;
	tui_guide_advance(g, &o);
	assert_int_equal(tui_guide_step(g), TUI_GUIDE_WINDOW);
	tui_guide_free(&g);
}

/* Every step's line fits its columns, cut between characters (after a
 * word, with an ellipsis), in UTF-8 and in ASCII. */
static void lines_fit(void **state)
{
	(void)state;
	static const int widths[] = {80, 79, 60, 40, 33, 20, 7, 1};
	for (int utf8 = 1; utf8 >= 0; utf8--) {
		tui_text_set_utf8(utf8);
		struct tui_guide *g = tui_guide_new();
		struct tui_guide_obs o = start_obs();
		snprintf(o.candidate, sizeof o.candidate, "李小龙李小龙李小龙");
		tui_guide_advance(g, &o);
		for (int s = 0; s < TUI_GUIDE_STEPS; s++) {
			for (size_t w = 0; w < sizeof widths / sizeof *widths;
			     w++) {
				const char *l = line(g, widths[w]);
				assert_true(utf8_whole(l));
				rows_fit(l, widths[w]);
				/* Whole at the demo's widths (80x24, 120x40),
				 * wrapped, never cut (review item 4). */
				if (widths[w] >= 60 && ends_cut(l))
					fail_msg("cut at %d: '%s'", widths[w], l);
			}
			/* The next step's fact. */
			switch (tui_guide_step(g)) {
			case TUI_GUIDE_OPEN: o.story_seen = true; break;
			case TUI_GUIDE_PICK_NO: o.draft_smart = IM_SMART_NO; break;
			case TUI_GUIDE_SWITCH: o.draft_smart = IM_SMART_YES; break;
			case TUI_GUIDE_SEND_NO:
				o.blocked = true;
				o.state = IM_STATE_DECLINED;
				break;
			case TUI_GUIDE_SEE_BLOCK: o.rec_seen = true; break;
			case TUI_GUIDE_NEW_INMAIL: o.new_inmail = true; break;
			case TUI_GUIDE_UNBLOCK: o.blocked = false; break;
			case TUI_GUIDE_FOLLOWUP: o.followup_pending = false; break;
			case TUI_GUIDE_WINDOW: o.unanswered++; break;
			default: break;
			}
			tui_guide_advance(g, &o);
		}
		assert_int_equal(tui_guide_step(g), TUI_GUIDE_STATS);
		tui_guide_free(&g);
	}
	tui_text_set_utf8(true);
	/* Cut: after a word, with an ellipsis. */
	struct tui_guide *g = tui_guide_new();
	struct tui_guide_obs o = start_obs();
	tui_guide_advance(g, &o);
	const char *l = line(g, 30);
	assert_string_equal(l, " Guide 1/10 · Ctrl-W, Enter\n"
			    " on Rita Recruiter's InMail:…");
	/* Room for all: it says how to skip. */
	o.story_seen = true;
	tui_guide_advance(g, &o);
	assert_non_null(strstr(line(g, 80), "the box · F10 hides/shows"));
	/* A buffer too small: whole characters still. */
	char small[14]; /* the cut falls inside "·" */
	tui_guide_line(g, small, sizeof small, 80);
	assert_true(utf8_whole(small));
	assert_true(strlen(small) < sizeof small);
	tui_guide_free(&g);
}

int main(void)
{
	tui_text_set_utf8(true);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(null_and_empty),
		cmocka_unit_test(the_story_step_by_step),
		cmocka_unit_test(milestones_skip_ahead),
		cmocka_unit_test(another_answer_goes_on),
		cmocka_unit_test(no_followup_to_wait_for),
		cmocka_unit_test(lines_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
