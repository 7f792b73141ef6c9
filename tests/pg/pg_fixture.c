/* The throwaway server's fixture: see pg_fixture.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_fixture.h"

static void die(PGconn *c, const char *what)
{
	fprintf(stderr, "pg_fixture: %s: %s", what,
		c ? PQerrorMessage(c) : "no connection\n");
	abort();
}

PGconn *pg_fixture_connect(const char *role, const char *password,
			   const char *db)
{
	const char *keys[] = {"user", "password", "dbname", NULL};
	const char *values[] = {role, password, db ? db : "inmail", NULL};
	PGconn *c = PQconnectdbParams(keys, values, 0);
	if (PQstatus(c) != CONNECTION_OK)
		die(c, "connecting");
	return c;
}

PGconn *pg_fixture_super(const char *db)
{
	const char *name = getenv("INMAIL_PG_SUPER");
	if (!name) {
		fprintf(stderr, "pg_fixture: run under tests/pg/pg_server.sh\n");
		abort();
	}
	return pg_fixture_connect(name, NULL, db);
}

static void exec_params(PGconn *c, const char *sql, int n,
			const char *const *params, const char *what)
{
	PGresult *r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(r);
	PQclear(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		die(c, what);
}

/* An identifier quoted for SQL (malloc'd). */
static char *ident(PGconn *c, const char *name)
{
	char *q = PQescapeIdentifier(c, name, strlen(name));
	if (!q)
		die(c, "quoting a name");
	char *copy = strdup(q);
	PQfreemem(q);
	if (!copy)
		abort();
	return copy;
}

char *pg_fixture_fresh_db(const char *name)
{
	PGconn *c = pg_fixture_super("postgres");
	char *q = ident(c, name);
	char sql[512];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", q);
	exec_params(c, sql, 0, NULL, "dropping a database");
	snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE inmail", q);
	exec_params(c, sql, 0, NULL, "copying the database inmail");
	free(q);
	PQfinish(c);
	const char *host = getenv("PGHOST");
	const char *port = getenv("PGPORT");
	char *uri = NULL;
	if (asprintf(&uri, "postgresql:///%s?host=%s&port=%s", name,
		     host ? host : "", port ? port : "5432") < 0)
		abort();
	return uri;
}

void pg_fixture_login(const char *role, const char *password, int admin)
{
	PGconn *c = pg_fixture_super("postgres");
	const char *params[] = {role};
	PGresult *r = PQexecParams(c, "SELECT 1 FROM pg_roles WHERE rolname = $1",
				   1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		die(c, "looking up a role");
	int exists = PQntuples(r) > 0;
	PQclear(r);
	char *q = ident(c, role);
	char sql[512];
	if (!exists) {
		snprintf(sql, sizeof sql, "CREATE ROLE %s LOGIN", q);
		exec_params(c, sql, 0, NULL, "creating a login");
	}
	if (password) {
		char *lit = PQescapeLiteral(c, password, strlen(password));
		if (!lit)
			die(c, "quoting a password");
		snprintf(sql, sizeof sql, "ALTER ROLE %s PASSWORD %s", q, lit);
		PQfreemem(lit);
		exec_params(c, sql, 0, NULL, "setting a password");
	}
	if (admin) {
		snprintf(sql, sizeof sql, "GRANT inmail_admin TO %s", q);
		exec_params(c, sql, 0, NULL, "making an admin");
	}
	free(q);
	PQfinish(c);
}
