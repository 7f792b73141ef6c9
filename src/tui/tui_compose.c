/* The composer (see tui_compose.h).  What may be sent, and what it means,
 * is the model's: this file passes the choice and the text and keeps the
 * answer in note.  It never calls the session. */
#include "tui_compose.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_curses.h"
#include "tui_text.h"

#define COMPOSE_KEYS TUI_F_REDRAW

static void compose_note(struct tui_composer *c, bool error, const char *fmt,
			 ...) __attribute__((format(printf, 3, 4)));

static void compose_note(struct tui_composer *c, bool error, const char *fmt,
			 ...)
{
	va_list ap;
	va_start(ap, fmt);
	tui_text_vformat(c->note, sizeof(c->note), fmt, ap);
	va_end(ap);
	c->note_error = error;
	c->noted = true;
}

static void compose_model_note(struct tui_composer *c, enum im_status st)
{
	compose_note(c, true, "%s", st == IM_OK ? "" : im_model_error(c->m));
}

bool tui_composer_init(struct tui_composer *c, struct im_model *m,
		       bool recruiter)
{
	memset(c, 0, sizeof(*c));
	c->m = m;
	c->recruiter = recruiter;
	c->button = IM_SMART_YES;
	bool ok = tui_edit_init(&c->box) && tui_edit_init(&c->to) &&
		  tui_edit_init(&c->subject) &&
		  tui_edit_init(&c->followup_days) &&
		  tui_edit_init(&c->followup_text);
	if (!ok)
		tui_composer_free(c);
	return ok;
}

void tui_composer_free(struct tui_composer *c)
{
	tui_composer_drop_template(c);
	tui_edit_free(&c->box);
	tui_edit_free(&c->to);
	tui_edit_free(&c->subject);
	tui_edit_free(&c->followup_days);
	tui_edit_free(&c->followup_text);
}

bool tui_composer_available(const struct im_thread *t)
{
	return t && t->can_reply;
}

bool tui_composer_buttons(const struct tui_composer *c,
			  const struct im_thread *t)
{
	return t && !c->recruiter && t->can_reply &&
	       t->state == IM_STATE_PENDING;
}

const char *tui_composer_title(const struct tui_composer *c,
			       const struct im_thread *t)
{
	if (c->form && c->template_name) {
		/* Which template the preview was rendered from. */
		tui_text_format((char *)c->title, sizeof(c->title),
				"New InMail from %s", c->template_name);
		return c->title;
	}
	if (c->form)
		return "New InMail";
	if (c->recruiter && t && t->state == IM_STATE_PENDING)
		return "Follow-up";
	if (tui_composer_buttons(c, t))
		return "Your answer";
	return "Reply";
}

void tui_composer_reset(struct tui_composer *c)
{
	tui_edit_set(&c->box, "");
	c->smart = IM_SMART_NONE;
	c->confirm = IM_SMART_NONE;
	c->followup = false;
}

bool tui_composer_enter(struct tui_composer *c, const struct im_thread *t)
{
	tui_composer_reset(c);
	struct im_draft d = {0};
	if (tui_composer_available(t) &&
	    im_draft_load(c->m, t->id, &d) == IM_OK) {
		tui_edit_set(&c->box, d.body);
		c->smart = tui_composer_buttons(c, t) ? d.smart : IM_SMART_NONE;
		compose_note(c, false, "Your draft is back.");
	}
	im_draft_clear(&d);
	c->button = c->smart != IM_SMART_NONE ? c->smart : IM_SMART_YES;
	return tui_composer_buttons(c, t);
}

void tui_composer_save(struct tui_composer *c, const struct im_thread *t)
{
	int64_t thread;
	if (c->form)
		thread = 0;
	else if (tui_composer_available(t))
		thread = t->id;
	else
		return;
	enum im_status st;
	bool form_empty = !c->form ||
			  (!c->template_name &&
			   tui_edit_empty(&c->to) && tui_edit_empty(&c->subject) &&
			   tui_edit_empty(&c->followup_days) &&
			   tui_edit_empty(&c->followup_text));
	if (tui_edit_empty(&c->box) && c->smart == IM_SMART_NONE && form_empty) {
		st = im_draft_discard(c->m, thread);
		if (st == IM_ERR_NOT_FOUND)
			st = IM_OK;
	} else {
		struct im_draft d = {
			.smart = c->smart,
			.edited = c->smart != IM_SMART_NONE &&
				  !im_is_template(c->smart, c->box.buf),
			.body = c->box.buf,
		};
		/* The form's fields go with its draft, so a killed session
		 * loses none of them (SPEC 6). */
		if (c->form) {
			d.to = c->to.buf;
			d.subject = c->subject.buf;
			d.followup_days = c->followup_days.buf;
			d.followup_text = c->followup_text.buf;
			d.template_name = c->template_name;
		}
		st = im_draft_save(c->m, thread, &d);
	}
	/* Another session writing: the text stays here and the tick saves
	 * it again, so typing never waits for the database. */
	c->unsaved = st != IM_OK;
	if (st != IM_OK)
		compose_model_note(c, st);
}

static void compose_apply(struct tui_composer *c, enum im_smart smart,
			  enum tui_compose_req *req)
{
	c->smart = smart;
	c->button = smart;
	tui_edit_set(&c->box, im_template(smart));
	*req = TUI_COMPOSE_SAVE;
}

unsigned tui_composer_choose(struct tui_composer *c, const struct im_thread *t,
			     enum im_smart smart, enum tui_compose_req *req)
{
	*req = TUI_COMPOSE_NONE;
	c->noted = false;
	if (!tui_composer_buttons(c, t)) {
		compose_note(c, true, "Smart replies are offered only before "
			     "the first response.");
		return COMPOSE_KEYS;
	}
	if (smart == c->smart)
		return COMPOSE_KEYS;
	bool untouched = tui_edit_empty(&c->box) ||
			 (c->smart != IM_SMART_NONE &&
			  im_is_template(c->smart, c->box.buf));
	if (smart == IM_SMART_NONE) {
		if (untouched)
			tui_edit_set(&c->box, "");
		c->smart = IM_SMART_NONE;
		*req = TUI_COMPOSE_SAVE;
		compose_note(c, false, "No smart reply chosen: write your own "
			     "answer.");
		return COMPOSE_KEYS;
	}
	if (!untouched) {
		c->confirm = smart;
		/* Short enough for a 40-column demo half, answer keys
		 * included, as bound (SPEC 6). */
		char yes[24];
		snprintf(yes, sizeof(yes), "%s",
			 tui_keys_first_name(TUI_ACT_CONFIRM_YES));
		compose_note(c, false, "Replace with %s? %s/%s",
			     im_smart_label(smart), yes,
			     tui_keys_first_name(TUI_ACT_CONFIRM_NO));
		return COMPOSE_KEYS;
	}
	compose_apply(c, smart, req);
	return COMPOSE_KEYS;
}

static unsigned compose_confirm(struct tui_composer *c, bool yes,
				enum tui_compose_req *req)
{
	enum im_smart smart = c->confirm;
	c->confirm = IM_SMART_NONE;
	if (!yes) {
		compose_note(c, false, "Kept your text.");
		return COMPOSE_KEYS;
	}
	compose_apply(c, smart, req);
	compose_note(c, false, "%s", "");
	return COMPOSE_KEYS;
}

struct tui_edit *tui_composer_line(struct tui_composer *c)
{
	if (!c->form)
		return NULL;
	switch (c->field) {
	case TUI_FIELD_TO: return &c->to;
	case TUI_FIELD_SUBJECT: return &c->subject;
	case TUI_FIELD_FOLLOWUP_DAYS: return &c->followup_days;
	case TUI_FIELD_FOLLOWUP_TEXT: return &c->followup_text;
	case TUI_FIELD_BODY:
	case TUI_FIELD_COUNT: break;
	}
	return NULL;
}

unsigned tui_composer_edit_text(struct tui_edit *e, enum tui_action a,
				int code, bool fn, int width, bool multiline,
				bool *changed)
{
	bool dummy;
	if (!changed)
		changed = &dummy;
	*changed = false;
	if (width < 1)
		width = 1;
	switch (a) {
	case TUI_ACT_EDIT_LEFT: tui_edit_left(e); break;
	case TUI_ACT_EDIT_RIGHT: tui_edit_right(e); break;
	case TUI_ACT_EDIT_UP: tui_edit_vertical(e, width, -1); break;
	case TUI_ACT_EDIT_DOWN: tui_edit_vertical(e, width, 1); break;
	case TUI_ACT_EDIT_HOME: tui_edit_home(e, width); break;
	case TUI_ACT_EDIT_END: tui_edit_end(e, width); break;
	case TUI_ACT_EDIT_BACKSPACE: *changed = tui_edit_backspace(e); break;
	case TUI_ACT_EDIT_DELETE: *changed = tui_edit_delete(e); break;
	case TUI_ACT_EDIT_NEWLINE:
		*changed = multiline && tui_edit_insert(e, '\n');
		break;
	default:
		if (fn || code < 0x20 || code == 0x7f)
			return 0;
		*changed = tui_edit_insert(e, (uint32_t)code);
	}
	return COMPOSE_KEYS;
}

/* An editing key or a character in the text under the keyboard: a form
 * field (one line) or the box. */
static unsigned compose_edit(struct tui_composer *c, enum tui_action a,
			     int code, bool fn, enum tui_compose_req *req)
{
	struct tui_edit *line = tui_composer_line(c);
	if (line && a == TUI_ACT_EDIT_NEWLINE) {
		/* A form field: Enter goes on to the next one. */
		c->field = (enum tui_field)(c->field + 1);
		return COMPOSE_KEYS;
	}
	bool changed;
	unsigned f = tui_composer_edit_text(line ? line : &c->box, a, code, fn,
					    line ? 1000 : c->box_width, !line,
					    &changed);
	/* The box is a draft, and in the new-InMail form its lines too. */
	if (changed && (!line || c->form))
		*req = TUI_COMPOSE_SAVE;
	return f;
}

unsigned tui_composer_key(struct tui_composer *c, const struct im_thread *t,
			  enum tui_action a, int code, bool fn,
			  enum tui_compose_req *req)
{
	*req = TUI_COMPOSE_NONE;
	c->noted = false;
	switch (a) {
	case TUI_ACT_SMART_YES: return tui_composer_choose(c, t, IM_SMART_YES, req);
	case TUI_ACT_SMART_NO: return tui_composer_choose(c, t, IM_SMART_NO, req);
	case TUI_ACT_SMART_CLEAR:
		return tui_composer_choose(c, t, IM_SMART_NONE, req);
	case TUI_ACT_BUTTON_PREV:
	case TUI_ACT_BUTTON_NEXT:
		c->button = c->button == IM_SMART_YES ? IM_SMART_NO : IM_SMART_YES;
		return COMPOSE_KEYS;
	case TUI_ACT_BUTTON_PRESS: return tui_composer_choose(c, t, c->button, req);
	case TUI_ACT_CONFIRM_YES: return compose_confirm(c, true, req);
	case TUI_ACT_CONFIRM_NO: return compose_confirm(c, false, req);
	case TUI_ACT_SEND:
		*req = TUI_COMPOSE_SEND;
		return COMPOSE_KEYS;
	case TUI_ACT_NEXT_PANE:
	case TUI_ACT_PREV_PANE:
		if (c->form) {
			int dir = a == TUI_ACT_NEXT_PANE ? 1 : -1;
			c->field = (enum tui_field)((c->field + TUI_FIELD_COUNT +
						     dir) % TUI_FIELD_COUNT);
		} else if (a == TUI_ACT_PREV_PANE) {
			*req = TUI_COMPOSE_LEAVE;
		}
		return COMPOSE_KEYS;
	default: /* an editing key, or TUI_ACT_NONE: a character */
		return compose_edit(c, a, code, fn, req);
	}
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

static bool compose_send_new(struct tui_composer *c, int64_t *thread)
{
	const char *to[1] = {c->to.buf};
	int days = 0;
	if (!compose_followup_days(c->followup_days.buf, &days)) {
		c->field = TUI_FIELD_FOLLOWUP_DAYS;
		compose_note(c, true, "Follow-up days: %d to %d, or empty.",
			     IM_FOLLOWUP_MIN_DAYS, IM_FOLLOWUP_MAX_DAYS);
		return false;
	}
	/* Both fields empty: no follow-up. */
	bool followup = !tui_edit_empty(&c->followup_days) ||
			!tui_edit_empty(&c->followup_text);
	/* A text rendered for one candidate is not sent to another. */
	if (c->template_name && c->template_to &&
	    strcmp(c->template_to, c->to.buf) != 0) {
		c->field = TUI_FIELD_TO;
		compose_note(c, true, "The text was rendered from %s for %s; "
			     "%s renders it for %s.", c->template_name,
			     c->template_to, tui_keys_first_name(TUI_ACT_TEMPLATE),
			     c->to.buf);
		return false;
	}
	struct im_send_request req = {
		.to = to, .n_to = 1, .subject = c->subject.buf,
		.body = c->box.buf,
		.followup_body = followup ? c->followup_text.buf : NULL,
		.followup_days = days,
		.template_name = c->template_name,
	};
	enum im_status st = im_send(c->m, &req, thread);
	if (st != IM_OK) {
		compose_model_note(c, st);
		return false;
	}
	im_draft_discard(c->m, 0);
	tui_composer_reset(c);
	tui_composer_drop_template(c);
	return true;
}

bool tui_composer_send(struct tui_composer *c, const struct im_thread *t,
		       int64_t *thread)
{
	c->noted = false;
	*thread = 0;
	if (c->form)
		return compose_send_new(c, thread);
	if (!tui_composer_available(t)) {
		compose_note(c, true, "%s", t && t->reason ? t->reason
			     : "Nothing to send here.");
		return false;
	}
	enum im_smart smart = tui_composer_buttons(c, t) ? c->smart
							  : IM_SMART_NONE;
	enum im_status st = c->followup
		? im_followup(c->m, t->id, c->box.buf, NULL)
		: im_reply(c->m, t->id, smart, c->box.buf, NULL);
	if (st != IM_OK) {
		compose_model_note(c, st);
		return false;
	}
	im_draft_discard(c->m, t->id);
	tui_composer_reset(c);
	*thread = t->id;
	return true;
}

void tui_composer_new_inmail(struct tui_composer *c, const struct im_thread *t)
{
	tui_composer_reset(c);
	tui_edit_set(&c->to, t ? t->candidate.handle : "");
	tui_edit_set(&c->subject, t ? t->subject : "");
	tui_edit_set(&c->followup_days, "");
	tui_edit_set(&c->followup_text, "");
	tui_composer_drop_template(c);
	struct im_draft d = {0};
	bool fields = false;
	if (im_draft_load(c->m, 0, &d) == IM_OK) {
		tui_edit_set(&c->box, d.body);
		/* The template picked, rendered for the To the draft kept. */
		if (d.template_name && *d.template_name) {
			c->template_name = strdup(d.template_name);
			c->template_to = strdup(d.to ? d.to : "");
		}
		/* A form left with fields typed comes back as it was. */
		fields = (d.to && *d.to) || (d.subject && *d.subject) ||
			 (d.followup_days && *d.followup_days) ||
			 (d.followup_text && *d.followup_text);
		if (fields) {
			tui_edit_set(&c->to, d.to);
			tui_edit_set(&c->subject, d.subject);
			tui_edit_set(&c->followup_days, d.followup_days);
			tui_edit_set(&c->followup_text, d.followup_text);
		}
	}
	im_draft_clear(&d);
	c->field = t && !fields ? TUI_FIELD_BODY : TUI_FIELD_TO;
}

const char *tui_composer_text(struct tui_composer *c)
{
	struct tui_edit *line = tui_composer_line(c);
	return line ? line->buf : c->box.buf;
}

void tui_composer_editor_done(struct tui_composer *c, const struct im_thread *t,
			      const char *text)
{
	struct tui_edit *line = tui_composer_line(c);
	if (line) {
		tui_edit_set(line, text);
		return;
	}
	tui_edit_set(&c->box, text);
	tui_composer_save(c, t);
}

/* ---- a template into the form (SPEC 9's Ctrl-T) ---- */

void tui_composer_drop_template(struct tui_composer *c)
{
	free(c->template_name);
	free(c->template_to);
	c->template_name = c->template_to = NULL;
}

bool tui_composer_use_template(struct tui_composer *c, const char *name,
			       const struct im_render_var *vars, size_t n_vars,
			       enum tui_compose_req *req)
{
	*req = TUI_COMPOSE_NONE;
	c->noted = false;
	if (tui_edit_empty(&c->to)) {
		c->field = TUI_FIELD_TO;
		compose_note(c, true, "To first: the template is rendered for "
			     "the candidate there.");
		return false;
	}
	/* The model renders, and refuses in one line: an unknown
	 * variable, one without a value, a text too long. */
	const char *to[1] = {c->to.buf};
	struct im_template_send send = {.name = name, .to = to, .n_to = 1,
					.vars = vars, .n_vars = n_vars};
	struct im_rendered *r = NULL;
	int days = 0;
	enum im_status st = im_template_render(c->m, &send, &r, &days);
	if (st != IM_OK) {
		compose_model_note(c, st);
		return false;
	}
	char *tname = strdup(name), *tto = strdup(c->to.buf);
	if (!tname || !tto) {
		free(tname);
		free(tto);
		im_rendered_free(&r, 1);
		compose_note(c, true, "out of memory");
		return false;
	}
	tui_edit_set(&c->subject, r[0].subject);
	tui_edit_set(&c->box, r[0].body);
	char d[16] = "";
	if (r[0].followup_body)
		snprintf(d, sizeof(d), "%d", days);
	tui_edit_set(&c->followup_days, d);
	tui_edit_set(&c->followup_text,
		     r[0].followup_body ? r[0].followup_body : "");
	im_rendered_free(&r, 1);
	tui_composer_drop_template(c);
	c->template_name = tname;
	c->template_to = tto;
	c->field = TUI_FIELD_BODY;
	*req = TUI_COMPOSE_SAVE;
	char send_key[24];
	snprintf(send_key, sizeof(send_key), "%s",
		 tui_keys_first_name(TUI_ACT_SEND));
	compose_note(c, false, "From %s, for %s: %s sends it as shown.", name,
		     c->to.buf, send_key);
	return true;
}
