/* inmail copy --from SQLITE_FILE --to URI (SPEC 7). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "output.h"

/* A bar on standard error when it is a terminal; nothing otherwise. */
static void progress_bar(void *arg, int64_t done, int64_t total)
{
	(void)arg;
	int width = 40;
	int fill = total > 0 ? (int)(done * width / total) : width;
	if (fill > width)
		fill = width;
	fprintf(stderr, "\rcopying [%.*s%*s] %lld/%lld rows", fill,
		"########################################", width - fill, "",
		(long long)done, (long long)total);
	fflush(stderr);
}

int cmd_copy(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
		"usage: inmail copy --from SQLITE_FILE --to URI [--client-clock]\n"
		"       inmail copy --from URI --to NEW_SQLITE_FILE\n\n"
		"Copies a whole SQLite database into an empty PostgreSQL one (a "
		"bare\ncreatedb, initialised as init would, or one with no "
		"accounts), in one\ntransaction: accounts, threads, messages, "
		"drafts, notifications, credits,\ntallies; each account's login "
		"role is created when missing (LOGIN, no\npassword), and the "
		"counts are checked on both sides. The other way, a server's "
		"database into\na new SQLite file, is for backups.";
	static const struct option opts[] = {
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{"client-clock", no_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const char *from = NULL, *to = NULL;
	bool client_clock = false;
	optind = 0;
	int c;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'c': client_clock = true; break;
		case 'h': return cli_help(usage);
		default: return EX_USAGE;
		}
	}
	(void)ctx;
	if (optind != argc)
		return cli_fail(EX_USAGE, "copy: unexpected '%s'", argv[optind]);
	if (!from || !to)
		return cli_fail(EX_USAGE, "copy: --from and --to are required "
				"(see inmail copy --help)");
	bool tty = isatty(STDERR_FILENO);
	char *err = NULL;
	enum im_status st = im_model_copy(from, to, client_clock,
					  tty ? progress_bar : NULL, NULL, &err);
	if (tty)
		fputc('\n', stderr);
	if (st != IM_OK) {
		int rc = cli_fail(im_status_exit_code(st), "copy: %s",
				  err ? err : im_status_to_string(st));
		free(err);
		return rc;
	}
	free(err);
	printf("copied %s\n", from);
	return EX_OK;
}
