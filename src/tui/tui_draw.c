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
	size_t used;
	if (tui_text_utf8() || im_text_width(shown) <= (size_t)w) {
		used = im_text_fit(shown, (size_t)w, pad, tui_text_utf8(), buf, n);
	} else {
		/* The ellipsis is not ASCII: a '~' marks the cut instead. */
		used = im_text_fit(shown, (size_t)w - 1, false, false, buf, n);
		size_t len = strlen(buf);
		buf[len] = '~';
		buf[len + 1] = '\0';
		used++;
	}
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
	/* Line drawing in UTF-8; plain ASCII where the locale is not, since
	 * the terminal's alternate character set may be missing too. */
	bool u = tui_text_utf8();
	chtype h = u ? ACS_HLINE : '-', v = u ? ACS_VLINE : '|';
	chtype c = '+';
	attron(a);
	mvhline(r.y, r.x + 1, h, r.w - 2);
	mvhline(r.y + r.h - 1, r.x + 1, h, r.w - 2);
	mvvline(r.y + 1, r.x, v, r.h - 2);
	mvvline(r.y + 1, r.x + r.w - 1, v, r.h - 2);
	mvaddch(r.y, r.x, u ? ACS_ULCORNER : c);
	mvaddch(r.y, r.x + r.w - 1, u ? ACS_URCORNER : c);
	mvaddch(r.y + r.h - 1, r.x, u ? ACS_LLCORNER : c);
	mvaddch(r.y + r.h - 1, r.x + r.w - 1, u ? ACS_LRCORNER : c);
	attroff(a);
	if (title && *title && r.w > 6) {
		mvaddch(r.y, r.x + 1, ' ');
		int used = tui_draw_text(r.y, r.x + 2, r.w - 5, title,
					 focus ? TUI_ST_TITLE_FOCUS : TUI_ST_TITLE,
					 0, false);
		mvaddch(r.y, r.x + 2 + used, ' ');
	}
}
