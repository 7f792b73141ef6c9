/* The PostgreSQL driver (SPEC 7): connecting, the schema's install,
 * errors, transactions, the prepared statement cache, changes from other
 * sessions (LISTEN/NOTIFY) and the plans of the statements. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <time.h>

#include "pg_int.h"
#include "pg_schema.h"

/* A busy server makes a command wait, not fail (SPEC 7): as long as the
 * SQLite file waits for its lock. */
#define PG_LOCK_TIMEOUT_MS 30000
/* Every write transaction notifies this channel at its commit. */
#define PG_CHANNEL "inmail_changed"

/* A statement with more parameters than PG_MAX_PARAMS is a programming
 * error: stop at once rather than write past the array. */
static void pgp_room(const struct pg_params *p)
{
	if (p->n >= PG_MAX_PARAMS)
		abort();
}

void pgp_int(struct pg_params *p, int64_t x)
{
	pgp_room(p);
	snprintf(p->num[p->n], sizeof p->num[p->n], "%lld", (long long)x);
	p->v[p->n] = p->num[p->n];
	p->n++;
}

void pgp_bool(struct pg_params *p, bool x)
{
	pgp_room(p);
	p->v[p->n++] = x ? "t" : "f";
}

void pgp_text(struct pg_params *p, const char *x)
{
	pgp_room(p);
	p->v[p->n++] = x;
}

void pgp_null(struct pg_params *p)
{
	pgp_room(p);
	p->v[p->n++] = NULL;
}

int64_t pg_int(const PGresult *r, int row, int col)
{
	return strtoll(PQgetvalue(r, row, col), NULL, 10);
}

bool pg_bool(const PGresult *r, int row, int col)
{
	return PQgetvalue(r, row, col)[0] == 't';
}

bool pg_isnull(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) != 0;
}

char *pg_text(const PGresult *r, int row, int col)
{
	return strdup(PQgetvalue(r, row, col));
}

enum im_status pg_bad_row(struct im_store *s, const char *what, int64_t id,
			  const char *column, const PGresult *r, int row,
			  int col)
{
	char shown[48];
	snprintf(shown, sizeof shown, "%s",
		 pg_isnull(r, row, col) ? "NULL" : PQgetvalue(r, row, col));
	return store_fail(s, IM_ERR_INVALID,
			  "%s %lld: its %s holds a value inmail never writes "
			  "(%s); another program changed the database", what,
			  (long long)id, column, shown);
}

/* The first line of a libpq message, without its newline. */
static void first_line(char *out, size_t size, const char *msg)
{
	snprintf(out, size, "%s", msg && *msg ? msg : "unknown error");
	out[strcspn(out, "\n")] = '\0';
}

static enum im_status fail_status(struct im_store *s, const PGresult *res,
				  const char *what);

enum im_status pg_fail(struct im_store *s, const PGresult *res,
		       const char *what)
{
	return PG(s)->status = fail_status(s, res, what);
}

static enum im_status fail_status(struct im_store *s, const PGresult *res,
				  const char *what)
{
	PGconn *conn = PG(s)->conn;
	if (!res || PQstatus(conn) == CONNECTION_BAD) {
		char line[256];
		first_line(line, sizeof line, PQerrorMessage(conn));
		if (PQstatus(conn) == CONNECTION_BAD)
			return store_fail(s, IM_ERR_DATABASE,
					  "lost the connection to the PostgreSQL "
					  "server while %s: %s", what, line);
		return store_fail(s, IM_ERR_NOMEM, "out of memory while %s",
				  what);
	}
	const char *code = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	char msg[256];
	first_line(msg, sizeof msg, primary ? primary : PQresultErrorMessage(res));
	if (!code)
		code = "";
	/* The transaction lost a race: the model runs it again whole. */
	if (!strcmp(code, "40001") || !strcmp(code, "40P01"))
		s->retryable = true;
	if (!strcmp(code, "40001"))
		return store_fail(s, IM_ERR_DATABASE,
				  "another session's change conflicted while %s "
				  "(SQLSTATE 40001, serialization failure): "
				  "nothing was changed; retry the whole change",
				  what);
	if (!strcmp(code, "40P01"))
		return store_fail(s, IM_ERR_DATABASE,
				  "a deadlock with another session while %s "
				  "(SQLSTATE 40P01): nothing was changed; retry "
				  "the whole change", what);
	if (!strcmp(code, "55P03"))
		return store_fail(s, IM_ERR_DATABASE,
				  "another session held what this change needs "
				  "while %s (SQLSTATE 55P03, lock timeout)", what);
	if (!strcmp(code, "53100"))
		return store_fail(s, IM_ERR_DATABASE,
				  "the server's disk is full while %s (SQLSTATE "
				  "53100): nothing was changed", what);
	if (!strcmp(code, "IM065"))
		return store_fail(s, IM_ERR_INVALID, "%s", msg);
	if (!strcmp(code, "IM066"))
		return store_fail(s, IM_ERR_NOT_FOUND, "%s", msg);
	if (!strcmp(code, "IM069"))
		return store_fail(s, IM_ERR_NO_CREDITS, "%s", msg);
	if (!strcmp(code, "IM077") || !strcmp(code, "42501"))
		return store_fail(s, IM_ERR_NOT_PERMITTED,
				  "the database refused it while %s: %s "
				  "(SQLSTATE %s)", what, msg, code);
	if (!strcmp(code, "IM001"))
		return store_fail(s, IM_ERR_DATABASE, "%s", msg);
	return store_fail(s, IM_ERR_DATABASE,
			  "database error while %s: %s (SQLSTATE %s)", what,
			  msg, code);
}

static bool result_ok(const PGresult *r)
{
	ExecStatusType st = PQresultStatus(r);
	return r && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK);
}

/* The next result of a pipeline, or NULL once it holds no more: a
 * broken connection ends it too. */
static PGresult *next_result(PGconn *conn)
{
	PGresult *r = PQgetResult(conn);
	if (!r && PQstatus(conn) == CONNECTION_BAD)
		return NULL;
	return r;
}

/* A statement's first run on this connection: its Parse and its first
 * Bind/Execute sent together, one Sync, so one round trip instead of
 * PQprepare's and then PQexecPrepared's (a command's statements are
 * nearly all first runs).  The statement is kept by name as before;
 * *prepared says whether the server took it.  The execution's result,
 * or NULL with the failure kept (the prepare's, when it was refused). */
static PGresult *prepare_and_run(struct im_store *s, const char *name,
				 const char *sql, const struct pg_params *p,
				 const char *what, bool *prepared)
{
	PGconn *conn = PG(s)->conn;
	*prepared = false;
	if (!PQenterPipelineMode(conn)) {
		/* Not idle (never, between statements): one at a time. */
		PGresult *r = PQprepare(conn, name, sql, p->n, NULL);
		if (!result_ok(r)) {
			pg_fail(s, r, "preparing a query");
			PQclear(r);
			return NULL;
		}
		PQclear(r);
		*prepared = true;
		r = PQexecPrepared(conn, name, p->n, p->v, NULL, NULL, 0);
		if (!result_ok(r)) {
			pg_fail(s, r, what);
			PQclear(r);
			return NULL;
		}
		return r;
	}
	bool sent = PQsendPrepare(conn, name, sql, p->n, NULL) &&
		    PQsendQueryPrepared(conn, name, p->n, p->v, NULL, NULL, 0) &&
		    PQpipelineSync(conn);
	PGresult *prep = NULL, *run = NULL, *r;
	/* In order: the prepare's result and its NULL, the execution's
	 * (aborted when the prepare failed) and its NULL, the Sync's. */
	if (sent) {
		prep = next_result(conn);
		if (prep)
			while ((r = next_result(conn)))
				PQclear(r);
		run = next_result(conn);
		if (run)
			while ((r = next_result(conn)))
				PQclear(r);
		while ((r = next_result(conn))) {
			bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
			PQclear(r);
			if (sync)
				break;
		}
	}
	PQexitPipelineMode(conn);
	PGresult *out = NULL;
	if (!sent || !result_ok(prep)) {
		pg_fail(s, sent ? prep : NULL, "preparing a query");
		PQclear(run);
	} else if (!result_ok(run)) {
		*prepared = true;
		pg_fail(s, run, what);
		PQclear(run);
	} else {
		*prepared = true;
		out = run;
	}
	PQclear(prep);
	return out;
}

PGresult *pg_run(struct im_store *s, enum pg_stmt id, const char *sql,
		 const struct pg_params *p, const char *what)
{
	struct pg_store *pg = PG(s);
	pg_sending(pg);
	char name[16];
	snprintf(name, sizeof name, "s%d", (int)id);
	if (!pg->sql[id]) {
		bool prepared;
		PGresult *r = prepare_and_run(s, name, sql, p, what, &prepared);
		if (prepared && !(pg->sql[id] = strdup(sql))) {
			/* Prepared but forgotten: drop it so a retry can
			 * prepare it again. */
			char dealloc[32];
			snprintf(dealloc, sizeof dealloc, "DEALLOCATE %s", name);
			PQclear(r);
			PQclear(PQexec(pg->conn, dealloc));
			PG(s)->status = store_fail(s, IM_ERR_NOMEM,
						   "out of memory");
			return NULL;
		}
		if (prepared)
			pg->nparams[id] = p->n;
		return r;
	}
	PGresult *r = PQexecPrepared(pg->conn, name, p->n, p->v, NULL, NULL, 0);
	if (!result_ok(r)) {
		pg_fail(s, r, what);
		PQclear(r);
		return NULL;
	}
	return r;
}

enum im_status pg_run_done(struct im_store *s, enum pg_stmt id,
			   const char *sql, const struct pg_params *p,
			   const char *what)
{
	PGresult *r = pg_run(s, id, sql, p, what);
	if (!r)
		return PG(s)->status;
	PQclear(r);
	return IM_OK;
}

/* Runs sql (no parameters, possibly several statements) by the simple
 * protocol: for the session's settings, transactions and the install. */
static enum im_status exec_simple(struct im_store *s, const char *sql,
				  const char *what)
{
	pg_sending(PG(s));
	PGresult *r = PQexec(PG(s)->conn, sql);
	enum im_status st = result_ok(r) ? IM_OK : pg_fail(s, r, what);
	PQclear(r);
	return st;
}

/* One value of a one-row query run by the simple protocol, or NULL. */
static char *query_value(struct im_store *s, const char *sql, const char *what)
{
	pg_sending(PG(s));
	PGresult *r = PQexec(PG(s)->conn, sql);
	char *v = NULL;
	if (result_ok(r) && PQntuples(r) == 1 && PQnfields(r) >= 1) {
		if (!(v = pg_text(r, 0, 0)))
			store_fail(s, IM_ERR_NOMEM, "out of memory");
	} else {
		pg_fail(s, r, what);
	}
	PQclear(r);
	return v;
}

static void quiet_notices(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static enum im_status open_fail(char **err, enum im_status st,
				const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum im_status open_fail(char **err, enum im_status st,
				const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		if (vasprintf(err, fmt, ap) < 0)
			*err = NULL;
		va_end(ap);
	}
	return st;
}

/* The install (pg_schema.h): every part in order, in one transaction. */
/* The model's windows, which the guards hold its writes to (schema.sql's
 * inmail.rate_window() and credit_window() read them): written with the
 * schema, in its transaction. */
static enum im_status install_rules(struct im_store *s,
				    const struct im_store_rules *rules)
{
	char rate[24], credit[24];
	snprintf(rate, sizeof rate, "%lld", (long long)rules->rate_window);
	snprintf(credit, sizeof credit, "%lld", (long long)rules->credit_window);
	const char *const v[] = {rate, credit};
	PGresult *r = PQexecParams(PG(s)->conn,
		"INSERT INTO inmail.setting (key, value)"
		" VALUES ('rate_window', $1), ('credit_window', $2)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		2, NULL, v, NULL, NULL, 0);
	enum im_status st = PQresultStatus(r) == PGRES_COMMAND_OK
				    ? IM_OK
				    : pg_fail(s, r, "writing the model's rules");
	PQclear(r);
	return st;
}

static enum im_status install(struct im_store *s,
			      const struct im_store_rules *rules)
{
	if (!rules)
		return store_fail(s, IM_ERR_DATABASE, "initialising a PostgreSQL"
				  " database needs the model's rules");
	enum im_status st = exec_simple(s, "BEGIN; SET LOCAL client_min_messages"
					   " = warning", "initialising the database");
	for (size_t i = 0; st == IM_OK && i < im_pg_schema_parts; i++) {
		char what[96];
		snprintf(what, sizeof what, "initialising the database (%s)",
			 im_pg_schema[i].name);
		st = exec_simple(s, im_pg_schema[i].sql, what);
	}
	if (st == IM_OK)
		st = install_rules(s, rules);
	if (st == IM_OK)
		st = exec_simple(s, "COMMIT", "initialising the database");
	if (st != IM_OK)
		PQclear(PQexec(PG(s)->conn, "ROLLBACK"));
	return st;
}

/* Whether the database holds inmail's schema (*version 0: it does not),
 * refusing one of a newer schema. */
static enum im_status schema_version(struct im_store *s, int *version)
{
	*version = 0;
	char *have = query_value(s, "SELECT to_regclass('inmail.migration')"
				    " IS NOT NULL", "reading the schema");
	if (!have)
		return PG(s)->status ? PG(s)->status : IM_ERR_NOMEM;
	bool present = have[0] == 't';
	free(have);
	if (!present)
		return IM_OK;
	char *v = query_value(s, "SELECT coalesce(max(version), 0)"
				 " FROM inmail.migration", "reading the schema");
	if (!v)
		return PG(s)->status ? PG(s)->status : IM_ERR_NOMEM;
	*version = atoi(v);
	free(v);
	if (*version > IM_PG_SCHEMA_VERSION)
		return store_fail(s, IM_ERR_DATABASE,
				  "this database was written by a newer inmail "
				  "(schema %d; this one knows up to %d); left "
				  "untouched", *version, IM_PG_SCHEMA_VERSION);
	if (*version == 0)
		*version = -1; /* a schema without a migration: a failed install */
	return IM_OK;
}

static void pq_close(struct im_store *s);

/* A person's session hears of the changes to its own threads and
 * notifications on its account's channel (schema.sql's announce: the
 * channel's random name is the secret, readable in its own balance row
 * only); a login that is no account's hears nothing. */
static enum im_status listen_own(struct im_store *s)
{
	PGresult *r = PQexec(PG(s)->conn, "SELECT channel FROM balance"
					  " WHERE account = inmail.me()");
	if (!result_ok(r)) {
		enum im_status st = pg_fail(s, r, "setting up the session");
		PQclear(r);
		return st;
	}
	enum im_status st = IM_OK;
	if (PQntuples(r) == 1) {
		const char *name = PQgetvalue(r, 0, 0);
		char *quoted = PQescapeIdentifier(PG(s)->conn, name, strlen(name));
		char sql[256];
		if (!quoted)
			st = store_fail(s, IM_ERR_NOMEM, "out of memory");
		else if (snprintf(sql, sizeof sql, "LISTEN %s", quoted) >=
			 (int)sizeof sql)
			st = store_fail(s, IM_ERR_DATABASE,
					"the account's channel name is too long");
		else
			st = exec_simple(s, sql, "setting up the session");
		PQfreemem(quoted);
	}
	PQclear(r);
	return st;
}

/* What every connection sets, at open and again after a reconnect.
 * Nobody can create in inmail; pg_temp last, so no temporary table
 * stands in for one of ours. */
static enum im_status session_settings(struct im_store *s)
{
	char session[256];
	snprintf(session, sizeof session,
		 "SET search_path = pg_catalog, inmail, pg_temp;"
		 " SET lock_timeout = %d; SET client_min_messages = warning",
		 PG_LOCK_TIMEOUT_MS);
	return exec_simple(s, session, "setting up the session");
}

/* The session's role and what it listens on: the owner's (an admin, a
 * superuser) every write, a person's their own channel.
 *
 * A person's sorts are a last resort.  The planner cannot know the
 * policies' "the acting account" (an InitPlan parameter), guesses 1 % for
 * it, and so takes a recruiter's 100,000-thread folder for a few dozen
 * rows: a bitmap read of the whole folder and a sort looked cheaper than
 * reading 50 rows in index order (a generic plan of a page: 250 ms at 1M,
 * 1 ms in order).  Every hot query of a person has an index in its order
 * (tests/pg/test_plans.sh: no Sort with enable_sort off), and a query
 * without one still sorts: off only prices sorting last.  Without it a
 * person's generic page plan sorts (tests/pgdrv/test_pg_plans.c, a
 * person's big folder). */
static enum im_status session_listen(struct im_store *s)
{
	if (PG(s)->owner)
		return exec_simple(s, "SET ROLE inmail_owner; LISTEN "
				      PG_CHANNEL, "setting up the session");
	enum im_status st = exec_simple(s, "SET enable_sort = off",
					"setting up the session");
	return st == IM_OK ? listen_own(s) : st;
}

/* Whether the open's fast way set the session up, or the step by step
 * way must (nothing of the fast way's is then kept), or it failed. */
enum open_fast { OPEN_FAST_DONE, OPEN_FAST_NO, OPEN_FAST_FAILED };

/* The session set up in two round trips instead of nine: the settings
 * and one row of every fact the open and the first pq_session need, in
 * one simple-query message (one implicit transaction: an error in it
 * undoes its settings too), then the role or the listening.  Taken only
 * when the database holds this inmail's schema and the login may read
 * what the row reads; anything else (init, an older or newer schema,
 * none, an error) is left to the step by step way, which says why. */
static enum open_fast open_fast(struct im_store *s, bool again,
				enum im_status *failed)
{
	struct pg_store *pg = PG(s);
	char sql[1024];
	/* The account read once (OFFSET 0: not once per column), with its
	 * own balance row's channel and credits; whether a superuser from
	 * is_superuser, which before any SET ROLE is session_user's (the
	 * pg_roles view cost a fresh server process about 0.8 ms). */
	snprintf(sql, sizeof sql,
		 "SET search_path = pg_catalog, inmail, pg_temp;"
		 " SET lock_timeout = %d; SET client_min_messages = warning;"
		 " SELECT (SELECT coalesce(max(version), 0)"
		 " FROM inmail.migration),"
		 " pg_has_role(session_user, 'inmail_owner', 'MEMBER'),"
		 " b.channel, "
		 PG_SESSION_COLUMNS_OF("me.id",
				       "current_setting('is_superuser') = 'on'")
		 ", a.id, a.handle, a.name, a.role, coalesce(b.credits, 0)"
		 " FROM (SELECT inmail.me() AS id OFFSET 0) me"
		 " LEFT JOIN account a ON a.id = me.id"
		 " LEFT JOIN balance b ON b.account = a.id",
		 PG_LOCK_TIMEOUT_MS);
	if (!PQsendQuery(pg->conn, sql)) {
		*failed = pg_fail(s, NULL, "setting up the session");
		return OPEN_FAST_FAILED;
	}
	PGresult *row = NULL, *r;
	bool ok = true;
	while ((r = PQgetResult(pg->conn))) {
		ExecStatusType st = PQresultStatus(r);
		if (st == PGRES_TUPLES_OK && !row && PQntuples(r) == 1 &&
		    PQnfields(r) == PG_OPEN_ACCOUNT + 5) {
			row = r;
			continue;
		}
		if (st != PGRES_COMMAND_OK)
			ok = false;
		PQclear(r);
	}
	if (PQstatus(pg->conn) == CONNECTION_BAD) {
		PQclear(row);
		*failed = pg_fail(s, NULL, "setting up the session");
		return OPEN_FAST_FAILED;
	}
	if (!ok || !row || pg_int(row, 0, 0) != IM_PG_SCHEMA_VERSION) {
		PQclear(row);
		return OPEN_FAST_NO;
	}
	/* Again after a reconnect, the session is the open's: a login
	 * whose role changed meanwhile is left to the step by step way. */
	if (again && pg_bool(row, 0, 1) != pg->owner) {
		PQclear(row);
		return OPEN_FAST_NO;
	}
	pg->owner = pg_bool(row, 0, 1);
	pg_session_from_row(row, 3, &pg->first);
	if (!again)
		pg->me = pg->owner ? 0 : pg->first.account;
	enum im_status st;
	if (pg->owner || pg_isnull(row, 0, 2)) {
		st = pg->owner ? session_listen(s)
			       : exec_simple(s, "SET enable_sort = off",
					     "setting up the session");
	} else {
		/* The person's own channel (see listen_own), with the sort
		 * setting (see session_listen), in one message. */
		const char *name = PQgetvalue(row, 0, 2);
		char *quoted = PQescapeIdentifier(pg->conn, name, strlen(name));
		char listen[256];
		if (!quoted)
			st = store_fail(s, IM_ERR_NOMEM, "out of memory");
		else if (snprintf(listen, sizeof listen,
				  "SET enable_sort = off; LISTEN %s", quoted) >=
			 (int)sizeof listen)
			st = store_fail(s, IM_ERR_DATABASE,
					"the account's channel name is too long");
		else
			st = exec_simple(s, listen, "setting up the session");
		PQfreemem(quoted);
	}
	if ((*failed = st) != IM_OK) {
		PQclear(row);
		return OPEN_FAST_FAILED;
	}
	pg->have_first = !again;
	/* A person's own account answers the model's first reads of it
	 * (pg_open_account); the owner's session has none. */
	PQclear(pg->open_row);
	pg->open_row = row;
	pg->have_me = !again && !pg->owner && !pg_isnull(row, 0, PG_OPEN_ACCOUNT);
	return OPEN_FAST_DONE;
}

/* The --db value as libpq takes it: a URI as is, pg:... without pg:. */
static const char *conninfo(const char *target)
{
	return strncmp(target, "pg:", 3) == 0 ? target + 3 : target;
}

static enum im_status pq_open(const char *target, bool create,
			      const struct im_store_rules *rules,
			      struct im_store **out, char **err)
{
	*out = NULL;
	if (err)
		*err = NULL;
	struct pg_store *pg = calloc(1, sizeof *pg);
	if (!pg)
		return open_fail(err, IM_ERR_NOMEM, "out of memory");
	pg->base.drv = &store_pg_driver;
	struct im_store *s = &pg->base;
	/* expand_dbname: a URI or a key/value string; libpq's environment
	 * (PGHOST, PGUSER, PGSERVICE...) and ~/.pgpass fill the rest.  Over
	 * TCP the kernel probes an idle connection after a minute, so a
	 * TUI whose server vanished without a word learns it in about 90 s
	 * and reconnects (pq_link), sending no query meanwhile (SPEC 7);
	 * before dbname, so the --db value's own settings win. */
	const char *const keys[] = {"keepalives_idle", "keepalives_interval",
				    "keepalives_count", "dbname",
				    "fallback_application_name", NULL};
	const char *const values[] = {"60", "10", "3", conninfo(target),
				      "inmail", NULL};
	pg->conn = PQconnectdbParams(keys, values, 1);
	if (!pg->conn) {
		free(pg);
		return open_fail(err, IM_ERR_NOMEM, "out of memory");
	}
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		char line[256];
		first_line(line, sizeof line, PQerrorMessage(pg->conn));
		/* Never the URI itself: it may hold a password. */
		enum im_status st = open_fail(err, IM_ERR_DATABASE,
			"cannot connect to the PostgreSQL server: %s", line);
		pq_close(s);
		return st;
	}
	PQsetNoticeProcessor(pg->conn, quiet_notices, NULL);
	pg->backend_pid = PQbackendPID(pg->conn);
	enum im_status st = IM_OK;
	enum open_fast fast = create ? OPEN_FAST_NO : open_fast(s, false, &st);
	if (fast == OPEN_FAST_DONE) {
		store_pg_driver.changed(s);
		*out = s;
		return IM_OK;
	}
	if (fast == OPEN_FAST_NO)
		st = session_settings(s);
	int version = 0;
	if (st == IM_OK)
		st = schema_version(s, &version);
	if (st == IM_OK && version <= 0 && !create)
		st = store_fail(s, IM_ERR_DATABASE,
				"the PostgreSQL database is not initialised "
				"(run 'inmail init')");
	if (st == IM_OK && create && version < IM_PG_SCHEMA_VERSION)
		st = install(s, rules);
	else if (st == IM_OK && version > 0 && version < IM_PG_SCHEMA_VERSION)
		st = store_fail(s, IM_ERR_DATABASE, "the PostgreSQL database is "
				"of an older inmail (schema %d): a member of "
				"inmail_admin runs 'inmail init' to upgrade it",
				version);
	/* A login that can become the schema's owner (the admin who ran
	 * init, a superuser: tests, copy) acts as it, as the writer of an
	 * SQLite file may; anyone else stays themselves, and the policies
	 * and guards hold them to their own rows. */
	if (st == IM_OK) {
		char *own = query_value(s, "SELECT pg_has_role(session_user,"
					   " 'inmail_owner', 'MEMBER')",
					"reading the session's role");
		if (!own) {
			st = PG(s)->status ? PG(s)->status : IM_ERR_NOMEM;
		} else {
			pg->owner = own[0] == 't';
			st = session_listen(s);
		}
		free(own);
	}
	if (st == IM_OK && !pg->owner) {
		char *me = query_value(s, "SELECT coalesce(inmail.me(), 0)",
				       "reading the session's account");
		if (!me)
			st = PG(s)->status ? PG(s)->status : IM_ERR_NOMEM;
		else
			pg->me = strtoll(me, NULL, 10);
		free(me);
	}
	if (st != IM_OK) {
		open_fail(err, st, "%s", s->err);
		pq_close(s);
		return st;
	}
	store_pg_driver.changed(s);
	*out = s;
	return IM_OK;
}

static void pq_close(struct im_store *s)
{
	for (size_t i = 0; i < PG_STMT_MAX; i++)
		free(PG(s)->sql[i]);
	PQclear(PG(s)->open_row);
	free(PG(s)->due);
	PQfinish(PG(s)->conn);
	free(PG(s));
}

/* Writes are serializable: a decision read in the transaction (a
 * balance, a thread's state) cannot be overtaken by another session's
 * commit; the conflict comes back as SQLSTATE 40001, for the caller to
 * retry the whole change. */
/* One transaction at a time, as on SQLite (a server would only warn). */
static enum im_status not_in_transaction(struct im_store *s)
{
	if (PQtransactionStatus(PG(s)->conn) == PQTRANS_IDLE)
		return IM_OK;
	return store_fail(s, IM_ERR_DATABASE,
			  "a transaction is already open on this connection");
}

static enum im_status pq_begin(struct im_store *s)
{
	if (not_in_transaction(s) != IM_OK)
		return IM_ERR_DATABASE;
	enum im_status st = exec_simple(s, "BEGIN ISOLATION LEVEL SERIALIZABLE",
					"starting a change");
	PG(s)->writing = st == IM_OK;
	return st;
}

static enum im_status pq_begin_within(struct im_store *s, int wait_ms,
				      bool *busy)
{
	/* No write lock is taken at the start on a server: the wait is on
	 * each row lock the change meets, at most wait_ms. */
	*busy = false;
	enum im_status st = pq_begin(s);
	if (st != IM_OK)
		return st;
	char sql[64];
	snprintf(sql, sizeof sql, "SET LOCAL lock_timeout = %d",
		 wait_ms > 0 ? wait_ms : 1);
	st = exec_simple(s, sql, "starting a change");
	if (st != IM_OK)
		store_pg_driver.rollback(s);
	return st;
}

static enum im_status pq_begin_read(struct im_store *s)
{
	/* One snapshot for every read, waiting on no writer. */
	if (not_in_transaction(s) != IM_OK)
		return IM_ERR_DATABASE;
	PG(s)->writing = false;
	return exec_simple(s, "BEGIN ISOLATION LEVEL REPEATABLE READ",
			   "starting to read");
}

static void pq_rollback(struct im_store *s)
{
	pg_sending(PG(s));
	PG(s)->writing = false;
	PG(s)->refunded = false;
	PG(s)->n_due = 0;
	if (PQtransactionStatus(PG(s)->conn) != PQTRANS_IDLE)
		PQclear(PQexec(PG(s)->conn, "ROLLBACK"));
}

static void pq_end_read(struct im_store *s)
{
	pq_rollback(s);
}

static enum im_status pq_commit(struct im_store *s)
{
	/* The notification goes out with the commit, and only with it. */
	pg_sending(PG(s));
	PGresult *r = PQexec(PG(s)->conn, PG(s)->writing
				   ? "NOTIFY " PG_CHANNEL "; COMMIT"
				   : "COMMIT");
	enum im_status st = IM_OK;
	if (!result_ok(r))
		st = pg_fail(s, r, "saving a change");
	else if (strcmp(PQcmdStatus(r), "COMMIT") != 0)
		/* COMMIT of a failed transaction rolls back without an
		 * error of its own. */
		st = store_fail(s, IM_ERR_DATABASE,
				"the change was not saved: a statement in it "
				"failed");
	PQclear(r);
	pq_rollback(s);
	return st;
}

static enum im_status pq_bulk_begin(struct im_store *s)
{
	/* The tallies are kept by the triggers as rows come; only the wait
	 * for each commit's flush is worth saving. */
	return exec_simple(s, "SET synchronous_commit = off", "starting a load");
}

static enum im_status pq_bulk_end(struct im_store *s)
{
	return exec_simple(s, "RESET synchronous_commit", "ending a load");
}

/* An owner's session (tests, an admin's) hears every write committed
 * through this driver on PG_CHANNEL (no payload); a person's, its own
 * channel's announcements. */
static bool pq_changed(struct im_store *s)
{
	PGconn *conn = PG(s)->conn;
	if (!PQconsumeInput(conn))
		return false;
	bool changed = false;
	PGnotify *n;
	while ((n = PQnotifies(conn))) {
		/* Our own commits notify us too. */
		if (n->be_pid != PG(s)->backend_pid)
			changed = true;
		PQfreemem(n);
	}
	/* Another session's change may be to one's own account. */
	if (changed)
		pg_sending(PG(s));
	return changed;
}

/* ---- live updates and the link (issue 14) ---- */

/* A live view waits on the connection's socket: readable when the server
 * sent something, an announcement (pq_changed reads it) or the news that
 * it is going away (pq_link notices).  None while the connection is lost:
 * the view's tick drives the reconnect. */
static int pq_wait_fd(struct im_store *s)
{
	if (PG(s)->lost || PQstatus(PG(s)->conn) != CONNECTION_OK)
		return -1;
	return PQsocket(PG(s)->conn);
}

/* The back-off between attempts while the server is away: from a tenth
 * of a second (a restart takes about one) to a few seconds, so a view
 * left open during an outage costs the server little. */
#define PG_RETRY_FIRST_MS 100
#define PG_RETRY_MAX_MS 4000

/* Monotonic, for the back-off only: no time inmail stores or decides on
 * comes from here (that is the model's clock). */
static double mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void retry_later(struct pg_store *pg)
{
	pg->resetting = false;
	pg->next_try_ms = mono_ms() + pg->backoff_ms;
	pg->backoff_ms = pg->backoff_ms * 2 > PG_RETRY_MAX_MS
		? PG_RETRY_MAX_MS : pg->backoff_ms * 2;
}

/* Whether the socket is ready for what the reset waits on, now. */
static bool reset_ready(struct pg_store *pg)
{
	struct pollfd p = {.fd = PQsocket(pg->conn),
			   .events = pg->reset_poll == PGRES_POLLING_READING
					     ? POLLIN : POLLOUT};
	if (p.fd < 0)
		return true; /* PQresetPoll says what went wrong */
	return poll(&p, 1, 0) > 0;
}

/* A new server process: the statements prepared on the old one are gone
 * (each is prepared again at its next use), and the session is set up as
 * at open: settings, role, LISTEN. */
static enum im_status reconnected(struct im_store *s)
{
	struct pg_store *pg = PG(s);
	for (size_t i = 0; i < PG_STMT_MAX; i++) {
		free(pg->sql[i]);
		pg->sql[i] = NULL;
	}
	pg->writing = pg->refunded = pg->have_first = pg->have_me = false;
	pg->n_due = 0;
	pg->backend_pid = PQbackendPID(pg->conn);
	/* As at open: two round trips, or step by step.  The view's loop
	 * waits on these (the reset before them polls). */
	enum im_status st = IM_OK;
	if (open_fast(s, true, &st) != OPEN_FAST_NO)
		return st;
	st = session_settings(s);
	if (st == IM_OK)
		st = session_listen(s);
	return st;
}

static enum im_store_link pq_link(struct im_store *s)
{
	struct pg_store *pg = PG(s);
	if (!pg->lost) {
		/* Reads what the server sent (kept for pq_changed): a server
		 * going away says so, or closes the socket. */
		if (PQstatus(pg->conn) == CONNECTION_OK &&
		    PQtransactionStatus(pg->conn) == PQTRANS_IDLE)
			PQconsumeInput(pg->conn);
		if (PQstatus(pg->conn) != CONNECTION_BAD)
			return IM_STORE_LINK_UP;
		pg->lost = true;
		pg->resetting = false;
		pg->backoff_ms = PG_RETRY_FIRST_MS;
		pg->next_try_ms = mono_ms();
	}
	if (!pg->resetting) {
		if (mono_ms() < pg->next_try_ms)
			return IM_STORE_LINK_DOWN;
		if (!PQresetStart(pg->conn)) {
			retry_later(pg);
			return IM_STORE_LINK_DOWN;
		}
		pg->resetting = true;
		pg->reset_poll = PGRES_POLLING_WRITING;
	}
	/* The reset's steps, each only when the socket is ready: a view's
	 * loop never blocks on a server that is slow to come back. */
	while (pg->reset_poll != PGRES_POLLING_OK) {
		if (pg->reset_poll == PGRES_POLLING_FAILED) {
			retry_later(pg);
			return IM_STORE_LINK_DOWN;
		}
		if (!reset_ready(pg))
			return IM_STORE_LINK_DOWN;
		pg->reset_poll = PQresetPoll(pg->conn);
	}
	pg->resetting = false;
	if (reconnected(s) != IM_OK) {
		/* Up but not usable yet (still starting): again, later. */
		retry_later(pg);
		return IM_STORE_LINK_DOWN;
	}
	pg->lost = false;
	return IM_STORE_LINK_BACK;
}

/* The generic plan of each statement prepared so far (what its every
 * execution may use, whatever the values), one plan node a line.  Seq
 * scans are priced out while explaining: on a test's few rows the
 * planner would read the whole table whatever the indexes, so a "Seq
 * Scan" left in a plan says that no index can serve the query at all;
 * sorts likewise, so a "Sort" left says no index gives the order. */
static enum im_status pq_plans(struct im_store *s,
			       void (*each)(void *arg, const char *sql,
					    const char *plan),
			       void *arg)
{
	/* A person's session is explained under its own enable_sort (off,
	 * session_listen): what a person gets, so a plan test sees the
	 * sorts that setting keeps away (tests/pgdrv/test_pg_plans.c). */
	enum im_status st = exec_simple(s, PG(s)->owner
					? "SET plan_cache_mode ="
					  " force_generic_plan;"
					  " SET enable_seqscan = off;"
					  " SET enable_sort = off"
					: "SET plan_cache_mode ="
					  " force_generic_plan;"
					  " SET enable_seqscan = off",
					"explaining a query");
	for (size_t i = 0; st == IM_OK && i < PG_STMT_MAX; i++) {
		if (!PG(s)->sql[i])
			continue;
		char sql[160];
		int len = snprintf(sql, sizeof sql, "EXPLAIN EXECUTE s%zu", i);
		for (int k = 0; k < PG(s)->nparams[i]; k++)
			len += snprintf(sql + len, sizeof sql - (size_t)len, "%s",
					k ? ", NULL" : "(NULL");
		if (PG(s)->nparams[i])
			snprintf(sql + len, sizeof sql - (size_t)len, ")");
		PGresult *r = PQexec(PG(s)->conn, sql);
		if (!result_ok(r)) {
			st = pg_fail(s, r, "explaining a query");
			PQclear(r);
			break;
		}
		char plan[4096] = "";
		size_t used = 0;
		for (int row = 0; row < PQntuples(r) && used < sizeof plan; row++)
			used += (size_t)snprintf(plan + used, sizeof plan - used,
						 "%s\n", PQgetvalue(r, row, 0));
		PQclear(r);
		each(arg, PG(s)->sql[i], plan);
	}
	exec_simple(s, PG(s)->owner ? "RESET plan_cache_mode;"
				     " RESET enable_seqscan; RESET enable_sort"
				   : "RESET plan_cache_mode; RESET enable_seqscan",
		    "explaining a query");
	return st;
}

/* A server's URI or libpq key/value string (SPEC 7). */
static bool pq_handles(const char *target)
{
	return strncmp(target, "postgresql://", 13) == 0 ||
	       strncmp(target, "postgres://", 11) == 0 ||
	       strncmp(target, "pg:", 3) == 0;
}

const struct im_store_driver store_pg_driver = {
	.name = "postgresql",
	.handles = pq_handles,
	.open = pq_open,
	.close = pq_close,
	.begin = pq_begin,
	.begin_within = pq_begin_within,
	.begin_read = pq_begin_read,
	.end_read = pq_end_read,
	.commit = pq_commit,
	.rollback = pq_rollback,
	.bulk_begin = pq_bulk_begin,
	.bulk_end = pq_bulk_end,
	.changed = pq_changed,
	.account_insert = pq_account_insert,
	.account_by_handle = pq_account_by_handle,
	.account_by_id = pq_account_by_id,
	.account_list = pq_account_list,
	.credits_add = pq_credits_add,
	.thread_insert = pq_thread_insert,
	.thread_get = pq_thread_get,
	.message_insert = pq_message_insert,
	.message_append = pq_message_append,
	.thread_set_summary = pq_thread_set_summary,
	.messages = pq_messages,
	.thread_respond = pq_thread_respond,
	.rate_settle = pq_rate_settle,
	.thread_set_blocked = pq_thread_set_blocked,
	.thread_clear_followup = pq_thread_clear_followup,
	.thread_set_seen = pq_thread_set_seen,
	.thread_reset_seen = pq_thread_reset_seen,
	.thread_set_archived = pq_thread_set_archived,
	.due_followups = pq_due_followups,
	.pending_between = pq_pending_between,
	.template_insert = pq_template_insert,
	.template_get = pq_template_get,
	.template_list = pq_template_list,
	.template_delete = pq_template_delete,
	.thread_page = pq_thread_page,
	.folder_count = pq_folder_count,
	.search = pq_search,
	.guardrail_get = pq_guardrail_get,
	.guardrail_set = pq_guardrail_set,
	.template_counts = pq_template_counts,
	.sent_counts = pq_sent_counts,
	.notification_insert = pq_notification_insert,
	.notification_list = pq_notification_list,
	.notification_unread = pq_notification_unread,
	.notification_mark_read = pq_notification_mark_read,
	.notification_mark_range = pq_notification_mark_range,
	.thread_counts = pq_thread_counts,
	.rate_counts = pq_rate_counts,
	.session = pq_session,
	.clock_client = pq_clock_client,
	.account_login = pq_account_login,
	.copy_in = pq_copy_from_sqlite,
	.copy_out = pq_copy_to_sqlite,
	.draft_load = pq_draft_load,
	.draft_save = pq_draft_save,
	.draft_discard = pq_draft_discard,
	.ledger_add = pq_ledger_add,
	.ledger_list = pq_ledger_list,
	.ledger_after = pq_ledger_after,
	.answered_by = pq_answered_by,
	.allotment_get = pq_allotment_get,
	.allotment_set = pq_allotment_set,
	.allotment_arrive = pq_allotment_arrive,
	.unrefunded = pq_unrefunded,
	.plans = pq_plans,
	.wait_fd = pq_wait_fd,
	.link = pq_link,
};

/* What store.c checks before it calls the table (a module of another
 * build is refused). */
const char *const store_pg_version = INMAIL_VERSION;
const size_t store_pg_table_size = sizeof store_pg_driver;

