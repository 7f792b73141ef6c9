/* The composer: the text box, the smart-reply choice and its switches,
 * drafts saved as typed, sending.  What may be sent, and what it means, is
 * the model's: this file passes the choice and the text and shows the
 * answer. */
#include "tui_session_priv.h"

#include <stdlib.h>
#include <string.h>

#include "tui_curses.h"

#define COMPOSE_KEYS (TUI_F_HANDLED | TUI_F_REDRAW)

bool tui_compose_available(const struct tui_session *s)
{
	return s->open && s->open->can_reply;
}

bool tui_compose_buttons(const struct tui_session *s)
{
	return s->open && !s->recruiter && s->open->can_reply &&
	       s->open->state == IM_STATE_PENDING;
}

const char *tui_compose_title(const struct tui_session *s)
{
	if (s->focus == TUI_FOCUS_FORM)
		return "New InMail";
	if (s->recruiter && s->open && s->open->state == IM_STATE_PENDING)
		return "Follow-up";
	if (tui_compose_buttons(s))
		return "Your answer";
	return "Reply";
}

void tui_compose_reset(struct tui_session *s)
{
	tui_edit_set(&s->box, "");
	s->smart = IM_SMART_NONE;
	s->confirm = IM_SMART_NONE;
	s->followup = false;
}

void tui_compose_enter(struct tui_session *s)
{
	tui_compose_reset(s);
	struct im_draft d = {0};
	if (tui_compose_available(s) &&
	    im_draft_load(s->m, s->open->id, &d) == IM_OK) {
		tui_edit_set(&s->box, d.body);
		s->smart = tui_compose_buttons(s) ? d.smart : IM_SMART_NONE;
		tui_session_note(s, false, "Your draft is back.");
	}
	im_draft_clear(&d);
	s->button = s->smart != IM_SMART_NONE ? s->smart : IM_SMART_YES;
	s->focus = tui_compose_buttons(s) ? TUI_FOCUS_BUTTONS : TUI_FOCUS_THREAD;
}

void tui_compose_save(struct tui_session *s)
{
	int64_t thread;
	if (s->focus == TUI_FOCUS_FORM)
		thread = 0;
	else if (tui_compose_available(s))
		thread = s->open->id;
	else
		return;
	enum im_status st;
	if (tui_edit_empty(&s->box) && s->smart == IM_SMART_NONE) {
		st = im_draft_discard(s->m, thread);
		if (st == IM_ERR_NOT_FOUND)
			st = IM_OK;
	} else {
		struct im_draft d = {
			.smart = s->smart,
			.edited = s->smart != IM_SMART_NONE &&
				  !im_is_template(s->smart, s->box.buf),
			.body = s->box.buf,
		};
		st = im_draft_save(s->m, thread, &d);
	}
	/* Another session writing: the text stays here and the tick saves
	 * it again, so typing never waits for the database. */
	s->draft_unsaved = st != IM_OK;
	if (st != IM_OK)
		tui_session_model_note(s, st);
}

static void compose_apply(struct tui_session *s, enum im_smart smart)
{
	s->smart = smart;
	s->button = smart;
	tui_edit_set(&s->box, im_template(smart));
	tui_compose_save(s);
}

unsigned tui_compose_choose(struct tui_session *s, enum im_smart smart)
{
	if (!tui_compose_buttons(s)) {
		tui_session_note(s, true, "Smart replies are offered only "
				 "before the first response.");
		return COMPOSE_KEYS;
	}
	if (smart == s->smart)
		return COMPOSE_KEYS;
	bool untouched = tui_edit_empty(&s->box) ||
			 (s->smart != IM_SMART_NONE &&
			  im_is_template(s->smart, s->box.buf));
	if (smart == IM_SMART_NONE) {
		if (untouched)
			tui_edit_set(&s->box, "");
		s->smart = IM_SMART_NONE;
		tui_compose_save(s);
		tui_session_note(s, false, "No smart reply chosen: write your "
				 "own answer.");
		return COMPOSE_KEYS | TUI_F_WROTE;
	}
	if (!untouched) {
		s->confirm = smart;
		/* Short enough for a 40-column demo half, answer keys
		 * included (SPEC 6). */
		tui_session_note(s, false, "Replace with %s? y/n",
				 im_smart_label(smart));
		return COMPOSE_KEYS;
	}
	compose_apply(s, smart);
	return COMPOSE_KEYS | TUI_F_WROTE;
}

unsigned tui_compose_confirm(struct tui_session *s, bool yes)
{
	enum im_smart smart = s->confirm;
	s->confirm = IM_SMART_NONE;
	if (!yes) {
		tui_session_note(s, false, "Kept your text.");
		return COMPOSE_KEYS;
	}
	compose_apply(s, smart);
	s->note[0] = '\0';
	return COMPOSE_KEYS | TUI_F_WROTE;
}

unsigned tui_compose_type(struct tui_session *s, struct tui_edit *e, int code,
			  bool fn, int width)
{
	bool changed = false, multiline = e == &s->box;
	if (width < 1)
		width = 1;
	if (!fn) {
		if (code == 127 || code == 8)
			changed = tui_edit_backspace(e);
		else if (code == '\n' || code == '\r')
			changed = multiline && tui_edit_insert(e, '\n');
		else if (code >= 0x20)
			changed = tui_edit_insert(e, (uint32_t)code);
		else
			return 0;
	} else {
		switch (code) {
		case KEY_BACKSPACE: changed = tui_edit_backspace(e); break;
		case KEY_DC: changed = tui_edit_delete(e); break;
		case KEY_LEFT: tui_edit_left(e); break;
		case KEY_RIGHT: tui_edit_right(e); break;
		case KEY_UP: tui_edit_vertical(e, width, -1); break;
		case KEY_DOWN: tui_edit_vertical(e, width, 1); break;
		case KEY_HOME: tui_edit_home(e, width); break;
		case KEY_END: tui_edit_end(e, width); break;
		case KEY_ENTER:
			changed = multiline && tui_edit_insert(e, '\n');
			break;
		default: return 0;
		}
	}
	return COMPOSE_KEYS | (changed ? TUI_F_WROTE : 0);
}

/* The follow-up's days as typed (spaces aside); false when they are not
 * a number.  Which numbers are allowed is the model's to say. */
static bool compose_followup_days(const char *text, int *days)
{
	*days = 0;
	for (const char *p = text; *p; p++) {
		if (*p == ' ')
			continue;
		if (*p < '0' || *p > '9' || *days > 1000)
			return false;
		*days = *days * 10 + (*p - '0');
	}
	return true;
}

static unsigned compose_send_new(struct tui_session *s)
{
	const char *to[1] = {s->to.buf};
	int days = 0;
	if (!compose_followup_days(s->followup_days.buf, &days)) {
		s->field = TUI_FIELD_FOLLOWUP_DAYS;
		tui_session_note(s, true, "Follow-up days: %d to %d, or empty.",
				 IM_FOLLOWUP_MIN_DAYS, IM_FOLLOWUP_MAX_DAYS);
		return COMPOSE_KEYS;
	}
	/* Both fields empty: no follow-up. */
	bool followup = !tui_edit_empty(&s->followup_days) ||
			!tui_edit_empty(&s->followup_text);
	struct im_send_request req = {
		.to = to, .n_to = 1, .subject = s->subject.buf,
		.body = s->box.buf,
		.followup_body = followup ? s->followup_text.buf : NULL,
		.followup_days = days,
	};
	int64_t id = 0;
	enum im_status st = im_send(s->m, &req, &id);
	if (st != IM_OK) {
		tui_session_model_note(s, st);
		return COMPOSE_KEYS;
	}
	im_draft_discard(s->m, 0);
	tui_compose_reset(s);
	s->focus = TUI_FOCUS_THREAD;
	tui_session_open_thread(s, id);
	tui_session_note(s, false, "InMail sent. Credits left: %lld.",
			 (long long)s->me.credits);
	return COMPOSE_KEYS | TUI_F_WROTE;
}

unsigned tui_compose_send(struct tui_session *s)
{
	if (s->focus == TUI_FOCUS_FORM)
		return compose_send_new(s);
	if (!tui_compose_available(s)) {
		tui_session_note(s, true, "%s", s->open && s->open->reason
				 ? s->open->reason : "Nothing to send here.");
		return COMPOSE_KEYS;
	}
	enum im_smart smart = tui_compose_buttons(s) ? s->smart : IM_SMART_NONE;
	enum im_status st = s->followup
		? im_followup(s->m, s->open->id, s->box.buf, NULL)
		: im_reply(s->m, s->open->id, smart, s->box.buf, NULL);
	if (st != IM_OK) {
		tui_session_model_note(s, st);
		return COMPOSE_KEYS;
	}
	im_draft_discard(s->m, s->open->id);
	tui_compose_reset(s);
	s->focus = TUI_FOCUS_THREAD;
	tui_session_reload(s);
	const struct im_thread *t = s->open;
	if (t && !s->recruiter && t->blocked)
		tui_session_note(s, false, "Sent: declined with the template. "
				 "The recruiter can't reply unless you write "
				 "again.");
	else if (t)
		tui_session_note(s, false, "Sent. The thread is %s.",
				 im_state_name(t->state));
	return COMPOSE_KEYS | TUI_F_WROTE;
}

unsigned tui_compose_new_inmail(struct tui_session *s)
{
	if (!s->recruiter) {
		tui_session_note(s, true, "That is for recruiters.");
		return COMPOSE_KEYS;
	}
	const struct im_thread *t = s->open;
	if (!t && tui_session_folder_of(s) != TUI_FOLDER_NOTIFICATIONS)
		t = tui_list_selected(&s->list);
	tui_compose_reset(s);
	tui_edit_set(&s->to, t ? t->candidate.handle : "");
	tui_edit_set(&s->subject, t ? t->subject : "");
	tui_edit_set(&s->followup_days, "");
	tui_edit_set(&s->followup_text, "");
	struct im_draft d = {0};
	if (im_draft_load(s->m, 0, &d) == IM_OK)
		tui_edit_set(&s->box, d.body);
	im_draft_clear(&d);
	s->focus = TUI_FOCUS_FORM;
	s->field = t ? TUI_FIELD_BODY : TUI_FIELD_TO;
	return COMPOSE_KEYS;
}

unsigned tui_compose_leave_form(struct tui_session *s)
{
	tui_compose_reset(s);
	if (s->open) {
		tui_compose_enter(s);
	} else {
		s->focus = TUI_FOCUS_LIST;
	}
	tui_session_note(s, false, "New InMail put aside; its draft is kept.");
	return COMPOSE_KEYS;
}
