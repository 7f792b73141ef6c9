/* The template picker (see tui_picker.h). */
#include "tui_picker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_curses.h"
#include "tui_draw.h"
#include "tui_text.h"

struct tui_picker {
	struct im_template *list;
	size_t n;
	size_t sel;
	size_t top;
	/* The selected one's variables being asked (tui_picker_ask). */
	char **names;
	struct tui_edit *values;
	struct im_render_var *vars;
	size_t n_vars;
	size_t at;
};

struct tui_picker *tui_picker_new(struct im_template *list, size_t n,
				  const char *selected)
{
	struct tui_picker *p = calloc(1, sizeof(*p));
	if (!p) {
		im_templates_free(&list, n);
		return NULL;
	}
	p->list = list;
	p->n = n;
	for (size_t i = 0; selected && i < n; i++)
		if (strcmp(list[i].name, selected) == 0)
			p->sel = i;
	return p;
}

void tui_picker_free(struct tui_picker **p)
{
	if (!p || !*p)
		return;
	im_templates_free(&(*p)->list, (*p)->n);
	for (size_t i = 0; i < (*p)->n_vars; i++) {
		free((*p)->names[i]);
		tui_edit_free(&(*p)->values[i]);
	}
	free((*p)->names);
	free((*p)->values);
	free((*p)->vars);
	free(*p);
	*p = NULL;
}

void tui_picker_move(struct tui_picker *p, long delta)
{
	long sel = (long)p->sel + delta;
	p->sel = sel < 0 ? 0 : sel >= (long)p->n ? p->n - 1 : (size_t)sel;
}

size_t tui_picker_count(const struct tui_picker *p)
{
	return p->n;
}

const char *tui_picker_selected(const struct tui_picker *p)
{
	return p->list[p->sel].name;
}

bool tui_picker_ask(struct tui_picker *p, char **names, size_t n)
{
	p->values = calloc(n, sizeof *p->values);
	p->vars = calloc(n, sizeof *p->vars);
	size_t ok = 0;
	while (p->values && p->vars && ok < n && tui_edit_init(&p->values[ok]))
		ok++;
	if (ok < n) {
		for (size_t i = 0; i < ok; i++)
			tui_edit_free(&p->values[i]);
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		free(p->values);
		free(p->vars);
		p->values = NULL;
		p->vars = NULL;
		return false;
	}
	p->names = names;
	p->n_vars = n;
	p->at = 0;
	return true;
}

bool tui_picker_asking(const struct tui_picker *p)
{
	return p->n_vars > 0;
}

struct tui_edit *tui_picker_field(struct tui_picker *p)
{
	return &p->values[p->at];
}

const char *tui_picker_field_name(const struct tui_picker *p)
{
	return p->names[p->at];
}

bool tui_picker_field_move(struct tui_picker *p, int delta)
{
	long at = (long)p->at + delta;
	if (at < 0 || at >= (long)p->n_vars)
		return false;
	p->at = (size_t)at;
	return true;
}

const char *tui_picker_to_unanswered(struct tui_picker *p)
{
	for (size_t i = 0; i < p->n_vars; i++)
		if (tui_edit_empty(&p->values[i])) {
			p->at = i;
			return p->names[i];
		}
	return NULL;
}

const struct im_render_var *tui_picker_values(struct tui_picker *p,
					      size_t *n)
{
	for (size_t i = 0; i < p->n_vars; i++)
		p->vars[i] = (struct im_render_var){p->names[i],
						    p->values[i].buf};
	*n = p->n_vars;
	return p->vars;
}

/* The questions: one line a variable, its value underlined. */
static bool draw_questions(struct tui_picker *p, struct tui_rect a, int *cy,
			   int *cx)
{
	int rows = (int)p->n_vars < 8 ? (int)p->n_vars : 8;
	if (rows > a.h - 6)
		rows = a.h - 6;
	if (rows < 1)
		return false;
	int w = a.w - 4 < 56 ? a.w - 4 : 56;
	struct tui_rect r = {a.y + 2, a.x + (a.w - w) / 2, rows + 2, w};
	size_t top = p->at >= (size_t)rows ? p->at - (size_t)rows + 1 : 0;
	tui_draw_clear(r);
	char title[96];
	tui_text_format(title, sizeof(title), "%s: values for this InMail",
			p->list[p->sel].name);
	tui_draw_box(r, title, true);
	bool shown = false;
	for (int i = 0; i < rows && top + (size_t)i < p->n_vars; i++) {
		size_t k = top + (size_t)i;
		char label[80];
		tui_text_format(label, sizeof(label), "{%s} ", p->names[k]);
		int y = r.y + 1 + i, x = r.x + 1, fw = w - 2;
		int lw = tui_draw_text(y, x, fw, label, k == p->at
				       ? TUI_ST_TITLE_FOCUS : TUI_ST_TITLE, 0,
				       false);
		if (fw - lw < 2)
			continue;
		/* Scrolled so the cursor stays in view, as a form's field. */
		struct tui_edit *e = &p->values[k];
		size_t start = 0;
		while (k == p->at && tui_text_span_width(e->buf + start,
			e->cur - start) > fw - lw - 1)
			start += tui_text_cluster(e->buf + start, e->len - start);
		tui_draw_text(y, x + lw, fw - lw, e->buf + start, TUI_ST_NORMAL,
			      A_UNDERLINE, true);
		if (k == p->at) {
			*cy = y;
			*cx = x + lw + tui_text_span_width(e->buf + start,
							   e->cur - start);
			shown = true;
		}
	}
	return shown;
}

bool tui_picker_draw(struct tui_picker *p, struct tui_rect a, int *cy,
		     int *cx)
{
	if (p->n_vars)
		return draw_questions(p, a, cy, cx);
	/* Small: at most 8 rows of templates, inside the area's body. */
	int rows = (int)p->n < 8 ? (int)p->n : 8;
	if (rows > a.h - 6)
		rows = a.h - 6;
	if (rows < 1)
		return false;
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
	return false;
}
