/* One person's session: header, folders, thread list, conversation and
 * composer over one model handle (one connection, one actor).  A screen in
 * the ncdu way: keys change state and return flags (enum tui_flags, in
 * tui_keys.h), drawing is separate, and the loop in tui.c draws what is
 * dirty.  The demo runs two. */
#ifndef TUI_SESSION_H
#define TUI_SESSION_H

#include <stdbool.h>

#include "inmail/model.h"
#include "tui_keys.h"
#include "tui_layout.h"

struct tui_session;

/* A session over m, whose actor is set.  pane names the pane in the demo
 * ("recruiter"), NULL otherwise.  NULL when out of memory or the actor
 * cannot be read; then *err (when not NULL) is a malloc'd line. */
struct tui_session *tui_session_new(struct im_model *m, const char *pane,
				    char **err);
void tui_session_free(struct tui_session **s);

/* Rereads everything shown from the model (counts, list, open thread). */
void tui_session_reload(struct tui_session *s);

/* Sets the area the session draws in (at start and on resize) and
 * refetches the list for its height. */
void tui_session_resize(struct tui_session *s, struct tui_rect area);

/* Idle work: reloads when another connection changed the database. */
unsigned tui_session_tick(struct tui_session *s);

/* The server's connection lost (back false; the loop then skips the
 * session's ticks, keeping what the composer holds) or back (issue 14):
 * said on the status line; back, everything is read again. */
unsigned tui_session_link(struct tui_session *s, bool back);

/* A key: code is a character (fn false) or a curses KEY_* (fn true).
 * Looked up in the key table for the context of the pane with the
 * keyboard; the entry's precondition is checked, then its handler runs
 * (tui_actions.c, with the handlers). */
unsigned tui_session_key(struct tui_session *s, int code, bool fn);

struct tui_key;
/* Why the key k is refused here and now (a sentence), or NULL; what the
 * model says of the thread decides it (can_reply, reason, pending).  The
 * footer and ? offer only the keys this allows. */
const char *tui_session_refusal(const struct tui_session *s,
				const struct tui_key *k);

/* A click at screen (y, x), inside the area last drawn (tui_actions.c). */
unsigned tui_session_click(struct tui_session *s, int y, int x);

/* Draws into area; active tells whether it has the keyboard. */
void tui_session_draw(struct tui_session *s, struct tui_rect area, bool active);

/* Where the terminal cursor belongs, when a text box has the keys. */
bool tui_session_cursor(const struct tui_session *s, int *y, int *x);

/* The draft for $EDITOR, and its return (NULL: the editor failed; why is
 * in err). */
const char *tui_session_draft_text(struct tui_session *s);
void tui_session_editor_done(struct tui_session *s, const char *text,
			     const char *err);

/* Where the keyboard is, for the guided demo (tui_guide.h): in the
 * folders or a list, a conversation (reading), its smart-reply buttons,
 * its text box, or another text box (a new-InMail form, the search).
 * *thread receives the conversation's thread (0 for the others). */
enum tui_session_at {
	TUI_AT_LIST = 0,
	TUI_AT_THREAD,
	TUI_AT_BUTTONS,
	TUI_AT_BOX,
	TUI_AT_TYPING,
};
enum tui_session_at tui_session_at(const struct tui_session *s,
				   int64_t *thread);

/* Whether printable keys type into a text box right now. */
bool tui_session_typing(const struct tui_session *s);

#endif
