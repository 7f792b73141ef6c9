/* config check [FILE], config show; and the config file's [general]
 * settings applied under the options and the variables (SPEC 8). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "config_tui.h"
#include "output.h"

static const char config_usage[] =
	"usage: inmail config check [FILE]\n"
	"       inmail config show\n"
	"\n"
	"check reads FILE (default: the config file, $XDG_CONFIG_HOME/inmail/config)\n"
	"and says 'FILE: ok', or the first bad line as FILE:LINE: why (exit 64).\n"
	"show prints every setting in force, its value and where it came from:\n"
	"an option, a variable, the file (FILE:LINE) or the default.\n"
	"See inmail-config(5).";

/* The config of this run (cli_config_apply); NULL before it. */
static struct im_config *run_config;

static const struct config_action *find_action(const struct config_action *a,
					       size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].name, name) == 0)
			return &a[i];
	return NULL;
}

static const struct config_color *find_color(const char *name)
{
	for (size_t i = 0; i < CONFIG_N_COLORS; i++)
		if (strcmp(config_colors[i].name, name) == 0)
			return &config_colors[i];
	return NULL;
}

/* The [keys] and [colors] entries against the key table and the
 * elements.  (When the TUI binds, this asks tui_keys_bind and
 * tui_draw_set_style instead.) */
static bool check_entry(void *ud, const struct im_config_entry *e, char **why)
{
	(void)ud;
	char bad[256];
	if (strcmp(e->section, "keys") == 0) {
		struct config_action a[CONFIG_KEYS_MAX];
		size_t n = config_keys_table(a, CONFIG_KEYS_MAX);
		if (!find_action(a, n, e->name)) {
			if (asprintf(why,
				     "unknown action '%s' in [keys] (inmail "
				     "config show lists them)",
				     e->name) < 0)
				*why = NULL;
			return false;
		}
		if (!config_keys_spec_ok(e->value, bad, sizeof bad)) {
			if (asprintf(why,
				     "'%s' is not a key (a character, Up, "
				     "Down, Left, Right, PgUp, PgDn, Home, End, "
				     "Enter, Tab, Shift-Tab, Esc, Space, "
				     "Backspace, Delete, Ctrl-A..Ctrl-Z or "
				     "F1..F12)",
				     bad) < 0)
				*why = NULL;
			return false;
		}
		if (strstr(e->value, "Ctrl-C") &&
		    strcmp(e->name, "quit") != 0) {
			*why = strdup("Ctrl-C always quits");
			return false;
		}
		return true;
	}
	if (!find_color(e->name)) {
		if (asprintf(why,
			     "unknown element '%s' in [colors] (inmail "
			     "config show lists them)",
			     e->name) < 0)
			*why = NULL;
		return false;
	}
	if (!config_color_spec_ok(e->value, bad, sizeof bad)) {
		*why = strdup(bad);
		return false;
	}
	return true;
}

/* Loads and checks; prints the failure and returns its code. */
static int load(const char *path, const char *db_option, const char *as_option,
		struct im_config **out)
{
	char *def = im_model_default_path();
	char *err = NULL;
	int rc = im_config_load(out, path, def, db_option, as_option, &err);
	free(def);
	if (rc == 0)
		rc = im_config_check(*out, check_entry, NULL, &err);
	if (rc) {
		im_config_free(out);
		cli_fail(rc, "%s", err ? err : "out of memory");
	}
	free(err);
	return rc;
}

int cli_config_apply(const char *command, const char **db, const char **as)
{
	/* config check / show read the file themselves. */
	if (command && strcmp(command, "config") == 0)
		return 0;
	im_config_free(&run_config);
	int rc = load(NULL, *db, *as, &run_config);
	if (rc)
		return rc;
	const struct im_config_entry *e;
	e = im_config_get(run_config, "general", "db");
	if (!*db && e && e->origin == IM_CONFIG_FILE)
		*db = e->value;
	e = im_config_get(run_config, "general", "account");
	if (!*as && e)
		*as = e->value;
	return 0;
}

const struct im_config *cli_config(void)
{
	return run_config;
}

static int config_check(int argc, char **argv)
{
	if (argc > 3)
		return cli_fail(64, "config check: unexpected '%s'", argv[3]);
	char *own = NULL;
	const char *path = argc > 2 ? argv[2] : NULL;
	if (!path) {
		own = im_config_default_path();
		if (!own)
			return cli_fail(64,
					"config check: no FILE, and neither "
					"XDG_CONFIG_HOME nor HOME is set");
	}
	struct im_config *c = NULL;
	int rc = 0;
	if (!path && access(own, F_OK) != 0 && errno == ENOENT) {
		/* No file is no error: the defaults are in force. */
		out_text(stdout, own);
		puts(": no such file; the defaults are in force");
	} else if ((rc = load(path ? path : own, NULL, NULL, &c)) == 0) {
		out_text(stdout, path ? path : own);
		puts(": ok");
	}
	im_config_free(&c);
	free(own);
	return rc;
}

static void show_line(const char *section, const char *name, const char *value,
		      const char *where)
{
	printf("%s.%s = ", section, name);
	out_text(stdout, value);
	fputs("  (", stdout);
	out_text(stdout, where);
	puts(")");
}

static int config_show(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc > 2)
		return cli_fail(64, "config show: unexpected '%s'", argv[2]);
	struct im_config *c = NULL;
	const char *db_option = ctx->db_named ? ctx->db_path : NULL;
	int rc = load(NULL, db_option, NULL, &c);
	if (rc)
		return rc;
	/* An --as differs from what the variable or the file says. */
	const char *as = im_config_value(c, "general", "account");
	if (ctx->as && (!as || strcmp(as, ctx->as) != 0))
		rc = im_config_set(c, "general", "account", ctx->as,
				   IM_CONFIG_OPTION, "--as");
	char *file = im_config_default_path();
	const char *x = getenv("XDG_CONFIG_HOME");
	bool there = file && access(file, F_OK) == 0;
	if (!rc) {
		fputs("# the config file: ", stdout);
		out_text(stdout, file ? file : "none (HOME is not set)");
		printf(" (%s%s)\n",
		       x && x[0] == '/' ? "XDG_CONFIG_HOME" : "HOME",
		       there ? "" : "; no such file");
	}
	free(file);
	const struct im_config_entry *e = im_config_get(c, "general", "db");
	if (!rc)
		show_line("general", "db", e ? e->value : "(none)",
			  e ? e->where : "HOME is not set");
	e = im_config_get(c, "general", "account");
	if (!rc)
		show_line("general", "account",
			  e ? e->value : "(none: give --as)",
			  e ? e->where : "default");
	struct config_action a[CONFIG_KEYS_MAX];
	size_t n = config_keys_table(a, CONFIG_KEYS_MAX);
	for (size_t i = 0; !rc && i < n; i++) {
		e = im_config_get(c, "keys", a[i].name);
		show_line("keys", a[i].name, e ? e->value : a[i].keys,
			  e ? e->where : "default");
	}
	for (size_t i = 0; !rc && i < CONFIG_N_COLORS; i++) {
		e = im_config_get(c, "colors", config_colors[i].name);
		show_line("colors", config_colors[i].name,
			  e ? e->value : config_colors[i].spec,
			  e ? e->where : "default");
	}
	im_config_free(&c);
	return rc ? cli_fail(1, "config show: out of memory") : 0;
}

int cmd_config(struct cli_ctx *ctx, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts(config_usage);
		return 0;
	}
	if (argc < 2)
		return cli_fail(64, "config: check or show? (see inmail config "
				    "--help)");
	if (strcmp(argv[1], "check") == 0)
		return config_check(argc, argv);
	if (strcmp(argv[1], "show") == 0)
		return config_show(ctx, argc, argv);
	return cli_fail(64, "config: unknown '%s' (check or show)", argv[1]);
}
