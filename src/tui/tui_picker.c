/* Ctrl-T's template picker (see tui_session_priv.h): the recruiter's
 * templates as the model lists them, in a small box over the session;
 * Enter hands the one chosen to the composer, which asks the model to
 * render it for the candidate in To; Esc cancels.  The picker decides
 * nothing: which templates there are, and what they render to, is the
 * model's. */
#include "tui_session_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_curses.h"
#include "tui_draw.h"
#include "tui_keys.h"
#include "tui_text.h"

struct tui_picker {
	struct im_template *list;
	size_t n;
	size_t sel;
	size_t top;
};

void tui_session_picker_close(struct tui_session *s)
{
	if (!s->picker)
		return;
	im_templates_free(&s->picker->list, s->picker->n);
	free(s->picker);
	s->picker = NULL;
}

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
	struct tui_picker *p = calloc(1, sizeof(*p));
	if (!p) {
		im_templates_free(&list, n);
		tui_session_note(s, true, "out of memory");
		return TUI_F_REDRAW;
	}
	p->list = list;
	p->n = n;
	/* The one the form holds already, if any, under the cursor. */
	for (size_t i = 0; s->c.template_name && i < n; i++)
		if (strcmp(list[i].name, s->c.template_name) == 0)
			p->sel = i;
	tui_session_picker_close(s);
	s->picker = p;
	tui_session_note(s, false, "Pick a template for %s: %s renders it, "
			 "%s cancels.", tui_edit_empty(&s->c.to) ? "the candidate"
			 : s->c.to.buf, tui_keys_first_name(TUI_ACT_OPEN),
			 tui_keys_first_name(TUI_ACT_BACK));
	return TUI_F_REDRAW;
}

unsigned tui_session_picker_key(struct tui_session *s, int code, bool fn)
{
	struct tui_picker *p = s->picker;
	/* The list's keys are the browsing ones, as bound; Ctrl-C quits. */
	const struct tui_key *k = tui_keys_find(TUI_CTX_BROWSE, code, fn);
	const struct tui_key *t = tui_keys_find(TUI_CTX_TEXT, code, fn);
	if (t && (t->flags & TUI_KEY_FIXED))
		return t->run(s, t);
	enum tui_action a = k ? k->action : TUI_ACT_NONE;
	if (t && t->action == TUI_ACT_TEMPLATE)
		a = TUI_ACT_BACK; /* Ctrl-T again closes it */
	long page = 5;
	switch (a) {
	case TUI_ACT_UP: case TUI_ACT_DOWN: case TUI_ACT_PAGE_UP:
	case TUI_ACT_PAGE_DOWN: case TUI_ACT_HOME: case TUI_ACT_END: {
		long d = a == TUI_ACT_UP ? -1 : a == TUI_ACT_DOWN ? 1
			: a == TUI_ACT_PAGE_UP ? -page : a == TUI_ACT_PAGE_DOWN
			? page : a == TUI_ACT_HOME ? -(long)p->n : (long)p->n;
		long sel = (long)p->sel + d;
		p->sel = sel < 0 ? 0 : sel >= (long)p->n ? p->n - 1 : (size_t)sel;
		return TUI_F_REDRAW;
	}
	case TUI_ACT_BACK:
		tui_session_picker_close(s);
		tui_session_note(s, false, "No template taken; the form is as "
				 "it was.");
		return TUI_F_REDRAW;
	case TUI_ACT_OPEN: {
		char *name = strdup(p->list[p->sel].name);
		tui_session_picker_close(s);
		if (!name) {
			tui_session_note(s, true, "out of memory");
			return TUI_F_REDRAW;
		}
		enum tui_compose_req req;
		tui_composer_use_template(&s->c, name, &req);
		free(name);
		return tui_session_compose_done(s, TUI_F_REDRAW, req);
	}
	default:
		tui_session_note(s, true, "%s picks a template, %s cancels.",
				 tui_keys_first_name(TUI_ACT_OPEN),
				 tui_keys_first_name(TUI_ACT_BACK));
		return TUI_F_REDRAW;
	}
}

void tui_session_picker_draw(struct tui_session *s)
{
	struct tui_picker *p = s->picker;
	struct tui_rect a = s->area;
	/* Small: at most 8 rows of templates, inside the session's body. */
	int rows = (int)p->n < 8 ? (int)p->n : 8;
	if (rows > a.h - 6)
		rows = a.h - 6;
	if (rows < 1)
		return;
	int w = a.w - 4 < 56 ? a.w - 4 : 56;
	struct tui_rect r = {a.y + 2, a.x + (a.w - w) / 2, rows + 2, w};
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)rows)
		p->top = p->sel - (size_t)rows + 1;
	tui_draw_clear(r);
	char title[64];
	snprintf(title, sizeof(title), "Templates (%zu)", p->n);
	tui_draw_box(r, title, true);
	for (int i = 0; i < rows && p->top + (size_t)i < p->n; i++) {
		const struct im_template *t = &p->list[p->top + (size_t)i];
		char line[512];
		/* The name, then the subject as written ({variables} and all). */
		tui_text_format(line, sizeof(line), "%s %s %s", t->name,
				tui_text_glyph("·", "-"), t->subject);
		int sel = p->top + (size_t)i == p->sel ? A_REVERSE : 0;
		tui_draw_text(r.y + 1 + i, r.x + 1, w - 2, line, TUI_ST_NORMAL,
			      sel, true);
	}
	s->cur_shown = false;
}
