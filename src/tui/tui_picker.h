/* Ctrl-T's template picker (SPEC 9): a small list of the recruiter's
 * templates as the model listed them, a selection, and its drawing over
 * a session's area.  It calls nothing of the session's; the session's
 * workbench file (tui_session_workbench.c) opens it, hands it the keys
 * and acts on the choice. */
#ifndef TUI_PICKER_H
#define TUI_PICKER_H

#include <stddef.h>

#include "inmail/model.h"
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

/* Draws it as a box near the top of area. */
void tui_picker_draw(struct tui_picker *p, struct tui_rect area);

#endif
