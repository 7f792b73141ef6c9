/* Checks made before curses starts (see tui_terminfo.c). */
#ifndef TUI_TERMINFO_H
#define TUI_TERMINFO_H

#include <stdbool.h>
#include <stddef.h>

/* True, with one sentence in buf saying what is wrong and what to do,
 * when the inbox cannot be drawn here: standard input or output is not a
 * terminal, TERM is unset or unknown, or it cannot address the cursor. */
bool tui_terminfo_problem(char *buf, size_t n);

#endif
