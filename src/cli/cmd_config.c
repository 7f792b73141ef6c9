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

/* The config of this run (cli_config_apply), kept to the end: *db and
 * *as may point into it.  NULL before it. */
static struct im_config *run_config;

/* A [keys] or [colors] entry, checked by the TUI, which also takes it: a
 * binding made before the interface starts is the one it uses. */
static bool check_entry(void *ud, const struct im_config_entry *e, char **why)
{
	(void)ud;
	if (strcmp(e->section, "keys") == 0)
		return config_tui_bind(e->name, e->value, why);
	return config_tui_style(e->name, e->value, why);
}

static bool clear_entry(void *ud, const struct im_config_entry *e,
			char **why)
{
	(void)ud;
	(void)why;
	if (strcmp(e->section, "keys") == 0)
		config_tui_clear(e->name);
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
		rc = im_config_check(*out, clear_entry, NULL, &err);
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
	/* config check / show read the file themselves; help acts on
	 * nothing. */
	if (command &&
	    (strcmp(command, "config") == 0 || strcmp(command, "help") == 0))
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

struct show {
	const struct im_config *c;
	int rc;
};

static void show_action(void *ud, const char *action, const char *keys,
			const char *help, const char *context, bool fixed)
{
	(void)help;
	(void)context;
	struct show *sh = ud;
	const struct im_config_entry *e = im_config_get(sh->c, "keys", action);
	char buf[128];
	/* A fixed key (C-c) is no setting. */
	if (!sh->rc && !fixed)
		show_line("keys", action,
			  e ? config_tui_blanks(e->value, buf, sizeof buf)
			    : keys,
			  e ? e->where : "default");
}

static void show_color(void *ud, const char *element, const char *spec,
		       const char *help)
{
	(void)help;
	struct show *sh = ud;
	const struct im_config_entry *e =
		im_config_get(sh->c, "colors", element);
	if (!sh->rc)
		show_line("colors", element, e ? e->value : spec,
			  e ? e->where : "default");
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
	/* Never a server's password (SPEC 7). */
	char *db_shown = e ? cli_db_shown(e->value) : NULL;
	if (!rc)
		show_line("general", "db", db_shown ? db_shown : "(none)",
			  e ? e->where : "HOME is not set");
	free(db_shown);
	e = im_config_get(c, "general", "account");
	if (!rc)
		show_line("general", "account",
			  e ? e->value : "(none: give --as)",
			  e ? e->where : "default");
	struct show show = {c, rc};
	config_tui_each_action(show_action, &show);
	config_tui_each_color(show_color, &show);
	rc = show.rc;
	im_config_free(&c);
	return rc ? cli_fail(1, "config show: out of memory") : 0;
}

/* --help or -h anywhere after the command. */
static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

int cmd_config(struct cli_ctx *ctx, int argc, char **argv)
{
	if (wants_help(argc, argv)) {
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
