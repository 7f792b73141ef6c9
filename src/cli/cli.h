/* The command line's shared context and helpers.  Commands take the parsed
 * global options, do their work through the model, print for people (or
 * JSON with --json) and return a sysexits.h code. */
#ifndef INMAIL_CLI_H
#define INMAIL_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "inmail/model.h"

struct cli_ctx {
	const char *db_path; /* --db / INMAIL_DB / default; never NULL */
	bool db_named;       /* given with --db on this command line */
	const char *as;      /* --as / INMAIL_USER, or NULL */
	im_time now;         /* --now / INMAIL_NOW, or the system clock */
	bool now_given;      /* the clock was set by --now / INMAIL_NOW */
};

/* Prints "inmail: " and the formatted line on stderr; returns code. */
int cli_fail(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prints the model's failure (im_model_error) and returns its exit code. */
int cli_model_fail(struct im_model *m, enum im_status st);

/* Opens the database (existing), sets the clock and, when need_actor, the
 * acting account from --as.  Prints the error and returns its exit code on
 * failure (then *out is NULL), 0 on success. */
int cli_open(const struct cli_ctx *ctx, bool need_actor, struct im_model **out);

/* True when argv[i] is "--help" or "-h" anywhere in argv. */
bool cli_wants_help(int argc, char **argv);

/* Reads a body from path ("-": standard input) into *out (free it); drops
 * the final newline an editor leaves.  0, or the printed failure's code. */
int cli_read_body_file(const char *path, char **out);

/* Parses a thread id: digits only, no sign, space or leading zero; 0, or
 * 64 after printing why. */
int cli_parse_id(const char *s, int64_t *out);

/* Parses a whole number from min to max (digits, a '-' only where min is
 * negative); what names it in the error ("--limit"). 0, or 64. */
int cli_parse_int(const char *s, const char *what, int64_t min, int64_t max,
		  int64_t *out);

/* Flushes standard output: 0, or 1 after one line saying why it could not
 * be written (a full disk); a reader that went away is not an error. */
int cli_flush_stdout(void);

/* Ends a command: flushes standard output and, on success only, says the
 * open's warning.  Returns the exit code. */
int cli_finish(int rc);

/* Commands; argv[0] is the command's own name. */
int cmd_init(struct cli_ctx *ctx, int argc, char **argv);
int cmd_user(struct cli_ctx *ctx, int argc, char **argv);
int cmd_credits(struct cli_ctx *ctx, int argc, char **argv);
int cmd_send(struct cli_ctx *ctx, int argc, char **argv);
int cmd_reply(struct cli_ctx *ctx, int argc, char **argv);
int cmd_followup(struct cli_ctx *ctx, int argc, char **argv);
int cmd_list(struct cli_ctx *ctx, int argc, char **argv);
int cmd_show(struct cli_ctx *ctx, int argc, char **argv);
int cmd_archive(struct cli_ctx *ctx, int argc, char **argv);
int cmd_notifications(struct cli_ctx *ctx, int argc, char **argv);
int cmd_stats(struct cli_ctx *ctx, int argc, char **argv);
int cmd_gen(struct cli_ctx *ctx, int argc, char **argv);
int cmd_classify(struct cli_ctx *ctx, int argc, char **argv); /* issue 3 */
int cmd_tui(struct cli_ctx *ctx, int argc, char **argv);      /* issue 4 */
int cmd_demo(struct cli_ctx *ctx, int argc, char **argv);     /* issue 4 */
int cmd_config(struct cli_ctx *ctx, int argc, char **argv);   /* issue 13 */
/* Reads the config file (unless command is "config") and fills *db and *as
 * from its [general] where the option and the variable left them NULL;
 * 0, or the printed failure's code (64: FILE:LINE: why).  cmd_config.c. */
int cli_config_apply(const char *command, const char **db, const char **as);

#endif
