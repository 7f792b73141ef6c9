/* Giving the terminal back whatever happens: on a quit signal the loop is
 * told to end (tui_signal_quit), on a crash the terminal is reset from the
 * handler itself, then the signal does what it would have done. */
#ifndef TUI_SIGNAL_H
#define TUI_SIGNAL_H

#include <stdbool.h>

/* Saves the terminal's state; call before curses starts. */
void tui_signal_install(void);

/* Records how to leave curses' screen; call after curses starts. */
void tui_signal_ready(void);

/* True once SIGTERM, SIGHUP or SIGINT came. */
bool tui_signal_quit(void);

/* Restores the default dispositions. */
void tui_signal_remove(void);

#endif
