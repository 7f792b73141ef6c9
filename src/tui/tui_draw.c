/* Drawing primitives (see tui_draw.h). */
#include "tui_draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inmail/text.h"
#include "tui_curses.h"
#include "tui_text.h"

static int styles[TUI_ST_COUNT];

/* Every drawn element by its stable name, with its default look: the
 * colours when the terminal has them, and the attributes that carry the
 * meaning without colour (NO_COLOR); mono, when not NULL, replaces the
 * spec's attributes without colour (the system line is dim only then). */
static const struct {
	const char *name, *spec, *mono;
} style_defaults[TUI_ST_COUNT] = {
	[TUI_ST_NORMAL] = {"normal", "default default", NULL},
	[TUI_ST_HEADER] = {"header", "white blue reverse bold", NULL},
	[TUI_ST_HEADER_OFF] = {"header-off", "default default reverse dim", NULL},
	[TUI_ST_TITLE] = {"title", "default default", NULL},
	[TUI_ST_TITLE_FOCUS] = {"title-focus", "default default bold", NULL},
	[TUI_ST_SELECTED] = {"selected", "default default reverse", NULL},
	[TUI_ST_UNREAD] = {"unread", "default default bold", NULL},
	[TUI_ST_PENDING] = {"pending", "yellow default", NULL},
	[TUI_ST_ACCEPTED] = {"accepted", "green default", NULL},
	[TUI_ST_DECLINED] = {"declined", "red default", NULL},
	[TUI_ST_BLOCKED] = {"blocked", "magenta default bold", NULL},
	[TUI_ST_SYSTEM] = {"system", "cyan default", "dim"},
	[TUI_ST_BUTTON] = {"button", "default default", NULL},
	[TUI_ST_BUTTON_ON] = {"button-on", "white blue reverse bold", NULL},
	[TUI_ST_BUTTON_CURSOR] = {"button-cursor", "default default underline",
				  NULL},
	[TUI_ST_HINT] = {"hint", "default default dim", NULL},
	[TUI_ST_NOTE] = {"note", "green default bold", NULL},
	[TUI_ST_ERROR] = {"error", "red default bold", NULL},
	[TUI_ST_DIM] = {"dim", "default default dim", NULL},
};

/* The specs in force; "" is the default. */
static char style_specs[TUI_ST_COUNT][96];

struct style_look {
	short fg, bg; /* -1: the terminal's default */
	int attrs;
};

static bool style_word(const char *w, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(w, name, n) == 0;
}

/* A colour word: -1 for default, 0-255; -2 when it is none. */
static int style_colour(const char *w, size_t n)
{
	static const char *const names[] = {"black", "red", "green", "yellow",
					    "blue", "magenta", "cyan", "white"};
	if (style_word(w, n, "default"))
		return -1;
	for (int i = 0; i < 8; i++)
		if (style_word(w, n, names[i]))
			return i;
	if (n > 5 && n <= 8 && strncasecmp(w, "color", 5) == 0) {
		int v = 0;
		for (size_t i = 5; i < n; i++) {
			if (w[i] < '0' || w[i] > '9')
				return -2;
			v = v * 10 + (w[i] - '0');
		}
		return v <= 255 ? v : -2;
	}
	return -2;
}

static int style_attr(const char *w, size_t n)
{
	static const struct {
		const char *name;
		int attr;
	} attrs[] = {
		{"bold", A_BOLD}, {"dim", A_DIM}, {"underline", A_UNDERLINE},
		{"reverse", A_REVERSE}, {"standout", A_STANDOUT},
		{"blink", A_BLINK}, {"italic", A_ITALIC}, {"normal", 0},
		{"none", 0},
	};
	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		if (style_word(w, n, attrs[i].name))
			return attrs[i].attr;
	return -1;
}

/* Parses spec; NULL on success, else why, with the word at fault in
 * *bad (*bad_len bytes). */
static const char *style_parse(const char *spec, struct style_look *out,
			       const char **bad, size_t *bad_len)
{
	*out = (struct style_look){-1, -1, 0};
	int colours = 0;
	const char *p = spec ? spec : "";
	*bad = p;
	*bad_len = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		const char *w = p;
		size_t n = strcspn(w, " \t");
		p = w + n;
		*bad = w;
		*bad_len = n;
		int c = style_colour(w, n);
		if (c != -2) {
			if (colours == 2)
				return "a third colour (FG BG, then attributes)";
			if (colours++ == 0)
				out->fg = (short)c;
			else
				out->bg = (short)c;
			continue;
		}
		int a = style_attr(w, n);
		if (a < 0)
			return "not a colour (default, black, red, green, yellow, "
			       "blue, magenta, cyan, white, color0-color255) nor "
			       "an attribute (bold, dim, underline, reverse, "
			       "standout, blink, italic, normal)";
		out->attrs |= a;
	}
	if (out->fg >= 0 && out->fg == out->bg) {
		*bad = spec;
		*bad_len = strlen(spec);
		return "the text's colour on its own background would not show";
	}
	return NULL;
}

static int style_index(const char *element)
{
	for (int i = 0; element && i < TUI_ST_COUNT; i++)
		if (strcmp(style_defaults[i].name, element) == 0)
			return i;
	return -1;
}

enum tui_draw_status tui_draw_set_style(const char *element, const char *spec,
					char **err)
{
	if (err)
		*err = NULL;
	int i = style_index(element);
	if (i < 0) {
		if (err && asprintf(err, "no drawn element '%s' (see "
				    "inmail-config(5))", element ? element : "") < 0)
			*err = NULL;
		return TUI_DRAW_NO_ELEMENT;
	}
	struct style_look look;
	const char *bad;
	size_t bad_len;
	const char *why = style_parse(spec, &look, &bad, &bad_len);
	if (why) {
		bool conflict = strncmp(why, "a third", 7) == 0 ||
				strncmp(why, "the text", 8) == 0;
		if (err && asprintf(err, "%s: '%.*s': %s", element, (int)bad_len,
				    bad, why) < 0)
			*err = NULL;
		return conflict ? TUI_DRAW_CONFLICT : TUI_DRAW_BAD_SPEC;
	}
	if (strlen(spec) >= sizeof(style_specs[i])) {
		if (err && asprintf(err, "%s: the spec is too long", element) < 0)
			*err = NULL;
		return TUI_DRAW_BAD_SPEC;
	}
	snprintf(style_specs[i], sizeof(style_specs[i]), "%s", spec);
	return TUI_DRAW_OK;
}

void tui_draw_reset_styles(void)
{
	memset(style_specs, 0, sizeof(style_specs));
}

void tui_draw_each_style(void (*fn)(void *arg, const char *element,
				    const char *defaults, const char *now),
			 void *arg)
{
	for (int i = 0; i < TUI_ST_COUNT; i++)
		fn(arg, style_defaults[i].name, style_defaults[i].spec,
		   style_specs[i][0] ? style_specs[i] : style_defaults[i].spec);
}

void tui_draw_init(bool color)
{
	if (color) {
		start_color();
		use_default_colors();
	}
	short pair = 1;
	for (int i = 0; i < TUI_ST_COUNT; i++) {
		bool set = style_specs[i][0] != '\0';
		const char *spec = set ? style_specs[i] : style_defaults[i].spec;
		struct style_look look, mono;
		const char *bad;
		size_t bad_len;
		if (style_parse(spec, &look, &bad, &bad_len))
			look = (struct style_look){-1, -1, 0};
		styles[i] = look.attrs;
		if (!color) {
			/* NO_COLOR: the attributes alone carry the meaning. */
			if (!set && style_defaults[i].mono &&
			    !style_parse(style_defaults[i].mono, &mono, &bad,
					 &bad_len))
				styles[i] = mono.attrs;
			continue;
		}
		if (look.fg == -1 && look.bg == -1)
			continue;
		if (pair < COLOR_PAIRS &&
		    init_pair(pair, look.fg, look.bg) == OK)
			styles[i] |= COLOR_PAIR(pair++);
	}
}

int tui_draw_attr(enum tui_style st)
{
	return st >= 0 && st < TUI_ST_COUNT ? styles[st] : (int)A_NORMAL;
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
	attr_t a = (attr_t)(tui_draw_attr(st) | extra);
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
