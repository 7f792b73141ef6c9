/* Layout math (see tui_layout.h). */
#include "tui_layout.h"

#include <string.h>

/* Neighbouring panes share their edge: each rectangle below overlaps the
 * next by one column or row, and the boxes merge there into junctions. */
#define LAYOUT_FOLDERS_W 22
#define LAYOUT_COLUMNS_MIN_W 96
/* Below this the conversation (11/20 of the width) is too narrow for the
 * two smart-reply buttons side by side, so panes stack instead. */
#define LAYOUT_SPLIT_MIN_W 76
/* The conversation's narrowest with the buttons side by side. */
#define LAYOUT_CONV_MIN_W 41

static struct tui_rect rect(int y, int x, int h, int w)
{
	struct tui_rect r = {y, x, h > 0 ? h : 0, w > 0 ? w : 0};
	return r;
}

void tui_layout_compute(struct tui_rect a, int n_folders, bool thread_view,
			struct tui_layout *o)
{
	memset(o, 0, sizeof(*o));
	o->header = rect(a.y, a.x, 1, a.w);
	o->footer = rect(a.y + a.h - 1, a.x, 1, a.w);
	int by = a.y + 1, bh = a.h - 2;
	int fh = n_folders + 2; /* rows plus the box */
	if (a.w >= LAYOUT_COLUMNS_MIN_W) {
		o->mode = TUI_LAYOUT_COLUMNS;
		/* The conversation gets the larger share: it holds the
		 * buttons and the text box. */
		int lw = (a.w - LAYOUT_FOLDERS_W + 1) * 4 / 9;
		int lx = a.x + LAYOUT_FOLDERS_W - 1, cx = lx + lw - 1;
		o->folders = rect(by, a.x, bh, LAYOUT_FOLDERS_W);
		o->list = rect(by, lx, bh, lw);
		o->conv = rect(by, cx, bh, a.x + a.w - cx);
		o->show_folders = o->show_list = o->show_conv = true;
	} else if (a.w >= LAYOUT_SPLIT_MIN_W) {
		o->mode = TUI_LAYOUT_SPLIT;
		/* The list as wide as a 40-column demo half, where the
		 * conversation keeps room for its buttons (40 columns). */
		int lw = a.w * 9 / 20;
		int half = a.w / 2 < a.w - LAYOUT_CONV_MIN_W + 1
			? a.w / 2 : a.w - LAYOUT_CONV_MIN_W + 1;
		if (half > lw)
			lw = half;
		o->folders = rect(by, a.x, fh, lw);
		o->list = rect(by + fh - 1, a.x, bh - fh + 1, lw);
		o->conv = rect(by, a.x + lw - 1, bh, a.w - lw + 1);
		o->show_folders = o->show_list = o->show_conv = true;
	} else {
		o->mode = TUI_LAYOUT_STACK;
		if (thread_view) {
			o->conv = rect(by, a.x, bh, a.w);
			o->show_conv = true;
		} else {
			o->folders = rect(by, a.x, fh, a.w);
			o->list = rect(by + fh - 1, a.x, bh - fh + 1, a.w);
			o->show_folders = o->show_list = true;
		}
	}
}

/* The columns of one try: name, then each shown column after a blank. */
static int row_width(const struct tui_row_cols *c)
{
	int w = c->lead + c->name;
	const int more[] = {c->subject, c->state, c->date, c->days};
	for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++)
		w += more[i] ? more[i] + 1 : 0;
	return w;
}

void tui_layout_row(int w, const struct tui_row_need *need,
		    struct tui_row_cols *out)
{
	memset(out, 0, sizeof(*out));
	out->lead = TUI_ROW_LEAD;
	int when = need->when ? need->when : need->date;
	/* The tries, richest first: both date and days, or one column for
	 * them; a subject when TUI_ROW_SUBJECT_MIN columns are left. */
	const struct tui_row_cols tries[] = {
		{TUI_ROW_LEAD, need->name, 0, need->state, need->date,
		 need->days, false},
		{TUI_ROW_LEAD, need->name, 0, need->state, when, 0,
		 need->days > 0},
	};
	for (size_t i = 0; i < 2; i++) {
		struct tui_row_cols c = tries[i];
		int rest = w - row_width(&c) - 1;
		if (rest >= TUI_ROW_SUBJECT_MIN) {
			c.subject = rest;
			*out = c;
			return;
		}
	}
	/* No room for a subject: the name takes what is left. */
	for (size_t i = 0; i < 2; i++) {
		struct tui_row_cols c = tries[i];
		if (row_width(&c) <= w || i == 1) {
			*out = c;
			break;
		}
	}
	int over = row_width(out) - w;
	if (over > 0)
		out->name = out->name - over > 1 ? out->name - over : 1;
	else
		out->name -= over; /* the rest of the row, to the name */
}

bool tui_rect_has(struct tui_rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}
