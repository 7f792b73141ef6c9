/* The session's workbench screens (SPEC 9): the report (key 6), opening
 * it and its keys, and Ctrl-T's template picker over the new-InMail form.
 * The numbers and the templates are the model's (tui_report.c and the
 * composer ask it); this file only moves the keyboard and the scroll.
 * It calls the session; the session never calls it (tui-calls). */
#include "tui_session_priv.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_picker.h"

/* The report's rows shown: the session's body inside the box. */
static int report_rows(const struct tui_session *s)
{
	int h = s->area.h - 4;
	return h > 1 ? h : 1;
}

unsigned tui_session_report(struct tui_session *s)
{
	if (!s->recruiter) {
		tui_session_note(s, true, "The report is a recruiter's: it "
				 "counts the InMails they send.");
		return TUI_F_REDRAW;
	}
	if (s->focus != TUI_FOCUS_REPORT) {
		s->report_from = s->focus;
		s->report.scroll = 0;
	}
	enum im_status st = tui_report_load(&s->report, s->m);
	if (st != IM_OK) {
		tui_session_model_note(s, st);
		return TUI_F_REDRAW;
	}
	tui_session_focus(s, TUI_FOCUS_REPORT);
	return TUI_F_REDRAW;
}

unsigned tui_session_report_move(struct tui_session *s, long delta)
{
	int d = delta <= INT_MIN ? INT_MIN : delta >= INT_MAX ? INT_MAX
		: (int)delta;
	tui_report_scroll(&s->report, d, report_rows(s));
	return TUI_F_REDRAW;
}

unsigned tui_session_report_back(struct tui_session *s)
{
	/* Back to exactly the pane it came from (SPEC 6). */
	tui_session_focus(s, s->report_from);
	tui_report_clear(&s->report);
	return TUI_F_REDRAW;
}

/* ---- Ctrl-T: a template into the new-InMail form ---- */

unsigned tui_session_template(struct tui_session *s)
{
	struct im_template *list = NULL;
	size_t n = 0;
	enum im_status st = im_template_list(s->m, &list, &n);
	if (st != IM_OK) {
		tui_session_model_note(s, st);
		return TUI_F_REDRAW;
	}
	if (n == 0) {
		im_templates_free(&list, n);
		tui_session_note(s, true, "No templates yet: inmail template "
				 "add NAME --subject S --body TEXT makes one.");
		return TUI_F_REDRAW;
	}
	tui_picker_free(&s->picker);
	/* The one the form holds already, if any, under the cursor. */
	s->picker = tui_picker_new(list, n, s->c.template_name);
	if (!s->picker) {
		tui_session_note(s, true, "out of memory");
		return TUI_F_REDRAW;
	}
	char open[24];
	snprintf(open, sizeof(open), "%s", tui_keys_first_name(TUI_ACT_OPEN));
	tui_session_note(s, false, "Pick a template for %s: %s renders it, "
			 "%s cancels.", tui_edit_empty(&s->c.to) ? "the candidate"
			 : s->c.to.buf, open, tui_keys_first_name(TUI_ACT_BACK));
	return TUI_F_REDRAW;
}

/* Renders the picked template into the form, with the values asked. */
static unsigned picker_render(struct tui_session *s)
{
	char *name = strdup(tui_picker_selected(s->picker));
	if (!name) {
		tui_picker_free(&s->picker);
		tui_session_note(s, true, "out of memory");
		return TUI_F_REDRAW;
	}
	size_t n = 0;
	const struct im_render_var *vars = NULL;
	if (tui_picker_asking(s->picker))
		vars = tui_picker_values(s->picker, &n);
	enum tui_compose_req req;
	tui_composer_use_template(&s->c, name, vars, n, &req);
	tui_picker_free(&s->picker);
	free(name);
	return tui_session_compose_done(s, TUI_F_REDRAW, req);
}

static void note_question(struct tui_session *s)
{
	char take[24]; /* tui_keys_first_name's buffer is its own */
	snprintf(take, sizeof(take), "%s",
		 tui_keys_first_name(TUI_ACT_EDIT_NEWLINE));
	tui_session_note(s, false, "{%s} for this InMail: type it, %s takes "
			 "it, %s cancels.", tui_picker_field_name(s->picker),
			 take, tui_keys_first_name(TUI_ACT_BACK));
}

/* A key while the picker asks the template's variables: text edits the
 * line, Enter takes it (the next line, or the rendering after the last;
 * Ctrl-S renders at once), Up and Down or Tab move between lines, Esc
 * leaves the form as it was. */
static unsigned picker_question_key(struct tui_session *s, int code, bool fn)
{
	const struct tui_key *t = tui_keys_find(TUI_CTX_TEXT, code, fn);
	if (t && (t->flags & TUI_KEY_FIXED))
		return t->run(s, t);
	enum tui_action a = t ? t->action : TUI_ACT_NONE;
	switch (a) {
	case TUI_ACT_BACK: case TUI_ACT_TEMPLATE:
		tui_picker_free(&s->picker);
		tui_session_note(s, false, "No template taken; the form is as "
				 "it was.");
		return TUI_F_REDRAW;
	case TUI_ACT_EDIT_NEWLINE: case TUI_ACT_SEND:
	case TUI_ACT_NEXT_PANE: case TUI_ACT_EDIT_DOWN:
	case TUI_ACT_PREV_PANE: case TUI_ACT_EDIT_UP: {
		bool back = a == TUI_ACT_PREV_PANE || a == TUI_ACT_EDIT_UP;
		bool take = a == TUI_ACT_EDIT_NEWLINE || a == TUI_ACT_SEND;
		if (a == TUI_ACT_EDIT_NEWLINE &&
		    tui_edit_empty(tui_picker_field(s->picker))) {
			tui_session_note(s, true, "{%s} needs a value for this "
					 "InMail.",
					 tui_picker_field_name(s->picker));
			return TUI_F_REDRAW;
		}
		if (a != TUI_ACT_SEND &&
		    tui_picker_field_move(s->picker, back ? -1 : 1)) {
			note_question(s);
			return TUI_F_REDRAW;
		}
		if (!take)
			return TUI_F_REDRAW;
		const char *empty = tui_picker_to_unanswered(s->picker);
		if (empty) {
			tui_session_note(s, true, "{%s} needs a value for this "
					 "InMail.", empty);
			return TUI_F_REDRAW;
		}
		return picker_render(s);
	}
	default:
		return tui_composer_edit_text(tui_picker_field(s->picker), a,
					      code, fn, 0, false, NULL);
	}
}

unsigned tui_session_picker_key(struct tui_session *s, int code, bool fn)
{
	if (tui_picker_asking(s->picker))
		return picker_question_key(s, code, fn);
	/* The list's keys are the browsing ones, as bound; Ctrl-C quits. */
	const struct tui_key *k = tui_keys_find(TUI_CTX_BROWSE, code, fn);
	const struct tui_key *t = tui_keys_find(TUI_CTX_TEXT, code, fn);
	if (t && (t->flags & TUI_KEY_FIXED))
		return t->run(s, t);
	enum tui_action a = k ? k->action : TUI_ACT_NONE;
	if (t && t->action == TUI_ACT_TEMPLATE)
		a = TUI_ACT_BACK; /* Ctrl-T again closes it */
	long all = (long)tui_picker_count(s->picker);
	switch (a) {
	case TUI_ACT_UP: case TUI_ACT_DOWN: case TUI_ACT_PAGE_UP:
	case TUI_ACT_PAGE_DOWN: case TUI_ACT_HOME: case TUI_ACT_END:
		tui_picker_move(s->picker, a == TUI_ACT_UP ? -1
				: a == TUI_ACT_DOWN ? 1
				: a == TUI_ACT_PAGE_UP ? -8
				: a == TUI_ACT_PAGE_DOWN ? 8
				: a == TUI_ACT_HOME ? -all : all);
		return TUI_F_REDRAW;
	case TUI_ACT_BACK:
		tui_picker_free(&s->picker);
		tui_session_note(s, false, "No template taken; the form is as "
				 "it was.");
		return TUI_F_REDRAW;
	case TUI_ACT_OPEN: {
		/* A template with variables of its own asks them first. */
		char **vars = NULL;
		size_t n = 0;
		enum im_status st = im_template_vars(
			s->m, tui_picker_selected(s->picker), &vars, &n);
		if (st != IM_OK) {
			tui_picker_free(&s->picker);
			tui_session_model_note(s, st);
			return TUI_F_REDRAW;
		}
		if (n == 0)
			return picker_render(s);
		if (!tui_picker_ask(s->picker, vars, n)) {
			tui_picker_free(&s->picker);
			tui_session_note(s, true, "out of memory");
			return TUI_F_REDRAW;
		}
		note_question(s);
		return TUI_F_REDRAW;
	}
	default: {
		char open[24];
		snprintf(open, sizeof(open), "%s",
			 tui_keys_first_name(TUI_ACT_OPEN));
		tui_session_note(s, true, "%s picks a template, %s cancels.",
				 open, tui_keys_first_name(TUI_ACT_BACK));
		return TUI_F_REDRAW;
	}
	}
}
