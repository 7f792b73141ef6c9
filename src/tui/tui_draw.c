/* Drawing primitives (see tui_draw.h). */
#include "tui_draw.h"

#include <stdlib.h>
#include <string.h>

#include "inmail/text.h"
#include "tui_curses.h"
#include "tui_text.h"

static int styles[TUI_ST_COUNT];

void tui_draw_init(bool color)
{
	/* Attributes that carry the meaning without colour (NO_COLOR). */
	styles[TUI_ST_NORMAL] = A_NORMAL;
	styles[TUI_ST_HEADER] = A_REVERSE | A_BOLD;
	styles[TUI_ST_HEADER_OFF] = A_REVERSE | A_DIM;
	styles[TUI_ST_TITLE] = A_NORMAL;
	styles[TUI_ST_TITLE_FOCUS] = A_BOLD;
	styles[TUI_ST_SELECTED] = A_REVERSE;
	styles[TUI_ST_UNREAD] = A_BOLD;
	styles[TUI_ST_PENDING] = A_NORMAL;
	styles[TUI_ST_ACCEPTED] = A_NORMAL;
	styles[TUI_ST_DECLINED] = A_NORMAL;
	styles[TUI_ST_BLOCKED] = A_BOLD;
	styles[TUI_ST_SYSTEM] = A_DIM;
	styles[TUI_ST_BUTTON] = A_NORMAL;
	styles[TUI_ST_BUTTON_ON] = A_REVERSE | A_BOLD;
	styles[TUI_ST_BUTTON_CURSOR] = A_UNDERLINE;
	styles[TUI_ST_HINT] = A_DIM;
	styles[TUI_ST_NOTE] = A_BOLD;
	styles[TUI_ST_ERROR] = A_BOLD;
	styles[TUI_ST_DIM] = A_DIM;
	if (!color)
		return;
	start_color();
	use_default_colors();
	static const struct {
		enum tui_style st;
		short fg, bg;
	} pairs[] = {
		{TUI_ST_HEADER, COLOR_WHITE, COLOR_BLUE},
		{TUI_ST_PENDING, COLOR_YELLOW, -1},
		{TUI_ST_ACCEPTED, COLOR_GREEN, -1},
		{TUI_ST_DECLINED, COLOR_RED, -1},
		{TUI_ST_BLOCKED, COLOR_MAGENTA, -1},
		{TUI_ST_SYSTEM, COLOR_CYAN, -1},
		{TUI_ST_BUTTON_ON, COLOR_WHITE, COLOR_BLUE},
		{TUI_ST_NOTE, COLOR_GREEN, -1},
		{TUI_ST_ERROR, COLOR_RED, -1},
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		init_pair((short)(i + 1), pairs[i].fg, pairs[i].bg);
		styles[pairs[i].st] |= COLOR_PAIR((int)(i + 1));
	}
	styles[TUI_ST_SYSTEM] &= ~A_DIM;
}

int tui_draw_attr(enum tui_style st)
{
	return styles[st];
}

int tui_draw_shown(int y, int x, int w, const char *shown, enum tui_style st,
		   int extra, bool pad)
{
	if (w <= 0)
		return 0;
	size_t n = strlen(shown) + (size_t)w + 8;
	char *buf = malloc(n);
	if (!buf)
		return 0;
	size_t used = im_text_fit(shown, (size_t)w, pad, true, buf, n);
	attr_t a = (attr_t)(styles[st] | extra);
	attron(a);
	mvaddstr(y, x, buf);
	attroff(a);
	free(buf);
	return (int)used;
}

int tui_draw_text(int y, int x, int w, const char *raw, enum tui_style st,
		  int extra, bool pad)
{
	char *shown = tui_text_show(raw, false);
	if (!shown)
		return 0;
	int used = tui_draw_shown(y, x, w, shown, st, extra, pad);
	free(shown);
	return used;
}

void tui_draw_clear(struct tui_rect r)
{
	for (int y = r.y; y < r.y + r.h; y++)
		mvhline(y, r.x, ' ', r.w);
}

void tui_draw_box(struct tui_rect r, const char *title, bool focus)
{
	if (r.w < 2 || r.h < 2)
		return;
	attr_t a = focus ? A_BOLD : A_NORMAL;
	attron(a);
	mvhline(r.y, r.x + 1, ACS_HLINE, r.w - 2);
	mvhline(r.y + r.h - 1, r.x + 1, ACS_HLINE, r.w - 2);
	mvvline(r.y + 1, r.x, ACS_VLINE, r.h - 2);
	mvvline(r.y + 1, r.x + r.w - 1, ACS_VLINE, r.h - 2);
	mvaddch(r.y, r.x, ACS_ULCORNER);
	mvaddch(r.y, r.x + r.w - 1, ACS_URCORNER);
	mvaddch(r.y + r.h - 1, r.x, ACS_LLCORNER);
	mvaddch(r.y + r.h - 1, r.x + r.w - 1, ACS_LRCORNER);
	attroff(a);
	if (title && *title && r.w > 6) {
		mvaddch(r.y, r.x + 1, ' ');
		int used = tui_draw_text(r.y, r.x + 2, r.w - 5, title,
					 focus ? TUI_ST_TITLE_FOCUS : TUI_ST_TITLE,
					 0, false);
		mvaddch(r.y, r.x + 2 + used, ' ');
	}
}
