/* The report screen (SPEC 9, key 6): the recruiter's weekly rows, the
 * weekly rate as a bar chart in Unicode blocks (▁▂▃▄▅▆▇█, '#' outside
 * UTF-8) and the per-template rows, as the model counts them
 * (im_report_weeks, im_report_templates); the screen decides nothing.
 *
 * The report is laid out as lines for a width (tui_report_layout, no
 * curses, so a test checks what fits), and drawn from a scroll offset:
 * what does not fit is scrolled, and the last row says how much more
 * there is and which key shows it. */
#ifndef TUI_REPORT_H
#define TUI_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "inmail/model.h"
#include "tui_layout.h"

/* The weeks the screen shows, as `inmail report` by default. */
#define TUI_REPORT_WEEKS 12

struct tui_report {
	bool loaded;
	struct im_report_week weeks[TUI_REPORT_WEEKS];
	struct im_report_template *tpl;
	size_t n_tpl;
	int scroll; /* the first line shown */
	/* the lines last laid out, for the width last drawn */
	char **lines;
	int *styles; /* enum tui_style per line */
	size_t n_lines;
	int width;
};

/* Reads the numbers from the model (the acting account must be a
 * recruiter); on failure the status, and im_model_error says why. */
enum im_status tui_report_load(struct tui_report *r, struct im_model *m);

/* Lays the report out for width columns (at least 20): each line fits
 * the width; a template's name too long for its row gets a line of its
 * own, wrapped.  UTF-8 or ASCII as tui_text_utf8 says.  False when out
 * of memory. */
bool tui_report_layout(struct tui_report *r, int width);

/* Scrolls by delta lines (a page: the rows shown), kept in range for a
 * view of rows lines; INT_MIN / INT_MAX go to the start / the end. */
void tui_report_scroll(struct tui_report *r, int delta, int rows);

/* Draws the report boxed in rect, from its scroll offset. */
void tui_report_draw(struct tui_report *r, struct tui_rect rect, bool focus);

/* Why a key's action does nothing on the report screen (a sentence), or
 * NULL when it works there. */
const char *tui_report_refusal(int action);

/* Frees what load and layout took; the report can be loaded again. */
void tui_report_clear(struct tui_report *r);

#endif
