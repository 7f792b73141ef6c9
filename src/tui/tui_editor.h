/* Ctrl-E: the draft in $VISUAL / $EDITOR.  Curses steps aside while the
 * editor runs and takes the screen back afterwards. */
#ifndef TUI_EDITOR_H
#define TUI_EDITOR_H

/* Edits text in the person's editor.  Returns the new text (malloc'd, one
 * trailing newline removed), or NULL with a malloc'd line in *err. */
char *tui_editor_run(const char *text, char **err);

#endif
