/* The command line's shared context and helpers.  Commands take the parsed
 * global options, do their work through the model, print for people (or
 * JSON with --json) and return a sysexits.h code (EX_OK, EX_USAGE, ...;
 * EXIT_FAILURE, 1, for anything else: SPEC 5).
 *
 * Everything but main() is in the static library libinmail-cli, which the
 * executable and the fuzz harness of the command line (tests/fuzz) link. */
#ifndef INMAIL_CLI_H
#define INMAIL_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "inmail/model.h"

struct cli_ctx {
	const char *db_path; /* --db / INMAIL_DB / default; never NULL */
	bool db_named;       /* given with --db on this command line */
	const char *as;      /* --as / INMAIL_USER, or NULL */
	im_time now;         /* --now / INMAIL_NOW, or the system clock */
	bool now_given;      /* the clock was set by --now / INMAIL_NOW */
	const char *open_what; /* said before cli_open's failure ("demo"), or NULL */
};

/* inmail itself: global options, then one command (or the TUI).  Returns
 * the exit code.  Call once per process: it keeps getopt's state. */
int cli_main(int argc, char **argv);

/* Prints "inmail: " and the formatted line on stderr; returns code. */
int cli_fail(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prints the model's failure (im_model_error) and returns its exit code. */
int cli_model_fail(struct im_model *m, enum im_status st);

/* How cli_open opens. */
enum cli_open_flags {
	CLI_OPEN_EXISTING = 0,      /* the file must exist */
	CLI_OPEN_CREATE = 1 << 0,   /* create (0600, in 0700) or migrate it */
	CLI_OPEN_ACTOR = 1 << 1,    /* set the acting account from ctx->as */
};

/* Opens ctx->db_path as flags say and sets the clock to ctx->now; with
 * CLI_OPEN_ACTOR, the acting account is ctx->as (a usage error when there
 * is none).  The open's warning (others may read the file) is kept for
 * cli_finish, for an existing database only.  On failure prints one line
 * (after "OPEN_WHAT: " when ctx->open_what is set) and returns its exit
 * code, *out NULL; EX_OK on success.  A command that opens another file
 * or acts as someone else passes a copy of its ctx. */
int cli_open(const struct cli_ctx *ctx, unsigned flags, struct im_model **out);

/* The --db value as a command may show it: a password in it (a URI's
 * user:password@, a password= of a URI's query or of a pg: key/value
 * string) replaced by "***".  malloc'd; NULL when out of memory. */
char *cli_db_shown(const char *db);

/* The one way a command shows its help: usage on standard output, exit
 * EX_OK.  `inmail help COMMAND` runs `inmail COMMAND --help`, so the text
 * is the same. */
int cli_help(const char *usage);

/* Options of a command that has none but -h / --help: returns -1 to go on
 * (optind at the first operand), else the exit code to return (EX_OK after
 * the help, EX_USAGE after one line about an unknown option).  With
 * operands_first, options are looked for only before the first operand
 * (for operands that may begin with '-', like credits' N). */
int cli_no_options(int argc, char **argv, const char *usage,
		   bool operands_first);

/* Reads a body from path ("-": standard input) into *out (free it); drops
 * the final newline an editor leaves.  0, or the printed failure's code. */
int cli_read_body_file(const char *path, char **out);

/* The one integer parser.  Parses all of s as a whole number from min to
 * max: decimal digits, a '-' first only where min is negative; no space,
 * '+', or anything after.  On failure prints one line and returns
 * EX_USAGE: msg when it is not NULL (a format taking s as its one %s),
 * else "WHAT 'S' is not a whole number from MIN to MAX" (without the range
 * when min and max are INT64_MIN and INT64_MAX).  EX_OK on success. */
int cli_parse_int(const char *s, const char *what, int64_t min, int64_t max,
		  const char *msg, int64_t *out);

/* A thread id: cli_parse_int from 1, and no leading zero. */
int cli_parse_id(const char *s, int64_t *out);

/* Flushes standard output: 0, or 1 after one line saying why it could not
 * be written (a full disk); a reader that went away is not an error. */
int cli_flush_stdout(void);

/* Ends a command: flushes standard output and, on success only, says the
 * open's warning.  Returns the exit code. */
int cli_finish(int rc);

/* Commands; argv[0] is the command's own name.  Each is one line of the
 * table in cli_main.c. */
int cmd_init(struct cli_ctx *ctx, int argc, char **argv);
int cmd_user(struct cli_ctx *ctx, int argc, char **argv);
int cmd_credits(struct cli_ctx *ctx, int argc, char **argv);
int cmd_send(struct cli_ctx *ctx, int argc, char **argv);
int cmd_reply(struct cli_ctx *ctx, int argc, char **argv);
int cmd_followup(struct cli_ctx *ctx, int argc, char **argv);
int cmd_list(struct cli_ctx *ctx, int argc, char **argv);
int cmd_show(struct cli_ctx *ctx, int argc, char **argv);
int cmd_archive(struct cli_ctx *ctx, int argc, char **argv);
int cmd_unread(struct cli_ctx *ctx, int argc, char **argv);   /* SPEC 9 */
int cmd_template(struct cli_ctx *ctx, int argc, char **argv); /* SPEC 9 */
/* send --template (SPEC 9), cmd_bulk.c: to (n_to handles) or the CSV
 * to_file; var holds WORD=VALUE strings (written into). */
struct cli_template_args {
	const char *name;
	const char *const *to;
	size_t n_to;
	const char *to_file;
	char **var;
	size_t n_var;
	bool dry_run;
};
int cli_send_template(struct cli_ctx *ctx, const struct cli_template_args *a);
int cmd_notifications(struct cli_ctx *ctx, int argc, char **argv);
int cmd_stats(struct cli_ctx *ctx, int argc, char **argv);
int cmd_search(struct cli_ctx *ctx, int argc, char **argv); /* issue 16 */
int cmd_report(struct cli_ctx *ctx, int argc, char **argv); /* issue 16 */
int cmd_gen(struct cli_ctx *ctx, int argc, char **argv);
int cmd_classify(struct cli_ctx *ctx, int argc, char **argv); /* issue 3 */
int cmd_tui(struct cli_ctx *ctx, int argc, char **argv);      /* issue 4 */
int cmd_demo(struct cli_ctx *ctx, int argc, char **argv);     /* issue 4 */
int cmd_config(struct cli_ctx *ctx, int argc, char **argv);   /* issue 13 */
int cmd_copy(struct cli_ctx *ctx, int argc, char **argv);     /* issue 14 */
/* Reads the config file (unless command is "config") and fills *db and *as
 * from its [general] where the option and the variable left them NULL;
 * 0, or the printed failure's code (64: FILE:LINE: why).  cmd_config.c. */
int cli_config_apply(const char *command, const char **db, const char **as);

#endif
