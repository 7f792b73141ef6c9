/* Drawing primitives over stdscr: styles (colour when allowed, attributes
 * always), clipped text and boxes.  Every string drawn goes through
 * tui_text_show first, so nothing from the database reaches curses raw. */
#ifndef TUI_DRAW_H
#define TUI_DRAW_H

#include <stdbool.h>

#include "tui_layout.h"

enum tui_style {
	TUI_ST_NORMAL = 0,
	TUI_ST_HEADER,
	TUI_ST_HEADER_OFF, /* a demo pane without the keyboard */
	TUI_ST_TITLE,
	TUI_ST_TITLE_FOCUS,
	TUI_ST_SELECTED,
	TUI_ST_UNREAD,
	TUI_ST_PENDING,
	TUI_ST_ACCEPTED,
	TUI_ST_DECLINED,
	TUI_ST_BLOCKED,
	TUI_ST_SYSTEM,
	TUI_ST_BUTTON,
	TUI_ST_BUTTON_ON,
	TUI_ST_BUTTON_CURSOR,
	TUI_ST_HINT,
	TUI_ST_NOTE,
	TUI_ST_ERROR,
	TUI_ST_DIM,
	TUI_ST_COUNT
};

/* Sets the styles up, with any tui_draw_set_style applied; colour only
 * when color is true (NO_COLOR unset and the terminal has colours): then
 * a style keeps its attributes and loses its colours.  Call after
 * initscr. */
void tui_draw_init(bool color);

/* The curses attributes (colour pair included) a style is drawn with,
 * as tui_draw_init set them; every string drawn goes through it. */
int tui_draw_attr(enum tui_style st);

enum tui_draw_status {
	TUI_DRAW_OK = 0,
	TUI_DRAW_NO_ELEMENT, /* no drawn element of that name */
	TUI_DRAW_BAD_SPEC,   /* a word that is no colour or attribute */
	TUI_DRAW_CONFLICT,   /* more than two colours, or the text's colour
			      * on its own background */
	TUI_DRAW_NOMEM,
};

/* Sets how a drawn element ("unread", "header"; the names are
 * tui_draw_each_style's) looks: spec is "FG BG ATTR...", words separated
 * by blanks (SPEC 8: `unread = default default bold`): the first colour
 * word is FG, the second BG (default, black, red, green, yellow, blue,
 * magenta, cyan, white, color0-color255; a missing one is default), the
 * others attributes: bold, dim, underline, reverse, standout, blink,
 * italic, normal (none).  The spec replaces the element's default.  Call before
 * tui_draw_init (the config file is read before the interface starts).
 * Nothing changes on failure; then *err (when not NULL) is a malloc'd
 * line naming the element and the word. */
enum tui_draw_status tui_draw_set_style(const char *element, const char *spec,
					char **err);

/* Back to the default looks, every element. */
void tui_draw_reset_styles(void);

/* Calls fn for every drawn element, in enum order, with its name, its
 * default spec and the spec in force (for config show and the example
 * config). */
void tui_draw_each_style(void (*fn)(void *arg, const char *element,
				    const char *defaults, const char *now),
			 void *arg);

/* Draws raw (shown first) at (y, x), cut to w columns; with pad the rest of
 * the w columns is filled with spaces.  Extra attributes are or'ed in.
 * Returns the columns drawn. */
int tui_draw_text(int y, int x, int w, const char *raw, enum tui_style st,
		  int extra, bool pad);

/* The same for text that is already shown (tui_text_show'n). */
int tui_draw_shown(int y, int x, int w, const char *shown, enum tui_style st,
		   int extra, bool pad);

/* A box around r with a title in its top line, reversed when focus.  Its
 * lines merge with box lines already on the screen: boxes drawn on
 * rectangles that overlap by one column or row share that edge. */
void tui_draw_box(struct tui_rect r, const char *title, bool focus);

/* Blanks r. */
void tui_draw_clear(struct tui_rect r);

#endif
