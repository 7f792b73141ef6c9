/* The key table (see tui_keys.h). */
#include "tui_keys.h"

#include "tui_curses.h"
#include "tui_text.h"

#define B TUI_CTX_BROWSE
#define BT TUI_CTX_BUTTONS
#define T TUI_CTX_TEXT
#define D TUI_CTX_DEMO
#define K(c) {(c), false}
#define F(c) {(c), true}

static const struct tui_key keys[] = {
	{{F(KEY_UP), K('k')}, "↑ k", "Up k", TUI_ACT_UP, 0, B, 0,
	 "move up", NULL},
	{{F(KEY_DOWN), K('j')}, "↓ j", "Down j", TUI_ACT_DOWN, 0, B, 0,
	 "move down", "move"},
	{{F(KEY_PPAGE)}, "PgUp", NULL, TUI_ACT_PAGE_UP, 0, B, 0,
	 "page up", NULL},
	{{F(KEY_NPAGE)}, "PgDn", NULL, TUI_ACT_PAGE_DOWN, 0, B, 0,
	 "page down", NULL},
	{{F(KEY_HOME), K('g')}, "Home g", NULL, TUI_ACT_HOME, 0, B, 0,
	 "first row", NULL},
	{{F(KEY_END), K('G')}, "End G", NULL, TUI_ACT_END, 0, B, 0,
	 "last row", NULL},
	{{K('\n'), K('\r'), F(KEY_ENTER)}, "Enter", NULL, TUI_ACT_OPEN, 0, B, 0,
	 "open", "open"},
	{{K('\t')}, "Tab", NULL, TUI_ACT_NEXT_PANE, 0, B, 0,
	 "next pane", NULL},
	{{F(KEY_BTAB)}, "Shift-Tab", NULL, TUI_ACT_PREV_PANE, 0, B, 0,
	 "previous pane", NULL},
	{{K('1')}, "1-5", NULL, TUI_ACT_FOLDER, 1, B, 0,
	 "folder 1-5 (see the list)",
	 NULL},
	{{K('2')}, NULL, NULL, TUI_ACT_FOLDER, 2, B, 0, NULL, NULL},
	{{K('3')}, NULL, NULL, TUI_ACT_FOLDER, 3, B, 0, NULL, NULL},
	{{K('4')}, NULL, NULL, TUI_ACT_FOLDER, 4, B, 0, NULL, NULL},
	{{K('5')}, NULL, NULL, TUI_ACT_FOLDER, 5, B, 0, NULL, NULL},
	{{K('r')}, "r", NULL, TUI_ACT_REPLY, 0, B,
	 TUI_NEED_THREAD | TUI_NEED_CAN_REPLY, "reply in the thread", "reply"},
	{{K('f')}, "f", NULL, TUI_ACT_FOLLOWUP, 0, B,
	 TUI_NEED_THREAD | TUI_NEED_RECRUITER | TUI_NEED_CAN_REPLY |
	 TUI_NEED_PENDING, "follow-up (while pending)", "follow-up"},
	{{K('c')}, "c", NULL, TUI_ACT_NEW_INMAIL, 0, B,
	 TUI_NEED_RECRUITER | TUI_NEED_CREDITS, "new InMail", "new InMail"},
	{{K('a')}, "a", NULL, TUI_ACT_ARCHIVE, 0, B, TUI_NEED_THREAD,
	 "archive / unarchive", "archive"},
	{{K('/')}, "/", NULL, TUI_ACT_SEARCH, 0, B, 0,
	 "search the folder", "search"},
	{{K('y')}, "y", NULL, TUI_ACT_SMART_YES, 0, BT, 0,
	 "choose Yes, interested…", "Yes, interested…"},
	{{K('n')}, "n", NULL, TUI_ACT_SMART_NO, 0, BT, 0,
	 "choose No thanks", "No thanks"},
	{{K('x')}, "x", NULL, TUI_ACT_SMART_CLEAR, 0, BT, 0,
	 "clear the choice", "clear"},
	{{F(KEY_LEFT)}, "←", "Left", TUI_ACT_BUTTON_PREV, 0, BT, 0,
	 "previous button", NULL},
	{{F(KEY_RIGHT)}, "→", "Right", TUI_ACT_BUTTON_NEXT, 0, BT, 0,
	 "next button", NULL},
	{{K(' ')}, "Space", NULL, TUI_ACT_BUTTON_PRESS, 0, BT, 0,
	 "press the button", NULL},
	{{K('\t'), K('\n'), K('\r'), F(KEY_ENTER)}, "Tab Enter", NULL,
	 TUI_ACT_INTO_BOX, 0, BT, 0, "into the text box", "edit"},
	{{F(KEY_BTAB)}, "Shift-Tab", NULL, TUI_ACT_PREV_PANE, 0, T, 0,
	 "back to the buttons", NULL},
	{{K('\t')}, "Tab", NULL, TUI_ACT_NEXT_PANE, 0, T, 0,
	 "next field", NULL},
	{{K(TUI_CTRL('s'))}, "Ctrl-S", NULL, TUI_ACT_SEND, 0, BT | T, 0,
	 "send", "send"},
	{{K(TUI_CTRL('e'))}, "Ctrl-E", NULL, TUI_ACT_EDITOR, 0, BT | T, 0,
	 "draft in $EDITOR", "$EDITOR"},
	{{K(27)}, "Esc", NULL, TUI_ACT_BACK, 0, B | BT | T, 0,
	 "back (drafts are kept)", "back"},
	{{K('?')}, "?", NULL, TUI_ACT_HELP, 0, B | BT, 0, "this help", "help"},
	{{K('q'), K(TUI_CTRL('c'))}, "q", NULL, TUI_ACT_QUIT, 0, B | BT, 0,
	 "quit", "quit"},
	{{K(TUI_CTRL('c'))}, "Ctrl-C", NULL, TUI_ACT_QUIT, 0, T, 0,
	 "quit (drafts are kept)", NULL},
	{{K(TUI_CTRL('w'))}, "Ctrl-W", NULL, TUI_ACT_DEMO_SWITCH, 0, D, 0,
	 "demo: other pane", NULL},
	{{F(KEY_F(9))}, "F9", NULL, TUI_ACT_DEMO_DAY, 0, D, 0,
	 "demo: clock +1 day", NULL},
	/* The guide's own line names it; only demo --guide acts on it. */
	{{F(KEY_F(10))}, "F10", NULL, TUI_ACT_DEMO_GUIDE, 0, D, 0, NULL, NULL},
};

const struct tui_key *tui_keys_find(unsigned ctx, int code, bool fn)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!(keys[i].ctx & ctx))
			continue;
		for (size_t j = 0; j < 4 && keys[i].keys[j].code; j++)
			if (keys[i].keys[j].code == code &&
			    keys[i].keys[j].fn == fn)
				return &keys[i];
	}
	return NULL;
}

const struct tui_key *tui_keys_table(size_t *n)
{
	*n = sizeof(keys) / sizeof(keys[0]);
	return keys;
}

const char *tui_keys_name(const struct tui_key *k)
{
	if (!k->name)
		return NULL;
	return tui_text_glyph(k->name, k->name_ascii ? k->name_ascii : k->name);
}
