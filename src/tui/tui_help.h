/* The '?' overlay: the keys that act here, made from the key table. */
#ifndef TUI_HELP_H
#define TUI_HELP_H

#include <stdbool.h>

struct tui_key;

/* Draws the overlay over the whole screen: the keys for which offered
 * returns true; demo adds the demo's keys. */
void tui_help_draw(int rows, int cols, bool demo,
		   bool (*offered)(const void *arg, const struct tui_key *k),
		   const void *arg);

#endif
