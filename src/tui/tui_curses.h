/* The one gateway to curses: no other file includes <curses.h>.  Wide
 * character functions are asked for here so every caller gets the same
 * declarations (htop's ProvideCurses.h does the same). */
#ifndef TUI_CURSES_H
#define TUI_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
/* terminfo's own queries (term.h defines short macros such as "lines"):
 * only for the file that asks whether a terminal can be driven. */
#ifdef TUI_WANT_TERMINFO
#include <term.h>
#endif

#endif
