/* The PostgreSQL driver: who is connected (the login, its account, an
 * admin's membership), the server's clock, and the login roles of
 * accounts (SPEC 7).  The model decides what each permits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_int.h"

static bool result_ok(const PGresult *r)
{
	ExecStatusType st = PQresultStatus(r);
	return r && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK);
}

/* Runs sql with the text parameters v (n of them); the result, or NULL
 * with the failure kept. */
static PGresult *run(struct im_store *s, const char *sql, int n,
		     const char *const *v, const char *what)
{
	pg_sending(PG(s));
	PGresult *r = PQexecParams(PG(s)->conn, sql, n, NULL, v, NULL, NULL, 0);
	if (!result_ok(r)) {
		pg_fail(s, r, what);
		PQclear(r);
		return NULL;
	}
	return r;
}

static enum im_status run_done(struct im_store *s, const char *sql, int n,
			       const char *const *v, const char *what)
{
	PGresult *r = run(s, sql, n, v, what);
	if (!r)
		return PG(s)->status;
	PQclear(r);
	return IM_OK;
}

void pg_session_from_row(const PGresult *r, int col,
			 struct im_store_session *out)
{
	snprintf(out->login, sizeof out->login, "%s", PQgetvalue(r, 0, col));
	out->account = pg_int(r, 0, col + 1);
	out->admin = pg_bool(r, 0, col + 2);
	out->bound = !pg_bool(r, 0, col + 3);
	out->logins = true;
	out->server_clock = pg_bool(r, 0, col + 4);
	out->now = pg_int(r, 0, col + 5);
}

enum im_status pq_session(struct im_store *s, struct im_store_session *out)
{
	/* The open read all this already (pq_open's one message): its
	 * answer serves the first call, outside any transaction, as this
	 * query would have a moment later. */
	if (PG(s)->have_first &&
	    PQtransactionStatus(PG(s)->conn) == PQTRANS_IDLE) {
		PG(s)->have_first = false;
		*out = PG(s)->first;
		return IM_OK;
	}
	PG(s)->have_first = false;
	/* A superuser (a DBA, the tests) is trusted with every account, as
	 * the writer of an SQLite file is; anyone else is their login. */
	PGresult *r = run(s, "SELECT " PG_SESSION_COLUMNS, 0, NULL,
			  "reading who is connected");
	if (!r)
		return PG(s)->status;
	pg_session_from_row(r, 0, out);
	PQclear(r);
	return IM_OK;
}

enum im_status pq_clock_client(struct im_store *s)
{
	return run_done(s, "UPDATE setting SET value = 'client'"
			   " WHERE key = 'clock'", 0, NULL,
			"keeping the clients' clock");
}

/* CREATE ROLE login LOGIN [PASSWORD '<its SCRAM hash>'], as the session's
 * own login (an owner's session has SET ROLE inmail_owner, which may not
 * create roles): the password itself never goes to the server. */
static enum im_status create_login(struct im_store *s, const char *login,
				   const char *password)
{
	PGconn *conn = PG(s)->conn;
	char *ident = PQescapeIdentifier(conn, login, strlen(login));
	char *hash = password ? PQencryptPasswordConn(conn, password, login,
						      NULL)
			      : NULL;
	char *lit = hash ? PQescapeLiteral(conn, hash, strlen(hash)) : NULL;
	enum im_status st = IM_OK;
	size_t size = (ident ? strlen(ident) : 0) + (lit ? strlen(lit) : 0) + 64;
	char *sql = malloc(size);
	if (!ident || (password && !lit) || !sql) {
		st = password && !hash
			? store_fail(s, IM_ERR_DATABASE, "cannot make the "
				     "password of login %s: %s", login,
				     PQerrorMessage(conn))
			: store_fail(s, IM_ERR_NOMEM, "out of memory");
	} else {
		snprintf(sql, size, "CREATE ROLE %s LOGIN%s%s", ident,
			 lit ? " PASSWORD " : "", lit ? lit : "");
		if (PG(s)->owner)
			st = run_done(s, "SET LOCAL ROLE NONE", 0, NULL,
				      "creating a login");
		if (st == IM_OK)
			st = run_done(s, sql, 0, NULL, "creating a login");
		if (st == IM_OK && PG(s)->owner)
			st = run_done(s, "SET LOCAL ROLE inmail_owner", 0, NULL,
				      "creating a login");
	}
	free(sql);
	PQfreemem(lit);
	PQfreemem(hash);
	PQfreemem(ident);
	return st;
}

enum im_status pq_account_login(struct im_store *s, int64_t account,
				const char *login, const char *password)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)account);
	const char *v[2] = {login, id};
	PGresult *r = run(s, "SELECT EXISTS (SELECT 1 FROM pg_roles"
			     " WHERE rolname = $1), EXISTS (SELECT 1 FROM account"
			     " WHERE login = $1 AND id <> $2::bigint)",
			  2, v, "reading the logins");
	if (!r)
		return PG(s)->status;
	bool exists = pg_bool(r, 0, 0), taken = pg_bool(r, 0, 1);
	PQclear(r);
	if (taken)
		return store_fail(s, IM_ERR_INVALID, "the login '%s' is another "
				  "account's", login);
	enum im_status st = exists ? IM_OK : create_login(s, login, password);
	if (st == IM_OK)
		st = run_done(s, "UPDATE account SET login = $1"
				 " WHERE id = $2::bigint", 2, v,
			      "setting an account's login");
	return st;
}
