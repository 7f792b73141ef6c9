/* Running the real `inmail` binary from cmocka tests: a fresh temporary
 * database per test (prepared ones copied, see cli_fixture), argv without a shell, stdout / stderr / exit code
 * captured, JSON parsed with jansson, and snapshots of the whole database
 * (read with the sqlite3 C API) to prove that a refusal changed nothing.
 *
 * Everything a `struct cli` hands out (results, parsed JSON, snapshots) is
 * owned by it and freed by cli_free(), so a failing assertion leaks
 * nothing that matters. */
#ifndef INMAIL_TESTS_CLIRUN_H
#define INMAIL_TESTS_CLIRUN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>

struct cli_res {
	int code;       /* exit status, or 128 + signal */
	char *out;      /* NUL-terminated stdout */
	size_t out_len;
	char *err;      /* NUL-terminated stderr */
	size_t err_len;
	struct cli_res *next;
};

struct cli_own;

struct cli {
	char dir[512];      /* the temporary directory (mkdtemp) */
	char db[600];       /* dir/data/inmail.db */
	const char *exe;    /* the inmail binary (INMAIL_EXE) */
	char now[64];       /* INMAIL_NOW for the next runs; "" for none */
	const char *settle_as; /* who runs a read before a snapshot, or NULL */
	const char *const *extra_env; /* NAME=VALUE, NULL-terminated, or NULL */
	const char *stdin_data; /* the next run's standard input, or NULL */
	struct cli_res *results;
	struct cli_own *owned;
	/* The database file right after the last settling read (its size and
	 * hash, the clock and who read): the same file, clock and reader
	 * again need no settling (it would write nothing). */
	long long settled_size;
	uint64_t settled_hash;
	char settled_now[64];
	const char *settled_as;
};

/* Creates the temporary directory; does not create the database. */
struct cli *cli_new(void);
/* Removes the temporary directory and frees everything. */
void cli_free(struct cli **c);

/* Sets the clock of the next runs (INMAIL_NOW). */
void cli_at(struct cli *c, const char *now);

/* Runs inmail [--as AS] ARGV... with INMAIL_DB=c->db. */
const struct cli_res *cli_run(struct cli *c, const char *as,
			      const char *const *argv);

/* Asserting forms, for the macros below. */
const struct cli_res *cli_ok_at(struct cli *c, const char *as,
				const char *const *argv, const char *file,
				int line);
const struct cli_res *cli_fails_at(struct cli *c, int code, const char *as,
				   const char *const *argv, const char *file,
				   int line);
json_t *cli_json_at(struct cli *c, const char *as, const char *const *argv,
		    const char *file, int line);

/* The database as text: every row of every table, the user_version and
 * the application_id. Owned by c. */
const char *cli_snapshot(struct cli *c);

/* A file in the temporary directory; owned by c. */
const char *cli_path(struct cli *c, const char *name);
/* Writes LEN bytes to the file NAME in the temporary directory. */
const char *cli_write_file(struct cli *c, const char *name, const void *data,
			   size_t len);
/* Reads a whole file; owned by c; *len set. NULL if unreadable. */
char *cli_read_file(struct cli *c, const char *path, size_t *len);

/* Runs SQL on the database directly (another program writing it). */
void cli_sql_at(struct cli *c, const char *sql, const char *file, int line);

/* A string owned by c (printf-style). */
const char *cli_fmt(struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* N copies of the UTF-8 string UNIT; owned by c. */
const char *cli_repeat(struct cli *c, const char *unit, size_t n);

/* Builds a database the way build(c, arg) does, once per test binary for
 * each key and clock (c->now at the call); every later call with the same
 * key and clock copies the prepared file instead of running inmail again
 * (and sets c->now and c->settle_as as the build left them).  build must
 * start from no database, make the same database whenever it runs from
 * the same clock, and change nothing of c but the database, c->now and
 * c->settle_as.  With a database already there, extra_env or stdin_data
 * set, build just runs. */
typedef void cli_build_fn(struct cli *c, const void *arg);
void cli_fixture(struct cli *c, const char *key, cli_build_fn *build,
		 const void *arg);

/* Standard cast: init; recruiters rita (CREDITS) and rob (5); candidates
 * jose "José Müller", ana "Ana Lima", cara "Cara Candidate".  A fixture:
 * built once per binary and clock, then copied. */
void cli_cast_at(struct cli *c, int credits, const char *file, int line);

/* JSON helpers that assert. */
json_t *jget_at(json_t *o, const char *key, const char *file, int line);
const char *jstr_at(json_t *o, const char *key, const char *file, int line);
long long jint_at(json_t *o, const char *key, const char *file, int line);
int jbool_at(json_t *o, const char *key, const char *file, int line);
/* The number of lines of a string (each ending in '\n'). */
size_t cli_lines(const char *s);

#define CLI_ARGV(...) ((const char *const[]){__VA_ARGS__, NULL})
#define RUN(c, as, ...) cli_run((c), (as), CLI_ARGV(__VA_ARGS__))
#define OK(c, as, ...) cli_ok_at((c), (as), CLI_ARGV(__VA_ARGS__), __FILE__, __LINE__)
/* The run exits CODE with one line on stderr, and the database is the same
 * before and after, byte for byte of every row. */
#define FAILS(c, code, as, ...) \
	cli_fails_at((c), (code), (as), CLI_ARGV(__VA_ARGS__), __FILE__, __LINE__)
#define JSON(c, as, ...) cli_json_at((c), (as), CLI_ARGV(__VA_ARGS__), __FILE__, __LINE__)
#define SQL(c, sql) cli_sql_at((c), (sql), __FILE__, __LINE__)
#define CAST(c, credits) cli_cast_at((c), (credits), __FILE__, __LINE__)
#define JGET(o, k) jget_at((o), (k), __FILE__, __LINE__)
#define JSTR(o, k) jstr_at((o), (k), __FILE__, __LINE__)
#define JINT(o, k) jint_at((o), (k), __FILE__, __LINE__)
#define JBOOL(o, k) jbool_at((o), (k), __FILE__, __LINE__)

/* Conveniences over the JSON of the CLI. */
long long cli_credits_at(struct cli *c, const char *handle, const char *file,
			 int line);
json_t *cli_list_at(struct cli *c, const char *as, const char *folder,
		    const char *file, int line);
/* The ids of a JSON array of threads, in order: "3,1,2"; owned by c. */
const char *cli_ids_at(struct cli *c, json_t *arr, const char *file, int line);
/* The stdout of a run that must succeed. */
#define OUT(c, as, ...) (OK(c, as, __VA_ARGS__)->out)
#define SHOW(c, as, id) JSON(c, as, "show", id, "--json")
#define STATS(c, as) JSON(c, as, "stats", "--json")
#define CREDITS(c, h) cli_credits_at((c), (h), __FILE__, __LINE__)
#define LIST(c, as, folder) cli_list_at((c), (as), (folder), __FILE__, __LINE__)
#define IDS(c, as, folder) cli_ids_at((c), LIST(c, as, folder), __FILE__, __LINE__)
/* The same ids in increasing order, where SPEC gives no order. */
const char *cli_sorted_ids_at(struct cli *c, json_t *arr, const char *file,
			      int line);
#define SIDS(c, as, folder) cli_sorted_ids_at((c), LIST(c, as, folder), __FILE__, __LINE__)
#define MSGS(t) JGET(t, "messages")
#define NMSGS(t) json_array_size(MSGS(t))
#define MSG(t, i) json_array_get(MSGS(t), (i))

/* cmocka group fixtures: *state is a fresh struct cli. */
int cli_setup(void **state);
int cli_teardown(void **state);

/* Runs the group as cmocka_run_group_tests_name does, or one shard of it:
 * with CLI_SHARD=I/N in the environment only the tests whose index is I
 * modulo N (meson.build runs the long programs as N tests, so the two
 * cores of CI stay busy under valgrind).  A malformed CLI_SHARD fails. */
int cli_run_group_at(const char *name, const struct CMUnitTest *tests,
		     size_t n);
#define cli_run_group(name, tests) \
	cli_run_group_at((name), (tests), sizeof(tests) / sizeof((tests)[0]))

#endif
