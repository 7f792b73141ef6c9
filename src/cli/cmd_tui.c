/* inmail tui and inmail demo: the terminal interface (SPEC 6). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "demo_seed.h"
#include "tui.h"

static int tui_finish(int rc, char *err)
{
	if (rc != 0)
		cli_fail(EXIT_FAILURE, "%s", err ? err : "tui: failed");
	free(err);
	return rc ? EXIT_FAILURE : EX_OK;
}

int cmd_tui(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
		"usage: inmail [--db PATH] --as HANDLE [tui]\n\n"
		"The interactive inbox of the acting account.  Press ? "
		"inside for the keys.";
	int rc = cli_no_options(argc, argv, usage, false);
	if (rc >= 0)
		return rc;
	if (optind != argc)
		return cli_fail(EX_USAGE, "tui takes no arguments (see inmail "
				"tui --help)");
	struct im_model *m = NULL;
	if ((rc = cli_open(ctx, CLI_OPEN_ACTOR, &m)))
		return rc;
	struct tui_options o = {.models = {m}, .n = 1,
				.clock_fixed = ctx->now_given};
	char *err = NULL;
	rc = tui_run(&o, &err);
	im_model_close(&m);
	return tui_finish(rc, err);
}

/* The database the demo writes: the --db file when one was named and does
 * not exist yet, else a new temporary one (*tmpdir set, to remove). */
static char *demo_path(const struct cli_ctx *ctx, char **tmpdir)
{
	*tmpdir = NULL;
	/* Only a --db of this command line names the demo's database; the
	 * user's own (INMAIL_DB, the default) is never touched. */
	if (ctx->db_named && (!strncmp(ctx->db_path, "postgresql://", 13) ||
			      !strncmp(ctx->db_path, "postgres://", 11) ||
			      !strncmp(ctx->db_path, "pg:", 3))) {
		char *shown = cli_db_shown(ctx->db_path); /* SPEC 7 */
		cli_fail(EX_USAGE, "demo: %s names a PostgreSQL server; the demo "
			 "writes a new SQLite file (name one with --db, or leave "
			 "--db out)", shown ? shown : "--db");
		free(shown);
		return NULL;
	}
	if (ctx->db_named) {
		struct stat sb;
		if (stat(ctx->db_path, &sb) == 0) {
			cli_fail(EX_USAGE, "demo: %s exists; the demo only "
				 "writes a new database (leave out --db for a "
				 "temporary one)", ctx->db_path);
			return NULL;
		}
		return strdup(ctx->db_path);
	}
	const char *tmp = getenv("TMPDIR");
	char *path = NULL;
	if (asprintf(tmpdir, "%s/inmail-demo-XXXXXX", tmp && *tmp ? tmp
		     : "/tmp") < 0) {
		*tmpdir = NULL;
		return NULL;
	}
	if (!mkdtemp(*tmpdir) || asprintf(&path, "%s/demo.db", *tmpdir) < 0) {
		cli_fail(EXIT_FAILURE, "demo: cannot make a temporary directory");
		free(*tmpdir);
		*tmpdir = NULL;
		return NULL;
	}
	return path;
}

/* Whether path names a server, not a file (nothing to remove then). */
static bool demo_is_server(const char *path)
{
	return strncmp(path, "postgresql://", 13) == 0 ||
	       strncmp(path, "postgres://", 11) == 0 ||
	       strncmp(path, "postgresql:", 11) == 0;
}

/* Removes the database file the demo made and its journals: the
 * temporary one always, a --db one when the demo failed (it did not
 * exist before: demo_path refuses one that does). */
static void demo_remove(const char *path, char *tmpdir, bool failed)
{
	if (!tmpdir && (!failed || demo_is_server(path)))
		return;
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < 4; i++) {
		char *p = NULL;
		if (asprintf(&p, "%s%s", path, suffixes[i]) >= 0) {
			unlink(p);
			free(p);
		}
	}
	if (tmpdir)
		rmdir(tmpdir);
	free(tmpdir);
}

int cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
		"usage: inmail [--db NEW-PATH] demo [--guide]\n\n"
		"Recruiter and candidate side by side on a fresh demo "
		"database (a temporary\none, or --db if that file does not "
		"exist yet).  Ctrl-W moves the keyboard,\nF9 moves the "
		"demo clock a day ahead, ? lists the keys, q quits.\n"
		"--guide adds a line that says what to press next to show "
		"the story step by\nstep; F10 hides it and brings it back.";
	/* --guide: the one option (issue 12, the guided demo). */
	bool guide = argc == 2 && strcmp(argv[1], "--guide") == 0;
	int rc = guide ? -1 : cli_no_options(argc, argv, usage, false);
	if (rc >= 0)
		return rc;
	if (!guide && optind != argc)
		return cli_fail(EX_USAGE, "demo takes only --guide (see inmail "
				"demo --help)");
	/* Each pane has its own connection, at the demo's clock. */
	struct cli_ctx demo = *ctx;
	im_clock_parse(DEMO_NOW, &demo.now);
	demo.open_what = "demo";
	char *tmpdir = NULL;
	char *path = demo_path(ctx, &tmpdir);
	if (!path)
		return EX_USAGE;
	demo.db_path = path;
	struct im_model *rec = NULL, *cand = NULL;
	rc = cli_open(&demo, CLI_OPEN_CREATE, &rec);
	if (rc == 0) {
		enum im_status st = demo_seed(rec, demo.now);
		if (st == IM_OK)
			st = im_model_set_actor(rec, DEMO_RECRUITER);
		if (st != IM_OK)
			rc = cli_model_fail(rec, st);
	}
	demo.as = DEMO_CANDIDATE;
	if (rc == 0)
		rc = cli_open(&demo, CLI_OPEN_ACTOR, &cand);
	if (rc == 0) {
		struct tui_options o = {.models = {rec, cand}, .n = 2,
					.demo = true, .clock_fixed = true,
					.guide = guide};
		char *err = NULL;
		/* Two statements: the order of a call's arguments is not
		 * defined, and err must be read after tui_run set it. */
		rc = tui_run(&o, &err);
		rc = tui_finish(rc, err);
	}
	im_model_close(&cand);
	im_model_close(&rec);
	if (rc == 0 && !tmpdir)
		printf("demo database kept: %s\n", path);
	demo_remove(path, tmpdir, rc != 0);
	free(path);
	return rc;
}
