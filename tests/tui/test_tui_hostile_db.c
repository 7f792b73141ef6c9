/* Issue 10 in the terminal interface: a database another program wrote
 * (class 4), another connection holding the write lock (class 5), and a
 * header cut from a long multibyte name (class 10f).  The real binary in
 * a pty at 80x24, read back through libvterm. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "harness.h"

#define NOW "2026-03-02T09:00:00Z"
#define T HARNESS_TIMEOUT_MS

struct fx {
	char *dir;
	char db[512];
};

#define CLI(f, as, ...) \
	harness_cli_at((f)->db, NOW, (as), NULL, __VA_ARGS__, (const char *)NULL)

static void fx_cast(struct fx *f, const char *rita_name)
{
	assert_int_equal(CLI(f, NULL, "init"), 0);
	assert_int_equal(CLI(f, NULL, "user", "add", "rita", "--name", rita_name,
			     "--role", "recruiter", "--credits", "10"), 0);
	assert_int_equal(CLI(f, NULL, "user", "add", "jose", "--name",
			     "José Müller", "--role", "candidate"), 0);
	assert_int_equal(CLI(f, "rita", "send", "--to", "jose", "--subject",
			     "Senior C engineer", "--body", "Hello José",
			     "--followup", "3:ping"), 0);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->dir = harness_dbdir(f->db, sizeof f->db);
	assert_non_null(f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	harness_rmdir(f->dir);
	free(f);
	return 0;
}

static void sql(struct fx *f, const char *s)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 10000);
	int rc = sqlite3_exec(db, s, NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(rc, SQLITE_OK);
}

static struct term *start(struct fx *f, const char *as, const char *now)
{
	const char *args[] = {"--db", f->db, "--now", now, "--as", as, NULL};
	struct term *t = term_start(args, NULL, 24, 80);
	assert_non_null(t);
	return t;
}

/* The program still runs: no exit within a short wait. */
static bool alive(struct term *t)
{
	int st = term_wait_exit(t, 500);
	if (st != -1)
		fprintf(stderr, "the TUI ended: status 0x%x\n%s\n", st, term_screen(t));
	return st == -1;
}

/* Waits until the screen shows a or b, for T ms of the clock: a read
 * returns at the first bytes, and a loaded machine draws one screen in
 * dozens of writes, so counting reads gave up before the screen was whole
 * (the flaky "drew 0 opened 1"). */
static bool wait_either(struct term *t, const char *a, const char *b)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	long long end = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000 + T;
	for (;;) {
		const char *scr = term_screen(t);
		if (strstr(scr, a) || strstr(scr, b))
			return true;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		long long left = end - (ts.tv_sec * 1000LL + ts.tv_nsec / 1000000);
		if (left <= 0 || !term_read(t, left > 100 ? 100 : (int)left))
			break;
	}
	const char *scr = term_screen(t);
	return strstr(scr, a) || strstr(scr, b);
}

static const char *const hostile_enums[] = {
	"UPDATE thread SET response = 7",
	"UPDATE thread SET state = 9, response = 1",
	"UPDATE thread SET response = -3",
	"UPDATE thread SET response = 1000000",
	"UPDATE thread SET response = -2147483648",
	"UPDATE message SET kind = 9",
	"UPDATE message SET label = 5, confidence = 2.0",
	"UPDATE message SET confidence = 'NaN'",
};

/* class 4: a thread whose enums another program broke opens in both
 * sessions without killing them. */
static void tui_survives_enums_out_of_range(void **state)
{
	struct fx *f = *state;
	fx_cast(f, "Rita Recruiter");
	assert_int_equal(CLI(f, "jose", "reply", "1", "--body",
			     "Sounds great, tell me more"), 0);
	int bad = 0;
	for (size_t i = 0; i < sizeof hostile_enums / sizeof *hostile_enums; i++) {
		sql(f, hostile_enums[i]);
		const char *who[] = {"rita", "jose"};
		for (int w = 0; w < 2; w++) {
			struct term *t = start(f, who[w], "2026-03-03T09:00:00Z");
			/* SPEC 5: the thread lists and opens, or the screen
			 * says in one line which thread holds what inmail never
			 * writes; either way the session runs on. */
			bool drew = wait_either(t, "InMail", "thread 1: its");
			term_key(t, "Enter");
			bool opened = wait_either(t, "Hello", "thread 1: its");
			bool ok = drew && opened && alive(t);
			if (!ok) {
				fprintf(stderr, "# %s as %s: drew %d opened %d\n%s\n",
					hostile_enums[i], who[w], drew, opened,
					term_screen(t));
				bad++;
			}
			term_free(&t);
		}
		/* put the row back for the next variant */
		sql(f, "UPDATE thread SET state = 1, response = 3; UPDATE message "
		       "SET kind = CASE id WHEN 1 THEN 0 WHEN 2 THEN 2 ELSE 3 END, "
		       "label = CASE id WHEN 2 THEN 0 ELSE NULL END, "
		       "confidence = CASE id WHEN 2 THEN 0.9 ELSE NULL END");
	}
	assert_int_equal(bad, 0);
}

/* class 5: with another connection holding the write lock and a follow-up
 * due, the TUI draws its list and answers j, Enter and Esc. */
static void tui_answers_while_another_holds_the_write_lock(void **state)
{
	struct fx *f = *state;
	fx_cast(f, "Rita Recruiter");
	/* The second from another recruiter: rita's first is pending, one
	 * pending InMail per candidate (SPEC 9). */
	assert_int_equal(CLI(f, NULL, "user", "add", "rob", "--name",
			     "Rob Recruiter", "--role", "recruiter",
			     "--credits", "1"), 0);
	assert_int_equal(CLI(f, "rob", "send", "--to", "jose", "--subject",
			     "Platform lead", "--body", "Second one"), 0);
	sqlite3 *w = NULL;
	assert_int_equal(sqlite3_open(f->db, &w), SQLITE_OK);
	assert_int_equal(sqlite3_exec(w, "BEGIN IMMEDIATE; UPDATE account SET "
				      "name = name || '' WHERE handle = 'rita'",
				      NULL, NULL, NULL), SQLITE_OK);
	struct term *t = start(f, "jose", "2026-03-07T09:00:00Z");
	/* The two rows (at 80 columns a row keeps name, state and date;
	 * the subjects show when a thread opens). */
	bool drew = term_wait(t, "Rob Recr", T) &&
		    term_wait(t, "Rita Rec", T);
	term_type(t, "j");
	term_key(t, "Enter");
	bool opened = term_wait(t, "Hello José", T) || term_wait(t, "Second one", T);
	term_key(t, "Escape");
	bool back = term_wait(t, "Messages", T);
	bool live = alive(t);
	if (!(drew && opened && back && live))
		fprintf(stderr, "# drew %d opened %d back %d alive %d\n%s\n", drew,
			opened, back, live, term_screen(t));
	term_free(&t);
	sqlite3_exec(w, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(w);
	assert_true(drew);
	assert_true(opened);
	assert_true(back);
	assert_true(live);
}

/* class 10f: a header cut from a 100-character multibyte name never
 * splits a character ("<0x..>"). */
static void tui_header_cuts_whole_characters(void **state)
{
	struct fx *f = *state;
	const char *units[] = {"é", "李"};
	int bad = 0;
	for (int u = 0; u < 2; u++) {
		char name[512] = "";
		for (int i = 0; i < 100; i++)
			strcat(name, units[u]);
		snprintf(f->db, sizeof f->db, "%s/u%d.db", f->dir, u);
		fx_cast(f, name);
		static const int widths[] = {80, 100, 132, 200, 300};
		for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
			const char *args[] = {"--db", f->db, "--now", NOW, "--as",
					      "rita", NULL};
			struct term *t = term_start(args, NULL, 24, widths[w]);
			assert_non_null(t);
			bool drew = term_wait(t, "Folders", T);
			const char *screen = term_screen(t);
			if (!drew || strstr(screen, "<0x")) {
				fprintf(stderr, "# %s x100 at 24x%d: drew %d\n%s\n",
					units[u], widths[w], drew, screen);
				bad++;
			}
			term_free(&t);
		}
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(tui_survives_enums_out_of_range, setup, teardown),
		cmocka_unit_test_setup_teardown(tui_answers_while_another_holds_the_write_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(tui_header_cuts_whole_characters, setup, teardown),
	};
	return cmocka_run_group_tests_name("tui_hostile_db", tests, NULL, NULL);
}
