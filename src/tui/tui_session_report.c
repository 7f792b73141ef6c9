/* The session's report screen (SPEC 9, key 6): opening it, its keys, and
 * reading its numbers again when the database changes.  The numbers are
 * the model's (tui_report.c asks it); this file only moves the keyboard
 * and the scroll. */
#include "tui_session_priv.h"

#include <limits.h>

/* The report's rows shown: the session's body inside the box. */
static int report_rows(const struct tui_session *s)
{
	int h = s->area.h - 4;
	return h > 1 ? h : 1;
}

unsigned tui_session_report(struct tui_session *s)
{
	if (!s->recruiter) {
		tui_session_note(s, true, "The report is a recruiter's: it "
				 "counts the InMails they send.");
		return TUI_F_REDRAW;
	}
	if (s->focus != TUI_FOCUS_REPORT) {
		s->report_from = s->focus;
		s->report.scroll = 0;
	}
	enum im_status st = tui_report_load(&s->report, s->m);
	if (st != IM_OK) {
		tui_session_model_note(s, st);
		return TUI_F_REDRAW;
	}
	tui_session_focus(s, TUI_FOCUS_REPORT);
	return TUI_F_REDRAW;
}

void tui_session_report_reload(struct tui_session *s)
{
	if (s->focus != TUI_FOCUS_REPORT)
		return;
	enum im_status st = tui_report_load(&s->report, s->m);
	if (st != IM_OK)
		tui_session_model_note(s, st);
}

unsigned tui_session_report_move(struct tui_session *s, long delta)
{
	int d = delta <= INT_MIN ? INT_MIN : delta >= INT_MAX ? INT_MAX
		: (int)delta;
	tui_report_scroll(&s->report, d, report_rows(s));
	return TUI_F_REDRAW;
}

unsigned tui_session_report_back(struct tui_session *s)
{
	/* Back to exactly the pane it came from (SPEC 6). */
	tui_session_focus(s, s->report_from);
	tui_report_clear(&s->report);
	return TUI_F_REDRAW;
}

const char *tui_session_report_refusal(const struct tui_session *s,
				       const struct tui_key *k)
{
	if (s->focus != TUI_FOCUS_REPORT)
		return NULL;
	switch (k->action) {
	case TUI_ACT_OPEN: case TUI_ACT_NEXT_PANE: case TUI_ACT_PREV_PANE:
	case TUI_ACT_REPLY: case TUI_ACT_FOLLOWUP: case TUI_ACT_ARCHIVE:
	case TUI_ACT_MARK_UNREAD: case TUI_ACT_EXPLAIN: case TUI_ACT_SEARCH:
		return "The report shows numbers only; Esc goes back.";
	case TUI_ACT_REPORT: case TUI_ACT_NEW_INMAIL:
		return "Esc goes back from the report first.";
	default:
		return NULL;
	}
}
