/* Keys are data: one table from key to action, each entry with the context
 * it works in, what it needs, its help and its handler; the footer hints,
 * the '?' overlay, the man page and the example config are made from the
 * same table (neomutt's index/functions.c, aerc's binds.conf).  Every
 * action has a stable lowercase name ("quit", "reply", "confirm-yes"), by
 * which a config file rebinds it (SPEC 8: the keys listed replace the
 * action's defaults; Ctrl-C always quits).
 *
 * This file is the machinery (lookup, keyspecs, rebinding, iteration); the
 * table itself, with the handlers beside the entries, is the session's
 * (tui_actions.c).  Nothing here calls a handler. */
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
	TUI_ACT_EXPLAIN,
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
	/* a text box's editing keys */
	TUI_ACT_EDIT_LEFT,
	TUI_ACT_EDIT_RIGHT,
	TUI_ACT_EDIT_UP,
	TUI_ACT_EDIT_DOWN,
	TUI_ACT_EDIT_HOME,
	TUI_ACT_EDIT_END,
	TUI_ACT_EDIT_BACKSPACE,
	TUI_ACT_EDIT_DELETE,
	TUI_ACT_EDIT_NEWLINE,
	/* the answer to a question ("Replace with No thanks? y/n") */
	TUI_ACT_CONFIRM_YES,
	TUI_ACT_CONFIRM_NO,
	TUI_ACT_DEMO_GUIDE, /* F10: hides the guided demo's line */
	TUI_ACT_MARK_UNREAD, /* SPEC 9 */
	TUI_ACT_REPORT,      /* SPEC 9: the report screen */
	TUI_ACT_TEMPLATE,    /* SPEC 9: a template into the new-InMail form */
};

/* Where a binding works. */
enum tui_key_ctx {
	TUI_CTX_BROWSE = 1 << 0,  /* folders, list, conversation */
	TUI_CTX_BUTTONS = 1 << 1, /* the smart-reply buttons */
	TUI_CTX_TEXT = 1 << 2,    /* a text box: printable keys type */
	TUI_CTX_DEMO = 1 << 3,    /* the demo, whatever pane has the keys */
	TUI_CTX_CONFIRM = 1 << 4, /* a question waits for its answer */
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
	TUI_NEED_BUTTONS = 1 << 5,   /* the thread offers smart replies */
	TUI_NEED_ROWS = 1 << 6,      /* in a list: it has a row to act on */
	TUI_NEED_FORM = 1 << 7,      /* the new-InMail form has the keys */
};

/* How an entry shows and binds. */
enum tui_key_flag {
	/* The overlay shows it on the line of the entry before it (1-5,
	 * "← → ↑ ↓"), with that entry's line. */
	TUI_KEY_JOINED = 1 << 0,
	/* Not rebindable: Ctrl-C always quits (SPEC 8). */
	TUI_KEY_FIXED = 1 << 1,
};

/* What a key, a click or a tick did: what the loop has to do next. */
enum tui_flags {
	TUI_F_REDRAW = 1 << 0,
	TUI_F_QUIT = 1 << 1,
	TUI_F_HELP = 1 << 2,   /* show the help overlay */
	TUI_F_EDITOR = 1 << 3, /* run $EDITOR on tui_session_draft_text */
};

#define TUI_CTRL(c) ((c) & 0x1f)
#define TUI_KEYS_MAX 8

struct tui_keycode {
	int code;  /* a character, or a curses KEY_* when fn */
	bool fn;
};

struct tui_key;

/* An action's handler: ctx is what the table's owner passes (the
 * session); returns enum tui_flags bits.  NULL for the loop's own keys
 * (the demo's), which the loop acts on by action. */
typedef unsigned (*tui_key_fn)(void *ctx, const struct tui_key *k);

struct tui_key {
	const char *action_name; /* stable, lowercase: "move-down" */
	const char *defaults;    /* keyspec of the default keys: "Down,j" */
	const char *name;       /* as shown for the defaults, UTF-8 */
	const char *name_ascii; /* for ASCII terminals, NULL when the same */
	enum tui_action action;
	int arg;
	unsigned ctx;  /* enum tui_key_ctx bits */
	unsigned need; /* enum tui_key_need bits */
	const char *help; /* one line for the help overlay and the man page */
	const char *hint; /* short footer label, NULL if not in the footer */
	const char *line; /* a group head: the overlay's line, NULL: help */
	const char *group; /* a group head: its keys as shown while none of
			    * the group is rebound ("1-5"), NULL: joined */
	unsigned flags;   /* enum tui_key_flag bits */
	tui_key_fn run;
	/* The keys in force (parsed from defaults, or rebound); code 0 ends
	 * the list.  Filled by the machinery, not by the table. */
	struct tui_keycode keys[TUI_KEYS_MAX];
	bool rebound;
	char spec[96];        /* the keyspec in force */
	char shown[96];       /* the keys in force as shown, UTF-8 */
	char shown_ascii[96]; /* the same for ASCII terminals */
};

/* The table, defined beside its handlers (tui_actions.c), in help order. */
extern struct tui_key tui_key_table[];
extern const size_t tui_key_table_len;

/* The binding for a key in a context, or NULL. */
const struct tui_key *tui_keys_find(unsigned ctx, int code, bool fn);

/* The whole table, in help order. */
const struct tui_key *tui_keys_table(size_t *n);

/* The entry of an action name ("reply"), or NULL. */
const struct tui_key *tui_keys_by_name(const char *action);

/* The keys in force for the current output (UTF-8 or ASCII): the table's
 * name for the defaults ("↑ k"), else made from the keys ("Ctrl-X F9"). */
const char *tui_keys_name(const struct tui_key *k);

/* The keys of a group (an entry and the TUI_KEY_JOINED ones after it) as
 * the overlay shows them: the group's name while none is rebound, else
 * each entry's keys.  Written into buf. */
const char *tui_keys_group_name(const struct tui_key *head, char *buf,
				size_t n);

/* The first key in force of an action, as shown ("y"); "" when it has
 * none.  For prompts that name their keys.  A static buffer, valid until
 * the next call. */
const char *tui_keys_first_name(enum tui_action a);

enum tui_keys_status {
	TUI_KEYS_OK = 0,
	TUI_KEYS_NO_ACTION,  /* no action of that name */
	TUI_KEYS_BAD_KEY,    /* a keyspec that names no key, or empty */
	TUI_KEYS_CONFLICT,   /* the key acts already where this one would */
	TUI_KEYS_FIXED,      /* the action or the key cannot be rebound */
	TUI_KEYS_NOMEM,
};

/* Binds action (a stable name) to keyspec, replacing its keys: one or
 * more keys separated by commas or blanks, each a character ("Q", "?",
 * "é"), C-x (Ctrl and a letter), or a name: Enter, Esc, Tab, S-Tab,
 * Space, Backspace, Delete, Up, Down, Left, Right, Home, End, PgUp, PgDn,
 * F1..F12.  Nothing changes on failure; then *err (when not NULL) is a
 * malloc'd line naming the action and the key.  Refused: a key another
 * action has in a context this one works in (the demo's keys work in
 * every context, a question's too), a printable key for an action that
 * works in a text box or in the demo (it types there), and Ctrl-C (it
 * always quits).  Conflicts are with the keys in force: a file that
 * swaps two actions' keys clears every action it names first
 * (tui_keys_clear), then binds them. */
enum tui_keys_status tui_keys_bind(const char *action, const char *keyspec,
				   char **err);

/* Back to the default keys, every action. */
void tui_keys_reset(void);
/* Leaves action with no key until it is bound again (not a fixed one;
 * an unknown name is left for tui_keys_bind to name). */
void tui_keys_clear(const char *action);

/* What tui_keys_each hands over for one action. */
struct tui_key_info {
	const char *action;   /* "move-down" */
	const char *context;  /* "browse", "buttons text", ... */
	unsigned ctx;         /* enum tui_key_ctx bits */
	const char *defaults; /* keyspec: "Down,j" */
	const char *keys;     /* keyspec in force */
	const char *help;
	bool fixed;           /* cannot be rebound */
};

/* Calls fn for every action, in help order (the man page's key list and
 * the example config are written from it). */
void tui_keys_each(void (*fn)(void *arg, const struct tui_key_info *info),
		   void *arg);

#endif
