/* The key table and the colours as the config file names them: each
 * action's name in [keys], its default keys in the file's syntax and its
 * help line; each element of [colors] and its default.
 *
 * These are the only lines outside src/tui that read the TUI's key table
 * (tui_keys.h); the CLI (inmail config check / show) and the man page's
 * generator (doc/gen_keys.c) include this header, both of which link the
 * TUI.  libimconfig itself never includes it: the parser stays a leaf.
 * When the table names its own actions (tui_keys_each), config_keys_table
 * becomes a loop over it and the name list below goes. */
#ifndef INMAIL_CONFIG_TUI_H
#define INMAIL_CONFIG_TUI_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_curses.h"
#include "tui_keys.h"

#define CONFIG_KEYS_MAX 64

struct config_action {
	char name[32];   /* in [keys]: "move-down" */
	char keys[96];   /* the defaults as the file writes them: "Down j" */
	char help[96];   /* one line, UTF-8 */
};

/* The name [keys] gives the table's entry k. */
static inline const char *config_keys_name(const struct tui_key *k, char *buf,
					   size_t len)
{
	static const char *const names[] = {
		[TUI_ACT_UP] = "move-up", [TUI_ACT_DOWN] = "move-down",
		[TUI_ACT_PAGE_UP] = "page-up", [TUI_ACT_PAGE_DOWN] = "page-down",
		[TUI_ACT_HOME] = "first", [TUI_ACT_END] = "last",
		[TUI_ACT_OPEN] = "open", [TUI_ACT_NEXT_PANE] = "next-pane",
		[TUI_ACT_PREV_PANE] = "prev-pane", [TUI_ACT_FOLDER] = "folder",
		[TUI_ACT_REPLY] = "reply", [TUI_ACT_FOLLOWUP] = "followup",
		[TUI_ACT_NEW_INMAIL] = "new-inmail", [TUI_ACT_ARCHIVE] = "archive",
		[TUI_ACT_SEARCH] = "search", [TUI_ACT_SMART_YES] = "choose-yes",
		[TUI_ACT_SMART_NO] = "choose-no",
		[TUI_ACT_SMART_CLEAR] = "clear-choice",
		[TUI_ACT_BUTTON_PREV] = "button-prev",
		[TUI_ACT_BUTTON_NEXT] = "button-next",
		[TUI_ACT_BUTTON_PRESS] = "button-press",
		[TUI_ACT_INTO_BOX] = "edit-reply", [TUI_ACT_SEND] = "send",
		[TUI_ACT_EDITOR] = "editor", [TUI_ACT_BACK] = "back",
		[TUI_ACT_QUIT] = "quit", [TUI_ACT_HELP] = "help",
		[TUI_ACT_DEMO_SWITCH] = "demo-switch",
		[TUI_ACT_DEMO_DAY] = "demo-next-day",
	};
	const char *n = (size_t)k->action < sizeof names / sizeof *names
				? names[k->action] : NULL;
	if (!n)
		return NULL;
	if (k->action == TUI_ACT_FOLDER)
		snprintf(buf, len, "%s-%d", n, k->arg);
	else
		snprintf(buf, len, "%s", n);
	return buf;
}

/* One key in the file's syntax: "j", "Down", "Ctrl-S", "F9". */
static inline void config_keys_key(struct tui_keycode kc, char *buf, size_t len)
{
	static const struct { int code; const char *name; } fn[] = {
		{KEY_UP, "Up"}, {KEY_DOWN, "Down"}, {KEY_LEFT, "Left"},
		{KEY_RIGHT, "Right"}, {KEY_PPAGE, "PgUp"}, {KEY_NPAGE, "PgDn"},
		{KEY_HOME, "Home"}, {KEY_END, "End"}, {KEY_ENTER, "Enter"},
		{KEY_BTAB, "Shift-Tab"}, {KEY_BACKSPACE, "Backspace"},
		{KEY_DC, "Delete"},
	};
	if (kc.fn) {
		for (size_t i = 0; i < sizeof fn / sizeof *fn; i++)
			if (fn[i].code == kc.code) {
				snprintf(buf, len, "%s", fn[i].name);
				return;
			}
		if (kc.code >= KEY_F(1) && kc.code <= KEY_F(12)) {
			snprintf(buf, len, "F%d", kc.code - KEY_F(0));
			return;
		}
		snprintf(buf, len, "?");
	} else if (kc.code == '\n' || kc.code == '\r') {
		snprintf(buf, len, "Enter");
	} else if (kc.code == '\t') {
		snprintf(buf, len, "Tab");
	} else if (kc.code == 27) {
		snprintf(buf, len, "Esc");
	} else if (kc.code == ' ') {
		snprintf(buf, len, "Space");
	} else if (kc.code > 0 && kc.code < 32) {
		snprintf(buf, len, "Ctrl-%c", kc.code + 'A' - 1);
	} else {
		snprintf(buf, len, "%c", kc.code);
	}
}

/* Whether spec is a list of keys in the file's syntax (the names
 * config_keys_key writes, Ctrl-A .. Ctrl-Z, F1 .. F12, or one printable
 * ASCII character); else false with the bad word in why[0..len). */
static inline bool config_keys_spec_ok(const char *spec, char *why, size_t len)
{
	static const char *const names[] = {
		"Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End",
		"Enter", "Tab", "Shift-Tab", "Esc", "Space", "Backspace",
		"Delete",
	};
	char buf[256];
	snprintf(buf, sizeof buf, "%s", spec);
	for (char *save = NULL, *w = strtok_r(buf, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save)) {
		bool ok = strlen(w) == 1 && w[0] > 32 && w[0] < 127;
		for (size_t i = 0; !ok && i < sizeof names / sizeof *names; i++)
			ok = strcmp(w, names[i]) == 0;
		if (!ok && strncmp(w, "Ctrl-", 5) == 0)
			ok = w[5] >= 'A' && w[5] <= 'Z' && !w[6];
		if (!ok && w[0] == 'F') {
			char *end;
			long f = strtol(w + 1, &end, 10);
			ok = w[1] >= '1' && w[1] <= '9' && !*end && f <= 12;
		}
		if (!ok) {
			snprintf(why, len, "%s", w);
			return false;
		}
	}
	return true;
}

/* Appends word to the space-separated list unless it is there. */
static inline void config_keys_add(char *list, size_t len, const char *word)
{
	size_t wl = strlen(word);
	for (const char *p = list; (p = strstr(p, word)); p += wl)
		if ((p == list || p[-1] == ' ') && (p[wl] == ' ' || !p[wl]))
			return;
	size_t n = strlen(list);
	snprintf(list + n, len - n, "%s%s", n ? " " : "", word);
}

/* Fills out[0..max) with the table's actions, one per name, in help order;
 * returns how many. */
static inline size_t config_keys_table(struct config_action *out, size_t max)
{
	size_t n = 0, nt = 0;
	const struct tui_key *t = tui_keys_table(&nt);
	for (size_t i = 0; i < nt; i++) {
		char name[32];
		if (!config_keys_name(&t[i], name, sizeof name))
			continue;
		struct config_action *a = NULL;
		for (size_t j = 0; j < n; j++)
			if (strcmp(out[j].name, name) == 0)
				a = &out[j];
		if (!a) {
			if (n == max)
				break;
			a = &out[n++];
			memset(a, 0, sizeof *a);
			snprintf(a->name, sizeof a->name, "%s", name);
			if (t[i].action == TUI_ACT_FOLDER)
				snprintf(a->help, sizeof a->help,
					 "folder %d of the list", t[i].arg);
			else if (t[i].help)
				snprintf(a->help, sizeof a->help, "%s",
					 t[i].help);
		}
		for (size_t k = 0; k < 4 && t[i].keys[k].code; k++) {
			char key[16];
			config_keys_key(t[i].keys[k], key, sizeof key);
			config_keys_add(a->keys, sizeof a->keys, key);
		}
	}
	return n;
}

/* [colors]: every element the TUI draws, "FG BG [ATTR...]".  The TUI's
 * styles (tui_draw.h enum tui_style, set in tui_draw.c); when the TUI
 * names its own elements, this list becomes a loop over them. */
struct config_color {
	const char *name;
	const char *spec; /* the default */
	const char *help;
};

static const struct config_color config_colors[] = {
	{"normal", "default default none", "plain text"},
	{"header", "white blue reverse bold", "the header line"},
	{"header-off", "default default reverse dim",
	 "a demo pane's header without the keyboard"},
	{"title", "default default none", "a pane's title"},
	{"title-focus", "default default bold", "the title of the pane with the keys"},
	{"selected", "default default reverse", "the highlighted row"},
	{"unread", "default default bold", "an unread thread"},
	{"pending", "yellow default none", "a pending InMail"},
	{"accepted", "green default none", "an accepted InMail"},
	{"declined", "red default none", "a declined InMail"},
	{"blocked", "magenta default bold", "why a reply is blocked"},
	{"system", "cyan default none", "a system line in a conversation"},
	{"button", "default default none", "a smart-reply button"},
	{"button-on", "white blue reverse bold", "the chosen button"},
	{"button-cursor", "default default underline", "the button under the cursor"},
	{"hint", "default default dim", "the footer's key hints"},
	{"note", "green default bold", "a status line that reports success"},
	{"error", "red default bold", "a status line that reports a failure"},
	{"dim", "default default dim", "secondary text (dates, counts)"},
};
#define CONFIG_N_COLORS (sizeof config_colors / sizeof *config_colors)

/* Whether spec is "FG BG [ATTR...]": a colour is default, black, red,
 * green, yellow, blue, magenta, cyan, white or 0..255; an attribute none,
 * bold, dim, underline, reverse, italic, blink or standout.  Else false
 * with why[0..len) saying what is wrong. */
static inline bool config_color_spec_ok(const char *spec, char *why, size_t len)
{
	static const char *const colors[] = {
		"default", "black", "red", "green", "yellow", "blue",
		"magenta", "cyan", "white",
	};
	static const char *const attrs[] = {
		"none", "bold", "dim", "underline", "reverse", "italic",
		"blink", "standout",
	};
	char buf[256];
	snprintf(buf, sizeof buf, "%s", spec);
	int n = 0;
	for (char *save = NULL, *w = strtok_r(buf, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save), n++) {
		bool ok = false;
		if (n < 2) {
			for (size_t i = 0; !ok && i < sizeof colors / sizeof *colors; i++)
				ok = strcmp(w, colors[i]) == 0;
			char *end;
			long v = strtol(w, &end, 10);
			ok = ok || (w[0] >= '0' && w[0] <= '9' && !*end && v <= 255);
			if (!ok) {
				snprintf(why, len, "'%s' is not a colour (default, "
					 "black, red, green, yellow, blue, "
					 "magenta, cyan, white or 0-255)", w);
				return false;
			}
		} else {
			for (size_t i = 0; !ok && i < sizeof attrs / sizeof *attrs; i++)
				ok = strcmp(w, attrs[i]) == 0;
			if (!ok) {
				snprintf(why, len, "'%s' is not an attribute (none, "
					 "bold, dim, underline, reverse, "
					 "italic, blink, standout)", w);
				return false;
			}
		}
	}
	if (n < 2) {
		snprintf(why, len, "a colour is FOREGROUND BACKGROUND "
			 "[ATTRIBUTE...], e.g. 'default default bold'");
		return false;
	}
	return true;
}

#endif
