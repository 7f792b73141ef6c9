/* The '?' overlay: every key, made from the key table. */
#ifndef TUI_HELP_H
#define TUI_HELP_H

#include <stdbool.h>

/* Draws the overlay over the whole screen; demo adds the demo's keys. */
void tui_help_draw(int rows, int cols, bool demo);

#endif
