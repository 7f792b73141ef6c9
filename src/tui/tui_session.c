/* A session's state changes: reloads, keys, clicks (see tui_session.h).
 * Every rule is the model's: this file asks and shows the answer. */
#include "tui_session_priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_curses.h"
#include "tui_text.h"
#include "tui_keys.h"

static enum im_status session_fetch(void *ctx, enum im_page_dir dir,
				    const struct im_cursor *at, size_t limit,
				    struct im_page *out)
{
	struct tui_session *s = ctx;
	return im_thread_list(s->m, (enum im_folder)tui_session_folder_of(s),
			      s->search.buf, dir, at, limit, out);
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
	if (!s || !tui_edit_init(&s->box) || !tui_edit_init(&s->search) ||
	    !tui_edit_init(&s->to) || !tui_edit_init(&s->subject) ||
	    !tui_edit_init(&s->followup_days) ||
	    !tui_edit_init(&s->followup_text) ||
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
	static const int recruiter[] = {IM_FOLDER_INBOX, IM_FOLDER_AWAITING,
					IM_FOLDER_SENT, IM_FOLDER_ARCHIVED,
					TUI_FOLDER_NOTIFICATIONS};
	static const int candidate[] = {IM_FOLDER_MESSAGES, IM_FOLDER_ARCHIVED};
	s->n_folders = s->recruiter ? 5 : 2;
	memcpy(s->folders, s->recruiter ? recruiter : candidate,
	       (size_t)s->n_folders * sizeof(int));
	struct tui_list_source src = {session_fetch, session_cursor, s};
	tui_list_init(&s->list, src);
	s->focus = TUI_FOCUS_LIST;
	s->button = IM_SMART_YES;
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
	im_account_clear(&s->me);
	tui_edit_free(&s->box);
	tui_edit_free(&s->search);
	tui_edit_free(&s->to);
	tui_edit_free(&s->subject);
	tui_edit_free(&s->followup_days);
	tui_edit_free(&s->followup_text);
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

void tui_session_hit(struct tui_session *s, struct tui_rect r,
		     enum tui_hit_kind kind, int arg)
{
	if (s->n_hits < TUI_HITS_MAX)
		s->hits[s->n_hits++] = (struct tui_hit){r, kind, arg};
}

void tui_session_layout(struct tui_session *s)
{
	bool thread_view = s->open && (s->focus == TUI_FOCUS_THREAD ||
				       s->focus == TUI_FOCUS_BUTTONS ||
				       s->focus == TUI_FOCUS_BOX);
	thread_view = thread_view || s->focus == TUI_FOCUS_FORM;
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
			s->focus = TUI_FOCUS_LIST;
		}
		return;
	}
	im_thread_free(&s->open);
	s->open = t;
	if (s->focus == TUI_FOCUS_BUTTONS && !tui_compose_buttons(s))
		s->focus = tui_compose_available(s) ? TUI_FOCUS_BOX
						    : TUI_FOCUS_THREAD;
	if (s->focus == TUI_FOCUS_BOX && !tui_compose_available(s))
		s->focus = TUI_FOCUS_THREAD;
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
	if (s->draft_unsaved) {
		tui_compose_save(s);
		if (!s->draft_unsaved) {
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
	tui_compose_enter(s);
	tui_session_reload(s);
}

static void session_set_folder(struct tui_session *s, int index)
{
	if (index < 0 || index >= s->n_folders)
		return;
	s->folder = index;
	tui_edit_set(&s->search, "");
	s->note_sel = 0;
	s->focus = TUI_FOCUS_LIST;
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

/* The thread an action is about: the open one, else the selected one. */
static int64_t session_current_id(const struct tui_session *s)
{
	/* The thread on screen: the open one while the conversation has the
	 * keyboard, else the highlighted row, in every layout (a stacked one
	 * shows the list then). */
	if (s->open && (s->focus == TUI_FOCUS_THREAD ||
			s->focus == TUI_FOCUS_BUTTONS || s->focus == TUI_FOCUS_BOX))
		return s->open->id;
	if (tui_session_folder_of(s) == TUI_FOLDER_NOTIFICATIONS)
		return s->n_notes ? s->notes[s->note_sel].thread
				  : (s->open ? s->open->id : 0);
	const struct im_thread *t = tui_list_selected(&s->list);
	if (t)
		return t->id;
	return s->open ? s->open->id : 0;
}

/* Opens the current thread unless it is the open one already. */
static bool session_ensure_open(struct tui_session *s)
{
	int64_t id = session_current_id(s);
	if (!id)
		return false;
	if (!s->open || s->open->id != id)
		tui_session_open_thread(s, id);
	return s->open && s->open->id == id;
}

static unsigned session_move(struct tui_session *s, long delta)
{
	enum im_status st = IM_OK;
	switch (s->focus) {
	case TUI_FOCUS_FOLDERS: {
		long f = s->folder + (delta > 0 ? 1 : -1);
		if (f >= 0 && f < s->n_folders)
			session_set_folder(s, (int)f);
		s->focus = TUI_FOCUS_FOLDERS;
		break;
	}
	case TUI_FOCUS_THREAD:
		s->conv_scroll -= (int)delta;
		if (s->conv_scroll < 0)
			s->conv_scroll = 0;
		break;
	default:
		if (tui_session_folder_of(s) == TUI_FOLDER_NOTIFICATIONS) {
			long n = (long)s->note_sel + delta;
			if (n >= (long)s->n_notes)
				n = (long)s->n_notes - 1;
			s->note_sel = n < 0 ? 0 : (size_t)n;
		} else {
			st = tui_list_move(&s->list, delta);
		}
	}
	if (st != IM_OK)
		tui_session_model_note(s, st);
	return TUI_F_HANDLED | TUI_F_REDRAW;
}

static unsigned session_archive(struct tui_session *s)
{
	int64_t id = session_current_id(s);
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
	return TUI_F_HANDLED | TUI_F_REDRAW | TUI_F_WROTE;
}

static unsigned session_open_key(struct tui_session *s)
{
	switch (s->focus) {
	case TUI_FOCUS_FOLDERS:
		s->focus = TUI_FOCUS_LIST;
		break;
	case TUI_FOCUS_THREAD:
		if (tui_compose_buttons(s))
			s->focus = TUI_FOCUS_BUTTONS;
		else if (tui_compose_available(s))
			s->focus = TUI_FOCUS_BOX;
		break;
	default:
		if (session_current_id(s))
			tui_session_open_thread(s, session_current_id(s));
	}
	return TUI_F_HANDLED | TUI_F_REDRAW;
}

static unsigned session_pane(struct tui_session *s, int dir)
{
	static const enum tui_focus ring[] = {TUI_FOCUS_FOLDERS, TUI_FOCUS_LIST,
					      TUI_FOCUS_THREAD};
	int i = s->focus == TUI_FOCUS_FOLDERS ? 0
		: s->focus == TUI_FOCUS_LIST ? 1 : 2;
	int n = s->open ? 3 : 2;
	s->focus = ring[(i + dir + n) % n];
	return TUI_F_HANDLED | TUI_F_REDRAW;
}

static unsigned session_back(struct tui_session *s)
{
	switch (s->focus) {
	case TUI_FOCUS_FORM:
		return tui_compose_leave_form(s);
	case TUI_FOCUS_BOX:
	case TUI_FOCUS_BUTTONS:
		/* Stacked, the conversation and its buttons are one screen:
		 * Esc leaves it for the list it came from (SPEC 6). */
		s->focus = s->lay.mode == TUI_LAYOUT_STACK ? TUI_FOCUS_LIST
							   : TUI_FOCUS_THREAD;
		if (!tui_edit_empty(&s->box))
			tui_session_note(s, false, "Draft kept.");
		break;
	case TUI_FOCUS_THREAD:
		s->focus = TUI_FOCUS_LIST;
		break;
	case TUI_FOCUS_SEARCH:
		tui_edit_set(&s->search, "");
		s->focus = TUI_FOCUS_LIST;
		tui_list_reset(&s->list, tui_session_list_height(s));
		break;
	case TUI_FOCUS_LIST:
		if (!tui_edit_empty(&s->search)) {
			tui_edit_set(&s->search, "");
			tui_list_reset(&s->list, tui_session_list_height(s));
		} else {
			s->focus = TUI_FOCUS_FOLDERS;
		}
		break;
	case TUI_FOCUS_FOLDERS:
		break;
	}
	return TUI_F_HANDLED | TUI_F_REDRAW;
}

static unsigned session_text_pane(struct tui_session *s, int dir)
{
	if (s->focus == TUI_FOCUS_FORM) {
		s->field = (enum tui_field)((s->field + TUI_FIELD_COUNT + dir) %
					    TUI_FIELD_COUNT);
		return TUI_F_HANDLED | TUI_F_REDRAW;
	}
	if (s->focus == TUI_FOCUS_BOX && dir < 0)
		s->focus = tui_compose_buttons(s) ? TUI_FOCUS_BUTTONS
						  : TUI_FOCUS_THREAD;
	else if (s->focus == TUI_FOCUS_SEARCH)
		s->focus = TUI_FOCUS_LIST;
	return TUI_F_HANDLED | TUI_F_REDRAW;
}

static unsigned session_act(struct tui_session *s, const struct tui_key *k)
{
	long page = (long)tui_session_list_height(s);
	switch (k->action) {
	case TUI_ACT_UP: return session_move(s, -1);
	case TUI_ACT_DOWN: return session_move(s, 1);
	case TUI_ACT_PAGE_UP: return session_move(s, -page);
	case TUI_ACT_PAGE_DOWN: return session_move(s, page);
	case TUI_ACT_HOME:
	case TUI_ACT_END:
		if (s->focus == TUI_FOCUS_LIST &&
		    tui_session_folder_of(s) != TUI_FOLDER_NOTIFICATIONS) {
			enum im_status st = k->action == TUI_ACT_HOME
				? tui_list_home(&s->list) : tui_list_end(&s->list);
			if (st != IM_OK)
				tui_session_model_note(s, st);
		}
		return TUI_F_HANDLED | TUI_F_REDRAW;
	case TUI_ACT_OPEN: return session_open_key(s);
	case TUI_ACT_NEXT_PANE:
		return s->focus == TUI_FOCUS_BOX || s->focus == TUI_FOCUS_FORM ||
		       s->focus == TUI_FOCUS_SEARCH
		       ? session_text_pane(s, 1) : session_pane(s, 1);
	case TUI_ACT_PREV_PANE:
		return s->focus == TUI_FOCUS_BOX || s->focus == TUI_FOCUS_FORM ||
		       s->focus == TUI_FOCUS_SEARCH
		       ? session_text_pane(s, -1) : session_pane(s, -1);
	case TUI_ACT_FOLDER:
		if (k->arg > s->n_folders)
			return TUI_F_HANDLED;
		session_set_folder(s, k->arg - 1);
		return TUI_F_HANDLED | TUI_F_REDRAW;
	case TUI_ACT_REPLY:
	case TUI_ACT_FOLLOWUP:
		if (!session_ensure_open(s))
			return TUI_F_HANDLED | TUI_F_REDRAW;
		/* f sends with im_followup, which holds it to a follow-up. */
		s->followup = k->action == TUI_ACT_FOLLOWUP;
		if (tui_compose_available(s))
			s->focus = TUI_FOCUS_BOX;
		else
			tui_session_note(s, true, "%s", s->open->reason
					 ? s->open->reason : "You can't reply here.");
		return TUI_F_HANDLED | TUI_F_REDRAW;
	case TUI_ACT_NEW_INMAIL: return tui_compose_new_inmail(s);
	case TUI_ACT_ARCHIVE: return session_archive(s);
	case TUI_ACT_SEARCH:
		if (tui_session_folder_of(s) == TUI_FOLDER_NOTIFICATIONS)
			return TUI_F_HANDLED;
		s->focus = TUI_FOCUS_SEARCH;
		return TUI_F_HANDLED | TUI_F_REDRAW;
	case TUI_ACT_SMART_YES: return tui_compose_choose(s, IM_SMART_YES);
	case TUI_ACT_SMART_NO: return tui_compose_choose(s, IM_SMART_NO);
	case TUI_ACT_SMART_CLEAR: return tui_compose_choose(s, IM_SMART_NONE);
	case TUI_ACT_BUTTON_PREV:
	case TUI_ACT_BUTTON_NEXT:
		s->button = s->button == IM_SMART_YES ? IM_SMART_NO : IM_SMART_YES;
		return TUI_F_HANDLED | TUI_F_REDRAW;
	case TUI_ACT_BUTTON_PRESS: return tui_compose_choose(s, s->button);
	case TUI_ACT_INTO_BOX:
		s->focus = TUI_FOCUS_BOX;
		return TUI_F_HANDLED | TUI_F_REDRAW;
	case TUI_ACT_SEND: return tui_compose_send(s);
	case TUI_ACT_EDITOR: return TUI_F_HANDLED | TUI_F_EDITOR;
	case TUI_ACT_BACK: return session_back(s);
	case TUI_ACT_QUIT: return TUI_F_HANDLED | TUI_F_QUIT;
	case TUI_ACT_HELP: return TUI_F_HANDLED | TUI_F_HELP;
	default: return 0;
	}
}

bool tui_session_typing(const struct tui_session *s)
{
	return s->focus == TUI_FOCUS_BOX || s->focus == TUI_FOCUS_SEARCH ||
	       s->focus == TUI_FOCUS_FORM;
}

static unsigned session_type(struct tui_session *s, int code, bool fn)
{
	if (s->focus == TUI_FOCUS_SEARCH) {
		if (!fn && (code == '\n' || code == '\r')) {
			s->focus = TUI_FOCUS_LIST;
			return TUI_F_HANDLED | TUI_F_REDRAW;
		}
		unsigned f = tui_compose_type(s, &s->search, code, fn, 1000);
		tui_list_reset(&s->list, tui_session_list_height(s));
		return f;
	}
	if (s->focus == TUI_FOCUS_FORM && s->field != TUI_FIELD_BODY) {
		if (!fn && (code == '\n' || code == '\r')) {
			s->field = (enum tui_field)(s->field + 1);
			return TUI_F_HANDLED | TUI_F_REDRAW;
		}
		return tui_compose_type(s, tui_session_form_line(s), code, fn,
					1000);
	}
	unsigned f = tui_compose_type(s, &s->box, code, fn, s->box_width);
	if (f & TUI_F_WROTE)
		tui_compose_save(s);
	return f;
}

/* The thread a key acts on, as the model judged it (can_reply, reason):
 * the open one while the conversation has the keyboard, else the
 * highlighted row.  NULL when there is none, or it is not loaded here. */
static const struct im_thread *session_current_thread(const struct tui_session *s)
{
	int64_t id = session_current_id(s);
	if (!id)
		return NULL;
	if (s->open && s->open->id == id)
		return s->open;
	const struct im_thread *t = tui_list_selected(&s->list);
	return t && t->id == id ? t : NULL;
}

const char *tui_session_refusal(const struct tui_session *s,
				const struct tui_key *k)
{
	if ((k->need & TUI_NEED_RECRUITER) && !s->recruiter)
		return "That is for recruiters.";
	if ((k->need & TUI_NEED_THREAD) && !session_current_id(s))
		return "Select a thread first.";
	const struct im_thread *t = session_current_thread(s);
	if ((k->need & TUI_NEED_CAN_REPLY) && t && !t->can_reply)
		return t->reason ? t->reason : "You can't write in this thread.";
	if ((k->need & TUI_NEED_PENDING) && t && t->responded)
		return "The candidate has responded: no follow-up now; r replies.";
	if ((k->need & TUI_NEED_CREDITS) && s->me.credits < IM_INMAIL_COST)
		return "No InMail credits left: a new InMail costs one.";
	return NULL;
}

unsigned tui_session_key(struct tui_session *s, int code, bool fn)
{
	if (s->confirm != IM_SMART_NONE)
		return tui_compose_confirm(s, !fn && (code == 'y' || code == 'Y'));
	s->note[0] = '\0';
	unsigned ctx = tui_session_typing(s) ? TUI_CTX_TEXT
		: s->focus == TUI_FOCUS_BUTTONS ? TUI_CTX_BUTTONS : TUI_CTX_BROWSE;
	const struct tui_key *k = tui_keys_find(ctx, code, fn);
	if (!k) {
		if (ctx == TUI_CTX_TEXT)
			return session_type(s, code, fn) | TUI_F_REDRAW;
		if (ctx == TUI_CTX_BUTTONS && !fn && code >= 0x20 && code != 0x7f) {
			/* Typing on the buttons starts an answer of one's own. */
			s->focus = TUI_FOCUS_BOX;
			return session_type(s, code, fn) | TUI_F_REDRAW;
		}
		/* A key that does nothing here says so (SPEC 6). */
		if (!fn && code > 0x20 && code < 0x7f) {
			tui_session_note(s, true, "'%c' does nothing here; ? "
					 "lists the keys.", code);
			return TUI_F_HANDLED | TUI_F_REDRAW;
		}
		return 0;
	}
	const char *why = tui_session_refusal(s, k);
	if (why) {
		tui_session_note(s, true, "%s", why);
		return TUI_F_HANDLED | TUI_F_REDRAW;
	}
	return session_act(s, k);
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
		session_set_folder(s, h->arg);
		break;
	case TUI_HIT_ROW:
		s->focus = TUI_FOCUS_LIST;
		if (tui_list_select_row(&s->list, (size_t)h->arg))
			tui_session_open_thread(s, tui_list_selected(&s->list)->id);
		break;
	case TUI_HIT_NOTIFICATION:
		s->note_sel = (size_t)h->arg;
		tui_session_open_thread(s, s->notes[h->arg].thread);
		break;
	case TUI_HIT_BUTTON:
		s->focus = TUI_FOCUS_BUTTONS;
		s->button = (enum im_smart)h->arg;
		return tui_compose_choose(s, (enum im_smart)h->arg);
	case TUI_HIT_BOX:
		s->focus = s->focus == TUI_FOCUS_FORM ? TUI_FOCUS_FORM
						      : TUI_FOCUS_BOX;
		s->field = TUI_FIELD_BODY;
		break;
	case TUI_HIT_FIELD:
		s->field = (enum tui_field)h->arg;
		break;
	case TUI_HIT_THREAD:
		s->focus = TUI_FOCUS_THREAD;
		break;
	case TUI_HIT_NEW_INMAIL:
		return tui_compose_new_inmail(s);
	}
	return TUI_F_HANDLED | TUI_F_REDRAW;
}

struct tui_edit *tui_session_form_line(struct tui_session *s)
{
	if (s->focus != TUI_FOCUS_FORM)
		return NULL;
	switch (s->field) {
	case TUI_FIELD_TO: return &s->to;
	case TUI_FIELD_SUBJECT: return &s->subject;
	case TUI_FIELD_FOLLOWUP_DAYS: return &s->followup_days;
	case TUI_FIELD_FOLLOWUP_TEXT: return &s->followup_text;
	case TUI_FIELD_BODY:
	case TUI_FIELD_COUNT: break;
	}
	return NULL;
}

const char *tui_session_draft_text(struct tui_session *s)
{
	struct tui_edit *line = tui_session_form_line(s);
	return line ? line->buf : s->box.buf;
}

void tui_session_editor_done(struct tui_session *s, const char *text,
			     const char *err)
{
	if (!text) {
		tui_session_note(s, true, "%s", err ? err : "The editor failed.");
		return;
	}
	struct tui_edit *line = tui_session_form_line(s);
	if (line) {
		tui_edit_set(line, text);
		return;
	}
	/* The keyboard stays where Ctrl-E was pressed: on the buttons, y
	 * and n still choose (an edited text asks before it is replaced). */
	tui_edit_set(&s->box, text);
	tui_compose_save(s);
	tui_session_note(s, false, s->focus == TUI_FOCUS_BUTTONS
			 ? "Back from the editor; Ctrl-S sends, Tab edits here."
			 : "Back from the editor; Ctrl-S sends.");
}

bool tui_session_cursor(const struct tui_session *s, int *y, int *x)
{
	*y = s->cur_y;
	*x = s->cur_x;
	return s->cur_shown;
}
