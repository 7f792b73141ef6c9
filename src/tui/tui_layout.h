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

/* Whether (y, x) lies in r. */
bool tui_rect_has(struct tui_rect r, int y, int x);

#endif
