/* The session's state, shared by the files that make up a session:
 * tui_session.c (keys, reloads), tui_session_draw.c (drawing), tui_conv.c
 * (the conversation pane) and tui_compose.c (the composer).  Not for the
 * rest of the program. */
#ifndef TUI_SESSION_PRIV_H
#define TUI_SESSION_PRIV_H

#include <stddef.h>

#include "inmail/model.h"
#include "tui_edit.h"
#include "tui_layout.h"
#include "tui_list.h"
#include "tui_session.h"

enum tui_focus {
	TUI_FOCUS_FOLDERS,
	TUI_FOCUS_LIST,
	TUI_FOCUS_THREAD,  /* the conversation, read-only */
	TUI_FOCUS_BUTTONS, /* the smart-reply buttons */
	TUI_FOCUS_BOX,     /* the composer's text box */
	TUI_FOCUS_SEARCH,
	TUI_FOCUS_FORM,    /* a new InMail: To, Subject, then the box */
};

/* The folder row that is not a thread folder. */
#define TUI_FOLDER_NOTIFICATIONS (-1)
#define TUI_FOLDERS_MAX 5
#define TUI_NOTES_MAX 200
#define TUI_HITS_MAX 96
#define TUI_NOTE_LEN 512

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

/* The new-InMail form, in the order Tab walks it; the body comes last. */
enum tui_field {
	TUI_FIELD_TO = 0,
	TUI_FIELD_SUBJECT,
	TUI_FIELD_FOLLOWUP_DAYS, /* an automated follow-up: after N days */
	TUI_FIELD_FOLLOWUP_TEXT,
	TUI_FIELD_BODY,
	TUI_FIELD_COUNT
};

struct tui_session {
	struct im_model *m;
	char *pane;          /* demo pane name, or NULL */
	struct im_account me;
	bool recruiter;

	/* header and folder counts, as last read */
	struct im_stats stats;
	int64_t notes_unread;
	int n_folders;
	int folders[TUI_FOLDERS_MAX]; /* enum im_folder or NOTIFICATIONS */
	int64_t count[TUI_FOLDERS_MAX];
	int64_t unread[TUI_FOLDERS_MAX];
	int folder;          /* index into folders */

	struct tui_list list;
	struct tui_edit search; /* the filter as typed */
	struct im_notification *notes;
	size_t n_notes;
	size_t note_sel;

	struct im_thread *open; /* the open thread, with messages, or NULL */
	int conv_scroll;        /* rows scrolled up from the newest */

	struct tui_edit box;    /* the composer's text */
	enum im_smart smart;    /* the chosen smart reply */
	enum im_smart button;   /* the button under the keyboard cursor */
	enum im_smart confirm;  /* a switch waiting for y / n */
	struct tui_edit to, subject; /* a new InMail */
	struct tui_edit followup_days, followup_text;
	enum tui_field field;

	enum tui_focus focus;
	char note[TUI_NOTE_LEN]; /* the last outcome, shown in the footer */
	bool note_error;
	bool draft_unsaved; /* the last draft save failed: the tick retries */
	bool followup;      /* the box was opened with f: it sends a follow-up */

	/* from the last draw, for clicks, paging and vertical moves */
	struct tui_rect area;
	struct tui_layout lay;
	struct tui_hit hits[TUI_HITS_MAX];
	size_t n_hits;
	int box_width;
	int cur_y, cur_x;
	bool cur_shown;
};

/* tui_session.c */
void tui_session_note(struct tui_session *s, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tui_session_model_note(struct tui_session *s, enum im_status st);
void tui_session_open_thread(struct tui_session *s, int64_t id);
size_t tui_session_list_height(const struct tui_session *s);
/* The one-line form field under the keyboard, or NULL (the body box). */
struct tui_edit *tui_session_form_line(struct tui_session *s);
int tui_session_folder_of(const struct tui_session *s);
void tui_session_layout(struct tui_session *s);
void tui_session_hit(struct tui_session *s, struct tui_rect r,
		     enum tui_hit_kind kind, int arg);

/* tui_conv.c: the conversation pane, composer region included. */
void tui_conv_draw(struct tui_session *s, struct tui_rect r, bool focus);

/* tui_compose.c */
void tui_compose_enter(struct tui_session *s); /* a thread was opened */
void tui_compose_reset(struct tui_session *s);
bool tui_compose_available(const struct tui_session *s); /* box shown */
bool tui_compose_buttons(const struct tui_session *s); /* buttons shown */
unsigned tui_compose_choose(struct tui_session *s, enum im_smart smart);
unsigned tui_compose_confirm(struct tui_session *s, bool yes);
unsigned tui_compose_type(struct tui_session *s, struct tui_edit *e, int code,
			  bool fn, int width);
void tui_compose_save(struct tui_session *s);
unsigned tui_compose_send(struct tui_session *s);
unsigned tui_compose_new_inmail(struct tui_session *s);
unsigned tui_compose_leave_form(struct tui_session *s);
const char *tui_compose_title(const struct tui_session *s);

#endif
