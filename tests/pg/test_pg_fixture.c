/* The fixture other suites will run on PostgreSQL with: a fresh copy of
 * the schema per case, logins with passwords (run under pg_server.sh with
 * the schema loaded). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pg_fixture.h"

static char *one(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	char *v = strdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return v;
}

static void test_fresh_db_is_an_empty_schema(void **ctx)
{
	(void)ctx;
	char *uri = pg_fixture_fresh_db("case_one");
	assert_non_null(strstr(uri, "postgresql:///case_one?host=/"));
	PGconn *c = pg_fixture_super("case_one");
	/* Every migration applied, once each. */
	char *v = one(c, "SELECT (SELECT (max(version) >= 1 AND max(version)"
			 " = count(*))::text FROM inmail.migration)"
			 " || '|' || (SELECT count(*) FROM inmail.account)");
	assert_string_equal(v, "true|0");
	free(v);
	/* Rows written in one copy are not in the next. */
	PQclear(PQexec(c, "INSERT INTO inmail.setting VALUES ('marker', 'x')"));
	PQfinish(c);
	free(pg_fixture_fresh_db("case_one"));
	c = pg_fixture_super("case_one");
	v = one(c, "SELECT count(*) FROM inmail.setting WHERE key = 'marker'");
	assert_string_equal(v, "0");
	free(v);
	PQfinish(c);
	free(uri);
}

static void test_login_with_password(void **ctx)
{
	(void)ctx;
	pg_fixture_login("fx_ada", "secret", 1);
	pg_fixture_login("fx_ada", "secret", 1); /* again: no error */
	free(pg_fixture_fresh_db("case_two"));
	PGconn *c = pg_fixture_connect("fx_ada", "secret", "case_two");
	char *v = one(c, "SELECT inmail.is_admin()::text");
	assert_string_equal(v, "true");
	free(v);
	PQfinish(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fresh_db_is_an_empty_schema),
		cmocka_unit_test(test_login_with_password),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
