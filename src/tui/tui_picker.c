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

void tui_picker_draw(struct tui_picker *p, struct tui_rect a)
{
	/* Small: at most 8 rows of templates, inside the area's body. */
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
}
