/* The text box's editing model: a UTF-8 buffer and a cursor, no curses.
 * The cursor is a byte offset that always sits between character clusters
 * (a character and its combining marks), so CJK and "é" typed as e + U+0301
 * move and erase as one.  Layout wraps at a width the way tui_text_wrap
 * does, which is also how the box is drawn. */
#ifndef TUI_EDIT_H
#define TUI_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tui_edit {
	char *buf;  /* NUL-terminated UTF-8, never NULL after init */
	size_t len;
	size_t cap;
	size_t cur; /* byte offset of the cursor */
	int want_col; /* column kept while moving up and down; -1 none */
};

/* One wrapped line: bytes [start, start + len) of the buffer. */
struct tui_edit_line {
	size_t start;
	size_t len;
};

/* Starts empty.  Returns false when out of memory. */
bool tui_edit_init(struct tui_edit *e);
void tui_edit_free(struct tui_edit *e);

/* Replaces the text (cursor at the end).  Control characters other than
 * '\n' are dropped, tabs become a space and "\r\n" becomes "\n", so the
 * buffer holds only what the box can show as it is.  NULL means "". */
bool tui_edit_set(struct tui_edit *e, const char *text);

/* Inserts one character or a string at the cursor, with the filter above. */
bool tui_edit_insert(struct tui_edit *e, uint32_t uc);
bool tui_edit_insert_str(struct tui_edit *e, const char *s);

/* Erase the cluster before / after the cursor.  False when nothing was. */
bool tui_edit_backspace(struct tui_edit *e);
bool tui_edit_delete(struct tui_edit *e);

/* Cursor moves; each returns false when the cursor could not move. */
bool tui_edit_left(struct tui_edit *e);
bool tui_edit_right(struct tui_edit *e);
bool tui_edit_vertical(struct tui_edit *e, int width, int delta);
void tui_edit_home(struct tui_edit *e, int width);
void tui_edit_end(struct tui_edit *e, int width);

bool tui_edit_empty(const struct tui_edit *e);

/* Wraps the text at width columns.  Returns a malloc'd array of *n lines
 * (at least one) and puts the cursor's row and column in *row, *col; NULL
 * when out of memory.  A cursor after a full last line is put at the start
 * of one more (empty) row, counted in *n. */
struct tui_edit_line *tui_edit_layout(const struct tui_edit *e, int width,
				      size_t *n, int *row, int *col);

#endif
