/* Writes the parts of the man pages and of the example config that come
 * from the key table and the TUI's elements, so that they cannot drift:
 *
 *   gen_keys page DOCDIR < TEMPLATE.scd > PAGE.scd   a line "@KEYS@"
 *       becomes the key list, "@KEYS_DEFAULTS@" the [keys] defaults,
 *       "@COLORS@" the [colors] defaults; "@DOCDIR@" in a line is DOCDIR
 *       (where the example config is installed); the rest is copied
 *   gen_keys example > config.example          every setting, commented
 *
 * What the table holds is read through src/config/config_tui.h only. */
#include <stdio.h>
#include <string.h>

#include "config_tui.h"

/* scdoc gives * _ \ a meaning; a key or a help line may hold them. */
static void put_scd(const char *s)
{
	for (; *s; s++) {
		if (*s == '*' || *s == '_' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
}

/* What gen_keys writes: the page's key list, its [keys] defaults, or the
 * example config's [keys] lines; and the same three for [colors]. */
enum part { KEYS_LIST, KEYS_DEFAULTS, KEYS_EXAMPLE };

static void one_action(void *ud, const char *action, const char *keys,
		       const char *help, const char *context, bool fixed)
{
	enum part part = *(enum part *)ud;
	if (part == KEYS_EXAMPLE) {
		if (fixed)
			printf("# %s: %s (fixed: it cannot be rebound)\n", help,
			       keys);
		else
			printf("# %s\n# %s = %s\n", help, action, keys);
		return;
	}
	if (part == KEYS_LIST) {
		printf("*");
		put_scd(keys);
		printf("*\n\t");
		put_scd(help);
		printf(" (_%s_; %s)\n\n", action, context);
		return;
	}
	printf("*%s* = ", action);
	put_scd(keys);
	printf("\n\t");
	put_scd(help);
	printf(fixed ? "; fixed: it cannot be rebound.\n\n" : ".\n\n");
}

static void one_color(void *ud, const char *element, const char *spec,
		      const char *help)
{
	enum part part = *(enum part *)ud;
	if (part == KEYS_EXAMPLE) {
		printf("# %s\n# %s = %s\n", help, element, spec);
		return;
	}
	printf("*%s* = %s\n\t", element, spec);
	put_scd(help);
	printf(".\n\n");
}

static int page(const char *docdir)
{
	char line[4096];
	while (fgets(line, sizeof line, stdin)) {
		enum part part = strcmp(line, "@KEYS@\n") == 0 ? KEYS_LIST
							       : KEYS_DEFAULTS;
		if (strcmp(line, "@KEYS@\n") == 0 ||
		    strcmp(line, "@KEYS_DEFAULTS@\n") == 0)
			config_tui_each_action(one_action, &part);
		else if (strcmp(line, "@COLORS@\n") == 0)
			config_tui_each_color(one_color, &part);
		else
			for (const char *p = line; *p;) {
				const char *d = strstr(p, "@DOCDIR@");
				if (!d) {
					fputs(p, stdout);
					break;
				}
				fwrite(p, 1, (size_t)(d - p), stdout);
				fputs(docdir, stdout);
				p = d + strlen("@DOCDIR@");
			}
	}
	return ferror(stdin) ? 1 : 0;
}

static int example(void)
{
	enum part part = KEYS_EXAMPLE;
	puts("# inmail's config file: copy it to ~/.config/inmail/config\n"
	     "# ($XDG_CONFIG_HOME/inmail/config) and remove the # of what you\n"
	     "# change.  Every setting is shown with its default; see\n"
	     "# inmail-config(5).  Options beat variables, which beat this file.\n"
	     "\n"
	     "[general]\n"
	     "# The database (INMAIL_DB and --db beat it).\n"
	     "# db = ~/.local/share/inmail/inmail.db\n"
	     "# Who acts when neither --as nor INMAIL_USER says.\n"
	     "# account = HANDLE\n"
	     "\n"
	     "[keys]\n"
	     "# ACTION = KEY KEY ...: the keys listed replace the action's\n"
	     "# defaults.  A key is a character, C-a .. C-z, F1 .. F12 or a\n"
	     "# name (Enter Esc Tab S-Tab Space Backspace Delete Up Down Left\n"
	     "# Right Home End PgUp PgDn).  C-c always quits.");
	config_tui_each_action(one_action, &part);
	puts("\n[colors]\n"
	     "# ELEMENT = FOREGROUND BACKGROUND [ATTRIBUTE...]: default, black,\n"
	     "# red, green, yellow, blue, magenta, cyan, white or color0 ..\n"
	     "# color255; bold, dim, underline, reverse, standout, blink,\n"
	     "# italic, normal.\n"
	     "# NO_COLOR keeps the attributes and drops the colours.");
	config_tui_each_color(one_color, &part);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 64;
	if (argc == 3 && strcmp(argv[1], "page") == 0)
		rc = page(argv[2]);
	else if (argc == 2 && strcmp(argv[1], "example") == 0)
		rc = example();
	else
		fputs("usage: gen_keys page DOCDIR < TEMPLATE > PAGE | gen_keys example\n",
		      stderr);
	if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
		rc = 1;
	return rc;
}
