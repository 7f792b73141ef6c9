/* A session's state changes: reloads, key dispatch, clicks (see
 * tui_session.h); the key table's handlers are in tui_actions.c.  Every
 * rule is the model's: this file asks and shows the answer. */
#include "tui_session_priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_convlayout.h"
#include "tui_picker.h"
#include "tui_curses.h"
#include "tui_text.h"
#include "tui_keys.h"

#define B TUI_CTX_BROWSE
#define BT TUI_CTX_BUTTONS
#define T TUI_CTX_TEXT

const struct tui_pane tui_panes[] = {
	[TUI_FOCUS_FOLDERS] = {"folders", B, TUI_REGION_FOLDERS, 0},
	[TUI_FOCUS_LIST] = {"list", B, TUI_REGION_LIST, 0},
	[TUI_FOCUS_THREAD] = {"thread", B, TUI_REGION_CONV, 1},
	[TUI_FOCUS_BUTTONS] = {"buttons", BT, TUI_REGION_CONV, 1},
	[TUI_FOCUS_BOX] = {"box", T, TUI_REGION_CONV, 1},
	[TUI_FOCUS_SEARCH] = {"search", T, TUI_REGION_LIST, 0},
	[TUI_FOCUS_FORM] = {"form", T, TUI_REGION_CONV, 2},
	[TUI_FOCUS_REPORT] = {"report", B, TUI_REGION_CONV, 0},
};

/* The most results the search list holds when paged toward its start or
 * its end (search pages run newest first only). */
#define SEARCH_LIST_MAX 1000

/* The typed query, the last bare word a prefix while it is typed ("jo"
 * finds José), so the results follow each key. malloc'd. */
static char *search_query(const char *typed)
{
	size_t n = strlen(typed);
	char *q = malloc(n + 2);
	if (!q)
		return NULL;
	memcpy(q, typed, n + 1);
	size_t start = n;
	while (start > 0 && typed[start - 1] != ' ')
		start--;
	bool bare = n > start && !strpbrk(typed + start, ":\"*");
	unsigned char last = n ? (unsigned char)typed[n - 1] : ' ';
	if (bare && (last >= 0x80 || (last >= '0' && last <= '9') ||
		     ((last | 0x20) >= 'a' && (last | 0x20) <= 'z'))) {
		q[n] = '*';
		q[n + 1] = '\0';
	}
	return q;
}

/* The search's results (SPEC 9): the whole account's, a list of their
 * own, newest first; a page toward the start or the end is cut from the
 * first SEARCH_LIST_MAX. */
static enum im_status search_fetch(struct tui_session *s, enum im_page_dir dir,
				   const struct im_cursor *at, size_t limit,
				   struct im_page *out)
{
	char *q = s->search_exact ? strdup(s->search.buf)
				  : search_query(s->search.buf);
	if (!q)
		return IM_ERR_NOMEM;
	enum im_status st;
	bool page = dir == IM_PAGE_FIRST || (dir == IM_PAGE_AFTER && at);
	st = im_search(s->m, q, page && dir == IM_PAGE_AFTER ? at->id : 0,
		       page ? limit : SEARCH_LIST_MAX, out);
	free(q);
	/* A query the model refuses has no results: its line is shown in
	 * their place, never the rows of the list before. */
	s->search_err[0] = '\0';
	if (st == IM_ERR_USAGE) {
		tui_text_format(s->search_err, sizeof s->search_err, "%s",
				im_model_error(s->m));
		memset(out, 0, sizeof *out);
		return IM_OK;
	}
	if (st != IM_OK || page)
		return st;
	/* Toward the start: the limit rows just before at; the end: the
	 * last limit rows. */
	size_t end = out->n;
	if (dir == IM_PAGE_BEFORE && at) {
		end = 0;
		while (end < out->n && out->items[end].id > at->id)
			end++;
	}
	size_t begin = end > limit ? end - limit : 0;
	for (size_t i = 0; i < out->n; i++)
		if (i < begin || i >= end)
			im_thread_clear(&out->items[i]);
	memmove(out->items, out->items + begin,
		(end - begin) * sizeof *out->items);
	out->n = end - begin;
	return IM_OK;
}

static enum im_status session_fetch(void *ctx, enum im_page_dir dir,
				    const struct im_cursor *at, size_t limit,
				    struct im_page *out)
{
	struct tui_session *s = ctx;
	if (!tui_edit_empty(&s->search))
		return search_fetch(s, dir, at, limit, out);
	return im_thread_list(s->m, (enum im_folder)tui_session_folder_of(s),
			      NULL, dir, at, limit, out);
}

static struct im_cursor session_cursor(void *ctx, const struct im_thread *t)
{
	struct tui_session *s = ctx;
	return im_thread_cursor((enum im_folder)tui_session_folder_of(s), t);
}

int tui_session_folder_of(const struct tui_session *s)
{
	return s->folders[s->folder];
}

static bool session_copy_actor(struct tui_session *s)
{
	const struct im_account *a = im_model_actor(s->m);
	if (!a)
		return false;
	char *handle = strdup(a->handle), *name = strdup(a->name);
	if (!handle || !name) {
		free(handle);
		free(name);
		return false;
	}
	im_account_clear(&s->me);
	s->me = *a;
	s->me.handle = handle;
	s->me.name = name;
	s->recruiter = a->role == IM_ROLE_RECRUITER;
	return true;
}

struct tui_session *tui_session_new(struct im_model *m, const char *pane,
				    char **err)
{
	struct tui_session *s = calloc(1, sizeof(*s));
	if (!s || !tui_edit_init(&s->search) ||
	    !tui_composer_init(&s->c, m, false) ||
	    (pane && !(s->pane = strdup(pane)))) {
		tui_session_free(&s);
		if (err)
			*err = strdup("out of memory");
		return NULL;
	}
	s->m = m;
	if (!session_copy_actor(s)) {
		if (err && asprintf(err, "no acting account: %s",
				    im_model_error(m)) < 0)
			*err = NULL;
		tui_session_free(&s);
		return NULL;
	}
	s->c.recruiter = s->recruiter;
	static const int recruiter[] = {IM_FOLDER_INBOX, IM_FOLDER_AWAITING,
					IM_FOLDER_SENT, IM_FOLDER_ARCHIVED,
					TUI_FOLDER_NOTIFICATIONS};
	static const int candidate[] = {IM_FOLDER_MESSAGES, IM_FOLDER_ARCHIVED};
	s->n_folders = s->recruiter ? 5 : 2;
	memcpy(s->folders, s->recruiter ? recruiter : candidate,
	       (size_t)s->n_folders * sizeof(int));
	struct tui_list_source src = {session_fetch, session_cursor, s};
	tui_list_init(&s->list, src);
	tui_session_focus(s, TUI_FOCUS_LIST);
	return s;
}

void tui_session_free(struct tui_session **sp)
{
	struct tui_session *s = sp ? *sp : NULL;
	if (!s)
		return;
	tui_list_clear(&s->list);
	im_notifications_free(&s->notes, s->n_notes);
	im_thread_free(&s->open);
	im_thread_free(&s->note_thread);
	im_account_clear(&s->me);
	tui_edit_free(&s->search);
	tui_composer_free(&s->c);
	tui_report_clear(&s->report);
	tui_picker_free(&s->picker);
	tui_convlayout_free(&s->conv_layout);
	free(s->pane);
	free(s);
	*sp = NULL;
}

void tui_session_note(struct tui_session *s, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tui_text_vformat(s->note, sizeof(s->note), fmt, ap);
	va_end(ap);
	s->note_error = error;
}

void tui_session_model_note(struct tui_session *s, enum im_status st)
{
	tui_session_note(s, true, "%s", st == IM_OK ? "" : im_model_error(s->m));
}

/* What the composer had to say, on the status line. */
static void session_take_note(struct tui_session *s)
{
	if (!s->c.noted)
		return;
	tui_session_note(s, s->c.note_error, "%s", s->c.note);
	s->c.noted = false;
}

void tui_session_focus(struct tui_session *s, enum tui_focus f)
{
	s->focus = f;
	s->c.form = f == TUI_FOCUS_FORM;
}

void tui_session_hit(struct tui_session *s, struct tui_rect r,
		     enum tui_hit_kind kind, int arg)
{
	if (s->n_hits < TUI_HITS_MAX)
		s->hits[s->n_hits++] = (struct tui_hit){r, kind, arg};
}

void tui_session_layout(struct tui_session *s)
{
	/* 1: the thread shows when one is open; 2: the form always does. */
	int view = tui_session_pane(s)->thread_view;
	bool thread_view = view == 2 || (view == 1 && s->open);
	tui_layout_compute(s->area, s->n_folders, thread_view, &s->lay);
}

void tui_session_resize(struct tui_session *s, struct tui_rect area)
{
	s->area = area;
	tui_session_layout(s);
	tui_session_reload(s);
}

size_t tui_session_list_height(const struct tui_session *s)
{
	/* The list's height as it shows, even while a stacked layout shows
	 * the thread in its place. */
	struct tui_layout l;
	tui_layout_compute(s->area, s->n_folders, false, &l);
	int h = l.list.h - 2;
	return h > 0 ? (size_t)h : 1;
}

void tui_session_sync_note_thread(struct tui_session *s)
{
	int64_t id = s->n_notes && s->note_sel < s->n_notes
			     ? s->notes[s->note_sel].thread : 0;
	if (s->note_thread && s->note_thread->id == id)
		return;
	im_thread_free(&s->note_thread);
	if (id && im_thread_get(s->m, id, false, &s->note_thread) != IM_OK)
		im_thread_free(&s->note_thread);
}

static void session_load_notes(struct tui_session *s)
{
	im_notifications_free(&s->notes, s->n_notes);
	s->n_notes = 0;
	enum im_status st = im_notification_list(s->m, 0, TUI_NOTES_MAX,
						 &s->notes, &s->n_notes);
	if (st != IM_OK)
		tui_session_model_note(s, st);
	if (s->note_sel >= s->n_notes)
		s->note_sel = s->n_notes ? s->n_notes - 1 : 0;
	/* Reread: the thread may have changed since it was judged. */
	im_thread_free(&s->note_thread);
	tui_session_sync_note_thread(s);
}

/* Rereads the open thread; marks it seen only when something new came, so
 * two sessions never wake each other up for nothing. */
static void session_reread_open(struct tui_session *s)
{
	struct im_thread *t = NULL;
	enum im_status st = im_thread_get(s->m, s->open->id, false, &t);
	if (st == IM_OK && t->unread)
		im_thread_look(s->m, t);
	if (st != IM_OK) {
		tui_session_model_note(s, st);
		if (st == IM_ERR_NOT_FOUND || st == IM_ERR_NOT_PERMITTED) {
			im_thread_free(&s->open);
			tui_session_focus(s, TUI_FOCUS_LIST);
		}
		return;
	}
	im_thread_free(&s->open);
	s->open = t;
	if (s->focus == TUI_FOCUS_BUTTONS && !tui_composer_buttons(&s->c, t))
		tui_session_focus(s, tui_composer_available(t) ? TUI_FOCUS_BOX
							       : TUI_FOCUS_THREAD);
	if (s->focus == TUI_FOCUS_BOX && !tui_composer_available(t))
		tui_session_focus(s, TUI_FOCUS_THREAD);
}

void tui_session_reload(struct tui_session *s)
{
	session_copy_actor(s);
	/* The open thread first: its look, when something new came, is then
	 * in the counts and the list read below (no stale ●). */
	if (s->open)
		session_reread_open(s);
	if (s->recruiter) {
		if (im_stats_get(s->m, &s->stats) != IM_OK)
			memset(&s->stats, 0, sizeof(s->stats));
		if (im_guardrail_get(s->m, &s->guard) != IM_OK)
			memset(&s->guard, 0, sizeof(s->guard));
		if (im_notification_unread(s->m, &s->notes_unread) != IM_OK)
			s->notes_unread = 0;
	}
	for (int i = 0; i < s->n_folders; i++) {
		s->count[i] = s->unread[i] = 0;
		if (s->folders[i] == TUI_FOLDER_NOTIFICATIONS)
			s->count[i] = s->unread[i] = s->notes_unread;
		else
			im_folder_count(s->m, (enum im_folder)s->folders[i],
					&s->count[i], &s->unread[i]);
	}
	/* The report on screen shows the numbers as they are now. */
	if (s->focus == TUI_FOCUS_REPORT) {
		enum im_status st = tui_report_load(&s->report, s->m);
		if (st != IM_OK)
			tui_session_model_note(s, st);
	}
	if (tui_session_folder_of(s) == TUI_FOLDER_NOTIFICATIONS) {
		session_load_notes(s);
	} else {
		enum im_status st = tui_list_reload(&s->list,
						    tui_session_list_height(s));
		if (st != IM_OK)
			tui_session_model_note(s, st);
	}
}

unsigned tui_session_tick(struct tui_session *s)
{
	unsigned flags = 0;
	if (s->c.unsaved) {
		tui_composer_save(&s->c, s->open);
		session_take_note(s);
		if (!s->c.unsaved) {
			/* Saved at last: the line that said it was not goes. */
			if (s->note_error)
				s->note[0] = '\0';
			flags = TUI_F_REDRAW;
		}
	}
	if (!im_model_changed(s->m))
		return flags;
	/* A refusal shown before may not hold any more. */
	if (s->note_error)
		s->note[0] = '\0';
	tui_session_reload(s);
	return TUI_F_REDRAW;
}

unsigned tui_session_link(struct tui_session *s, bool back)
{
	if (!back) {
		tui_session_note(s, true, "server connection lost; reconnecting%s",
				 tui_text_glyph("…", "..."));
		return TUI_F_REDRAW;
	}
	/* What was announced while away was not heard. */
	tui_session_reload(s);
	tui_session_note(s, false, "reconnected");
	return TUI_F_REDRAW;
}

void tui_session_open_thread(struct tui_session *s, int64_t id)
{
	struct im_thread *t = NULL;
	enum im_status st = im_thread_get(s->m, id, true, &t);
	if (st != IM_OK) {
		tui_session_model_note(s, st);
		return;
	}
	im_thread_free(&s->open);
	s->open = t;
	s->conv_scroll = 0;
	bool buttons = tui_composer_enter(&s->c, t);
	session_take_note(s);
	tui_session_focus(s, buttons ? TUI_FOCUS_BUTTONS : TUI_FOCUS_THREAD);
	tui_session_reload(s);
}

void tui_session_set_folder(struct tui_session *s, int index)
{
	if (index < 0 || index >= s->n_folders)
		return;
	s->folder = index;
	tui_edit_set(&s->search, "");
	s->note_sel = 0;
	tui_session_focus(s, TUI_FOCUS_LIST);
	if (s->folders[index] == TUI_FOLDER_NOTIFICATIONS) {
		/* Looking at the list is reading what it shows: loaded first,
		 * then marked, then shown as read. */
		tui_session_reload(s);
		if (s->n_notes) {
			enum im_status st = im_notification_mark_read(
				s->m, s->notes[s->n_notes - 1].id, s->notes[0].id);
			if (st != IM_OK)
				tui_session_model_note(s, st);
			tui_session_reload(s);
		}
		return;
	}
	/* Only the list changes: counts and statistics are as they were, and
	 * the tick reloads them when the database changes. */
	enum im_status st = tui_list_reset(&s->list, tui_session_list_height(s));
	if (st != IM_OK)
		tui_session_model_note(s, st);
}

int64_t tui_session_current_id(const struct tui_session *s)
{
	/* The thread on screen: the open one while the conversation has the
	 * keyboard, else the highlighted row, in every layout (a stacked one
	 * shows the list then). */
	if (s->open && tui_session_pane(s)->thread_view == 1)
		return s->open->id;
	if (tui_session_folder_of(s) == TUI_FOLDER_NOTIFICATIONS)
		return s->n_notes ? s->notes[s->note_sel].thread
		       : s->open && s->lay.mode != TUI_LAYOUT_STACK
		       ? s->open->id : 0;
	const struct im_thread *t = tui_list_selected(&s->list);
	if (t)
		return t->id;
	/* An empty list: the open thread only while it shows beside it
	 * (a stacked layout shows the list alone). */
	return s->open && s->lay.mode != TUI_LAYOUT_STACK ? s->open->id : 0;
}

enum tui_session_at tui_session_at(const struct tui_session *s,
				   int64_t *thread)
{
	*thread = 0;
	switch (s->focus) {
	case TUI_FOCUS_FOLDERS:
	case TUI_FOCUS_LIST:
		return TUI_AT_LIST;
	case TUI_FOCUS_SEARCH:
	case TUI_FOCUS_FORM:
	case TUI_FOCUS_REPORT: /* left by Esc, as a text box is */
		return TUI_AT_TYPING;
	case TUI_FOCUS_THREAD:
	case TUI_FOCUS_BUTTONS:
	case TUI_FOCUS_BOX:
		break;
	}
	if (!s->open)
		return TUI_AT_LIST;
	*thread = s->open->id;
	return s->focus == TUI_FOCUS_THREAD ? TUI_AT_THREAD
		: s->focus == TUI_FOCUS_BUTTONS ? TUI_AT_BUTTONS : TUI_AT_BOX;
}

bool tui_session_typing(const struct tui_session *s)
{
	return tui_session_pane(s)->ctx == TUI_CTX_TEXT;
}

unsigned tui_session_new_inmail(struct tui_session *s)
{
	if (!s->recruiter) {
		tui_session_note(s, true, "That is for recruiters.");
		return TUI_F_REDRAW;
	}
	const struct im_thread *t = s->open;
	if (!t && tui_session_folder_of(s) != TUI_FOLDER_NOTIFICATIONS)
		t = tui_list_selected(&s->list);
	tui_composer_new_inmail(&s->c, t);
	tui_session_focus(s, TUI_FOCUS_FORM);
	return TUI_F_REDRAW;
}

/* Sends what the composer holds, then shows the thread it went to. */
static unsigned session_send(struct tui_session *s)
{
	bool form = s->c.form;
	int64_t id;
	if (!tui_composer_send(&s->c, s->open, &id)) {
		session_take_note(s);
		return TUI_F_REDRAW;
	}
	tui_session_focus(s, TUI_FOCUS_THREAD);
	if (form) {
		tui_session_open_thread(s, id);
		tui_session_note(s, false, "InMail sent. Credits left: %lld.",
				 (long long)s->me.credits);
		return TUI_F_REDRAW;
	}
	bool was_blocked = s->open && s->open->blocked;
	tui_session_reload(s);
	const struct im_thread *t = s->open;
	if (t && !s->recruiter && was_blocked && !t->blocked)
		tui_session_note(s, false, "Sent: the block is lifted; the "
				 "recruiter can reply again.");
	else if (t && !s->recruiter && t->blocked)
		tui_session_note(s, false, "Sent: declined with the template. "
				 "The recruiter can't reply unless you write "
				 "again.");
	else if (t)
		tui_session_note(s, false, "Sent. The thread is %s.",
				 im_state_name(t->state));
	return TUI_F_REDRAW;
}

unsigned tui_session_compose_done(struct tui_session *s, unsigned flags,
				  enum tui_compose_req req)
{
	session_take_note(s);
	switch (req) {
	case TUI_COMPOSE_NONE:
		break;
	case TUI_COMPOSE_SAVE:
		tui_composer_save(&s->c, s->open);
		session_take_note(s);
		break;
	case TUI_COMPOSE_SEND:
		return flags | session_send(s);
	case TUI_COMPOSE_LEAVE:
		tui_session_focus(s, tui_composer_buttons(&s->c, s->open)
				  ? TUI_FOCUS_BUTTONS : TUI_FOCUS_THREAD);
		break;
	case TUI_COMPOSE_INTO_BOX:
		tui_session_focus(s, TUI_FOCUS_BOX);
		break;
	}
	return flags;
}

/* The thread a key acts on, as the model judged it (can_reply, reason):
 * the open one while the conversation has the keyboard, else the
 * highlighted row.  NULL when there is none, or it is not loaded here. */
static const struct im_thread *session_current_thread(const struct tui_session *s)
{
	int64_t id = tui_session_current_id(s);
	if (!id)
		return NULL;
	if (s->open && s->open->id == id)
		return s->open;
	if (tui_session_folder_of(s) == TUI_FOLDER_NOTIFICATIONS)
		return s->note_thread && s->note_thread->id == id
			       ? s->note_thread : NULL;
	const struct im_thread *t = tui_list_selected(&s->list);
	return t && t->id == id ? t : NULL;
}

static bool session_list_empty(const struct tui_session *s)
{
	if (tui_session_folder_of(s) == TUI_FOLDER_NOTIFICATIONS)
		return s->n_notes == 0;
	return s->list.page.n == 0;
}

const char *tui_session_refusal(const struct tui_session *s,
				const struct tui_key *k)
{
	if (k->action == TUI_ACT_REPORT && !s->recruiter)
		return "The report is a recruiter's: it counts the InMails "
		       "they send.";
	if ((k->need & TUI_NEED_RECRUITER) && !s->recruiter)
		return "That is for recruiters.";
	if ((k->need & TUI_NEED_FORM) && s->focus != TUI_FOCUS_FORM)
		return "Templates fill the new-InMail form (c).";
	if (s->focus == TUI_FOCUS_REPORT && tui_report_refusal(k->action))
		return tui_report_refusal(k->action);
	/* An empty list has nothing to move to or open (the folders and
	 * the conversation move and open on their own). */
	if ((k->need & TUI_NEED_ROWS) && s->focus == TUI_FOCUS_LIST &&
	    session_list_empty(s))
		/* Short: one line in a 40-column half. */
		return tui_session_folder_of(s) == TUI_FOLDER_NOTIFICATIONS
			? "No notifications to move to or open."
			: !tui_edit_empty(&s->search) && s->search_err[0]
			? s->search_err
			: !tui_edit_empty(&s->search)
			? "No match; Esc clears the search."
			: "Nothing here to move to or open.";
	if ((k->need & TUI_NEED_THREAD) && !tui_session_current_id(s))
		return "Select a thread first.";
	const struct im_thread *t = session_current_thread(s);
	if ((k->need & TUI_NEED_CAN_REPLY) && t && !t->can_reply)
		return t->reason ? t->reason : "You can't write in this thread.";
	if ((k->need & TUI_NEED_PENDING) && t && t->responded)
		return "The candidate has responded: no follow-up now; r replies.";
	if ((k->need & TUI_NEED_BUTTONS) && !tui_composer_buttons(&s->c, t))
		return "No smart replies here: they answer a pending InMail.";
	if ((k->need & TUI_NEED_CREDITS) && s->me.credits < IM_INMAIL_COST)
		return "No InMail credits left: a new InMail costs one.";
	return NULL;
}

const char *tui_session_draft_text(struct tui_session *s)
{
	return tui_composer_text(&s->c);
}

void tui_session_editor_done(struct tui_session *s, const char *text,
			     const char *err)
{
	if (!text) {
		tui_session_note(s, true, "%s", err ? err : "The editor failed.");
		return;
	}
	bool line = tui_composer_line(&s->c) != NULL;
	tui_composer_editor_done(&s->c, s->open, text);
	s->c.noted = false;
	if (line)
		return;
	/* The keyboard stays where Ctrl-E was pressed: on the buttons, y
	 * and n still choose (an edited text asks before it is replaced). */
	char send[24];
	snprintf(send, sizeof(send), "%s", tui_keys_first_name(TUI_ACT_SEND));
	if (s->focus == TUI_FOCUS_BUTTONS)
		tui_session_note(s, false, "Back from the editor; %s sends, %s "
				 "edits here.", send,
				 tui_keys_first_name(TUI_ACT_INTO_BOX));
	else
		tui_session_note(s, false, "Back from the editor; %s sends.",
				 send);
}

bool tui_session_cursor(const struct tui_session *s, int *y, int *x)
{
	*y = s->cur_y;
	*x = s->cur_x;
	return s->cur_shown;
}
