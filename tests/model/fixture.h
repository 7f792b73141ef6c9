/* A fresh database per test with a recruiter and candidates, and helpers to
 * act as someone at some time. */
#ifndef INMAIL_TEST_FIXTURE_H
#define INMAIL_TEST_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the three above first. */
#include <cmocka.h>

#include "inmail/model.h"

/* 2026-01-01T00:00:00Z */
#define T0 ((im_time)1767225600)

struct fx {
	char dir[64];
	char path[128];
	struct im_model *m;
};

/* cmocka setup/teardown: rita (recruiter, 10 credits), carl (recruiter,
 * 0 credits), jose "José Müller", ana "Ana Lima", li "李小龙" (candidates);
 * the clock at T0. */
int fx_setup(void **state);
int fx_teardown(void **state);

/* Acts as handle from now on. */
void fx_as(struct fx *f, const char *handle);
/* Sets the clock. */
void fx_at(struct fx *f, im_time t);
/* As rita, at the current time, sends one InMail to cand; returns the id. */
int64_t fx_send(struct fx *f, const char *cand);
/* The thread as the acting account sees it (without marking it read). */
struct im_thread *fx_thread(struct fx *f, int64_t id);
/* The credits of an account. */
int64_t fx_credits(struct fx *f, const char *handle);
/* Number of threads of the acting account in a folder. */
int64_t fx_count(struct fx *f, enum im_folder folder);
/* Whether the tests run on PostgreSQL (INMAIL_TEST_PG). */
bool fx_on_pg(void);
/* Runs SQL on the test's database as another program would, in one
 * transaction: sqlite_sql on SQLite's file (by the sqlite3 library),
 * pg_sql on the server's database as its superuser (by psql; tables in
 * the schema inmail).  Returns 0 when it succeeded: a server may refuse
 * what its CHECKs or triggers forbid. */
int fx_raw(struct fx *f, const char *sqlite_sql, const char *pg_sql);

#endif
