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

static void keys_list(const struct config_action *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		printf("*");
		put_scd(a[i].keys);
		printf("*\n\t");
		put_scd(a[i].help);
		printf(" (_%s_)\n\n", a[i].name);
	}
}

static void keys_defaults(const struct config_action *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		printf("*%s* = ", a[i].name);
		put_scd(a[i].keys);
		printf("\n\t");
		put_scd(a[i].help);
		printf(".\n\n");
	}
}

static void colors_defaults(void)
{
	for (size_t i = 0; i < CONFIG_N_COLORS; i++) {
		printf("*%s* = %s\n\t", config_colors[i].name,
		       config_colors[i].spec);
		put_scd(config_colors[i].help);
		printf(".\n\n");
	}
}

static int page(const struct config_action *a, size_t n, const char *docdir)
{
	char line[4096];
	while (fgets(line, sizeof line, stdin)) {
		if (strcmp(line, "@KEYS@\n") == 0)
			keys_list(a, n);
		else if (strcmp(line, "@KEYS_DEFAULTS@\n") == 0)
			keys_defaults(a, n);
		else if (strcmp(line, "@COLORS@\n") == 0)
			colors_defaults();
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

static int example(const struct config_action *a, size_t n)
{
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
	     "# defaults.  Ctrl-C always quits.");
	for (size_t i = 0; i < n; i++)
		printf("# %s\n# %s = %s\n", a[i].help, a[i].name, a[i].keys);
	puts("\n[colors]\n"
	     "# ELEMENT = FOREGROUND BACKGROUND [ATTRIBUTE...]: default, black,\n"
	     "# red, green, yellow, blue, magenta, cyan, white or 0-255; none,\n"
	     "# bold, dim, underline, reverse, italic, blink, standout.\n"
	     "# NO_COLOR keeps the attributes and drops the colours.");
	for (size_t i = 0; i < CONFIG_N_COLORS; i++)
		printf("# %s\n# %s = %s\n", config_colors[i].help,
		       config_colors[i].name, config_colors[i].spec);
	return 0;
}

int main(int argc, char **argv)
{
	struct config_action a[CONFIG_KEYS_MAX];
	size_t n = config_keys_table(a, CONFIG_KEYS_MAX);
	int rc = 64;
	if (argc == 3 && strcmp(argv[1], "page") == 0)
		rc = page(a, n, argv[2]);
	else if (argc == 2 && strcmp(argv[1], "example") == 0)
		rc = example(a, n);
	else
		fputs("usage: gen_keys page DOCDIR < TEMPLATE > PAGE | gen_keys example\n",
		      stderr);
	if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
		rc = 1;
	return rc;
}
