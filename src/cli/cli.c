/* Helpers every command shares: failing with one line, opening the model,
 * reading bodies. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inmail/text.h"

int cli_fail(int code, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	/* Error lines may quote what the user typed: never raw to a terminal. */
	char *safe = im_text_sanitize(line, strlen(line), 0);
	fprintf(stderr, "inmail: %s\n", safe ? safe : "out of memory");
	free(safe);
	return code;
}

/* A warning from the open, said only if the command succeeds: a failure
 * prints its one line and nothing else (SPEC 5). */
static char *warning_later;

int cli_flush_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return EX_OK;
	int err = errno;
	clearerr(stdout);
	/* A reader that quit (a pager, head) is no failure of ours. */
	if (err == EPIPE)
		return EX_OK;
	/* Whatever the command did is done (a reply sent stays sent): say
	 * so, so a retry does not do it twice. */
	return cli_fail(EXIT_FAILURE, "the command ran, but its output could not be "
			"written to standard output: %s",
			err ? strerror(err) : "write error");
}

int cli_finish(int rc)
{
	if (rc == 0)
		rc = cli_flush_stdout();
	if (rc == 0 && warning_later)
		cli_fail(EX_OK, "warning: %s", warning_later);
	free(warning_later);
	warning_later = NULL;
	return rc;
}

int cli_model_fail(struct im_model *m, enum im_status st)
{
	return cli_fail(im_status_exit_code(st), "%s", im_model_error(m));
}

int cli_open(const struct cli_ctx *ctx, unsigned flags, struct im_model **out)
{
	bool create = flags & CLI_OPEN_CREATE;
	char *err = NULL;
	*out = NULL;
	enum im_status st = im_model_open(ctx->db_path, create ? IM_OPEN_CREATE
				          : IM_OPEN_EXISTING, out, &err);
	/* On a server the login is who acts (SPEC 7): --as may be left out
	 * there, so it is asked for once the database is open (and, as
	 * before, when it cannot be). */
	if (st != IM_OK && (flags & CLI_OPEN_ACTOR) && !ctx->as) {
		free(err);
		return cli_fail(EX_USAGE, "who is acting? give --as HANDLE or set "
				"INMAIL_USER");
	}
	if (st != IM_OK) {
		const char *why = err ? err : create ? "cannot create the database"
						     : "cannot open the database";
		int code = cli_fail(im_status_exit_code(st), "%s%s%s",
				    ctx->open_what ? ctx->open_what : "",
				    ctx->open_what ? ": " : "", why);
		free(err);
		return code;
	}
	/* A database just made or migrated is not warned about (as before
	 * the helper: init, gen and demo never said it). */
	const char *warning = create ? NULL : im_model_warning(*out);
	if (warning && !warning_later)
		warning_later = strdup(warning);
	st = im_model_set_clock(*out, ctx->now, ctx->now_given);
	if (st != IM_OK) {
		int code = cli_model_fail(*out, st);
		im_model_close(out);
		return code;
	}
	if (flags & CLI_OPEN_ACTOR) {
		st = im_model_set_actor(*out, ctx->as);
		if (st != IM_OK) {
			int code = cli_model_fail(*out, st);
			im_model_close(out);
			return code;
		}
	}
	return EX_OK;
}

int cli_help(const char *usage)
{
	puts(usage);
	return EX_OK;
}

int cli_no_options(int argc, char **argv, const char *usage,
		   bool operands_first)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	opterr = 0;
	optind = 0;
	int c = getopt_long(argc, argv, operands_first ? "+:h" : ":h", opts,
			    NULL);
	if (c == 'h')
		return cli_help(usage);
	if (c != -1)
		return cli_fail(EX_USAGE, "%s: unknown option '%s' (see inmail %s "
				"--help)", argv[0], argv[optind - 1], argv[0]);
	return -1;
}

/* Bodies are at most IM_BODY_MAX characters (4 bytes each at most); read a
 * little past that so "too long" is told without reading a huge file. */
#define BODY_READ_MAX (IM_BODY_MAX * 4 + 1024)

int cli_read_body_file(const char *path, char **out)
{
	*out = NULL;
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return cli_fail(EX_NOINPUT, "cannot read %s: %s", path, strerror(errno));
	char *buf = malloc(BODY_READ_MAX + 1);
	if (!buf) {
		if (f != stdin)
			fclose(f);
		return cli_fail(EXIT_FAILURE, "out of memory");
	}
	size_t n = fread(buf, 1, BODY_READ_MAX + 1, f);
	bool failed = ferror(f);
	if (f != stdin)
		fclose(f);
	if (failed) {
		free(buf);
		return cli_fail(EX_NOINPUT, "cannot read %s", path);
	}
	if (n > BODY_READ_MAX) {
		free(buf);
		return cli_fail(EX_DATAERR, "the body in %s is too long (at most %d "
				    "characters)", path, IM_BODY_MAX);
	}
	buf[n] = '\0';
	if (memchr(buf, '\0', n)) {
		free(buf);
		return cli_fail(EX_DATAERR, "the body in %s holds a NUL byte", path);
	}
	/* An editor's final newline is not part of the message. */
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	*out = buf;
	return EX_OK;
}

int cli_parse_int(const char *s, const char *what, int64_t min, int64_t max,
		  const char *msg, int64_t *out)
{
	/* Digits only: strtoll alone would take " 1", "+1" and "1 ". */
	bool neg = s && *s == '-' && min < 0;
	const char *d = s ? s + neg : "";
	bool digits = *d != '\0';
	for (const char *p = d; *p; p++)
		digits = digits && *p >= '0' && *p <= '9';
	char *end = NULL;
	errno = 0;
	long long v = digits ? strtoll(s, &end, 10) : 0;
	if (digits && !*end && !errno && v >= min && v <= max) {
		*out = v;
		return EX_OK;
	}
	const char *shown = s ? s : "";
	if (msg)
		return cli_fail(EX_USAGE, msg, shown);
	if (min == INT64_MIN && max == INT64_MAX)
		return cli_fail(EX_USAGE, "%s '%s' is not a whole number", what,
				shown);
	return cli_fail(EX_USAGE, "%s '%s' is not a whole number from %lld to "
			"%lld", what, shown, (long long)min, (long long)max);
}

int cli_parse_id(const char *s, int64_t *out)
{
	static const char msg[] = "'%s' is not a thread id (a positive number)";
	if (s && s[0] == '0')
		return cli_fail(EX_USAGE, msg, s);
	return cli_parse_int(s, NULL, 1, INT64_MAX, msg, out);
}

/* The --db value as it may be shown: a password in it (a URI's
 * user:password@, a password= of a URI's query or of a key/value string)
 * replaced by "***". */
static void print_db_redacted(FILE *out, const char *db)
{
	const char *p = db;
	bool uri = strncmp(db, "postgresql://", 13) == 0 ||
		   strncmp(db, "postgres://", 11) == 0;
	if (!uri && strncmp(db, "pg:", 3) != 0) {
		fputs(db, out); /* a file's name, whatever it holds */
		return;
	}
	const char *scheme = uri ? strstr(db, "://") : NULL;
	if (scheme) {
		/* user:password@host: the password runs from the first ':'
		 * after the scheme to the last '@' before the path. */
		const char *auth = scheme + 3;
		const char *end = auth + strcspn(auth, "/?#");
		const char *at = NULL;
		for (const char *q = auth; q < end; q++)
			if (*q == '@')
				at = q;
		const char *colon = at ? memchr(auth, ':', (size_t)(at - auth))
				       : NULL;
		if (colon) {
			fwrite(db, 1, (size_t)(colon + 1 - db), out);
			fputs("***", out);
			p = at;
		}
	}
	for (;;) {
		const char *k = strstr(p, "password=");
		if (!k)
			break;
		bool word = k == db || k[-1] == ' ' || k[-1] == '?' ||
			    k[-1] == '&' || k[-1] == ':';
		fwrite(p, 1, (size_t)(k - p) + 9, out);
		p = k + 9;
		if (!word)
			continue;
		fputs("***", out);
		if (*p == '\'')
			for (p++; *p && *p != '\''; p += (*p == '\\' && p[1]) ? 2 : 1)
				;
		p += strcspn(p, " &#");
	}
	fputs(p, out);
}

char *cli_db_shown(const char *db)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	print_db_redacted(f, db ? db : "");
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}
