/* The key table and the drawn elements as the config file names them:
 * each action of [keys] with its default keys and help line, each element
 * of [colors] with its default; and the check of an entry, which is also
 * what applies it to the TUI (a binding made before the interface starts
 * is the one it uses).
 *
 * These are the only lines outside src/tui that read the TUI's key table
 * and styles.  The CLI (inmail config check / show, and every start) and
 * the man page's generator (doc/gen_keys.c) include this header, both of
 * which link the TUI; libimconfig itself never includes it, so the parser
 * stays a leaf.
 *
 * Two implementations, one interface: where the key table names its own
 * actions (tui_keys.h has TUI_KEYS_MAX, tui_keys_each, tui_keys_bind and
 * tui_draw.h tui_draw_set_style, tui_draw_each_style) it is asked; before
 * that, the table of enum tui_action is read and named here.  The second
 * goes when the first has landed. */
#ifndef INMAIL_CONFIG_TUI_H
#define INMAIL_CONFIG_TUI_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tui_curses.h"
#include "tui_draw.h"
#include "tui_keys.h"

/* fn(ud, action, default keys separated by blanks, help, where it works
 * ("browse buttons"), fixed). */
typedef void (*config_action_fn)(void *ud, const char *action,
				 const char *keys, const char *help,
				 const char *context, bool fixed);
/* fn(ud, element, default "FG BG ATTR...", help). */
typedef void (*config_color_fn)(void *ud, const char *element,
				const char *spec, const char *help);

/* A keyspec with its commas as blanks ("Down,j" -> "Down j"). */
static inline const char *config_tui_blanks(const char *spec, char *buf,
					    size_t n)
{
	snprintf(buf, n, "%s", spec ? spec : "");
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = ' ';
	return buf;
}

/* What an element is, for the man page and the example config. */
static inline const char *config_tui_color_help(const char *element)
{
	static const char *const help[][2] = {
		{"normal", "plain text"},
		{"header", "the header line"},
		{"header-off", "a demo pane's header without the keyboard"},
		{"title", "a pane's title"},
		{"title-focus", "the title of the pane with the keys"},
		{"selected", "the highlighted row"},
		{"unread", "an unread thread"},
		{"pending", "a pending InMail"},
		{"accepted", "an accepted InMail"},
		{"declined", "a declined InMail"},
		{"blocked", "why a reply is blocked"},
		{"system", "a system line in a conversation"},
		{"button", "a smart-reply button"},
		{"button-on", "the chosen button"},
		{"button-cursor", "the button under the cursor"},
		{"hint", "the footer's key hints"},
		{"note", "a status line that reports success"},
		{"error", "a status line that reports a failure"},
		{"dim", "secondary text (dates, counts)"},
	};
	for (size_t i = 0; i < sizeof help / sizeof *help; i++)
		if (strcmp(help[i][0], element) == 0)
			return help[i][1];
	return element;
}

#ifdef TUI_KEYS_MAX
/* ---- the key table names its actions ---- */

struct config_tui_each {
	config_action_fn fn;
	config_color_fn cfn;
	void *ud;
};

static inline void config_tui_action_info(void *arg,
					  const struct tui_key_info *info)
{
	struct config_tui_each *e = arg;
	char keys[128];
	e->fn(e->ud, info->action,
	      config_tui_blanks(info->defaults, keys, sizeof keys),
	      info->help ? info->help : info->action, info->context,
	      info->fixed);
}

static inline void config_tui_each_action(config_action_fn fn, void *ud)
{
	struct config_tui_each e = {fn, NULL, ud};
	tui_keys_each(config_tui_action_info, &e);
}

static inline bool config_tui_bind(const char *action, const char *spec,
				   char **why)
{
	return tui_keys_bind(action, spec, why) == TUI_KEYS_OK;
}

static inline void config_tui_style_info(void *arg, const char *element,
					 const char *defaults, const char *now)
{
	(void)now;
	struct config_tui_each *e = arg;
	e->cfn(e->ud, element, defaults, config_tui_color_help(element));
}

static inline void config_tui_each_color(config_color_fn fn, void *ud)
{
	struct config_tui_each e = {NULL, fn, ud};
	tui_draw_each_style(config_tui_style_info, &e);
}

static inline bool config_tui_style(const char *element, const char *spec,
				    char **why)
{
	return tui_draw_set_style(element, spec, why) == TUI_DRAW_OK;
}

#else
/* ---- before: the table of enum tui_action, named here ---- */

/* The [keys] name of the table's entry k, or NULL. */
static inline const char *config_tui_name(const struct tui_key *k, char *buf,
					  size_t len)
{
	static const char *const names[] = {
		[TUI_ACT_UP] = "move-up", [TUI_ACT_DOWN] = "move-down",
		[TUI_ACT_PAGE_UP] = "page-up", [TUI_ACT_PAGE_DOWN] = "page-down",
		[TUI_ACT_HOME] = "first-row", [TUI_ACT_END] = "last-row",
		[TUI_ACT_OPEN] = "open", [TUI_ACT_NEXT_PANE] = "next-pane",
		[TUI_ACT_PREV_PANE] = "prev-pane", [TUI_ACT_FOLDER] = "folder",
		[TUI_ACT_REPLY] = "reply", [TUI_ACT_FOLLOWUP] = "followup",
		[TUI_ACT_NEW_INMAIL] = "new-inmail", [TUI_ACT_ARCHIVE] = "archive",
		[TUI_ACT_SEARCH] = "search", [TUI_ACT_SMART_YES] = "smart-yes",
		[TUI_ACT_SMART_NO] = "smart-no",
		[TUI_ACT_SMART_CLEAR] = "smart-clear",
		[TUI_ACT_BUTTON_PREV] = "button-prev",
		[TUI_ACT_BUTTON_NEXT] = "button-next",
		[TUI_ACT_BUTTON_PRESS] = "button-press",
		[TUI_ACT_INTO_BOX] = "into-box", [TUI_ACT_SEND] = "send",
		[TUI_ACT_EDITOR] = "editor", [TUI_ACT_BACK] = "back",
		[TUI_ACT_QUIT] = "quit", [TUI_ACT_HELP] = "help",
		[TUI_ACT_DEMO_SWITCH] = "demo-switch",
		[TUI_ACT_DEMO_DAY] = "demo-day",
	};
	const char *n = (size_t)k->action < sizeof names / sizeof *names
				? names[k->action] : NULL;
	if (!n)
		return NULL;
	if (k->action == TUI_ACT_FOLDER)
		snprintf(buf, len, "%s-%d", n, k->arg);
	else if (k->ctx == TUI_CTX_TEXT && k->action == TUI_ACT_QUIT)
		return NULL; /* quit-always, below */
	else if (k->ctx == TUI_CTX_TEXT && k->action == TUI_ACT_NEXT_PANE)
		snprintf(buf, len, "next-field");
	else if (k->ctx == TUI_CTX_TEXT && k->action == TUI_ACT_PREV_PANE)
		snprintf(buf, len, "prev-field");
	else
		snprintf(buf, len, "%s", n);
	return buf;
}

/* One key as a keyspec writes it: "j", "Down", "C-s", "F9". */
static inline void config_tui_key(struct tui_keycode kc, char *buf, size_t len)
{
	static const struct {
		int code;
		const char *name;
	} fn[] = {
		{KEY_UP, "Up"},       {KEY_DOWN, "Down"},     {KEY_LEFT, "Left"},
		{KEY_RIGHT, "Right"}, {KEY_PPAGE, "PgUp"},    {KEY_NPAGE, "PgDn"},
		{KEY_HOME, "Home"},   {KEY_END, "End"},       {KEY_ENTER, "Enter"},
		{KEY_BTAB, "S-Tab"},  {KEY_BACKSPACE, "Backspace"},
		{KEY_DC, "Delete"},
	};
	if (kc.fn) {
		for (size_t i = 0; i < sizeof fn / sizeof *fn; i++)
			if (fn[i].code == kc.code) {
				snprintf(buf, len, "%s", fn[i].name);
				return;
			}
		snprintf(buf, len, "F%d", kc.code - KEY_F(0));
	} else if (kc.code == '\n' || kc.code == '\r') {
		snprintf(buf, len, "Enter");
	} else if (kc.code == '\t') {
		snprintf(buf, len, "Tab");
	} else if (kc.code == 27) {
		snprintf(buf, len, "Esc");
	} else if (kc.code == ' ') {
		snprintf(buf, len, "Space");
	} else if (kc.code > 0 && kc.code < 32) {
		snprintf(buf, len, "C-%c", kc.code + 'a' - 1);
	} else {
		snprintf(buf, len, "%c", kc.code);
	}
}

/* Appends word to the blank-separated list unless it is there. */
static inline void config_tui_add(char *list, size_t len, const char *word)
{
	size_t wl = strlen(word);
	for (const char *p = list; (p = strstr(p, word)); p += wl)
		if ((p == list || p[-1] == ' ') && (p[wl] == ' ' || !p[wl]))
			return;
	size_t n = strlen(list);
	snprintf(list + n, len - n, "%s%s", n ? " " : "", word);
}

struct config_tui_action {
	char name[32], keys[96], help[96], context[64];
	bool fixed;
};

/* The words of enum tui_key_ctx bits. */
static inline void config_tui_context(unsigned ctx, char *buf, size_t n)
{
	static const struct {
		unsigned bit;
		const char *word;
	} words[] = {
		{TUI_CTX_BROWSE, "browse"},
		{TUI_CTX_BUTTONS, "buttons"},
		{TUI_CTX_TEXT, "text"},
		{TUI_CTX_DEMO, "demo"},
	};
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (ctx & words[i].bit)
			config_tui_add(buf, n, words[i].word);
}

/* The actions, one per name, in help order; returns how many. */
static inline size_t config_tui_actions(struct config_tui_action *out,
					size_t max)
{
	size_t n = 0, nt = 0;
	const struct tui_key *t = tui_keys_table(&nt);
	for (size_t i = 0; i < nt; i++) {
		char name[32];
		if (!config_tui_name(&t[i], name, sizeof name))
			continue;
		struct config_tui_action *a = NULL;
		for (size_t j = 0; j < n; j++)
			if (strcmp(out[j].name, name) == 0)
				a = &out[j];
		if (!a) {
			if (n == max)
				break;
			a = &out[n++];
			memset(a, 0, sizeof *a);
			snprintf(a->name, sizeof a->name, "%s", name);
			config_tui_context(t[i].ctx, a->context,
					   sizeof a->context);
			if (t[i].action == TUI_ACT_FOLDER)
				snprintf(a->help, sizeof a->help,
					 "folder %d of the list", t[i].arg);
			else
				snprintf(a->help, sizeof a->help, "%s",
					 t[i].help ? t[i].help : name);
		}
		for (size_t k = 0; k < 4 && t[i].keys[k].code; k++) {
			char key[16];
			if (t[i].keys[k].code == TUI_CTRL('c') && !t[i].keys[k].fn)
				continue; /* quit-always */
			config_tui_key(t[i].keys[k], key, sizeof key);
			config_tui_add(a->keys, sizeof a->keys, key);
		}
	}
	if (n < max) {
		struct config_tui_action *a = &out[n++];
		memset(a, 0, sizeof *a);
		snprintf(a->name, sizeof a->name, "quit-always");
		snprintf(a->keys, sizeof a->keys, "C-c");
		snprintf(a->help, sizeof a->help, "quit, from anywhere");
		snprintf(a->context, sizeof a->context, "browse buttons text");
		a->fixed = true;
	}
	return n;
}

static inline void config_tui_each_action(config_action_fn fn, void *ud)
{
	struct config_tui_action a[64];
	size_t n = config_tui_actions(a, 64);
	for (size_t i = 0; i < n; i++)
		fn(ud, a[i].name, a[i].keys, a[i].help, a[i].context,
		   a[i].fixed);
}

/* Whether spec names keys (each a character, C-a .. C-z, F1 .. F12 or a
 * name; commas or blanks between). */
static inline bool config_tui_bind(const char *action, const char *spec,
				   char **why)
{
	static const char *const names[] = {
		"Enter", "Return", "Esc", "Escape", "Tab", "S-Tab", "BackTab",
		"Space", "Backspace", "BS", "Delete", "Del", "Up", "Down",
		"Left", "Right", "Home", "End", "PgUp", "PageUp", "PgDn",
		"PageDown",
	};
	struct config_tui_action a[64];
	size_t n = config_tui_actions(a, 64);
	const struct config_tui_action *found = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].name, action) == 0)
			found = &a[i];
	if (!found) {
		if (asprintf(why, "no action '%s' (see the key list in "
			     "inmail(1))", action) < 0)
			*why = NULL;
		return false;
	}
	if (found->fixed) {
		if (asprintf(why, "%s: C-c always quits; it cannot be rebound",
			     action) < 0)
			*why = NULL;
		return false;
	}
	char buf[256];
	snprintf(buf, sizeof buf, "%s", spec);
	int keys = 0;
	for (char *save = NULL, *w = strtok_r(buf, " \t,", &save); w;
	     w = strtok_r(NULL, " \t,", &save), keys++) {
		size_t wl = strlen(w);
		bool ok = wl == 1 && w[0] > 32 && w[0] < 127;
		for (size_t i = 0; !ok && i < sizeof names / sizeof *names; i++)
			ok = strcasecmp(w, names[i]) == 0;
		if (!ok && wl == 3 && (w[0] == 'C' || w[0] == 'c') && w[1] == '-')
			ok = (w[2] | 0x20) >= 'a' && (w[2] | 0x20) <= 'z';
		if (!ok && (w[0] == 'F' || w[0] == 'f') && wl >= 2 && wl <= 3) {
			char *end;
			long f = strtol(w + 1, &end, 10);
			ok = !*end && f >= 1 && f <= 12;
		}
		if (ok && wl == 3 && (w[2] | 0x20) == 'c' && w[1] == '-') {
			if (asprintf(why, "%s: C-c always quits; it cannot be "
				     "rebound", action) < 0)
				*why = NULL;
			return false;
		}
		if (!ok) {
			if (asprintf(why, "%s: '%s': no such key", action, w) < 0)
				*why = NULL;
			return false;
		}
	}
	if (!keys) {
		if (asprintf(why, "%s: '': no key given", action) < 0)
			*why = NULL;
		return false;
	}
	return true;
}

static const char *const config_tui_colors[][2] = {
	{"normal", "default default"},
	{"header", "white blue reverse bold"},
	{"header-off", "default default reverse dim"},
	{"title", "default default"},
	{"title-focus", "default default bold"},
	{"selected", "default default reverse"},
	{"unread", "default default bold"},
	{"pending", "yellow default"},
	{"accepted", "green default"},
	{"declined", "red default"},
	{"blocked", "magenta default bold"},
	{"system", "cyan default"},
	{"button", "default default"},
	{"button-on", "white blue reverse bold"},
	{"button-cursor", "default default underline"},
	{"hint", "default default dim"},
	{"note", "green default bold"},
	{"error", "red default bold"},
	{"dim", "default default dim"},
};

static inline void config_tui_each_color(config_color_fn fn, void *ud)
{
	for (size_t i = 0; i < sizeof config_tui_colors / sizeof *config_tui_colors; i++)
		fn(ud, config_tui_colors[i][0], config_tui_colors[i][1],
		   config_tui_color_help(config_tui_colors[i][0]));
}

/* Whether spec is "FG BG ATTR...": colours default, black, red, green,
 * yellow, blue, magenta, cyan, white or color0-color255, attributes
 * bold, dim, underline, reverse, standout, blink, italic, normal, none. */
static inline bool config_tui_style(const char *element, const char *spec,
				    char **why)
{
	static const char *const colors[] = {
		"default", "black", "red", "green", "yellow", "blue",
		"magenta", "cyan", "white",
	};
	static const char *const attrs[] = {
		"bold", "dim", "underline", "reverse", "standout", "blink",
		"italic", "normal", "none",
	};
	bool known = false;
	for (size_t i = 0; i < sizeof config_tui_colors / sizeof *config_tui_colors; i++)
		known = known || strcmp(config_tui_colors[i][0], element) == 0;
	if (!known) {
		if (asprintf(why, "no drawn element '%s' (see inmail-config(5))",
			     element) < 0)
			*why = NULL;
		return false;
	}
	char buf[256];
	snprintf(buf, sizeof buf, "%s", spec);
	int ncolors = 0;
	for (char *save = NULL, *w = strtok_r(buf, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save)) {
		bool color = false, attr = false;
		for (size_t i = 0; i < sizeof colors / sizeof *colors; i++)
			color = color || strcmp(w, colors[i]) == 0;
		if (!color && strncmp(w, "color", 5) == 0 && w[5]) {
			char *end;
			long v = strtol(w + 5, &end, 10);
			color = !*end && w[5] >= '0' && w[5] <= '9' && v <= 255;
		}
		for (size_t i = 0; !color && i < sizeof attrs / sizeof *attrs; i++)
			attr = attr || strcmp(w, attrs[i]) == 0;
		if (color && ++ncolors > 2) {
			if (asprintf(why, "%s: '%s': more than two colours",
				     element, w) < 0)
				*why = NULL;
			return false;
		}
		if (!color && !attr) {
			if (asprintf(why, "%s: '%s' is no colour or attribute",
				     element, w) < 0)
				*why = NULL;
			return false;
		}
	}
	return true;
}
#endif

#endif
