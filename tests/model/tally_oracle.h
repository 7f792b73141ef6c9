/* The tally checks of SPEC 3's folders and statistics, shared by both
 * stores' tests (tests/model/test_tally.c on SQLite, tests/pgdrv/
 * test_pg_tally.c on PostgreSQL): each count the model gives is checked
 * against the same number counted the slow way from the rows, by an
 * oracle written from the SPEC's words.  Each test says only how it reads
 * rows, past the store (sqlite3, or libpq as the server's superuser). */
#ifndef INMAIL_TESTS_TALLY_ORACLE_H
#define INMAIL_TESTS_TALLY_ORACLE_H

#include <stdint.h>

#include "fixture.h"

/* How a test reads the database's rows.  SQL is written once, for both:
 * $1..$3 are integer parameters, booleans are read through CASE. */
struct tally_raw {
	void *(*open)(struct fx *f);
	void (*close)(void *db);
	/* The single integer sql gives with $1..$3 bound to a, b, c. */
	int64_t (*one)(void *db, const char *sql, int64_t a, int64_t b,
		       int64_t c);
	/* Each row of sql (n integer columns, n <= 8) to row. */
	void (*rows)(void *db, const char *sql, int n,
		     void (*row)(void *arg, const int64_t *v), void *arg);
};

/* Every folder of the acting account against a count of the rows. */
void tally_check_folders(struct fx *f, const struct tally_raw *raw, void *db);
/* The statistics of recruiter handle against the rows. */
void tally_check_stats(struct fx *f, const struct tally_raw *raw, void *db,
		       const char *handle);
/* Both, for the fixture's five people. */
void tally_check_all(struct fx *f, const struct tally_raw *raw);

/* A day in the life: every action that moves a count, checked after each
 * one, and the clock past both windows. */
void tally_day_in_the_life(struct fx *f, const struct tally_raw *raw);
/* An automated follow-up sent by the catch-up, then answered late. */
void tally_automated_followups(struct fx *f, const struct tally_raw *raw);
/* gen loads without triggers and recounts at the end. */
void tally_gen_recounts(struct fx *f, const struct tally_raw *raw);

#endif
