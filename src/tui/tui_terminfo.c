/* Whether the terminal can be driven at all, asked of terminfo before
 * curses starts, so a user hears why not instead of a blank screen. */
#define TUI_WANT_TERMINFO 1
#include "tui_terminfo.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tui_curses.h"

bool tui_terminfo_problem(char *buf, size_t n)
{
	if (!isatty(STDIN_FILENO)) {
		snprintf(buf, n, "standard input is not a terminal: the inbox "
			 "needs one (scripts use the commands, see inmail --help)");
		return true;
	}
	if (!isatty(STDOUT_FILENO)) {
		snprintf(buf, n, "standard output is not a terminal: the inbox "
			 "needs one (scripts use the commands, see inmail --help)");
		return true;
	}
	const char *term = getenv("TERM");
	if (!term || !*term) {
		snprintf(buf, n, "TERM is not set, so the terminal type is "
			 "unknown; try TERM=xterm-256color");
		return true;
	}
	int e = 0;
	if (setupterm(NULL, STDOUT_FILENO, &e) != OK) {
		if (e == -1)
			snprintf(buf, n, "no terminfo database found for '%.40s' "
				 "(install ncurses-base)", term);
		else
			snprintf(buf, n, "unknown terminal type '%.40s': no terminfo "
				 "entry; try TERM=xterm-256color", term);
		return true;
	}
	/* A terminal without cursor addressing (TERM=dumb, a printer) would
	 * show a blank screen. */
	char cap[] = "cup";
	const char *cup = tigetstr(cap);
	bool can_move = cup && cup != (const char *)-1;
	del_curterm(cur_term);
	if (!can_move) {
		snprintf(buf, n, "the terminal '%.40s' cannot move the cursor, so "
			 "it cannot show the inbox; try TERM=xterm-256color", term);
		return true;
	}
	return false;
}
