/* The conversation laid out incrementally, without curses (issue 12,
 * item 9; SPEC 6: cost per key does not grow with the data).  A
 * conversation is a list of items (messages, oldest first), each made of
 * paragraphs of raw text that are shown (tui_text_show) and wrapped to the
 * pane's width.  Only the items the window reaches are laid out; each
 * item's rows are kept until the width or the key changes, or the items
 * are no longer those laid out before with new ones after them.  So a key
 * that changes nothing in the conversation lays out nothing, and an
 * appended message lays out itself alone. */
#ifndef TUI_CONVLAYOUT_H
#define TUI_CONVLAYOUT_H

#include <stddef.h>
#include <stdint.h>

struct tui_convlayout;

/* Where the items come from.  id names item i for as long as its text
 * stays the same (a message id); render gives item i's paragraphs by
 * calling tui_convlayout_add and tui_convlayout_blank on the layout it is
 * handed, and is called only for items that must be laid out. */
struct tui_convlayout_src {
	size_t n;
	int64_t (*id)(void *arg, size_t i);
	void (*render)(void *arg, size_t i, struct tui_convlayout *l);
	void *arg;
};

/* One row to draw: shown text, NUL-terminated, at most width columns. */
struct tui_convlayout_row {
	const char *text;
	int style;
};

/* NULL when out of memory.  Free with tui_convlayout_free (NULL is fine;
 * it clears the pointer). */
struct tui_convlayout *tui_convlayout_new(void);
void tui_convlayout_free(struct tui_convlayout **l);

/* From render only: a paragraph of raw text (sanitised here, NULL taken as
 * ""), wrapped at the width, each row in style; and one empty row. */
void tui_convlayout_add(struct tui_convlayout *l, const char *raw, int style);
void tui_convlayout_blank(struct tui_convlayout *l);

/* The window of at most h rows that ends *scroll rows above the newest
 * row, for src at width columns.  key names what every item's text
 * depends on besides the item (the thread, the day, who looks): a new key
 * or width lays everything out again.  *scroll is clamped to the rows
 * there are (0 when they fit).  Fills rows[0..h) and returns how many;
 * their text stays valid until the next call on l.  With l, src or rows
 * NULL, or h or width below 1 (a pane with no room: the place scrolled
 * to is kept for when it has some), returns 0 and leaves *scroll. */
size_t tui_convlayout_window(struct tui_convlayout *l,
			     const struct tui_convlayout_src *src, uint64_t key,
			     int width, int h, int *scroll,
			     struct tui_convlayout_row *rows);

/* How many items have been laid out (render calls) since l was made: for
 * tests and benchmarks.  0 for NULL. */
size_t tui_convlayout_rendered(const struct tui_convlayout *l);


#endif
