/* inmail tui and inmail demo: the terminal interface (SPEC 6). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "demo_seed.h"
#include "tui.h"

#define TUI_EXIT_FAIL 1 /* SPEC 5: anything else */

static int tui_finish(int rc, char *err)
{
	if (rc != 0)
		cli_fail(TUI_EXIT_FAIL, "%s", err ? err : "tui: failed");
	free(err);
	return rc ? TUI_EXIT_FAIL : EX_OK;
}

int cmd_tui(struct cli_ctx *ctx, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: inmail [--db PATH] --as HANDLE [tui]\n\n"
		     "The interactive inbox of the acting account.  Press ? "
		     "inside for the keys.");
		return EX_OK;
	}
	if (argc > 1)
		return cli_fail(EX_USAGE, "tui takes no arguments (see inmail "
				"tui --help)");
	struct im_model *m = NULL;
	int rc = cli_open(ctx, true, &m);
	if (rc != 0)
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
		cli_fail(TUI_EXIT_FAIL, "demo: cannot make a temporary directory");
		free(*tmpdir);
		*tmpdir = NULL;
		return NULL;
	}
	return path;
}

static void demo_remove(const char *path, char *tmpdir)
{
	if (!tmpdir)
		return;
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < 4; i++) {
		char *p = NULL;
		if (asprintf(&p, "%s%s", path, suffixes[i]) >= 0) {
			unlink(p);
			free(p);
		}
	}
	rmdir(tmpdir);
	free(tmpdir);
}

/* Opens one pane's handle: its own connection, clock and actor. */
static int demo_open(const char *path, enum im_open_mode mode, im_time now,
		     struct im_model **m)
{
	char *err = NULL;
	enum im_status st = im_model_open(path, mode, m, &err);
	if (st != IM_OK) {
		int code = cli_fail(im_status_exit_code(st), "demo: %s",
				    err ? err : "cannot open the database");
		free(err);
		return code;
	}
	im_model_set_now(*m, now);
	return 0;
}

int cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: inmail [--db NEW-PATH] demo [--guide]\n\n"
		     "Recruiter and candidate side by side on a fresh demo "
		     "database (a temporary\none, or --db if that file does not "
		     "exist yet).  Ctrl-W moves the keyboard,\nF9 moves the "
		     "demo clock a day ahead, ? lists the keys, q quits.\n"
		     "--guide adds a line that says what to press next to show "
		     "the story step by\nstep; F10 hides it.");
		return EX_OK;
	}
	/* --guide: the one option (issue 12, the guided demo). */
	bool guide = argc == 2 && strcmp(argv[1], "--guide") == 0;
	if (argc > 1 && !guide)
		return cli_fail(EX_USAGE, "demo takes only --guide (see inmail "
				"demo --help)");
	im_time now;
	im_clock_parse(DEMO_NOW, &now);
	char *tmpdir = NULL;
	char *path = demo_path(ctx, &tmpdir);
	if (!path)
		return EX_USAGE;
	struct im_model *rec = NULL, *cand = NULL;
	int rc = demo_open(path, IM_OPEN_CREATE, now, &rec);
	if (rc == 0) {
		enum im_status st = demo_seed(rec, now);
		if (st == IM_OK)
			st = im_model_set_actor(rec, DEMO_RECRUITER);
		if (st != IM_OK)
			rc = cli_model_fail(rec, st);
	}
	if (rc == 0)
		rc = demo_open(path, IM_OPEN_EXISTING, now, &cand);
	if (rc == 0) {
		enum im_status st = im_model_set_actor(cand, DEMO_CANDIDATE);
		if (st != IM_OK)
			rc = cli_model_fail(cand, st);
	}
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
	demo_remove(path, tmpdir);
	free(path);
	return rc;
}
