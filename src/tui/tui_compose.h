/* The composer as an object: the text box, the smart-reply choice and its
 * switches (with the question an edited text asks first), the new-InMail
 * form, and the draft saved as typed.  It knows the model handle and the
 * thread the session hands it; it never calls the session.  Its key
 * function returns flags (enum tui_flags) and a request the session
 * carries out (save, send, leave); what it has to say is left in note.
 * What may be sent, and what it means, is the model's. */
#ifndef TUI_COMPOSE_H
#define TUI_COMPOSE_H

#include <stdbool.h>
#include <stdint.h>

#include "inmail/model.h"
#include "tui_edit.h"
#include "tui_keys.h"

#define TUI_NOTE_LEN 512

/* The new-InMail form, in the order Tab walks it; the body comes last. */
enum tui_field {
	TUI_FIELD_TO = 0,
	TUI_FIELD_SUBJECT,
	TUI_FIELD_FOLLOWUP_DAYS, /* an automated follow-up: after N days */
	TUI_FIELD_FOLLOWUP_TEXT,
	TUI_FIELD_BODY,
	TUI_FIELD_COUNT
};

struct tui_composer {
	struct im_model *m;
	bool recruiter;
	struct tui_edit box;   /* the text */
	enum im_smart smart;   /* the chosen smart reply */
	enum im_smart button;  /* the button under the keyboard cursor */
	enum im_smart confirm; /* a switch waiting for its answer */
	struct tui_edit to, subject; /* a new InMail */
	struct tui_edit followup_days, followup_text;
	enum tui_field field;
	bool form;     /* the new-InMail form is open (the session says) */
	bool followup; /* opened with f: Ctrl-S sends a follow-up */
	bool unsaved;  /* the last draft save failed: the tick retries */
	/* The template the form's text was rendered from (Ctrl-T, SPEC 9)
	 * and the candidate it was rendered for; NULL for none.  Kept in
	 * the draft; the send records it (the report per template). */
	char *template_name;
	char *template_to;
	char title[96]; /* the form's title, with the template */
	int box_width; /* as last drawn, for moves up and down */
	/* What the last call has to say; the session shows it when noted
	 * (an empty note clears the status line). */
	char note[TUI_NOTE_LEN];
	bool note_error;
	bool noted;
};

/* What the session is asked to do after a key. */
enum tui_compose_req {
	TUI_COMPOSE_NONE = 0,
	TUI_COMPOSE_SAVE,  /* the text or the choice changed: save the draft */
	TUI_COMPOSE_SEND,  /* send it (tui_composer_send) and show the result */
	TUI_COMPOSE_LEAVE, /* out of the box, back to the buttons or thread */
	TUI_COMPOSE_INTO_BOX, /* typing on the buttons: the box has the keys */
};

/* Starts empty over m for an account (recruiter or not); false when out
 * of memory.  tui_composer_free releases what init took. */
bool tui_composer_init(struct tui_composer *c, struct im_model *m,
		       bool recruiter);
void tui_composer_free(struct tui_composer *c);

/* Empties the text and the choice (not the form's fields). */
void tui_composer_reset(struct tui_composer *c);

/* Whether the box is shown for thread t (NULL: none open), and whether
 * the smart-reply buttons are. */
bool tui_composer_available(const struct im_thread *t);
bool tui_composer_buttons(const struct tui_composer *c,
			  const struct im_thread *t);

/* The box's title for thread t. */
const char *tui_composer_title(const struct tui_composer *c,
			       const struct im_thread *t);

/* Thread t was opened: its draft comes back.  Returns whether the
 * buttons take the keyboard (a pending InMail for a candidate). */
bool tui_composer_enter(struct tui_composer *c, const struct im_thread *t);

/* A key in the composer: action a (from the key table), or TUI_ACT_NONE
 * for a character to type (code, fn as curses gave it).  Returns flags;
 * *req is what the session is to do next. */
unsigned tui_composer_key(struct tui_composer *c, const struct im_thread *t,
			  enum tui_action a, int code, bool fn,
			  enum tui_compose_req *req);

/* An editing key (or a character, a = TUI_ACT_NONE) on any text e, the
 * search line's too: width for moves up and down, multiline lets Enter
 * break the line.  Returns flags; *changed (may be NULL) whether the text
 * changed. */
unsigned tui_composer_edit_text(struct tui_edit *e, enum tui_action a,
				int code, bool fn, int width, bool multiline,
				bool *changed);

/* Chooses a smart reply (IM_SMART_NONE clears); a click on a button. */
unsigned tui_composer_choose(struct tui_composer *c, const struct im_thread *t,
			     enum im_smart smart, enum tui_compose_req *req);

/* Saves the draft: of the form (thread 0), else of t when it can be
 * written in; a failure leaves unsaved set and says why in note. */
void tui_composer_save(struct tui_composer *c, const struct im_thread *t);

/* Sends what is composed: the form's InMail, else a reply (or with
 * followup a follow-up) in t.  True when sent, with the thread in
 * *thread; else note says why. */
bool tui_composer_send(struct tui_composer *c, const struct im_thread *t,
		       int64_t *thread);

/* Opens the form: to the other party of t and its subject when t is not
 * NULL, the saved draft of a new InMail in the box. */
void tui_composer_new_inmail(struct tui_composer *c, const struct im_thread *t);

/* Fills the form from a template's rendering for the candidate in To
 * (SPEC 9's Ctrl-T), with the template's own variables vars (n_vars):
 * subject, body and follow-up replaced by what the model rendered; the
 * form is then the preview.  False when the model refused (note says why
 * in one line) or To is empty. */
bool tui_composer_use_template(struct tui_composer *c, const char *name,
			       const struct im_render_var *vars, size_t n_vars,
			       enum tui_compose_req *req);
/* Forgets the form's template (a new form, a send). */
void tui_composer_drop_template(struct tui_composer *c);

/* The one-line form field under the keyboard, or NULL (the body box). */
struct tui_edit *tui_composer_line(struct tui_composer *c);

/* The text $EDITOR edits, and the text it gave back (saved with t). */
const char *tui_composer_text(struct tui_composer *c);
void tui_composer_editor_done(struct tui_composer *c, const struct im_thread *t,
			      const char *text);

#endif
