/* Keys are data: one table from key to action, with the context it works
 * in and what it needs; the footer hints and the '?' help overlay are made
 * from the same table (neomutt's index/functions.c). */
#ifndef TUI_KEYS_H
#define TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum tui_action {
	TUI_ACT_NONE = 0,
	TUI_ACT_UP,
	TUI_ACT_DOWN,
	TUI_ACT_PAGE_UP,
	TUI_ACT_PAGE_DOWN,
	TUI_ACT_HOME,
	TUI_ACT_END,
	TUI_ACT_OPEN,
	TUI_ACT_NEXT_PANE,
	TUI_ACT_PREV_PANE,
	TUI_ACT_FOLDER, /* arg: folder number 1..5 */
	TUI_ACT_REPLY,
	TUI_ACT_FOLLOWUP,
	TUI_ACT_NEW_INMAIL,
	TUI_ACT_ARCHIVE,
	TUI_ACT_SEARCH,
	TUI_ACT_SMART_YES,
	TUI_ACT_SMART_NO,
	TUI_ACT_SMART_CLEAR,
	TUI_ACT_BUTTON_PREV,
	TUI_ACT_BUTTON_NEXT,
	TUI_ACT_BUTTON_PRESS,
	TUI_ACT_INTO_BOX,
	TUI_ACT_SEND,
	TUI_ACT_EDITOR,
	TUI_ACT_BACK,
	TUI_ACT_QUIT,
	TUI_ACT_HELP,
	TUI_ACT_DEMO_SWITCH,
	TUI_ACT_DEMO_DAY,
	TUI_ACT_DEMO_GUIDE, /* F10: hides the guided demo's line */
};

/* Where a binding works. */
enum tui_key_ctx {
	TUI_CTX_BROWSE = 1 << 0,  /* folders, list, conversation */
	TUI_CTX_BUTTONS = 1 << 1, /* the smart-reply buttons */
	TUI_CTX_TEXT = 1 << 2,    /* a text box: printable keys type */
	TUI_CTX_DEMO = 1 << 3,    /* the demo, whatever pane has the keys */
};

/* What an action needs before it runs; the session checks and says why
 * not. */
enum tui_key_need {
	TUI_NEED_NOTHING = 0,
	TUI_NEED_THREAD = 1 << 0,    /* a selected or open thread */
	TUI_NEED_RECRUITER = 1 << 1, /* the session is a recruiter's */
	TUI_NEED_CAN_REPLY = 1 << 2, /* the model lets this account write */
	TUI_NEED_PENDING = 1 << 3,   /* the InMail awaits its response */
	TUI_NEED_CREDITS = 1 << 4,   /* a credit for a new InMail */
};

#define TUI_CTRL(c) ((c) & 0x1f)

struct tui_keycode {
	int code;  /* a character, or a curses KEY_* when fn */
	bool fn;
};

struct tui_key {
	struct tui_keycode keys[4]; /* code 0 ends the list */
	const char *name;       /* as shown, UTF-8 */
	const char *name_ascii; /* for ASCII terminals, NULL when the same */
	enum tui_action action;
	int arg;
	unsigned ctx;  /* enum tui_key_ctx bits */
	unsigned need; /* enum tui_key_need bits */
	const char *help; /* one line for the help overlay */
	const char *hint; /* short footer label, NULL if not in the footer */
};

/* The binding for a key in a context, or NULL. */
const struct tui_key *tui_keys_find(unsigned ctx, int code, bool fn);

/* The whole table, in help order. */
const struct tui_key *tui_keys_table(size_t *n);

/* The key's name for the current output (UTF-8 or ASCII). */
const char *tui_keys_name(const struct tui_key *k);

#endif
