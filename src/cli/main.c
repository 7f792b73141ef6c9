/* inmail: global options, then one command. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct command {
	const char *name;
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
	const char *usage;
};

static const struct command commands[] = {
	{"init", cmd_init, "init                       create or migrate the database"},
	{"user", cmd_user, "user add|list ...          add or list accounts"},
	{"credits", cmd_credits, "credits grant HANDLE N     add N InMail credits to a recruiter"},
	{"send", cmd_send, "send --to C[,C...] ...     send an InMail to each candidate"},
	{"reply", cmd_reply, "reply THREAD ...           answer in a thread"},
	{"followup", cmd_followup, "followup THREAD ...        a recruiter's follow-up while pending"},
	{"list", cmd_list, "list [--folder F] [--json] your threads in a folder"},
	{"show", cmd_show, "show THREAD [--json]       one thread with its messages"},
	{"archive", cmd_archive, "archive THREAD             archive a thread on your side"},
	{"unarchive", cmd_archive, "unarchive THREAD           bring it back"},
	{"notifications", cmd_notifications, "notifications [--json]     a recruiter's notifications"},
	{"stats", cmd_stats, "stats [--json]             credits, outcomes and response rate"},
	{"gen", cmd_gen, "gen [--threads N] ...       fill a new database for benchmarks"},
	{"classify", cmd_classify, "classify [--explain] [--json]  accept/decline for replies on stdin"},
	{"tui", cmd_tui, "tui                        the interactive inbox (the default)"},
	{"demo", cmd_demo, "demo                       recruiter and candidate side by side"},
	{"config", cmd_config, "config check [FILE] | show check the config file, or show the settings"},
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
	      "Commands (inmail COMMAND --help for each):\n", f);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %s\n", commands[i].usage);
	fputs("\nWith no command, inmail opens the interactive inbox.\n"
	      "Exit codes: 0 ok, 64 usage, 65 invalid data, 66 no such account "
	      "or thread,\n69 no InMail credits left, 77 not permitted, 1 "
	      "anything else.\n", f);
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
		*err = cli_fail(64, "%s needs a value", opt);
		return NULL;
	}
	return argv[++*i];
}

int main(int argc, char **argv)
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
			return cli_finish(0);
		} else if (strcmp(argv[i], "--version") == 0) {
			puts("inmail 0.1.0");
			return cli_finish(0);
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
			cli_fail(64, "unknown option '%s' (global options: --db, "
				     "--as, --now; see inmail --help)", argv[i]);
			return 64;
		}
	}

	int crc = cli_config_apply(i < argc ? argv[i] : NULL, &db, &ctx.as);
	if (crc)
		return crc;
	if (now) {
		if (!im_clock_parse(now, &ctx.now))
			return cli_fail(64, "%s '%s' is not a time from "
					    "1970-01-01T00:00:01Z to "
					    "9999-12-31T23:59:59Z: use 2026-01-31 "
					    "or 2026-01-31T09:00:00Z", now_from, now);
		ctx.now_given = true;
	} else {
		ctx.now = im_clock_system();
		if (!im_time_valid(ctx.now))
			return cli_fail(1, "the system clock reads %lld, outside "
					   "1970-01-01T00:00:01Z .. "
					   "9999-12-31T23:59:59Z: set it, or give "
					   "--now", (long long)ctx.now);
	}
	char *default_db = NULL;
	if (!db) {
		default_db = im_model_default_path();
		if (!default_db)
			return cli_fail(64, "no database: give --db PATH or set "
					    "INMAIL_DB (HOME is not set)");
		db = default_db;
	}
	ctx.db_path = db;

	int rc;
	if (i >= argc) {
		char *tui_argv[] = {"tui", NULL};
		rc = cmd_tui(&ctx, 1, tui_argv);
	} else {
		const struct command *cmd = NULL;
		for (size_t k = 0; k < N_COMMANDS; k++)
			if (strcmp(commands[k].name, argv[i]) == 0)
				cmd = &commands[k];
		if (!cmd)
			rc = cli_fail(64, "unknown command '%s' (see inmail --help)",
				      argv[i]);
		else
			rc = cmd->run(&ctx, argc - i, argv + i);
	}
	free(default_db);
	return cli_finish(rc);
}
