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
 * The key table names its own actions (tui_keys_each, tui_keys_bind) and
 * the drawn elements theirs (tui_draw_set_style, tui_draw_each_style):
 * this header only asks them. */
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

/* Before a file's bindings: every action it names loses its keys, so the
 * file's bindings are checked against each other, not against defaults
 * they replace (two actions swapping keys). */
static inline void config_tui_clear(const char *action)
{
	tui_keys_clear(action);
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



#endif
