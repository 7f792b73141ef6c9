/* Running the real `inmail` binary: see clirun.h. */
#include "clirun.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

extern char **environ;

static const char *snapshot(struct cli *c, bool settle);

struct cli_own {
	void *p;
	void (*release)(void *);
	struct cli_own *next;
};

static void *own(struct cli *c, void *p, void (*release)(void *))
{
	struct cli_own *o = malloc(sizeof *o);
	if (!o || !p) {
		free(o);
		release(p);
		fail_msg("out of memory");
	}
	o->p = p;
	o->release = release;
	o->next = c->owned;
	c->owned = o;
	return p;
}

static void json_release(void *p)
{
	json_decref(p);
}

const char *cli_fmt(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		s = NULL;
	return own(c, s, free);
}

const char *cli_repeat(struct cli *c, const char *unit, size_t n)
{
	size_t u = strlen(unit);
	char *s = malloc(u * n + 1);
	if (s) {
		for (size_t i = 0; i < n; i++)
			memcpy(s + i * u, unit, u);
		s[u * n] = '\0';
	}
	return own(c, s, free);
}

struct cli *cli_new(void)
{
	struct cli *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->exe = getenv("INMAIL_EXE");
	if (!c->exe || !*c->exe) {
		fprintf(stderr, "clirun: set INMAIL_EXE to the inmail binary\n");
		free(c);
		return NULL;
	}
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(c->dir, sizeof c->dir, "%s/inmail-cli-XXXXXX", tmp);
	if (!mkdtemp(c->dir)) {
		fprintf(stderr, "clirun: mkdtemp %s: %s\n", c->dir, strerror(errno));
		free(c);
		return NULL;
	}
	snprintf(c->db, sizeof c->db, "%s/data/inmail.db", c->dir);
	snprintf(c->now, sizeof c->now, "2026-03-02T09:00:00Z");
	return c;
}

static int rm_one(const char *path, const struct stat *sb, int flag,
		  struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	/* A test may have taken permissions away; give them back to remove. */
	chmod(path, 0700);
	remove(path);
	return 0;
}

void cli_free(struct cli **cp)
{
	struct cli *c = *cp;
	if (!c)
		return;
	*cp = NULL;
	if (c->dir[0]) {
		chmod(c->dir, 0700);
		nftw(c->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	}
	while (c->results) {
		struct cli_res *r = c->results;
		c->results = r->next;
		free(r->out);
		free(r->err);
		free(r);
	}
	while (c->owned) {
		struct cli_own *o = c->owned;
		c->owned = o->next;
		o->release(o->p);
		free(o);
	}
	free(c);
}

void cli_at(struct cli *c, const char *now)
{
	snprintf(c->now, sizeof c->now, "%s", now ? now : "");
}

/* NAME of NAME=VALUE (or of a bare NAME) is in list? */
static int env_named(const char *const *list, const char *entry)
{
	size_t n = strcspn(entry, "=");
	for (size_t i = 0; list && list[i]; i++)
		if (strncmp(list[i], entry, n) == 0 &&
		    (list[i][n] == '=' || list[i][n] == '\0'))
			return 1;
	return 0;
}

static char **build_env(struct cli *c, char *db_var, char *now_var)
{
	size_t n = 0;
	for (char **e = environ; *e; e++)
		n++;
	for (size_t i = 0; c->extra_env && c->extra_env[i]; i++)
		n++;
	char **env = calloc(n + 3, sizeof *env);
	if (!env)
		return NULL;
	size_t k = 0;
	for (char **e = environ; *e; e++) {
		if (strncmp(*e, "INMAIL_", 7) == 0 || env_named(c->extra_env, *e))
			continue;
		env[k++] = *e;
	}
	if (!env_named(c->extra_env, "INMAIL_DB"))
		env[k++] = db_var;
	if (c->now[0] && !env_named(c->extra_env, "INMAIL_NOW"))
		env[k++] = now_var;
	for (size_t i = 0; c->extra_env && c->extra_env[i]; i++)
		if (strchr(c->extra_env[i], '='))
			env[k++] = (char *)c->extra_env[i];
	env[k] = NULL;
	return env;
}

static int drain(int fd, char **buf, size_t *len, size_t *cap)
{
	if (*cap - *len < 4096) {
		size_t ncap = *cap * 2 + 8192;
		char *nb = realloc(*buf, ncap);
		if (!nb)
			return -1;
		*buf = nb;
		*cap = ncap;
	}
	ssize_t r = read(fd, *buf + *len, *cap - *len - 1);
	if (r < 0)
		return errno == EINTR ? 1 : -1;
	*len += (size_t)r;
	(*buf)[*len] = '\0';
	return r > 0;
}

const struct cli_res *cli_run(struct cli *c, const char *as,
			      const char *const *argv)
{
	struct cli_res *r = calloc(1, sizeof *r);
	if (!r)
		fail_msg("out of memory");
	r->next = c->results;
	c->results = r;
	r->code = -1;

	size_t argc = 0;
	while (argv[argc])
		argc++;
	const char **av = calloc(argc + 4, sizeof *av);
	if (!av)
		fail_msg("out of memory");
	size_t k = 0;
	av[k++] = c->exe;
	if (as) {
		av[k++] = "--as";
		av[k++] = as;
	}
	for (size_t i = 0; i < argc; i++)
		av[k++] = argv[i];
	av[k] = NULL;

	char db_var[700], now_var[96];
	snprintf(db_var, sizeof db_var, "INMAIL_DB=%s", c->db);
	snprintf(now_var, sizeof now_var, "INMAIL_NOW=%s", c->now);
	char **env = build_env(c, db_var, now_var);

	const char *in_path = "/dev/null";
	if (c->stdin_data) {
		in_path = cli_write_file(c, ".stdin", c->stdin_data,
					 strlen(c->stdin_data));
		c->stdin_data = NULL;
	}

	int out[2] = {-1, -1}, err[2] = {-1, -1};
	if (!env || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
		free(env);
		free(av);
		fail_msg("clirun: pipe: %s", strerror(errno));
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in_path, O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, err[1], 2);
	pid_t pid;
	int rc = posix_spawn(&pid, c->exe, &fa, NULL, (char *const *)av, env);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	free(av);
	close(out[1]);
	close(err[1]);
	if (rc != 0) {
		close(out[0]);
		close(err[0]);
		fail_msg("clirun: cannot run %s: %s", c->exe, strerror(rc));
	}

	size_t ocap = 0, ecap = 0;
	struct pollfd p[2] = {{.fd = out[0], .events = POLLIN},
			      {.fd = err[0], .events = POLLIN}};
	int open_fds = 2;
	while (open_fds > 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			int d = i == 0 ? drain(p[i].fd, &r->out, &r->out_len, &ocap)
				       : drain(p[i].fd, &r->err, &r->err_len, &ecap);
			if (d <= 0) {
				close(p[i].fd);
				p[i].fd = -1;
				open_fds--;
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (p[i].fd >= 0)
			close(p[i].fd);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status))
		r->code = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		r->code = 128 + WTERMSIG(status);
	if (!r->out)
		r->out = strdup("");
	if (!r->err)
		r->err = strdup("");
	if (!r->out || !r->err)
		fail_msg("out of memory");
	return r;
}

static void describe(const struct cli *c, const char *as,
		     const char *const *argv, const struct cli_res *r)
{
	print_error("$ INMAIL_NOW=%s inmail%s%s", c->now, as ? " --as " : "",
		    as ? as : "");
	for (size_t i = 0; argv[i]; i++)
		print_error(" '%s'", argv[i]);
	print_error("\n  exit %d\n  stdout: %.2000s\n  stderr: %.2000s\n",
		    r->code, r->out, r->err);
}

const struct cli_res *cli_ok_at(struct cli *c, const char *as,
				const char *const *argv, const char *file,
				int line)
{
	const struct cli_res *r = cli_run(c, as, argv);
	if (r->code != 0)
		describe(c, as, argv, r);
	_assert_int_equal(r->code, 0, file, line);
	return r;
}

size_t cli_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

const struct cli_res *cli_fails_at(struct cli *c, int code, const char *as,
				   const char *const *argv, const char *file,
				   int line)
{
	char *before = strdup(cli_snapshot(c));
	if (!before)
		fail_msg("out of memory");
	own(c, before, free);
	const struct cli_res *r = cli_run(c, as, argv);
	/* Not settled again: the settling read before brought the database
	 * up to c->now, so at the same clock it would write nothing more,
	 * and whatever the refused command wrote shows as it is. */
	const char *after = snapshot(c, false);
	int one_line = r->err_len > 1 && r->err[r->err_len - 1] == '\n' &&
		       cli_lines(r->err) == 1;
	if (r->code != code || !one_line || r->out_len != 0 ||
	    strcmp(before, after) != 0) {
		describe(c, as, argv, r);
		if (r->code != code)
			print_error("  expected exit %d\n", code);
		if (!one_line)
			print_error("  expected exactly one line on stderr\n");
		if (r->out_len)
			print_error("  expected nothing on stdout\n");
		if (strcmp(before, after) != 0)
			print_error("  the database changed:\n--- before\n%s\n"
				    "--- after\n%s\n", before, after);
	}
	_assert_int_equal(r->code, code, file, line);
	_assert_true(one_line, "exactly one line on stderr", file, line);
	_assert_int_equal(r->out_len, 0, file, line);
	_assert_string_equal(before, after, file, line);
	return r;
}

json_t *cli_json_at(struct cli *c, const char *as, const char *const *argv,
		    const char *file, int line)
{
	const struct cli_res *r = cli_ok_at(c, as, argv, file, line);
	json_error_t e;
	json_t *j = json_loads(r->out, JSON_REJECT_DUPLICATES, &e);
	if (!j) {
		describe(c, as, argv, r);
		print_error("  not JSON: %s (line %d)\n", e.text, e.line);
		_fail(file, line);
	}
	return own(c, j, json_release);
}

/* The directory holding c->db. */
static const char *db_dir(struct cli *c)
{
	const char *slash = strrchr(c->db, '/');
	return cli_fmt(c, "%.*s", (int)(slash - c->db), c->db);
}

/* A journal beside the database that holds something: a WAL with frames
 * (the read-only snapshots leave an empty one), or a rollback journal. */
static bool db_has_journal(struct cli *c)
{
	struct stat sb;
	return (stat(cli_fmt(c, "%s-wal", c->db), &sb) == 0 && sb.st_size > 0) ||
	       stat(cli_fmt(c, "%s-journal", c->db), &sb) == 0;
}

/* The size and FNV-1a hash of the database file, or -1 when there is no
 * file, or a journal beside it (then its bytes are not all it holds). */
static long long db_file_hash(struct cli *c, uint64_t *hash)
{
	if (db_has_journal(c))
		return -1;
	size_t len = 0;
	char *data = cli_read_file(c, c->db, &len);
	if (!data)
		return -1;
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)data[i]) * 1099511628211ull;
	/* And whether inmail may write it: a settling read that could not
	 * write may do it once the test gives the permission back. */
	struct stat fsb, dsb;
	if (stat(c->db, &fsb) != 0 || stat(db_dir(c), &dsb) != 0)
		return -1;
	h = (h ^ (uint64_t)fsb.st_mode) * 1099511628211ull;
	h = (h ^ (uint64_t)dsb.st_mode) * 1099511628211ull;
	*hash = h;
	return (long long)len;
}

/* ---- the database, directly ---- */

struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_add(struct sbuf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t ncap = (b->len + n + 1) * 2 + 256;
		char *ns = realloc(b->s, ncap);
		if (!ns)
			fail_msg("out of memory");
		b->s = ns;
		b->cap = ncap;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void dump_query(struct sbuf *b, sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		sb_str(b, "error: ");
		sb_str(b, sqlite3_errmsg(db));
		sb_str(b, "\n");
		return;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_count(st);
		for (int i = 0; i < n; i++) {
			char num[64];
			switch (sqlite3_column_type(st, i)) {
			case SQLITE_NULL: sb_str(b, "NULL"); break;
			case SQLITE_INTEGER:
				snprintf(num, sizeof num, "%lld",
					 (long long)sqlite3_column_int64(st, i));
				sb_str(b, num);
				break;
			case SQLITE_FLOAT:
				snprintf(num, sizeof num, "%.17g",
					 sqlite3_column_double(st, i));
				sb_str(b, num);
				break;
			default: {
				const unsigned char *t = sqlite3_column_text(st, i);
				sb_str(b, "'");
				sb_add(b, t, (size_t)sqlite3_column_bytes(st, i));
				sb_str(b, "'");
			}
			}
			sb_str(b, i + 1 < n ? "|" : "\n");
		}
	}
	if (rc != SQLITE_DONE) {
		sb_str(b, "error: ");
		sb_str(b, sqlite3_errmsg(db));
		sb_str(b, "\n");
	}
	sqlite3_finalize(st);
}

static void dump_file(struct sbuf *b, struct cli *c)
{
	size_t len = 0;
	char *data = cli_read_file(c, c->db, &len);
	char line[128];
	if (!data) {
		sb_str(b, "(no database file)\n");
		return;
	}
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)data[i]) * 1099511628211ull;
	snprintf(line, sizeof line, "file %zu bytes, fnv %016llx\n", len,
		 (unsigned long long)h);
	sb_str(b, line);
}

const char *cli_snapshot(struct cli *c)
{
	return snapshot(c, true);
}

static const char *snapshot(struct cli *c, bool settle)
{
	if (settle && c->settle_as) {
		/* Bring the database up to "now" (due follow-ups) first, so the
		 * snapshot compares what the command did, not what time did.
		 * Skipped when nothing changed since the last settling read
		 * at this clock by the same account (a refusal before this
		 * one): it would write nothing. */
		uint64_t h = 0;
		long long size = db_file_hash(c, &h);
		if (size < 0 || size != c->settled_size || h != c->settled_hash ||
		    strcmp(c->now, c->settled_now) != 0 ||
		    c->settle_as != c->settled_as) {
			cli_run(c, c->settle_as, CLI_ARGV("list", "--json"));
			c->settled_size = db_file_hash(c, &c->settled_hash);
			snprintf(c->settled_now, sizeof c->settled_now, "%s",
				 c->now);
			c->settled_as = c->settle_as;
		}
	}
	struct sbuf b = {0};
	sb_str(&b, "");
	struct stat sb;
	if (stat(c->db, &sb) != 0) {
		sb_str(&b, "(no database file)\n");
		return own(c, b.s, free);
	}
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(c->db, &db, SQLITE_OPEN_READONLY, NULL);
	sqlite3_stmt *st = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db,
			"SELECT name FROM sqlite_schema WHERE type = 'table' "
			"ORDER BY name", -1, &st, NULL);
	if (rc != SQLITE_OK) {
		/* Not a database we can read: compare its bytes. */
		sqlite3_close(db);
		dump_file(&b, c);
		return own(c, b.s, free);
	}
	char **tables = NULL;
	size_t n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char **nt = realloc(tables, (n + 1) * sizeof *nt);
		if (!nt)
			fail_msg("out of memory");
		tables = nt;
		tables[n++] = strdup((const char *)sqlite3_column_text(st, 0));
	}
	if (rc != SQLITE_DONE) {
		sb_str(&b, "error: ");
		sb_str(&b, sqlite3_errmsg(db));
		sb_str(&b, "\n");
		dump_file(&b, c);
	}
	sqlite3_finalize(st);
	sb_str(&b, "user_version ");
	dump_query(&b, db, "PRAGMA user_version");
	sb_str(&b, "application_id ");
	dump_query(&b, db, "PRAGMA application_id");
	for (size_t i = 0; i < n; i++) {
		char *sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY 1, 2",
					    tables[i]);
		sb_str(&b, "== ");
		sb_str(&b, tables[i]);
		sb_str(&b, "\n");
		dump_query(&b, db, sql);
		sqlite3_free(sql);
		free(tables[i]);
	}
	free(tables);
	sqlite3_close(db);
	return own(c, b.s, free);
}

void cli_sql_at(struct cli *c, const char *sql, const char *file, int line)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	int rc = sqlite3_open_v2(c->db, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		print_error("sql: %s: %s\n", sql, msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	sqlite3_close(db);
	_assert_int_equal(rc, SQLITE_OK, file, line);
}

/* ---- files ---- */

const char *cli_path(struct cli *c, const char *name)
{
	return cli_fmt(c, "%s/%s", c->dir, name);
}

const char *cli_write_file(struct cli *c, const char *name, const void *data,
			   size_t len)
{
	const char *path = cli_path(c, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		fail_msg("cannot write %s", path);
	return path;
}

char *cli_read_file(struct cli *c, const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	*len = 0;
	if (!f)
		return NULL;
	struct sbuf b = {0};
	sb_str(&b, "");
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return own(c, b.s, free);
}

/* ---- fixtures ---- */

/* The prepared databases of this test binary: one per key and clock, each
 * a copy of the data directory as the builder left it, in one temporary
 * directory removed at exit. */
struct fixture {
	char key[200];
	char db[600];          /* the prepared copy of inmail.db */
	mode_t dir_mode, db_mode;
	char now[64];          /* c->now and c->settle_as after the build */
	const char *settle_as;
	struct fixture *next;
};

static struct fixture *fixtures;
static char fixture_dir[512];
static unsigned fixture_builds, fixture_copies;

static int fixture_rm(const char *path, const struct stat *sb, int flag,
		      struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void fixtures_remove(void)
{
	if (fixture_dir[0])
		nftw(fixture_dir, fixture_rm, 16, FTW_DEPTH | FTW_PHYS);
	while (fixtures) {
		struct fixture *f = fixtures;
		fixtures = f->next;
		free(f);
	}
	if (getenv("CLIRUN_FIXTURE_STATS"))
		fprintf(stderr, "clirun: %u fixtures built, %u copied\n",
			fixture_builds, fixture_copies);
}

/* Copies the file from to to, created with mode; 0 or -1. */
static int copy_file(const char *from, const char *to, mode_t mode)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	char buf[65536];
	ssize_t n = 0;
	while (out >= 0 && (n = read(in, buf, sizeof buf)) > 0) {
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0) {
				n = -1;
				break;
			}
			off += w;
		}
		if (n < 0)
			break;
	}
	close(in);
	if (out < 0 || n < 0) {
		if (out >= 0)
			close(out);
		return -1;
	}
	/* The mode exactly, whatever the umask. */
	if (fchmod(out, mode) != 0 || close(out) != 0)
		return -1;
	return 0;
}

void cli_fixture(struct cli *c, const char *key, cli_build_fn *build,
		 const void *arg)
{
	struct stat sb;
	/* Only a fresh directory and the usual environment are the same for
	 * every test; anything else is built as it comes. */
	if (stat(c->db, &sb) == 0 || stat(db_dir(c), &sb) == 0 ||
	    c->extra_env || c->stdin_data) {
		build(c, arg);
		return;
	}
	char full[sizeof ((struct fixture *)0)->key];
	snprintf(full, sizeof full, "%s@%s", key, c->now);
	for (struct fixture *f = fixtures; f; f = f->next) {
		if (strcmp(f->key, full) != 0)
			continue;
		const char *dir = db_dir(c);
		if (mkdir(dir, f->dir_mode) != 0 || chmod(dir, f->dir_mode) != 0 ||
		    copy_file(f->db, c->db, f->db_mode) != 0)
			fail_msg("clirun: cannot copy fixture %s to %s: %s", full,
				 c->db, strerror(errno));
		snprintf(c->now, sizeof c->now, "%s", f->now);
		c->settle_as = f->settle_as;
		fixture_copies++;
		return;
	}
	build(c, arg);
	fixture_builds++;
	/* Keep what was built, if it is one file inmail left closed (no
	 * journal beside it); else the next test builds it again. */
	struct stat dsb, fsb;
	if (stat(db_dir(c), &dsb) != 0 || stat(c->db, &fsb) != 0 ||
	    db_has_journal(c))
		return;
	if (!fixture_dir[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(fixture_dir, sizeof fixture_dir, "%s/inmail-fixtures-XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(fixture_dir)) {
			fixture_dir[0] = '\0';
			return;
		}
		atexit(fixtures_remove);
	}
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return;
	static unsigned serial;
	snprintf(f->key, sizeof f->key, "%s", full);
	snprintf(f->db, sizeof f->db, "%s/%u.db", fixture_dir, serial++);
	f->dir_mode = dsb.st_mode & 07777;
	f->db_mode = fsb.st_mode & 07777;
	snprintf(f->now, sizeof f->now, "%s", c->now);
	f->settle_as = c->settle_as;
	if (copy_file(c->db, f->db, 0600) != 0) {
		free(f);
		return;
	}
	f->next = fixtures;
	fixtures = f;
}

struct cast_arg {
	int credits;
	const char *file;
	int line;
};

static void cast_build(struct cli *c, const void *arg)
{
	const struct cast_arg *a = arg;
	const char *file = a->file;
	int line = a->line;
	char n[32];
	snprintf(n, sizeof n, "%d", a->credits);
	cli_ok_at(c, NULL, CLI_ARGV("init"), file, line);
	cli_ok_at(c, NULL, CLI_ARGV("user", "add", "rita", "--name",
				    "Rita Recruiter", "--role", "recruiter",
				    "--credits", n), file, line);
	cli_ok_at(c, NULL, CLI_ARGV("user", "add", "rob", "--name",
				    "Rob Recruiter", "--role", "recruiter",
				    "--credits", "5"), file, line);
	cli_ok_at(c, NULL, CLI_ARGV("user", "add", "jose", "--name",
				    "José Müller", "--role", "candidate"),
		  file, line);
	cli_ok_at(c, NULL, CLI_ARGV("user", "add", "ana", "--name", "Ana Lima",
				    "--role", "candidate"), file, line);
	cli_ok_at(c, NULL, CLI_ARGV("user", "add", "cara", "--name",
				    "Cara Candidate", "--role", "candidate"),
		  file, line);
}

void cli_cast_at(struct cli *c, int credits, const char *file, int line)
{
	struct cast_arg a = {credits, file, line};
	char key[32];
	snprintf(key, sizeof key, "cast:%d", credits);
	cli_fixture(c, key, cast_build, &a);
}

int cli_setup(void **state)
{
	struct cli *c = cli_new();
	*state = c;
	return c ? 0 : -1;
}

int cli_teardown(void **state)
{
	struct cli *c = *state;
	cli_free(&c);
	*state = NULL;
	return 0;
}

/* ---- JSON ---- */

json_t *jget_at(json_t *o, const char *key, const char *file, int line)
{
	json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
	if (!v) {
		char *d = o ? json_dumps(o, JSON_COMPACT) : NULL;
		print_error("no \"%s\" in %.1500s\n", key, d ? d : "(null)");
		free(d);
		_fail(file, line);
	}
	return v;
}

const char *jstr_at(json_t *o, const char *key, const char *file, int line)
{
	json_t *v = jget_at(o, key, file, line);
	if (!json_is_string(v)) {
		print_error("\"%s\" is not a string\n", key);
		_fail(file, line);
	}
	return json_string_value(v);
}

long long jint_at(json_t *o, const char *key, const char *file, int line)
{
	json_t *v = jget_at(o, key, file, line);
	if (!json_is_integer(v)) {
		print_error("\"%s\" is not an integer\n", key);
		_fail(file, line);
	}
	return json_integer_value(v);
}

int jbool_at(json_t *o, const char *key, const char *file, int line)
{
	json_t *v = jget_at(o, key, file, line);
	if (!json_is_boolean(v)) {
		print_error("\"%s\" is not a boolean\n", key);
		_fail(file, line);
	}
	return json_is_true(v);
}

long long cli_credits_at(struct cli *c, const char *handle, const char *file,
			 int line)
{
	json_t *users = cli_json_at(c, NULL, CLI_ARGV("user", "list", "--json"),
				    file, line);
	size_t i;
	json_t *u;
	json_array_foreach(users, i, u) {
		if (strcmp(jstr_at(u, "handle", file, line), handle) == 0)
			return jint_at(u, "credits", file, line);
	}
	print_error("no account %s in user list\n", handle);
	_fail(file, line);
	return -1;
}

json_t *cli_list_at(struct cli *c, const char *as, const char *folder,
		    const char *file, int line)
{
	json_t *j = cli_json_at(c, as, CLI_ARGV("list", "--folder", folder,
						"--json"), file, line);
	if (!json_is_array(j)) {
		print_error("list --folder %s --json is not an array\n", folder);
		_fail(file, line);
	}
	return j;
}

const char *cli_ids_at(struct cli *c, json_t *arr, const char *file, int line)
{
	struct sbuf b = {0};
	sb_str(&b, "");
	size_t i;
	json_t *t;
	json_array_foreach(arr, i, t) {
		char num[32];
		snprintf(num, sizeof num, "%s%lld", i ? "," : "",
			 jint_at(t, "id", file, line));
		sb_str(&b, num);
	}
	return own(c, b.s, free);
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

const char *cli_sorted_ids_at(struct cli *c, json_t *arr, const char *file,
			      int line)
{
	size_t n = json_array_size(arr);
	long long *v = calloc(n + 1, sizeof *v);
	if (!v)
		fail_msg("out of memory");
	own(c, v, free);
	for (size_t i = 0; i < n; i++)
		v[i] = jint_at(json_array_get(arr, i), "id", file, line);
	qsort(v, n, sizeof *v, cmp_ll);
	struct sbuf b = {0};
	sb_str(&b, "");
	for (size_t i = 0; i < n; i++) {
		char num[32];
		snprintf(num, sizeof num, "%s%lld", i ? "," : "", v[i]);
		sb_str(&b, num);
	}
	return own(c, b.s, free);
}

int cli_run_group_at(const char *name, const struct CMUnitTest *tests,
		     size_t n)
{
	const char *shard = getenv("CLI_SHARD");
	if (!shard || !*shard)
		return _cmocka_run_group_tests(name, tests, n, NULL, NULL);
	unsigned i, of;
	char end;
	if (sscanf(shard, "%u/%u%c", &i, &of, &end) != 2 || of == 0 ||
	    i >= of) {
		fprintf(stderr, "CLI_SHARD=%s: want I/N with I < N\n", shard);
		return 1;
	}
	struct CMUnitTest *pick = calloc(n, sizeof *pick);
	if (!pick)
		return 1;
	size_t k = 0;
	for (size_t j = 0; j < n; j++)
		if (j % of == i)
			pick[k++] = tests[j];
	char group[128];
	snprintf(group, sizeof group, "%s (shard %u of %u)", name, i + 1, of);
	int rc = _cmocka_run_group_tests(group, pick, k, NULL, NULL);
	free(pick);
	return rc;
}
