/* The session's key table, each entry with its handler beside it, and the
 * panes' key functions (moving, opening, going back, Tab, typing) that the
 * handlers ask instead of switching on the focus.  Every rule is the
 * model's: handlers ask it and show the answer. */
#include "tui_session_priv.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "tui_curses.h"

/* ---- the panes' key functions ---- */

static unsigned move_folders(struct tui_session *s, long delta)
{
	long f = s->folder + (delta > 0 ? 1 : -1);
	if (f >= 0 && f < s->n_folders)
		tui_session_set_folder(s, (int)f);
	tui_session_focus(s, TUI_FOCUS_FOLDERS);
	return TUI_F_REDRAW;
}

static unsigned move_thread(struct tui_session *s, long delta)
{
	s->conv_scroll -= (int)delta;
	if (s->conv_scroll < 0)
		s->conv_scroll = 0;
	return TUI_F_REDRAW;
}

static unsigned move_list(struct tui_session *s, long delta)
{
	enum im_status st = IM_OK;
	if (tui_session_folder_of(s) == TUI_FOLDER_NOTIFICATIONS) {
		long n = (long)s->note_sel + delta;
		if (n >= (long)s->n_notes)
			n = (long)s->n_notes - 1;
		s->note_sel = n < 0 ? 0 : (size_t)n;
		tui_session_sync_note_thread(s);
	} else {
		st = tui_list_move(&s->list, delta);
	}
	if (st != IM_OK)
		tui_session_model_note(s, st);
	return TUI_F_REDRAW;
}

static unsigned open_folders(struct tui_session *s)
{
	tui_session_focus(s, TUI_FOCUS_LIST);
	return TUI_F_REDRAW;
}

static unsigned open_composer(struct tui_session *s)
{
	if (tui_composer_buttons(&s->c, s->open))
		tui_session_focus(s, TUI_FOCUS_BUTTONS);
	else if (tui_composer_available(s->open))
		tui_session_focus(s, TUI_FOCUS_BOX);
	return TUI_F_REDRAW;
}

static unsigned open_row(struct tui_session *s)
{
	int64_t id = tui_session_current_id(s);
	if (id)
		tui_session_open_thread(s, id);
	return TUI_F_REDRAW;
}

static unsigned back_none(struct tui_session *s)
{
	(void)s;
	return TUI_F_REDRAW;
}

static unsigned back_list(struct tui_session *s)
{
	if (!tui_edit_empty(&s->search)) {
		tui_edit_set(&s->search, "");
		tui_list_reset(&s->list, tui_session_list_height(s));
	} else {
		tui_session_focus(s, TUI_FOCUS_FOLDERS);
	}
	return TUI_F_REDRAW;
}

static unsigned back_thread(struct tui_session *s)
{
	tui_session_focus(s, TUI_FOCUS_LIST);
	return TUI_F_REDRAW;
}

static unsigned back_composer(struct tui_session *s)
{
	/* Stacked, the conversation and its buttons are one screen: Esc
	 * leaves it for the list it came from (SPEC 6). */
	tui_session_focus(s, s->lay.mode == TUI_LAYOUT_STACK ? TUI_FOCUS_LIST
							     : TUI_FOCUS_THREAD);
	if (!tui_edit_empty(&s->c.box))
		tui_session_note(s, false, "Draft kept.");
	return TUI_F_REDRAW;
}

static unsigned back_search(struct tui_session *s)
{
	tui_edit_set(&s->search, "");
	tui_session_focus(s, TUI_FOCUS_LIST);
	tui_list_reset(&s->list, tui_session_list_height(s));
	return TUI_F_REDRAW;
}

static unsigned back_form(struct tui_session *s)
{
	tui_composer_reset(&s->c);
	if (s->open) {
		tui_session_focus(s, TUI_FOCUS_THREAD);
		bool buttons = tui_composer_enter(&s->c, s->open);
		s->c.noted = false;
		tui_session_focus(s, buttons ? TUI_FOCUS_BUTTONS
					     : TUI_FOCUS_THREAD);
	} else {
		tui_session_focus(s, TUI_FOCUS_LIST);
	}
	tui_session_note(s, false, "New InMail put aside; its draft is kept.");
	return TUI_F_REDRAW;
}

/* Tab and Shift-Tab among folders, list and the open thread. */
static unsigned tab_ring(struct tui_session *s, int dir)
{
	static const enum tui_focus ring[] = {TUI_FOCUS_FOLDERS, TUI_FOCUS_LIST,
					      TUI_FOCUS_THREAD};
	int i = s->focus == TUI_FOCUS_FOLDERS ? 0
		: s->focus == TUI_FOCUS_LIST ? 1 : 2;
	int n = s->open ? 3 : 2;
	tui_session_focus(s, ring[(i + dir + n) % n]);
	return TUI_F_REDRAW;
}

static unsigned tab_composer(struct tui_session *s, int dir)
{
	enum tui_compose_req req;
	unsigned f = tui_composer_key(&s->c, s->open, dir > 0 ? TUI_ACT_NEXT_PANE
				      : TUI_ACT_PREV_PANE, 0, false, &req);
	return tui_session_compose_done(s, f | TUI_F_REDRAW, req);
}

static unsigned tab_search(struct tui_session *s, int dir)
{
	(void)dir;
	tui_session_focus(s, TUI_FOCUS_LIST);
	return TUI_F_REDRAW;
}

static unsigned tab_none(struct tui_session *s, int dir)
{
	(void)s;
	(void)dir;
	return 0;
}

static unsigned edit_composer(struct tui_session *s, enum tui_action a,
			      int code, bool fn)
{
	enum tui_compose_req req;
	unsigned f = tui_composer_key(&s->c, s->open, a, code, fn, &req);
	return tui_session_compose_done(s, f, req);
}

static unsigned edit_search(struct tui_session *s, enum tui_action a,
			    int code, bool fn)
{
	if (a == TUI_ACT_EDIT_NEWLINE) {
		/* The committed search is the query as typed, as `inmail
		 * search` takes it; a refusal is its one line. */
		s->search_exact = true;
		enum im_status st = tui_list_reset(&s->list,
						   tui_session_list_height(s));
		tui_session_focus(s, TUI_FOCUS_LIST);
		if (st != IM_OK)
			tui_session_model_note(s, st);
		else if (s->search_err[0] && !tui_edit_empty(&s->search))
			tui_session_note(s, true, "%s", s->search_err);
		return TUI_F_REDRAW;
	}
	unsigned f = tui_composer_edit_text(&s->search, a, code, fn,
					    1000, false, NULL);
	s->search_exact = false;
	enum im_status st = tui_list_reset(&s->list,
					   tui_session_list_height(s));
	if (st != IM_OK)
		tui_session_model_note(s, st);
	return f;
}

/* What keys mean in each pane, indexed by enum tui_focus like
 * tui_panes. */
static const struct pane_keys {
	unsigned (*move_by)(struct tui_session *s, long delta);
	unsigned (*open)(struct tui_session *s);
	unsigned (*back)(struct tui_session *s);
	unsigned (*tab)(struct tui_session *s, int dir);
	/* an editing key or a character (a = TUI_ACT_NONE); NULL: none */
	unsigned (*edit)(struct tui_session *s, enum tui_action a, int code,
			 bool fn);
} pane_keys[] = {
	[TUI_FOCUS_FOLDERS] = {move_folders, open_folders, back_none, tab_ring,
			       NULL},
	[TUI_FOCUS_LIST] = {move_list, open_row, back_list, tab_ring, NULL},
	[TUI_FOCUS_THREAD] = {move_thread, open_composer, back_thread, tab_ring,
			      NULL},
	[TUI_FOCUS_BUTTONS] = {move_list, open_row, back_composer, tab_ring,
			       NULL},
	[TUI_FOCUS_BOX] = {move_list, open_row, back_composer, tab_composer,
			   edit_composer},
	[TUI_FOCUS_SEARCH] = {move_list, open_row, back_search, tab_search,
			      edit_search},
	[TUI_FOCUS_FORM] = {move_list, open_row, back_form, tab_composer,
			    edit_composer},
	[TUI_FOCUS_REPORT] = {tui_session_report_move, back_none,
			      tui_session_report_back, tab_none, NULL},
};

static const struct pane_keys *keys_of(const struct tui_session *s)
{
	return &pane_keys[s->focus];
}

/* ---- the handlers ---- */

static unsigned act_move(void *ctx, const struct tui_key *k)
{
	struct tui_session *s = ctx;
	long page = (long)tui_session_list_height(s);
	long delta = k->action == TUI_ACT_UP ? -1
		: k->action == TUI_ACT_DOWN ? 1
		: k->action == TUI_ACT_PAGE_UP ? -page : page;
	return keys_of(s)->move_by(s, delta);
}

static unsigned act_home_end(void *ctx, const struct tui_key *k)
{
	struct tui_session *s = ctx;
	if (s->focus == TUI_FOCUS_REPORT)
		return tui_session_report_move(s, k->action == TUI_ACT_HOME
					       ? INT_MIN : INT_MAX);
	if (s->focus == TUI_FOCUS_LIST &&
	    tui_session_folder_of(s) != TUI_FOLDER_NOTIFICATIONS) {
		enum im_status st = k->action == TUI_ACT_HOME
			? tui_list_home(&s->list) : tui_list_end(&s->list);
		if (st != IM_OK)
			tui_session_model_note(s, st);
	}
	return TUI_F_REDRAW;
}

static unsigned act_open(void *ctx, const struct tui_key *k)
{
	(void)k;
	struct tui_session *s = ctx;
	return keys_of(s)->open(s);
}

static unsigned act_tab(void *ctx, const struct tui_key *k)
{
	struct tui_session *s = ctx;
	return keys_of(s)->tab(s, k->action == TUI_ACT_NEXT_PANE ? 1
								       : -1);
}

static unsigned act_folder(void *ctx, const struct tui_key *k)
{
	struct tui_session *s = ctx;
	if (k->arg > s->n_folders)
		return 0;
	tui_session_set_folder(s, k->arg - 1);
	return TUI_F_REDRAW;
}

static unsigned act_reply(void *ctx, const struct tui_key *k)
{
	struct tui_session *s = ctx;
	/* Opens the current thread unless it is the open one already. */
	int64_t id = tui_session_current_id(s);
	if (!id)
		return TUI_F_REDRAW;
	if (!s->open || s->open->id != id)
		tui_session_open_thread(s, id);
	if (!s->open || s->open->id != id)
		return TUI_F_REDRAW;
	/* f sends with im_followup, which holds it to a follow-up. */
	s->c.followup = k->action == TUI_ACT_FOLLOWUP;
	if (tui_composer_available(s->open))
		tui_session_focus(s, TUI_FOCUS_BOX);
	else
		tui_session_note(s, true, "%s", s->open->reason
				 ? s->open->reason : "You can't reply here.");
	return TUI_F_REDRAW;
}

static unsigned act_new_inmail(void *ctx, const struct tui_key *k)
{
	(void)k;
	return tui_session_new_inmail(ctx);
}

static unsigned act_archive(void *ctx, const struct tui_key *k)
{
	(void)k;
	struct tui_session *s = ctx;
	int64_t id = tui_session_current_id(s);
	struct im_thread *t = NULL;
	enum im_status st = im_thread_get(s->m, id, false, &t);
	if (st == IM_OK)
		st = im_archive(s->m, id, !t->archived);
	if (st == IM_OK)
		tui_session_note(s, false, t->archived
			? "Moved back out of Archived."
			: "Archived for you (the other side still sees it). "
			  "Archived is folder %d.", s->recruiter ? 4 : 2);
	else
		tui_session_model_note(s, st);
	im_thread_free(&t);
	tui_session_reload(s);
	return TUI_F_REDRAW;
}

/* e: shows or hides, under each "read as", the words that weighed. */
static unsigned act_explain(void *ctx, const struct tui_key *k)
{
	(void)k;
	struct tui_session *s = ctx;
	s->explain = !s->explain;
	tui_session_note(s, false, s->explain
		? "Why each reply was read so, under it; e hides it."
		: "Explanations hidden.");
	return TUI_F_REDRAW;
}

/* SPEC 9: unread again until the next look; the open thread closes, or
 * showing it would be that look. */
static unsigned act_mark_unread(void *ctx, const struct tui_key *k)
{
	(void)k;
	struct tui_session *s = ctx;
	int64_t id = tui_session_current_id(s);
	enum im_status st = im_thread_mark_unread(s->m, id);
	if (st == IM_OK) {
		if (s->open && s->open->id == id) {
			im_thread_free(&s->open);
			tui_session_focus(s, TUI_FOCUS_LIST);
		}
		tui_session_note(s, false, "Marked unread.");
	} else {
		tui_session_model_note(s, st);
	}
	tui_session_reload(s);
	return TUI_F_REDRAW;
}

/* SPEC 9: the report screen, and a template into the form. */
static unsigned act_report(void *ctx, const struct tui_key *k)
{
	(void)k;
	return tui_session_report(ctx);
}

static unsigned act_template(void *ctx, const struct tui_key *k)
{
	(void)k;
	return tui_session_template(ctx);
}

static unsigned act_search(void *ctx, const struct tui_key *k)
{
	(void)k;
	struct tui_session *s = ctx;
	if (tui_session_folder_of(s) == TUI_FOLDER_NOTIFICATIONS)
		return 0;
	tui_session_focus(s, TUI_FOCUS_SEARCH);
	return TUI_F_REDRAW;
}

/* The buttons and the question: the composer's own keys. */
static unsigned act_compose(void *ctx, const struct tui_key *k)
{
	struct tui_session *s = ctx;
	enum tui_compose_req req;
	unsigned f = tui_composer_key(&s->c, s->open, k->action, 0, false, &req);
	return tui_session_compose_done(s, f, req);
}

static unsigned act_into_box(void *ctx, const struct tui_key *k)
{
	(void)k;
	tui_session_focus(ctx, TUI_FOCUS_BOX);
	return TUI_F_REDRAW;
}

static unsigned act_send(void *ctx, const struct tui_key *k)
{
	(void)k;
	return tui_session_compose_done(ctx, TUI_F_REDRAW, TUI_COMPOSE_SEND);
}

static unsigned act_editor(void *ctx, const struct tui_key *k)
{
	(void)ctx;
	(void)k;
	return TUI_F_EDITOR;
}

static unsigned act_back(void *ctx, const struct tui_key *k)
{
	(void)k;
	struct tui_session *s = ctx;
	return keys_of(s)->back(s);
}

static unsigned act_quit(void *ctx, const struct tui_key *k)
{
	(void)ctx;
	(void)k;
	return TUI_F_QUIT;
}

static unsigned act_help(void *ctx, const struct tui_key *k)
{
	(void)ctx;
	(void)k;
	return TUI_F_HELP;
}

/* The editing keys of the text under the keyboard. */
static unsigned act_edit(void *ctx, const struct tui_key *k)
{
	struct tui_session *s = ctx;
	const struct pane_keys *p = keys_of(s);
	return (p->edit ? p->edit(s, k->action, 0, false) : 0) | TUI_F_REDRAW;
}

#define B TUI_CTX_BROWSE
#define BT TUI_CTX_BUTTONS
#define T TUI_CTX_TEXT
#define D TUI_CTX_DEMO
#define Q TUI_CTX_CONFIRM
#define NEED_REPLY (TUI_NEED_THREAD | TUI_NEED_CAN_REPLY)
#define NEED_FOLLOWUP (TUI_NEED_THREAD | TUI_NEED_RECRUITER | \
		       TUI_NEED_CAN_REPLY | TUI_NEED_PENDING)
#define J TUI_KEY_JOINED
#define R TUI_NEED_ROWS
/* An entry; the keys in force are the machinery's to fill. */
#define KEY(...) {__VA_ARGS__, {{0, false}}, false, "", "", ""}

/* In help order.  Fields: name, default keys, shown (UTF-8, ASCII),
 * action, arg, context, needs, help, footer hint, overlay line, group's
 * keys as shown, flags, handler. */
struct tui_key tui_key_table[] = {
	KEY("move-up", "Up,k", "↑ k", "Up k", TUI_ACT_UP, 0, B, R,
	 "move up", NULL, NULL, NULL, 0, act_move),
	KEY("move-down", "Down,j", "↓ j", "Down j", TUI_ACT_DOWN, 0, B, R,
	 "move down", "move", NULL, NULL, 0, act_move),
	KEY("page-up", "PgUp", "PgUp", NULL, TUI_ACT_PAGE_UP, 0, B, R,
	 "page up", NULL, NULL, NULL, 0, act_move),
	KEY("page-down", "PgDn", "PgDn", NULL, TUI_ACT_PAGE_DOWN, 0, B, R,
	 "page down", NULL, NULL, NULL, 0, act_move),
	KEY("first-row", "Home,g", "Home g", NULL, TUI_ACT_HOME, 0, B, R,
	 "first row", NULL, NULL, NULL, 0, act_home_end),
	KEY("last-row", "End,G", "End G", NULL, TUI_ACT_END, 0, B, R,
	 "last row", NULL, NULL, NULL, 0, act_home_end),
	KEY("open", "Enter", "Enter", NULL, TUI_ACT_OPEN, 0, B, R,
	 "open", "open", NULL, NULL, 0, act_open),
	KEY("next-pane", "Tab", "Tab", NULL, TUI_ACT_NEXT_PANE, 0, B, 0,
	 "next pane", NULL, NULL, NULL, 0, act_tab),
	KEY("prev-pane", "S-Tab", "Shift-Tab", NULL, TUI_ACT_PREV_PANE, 0, B, 0,
	 "previous pane", NULL, NULL, NULL, 0, act_tab),
	KEY("folder-1", "1", NULL, NULL, TUI_ACT_FOLDER, 1, B, 0,
	 "folder 1", NULL, "folder 1-5 (see the list)", "1-5", 0, act_folder),
	KEY("folder-2", "2", NULL, NULL, TUI_ACT_FOLDER, 2, B, 0,
	 "folder 2", NULL, NULL, NULL, J, act_folder),
	KEY("folder-3", "3", NULL, NULL, TUI_ACT_FOLDER, 3, B, 0,
	 "folder 3", NULL, NULL, NULL, J, act_folder),
	KEY("folder-4", "4", NULL, NULL, TUI_ACT_FOLDER, 4, B, 0,
	 "folder 4", NULL, NULL, NULL, J, act_folder),
	KEY("folder-5", "5", NULL, NULL, TUI_ACT_FOLDER, 5, B, 0,
	 "folder 5", NULL, NULL, NULL, J, act_folder),
	KEY("reply", "r", "r", NULL, TUI_ACT_REPLY, 0, B, NEED_REPLY,
	 "reply in the thread", "reply", NULL, NULL, 0, act_reply),
	KEY("followup", "f", "f", NULL, TUI_ACT_FOLLOWUP, 0, B, NEED_FOLLOWUP,
	 "follow-up (while pending)", "follow-up", NULL, NULL, 0, act_reply),
	KEY("new-inmail", "c", "c", NULL, TUI_ACT_NEW_INMAIL, 0, B,
	 TUI_NEED_RECRUITER | TUI_NEED_CREDITS, "new InMail", "new InMail",
	 NULL, NULL, 0, act_new_inmail),
	KEY("archive", "a", "a", NULL, TUI_ACT_ARCHIVE, 0, B, TUI_NEED_THREAD,
	 "archive / unarchive", "archive", NULL, NULL, 0, act_archive),
	KEY("mark-unread", "u", "u", NULL, TUI_ACT_MARK_UNREAD, 0, B,
	 TUI_NEED_THREAD, "mark unread", NULL, NULL, NULL, 0, act_mark_unread),
	KEY("search", "/", "/", NULL, TUI_ACT_SEARCH, 0, B, 0,
	 "search everything", "search", NULL, NULL, 0, act_search),
	KEY("report", "6", "6", NULL, TUI_ACT_REPORT, 0, B, TUI_NEED_RECRUITER,
	 "report: weeks, templates", "report", NULL, NULL, 0,
	 act_report),
	KEY("explain", "e", "e", NULL, TUI_ACT_EXPLAIN, 0, B,
	 TUI_NEED_THREAD | TUI_NEED_RECRUITER, "why read so (+yes -no)",
	 NULL, NULL, NULL, 0, act_explain),
	KEY("smart-yes", "y", "y", NULL, TUI_ACT_SMART_YES, 0, BT, TUI_NEED_BUTTONS,
	 "choose Yes, interested…", "Yes, interested…", NULL, NULL, 0,
	 act_compose),
	KEY("smart-no", "n", "n", NULL, TUI_ACT_SMART_NO, 0, BT, TUI_NEED_BUTTONS,
	 "choose No thanks", "No thanks", NULL, NULL, 0, act_compose),
	KEY("smart-clear", "x", "x", NULL, TUI_ACT_SMART_CLEAR, 0, BT, TUI_NEED_BUTTONS,
	 "clear the choice", "clear", NULL, NULL, 0, act_compose),
	KEY("button-prev", "Left", "←", "Left", TUI_ACT_BUTTON_PREV, 0, BT, TUI_NEED_BUTTONS,
	 "previous button", NULL, NULL, NULL, 0, act_compose),
	KEY("button-next", "Right", "→", "Right", TUI_ACT_BUTTON_NEXT, 0, BT, TUI_NEED_BUTTONS,
	 "next button", NULL, NULL, NULL, 0, act_compose),
	KEY("button-press", "Space", "Space", NULL, TUI_ACT_BUTTON_PRESS, 0, BT, TUI_NEED_BUTTONS,
	 "press the button", NULL, NULL, NULL, 0, act_compose),
	KEY("into-box", "Tab,Enter", "Tab Enter", NULL, TUI_ACT_INTO_BOX, 0, BT,
	 TUI_NEED_BUTTONS,
	 "into the text box", "edit", NULL, NULL, 0, act_into_box),
	KEY("prev-field", "S-Tab", "Shift-Tab", NULL, TUI_ACT_PREV_PANE, 0, T, 0,
	 "previous field / buttons", NULL, NULL, NULL, 0, act_tab),
	KEY("next-field", "Tab", "Tab", NULL, TUI_ACT_NEXT_PANE, 0, T, 0,
	 "next field", NULL, NULL, NULL, 0, act_tab),
	KEY("edit-left", "Left", NULL, NULL, TUI_ACT_EDIT_LEFT, 0, T, 0,
	 "text: cursor left", NULL, "move in the text", "← → ↑ ↓", 0,
	 act_edit),
	KEY("edit-right", "Right", NULL, NULL, TUI_ACT_EDIT_RIGHT, 0, T, 0,
	 "text: cursor right", NULL, NULL, NULL, J, act_edit),
	KEY("edit-up", "Up", NULL, NULL, TUI_ACT_EDIT_UP, 0, T, 0,
	 "text: cursor up a line", NULL, NULL, NULL, J, act_edit),
	KEY("edit-down", "Down", NULL, NULL, TUI_ACT_EDIT_DOWN, 0, T, 0,
	 "text: cursor down a line", NULL, NULL, NULL, J, act_edit),
	KEY("edit-home", "Home", NULL, NULL, TUI_ACT_EDIT_HOME, 0, T, 0,
	 "text: start of the line", NULL, "start / end of the line",
	 "Home End", 0, act_edit),
	KEY("edit-end", "End", NULL, NULL, TUI_ACT_EDIT_END, 0, T, 0,
	 "text: end of the line", NULL, NULL, NULL, J, act_edit),
	KEY("edit-backspace", "Backspace", NULL, NULL, TUI_ACT_EDIT_BACKSPACE, 0,
	 T, 0, "text: erase before the cursor", NULL,
	 "erase before / after", "Bksp Del", 0, act_edit),
	KEY("edit-delete", "Delete", NULL, NULL, TUI_ACT_EDIT_DELETE, 0, T, 0,
	 "text: erase after the cursor", NULL, NULL, NULL, J, act_edit),
	KEY("edit-newline", "Enter", "Enter", NULL, TUI_ACT_EDIT_NEWLINE, 0, T, 0,
	 "text: a new line (a form field: the next field)", NULL,
	 "new line / next field", NULL, 0, act_edit),
	KEY("template", "C-t", "Ctrl-T", NULL, TUI_ACT_TEMPLATE, 0, T,
	 TUI_NEED_RECRUITER | TUI_NEED_FORM, "form: from a template",
	 "template", NULL, NULL, 0, act_template),
	KEY("send", "C-s", "Ctrl-S", NULL, TUI_ACT_SEND, 0, BT | T, 0,
	 "send", "send", NULL, NULL, 0, act_send),
	KEY("editor", "C-e", "Ctrl-E", NULL, TUI_ACT_EDITOR, 0, BT | T, 0,
	 "draft in $EDITOR", "$EDITOR", NULL, NULL, 0, act_editor),
	KEY("back", "Esc", "Esc", NULL, TUI_ACT_BACK, 0, B | BT | T, 0,
	 "back (drafts are kept)", "back", NULL, NULL, 0, act_back),
	KEY("help", "?", "?", NULL, TUI_ACT_HELP, 0, B | BT, 0, "this help", "help",
	 NULL, NULL, 0, act_help),
	KEY("quit", "q", "q", NULL, TUI_ACT_QUIT, 0, B | BT, 0, "quit", "quit",
	 NULL, NULL, 0, act_quit),
	KEY("quit-always", "C-c", "Ctrl-C", NULL, TUI_ACT_QUIT, 0, B | BT | T, 0,
	 "quit (drafts are kept)", NULL, NULL, NULL, TUI_KEY_FIXED, act_quit),
	KEY("confirm-yes", "y,Y", "y", NULL, TUI_ACT_CONFIRM_YES, 0, Q, 0,
	 "a question: yes", NULL, "answer a question (y/n)", NULL, 0,
	 act_compose),
	KEY("confirm-no", "n,N,Esc", "n", NULL, TUI_ACT_CONFIRM_NO, 0, Q, 0,
	 "a question: no (any other key too)", NULL, NULL, NULL, J,
	 act_compose),
	KEY("demo-switch", "C-w", "Ctrl-W", NULL, TUI_ACT_DEMO_SWITCH, 0, D, 0,
	 "demo: other pane", NULL, NULL, NULL, 0, NULL),
	KEY("demo-day", "F9", "F9", NULL, TUI_ACT_DEMO_DAY, 0, D, 0,
	 "demo: clock +1 day", NULL, NULL, NULL, 0, NULL),
	KEY("demo-guide", "F10", "F10", NULL, TUI_ACT_DEMO_GUIDE, 0, D, 0,
	 "demo: hide / show the guide", NULL, NULL, NULL, 0, NULL),
};

const size_t tui_key_table_len = sizeof(tui_key_table) / sizeof(tui_key_table[0]);

/* ---- dispatch: keys and clicks ---- */

unsigned tui_session_key(struct tui_session *s, int code, bool fn)
{
	if (s->picker)
		return tui_session_picker_key(s, code, fn);
	if (s->c.confirm != IM_SMART_NONE) {
		/* A question waits: any key but its yes keeps the text. */
		const struct tui_key *k = tui_keys_find(TUI_CTX_CONFIRM, code, fn);
		if (!k || !k->run)
			k = tui_keys_by_name("confirm-no");
		return k->run(s, k);
	}
	s->note[0] = '\0';
	unsigned ctx = tui_session_pane(s)->ctx;
	const struct tui_key *k = tui_keys_find(ctx, code, fn);
	if (!k || !k->run) {
		/* A character typed: into the text under the keyboard. */
		if (keys_of(s)->edit)
			return keys_of(s)->edit(s, TUI_ACT_NONE, code, fn) |
			       TUI_F_REDRAW;
		if (ctx == TUI_CTX_BUTTONS && !fn && code >= 0x20 &&
		    code != 0x7f) {
			/* Typing on the buttons starts an answer of one's own. */
			tui_session_focus(s, TUI_FOCUS_BOX);
			return keys_of(s)->edit(s, TUI_ACT_NONE, code, fn) |
			       TUI_F_REDRAW;
		}
		/* A key that does nothing here says so (SPEC 6). */
		if (!fn && code > 0x20 && code < 0x7f) {
			tui_session_note(s, true, "'%c' does nothing here; %s "
					 "lists the keys.", code,
					 tui_keys_first_name(TUI_ACT_HELP));
			return TUI_F_REDRAW;
		}
		return 0;
	}
	const char *why = tui_session_refusal(s, k);
	if (why) {
		tui_session_note(s, true, "%s", why);
		return TUI_F_REDRAW;
	}
	return k->run(s, k);
}

unsigned tui_session_click(struct tui_session *s, int y, int x)
{
	const struct tui_hit *h = NULL;
	for (size_t i = 0; i < s->n_hits; i++)
		if (tui_rect_has(s->hits[i].r, y, x))
			h = &s->hits[i];
	if (!h)
		return 0;
	s->note[0] = '\0';
	switch (h->kind) {
	case TUI_HIT_FOLDER:
		tui_session_set_folder(s, h->arg);
		break;
	case TUI_HIT_ROW:
		tui_session_focus(s, TUI_FOCUS_LIST);
		if (tui_list_select_row(&s->list, (size_t)h->arg))
			tui_session_open_thread(s, tui_list_selected(&s->list)->id);
		break;
	case TUI_HIT_NOTIFICATION:
		s->note_sel = (size_t)h->arg;
		tui_session_open_thread(s, s->notes[h->arg].thread);
		break;
	case TUI_HIT_BUTTON: {
		tui_session_focus(s, TUI_FOCUS_BUTTONS);
		s->c.button = (enum im_smart)h->arg;
		enum tui_compose_req req;
		unsigned f = tui_composer_choose(&s->c, s->open,
						 (enum im_smart)h->arg, &req);
		return tui_session_compose_done(s, f, req);
	}
	case TUI_HIT_BOX:
		tui_session_focus(s, s->focus == TUI_FOCUS_FORM ? TUI_FOCUS_FORM
								: TUI_FOCUS_BOX);
		s->c.field = TUI_FIELD_BODY;
		break;
	case TUI_HIT_FIELD:
		s->c.field = (enum tui_field)h->arg;
		break;
	case TUI_HIT_THREAD:
		tui_session_focus(s, TUI_FOCUS_THREAD);
		break;
	case TUI_HIT_NEW_INMAIL:
		return tui_session_new_inmail(s);
	}
	return TUI_F_REDRAW;
}
