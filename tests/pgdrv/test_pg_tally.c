/* The tallies on PostgreSQL (issue 14): tests/model/test_tally.c's day
 * in the life, automated follow-ups and a generated world, each count
 * checked after every step against the rows, read here through libpq as
 * the server's superuser (past every policy); and rows written by another
 * program (psql) keep them too, the triggers being the server's.  Runs
 * under tests/pg/pg_server.sh with INMAIL_TEST_PG=1; 77 without one. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "tally_oracle.h"

static PGconn *open_raw(struct fx *f)
{
	char info[160];
	snprintf(info, sizeof info, "dbname=%s user=%s options='-c search_path=inmail'",
		 f->dir, getenv("INMAIL_PG_SUPER"));
	PGconn *c = PQconnectdb(info);
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("%s", PQerrorMessage(c));
	return c;
}

/* One integer from sql with $1..$3 bound (all bigint). */
static int64_t one(PGconn *db, const char *sql, int64_t a, int64_t b,
		   int64_t c)
{
	char v[3][24];
	snprintf(v[0], sizeof v[0], "%lld", (long long)a);
	snprintf(v[1], sizeof v[1], "%lld", (long long)b);
	snprintf(v[2], sizeof v[2], "%lld", (long long)c);
	const char *const values[] = {v[0], v[1], v[2]};
	const Oid types[] = {20, 20, 20};
	PGresult *r = PQexecParams(db, sql, 3, types, values, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
		fail_msg("%s: %s", sql, PQerrorMessage(db));
	int64_t x = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return x;
}

static void exec(PGconn *db, const char *sql)
{
	PGresult *r = PQexec(db, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(db));
	PQclear(r);
}

/* The rows through libpq (tally_oracle.h). */
static void *raw_open(struct fx *f)
{
	return open_raw(f);
}

static void raw_close(void *db)
{
	PQfinish(db);
}

static int64_t raw_one(void *db, const char *sql, int64_t a, int64_t b,
		       int64_t c)
{
	return one(db, sql, a, b, c);
}

static void raw_rows(void *db, const char *sql, int n,
		     void (*row)(void *arg, const int64_t *v), void *arg)
{
	PGresult *r = PQexec(db, sql);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(db));
	int64_t v[8];
	for (int i = 0; i < PQntuples(r); i++) {
		for (int k = 0; k < n && k < 8; k++)
			v[k] = strtoll(PQgetvalue(r, i, k), NULL, 10);
		row(arg, v);
	}
	PQclear(r);
}

static const struct tally_raw raw = {raw_open, raw_close, raw_one, raw_rows};

static void check_all(struct fx *f)
{
	tally_check_all(f, &raw);
}

static void counts_stay_exact(void **state)
{
	tally_day_in_the_life(*state, &raw);
}

static void automated_followups_count(void **state)
{
	tally_automated_followups(*state, &raw);
}

/* Another program writing the rows (psql as a superuser) keeps them
 * too: the triggers are the server's. */
static void raw_writes_keep_counts(void **state)
{
	struct fx *f = *state;
	fx_send(f, "jose");
	fx_send(f, "ana");
	PGconn *db = open_raw(f);
	exec(db, "UPDATE thread SET archived_by_candidate = true,"
		 " seen_by_candidate = last_from_recruiter");
	PQfinish(db);
	check_all(f);
}

static void gen_recounts(void **state)
{
	tally_gen_recounts(*state, &raw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(counts_stay_exact, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(automated_followups_count,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(raw_writes_keep_counts,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(gen_recounts, fx_setup,
						fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
