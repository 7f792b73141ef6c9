/* Side-by-side driver: times inmail's or mutt's terminal interface the way
 * bench/bench.c times inmail's (a pty + libvterm through tests/tui's
 * harness and bench/measure.c: a key's time runs to the last byte before
 * 25 ms of quiet), and prints one row of figures.
 *
 *   compare inmail DB                 (as rec00001, Sent folder for keys)
 *   compare mutt MAILBOX MUTTRC [mutt args...]
 *
 * Environment: INMAIL (the inmail binary's path), MUTT (default /usr/bin/mutt),
 * FIRST_RUNS (default 5), KEY_RUNS (default 100), LABEL (row name),
 * OPEN_TIMEOUT_S (default 900), HCACHE (a file or directory deleted
 * before the first open only, so run 1 is a cold header cache).
 *
 * Row printed: first screen ms (median of runs 2..N, and run 1), then
 * median / worst ms of KEY_RUNS presses of Down, PgDn and jump-to-end
 * (alternating with jump-to-start), bytes per Down (mean / most), per
 * PgDn (mean / most), per jump (mean), and peak RSS (VmHWM) in MiB.
 *
 * A key waits up to 2 s for its first byte, so a slow key is not taken
 * for one that drew nothing. */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "measure.h"

#define FIRST_BYTE_MS 2000
#define ROWS 24
#define COLS 100
#define NOW "2026-03-01T12:00:00Z"
#define LEAD "rec00001"

static int env_int(const char *name, int def)
{
	const char *v = getenv(name);
	return v && *v ? atoi(v) : def;
}

/* User and system CPU seconds of this process's children so far. */
static void child_cpu(double *user, double *sys)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	*user = *sys = 0;
	while (d && (e = readdir(d))) {
		char path[300], buf[4096];
		snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = '\0';
		char *p = strrchr(buf, ')');
		long ppid;
		unsigned long ut, st;
		if (p && sscanf(p + 2, "%*c %ld %*d %*d %*d %*d %*u %*u %*u %*u"
				" %*u %lu %lu", &ppid, &ut, &st) == 3 &&
		    ppid == (long)getpid()) {
			*user += (double)ut / (double)sysconf(_SC_CLK_TCK);
			*sys += (double)st / (double)sysconf(_SC_CLK_TCK);
		}
	}
	if (d)
		closedir(d);
}

struct prog {
	const char *args[64];
	const char *env[4];
	const char *marks[3];     /* all on screen: the list is drawn */
	const char *before_keys;  /* typed once before the key series */
	const char *down, *pgdn, *end, *home;
};

struct stat_ms {
	double median, worst;
	int silent; /* presses that drew nothing within FIRST_BYTE_MS */
};

static struct stat_ms summarise(double *v, int n)
{
	struct stat_ms s = {0, 0, 0};
	for (int i = 0; i < n; i++)
		s.silent += v[i] == 0;
	qsort(v, (size_t)n, sizeof *v, measure_cmp_double);
	s.median = n ? v[n / 2] : 0;
	s.worst = n ? v[n - 1] : 0;
	return s;
}

static struct term *start(const struct prog *p, double *first_ms)
{
	int timeout = env_int("OPEN_TIMEOUT_S", 900) * 1000;
	struct term *t = measure_start(p->args, p->env, ROWS, COLS, p->marks,
				       timeout, first_ms);
	if (!t)
		fprintf(stderr, "compare: no list after %d s\n",
			timeout / 1000);
	return t;
}

static struct stat_ms press(struct term *t, const char *key, int n,
			    size_t *bytes, size_t *most)
{
	double *v = calloc((size_t)n, sizeof *v);
	for (int i = 0; i < n; i++) {
		size_t b = 0;
		double t0 = measure_now_ms();
		term_type(t, key);
		v[i] = measure_settle(t, t0, FIRST_BYTE_MS, &b);
		*bytes += b;
		if (b > *most)
			*most = b;
	}
	struct stat_ms s = summarise(v, n);
	free(v);
	return s;
}

int main(int argc, char **argv)
{
	struct prog p = {0};
	size_t na = 0;
	static char home[4200], mail[4300];
	if (argc == 3 && strcmp(argv[1], "inmail") == 0) {
		const char *exe = getenv("INMAIL");
		if (!exe || access(exe, X_OK) != 0) {
			fprintf(stderr, "compare: set INMAIL to the inmail binary\n");
			return 64;
		}
		setenv("INMAIL_EXE", exe, 1);
		const char *a[] = {"--db", argv[2], "--as", LEAD, "--now", NOW,
				   "tui", NULL};
		for (size_t i = 0; a[i]; i++)
			p.args[na++] = a[i];
		p.marks[0] = "? help";
		p.marks[1] = "InMail";
		p.before_keys = "3"; /* Sent: every thread of the lead */
		p.end = "G";
		p.home = "g";
	} else if (argc >= 4 && strcmp(argv[1], "mutt") == 0) {
		const char *exe = getenv("MUTT");
		setenv("INMAIL_EXE", exe ? exe : "/usr/bin/mutt", 1);
		const char *a[] = {"-n", "-F", argv[3], "-f", argv[2], NULL};
		for (size_t i = 0; a[i]; i++)
			p.args[na++] = a[i];
		for (int i = 4; i < argc && na < 62; i++)
			p.args[na++] = argv[i];
		/* Nothing from the caller's home (mailcap, ~/.mutt...). */
		const char *tmp = getenv("TMPDIR");
		snprintf(home, sizeof home, "HOME=%s/compare-home-XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(home + 5))
			return 1;
		/* $folder (~/Mail) exists, or mutt asks to create it. */
		snprintf(mail, sizeof mail, "%s/Mail", home + 5);
		mkdir(mail, 0700);
		p.env[0] = home;
		p.marks[0] = "Msgs:"; /* $status_format: drawn with the index */
		p.marks[1] = "q:Quit";
		p.end = "*";  /* <last-entry> */
		p.home = "="; /* <first-entry> */
	} else {
		fprintf(stderr, "usage: compare inmail DB | compare mutt MAILBOX "
				"MUTTRC [mutt args]\n");
		return 64;
	}
	p.down = "\x1bOB";
	p.pgdn = "\x1b[6~";

	int first_runs = env_int("FIRST_RUNS", 5), n = env_int("KEY_RUNS", 100);
	const char *hcache = getenv("HCACHE");
	if (hcache && *hcache) {
		char cmd[4200];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", hcache);
		if (system(cmd) != 0)
			return 1;
	}
	double *firsts = calloc((size_t)first_runs, sizeof *firsts);
	struct term *t = NULL;
	fprintf(stderr, "first screen, ms:");
	for (int i = 0; i < first_runs; i++) {
		term_free(&t);
		if (!(t = start(&p, &firsts[i])))
			return 1;
		fprintf(stderr, " %.0f", firsts[i]);
	}
	double cpu_user, cpu_sys;
	child_cpu(&cpu_user, &cpu_sys);
	fprintf(stderr, "\nCPU of the last run to its first screen: user %.2f s,"
			" system %.2f s\n", cpu_user, cpu_sys);
	/* Run 1 apart: it may meet a cold header cache or page cache. */
	double first1 = firsts[0];
	struct stat_ms first = first_runs > 1
				       ? summarise(firsts + 1, first_runs - 1)
				       : summarise(firsts, 1);
	if (getenv("SHOW_SCREEN"))
		fprintf(stderr, "%s", term_screen(t));

	if (p.before_keys) {
		term_type(t, p.before_keys);
		measure_settle(t, measure_now_ms(), FIRST_BYTE_MS, NULL);
		if (getenv("SHOW_SCREEN"))
			fprintf(stderr, "%s", term_screen(t));
	}
	size_t b_row = 0, m_row = 0, b_page = 0, m_page = 0, b_end = 0,
	       m_end = 0, junk = 0, junk2 = 0;
	struct stat_ms row = press(t, p.down, n, &b_row, &m_row);
	term_type(t, p.home);
	measure_settle(t, measure_now_ms(), FIRST_BYTE_MS, NULL);
	struct stat_ms page = press(t, p.pgdn, n, &b_page, &m_page);
	double *v = calloc((size_t)n, sizeof *v);
	for (int i = 0; i < n; i++) {
		size_t b = 0;
		double t0 = measure_now_ms();
		term_type(t, p.end);
		v[i] = measure_settle(t, t0, FIRST_BYTE_MS, &b);
		b_end += b;
		if (b > m_end)
			m_end = b;
		press(t, p.home, 1, &junk, &junk2);
	}
	struct stat_ms end = summarise(v, n);
	if (getenv("SHOW_SCREEN"))
		fprintf(stderr, "%s", term_screen(t));
	long rss = measure_children_peak_kib();
	term_type(t, "q");
	term_wait_exit(t, 10000);
	term_free(&t);
	if (p.env[0]) {
		rmdir(mail);
		rmdir(home + 5);
	}

	const char *label = getenv("LABEL");
	printf("| %s | %.0f | %.0f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f "
	       "| %zu / %zu | %zu / %zu | %zu | %.1f |\n",
	       label ? label : argv[1], first.median, first1, row.median,
	       row.worst, page.median, page.worst, end.median, end.worst,
	       b_row / (size_t)n, m_row, b_page / (size_t)n, m_page,
	       b_end / (size_t)n, (double)rss / 1024);
	if (row.silent || page.silent || end.silent)
		fprintf(stderr, "compare: presses that drew nothing: Down %d, "
				"PgDn %d, End %d (of %d)\n",
			row.silent, page.silent, end.silent, n);
	fflush(stdout);
	return 0;
}
