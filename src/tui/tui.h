/* The terminal interface's entry point (SPEC 6).  Everything else in
 * src/tui is private to it. */
#ifndef TUI_H
#define TUI_H

#include <stdbool.h>
#include <stddef.h>

#include "inmail/model.h"

#define TUI_MAX_PANES 2

struct tui_options {
	/* One handle per session, clock and actor set; the demo passes the
	 * recruiter's first and the candidate's second. */
	struct im_model *models[TUI_MAX_PANES];
	size_t n;
	bool demo;
	bool clock_fixed; /* --now given: the clock moves only by F9 (demo) */
	bool guide;       /* demo --guide: the line that says what to press */
};

/* Runs the interactive interface until the person quits.  Returns 0, or
 * 1 with a malloc'd line in *err when the terminal could not be used.
 * Restores the terminal on every way out, signals included. */
int tui_run(const struct tui_options *o, char **err);

#endif
