/* inmail: global options, then one command; `help`, --version, and a
 * near miss of a command's name. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "version.h"

struct command {
	const char *name;
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
	const char *usage; /* its line in inmail --help */
};

static int cmd_help(struct cli_ctx *ctx, int argc, char **argv);

/* The commands, one line each, in the order inmail --help lists them.
 * Each prints its own --help (through cli_help), which `inmail help NAME`
 * shows too. */
static const struct command commands[] = {
	{"init", cmd_init, "init                       create or migrate the database"},
	{"user", cmd_user, "user add|list ...          add or list accounts"},
	{"credits", cmd_credits, "credits grant|allot|history  a recruiter's credits: add, monthly, the ledger"},
	{"template", cmd_template, "template add|list|show|rm  your InMail templates"},
	{"send", cmd_send, "send --to C[,C...] ...     send an InMail to each candidate"},
	{"reply", cmd_reply, "reply THREAD ...           answer in a thread"},
	{"followup", cmd_followup, "followup THREAD ...        a recruiter's follow-up while pending"},
	{"list", cmd_list, "list [--folder F] [--json] your threads in a folder"},
	{"show", cmd_show, "show THREAD [--json]       one thread with its messages"},
	{"archive", cmd_archive, "archive THREAD             archive a thread on your side"},
	{"unarchive", cmd_archive, "unarchive THREAD           bring it back"},
	{"unread", cmd_unread, "unread THREAD              make a thread unread again for you"},
	{"notifications", cmd_notifications, "notifications [--json]     a recruiter's notifications"},
	{"search", cmd_search, "search QUERY [--json]      your threads that meet a query"},
	{"report", cmd_report, "report [--weeks N] [--json] InMails and response rate per week"},
	{"stats", cmd_stats, "stats [--json]             credits, outcomes and response rate"},
	{"copy", cmd_copy, "copy --from FILE --to URI  an SQLite file into a PostgreSQL database"},
	{"gen", cmd_gen, "gen [--threads N] ...       fill a new database for benchmarks"},
	{"classify", cmd_classify, "classify [--explain] [--json]  accept/decline for replies on stdin"},
	{"tui", cmd_tui, "tui                        the interactive inbox (the default)"},
	{"demo", cmd_demo, "demo                       recruiter and candidate side by side"},
	{"config", cmd_config, "config check [FILE] | show check the config file, or show the settings"},
	{"help", cmd_help, "help [COMMAND]             this text, or a command's (its --help)"},
};
#define N_COMMANDS (sizeof commands / sizeof *commands)

static void usage(FILE *f)
{
	fputs("usage: inmail [--db PATH] [--as HANDLE] [--now TIME] [COMMAND ...]\n"
	      "\n"
	      "A terminal inbox for recruiter InMail.\n"
	      "\n"
	      "Global options (before the command), each with its variable:\n"
	      "  --db PATH     database file (INMAIL_DB; default\n"
	      "                $XDG_DATA_HOME/inmail/inmail.db)\n"
	      "  --as HANDLE   who acts (INMAIL_USER)\n"
	      "  --now TIME    the clock: 2026-01-31 or 2026-01-31T09:00:00Z\n"
	      "                (INMAIL_NOW)\n"
	      "\n"
	      "Commands (inmail help COMMAND, or inmail COMMAND --help, for each):\n", f);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %s\n", commands[i].usage);
	fputs("\nWith no command, inmail opens the interactive inbox.\n"
	      "Exit codes: 0 ok, 64 usage, 65 invalid data, 66 no such account "
	      "or thread,\n69 no InMail credits left, 77 not permitted, 1 "
	      "anything else.\n", f);
}

static const struct command *command_named(const char *name)
{
	for (size_t k = 0; k < N_COMMANDS; k++)
		if (strcmp(commands[k].name, name) == 0)
			return &commands[k];
	return NULL;
}

/* Edits from a to b: insertions, deletions, substitutions and swaps of
 * two neighbours ("sned" is one from "send"); at most 3 is told exactly,
 * more as 4, which is all a suggestion needs. */
static size_t edit_distance(const char *a, const char *b)
{
	enum { W = 32 };
	size_t n = strlen(a), m = strlen(b);
	if (n >= W || m >= W)
		return 4;
	size_t d[W + 1][W + 1];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[n][m] > 4 ? 4 : d[n][m];
}

/* The command a mistyped name most likely meant: the nearest within two
 * edits (the first in the table on a tie), else the one command it begins
 * (three letters or more); NULL when none is near. */
static const char *nearest_command(const char *name)
{
	const char *best = NULL, *prefix_of = NULL;
	size_t best_d = 3, len = strlen(name), n_prefix = 0;
	for (size_t k = 0; k < N_COMMANDS; k++) {
		size_t d = edit_distance(name, commands[k].name);
		/* A one-letter name is within two edits of every short
		 * command: no guess. */
		if (d < best_d && d < len) {
			best_d = d;
			best = commands[k].name;
		}
		if (len >= 3 && strncmp(commands[k].name, name, len) == 0) {
			prefix_of = commands[k].name;
			n_prefix++;
		}
	}
	if (best)
		return best;
	return n_prefix == 1 ? prefix_of : NULL;
}

static int unknown_command(const char *name)
{
	const char *near = nearest_command(name);
	if (near)
		return cli_fail(EX_USAGE, "unknown command '%s'; did you mean "
				"'%s'?", name, near);
	return cli_fail(EX_USAGE, "unknown command '%s' (see inmail --help)",
			name);
}

static const char help_usage[] =
	"usage: inmail help [COMMAND]\n\n"
	"Without a command, what inmail --help prints: the global options and\n"
	"the commands.  With one, the same as inmail COMMAND --help.";

/* inmail help [COMMAND]: the command's own --help, so the two agree. */
static int cmd_help(struct cli_ctx *ctx, int argc, char **argv)
{
	int rc = cli_no_options(argc, argv, help_usage, false);
	if (rc >= 0)
		return rc;
	if (optind == argc) {
		usage(stdout);
		return EX_OK;
	}
	if (optind + 1 != argc)
		return cli_fail(EX_USAGE, "help: give one COMMAND (see inmail "
				"help --help)");
	const struct command *cmd = command_named(argv[optind]);
	if (!cmd)
		return unknown_command(argv[optind]);
	if (cmd->run == cmd_help)
		return cli_help(help_usage);
	char *help_argv[] = {(char *)cmd->name, "--help", NULL};
	return cmd->run(ctx, 2, help_argv);
}

/* "inmail 0.1.0", and the git revision built from where there was one. */
static void version(void)
{
	if (INMAIL_REVISION[0])
		printf("inmail %s (git %s)\n", INMAIL_VERSION, INMAIL_REVISION);
	else
		printf("inmail %s\n", INMAIL_VERSION);
}

/* Takes "--opt VALUE" or "--opt=VALUE" at argv[*i]; NULL if not it. */
static const char *global_opt(int argc, char **argv, int *i, const char *opt,
			      int *err)
{
	size_t n = strlen(opt);
	const char *a = argv[*i];
	if (strncmp(a, opt, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*err = cli_fail(EX_USAGE, "%s needs a value", opt);
		return NULL;
	}
	return argv[++*i];
}

int cli_main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	struct cli_ctx ctx = {0};
	const char *db = getenv("INMAIL_DB");
	const char *now = getenv("INMAIL_NOW");
	const char *now_from = "INMAIL_NOW";
	ctx.as = getenv("INMAIL_USER");
	if (ctx.as && !*ctx.as)
		ctx.as = NULL;
	if (db && !*db)
		db = NULL;
	if (now && !*now)
		now = NULL;

	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		int err = 0;
		const char *v;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return cli_finish(EX_OK);
		} else if (strcmp(argv[i], "--version") == 0) {
			version();
			return cli_finish(EX_OK);
		} else if ((v = global_opt(argc, argv, &i, "--db", &err))) {
			db = v;
			ctx.db_named = true;
		} else if ((v = global_opt(argc, argv, &i, "--as", &err))) {
			ctx.as = v;
		} else if ((v = global_opt(argc, argv, &i, "--now", &err))) {
			now = v;
			now_from = "--now";
		} else if (err) {
			return err;
		} else {
			return cli_fail(EX_USAGE, "unknown option '%s' (global "
					"options: --db, --as, --now; see inmail "
					"--help)", argv[i]);
		}
	}

	int crc = cli_config_apply(i < argc ? argv[i] : NULL, &db, &ctx.as);
	if (crc)
		return crc;
	if (now) {
		if (!im_clock_parse(now, &ctx.now))
			return cli_fail(EX_USAGE, "%s '%s' is not a time from "
					    "1970-01-01T00:00:01Z to "
					    "9999-12-31T23:59:59Z: use 2026-01-31 "
					    "or 2026-01-31T09:00:00Z", now_from, now);
		ctx.now_given = true;
	} else {
		ctx.now = im_clock_system();
		if (!im_time_valid(ctx.now))
			return cli_fail(EXIT_FAILURE, "the system clock reads %lld, outside "
					   "1970-01-01T00:00:01Z .. "
					   "9999-12-31T23:59:59Z: set it, or give "
					   "--now", (long long)ctx.now);
	}
	char *default_db = NULL;
	if (!db) {
		default_db = im_model_default_path();
		if (!default_db)
			return cli_fail(EX_USAGE, "no database: give --db PATH or set "
					    "INMAIL_DB (HOME is not set)");
		db = default_db;
	}
	ctx.db_path = db;

	int rc;
	if (i >= argc) {
		char *tui_argv[] = {"tui", NULL};
		rc = cmd_tui(&ctx, 1, tui_argv);
	} else {
		const struct command *cmd = command_named(argv[i]);
		if (!cmd)
			rc = unknown_command(argv[i]);
		else
			rc = cmd->run(&ctx, argc - i, argv + i);
	}
	free(default_db);
	return cli_finish(rc);
}
