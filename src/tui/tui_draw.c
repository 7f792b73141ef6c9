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

/* Box lines as the four directions a cell's line leaves it by, so boxes
 * that share an edge merge into junctions (┬ ├ ┼) instead of doubling it. */
enum { LINE_UP = 1, LINE_DOWN = 2, LINE_LEFT = 4, LINE_RIGHT = 8 };

static const wchar_t draw_line_glyphs[16] = {
	[LINE_UP] = L'│', [LINE_DOWN] = L'│', [LINE_UP | LINE_DOWN] = L'│',
	[LINE_LEFT] = L'─', [LINE_RIGHT] = L'─', [LINE_LEFT | LINE_RIGHT] = L'─',
	[LINE_DOWN | LINE_RIGHT] = L'┌', [LINE_DOWN | LINE_LEFT] = L'┐',
	[LINE_UP | LINE_RIGHT] = L'└', [LINE_UP | LINE_LEFT] = L'┘',
	[LINE_UP | LINE_DOWN | LINE_RIGHT] = L'├',
	[LINE_UP | LINE_DOWN | LINE_LEFT] = L'┤',
	[LINE_DOWN | LINE_LEFT | LINE_RIGHT] = L'┬',
	[LINE_UP | LINE_LEFT | LINE_RIGHT] = L'┴',
	[LINE_UP | LINE_DOWN | LINE_LEFT | LINE_RIGHT] = L'┼',
};

/* The directions of the line glyph at (y, x), 0 when it holds none. */
static unsigned draw_line_at(int y, int x)
{
	cchar_t cc;
	wchar_t wc[CCHARW_MAX + 1];
	attr_t attrs;
	short pair;
	if (mvin_wch(y, x, &cc) == ERR ||
	    getcchar(&cc, wc, &attrs, &pair, NULL) == ERR || !wc[0] || wc[1])
		return 0;
	for (unsigned bits = 1; bits < 16; bits++)
		if (draw_line_glyphs[bits] == wc[0])
			return bits == LINE_UP || bits == LINE_DOWN
				? LINE_UP | LINE_DOWN
				: bits == LINE_LEFT || bits == LINE_RIGHT
				? LINE_LEFT | LINE_RIGHT : bits;
	return 0;
}

/* Puts the line glyph for bits at (y, x), merged with a line already
 * there.  Unicode glyphs rather than the alternate character set: each
 * costs three bytes instead of a charset switch and back.  Edges are
 * always plain: two panes may share one, and a row redrawn beside it then
 * needs no change of attributes. */
static void draw_line_put(int y, int x, unsigned bits)
{
	if (!tui_text_utf8()) {
		chtype old = mvinch(y, x) & A_CHARTEXT;
		chtype c = bits == (LINE_LEFT | LINE_RIGHT) ? '-'
			 : bits == (LINE_UP | LINE_DOWN) ? '|' : '+';
		if ((old == '-' || old == '|' || old == '+') && old != c)
			c = '+';
		mvaddch(y, x, c);
		return;
	}
	wchar_t wc[2] = {draw_line_glyphs[bits | draw_line_at(y, x)], L'\0'};
	cchar_t cc;
	setcchar(&cc, wc, A_NORMAL, 0, NULL);
	mvadd_wch(y, x, &cc);
}

void tui_draw_box(struct tui_rect r, const char *title, bool focus)
{
	if (r.w < 2 || r.h < 2)
		return;
	int bottom = r.y + r.h - 1, right = r.x + r.w - 1;
	for (int x = r.x + 1; x < right; x++) {
		draw_line_put(r.y, x, LINE_LEFT | LINE_RIGHT);
		draw_line_put(bottom, x, LINE_LEFT | LINE_RIGHT);
	}
	for (int y = r.y + 1; y < bottom; y++) {
		draw_line_put(y, r.x, LINE_UP | LINE_DOWN);
		draw_line_put(y, right, LINE_UP | LINE_DOWN);
	}
	draw_line_put(r.y, r.x, LINE_DOWN | LINE_RIGHT);
	draw_line_put(r.y, right, LINE_DOWN | LINE_LEFT);
	draw_line_put(bottom, r.x, LINE_UP | LINE_RIGHT);
	draw_line_put(bottom, right, LINE_UP | LINE_LEFT);
	/* Focus shows in the title, in reverse video. */
	if (title && *title && r.w > 6) {
		enum tui_style st = focus ? TUI_ST_TITLE_FOCUS : TUI_ST_TITLE;
		int extra = focus ? A_REVERSE : 0;
		tui_draw_text(r.y, r.x + 1, 1, " ", st, extra, false);
		int used = tui_draw_text(r.y, r.x + 2, r.w - 5, title, st, extra,
					 false);
		tui_draw_text(r.y, r.x + 2 + used, 1, " ", st, extra, false);
	}
}
