/* The session's state, shared by the files that make up a session:
 * tui_session.c (reloads, key dispatch, clicks), tui_actions.c (the key
 * table's handlers and the panes' key functions), tui_session_draw.c
 * (drawing) and tui_conv.c (the conversation pane).  The composer is an
 * object of its own (tui_compose.h) that the session holds.  Not for the
 * rest of the program. */
#ifndef TUI_SESSION_PRIV_H
#define TUI_SESSION_PRIV_H

#include <stddef.h>

#include "inmail/model.h"
#include "tui_compose.h"
#include "tui_edit.h"
#include "tui_layout.h"
#include "tui_list.h"
#include "tui_report.h"
#include "tui_session.h"

enum tui_focus {
	TUI_FOCUS_FOLDERS,
	TUI_FOCUS_LIST,
	TUI_FOCUS_THREAD,  /* the conversation, read-only */
	TUI_FOCUS_BUTTONS, /* the smart-reply buttons */
	TUI_FOCUS_BOX,     /* the composer's text box */
	TUI_FOCUS_SEARCH,
	TUI_FOCUS_FORM,    /* a new InMail: To, Subject, then the box */
	TUI_FOCUS_REPORT,  /* the report screen (SPEC 9, key 6) */
};

/* The folder row that is not a thread folder. */
#define TUI_FOLDER_NOTIFICATIONS (-1)
#define TUI_FOLDERS_MAX 5
#define TUI_NOTES_MAX 200
#define TUI_HITS_MAX 96

enum tui_hit_kind {
	TUI_HIT_FOLDER,  /* arg: folder number, 1-based */
	TUI_HIT_ROW,     /* arg: row in the list window */
	TUI_HIT_NOTIFICATION, /* arg: index */
	TUI_HIT_BUTTON,  /* arg: enum im_smart */
	TUI_HIT_BOX,
	TUI_HIT_THREAD,
	TUI_HIT_NEW_INMAIL,
	TUI_HIT_FIELD,   /* arg: form field */
};

struct tui_hit {
	struct tui_rect r;
	enum tui_hit_kind kind;
	int arg;
};

struct tui_session {
	struct im_model *m;
	char *pane;          /* demo pane name, or NULL */
	struct im_account me;
	bool recruiter;
	bool explain; /* e: the words behind each "read as" (issue 15) */
	/* The selected notification's thread, as the model judges it, so
	 * its keys are offered as they are allowed (attack A2). */
	struct im_thread *note_thread;

	/* header and folder counts, as last read */
	struct im_stats stats;
	struct im_guardrail guard; /* the 13 % guardrail (SPEC 9) */
	int64_t notes_unread;
	int n_folders;
	int folders[TUI_FOLDERS_MAX]; /* enum im_folder or NOTIFICATIONS */
	int64_t count[TUI_FOLDERS_MAX];
	int64_t unread[TUI_FOLDERS_MAX];
	int folder;          /* index into folders */

	struct tui_list list;
	struct tui_edit search; /* the filter as typed */
	/* Enter pressed: the query searched exactly as typed, as `inmail
	 * search` does; while typing, the last bare word is a prefix. */
	bool search_exact;
	/* The model's line for a query it refuses ("" for none): shown in
	 * place of the results, which are then none. */
	char search_err[256];
	struct im_notification *notes;
	size_t n_notes;
	size_t note_sel;

	struct im_thread *open; /* the open thread, with messages, or NULL */
	int conv_scroll;        /* rows scrolled up from the newest */
	struct tui_convlayout *conv_layout; /* the open thread's, made on first draw */

	struct tui_composer c;  /* the box, the buttons, the form */
	/* The report screen (6) and the pane Esc goes back to from it. */
	struct tui_report report;
	enum tui_focus report_from;
	/* Ctrl-T's template picker over the form (tui_picker.c); NULL
	 * while closed. */
	struct tui_picker *picker;

	enum tui_focus focus;   /* set with tui_session_focus */
	char note[TUI_NOTE_LEN]; /* the last outcome, shown in the footer */
	bool note_error;

	/* from the last draw, for clicks, paging and vertical moves */
	struct tui_rect area;
	struct tui_layout lay;
	struct tui_hit hits[TUI_HITS_MAX];
	size_t n_hits;
	int cur_y, cur_x;
	bool cur_shown;
};

/* Which region of the screen shows a pane (its title in focus). */
enum tui_region {
	TUI_REGION_FOLDERS,
	TUI_REGION_LIST,
	TUI_REGION_CONV,
};

/* A pane: one value of the focus, what it is (this table, in
 * tui_session.c) and what keys mean while it has the keyboard (its key
 * functions, in tui_actions.c, indexed the same way): the code asks the
 * pane with the keyboard instead of switching on the focus. */
struct tui_pane {
	const char *name;
	unsigned ctx;            /* the key table's context */
	enum tui_region region;  /* drawn with its focus there */
	/* a stacked layout shows the thread: 0 never, 1 when one is open,
	 * 2 always (the new-InMail form) */
	int thread_view;
};

/* Indexed by enum tui_focus. */
extern const struct tui_pane tui_panes[];

static inline const struct tui_pane *tui_session_pane(const struct tui_session *s)
{
	return &tui_panes[s->focus];
}

/* tui_session.c: the session's state and what changes it; nothing here
 * refers to the key table's handlers (tui_actions.c), which call it. */
void tui_session_note(struct tui_session *s, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tui_session_model_note(struct tui_session *s, enum im_status st);
/* Moves the keyboard to pane f (the composer learns whether its form is
 * open). */
void tui_session_focus(struct tui_session *s, enum tui_focus f);
void tui_session_open_thread(struct tui_session *s, int64_t id);
void tui_session_set_folder(struct tui_session *s, int index);
size_t tui_session_list_height(const struct tui_session *s);
int tui_session_folder_of(const struct tui_session *s);
void tui_session_layout(struct tui_session *s);
void tui_session_hit(struct tui_session *s, struct tui_rect r,
		     enum tui_hit_kind kind, int arg);
/* The thread a key acts on: the open one while the conversation has the
 * keyboard, else the highlighted row; 0 when none. */
int64_t tui_session_current_id(const struct tui_session *s);
/* Keeps note_thread the selected notification's thread (Notifications
 * folder): after a move, or a reload of the list. */
void tui_session_sync_note_thread(struct tui_session *s);
/* Carries out what the composer asked for after a key or a click, and
 * shows what it had to say. */
unsigned tui_session_compose_done(struct tui_session *s, unsigned flags,
				  enum tui_compose_req req);
/* Opens the new-InMail form (c, or a click on the offer). */
unsigned tui_session_new_inmail(struct tui_session *s);

/* tui_session_workbench.c (it calls this file's functions, never the
 * other way): the report screen, opened reading its numbers. */
unsigned tui_session_report(struct tui_session *s);
/* The report's keys: scrolling (INT_MIN / INT_MAX: to the start / the
 * end) and Esc. */
unsigned tui_session_report_move(struct tui_session *s, long delta);
unsigned tui_session_report_back(struct tui_session *s);

/* Ctrl-T in the new-InMail form (SPEC 9) opens the recruiter's
 * templates in a small list (tui_picker.h); Enter renders the one chosen
 * for the candidate in To (the model's renderer) into the form, which is
 * the preview: Ctrl-S sends what it shows.  While the list is open it
 * takes the keys (tui_session_picker_key: moves, Enter, Esc). */
unsigned tui_session_template(struct tui_session *s);
unsigned tui_session_picker_key(struct tui_session *s, int code, bool fn);

/* tui_conv.c: the conversation pane, composer region included. */
void tui_conv_draw(struct tui_session *s, struct tui_rect r, bool focus);

#endif
