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
		int lw = a.w * 9 / 20;
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

bool tui_rect_has(struct tui_rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}
