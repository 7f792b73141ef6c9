/* A scrolling thread list over keyset paging, without curses (ncdu's
 * dirlist, cmus's window).  The list holds one window of rows, the ones
 * after an anchor position (or the first rows), never the whole folder; the
 * source fetches pages.  Selection survives reloads by thread id, and falls
 * to a neighbour when its row vanishes. */
#ifndef TUI_LIST_H
#define TUI_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "inmail/model.h"

struct tui_list_source {
	/* Fetches up to limit rows as im_thread_list does. */
	enum im_status (*fetch)(void *ctx, enum im_page_dir dir,
				const struct im_cursor *at, size_t limit,
				struct im_page *out);
	/* The position of a fetched row. */
	struct im_cursor (*cursor)(void *ctx, const struct im_thread *t);
	void *ctx;
};

struct tui_list {
	struct tui_list_source src;
	struct im_page page; /* the window, in folder order */
	size_t height;       /* rows in the window, >= 1 */
	size_t sel;          /* index into page.items */
	bool anchored;       /* false: the window starts at the first row */
	struct im_cursor anchor; /* the row just above the window */
};

void tui_list_init(struct tui_list *l, struct tui_list_source src);
void tui_list_clear(struct tui_list *l);

/* Refetches the window (after the anchor) with height rows, keeping the
 * selected thread when it is still there. */
enum im_status tui_list_reload(struct tui_list *l, size_t height);

/* Back to the first rows, selection on the first (a new folder or filter). */
enum im_status tui_list_reset(struct tui_list *l, size_t height);

/* Moves the selection by delta rows, scrolling the window a row or a page
 * at a time as needed. */
enum im_status tui_list_move(struct tui_list *l, long delta);
enum im_status tui_list_home(struct tui_list *l);
enum im_status tui_list_end(struct tui_list *l);

/* Selects the row-th row of the window, if there is one. */
bool tui_list_select_row(struct tui_list *l, size_t row);

/* The selected thread, or NULL when the window is empty. */
const struct im_thread *tui_list_selected(const struct tui_list *l);

#endif
