/* The speed-at-scale benchmark (issue 5): builds (or reuses) a data set of
 * one size with `inmail gen`, then times the real binary as a person uses
 * it and prints one table.  It prints figures and never fails on them:
 * machines are noisy, so each figure is a median (and a worst) of many.
 *
 *   bench_inmail NAME MESSAGES THREADS CANDIDATES DIR
 *   bench_inmail composer DIR    (a key typed beside 5 and 50,000 messages)
 *   bench_inmail time PATH ARGS... (any program: "median worst cpu" ms of
 *                                   15 runs after one, for bench/compare)
 *   bench_inmail pg NAME MESSAGES THREADS CANDIDATES DIR
 *                                (SQLite beside PostgreSQL, under
 *                                tests/pg/pg_server.sh)
 *
 * INMAIL_EXE names the binary; DIR keeps the data sets between runs. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "measure.h"
#include "store.h"

/* A first page of a folder: what a person sees, and what --limit asks. */
#define BENCH_PAGE 50
#define BENCH_PAGE_TEXT "50"

#define NOW "2026-03-01T12:00:00Z"
#define LEAD "rec00001"  /* gen gives this recruiter half the threads */
#define CLI_RUNS 15
#define KEY_RUNS 100
#define FIRST_RUNS 7
#define ROWS 24
#define COLS 100

struct figure {
	double median, worst;
	double cpu; /* median CPU ms of a child, or < 0 */
};

static struct figure summarise(double *v, size_t n)
{
	qsort(v, n, sizeof *v, measure_cmp_double);
	struct figure f = {n ? v[n / 2] : 0, n ? v[n - 1] : 0, -1};
	return f;
}

static double tv_ms(struct timeval a)
{
	return (double)a.tv_sec * 1e3 + (double)a.tv_usec / 1e3;
}

/* Runs argv (argv[0] a path) with output thrown away; wall ms, CPU ms,
 * peak KiB. */
static int run(char *const argv[], double *ms, double *cpu, long *rss_kib)
{
	double t0 = measure_now_ms();
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	struct rusage ru;
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
		return -1;
	*ms = measure_now_ms() - t0;
	if (cpu)
		*cpu = tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
	if (rss_kib)
		*rss_kib = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The median wall time of runs of argv, after one to warm the cache. */
static struct figure time_runs(char *const argv[], long *rss_kib)
{
	double v[CLI_RUNS], c[CLI_RUNS], ms;
	long rss = 0, r = 0;
	if (run(argv, &ms, NULL, &r) != 0)
		fprintf(stderr, "bench: %s %s %s failed\n", argv[0], argv[1],
			argv[2]);
	for (int i = 0; i < CLI_RUNS; i++) {
		run(argv, &v[i], &c[i], &r);
		if (r > rss)
			rss = r;
	}
	if (rss_kib && rss > *rss_kib)
		*rss_kib = rss;
	struct figure f = summarise(v, CLI_RUNS);
	f.cpu = summarise(c, CLI_RUNS).median;
	return f;
}

static char *inmail_argv_buf[32];

/* inmail --db DB --as LEAD --now NOW args... (NULL-terminated). */
static char *const *inmail_argv(const char *db, const char *const *args)
{
	size_t n = 0;
	inmail_argv_buf[n++] = (char *)harness_exe();
	const char *fixed[] = {"--db", db, "--as", LEAD, "--now", NOW};
	for (size_t i = 0; i < 6; i++)
		inmail_argv_buf[n++] = (char *)fixed[i];
	while (*args && n < 31)
		inmail_argv_buf[n++] = (char *)*args++;
	inmail_argv_buf[n] = NULL;
	return inmail_argv_buf;
}

/* ---- the data set ---- */

struct gen_figures {
	double wall_ms, cpu_ms;
	long messages;
};

static int make_dataset(const char *db, const char *const *gen_args,
			struct gen_figures *g)
{
	char stamp[4096], tmp[4096];
	snprintf(stamp, sizeof stamp, "%s.gen", db);
	FILE *f = fopen(stamp, "r");
	if (f && access(db, R_OK) == 0) {
		int ok = fscanf(f, "%lf %lf", &g->wall_ms, &g->cpu_ms) == 2;
		fclose(f);
		if (ok)
			return 0;
	} else if (f) {
		fclose(f);
	}
	snprintf(tmp, sizeof tmp, "%s.tmp", db);
	unlink(tmp);
	char *argv[16] = {(char *)harness_exe(), "--db", tmp, "--now", NOW,
			  "gen"};
	size_t n = 6;
	while (*gen_args && n < 15)
		argv[n++] = (char *)*gen_args++;
	argv[n] = NULL;
	struct rusage before, after;
	getrusage(RUSAGE_CHILDREN, &before);
	if (run(argv, &g->wall_ms, NULL, NULL) != 0) {
		fprintf(stderr, "bench: inmail gen failed\n");
		return -1;
	}
	getrusage(RUSAGE_CHILDREN, &after);
	g->cpu_ms = (double)(after.ru_utime.tv_sec - before.ru_utime.tv_sec +
			     after.ru_stime.tv_sec - before.ru_stime.tv_sec) * 1e3 +
		    (double)(after.ru_utime.tv_usec - before.ru_utime.tv_usec +
			     after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e3;
	if (rename(tmp, db) != 0)
		return -1;
	f = fopen(stamp, "w");
	if (f) {
		fprintf(f, "%.1f %.1f\n", g->wall_ms, g->cpu_ms);
		fclose(f);
	}
	return 0;
}

static long long query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The queries timed (SPEC 9), on gen's texts: at 1M "thursday" is in
 * 0.25 % of the messages, "team" in 27 %. */
static const struct search_case {
	const char *label, *query, *target;
	bool next; /* also time the page after the first */
} search_cases[] = {
	{"zyzzyva (in none)", "zyzzyva", "<= 20", false},
	{"thursday (rare word)", "thursday", "<= 20", true},
	{"team (common word)", "team", "<= 20", true},
	{"engin* (prefix)", "engin*", "", true},
	{"\"the team\" (phrase)", "\"the team\"", "", true},
	{"team is:unread", "team is:unread", "", true},
	{"state:accepted (a term)", "state:accepted", "", true},
};
#define SEARCH_CASES (sizeof search_cases / sizeof *search_cases)

/* The id of the last thread of query's first page (0: none), read from
 * the CLI's rows: the first number on the line. */
static long long page_last_id(const char *db, const char *query)
{
	char cmd[8192];
	/* The queries above hold no single quote. */
	snprintf(cmd, sizeof cmd, "'%s' --db '%s' --as " LEAD " --now " NOW
		 " search '%s' --limit " BENCH_PAGE_TEXT " 2>/dev/null",
		 harness_exe(), db, query);
	FILE *p = popen(cmd, "r");
	if (!p)
		return 0;
	char line[1024];
	long long last = 0;
	while (fgets(line, sizeof line, p)) {
		char *tok = strtok(line, " \t");
		for (; tok; tok = strtok(NULL, " \t"))
			if (tok[0] >= '0' && tok[0] <= '9') {
				last = atoll(tok);
				break;
			}
	}
	pclose(p);
	return last;
}

static int copy_file(const char *from, const char *to)
{
	char *argv[] = {"/bin/cp", (char *)from, (char *)to, NULL};
	double ms;
	return run(argv, &ms, NULL, NULL);
}

/* ---- the sqlite3 shell's floor: the store's own statements ---- */

struct grab {
	const char *const *needles; /* all must be in the SQL */
	char sql[8192];
};

static void grab_sql(void *arg, const char *sql, const char *plan)
{
	(void)plan;
	struct grab *g = arg;
	for (const char *const *n = g->needles; *n; n++)
		if (!strstr(sql, *n))
			return;
	size_t len = strlen(g->sql);
	snprintf(g->sql + len, sizeof g->sql - len, "%s;\n", sql);
}

/* Replaces ?N with vals[N - 1] and a bare ? with vals[0]. */
static void bind_text(const char *sql, const long long *vals, char *out,
		      size_t cap)
{
	size_t o = 0;
	for (const char *p = sql; *p && o + 32 < cap; p++) {
		if (*p != '?') {
			out[o++] = *p;
			continue;
		}
		int k = 0;
		while (p[1] >= '0' && p[1] <= '9')
			k = k * 10 + (*++p - '0');
		o += (size_t)snprintf(out + o, cap - o, "%lld",
				      vals[k ? k - 1 : 0]);
	}
	out[o] = '\0';
}

static int floor_sql(const char *db, long long lead, long long now,
		     char *page_sql, char *stats_sql, size_t cap)
{
	struct im_store *s = NULL;
	if (im_store_open(db, false, NULL, &s, NULL) != IM_OK)
		return -1;
	/* Awaiting Reply, as the model asks for it. */
	struct im_store_folder_query q = {lead, IM_SIDE_RECRUITER, 0, 0,
					  IM_STORE_BY_CREATED, NULL};
	struct im_store_thread *rows = NULL;
	size_t n = 0;
	/* The first page the CLI's list is asked for (--limit). */
	im_store_thread_page(s, &q, IM_PAGE_FIRST, NULL, BENCH_PAGE, &rows, &n);
	im_store_threads_free(&rows, n);
	long long since[2] = {now - 90 * 86400LL, now - 30 * 86400LL};
	struct im_store_thread_counts c;
	struct im_store_rate_counts r;
	im_store_thread_counts(s, lead, since[0], &c);
	im_store_rate_counts(s, lead, since[1], &r);
	static const char *const page_n[] = {"responded_at IS NULL",
					      "ORDER BY t.created_at DESC",
					      NULL};
	struct grab page = {page_n, ""};
	im_store_plans(s, grab_sql, &page);
	/* The statistics' statements: a tally, the days after since's, and
	 * since's own day, for threads (90 d) and counted messages (30 d). */
	static const char *const stat_n[6][3] = {
		{"FROM thread_tally", NULL}, {"FROM thread_day", NULL},
		{"FROM thread WHERE", "created_at < ?3", NULL},
		{"FROM rate_tally", NULL}, {"FROM rate_day", NULL},
		{"FROM message WHERE", "sent_at < ?3", NULL}};
	size_t o = 0;
	stats_sql[0] = '\0';
	for (int i = 0; i < 6; i++) {
		struct grab g = {stat_n[i], ""};
		im_store_plans(s, grab_sql, &g);
		long long from = since[i / 3], day = from / 86400;
		long long vals[3] = {lead, i % 3 == 2 ? from : day,
				     (day + 1) * 86400};
		char one[4096];
		bind_text(g.sql, vals, one, sizeof one);
		o += (size_t)snprintf(stats_sql + o, cap > o ? cap - o : 0, "%s",
				      one);
	}
	im_store_close(&s);
	if (getenv("BENCH_SQL"))
		fprintf(stderr, "%s\n%s\n", page.sql, stats_sql);
	long long page_vals[6] = {lead, 0, 0, 0, BENCH_PAGE, 0};
	bind_text(page.sql, page_vals, page_sql, cap);
	return 0;
}

static struct figure time_shell(const char *db, const char *sql)
{
	char *argv[] = {"/usr/bin/sqlite3", (char *)db, (char *)sql, NULL};
	if (access(argv[0], X_OK) != 0) {
		struct figure none = {-1, -1, -1};
		return none;
	}
	return time_runs(argv, NULL);
}

/* ---- the terminal interface ---- */

/* A key's first output may take this long before the key counts as one
 * that drew nothing. */
#define FIRST_BYTE_MS 1000
/* Keys that should draw nothing are given this long to prove it. */
#define NOTHING_MS (2 * MEASURE_QUIET_MS)

static struct term *tui_start(const char *db, double *first_ms)
{
	const char *const args[] = {"--db", db, "--as", LEAD, "--now", NOW,
				    "tui", NULL};
	const char *const marks[] = {"? help", "InMail", NULL};
	struct term *t = measure_start(args, NULL, ROWS, COLS, marks, 10000,
				       first_ms);
	if (!t)
		fprintf(stderr, "bench: the TUI showed no list\n");
	return t;
}

/* Presses the keys of seq in turn KEY_RUNS times (bytes as they are) and
 * times each, giving each first_ms to start drawing. */
static struct figure keys(struct term *t, const char *const *seq, size_t nseq,
			  int first_ms, size_t *bytes, size_t *max_bytes)
{
	double v[KEY_RUNS];
	for (size_t i = 0; i < KEY_RUNS; i++) {
		size_t b = 0;
		double t0 = measure_now_ms();
		term_type(t, seq[i % nseq]);
		v[i] = measure_settle(t, t0, first_ms, &b);
		if (bytes)
			*bytes += b;
		if (max_bytes && b > *max_bytes)
			*max_bytes = b;
	}
	return summarise(v, KEY_RUNS);
}

struct tui_figures {
	struct figure first, row, page, end, folder;
	size_t idle_bytes, same_bytes, row_bytes, row_max, page_bytes;
	long rss_kib;
};

static int bench_tui(const char *db, struct tui_figures *r)
{
	double firsts[FIRST_RUNS];
	struct term *t = NULL;
	for (int i = 0; i < FIRST_RUNS; i++) {
		term_free(&t);
		if (!(t = tui_start(db, &firsts[i])))
			return -1;
	}
	r->first = summarise(firsts, FIRST_RUNS);
	const char *const down[] = {"\x1bOB"}, *const pgdn[] = {"\x1b[6~"},
			  *const end[] = {"G"}, *const home[] = {"g"},
			  *const folders[] = {"2", "3", "4", "1"},
			  *const up[] = {"\x1bOA"};
	/* Sent: every InMail of the lead, the largest folder. */
	term_type(t, "3");
	measure_settle(t, measure_now_ms(), FIRST_BYTE_MS, NULL);
	r->row = keys(t, down, 1, FIRST_BYTE_MS, &r->row_bytes, &r->row_max);
	r->row_bytes /= KEY_RUNS;
	term_type(t, home[0]);
	measure_settle(t, measure_now_ms(), FIRST_BYTE_MS, NULL);
	r->page = keys(t, pgdn, 1, FIRST_BYTE_MS, &r->page_bytes, NULL);
	r->page_bytes /= KEY_RUNS;
	double v[KEY_RUNS];
	for (int i = 0; i < KEY_RUNS; i++) {
		double t0 = measure_now_ms();
		term_type(t, end[0]);
		v[i] = measure_settle(t, t0, FIRST_BYTE_MS, NULL);
		term_type(t, home[0]);
		measure_settle(t, measure_now_ms(), FIRST_BYTE_MS, NULL);
	}
	r->end = summarise(v, KEY_RUNS);
	r->folder = keys(t, folders, 4, FIRST_BYTE_MS, NULL, NULL);
	/* An unchanged frame: a key that moves nothing (Up on the first
	 * row), and a second of ticks with nothing new. */
	term_type(t, "3");
	measure_settle(t, measure_now_ms(), FIRST_BYTE_MS, NULL);
	keys(t, up, 1, NOTHING_MS, &r->same_bytes, NULL);
	r->same_bytes /= KEY_RUNS;
	size_t idle = 0;
	double t0 = measure_now_ms();
	while (measure_now_ms() - t0 < 1000)
		measure_settle(t, measure_now_ms(), NOTHING_MS, &idle);
	r->idle_bytes = idle;
	r->rss_kib = measure_children_peak_kib();
	term_type(t, "q");
	term_wait_exit(t, 5000);
	term_free(&t);
	return 0;
}

/* ---- the table ---- */


#define ROW_FMT "| %-44s | %10s | %10s | %10s | %-18s |\n"

static void row_ms(const char *what, struct figure f, const char *target)
{
	char m[32] = "n/a", w[32] = "n/a", c[32] = "";
	if (f.median >= 0) {
		snprintf(m, sizeof m, "%.2f", f.median);
		snprintf(w, sizeof w, "%.2f", f.worst);
	}
	if (f.cpu >= 0)
		snprintf(c, sizeof c, "%.1f", f.cpu);
	printf(ROW_FMT, what, m, w, c, target);
}

static void row_num(const char *what, double v, const char *fmt,
		    const char *target)
{
	char m[32];
	snprintf(m, sizeof m, fmt, v);
	printf(ROW_FMT, what, m, "", "", target);
}

/* ---- the composer beside a long conversation (issue 12, item 9) ---- */

#define CONV_NOW "2026-03-01T12:00:00Z"
#define CONV_TIME 1772366400LL

/* A database of one accepted thread between rita and jose with exactly
 * messages messages (the InMail, the response, a system line, then
 * conversation written straight into the store's table: the CLI would take
 * minutes for 50,000).  Kept in path once made. */
static int make_conversation(const char *path, long messages)
{
	if (access(path, R_OK) == 0)
		return 0;
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	unlink(tmp);
	const char *exe = harness_exe();
	char *const init[] = {(char *)exe, "--db", tmp, "--now", CONV_NOW,
			      "init", NULL};
	char *const rec[] = {(char *)exe, "--db", tmp, "--now", CONV_NOW,
			     "user", "add", "rita", "--name", "Rita Recruiter",
			     "--role", "recruiter", "--credits", "10", NULL};
	char *const cand[] = {(char *)exe, "--db", tmp, "--now", CONV_NOW,
			      "user", "add", "jose", "--name", "José Müller",
			      "--role", "candidate", NULL};
	char *const send[] = {(char *)exe, "--db", tmp, "--now", CONV_NOW,
			      "--as", "rita", "send", "--to", "jose",
			      "--subject", "Senior C engineer", "--body",
			      "Hi José, we build terminal tools. Interested?",
			      NULL};
	char *const yes[] = {(char *)exe, "--db", tmp, "--now", CONV_NOW,
			     "--as", "jose", "reply", "1", "--smart", "yes",
			     NULL};
	char *const *steps[] = {init, rec, cand, send, yes};
	double ms;
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
		if (run(steps[i], &ms, NULL, NULL) != 0) {
			fprintf(stderr, "bench: making %s failed\n", path);
			return -1;
		}
	sqlite3 *db = NULL;
	if (sqlite3_open(tmp, &db) != SQLITE_OK)
		return -1;
	long have = query_int(db, "SELECT count(*) FROM message");
	char sql[2048];
	snprintf(sql, sizeof sql,
		 "BEGIN;"
		 "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c"
		 " WHERE i < %ld) INSERT INTO message(thread, sender, kind, body,"
		 " sent_at) SELECT 1, (SELECT id FROM account WHERE handle ="
		 " CASE i %% 2 WHEN 0 THEN 'rita' ELSE 'jose' END), %d,"
		 " 'Message ' || i || ': thanks, let us talk about the role and"
		 " the team, the tools we build and a time that suits you.',"
		 " %lld FROM c;"
		 "UPDATE thread SET last_message = (SELECT max(id) FROM message),"
		 " seen_by_recruiter = (SELECT max(id) FROM message),"
		 " seen_by_candidate = (SELECT max(id) FROM message);"
		 "COMMIT;",
		 messages - have, (int)IM_KIND_MESSAGE, CONV_TIME);
	int rc = messages > have
		? sqlite3_exec(db, sql, NULL, NULL, NULL) : SQLITE_OK;
	sqlite3_close(db);
	if (rc != SQLITE_OK || rename(tmp, path) != 0) {
		fprintf(stderr, "bench: filling %s failed\n", path);
		return -1;
	}
	return 0;
}

/* Opens the thread in the TUI as the recruiter, times KEY_RUNS pages up
 * the conversation (PgUp) when page_up is not NULL (five messages fit on
 * one screen: there PgUp draws nothing), then puts the keyboard in the
 * composer (r) and times KEY_RUNS letters typed there. */
static int bench_composer(const char *db, struct figure *f,
			  struct figure *page_up)
{
	const char *const args[] = {"--db", db, "--as", "rita", "--now",
				    CONV_NOW, "tui", NULL};
	const char *const marks[] = {"? help", "Senior C", NULL};
	double first;
	struct term *t = measure_start(args, NULL, ROWS, COLS, marks, 20000,
				       &first);
	if (!t) {
		fprintf(stderr, "bench: the TUI showed no thread\n");
		return -1;
	}
	term_key(t, "Enter");
	bool ok = term_wait(t, "Message ", 30000);
	measure_settle(t, measure_now_ms(), FIRST_BYTE_MS, NULL);
	const char *const pgup[] = {"\x1b[5~"};
	if (ok && page_up)
		*page_up = keys(t, pgup, 1, FIRST_BYTE_MS, NULL, NULL);
	term_type(t, "r");
	ok = ok && term_wait(t, "Ctrl-S", 30000);
	measure_settle(t, measure_now_ms(), FIRST_BYTE_MS, NULL);
	if (!ok) {
		fprintf(stderr, "bench: no composer:\n%s\n", term_screen(t));
		term_free(&t);
		return -1;
	}
	/* Letters, then a space now and then: the box rewraps. */
	const char *const seq[] = {"a", "b", "c", "d", " "};
	*f = keys(t, seq, 5, 5000, NULL, NULL);
	term_free(&t);
	return 0;
}

/* bench_inmail composer DIR: the two rows, on data sets of their own. */
static int main_composer(const char *dir)
{
	char data[3000], small[3500], big[3500];
	snprintf(data, sizeof data, "%s/data", dir);
	mkdir(data, 0700);
	snprintf(small, sizeof small, "%s/conv-5.db", data);
	snprintf(big, sizeof big, "%s/conv-50000.db", data);
	struct figure f5 = {-1, -1, -1}, f50k = {-1, -1, -1};
	struct figure p50k = {-1, -1, -1};
	int rc = 0;
	if (make_conversation(small, 5) != 0 ||
	    bench_composer(small, &f5, NULL) != 0)
		rc = 1;
	if (make_conversation(big, 50000) != 0 ||
	    bench_composer(big, &f50k, &p50k) != 0)
		rc = 1;
	printf("\n## the composer beside a conversation, %d x %d, %d keys\n\n",
	       COLS, ROWS, KEY_RUNS);
	printf(ROW_FMT, "figure (ms unless said)", "median", "worst",
	       "CPU", "target");
	printf("|%s|%s|%s|%s|%s|\n", "----------------------------------------------",
	       "------------", "------------", "------------",
	       "--------------------");
	row_ms("key in composer, 5-message thread", f5, "<= 10 worst");
	row_ms("key in composer, 50,000-message thread", f50k,
	       "as the 5-message");
	row_ms("PgUp in the conversation, 50,000 messages", p50k,
	       "<= 10 worst");
	printf("\n");
	return rc;
}

/* bench_inmail time PATH ARGS...: bench/compare/notmuch.sh times
 * notmuch and inmail alike with the table's own method. */
static int main_time(char **argv)
{
	if (access(argv[0], X_OK) != 0) {
		fprintf(stderr, "bench: %s is not a program\n", argv[0]);
		return 64;
	}
	struct figure f = time_runs(argv, NULL);
	printf("%.2f %.2f %.1f\n", f.median, f.worst, f.cpu);
	return 0;
}

/* ---- the same data on a PostgreSQL server (issue 14) ---- */

/* The lead's password on the server: the benchmark's people connect as
 * themselves, by password, under the policies, as a team would. */
#define PG_PASSWORD "bench-pw"
#define PG_DB "bench"

/* psql as the throwaway server's superuser (pg_server.sh's PSQL and
 * INMAIL_PG_SUPER) on db, one command; its exit status. */
static int psql(const char *db, const char *sql)
{
	const char *bin = getenv("PSQL"), *super = getenv("INMAIL_PG_SUPER");
	if (!bin || !super)
		return -1;
	char *const argv[] = {(char *)bin, "-X", "-q", "-v", "ON_ERROR_STOP=1",
			      "-U", (char *)super, "-d", (char *)db, "-c",
			      (char *)sql, NULL};
	double ms;
	return run(argv, &ms, NULL, NULL);
}

/* The SQLite data set copied into a new database on the server (inmail
 * copy, --client-clock: the benchmark's --now), analysed as autovacuum
 * would have by the time anyone reads it, and the lead's login given a
 * password.  *copy_ms: the copy's wall time. */
static int pg_prepare(const char *file, char *uri, size_t cap, double *copy_ms)
{
	const char *super = getenv("INMAIL_PG_SUPER");
	if (!super || psql("postgres", "CREATE DATABASE " PG_DB) != 0) {
		fprintf(stderr, "bench: run under tests/pg/pg_server.sh\n");
		return -1;
	}
	char to[512];
	snprintf(to, sizeof to, "pg:dbname=" PG_DB " user=%s", super);
	char *const copy[] = {(char *)harness_exe(), "copy", "--from",
			      (char *)file, "--to", to, "--client-clock", NULL};
	if (run(copy, copy_ms, NULL, NULL) != 0) {
		fprintf(stderr, "bench: inmail copy into the server failed\n");
		return -1;
	}
	/* The copy leaves the server and the kernel gigabytes to write out:
	 * done before anything is timed (CHECKPOINT, then sync), so the
	 * figures are a server's in use, not one still loading. */
	if (psql(PG_DB, "ALTER ROLE " LEAD " PASSWORD '" PG_PASSWORD "'") != 0 ||
	    psql(PG_DB, "VACUUM ANALYZE") != 0 || psql(PG_DB, "CHECKPOINT") != 0)
		return -1;
	sync();
	snprintf(uri, cap, "pg:dbname=" PG_DB " user=" LEAD " password="
		 PG_PASSWORD);
	return 0;
}

/* The lead by peer authentication on the socket as well (Debian's default
 * for local connections): a pg_hba.conf line before the password's,
 * mapping this program's system user to the lead's login (pg_ident.conf),
 * and a reload.  The server's data directory is beside pg_server.sh's
 * restart script.  0 with the lead's URI in uri, or -1 (uri empty). */
static int pg_peer(char *uri, size_t cap)
{
	uri[0] = '\0';
	const char *restart = getenv("INMAIL_PG_RESTART");
	struct passwd *pw = getpwuid(geteuid());
	if (!restart || !pw)
		return -1;
	char dir[3000], hba[3100], ident[3100], old[4096];
	snprintf(dir, sizeof dir, "%s", restart);
	const char *at = dirname(dir);
	snprintf(hba, sizeof hba, "%s/data/pg_hba.conf", at);
	snprintf(ident, sizeof ident, "%s/data/pg_ident.conf", at);
	FILE *f = fopen(hba, "r");
	size_t n = f ? fread(old, 1, sizeof old - 1, f) : 0;
	if (f)
		fclose(f);
	old[n] = '\0';
	if (!f || !(f = fopen(hba, "w")))
		return -1;
	fprintf(f, "local " PG_DB " " LEAD " peer map=bench\n%s", old);
	fclose(f);
	if (!(f = fopen(ident, "a")))
		return -1;
	fprintf(f, "bench %s " LEAD "\n", pw->pw_name);
	fclose(f);
	if (psql(PG_DB, "SELECT pg_reload_conf()") != 0)
		return -1;
	snprintf(uri, cap, "pg:dbname=" PG_DB " user=" LEAD);
	return 0;
}

/* What is timed on each store, the same way. */
struct store_figures {
	struct figure list, show, stats, search_rare, search_common, reply;
	long cli_rss_kib;
	struct tui_figures tui;
	int tui_ok;
};

static void bench_store(const char *db, const char *reply_db,
			long long longest, long long open_thread,
			bool search_once, struct store_figures *r)
{
	const char *const list[] = {"list", "--folder", "awaiting", "--limit",
				    BENCH_PAGE_TEXT, NULL};
	r->list = time_runs(inmail_argv(db, list), &r->cli_rss_kib);
	char id[32];
	snprintf(id, sizeof id, "%lld", longest);
	const char *const show[] = {"show", id, NULL};
	r->show = time_runs(inmail_argv(db, show), &r->cli_rss_kib);
	const char *const stats[] = {"stats", NULL};
	r->stats = time_runs(inmail_argv(db, stats), &r->cli_rss_kib);
	const char *const rare[] = {"search", "zyzzyva", "--limit",
				    BENCH_PAGE_TEXT, NULL};
	const char *const common[] = {"search", "team", "--limit",
				      BENCH_PAGE_TEXT, NULL};
	if (search_once) {
		/* No full-text index on the server yet (a case-folded scan:
		 * a rare word read every message, 118 s at 1M): one run each
		 * when BENCH_PG_SEARCH is set, else none. */
		double ms = -1, ms2 = -1;
		if (getenv("BENCH_PG_SEARCH")) {
			run(inmail_argv(db, rare), &ms, NULL, NULL);
			run(inmail_argv(db, common), &ms2, NULL, NULL);
		}
		r->search_rare = (struct figure){ms, ms, -1};
		r->search_common = (struct figure){ms2, ms2, -1};
	} else {
		r->search_rare = time_runs(inmail_argv(db, rare),
					   &r->cli_rss_kib);
		r->search_common = time_runs(inmail_argv(db, common),
					     &r->cli_rss_kib);
	}
	snprintf(id, sizeof id, "%lld", open_thread);
	const char *const reply[] = {"reply", id, "--body",
				     "Thanks! Does Tuesday at 10:00 suit you?",
				     NULL};
	r->reply = time_runs(inmail_argv(reply_db, reply), &r->cli_rss_kib);
	r->tui_ok = bench_tui(db, &r->tui);
}

#define PG_ROW_FMT "| %-46s | %9s | %9s | %9s | %9s | %-16s |\n"

static void pg_row(const char *what, struct figure a, struct figure b,
		   const char *target)
{
	char am[32] = "n/a", aw[32] = "n/a", bm[32] = "n/a", bw[32] = "n/a";
	if (a.median >= 0) {
		snprintf(am, sizeof am, "%.2f", a.median);
		snprintf(aw, sizeof aw, "%.2f", a.worst);
	}
	if (b.median >= 0) {
		snprintf(bm, sizeof bm, "%.2f", b.median);
		snprintf(bw, sizeof bw, "%.2f", b.worst);
	}
	printf(PG_ROW_FMT, what, am, aw, bm, bw, target);
}

static void pg_row_num(const char *what, double a, double b,
		       const char *target)
{
	char as[32], bs[32];
	snprintf(as, sizeof as, "%.1f", a);
	snprintf(bs, sizeof bs, "%.1f", b);
	printf(PG_ROW_FMT, what, as, "", bs, "", target);
}

/* bench_inmail pg NAME MESSAGES THREADS CANDIDATES DIR [RECRUITERS], under
 * tests/pg/pg_server.sh: the data set of that size (made by gen once, kept
 * in DIR, the same file the SQLite benchmark uses), copied into the
 * throwaway server; every figure timed on both, printed as one table. */
static int main_pg(int argc, char **argv)
{
	const char *name = argv[0], *dir = argv[4];
	char data[3000], db[3500], copy[3500], uri[512];
	snprintf(data, sizeof data, "%s/data", dir);
	mkdir(data, 0700);
	snprintf(db, sizeof db, "%s/bench-%s.db", data, name);
	snprintf(copy, sizeof copy, "%s/bench-%s-reply.db", data, name);
	const char *const gen_args[] = {"--messages", argv[1], "--threads",
					argv[2], "--candidates", argv[3],
					argc > 5 ? "--recruiters" : NULL,
					argc > 5 ? argv[5] : NULL, NULL};
	struct gen_figures g = {0};
	if (make_dataset(db, gen_args, &g) != 0)
		return 1;
	double copy_ms = 0;
	if (pg_prepare(db, uri, sizeof uri, &copy_ms) != 0)
		return 1;
	sqlite3 *sq = NULL;
	if (sqlite3_open_v2(db, &sq, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return 1;
	long long lead = query_int(sq, "SELECT id FROM account WHERE handle = '"
				   LEAD "'");
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT thread FROM message WHERE thread IN (SELECT id FROM"
		 " thread WHERE recruiter = %lld) GROUP BY thread"
		 " ORDER BY count(*) DESC LIMIT 1", lead);
	long long longest = query_int(sq, sql);
	snprintf(sql, sizeof sql,
		 "SELECT id FROM thread WHERE recruiter = %lld AND responded_at"
		 " IS NOT NULL AND blocked = 0 ORDER BY id DESC LIMIT 1", lead);
	long long open_thread = query_int(sq, sql);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM thread WHERE recruiter"
		 " = %lld", lead);
	long long lead_threads = query_int(sq, sql);
	sqlite3_close(sq);

	/* The floor under every command on the server: a new connection
	 * (a server process, the password's SCRAM exchange) and one query,
	 * by psql, as the same login on the same socket. */
	struct figure f_connect = {-1, -1, -1};
	const char *psql_bin = getenv("PSQL");
	if (psql_bin) {
		char *const argv[] = {(char *)psql_bin, "-X", "-q", "-U", LEAD,
				      "-d", PG_DB, "-c", "SELECT 1", NULL};
		setenv("PGPASSWORD", PG_PASSWORD, 1);
		f_connect = time_runs(argv, NULL);
		unsetenv("PGPASSWORD");
	}
	struct store_figures lite = {0}, pg = {0};
	copy_file(db, copy);
	sync(); /* the copy's write-back, not the figures' */
	bench_store(db, copy, longest, open_thread, false, &lite);
	unlink(copy);
	/* On the server the replies go into the copy itself: it is thrown
	 * away with the server. */
	bench_store(uri, uri, longest, open_thread, true, &pg);
	struct figure peer_list = {-1, -1, -1};
	char peer[512];
	if (pg_peer(peer, sizeof peer) == 0) {
		const char *const list[] = {"list", "--folder", "awaiting",
					    "--limit", BENCH_PAGE_TEXT, NULL};
		peer_list = time_runs(inmail_argv(peer, list), NULL);
	}

	printf("\n## %s messages (%s) on SQLite and on PostgreSQL (local "
	       "socket), %lld threads of %s, machine: %ld cores\n\n",
	       argv[1], name, lead_threads, LEAD,
	       sysconf(_SC_NPROCESSORS_ONLN));
	printf("inmail copy into the server: %.1f s\n\n", copy_ms / 1e3);
	printf(PG_ROW_FMT, "figure (ms unless said)", "SQLite", "worst",
	       "PG", "worst", "target (PG, 1M)");
	printf("|%s|%s|%s|%s|%s|%s|\n",
	       "------------------------------------------------", "-----------",
	       "-----------", "-----------", "-----------",
	       "------------------");
	pg_row("TUI exec to first complete screen", lite.tui.first,
	       pg.tui.first, "<= 60");
	pg_row("TUI key: one row (Down)", lite.tui.row, pg.tui.row,
	       "<= 10 worst");
	pg_row("TUI key: one page (PgDn)", lite.tui.page, pg.tui.page,
	       "<= 10 worst");
	pg_row("TUI key: jump to end of Sent (G)", lite.tui.end, pg.tui.end,
	       "<= 10 worst");
	pg_row("TUI key: switch folder (1-4)", lite.tui.folder,
	       pg.tui.folder, "<= 10 worst");
	pg_row("CLI list --folder awaiting, first page", lite.list, pg.list,
	       "<= 30");
	struct figure none = {-1, -1, -1};
	pg_row("CLI list, first page, peer auth on the socket", none,
	       peer_list, "");
	pg_row("  psql -c 'SELECT 1', same login (floor)", none, f_connect, "");
	pg_row("CLI show (longest thread)", lite.show, pg.show, "");
	pg_row("CLI stats", lite.stats, pg.stats, "");
	pg_row("CLI search, rare word (PG: 1 run, opt.)", lite.search_rare,
	       pg.search_rare, "");
	pg_row("CLI search, common word (PG: 1 run, opt.)", lite.search_common,
	       pg.search_common, "");
	pg_row("CLI reply", lite.reply, pg.reply, "");
	pg_row_num("TUI peak RSS (MiB)", (double)lite.tui.rss_kib / 1024,
		   (double)pg.tui.rss_kib / 1024, "<= 24");
	pg_row_num("CLI peak RSS (MiB)", (double)lite.cli_rss_kib / 1024,
		   (double)pg.cli_rss_kib / 1024, "");
	pg_row_num("TUI bytes: 1 s idle", (double)lite.tui.idle_bytes,
		   (double)pg.tui.idle_bytes, "0");
	printf("\n");
	return lite.tui_ok == 0 && pg.tui_ok == 0 ? 0 : 1;
}

/* bench_inmail first DB: only the TUI's first complete screen, FIRST_RUNS
 * times, on a database already made (a file or a server's URI): for
 * looking into that one figure without a whole run. */
static int main_first(const char *db)
{
	double firsts[FIRST_RUNS];
	for (int i = 0; i < FIRST_RUNS; i++) {
		struct term *t = tui_start(db, &firsts[i]);
		if (!t)
			return 1;
		term_type(t, "q");
		term_wait_exit(t, 5000);
		term_free(&t);
	}
	struct figure f = summarise(firsts, FIRST_RUNS);
	printf("first screen: %.2f ms median, %.2f worst\n", f.median, f.worst);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "first") == 0)
		return main_first(argv[2]);
	if (argc == 3 && strcmp(argv[1], "composer") == 0)
		return main_composer(argv[2]);
	if (argc >= 3 && strcmp(argv[1], "time") == 0)
		return main_time(argv + 2);
	if (argc >= 7 && argc <= 8 && strcmp(argv[1], "pg") == 0)
		return main_pg(argc - 2, argv + 2);
	if (argc < 6 || argc > 7) {
		fprintf(stderr, "usage: bench_inmail NAME MESSAGES THREADS "
				"CANDIDATES DIR\n"
				"       bench_inmail composer DIR\n"
				"       bench_inmail first DB\n");
		return 64;
	}
	const char *name = argv[1], *dir = argv[5];
	char db[3500], copy[3500];
	/* inmail wants its directory private (SPEC 5). */
	char data[3000];
	snprintf(data, sizeof data, "%s/data", dir);
	mkdir(data, 0700);
	snprintf(db, sizeof db, "%s/bench-%s.db", data, name);
	snprintf(copy, sizeof copy, "%s/bench-%s-reply.db", data, name);
	/* An optional sixth argument: the recruiters (gen's default 100). */
	const char *const gen_args[] = {"--messages", argv[2], "--threads",
					argv[3], "--candidates", argv[4],
					argc > 6 ? "--recruiters" : NULL,
					argc > 6 ? argv[6] : NULL, NULL};
	struct gen_figures g = {0};
	if (make_dataset(db, gen_args, &g) != 0)
		return 1;
	long messages = atol(argv[2]);

	sqlite3 *sq = NULL;
	if (sqlite3_open_v2(db, &sq, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return 1;
	long long lead = query_int(sq, "SELECT id FROM account WHERE handle = '"
				   LEAD "'");
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT thread FROM message WHERE thread IN (SELECT id FROM"
		 " thread WHERE recruiter = %lld) GROUP BY thread"
		 " ORDER BY count(*) DESC LIMIT 1", lead);
	long long longest = query_int(sq, sql);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM message WHERE thread = %lld",
		 longest);
	long long longest_n = query_int(sq, sql);
	snprintf(sql, sizeof sql,
		 "SELECT id FROM thread WHERE recruiter = %lld AND responded_at"
		 " IS NOT NULL AND blocked = 0 ORDER BY id DESC LIMIT 1", lead);
	long long open_thread = query_int(sq, sql);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM thread WHERE recruiter"
		 " = %lld", lead);
	long long lead_threads = query_int(sq, sql);
	sqlite3_close(sq);
	long long now = 1772366400; /* NOW */

	long cli_rss = 0;
	const char *const list[] = {"list", "--folder", "awaiting", "--limit",
				    BENCH_PAGE_TEXT, NULL};
	struct figure f_list = time_runs(inmail_argv(db, list), &cli_rss);
	char id[32];
	snprintf(id, sizeof id, "%lld", longest);
	const char *const show[] = {"show", id, NULL};
	struct figure f_show = time_runs(inmail_argv(db, show), &cli_rss);
	const char *const stats[] = {"stats", NULL};
	struct figure f_stats = time_runs(inmail_argv(db, stats), &cli_rss);
	/* Search (SPEC 9): each query's first page and the page after it
	 * (--after the first page's last thread). */
	struct figure f_search[SEARCH_CASES][2];
	for (size_t i = 0; i < SEARCH_CASES; i++) {
		const char *const first[] = {"search", search_cases[i].query,
					     "--limit", BENCH_PAGE_TEXT, NULL};
		f_search[i][0] = time_runs(inmail_argv(db, first), &cli_rss);
		struct figure none = {-1, -1, -1};
		f_search[i][1] = none;
		char after[32];
		long long last = page_last_id(db, search_cases[i].query);
		snprintf(after, sizeof after, "%lld", last);
		const char *const next[] = {"search", search_cases[i].query,
					    "--limit", BENCH_PAGE_TEXT, "--after",
					    after, NULL};
		if (last > 0 && search_cases[i].next)
			f_search[i][1] = time_runs(inmail_argv(db, next), &cli_rss);
	}
	copy_file(db, copy);
	sync(); /* the copy's write-back, not the reply's */
	snprintf(id, sizeof id, "%lld", open_thread);
	const char *const reply[] = {"reply", id, "--body",
				     "Thanks! Does Tuesday at 10:00 suit you?",
				     NULL};
	struct figure f_reply = time_runs(inmail_argv(copy, reply), &cli_rss);
	unlink(copy);

	static char page_sql[16384], stats_sql[16384];
	struct figure f_floor_list = {-1, -1, -1}, f_floor_stats = {-1, -1, -1};
	if (floor_sql(db, lead, now, page_sql, stats_sql, sizeof page_sql) == 0) {
		f_floor_list = time_shell(db, page_sql);
		f_floor_stats = time_shell(db, stats_sql);
	}

	struct tui_figures tf = {0};
	int tui_ok = bench_tui(db, &tf);

	printf("\n## %s messages (%s), %lld threads of %s, machine: %ld cores\n\n",
	       argv[2], name, lead_threads, LEAD, sysconf(_SC_NPROCESSORS_ONLN));
	printf(ROW_FMT, "figure (ms unless said)", "median", "worst",
	       "CPU", "target (1M)");
	printf("|%s|%s|%s|%s|%s|\n", "----------------------------------------------",
	       "------------", "------------", "------------",
	       "--------------------");
	row_num("gen: messages/s (wall clock)",
		g.wall_ms > 0 ? (double)messages / (g.wall_ms / 1e3) : 0, "%.0f",
		">= 200,000");
	row_num("gen: messages/s (CPU time)",
		g.cpu_ms > 0 ? (double)messages / (g.cpu_ms / 1e3) : 0, "%.0f",
		"");
	row_ms("CLI list --folder awaiting, first page", f_list,
	       "<= 20, 3x floor");
	row_ms("  sqlite3 shell, same query (floor)", f_floor_list, "");
	char what[64];
	snprintf(what, sizeof what, "CLI show (longest thread, %lld msgs)",
		 longest_n);
	row_ms(what, f_show, "");
	row_ms("CLI stats", f_stats, "<= 30, 3x floor");
	row_ms("  sqlite3 shell, same queries (floor)", f_floor_stats, "");
	for (size_t i = 0; i < SEARCH_CASES; i++) {
		snprintf(what, sizeof what, "CLI search %s, page 1",
			 search_cases[i].label);
		row_ms(what, f_search[i][0], search_cases[i].target);
		if (search_cases[i].next) {
			snprintf(what, sizeof what, "  page 2 (--after)");
			row_ms(what, f_search[i][1], "");
		}
	}
	row_ms("CLI reply (on a copy)", f_reply, "");
	row_num("CLI peak RSS (MiB)", (double)cli_rss / 1024, "%.1f", "");
	if (tui_ok == 0) {
		row_ms("TUI exec to first complete screen", tf.first, "<= 60");
		row_ms("TUI key: one row (Down)", tf.row, "<= 10 worst");
		row_ms("TUI key: one page (PgDn)", tf.page, "<= 10 worst");
		row_ms("TUI key: jump to end of Sent (G)", tf.end, "<= 10 worst");
		row_ms("TUI key: switch folder (1-4)", tf.folder, "<= 10 worst");
		row_num("TUI bytes: unchanged frame (Up on row 1)",
			(double)tf.same_bytes, "%.0f", "0");
		row_num("TUI bytes: 1 s idle", (double)tf.idle_bytes, "%.0f", "0");
		row_num("TUI bytes: one-row move (mean)", (double)tf.row_bytes,
			"%.0f", "<= 512");
		row_num("TUI bytes: one-row move (most)", (double)tf.row_max,
			"%.0f", "<= 512");
		row_num("TUI bytes: page down (mean)", (double)tf.page_bytes,
			"%.0f", "");
		row_num("TUI peak RSS (MiB)", (double)tf.rss_kib / 1024, "%.1f",
			"<= 24, ~10k size");
	}
	printf("\n");
	return tui_ok == 0 ? 0 : 1;
}
