/* Ctrl-T's template picker (SPEC 9): a small list of the recruiter's
 * templates as the model listed them, a selection, and its drawing over
 * a session's area.  It calls nothing of the session's; the session's
 * workbench file (tui_session_workbench.c) opens it, hands it the keys
 * and acts on the choice. */
#ifndef TUI_PICKER_H
#define TUI_PICKER_H

#include <stdbool.h>
#include <stddef.h>

#include "inmail/model.h"
#include "tui_edit.h"
#include "tui_layout.h"

struct tui_picker;

/* Takes list (n > 0 templates, freed with the picker), the one named
 * selected (NULL or no match: the first).  NULL when out of memory (the
 * list is freed then too). */
struct tui_picker *tui_picker_new(struct im_template *list, size_t n,
				  const char *selected);
void tui_picker_free(struct tui_picker **p);

/* Moves the selection by delta, kept in the list. */
void tui_picker_move(struct tui_picker *p, long delta);
size_t tui_picker_count(const struct tui_picker *p);
/* The selected template's name. */
const char *tui_picker_selected(const struct tui_picker *p);

/* The selected template's own variables (names, n > 0; taken, freed
 * with the picker) are asked one line each before it is rendered: the
 * picker shows them in place of the list.  False when out of memory
 * (names freed too). */
bool tui_picker_ask(struct tui_picker *p, char **names, size_t n);
bool tui_picker_asking(const struct tui_picker *p);
/* The line being answered, and its variable's name. */
struct tui_edit *tui_picker_field(struct tui_picker *p);
const char *tui_picker_field_name(const struct tui_picker *p);
/* Moves to another line by delta; false past the first or the last. */
bool tui_picker_field_move(struct tui_picker *p, int delta);
/* Moves to the first line without a value and names its variable;
 * NULL when each has one. */
const char *tui_picker_to_unanswered(struct tui_picker *p);
/* The variables and their values (valid while p is). */
const struct im_render_var *tui_picker_values(struct tui_picker *p,
					      size_t *n);

/* Draws it as a box near the top of area; true with *cy, *cx where the
 * cursor goes when a line is being answered. */
bool tui_picker_draw(struct tui_picker *p, struct tui_rect area, int *cy,
		     int *cx);

#endif
