/* Layout math for one session's pane, without curses: where the header,
 * folders, thread list, conversation and footer go for a given size. */
#ifndef TUI_LAYOUT_H
#define TUI_LAYOUT_H

#include <stdbool.h>

struct tui_rect {
	int y, x, h, w;
};

enum tui_layout_mode {
	TUI_LAYOUT_COLUMNS = 0, /* folders | list | conversation */
	TUI_LAYOUT_SPLIT = 1,   /* folders over list | conversation */
	TUI_LAYOUT_STACK = 2,   /* one at a time: folders over list, or thread */
};

struct tui_layout {
	enum tui_layout_mode mode;
	struct tui_rect header, folders, list, conv, footer;
	bool show_folders, show_list, show_conv;
};

/* The smallest terminal the interface draws in (SPEC 6). */
#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

/* Lays out a pane of area; n_folders rows of folders; thread_view asks a
 * stacked layout to show the conversation instead of the lists.  Hidden
 * parts get empty rectangles. */
void tui_layout_compute(struct tui_rect area, int n_folders, bool thread_view,
			struct tui_layout *out);

/* The columns of a thread list's row (SPEC 6: a 40-column half keeps
 * what a row is for): the unread mark and the InMail label, the other
 * party's name, the subject, the state, the date and, for a recruiter's
 * pending thread, the days left in its window ("84d", "closed").  The
 * widths the page's rows need go in (name capped by the caller); what
 * fits comes out, in that priority: mark, label, name (cut last), state,
 * date or days (one "when" column holding the days where a row has them
 * when both do not fit), subject with what is left.  A width of 0 is a
 * column not shown. */
struct tui_row_need {
	int name, state, date, days; /* days: 0 when no row has them */
	int when; /* each row's days, or its date when it has none */
};
struct tui_row_cols {
	int lead;  /* the mark and the label: "● InMail " */
	int name, subject, state, date, days;
	bool when; /* date holds the days where a row has them */
};
#define TUI_ROW_LEAD 9
#define TUI_ROW_SUBJECT_MIN 8
void tui_layout_row(int w, const struct tui_row_need *need,
		    struct tui_row_cols *out);

/* Whether (y, x) lies in r. */
bool tui_rect_has(struct tui_rect r, int y, int x);

#endif
