/* Helpers every command shares: failing with one line, opening the model,
 * reading bodies. */
#include <errno.h>
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
		return 0;
	int err = errno;
	clearerr(stdout);
	/* A reader that quit (a pager, head) is no failure of ours. */
	if (err == EPIPE)
		return 0;
	/* Whatever the command did is done (a reply sent stays sent): say
	 * so, so a retry does not do it twice. */
	return cli_fail(1, "the command ran, but its output could not be "
			"written to standard output: %s",
			err ? strerror(err) : "write error");
}

int cli_finish(int rc)
{
	if (rc == 0)
		rc = cli_flush_stdout();
	if (rc == 0 && warning_later)
		cli_fail(0, "warning: %s", warning_later);
	free(warning_later);
	warning_later = NULL;
	return rc;
}

int cli_model_fail(struct im_model *m, enum im_status st)
{
	return cli_fail(im_status_exit_code(st), "%s", im_model_error(m));
}

int cli_open(const struct cli_ctx *ctx, bool need_actor, struct im_model **out)
{
	char *err = NULL;
	*out = NULL;
	if (need_actor && !ctx->as)
		return cli_fail(64, "who is acting? give --as HANDLE or set "
				    "INMAIL_USER");
	enum im_status st = im_model_open(ctx->db_path, IM_OPEN_EXISTING, out, &err);
	if (st != IM_OK) {
		int code = cli_fail(im_status_exit_code(st), "%s",
				    err ? err : "cannot open the database");
		free(err);
		return code;
	}
	const char *warning = im_model_warning(*out);
	if (warning && !warning_later)
		warning_later = strdup(warning);
	im_model_set_now(*out, ctx->now);
	if (need_actor) {
		st = im_model_set_actor(*out, ctx->as);
		if (st != IM_OK) {
			int code = cli_model_fail(*out, st);
			im_model_close(out);
			return code;
		}
	}
	return 0;
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

/* Bodies are at most IM_BODY_MAX characters (4 bytes each at most); read a
 * little past that so "too long" is told without reading a huge file. */
#define BODY_READ_MAX (IM_BODY_MAX * 4 + 1024)

int cli_read_body_file(const char *path, char **out)
{
	*out = NULL;
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return cli_fail(66, "cannot read %s: %s", path, strerror(errno));
	char *buf = malloc(BODY_READ_MAX + 1);
	if (!buf) {
		if (f != stdin)
			fclose(f);
		return cli_fail(1, "out of memory");
	}
	size_t n = fread(buf, 1, BODY_READ_MAX + 1, f);
	bool failed = ferror(f);
	if (f != stdin)
		fclose(f);
	if (failed) {
		free(buf);
		return cli_fail(66, "cannot read %s", path);
	}
	if (n > BODY_READ_MAX) {
		free(buf);
		return cli_fail(65, "the body in %s is too long (at most %d "
				    "characters)", path, IM_BODY_MAX);
	}
	buf[n] = '\0';
	if (memchr(buf, '\0', n)) {
		free(buf);
		return cli_fail(65, "the body in %s holds a NUL byte", path);
	}
	/* An editor's final newline is not part of the message. */
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	*out = buf;
	return 0;
}

int cli_parse_int(const char *s, const char *what, int64_t min, int64_t max,
		  int64_t *out)
{
	/* Digits only: strtoll alone would take " 1", "+1" and "-0". */
	bool neg = s && *s == '-' && min < 0;
	const char *d = s ? s + neg : "";
	bool digits = *d != '\0';
	for (const char *p = d; *p; p++)
		digits = digits && *p >= '0' && *p <= '9';
	char *end = NULL;
	errno = 0;
	long long v = digits ? strtoll(s, &end, 10) : 0;
	if ((!digits || *end || errno) && min == INT64_MIN && max == INT64_MAX)
		return cli_fail(64, "%s '%s' is not a whole number", what,
				s ? s : "");
	if (!digits || *end || errno || v < min || v > max)
		return cli_fail(64, "%s '%s' is not a whole number from %lld to %lld",
				what, s ? s : "", (long long)min, (long long)max);
	*out = v;
	return 0;
}

int cli_parse_id(const char *s, int64_t *out)
{
	bool digits = s && *s >= '1' && *s <= '9';
	for (const char *p = s; digits && *p; p++)
		digits = *p >= '0' && *p <= '9';
	char *end = NULL;
	errno = 0;
	long long v = digits ? strtoll(s, &end, 10) : 0;
	if (!digits || *end || errno || v <= 0)
		return cli_fail(64, "'%s' is not a thread id (a positive number)",
				s ? s : "");
	*out = v;
	return 0;
}
