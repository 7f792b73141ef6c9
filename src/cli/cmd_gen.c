/* inmail gen: a large deterministic data set for benchmarks. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "inmail/gen.h"
#include "output.h"

static void progress_bar(void *arg, int64_t done, int64_t total)
{
	(void)arg;
	int width = 40;
	int filled = total ? (int)(done * width / total) : width;
	fprintf(stderr, "\r[");
	for (int i = 0; i < width; i++)
		fputc(i < filled ? '#' : ' ', stderr);
	fprintf(stderr, "] %lld / %lld messages", (long long)done,
		(long long)total);
	fflush(stderr);
}

/* Removes a database file and what SQLite keeps beside it. */
static void gen_remove(const char *path)
{
	static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
		char *f = NULL;
		if (asprintf(&f, "%s%s", path, ext[i]) >= 0)
			unlink(f);
		free(f);
	}
}

/* A server's URI or key/value string (SPEC 7): gen and demo write new
 * SQLite files only. */
static bool names_server(const char *db)
{
	return strncmp(db, "postgresql://", 13) == 0 ||
	       strncmp(db, "postgres://", 11) == 0 || strncmp(db, "pg:", 3) == 0;
}

static int parse_num(const char *s, const char *what, int64_t *out)
{
	char label[32];
	snprintf(label, sizeof label, "gen: %s", what);
	return cli_parse_int(s, label, 0, INT64_MAX, NULL, out);
}

int cmd_gen(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"recruiters", required_argument, NULL, 'r'},
		{"candidates", required_argument, NULL, 'c'},
		{"threads", required_argument, NULL, 't'},
		{"messages", required_argument, NULL, 'm'},
		{"seed", required_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	static const char usage[] =
		"usage: inmail --db NEW.db gen [--recruiters N] [--candidates N] "
		"[--threads N]\n"
		"                             [--messages N] [--seed S]\n\n"
		"Fills a new database with a deterministic, realistic data set for\n"
		"benchmarks: threads over the two years before --now in every state,\n"
		"follow-ups, notifications. Defaults: 100 recruiters, 50000 "
		"candidates,\n200000 threads, 1000000 messages, seed 1.";
	struct im_gen_params p = {.recruiters = 100, .candidates = 50000,
				  .threads = 200000, .messages = 1000000,
				  .seed = 1};
	int64_t seed = 1;
	int c, rc = 0;
	optind = 0;
	while ((c = out_next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'r': rc = parse_num(optarg, "--recruiters", &p.recruiters); break;
		case 'c': rc = parse_num(optarg, "--candidates", &p.candidates); break;
		case 't': rc = parse_num(optarg, "--threads", &p.threads); break;
		case 'm': rc = parse_num(optarg, "--messages", &p.messages); break;
		case 's': rc = parse_num(optarg, "--seed", &seed); break;
		case 'h': return cli_help(usage);
		default: return EX_USAGE;
		}
		if (rc)
			return rc;
	}
	if (optind != argc)
		return cli_fail(EX_USAGE, "gen: unexpected '%s'", argv[optind]);
	p.seed = (uint64_t)seed;
	if (names_server(ctx->db_path)) {
		char *shown = cli_db_shown(ctx->db_path);
		rc = cli_fail(EX_USAGE, "gen writes a new SQLite file, and %s "
			      "names a PostgreSQL server: generate a file, then "
			      "inmail copy --from FILE --to URI",
			      shown ? shown : "--db");
		free(shown);
		return rc;
	}
	struct stat sb;
	if (stat(ctx->db_path, &sb) == 0)
		return cli_fail(EX_USAGE, "gen fills a new database, and %s exists "
				    "(name a new file with --db)", ctx->db_path);
	/* Built under another name and linked into place once complete: a
	 * gen killed halfway leaves no half database under the name asked
	 * for (at most a stray .gen- file beside it). */
	char *tmp = NULL;
	if (asprintf(&tmp, "%s.gen-%ld", ctx->db_path, (long)getpid()) < 0)
		return cli_fail(EXIT_FAILURE, "out of memory");
	gen_remove(tmp);
	struct im_model *m = NULL;
	struct cli_ctx at_tmp = *ctx;
	at_tmp.db_path = tmp;
	if ((rc = cli_open(&at_tmp, CLI_OPEN_CREATE, &m))) {
		gen_remove(tmp);
		free(tmp);
		return rc;
	}
	if (isatty(STDERR_FILENO))
		p.progress = progress_bar;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	enum im_status st = im_gen(m, &p);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (p.progress)
		fputc('\n', stderr);
	if (st != IM_OK)
		rc = cli_model_fail(m, st);
	/* Closing checkpoints the WAL into the file: it is then whole. */
	im_model_close(&m);
	if (rc == 0 && link(tmp, ctx->db_path) != 0)
		rc = cli_fail(errno == EEXIST ? EX_USAGE : EXIT_FAILURE,
			      "gen: cannot put the data set at %s: %s",
			      ctx->db_path, strerror(errno));
	gen_remove(tmp);
	free(tmp);
	if (rc)
		return rc;
	double secs = (double)(t1.tv_sec - t0.tv_sec) +
		      (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("generated %lld recruiters, %lld candidates, %lld threads, %lld "
	       "messages in %.2f s (%.0f messages/s)\n",
	       (long long)p.recruiters, (long long)p.candidates,
	       (long long)p.threads, (long long)p.messages, secs,
	       secs > 0 ? (double)p.messages / secs : 0.0);
	return EX_OK;
}
